"""Session 38 (#13): scope classes of sc72, tested both ways. An age written in words
("Three-year-old") or "teenage" is a child's, unless it names someone's relative ("her teenage
son"); anti-cancer drugs by name (rituximab), the SVC, BCG and OPEL levels are outside topics,
and a case of NG234's that names one is still answered."""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

from assistant.answers.session import new_session
from assistant.reading.scope import about_a_child, names_outside_topic


@pytest.mark.parametrize(
    "text",
    [
        "Three-year-old with neuroblastoma and epidural extension causing leg weakness",
        "eleven months old, back lump",
        "Teenage fast bowler with lumbar stress fracture on MRI",
        "a fifteen year old with back pain",
    ],
)
def test_an_age_in_words_is_a_child(text) -> None:
    assert about_a_child(text)


@pytest.mark.parametrize(
    "text",
    [
        "Her teenage son says she has breast cancer and her legs have gone weak",
        "smoked since her teenage years, lung cancer, back pain",
        "my three year old grandson is with her; she has myeloma",
        "She is seventy-three years old",
    ],
)
def test_a_relative_or_a_time_of_life_is_no_child_patient(text) -> None:
    assert not about_a_child(text)


@pytest.mark.parametrize(
    "text",
    [
        "rituximab-based chemo for follicular lymphoma",
        "tumour encasing the SVC",
        "BCG induction schedule",
        "the hospital reaches OPEL 4",
    ],
)
def test_named_outside_topics(text) -> None:
    assert names_outside_topic(text)


def test_svc_and_opel_are_whole_words() -> None:
    assert not names_outside_topic("ASVC clinic")  # not "svc" inside another word
    assert not names_outside_topic("Opelousas")


@pytest.mark.parametrize(
    "text",
    [
        "Three-year-old with neuroblastoma and epidural extension causing leg weakness - "
        "should we give dexamethasone and at what dose?",
        "Teenage fast bowler with lumbar stress fracture on MRI - how long off bowling?",
        "Should I use rituximab-based chemo or radiotherapy for a localised low-grade "
        "follicular lymphoma?",
        "Patient with a tumour encasing the SVC, face swollen. Stent or steroids first?",
        "What is the standard BCG induction and maintenance schedule for high-risk non-muscle "
        "invasive bladder cancer?",
        "How do I escalate when the hospital reaches OPEL 4 and we have no beds for admissions?",
    ],
)
def test_sc72_outside_questions_are_refused(conversation, text) -> None:
    answer = last(conversation, text)
    assert answer.out_of_scope
    assert not cited(answer)


@pytest.mark.parametrize(
    "text",
    [
        "Follicular lymphoma on rituximab, new weakness in both legs and can't pass urine",
        "Her teenage son rang: she has breast cancer and her legs have gone weak since yesterday",
        "Lung cancer, on bevacizumab, back pain that wakes her at night",
    ],
)
def test_a_case_naming_a_drug_or_a_relative_is_answered(conversation, text) -> None:
    answer = last(conversation, text)
    assert not answer.out_of_scope
    assert {"1.3.2"} & cited(answer) or "1.3.4" in cited(answer) or answer.questions


def test_how_to_treat_another_condition_on_a_live_case_is_refused(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state, "HEMS. 71M, lung cancer, can't move his legs, numb below the nipples, ?MSCC."
    )
    state, answer = conversation.respond(
        state, "He's also got a tension pneumothorax - how should I decompress it?"
    )
    assert answer.out_of_scope  # fu73-038: had been answered from the case
    state, answer = conversation.respond(state, "Spine-wise, dex dose before we fly?")
    assert not answer.out_of_scope
    assert "1.8.1" in cited(answer)


def test_how_to_tell_the_family_about_it_stays_on_the_case(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state, "Prostate cancer, new leg weakness since this morning, MRI shows MSCC at T10."
    )
    state, answer = conversation.respond(state, "how should I explain it to his wife?")
    assert not answer.out_of_scope


def test_cardiac_chest_pain_is_refused(conversation) -> None:
    answer = last(
        conversation,
        "111 call: 58M, central crushing chest pain radiating to left arm for 30 minutes, "
        "sweaty and nauseous. No cancer history, no back pain. What disposition?",
    )
    assert answer.out_of_scope  # b154: the arm pain had been read as radicular pain


@pytest.mark.parametrize(
    "text",
    [
        "How do we use the Deauville score on interim PET-CT in Hodgkin lymphoma?",
        "Which painkillers are safe while breastfeeding after a caesarean?",
        "how long does it usually take for hair to grow back after chemo for breast cancer?",
        "How should we plan fire evacuation for a ward with bed-bound patients?",
        "Can you suggest some words for a funeral for a young mum?",
    ],
)
def test_sc73_outside_questions_are_refused(conversation, text) -> None:
    answer = last(conversation, text)
    assert answer.out_of_scope
    assert not cited(answer)


def test_a_case_beside_an_outside_word_is_still_answered(conversation) -> None:
    answer = last(
        conversation,
        "Breast cancer found while she was breastfeeding 2 years ago. New weakness in both legs "
        "since this morning and she can't pass urine.",
    )
    assert not answer.out_of_scope
    assert "1.3.2" in cited(answer)


def test_a_correction_naming_the_cancers_past_treatment_is_answered(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state,
        "72M on our ward, prostate cancer, new low back pain for 3 weeks that's worse lying flat "
        "at night and keeps him awake. Neuro intact, continent, walking with his stick as usual.",
    )
    state, answer = conversation.respond(
        state,
        "Sorry, I read the wrong letter - it's NOT prostate, it's bladder cancer (TURBT + BCG "
        "2019, cystectomy 2021). Does that change anything?",
    )
    assert not answer.out_of_scope  # b148: refused once BCG was an outside topic
    assert "1.3.3" in cited(answer)
    state, answer = conversation.respond(state, "what is the BCG maintenance schedule?")
    assert answer.out_of_scope
