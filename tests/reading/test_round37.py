"""Session 19 (#12, H02): round 37's three red flags recorded absent, fixed as classes after
its first run, each tested both ways.

- "Not that he has no weakness - he does": a denial inside "not that …" is a double negation.
- "No weakness, numbness or bladder issues, radicular pain L5": the "or" closed the list; a
  finding past the next bare comma is stated.
- "walks with a new frame since Monday": a new walking aid is a change in walking (beside a
  denial of falls it is asked, never absent).
"""

from __future__ import annotations

import pytest
from chat_helpers import facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Not that he has no weakness - he does, but it's mild, 4+/5. No numbness though.",
            "limb_weakness",
        ),
        (
            "No weakness, numbness or bladder issues, radicular pain L5 on the right.",
            "radicular_pain",
        ),
        ("Walks with a new frame since Monday. Breast cancer.", "gait_disturbance"),
    ],
)
def test_round37_stated_red_flags_are_present(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "yes"


def test_a_new_walking_aid_beside_a_denial_of_falls_is_never_absent() -> None:
    said = facts("Denies falls, walks with a new frame since Monday. Breast cancer.")
    assert said.get("gait_disturbance") != "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("he has no weakness", "limb_weakness"),
        ("No weakness, numbness or incontinence.", "bladder_bowel_dysfunction"),
        ("no weakness, numbness or tingling, or incontinence", "bladder_bowel_dysfunction"),
        ("No weakness, numbness or bladder issues, radicular pain L5.", "sensory_loss"),
    ],
)
def test_round37_denials_still_deny(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "no"


def test_a_usual_walking_aid_is_no_change() -> None:
    assert "gait_disturbance" not in facts("walks with his usual frame")
