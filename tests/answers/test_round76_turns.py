"""Session 38 (#13): scope classes of sc72, tested both ways. An age written in words
("Three-year-old") or "teenage" is a child's, unless it names someone's relative ("her teenage
son"); anti-cancer drugs by name (rituximab), the SVC, BCG and OPEL levels are outside topics,
and a case of NG234's that names one is still answered."""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

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
