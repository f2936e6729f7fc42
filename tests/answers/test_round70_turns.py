"""Session 35 (#13, #14): round 70's turns and order, tested both ways: corticosteroids asked
about for severe pain lead with NG234's exception (1.8.3) beside its prohibition (1.8.7); a
claim that the MRI can wait, questioned, is no recorded fact; a question that doubts what one
recommendation turns on is answered with it (1.5.4); a key action a question also names stays
among the actions; the urgency of surgery (1.11.4) leads while surgery is considered for
confirmed MSCC; a bare confirmation confirms the suspicion; round 70's outside topics."""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

DEX = (
    "52F, metastatic breast ca. MRI yesterday confirms L2 vertebral metastasis, no epidural "
    "disease, no cord compression. Neuro intact. Pain severe, 9/10, despite regular morphine, "
    "and she can't sleep."
)


def _ranks(answer) -> dict[str, int]:
    rows = [*answer.recommendations, *answer.conditional, *answer.lookups]
    out: dict[str, int] = {}
    for row in sorted(rows, key=lambda r: r.rank):
        for c in getattr(row, "cites", None) or [row.id]:
            out.setdefault(c, row.rank)
    return out


def test_a_corticosteroid_question_leads_with_the_exception_beside_the_prohibition(
    conversation,
) -> None:
    answer = last(conversation, DEX + " Should she have dexamethasone?")
    ranks = _ranks(answer)
    assert ranks["1.8.3"] < ranks["1.8.7"] <= 3  # b133, b137, b139-b141: 1.8.3 was 7th-9th
    # the same case, nothing asked about corticosteroids: the exception is not lifted
    plain = _ranks(last(conversation, DEX))
    assert plain["1.8.3"] > 3


NIGHT = (
    "Hospital at night coordinator, it's 2am. 70F, lung adenoca with bone mets, new weakness in "
    "both legs since about 6pm, now needs 2 to stand. Thoracic back pain."
)


def test_a_claim_that_the_mri_can_wait_questioned_is_not_recorded(conversation) -> None:
    answer = last(
        conversation,
        NIGHT,
        "The on-call radiographer says the MRI can wait for the 9am list. Can it wait till "
        "morning?",
    )
    assert answer.facts.get("urgent_diagnosis_for_immediate_treatment") != "no"  # b138
    assert "1.5.4" in {c for r in answer.conditional for c in r.cites} | cited(answer)
    # the same claim, not questioned, is what the writer reports
    told = last(conversation, NIGHT, "Radiology say the MRI can wait for the 9am list.")
    assert told.facts.get("urgent_diagnosis_for_immediate_treatment") == "no"


ONC = (
    "Acute oncology, 23:40. 61F known endometrial ca, 2 days of progressive bilateral leg "
    "weakness, now needs 2 to walk, new urinary hesitancy. Dex 16 mg given at 22:00."
)


def test_a_question_that_doubts_one_recommendation_is_answered_with_it(conversation) -> None:
    answer = last(
        conversation,
        ONC,
        "Radiology on-call is asking if the MRI can wait for the 9am list since that's still "
        "within 24 hours. Is that reasonable per NICE?",
    )
    ranks = _ranks(answer)
    assert ranks["1.5.4"] <= 3  # b141: 1.5.4 was not in the answer at all
    # the MRI itself, a key action the question also names, stays among the actions (shown)
    assert next(r for r in answer.recommendations if "1.5.2" in r.cites).group == "act"
    assert answer.facts.get("urgent_diagnosis_for_immediate_treatment") is None
    # a doubt many rules turn on asks for no row of its own (test_turns keeps the stability one)
    plain = last(conversation, ONC, "what dose of dexamethasone?")
    assert "1.5.4" not in {c for r in plain.conditional if r.group == "asked" for c in r.cites}


UNKNOWN_PRIMARY = (
    "55M, no cancer history. MRI for acute leg weakness shows a T4 epidural mass compressing "
    "the cord with vertebral body destruction, looks metastatic, primary unknown. Power has "
    "dropped from 4/5 to 2/5 over the last 6 hours."
)


def test_the_urgency_of_surgery_leads_while_surgery_is_considered(conversation) -> None:
    answer = last(
        conversation,
        UNKNOWN_PRIMARY + " The med reg wants a CT-guided biopsy first before any surgery - "
        "should we wait for that?",
    )
    row = next(r for r in answer.recommendations if "1.11.4" in r.cites)
    assert row.group == "act" and row.rank <= 6  # b138-b142: 8th to 12th, folded
    # nobody considering surgery: 1.11.4 stays folded with the other supporting rows
    plain = last(conversation, UNKNOWN_PRIMARY)
    assert next(r for r in plain.recommendations if "1.11.4" in r.cites).group == "more_actions"


def test_a_bare_confirmation_confirms_the_suspicion(conversation) -> None:
    answer = last(
        conversation,
        "Spinal reg. ?MSCC in a 70M with lung cancer, referred from ED.",
        "confirmed on MRI - T5",
    )
    assert answer.facts["mscc"] == "confirmed"  # fu67-044: stayed suspected
    first = last(conversation, "confirmed on MRI - T5. 70M with lung cancer.")
    assert first.facts.get("mscc") != "confirmed"  # nothing suspected to confirm


def test_surgery_now_unsuitable_for_an_unstable_spine_offers_external_support(
    conversation,
) -> None:
    answer = last(
        conversation,
        "55F, lung adenocarcinoma EGFR+, PS 1. MRI: MSCC at T12 with pathological fracture. "
        "Severe mechanical back pain not controlled despite opioids, mild bilateral leg "
        "weakness. Spinal surgery team keen to stabilise.",
        "Update: anaesthetics have reviewed and she has a new large PE with severe pulmonary "
        "hypertension - surgery is now not suitable for her. What should we offer instead for "
        "the unstable spine?",
    )
    assert answer.facts["suitable_for_surgery"] == "no"  # b141
    assert "1.11.9" in cited(answer)
    assert not any("hypotension" in n for n in answer.notices)  # a real word, not a typo


@pytest.mark.parametrize(
    "message",
    [
        "How is tabes dorsalis diagnosed and treated?",
        "How do you manage radiation proctitis after pelvic radiotherapy?",
        "How long should a postmenopausal woman take letrozole after breast cancer surgery?",
    ],
)
def test_round_70_outside_topics_are_refused(conversation, message) -> None:
    assert last(conversation, message).out_of_scope


def test_a_patient_on_letrozole_with_a_red_flag_is_answered(conversation) -> None:
    answer = last(conversation, "Breast ca, taking letrozole, new numbness in both legs today.")
    assert not answer.out_of_scope
    assert "1.3.2" in cited(answer)


def test_a_dog_walked_is_no_animal_patient_but_a_dog_treated_is(conversation) -> None:
    walked = last(
        conversation,
        "Kidney cancer patient. Everything below my belly button feels like it's been to the "
        "dentist - numb. Legs still work fine and I walked the dog with no trouble.",
    )
    assert not walked.out_of_scope  # rf70-181: refused on the first run
    assert walked.facts["sensory_loss"] == "yes"
    dog = last(
        conversation,
        "Can a dog with a spinal tumour causing back leg weakness be treated with steroids?",
    )
    assert dog.out_of_scope  # sc54-079, kept refused
