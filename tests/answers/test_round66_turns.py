"""Session 33 (#13, #14): round 66's conversation classes, tested both ways: a resident named
before her room in a care-home message, a message about no patient, a follow-up that adds
only where the patient is, both MRI timings for "how urgent is imaging?" on a live case, a lay
switch to a different person, and outside topics on a live case."""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

from assistant.answers.order import grouped

CARE_HOME = (
    "Night shift at the care home. Two residents on my mind but it's Doris I need help with.\n"
    "- Mabel (room 6): no cancer, dementia, incontinent and unsteady on her feet for months.\n"
    "- Doris (room 4): breast cancer. Says her back has been hurting for 2 weeks, worse when she "
    "coughs, and it's waking her at night. Walked to the lounge fine today, no accidents, no "
    "numbness she says.\n"
    "What does Doris need?"
)


def _first(answer, n: int) -> list[str]:
    rows = [r for _, items in grouped(answer) for r in items]
    return [c for r in rows[:n] for c in getattr(r, "cites", [getattr(r, "id", "")])]


def test_a_resident_named_before_her_room_is_read_alone(conversation) -> None:
    answer = last(conversation, CARE_HOME)
    assert "1.3.2" not in cited(answer)  # b133: Mabel's incontinence was read as Doris's
    assert {"1.3.3", "1.5.3"} <= set(cited(answer))
    assert answer.facts.get("bladder_bowel_dysfunction") == "no"
    # without a line naming who the message is about, every line is read (never under-called)
    both = last(
        conversation,
        CARE_HOME.replace("What does Doris need?", "Thoughts?").replace(
            "but it's Doris I need help with", ""
        ),
    )
    assert "1.3.2" in cited(both)


@pytest.mark.parametrize(
    "text",
    [
        "Quick one between patients - why does NICE go for a single 8 Gy fraction rather than a "
        "multi-fraction course for MSCC? Some of our consultants still prefer 20 Gy in 5.",
        "Not about me right now, I just want to understand (I have breast cancer): how quickly "
        "should the MRI happen if someone has cord compression?",
    ],
)
def test_a_message_about_no_patient_records_nothing(conversation, text) -> None:
    answer = last(conversation, text)
    assert answer.turn == "question" and answer.facts == {}


def test_a_patient_named_beside_no_patient_words_is_still_a_case(conversation) -> None:
    answer = last(conversation, "not about me - my dad, 70, prostate ca, legs weak. what now?")
    assert answer.facts.get("limb_weakness") == "yes"


OVERNIGHT = (
    "AOS on call, 23:10. 66F, known metastatic breast ca. 4 days of progressive leg weakness, now "
    "needs 2 to walk, new urinary hesitancy. Mid-thoracic pain."
)


def test_a_follow_up_adding_only_where_she_is_is_ordered_by_its_question(conversation) -> None:
    answer = last(
        conversation,
        OVERNIGHT,
        "Radiology reg asking if the MRI can wait until the 08:00 list rather than scanning "
        "overnight - she's been stable on the ward for the last few hours. Can it wait till "
        "morning?",
    )
    assert "1.5.4" in _first(answer, 3)  # b134: 1.12.3 (discharge planning) led instead
    assert answer.facts["admitted"] == "yes"
    # a follow-up adding a finding is still ordered by the case's urgent actions
    worse = last(conversation, OVERNIGHT, "Now numb from the waist down too - what next?")
    assert _first(worse, 1) == ["1.3.2"]


def test_how_urgent_is_imaging_on_a_live_case_gives_both_timings(conversation) -> None:
    answer = last(
        conversation,
        "OOH GP. 71M with known lung cancer, 3 weeks of progressive low back pain.",
        "How urgent is imaging?",
    )
    assert {"1.5.2", "1.5.3"} <= set(_first(answer, 4))  # fu63-031: 1.5.3 folded away


def test_a_lay_switch_to_a_different_person_clears_the_case(conversation) -> None:
    answer = last(
        conversation,
        "my dad has bowel cancer and his back hurts when he coughs",
        "ok thanks now a different person my uncle he has prostate cancer his back hurts at "
        "night and his legs have gone weak",
    )
    assert answer.turn == "new_patient" and "pain_straining" not in answer.facts
    same = last(conversation, "my dad has bowel cancer", "now his legs are weak")
    assert same.turn != "new_patient" and same.facts["cancer_diagnosis"] == "yes"


