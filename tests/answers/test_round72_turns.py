"""Session 36 (#13): round 72's turns, tested both ways: a question whose premise names the
writer's own body or relative's finding is that person's case; a wrong bed corrected keeps what
the correction restates; a correction re-answers the question it corrects with its rows; a case
that asks which features count shows Box 1 among its actions; a Punjabi-English message is read,
not refused; an erectile-dysfunction drug aside is refused on a live case."""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

from assistant.answers.chat import new_session


def _all_cited(answer) -> set[str]:
    rows = (*answer.recommendations, *answer.conditional)
    return {c for r in rows for c in r.cites} | {lk.id for lk in answer.lookups}


@pytest.mark.parametrize(
    "text",
    [
        "Why would my mum, who has bowel cancer, suddenly get pins and needles in both legs?",
        "Can the tingling in my feet be from the chemo for my breast cancer, or is it my spine?",
    ],
)
def test_a_question_about_the_writers_own_finding_is_their_case(conversation, text) -> None:
    answer = last(conversation, text)
    assert answer.facts["sensory_loss"] == "yes"  # rf72-130, 134: nothing had been written
    assert "1.3.2" in cited(answer)


def test_a_general_question_about_a_finding_writes_nothing(conversation) -> None:
    answer = last(conversation, "Why would someone with bowel cancer get pins and needles?")
    assert "sensory_loss" not in answer.facts


WRONG_BED = (
    "Med student on ward round - bed 6: 64F, lung ca, weakness in both legs since yesterday and "
    "can't pass urine."
)


def test_a_wrong_bed_correction_keeps_what_it_restates(conversation) -> None:
    answer = last(
        conversation,
        WRONG_BED,
        "Sorry, mixed my notes up – the leg weakness and retention is bed 4 (no cancer, being "
        "worked up for GBS). Bed 6 with lung ca actually has back pain that's worse lying down "
        "and at night, neuro exam normal, walking to the toilet fine.",
    )
    assert not answer.out_of_scope  # b145: refused as a GBS question
    assert answer.facts["cancer_diagnosis"] == "yes"  # restated, not taken back
    assert answer.facts.get("limb_weakness") != "yes"
    assert {"1.3.3", "1.5.3"} <= cited(answer)
    assert "1.3.2" not in cited(answer)


def test_a_correction_naming_only_the_taken_back_finding_takes_it_back(conversation) -> None:
    answer = last(
        conversation,
        WRONG_BED,
        "Sorry, mixed my notes up - the leg weakness is another patient's.",
    )
    assert answer.facts.get("limb_weakness") != "yes"


BISPHOSPHONATE = (
    "Uro reg: 74M prostate ca on ADT, PSA rising. 3 weeks of progressive low back pain, worse at "
    "night. Neuro exam normal, bladder/bowels normal. Can I start zoledronic acid for the pain?"
)


def test_a_correction_re_answers_the_question_with_its_rows(conversation) -> None:
    answer = last(
        conversation,
        BISPHOSPHONATE,
        "Sorry - wrong notes open. This man has muscle-invasive bladder cancer (cystectomy "
        "2023), no prostate cancer. Symptoms otherwise the same. Does that change the answer?",
    )
    assert "1.7.13" in _all_cited(answer)  # b146: the bisphosphonate rows had gone
    # shown, not folded: the prohibition asked about waits on spinal metastases confirmed
    assert any("1.7.13" in r.cites and r.group == "pending" for r in answer.conditional)
    plain = last(conversation, "74M bladder ca, progressive low back pain, worse at night.")
    assert "1.7.13" not in _all_cited(plain)


FEATURES = (
    "med student on placement - pt in clinic, 70M, had prostate ca treated 4 yrs ago, c/o lower "
    "back ache + cramping in his calves when he walks that eases when he stops."
)


def _rank(answer, pid: str) -> int:
    rows = sorted(
        (*answer.recommendations, *answer.conditional, *answer.lookups), key=lambda r: r.rank
    )
    return next(i for i, r in enumerate(rows, 1) if pid == getattr(r, "id", None) or pid in r.cites)


