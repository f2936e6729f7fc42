"""Session 32 (#13): round 64's conversation classes, tested both ways: a new patient named
after a comma ("…, different patient."), outside topics asked on a live case (the case kept),
and outside topics asked alone; an NG234 question on the same case is still answered."""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

LOLA = (
    "Hello po, I'm asking for my lola. She has breast cancer po, diagnosed 2021. Ngayon she "
    "has severe back pain at night and she can't walk properly since kahapon."
)


def test_a_different_patient_named_after_a_comma_is_a_new_case(conversation) -> None:
    answer = last(
        conversation,
        LOLA,
        "Sorry po, another question about my lolo naman, different patient. He has no cancer, "
        "pero he has back pain na progressive for 2 months and the doctor suspects cancer.",
    )
    assert answer.turn == "new_patient"  # fu61-023: read as a correction, her gait kept
    assert "gait_disturbance" not in answer.facts and "pain_night" not in answer.facts
    assert "1.3.5" in cited(answer)
    # the same patient again is no switch
    same = last(conversation, LOLA, "Sorry po, also her legs are numb since this morning.")
    assert same.turn != "new_patient" and same.facts["gait_disturbance"] == "yes"


MSCC_CASE = (
    "Ortho SHO. 62M, lung cancer, MRI confirmed MSCC at T4, bilateral leg weakness, awaiting "
    "surgery, dexamethasone 16 mg given."
)


@pytest.mark.parametrize(
    "aside",
    [
        "He's now in fast AF, what rate control should I use?",
        "also can he have his covid booster this week? 💉",
    ],
)
def test_an_outside_topic_on_a_live_case_is_refused_and_the_case_kept(conversation, aside) -> None:
    answer = last(conversation, MSCC_CASE, aside)
    assert answer.out_of_scope
    assert answer.facts["mscc"] == "confirmed" and answer.facts["limb_weakness"] == "yes"
    after = last(conversation, MSCC_CASE, aside, "continue the dex tomorrow?")
    assert not after.out_of_scope and "1.8.1" in cited(after)


@pytest.mark.parametrize(
    "text",
    [
        "Maximum daily dose of paracetamol in someone weighing 45 kg?",
        "Should smokers get a CT scan to screen for lung cancer?",
        "Hello po, si Lola may type 2 diabetes, ano po ang tamang dose ng metformin niya? "
        "Wala naman po siyang cancer o sakit sa likod.",
    ],
)
def test_round64_outside_topics_are_refused(conversation, text) -> None:
    answer = last(conversation, text)
    assert answer.out_of_scope and not answer.recommendations


@pytest.mark.parametrize(
    "text",
    [
        "What dose of dexamethasone for suspected MSCC?",
        "Should people with known spinal metastases have routine MRI to screen for MSCC?",
    ],
)
def test_ng234_questions_near_those_topics_are_answered(conversation, text) -> None:
    assert not last(conversation, text).out_of_scope