@pytest.mark.parametrize(
    "aside",
    [
        "Also her blood sugar is 3.2, what do I give her for that?",
        "His INR is 6.2 on warfarin - should I omit doses?",
    ],
)
def test_outside_topics_on_a_live_case_are_refused_and_the_case_kept(conversation, aside) -> None:
    case = "Resident Mary, 90, has breast cancer with spine mets, new numbness in her legs tonight."
    answer = last(conversation, case, aside)
    assert answer.out_of_scope and answer.facts["sensory_loss"] == "yes"
    after = last(conversation, case, aside, "ok, and about her legs, who do I call?")
    assert "1.3.2" in cited(after)


# --- round 67 ----------------------------------------------------------------------------------


def test_a_statement_before_a_dashs_question_is_written(conversation) -> None:
    answer = last(
        conversation,
        "Onc SHO. 45M, no known cancer. CT shows suspected spinal metastases, radiologically "
        "suspected lymphoma. Back pain, no neurological symptoms or signs.",
        "haematology say stem cell harvest is being considered later — can he have radiotherapy?",
    )
    assert answer.facts.get("stem_cell_harvest_considered") == "yes"  # fu64-048


def test_a_topic_before_a_dashs_question_is_asked_not_written(conversation) -> None:
    answer = last(
        conversation,
        "starting strong opioids for spinal mets pain in palliative care - what does NICE say "
        "about titration?",
    )
    assert answer.turn == "question" and answer.facts == {}
    # findings listed before the dash are still stated
    case = last(
        conversation,
        "breast ca with painful spinal mets, no MSCC - should we give bisphosphonates?",
    )
    assert case.facts.get("spinal_metastases") == "confirmed"


def test_a_code_mixed_switch_to_a_different_patient_clears_the_case(conversation) -> None:
    answer = last(
        conversation,
        "Sat sri akal ji. Mere chacha ji, 68, nu prostate cancer hai. Ohna nu back pain at night "
        "hai, neend nahi aundi.",
        "Ok ji. Hun different patient — meri bhua ji, 75, breast cancer si 2018 vich, ajj ohna "
        "diyan legs weak ho gayian.",
    )
    assert answer.turn == "new_patient" and answer.facts.get("limb_weakness") == "yes"
    assert "pain_night" not in answer.facts  # fu64-020: the uncle's night pain was kept
    assert "1.3.2" in cited(answer)


def test_a_superseded_or_repeated_action_is_folded(conversation) -> None:
    answer = last(
        conversation,
        "74F, metastatic breast ca, MRI: MSCC at T12 with a pathological fracture, SINS 14. Severe "
        "mechanical back pain on sitting and turning; mild leg weakness. Not fit for surgery.",
    )
    act = [r for r in answer.recommendations if r.group == "act"]
    cites = [tuple(r.cites) for r in act]
    assert len(cites) == len(set(cites))  # one row per recommendation among the actions
    assert not any(r.rule == "R1.4.2-consider-immobilisation" for r in act)
    assert any(r.rule == "R1.4.1-immobilise-without-delay" for r in act)
    assert "1.10.4" in _first(answer, 7)


def test_a_question_someone_else_asks_writes_nothing(conversation) -> None:
    case = (
        "ClinOnc reg on call, 01:50. 66F, breast ca with known bone mets. Since yesterday her legs "
        "feel heavy and she's walking with a stick. Power 4+/5 both legs."
    )
    answer = last(
        conversation,
        case,
        "The radiology registrar is asking: does she need the MRI overnight, or can it wait for "
        "the 08:00 list?",
    )
    assert "urgent_diagnosis_for_immediate_treatment" not in answer.facts  # b116, in the sweep
    assert "1.5.4" in _first(answer, 3)
    told = last(conversation, case, "The registrar says she is now unable to walk.")
    assert told.facts["gait_disturbance"] == "yes"