def test_a_case_asking_which_features_count_shows_box_1_among_its_actions(conversation) -> None:
    asked = last(
        conversation,
        FEATURES + " Does that count as a spinal mets feature in NG234 or is it vascular?",
    )
    assert _rank(asked, "box-1") <= 6  # b145: 33rd
    assert _rank(asked, "1.3.1") <= 6
    plain = last(conversation, FEATURES + " What should I do?")
    assert _rank(plain, "1.3.3") == 1
    assert all(lk.group == "related" for lk in plain.lookups if lk.id == "box-1")


def test_a_dose_question_shows_the_cover_beside_the_dose(conversation) -> None:
    answer = last(
        conversation,
        "District nurse. Out of interest, if one of my patients with cancer gets suspected cord "
        "compression, what dose of dexamethasone does the NICE guideline say, and is anything "
        "else given alongside it?",
    )
    assert _rank(answer, "1.8.8") <= 6  # b145: 25th


PUNJABI = (
    "Sat Sri Akal ji. Meri wife 58 saal di aa, ohnu 2019 vich breast cancer si, operation te "
    "chemo ho gayi si. 3 din ton kamar (back) vich bahut dard aa. Kal ton ohdiyan dono lattan "
    "kamzor ho gaiyan, pair ghasit ke turdi aa, 2 vaari diggan lagi. Aj sabah ton peshab theek "
    "tarah nahi aa reha. Ki karna chahida?"
)


def test_a_punjabi_english_message_is_read_not_refused(conversation) -> None:
    answer = last(conversation, PUNJABI)
    assert not answer.out_of_scope  # b146: "NG234 does not cover this"
    assert {"1.3.2", "1.5.2", "1.8.1"} <= cited(answer)
    fine = last(conversation, "Meri wife nu breast cancer si. Hun theek aa.")
    assert "1.3.2" not in cited(fine)


def test_an_old_mscc_with_no_symptoms_asked_about_mri_shows_1_5_6(conversation) -> None:
    answer = last(
        conversation,
        "Post-take: 59F, breast ca 2017, T11 MSCC in 2018 treated with radiotherapy - she had L "
        "leg weakness at the time, fully resolved, walks unaided. Admitted now with CAP. No back "
        "pain, no new leg symptoms, no numbness, bladder and bowels normal. F1 asking whether "
        "she needs a spinal MRI while she's in 'because of the MSCC history'.",
    )
    assert "1.5.6" in cited(answer)
    assert _rank(answer, "1.5.6") <= 6


def test_an_erectile_dysfunction_drug_aside_is_refused_and_the_case_kept(conversation) -> None:
    state = new_session()
    state, first = conversation.respond(
        state, "kidney cancer, spread to my spine at T10 (confirmed on scan). back pain is bad"
    )
    state, aside = conversation.respond(state, "what dose of sildenafil can i take with my meds")
    assert aside.out_of_scope  # fu69-035
    assert aside.turn == "follow_up"
    assert aside.facts == first.facts
    state, back = conversation.respond(state, "ok sorry. should i be lying flat?")
    assert not back.out_of_scope


def test_going_back_to_the_first_caller_is_a_switch_with_new_facts_only(conversation) -> None:
    state = new_session()
    for message in (
        "Caller: 50M with lymphoma, back pain and numb legs since yesterday.",
        "different pt - 84F, previous thyroid cancer, progressive neck pain over 2 months.",
    ):
        state, _ = conversation.respond(state, message)
    state, back = conversation.respond(
        state, "going back to the first caller, the man from before - he now can't pass urine"
    )
    assert back.turn == "new_patient"  # fu69-019: the thyroid patient's pain had been carried
    assert "pain_progressive" not in back.facts
    state, same = conversation.respond(state, "He was the first caller with this today.")
    assert same.turn != "new_patient"
