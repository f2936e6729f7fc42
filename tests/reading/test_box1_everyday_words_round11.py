"""Box 1 findings in the everyday words of the round-11 red-flag set (issue #12).

Each is read as the patient's finding; the same words denied are not read as present; words
that carry a negation of their own ("can't feel the floor", "hands have no grip") are a finding,
never a denial of one."""

from __future__ import annotations

import pytest

from assistant.reading.extract import extract

FOUND = [
    ("myeloma. found on floor, says her legs just gave way under her", "gait_disturbance"),
    ("renal ca, knees buckling", "gait_disturbance"),
    ("ovarian ca, shuffling when walking", "gait_disturbance"),
    ("lung ca, keeps losing his balance", "gait_disturbance"),
    ("lung ca. Gait: ataxic", "gait_disturbance"),
    ("lung ca, now needs two carers to walk him to the bathroom", "gait_disturbance"),
    ("breast ca. reduced pinprick both legs to mid thigh", "sensory_loss"),
    ("bowel ca, she can't feel the floor", "sensory_loss"),
    ("renal ca, no feeling in his feet", "sensory_loss"),
    ("breast ca, having 'accidents' with her bowels", "bladder_bowel_dysfunction"),
    ("myeloma. she can't tell when she needs to pee and is leaking", "bladder_bowel_dysfunction"),
    ("prostate ca, lost control of his waterworks on standing", "bladder_bowel_dysfunction"),
    ("prostate ca, wife says his legs have gone to jelly", "limb_weakness"),
    ("thyroid ca, says her hands have no grip", "limb_weakness"),
    ("prostate ca. electric shocks shooting down the back of his L leg", "radicular_pain"),
    (
        "renal ca, her chest feels like there's a tight band round it from the back",
        "radicular_pain",
    ),
]


@pytest.mark.parametrize(("text", "fact"), FOUND)
def test_everyday_words_are_read_as_the_finding(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) == "yes", extract(text).evidence


DENIED = [
    ("renal ca, knees not buckling", "gait_disturbance"),
    ("lung ca, no shuffling, walks normally", "gait_disturbance"),
    ("breast ca, no accidents with her bowels", "bladder_bowel_dysfunction"),
    ("prostate ca. no electric shocks shooting down his leg", "radicular_pain"),
]


@pytest.mark.parametrize(("text", "fact"), DENIED)
def test_the_same_words_denied_are_not_present(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) != "yes", extract(text).evidence


def test_a_past_normal_beside_a_new_walking_aid_is_never_a_denial_now() -> None:
    """Round 12's one recorded absent (rf12-013): 'was walking unaided' is how the patient
    used to walk, and the frame is new."""
    text = (
        "Handover 19:00\nBay 2 bed 6, lymphoma\nPain controlled\nCatheterised at 16:00 for "
        "retention, residual 1.1L\nMobilising with frame (new since admission, was walking "
        "unaided)"
    )
    assert extract(text).facts.get("gait_disturbance") == "yes"
    assert extract("lymphoma. was walking unaided").facts.get("gait_disturbance") is None


@pytest.mark.parametrize("text", ["lymphoma. gait was normal on examination", "walking unaided"])
def test_a_normal_gait_now_is_still_a_denial(text: str) -> None:
    assert extract(text).facts.get("gait_disturbance") == "no"
