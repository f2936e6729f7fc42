"""Session 19 (#12, H02): round 36's three red flags recorded absent, fixed as classes after
its first run, each tested both ways.

- A sphincter sign named by its absent part ("absent voluntary squeeze on PR", "no anal wink")
  is a found sign; a trailing denial whose own subject is another word ("reduced sensation and
  reflexes absent") leaves the finding before it asked, never absent.
- A finding said as a contrast after a normal site ("Sensation normal in the legs but reduced
  in both hands") is present.
- A double negation ("He's not not incontinent - he's had two accidents today") negates nothing.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Colorectal cancer. Examination: reduced anal tone and absent voluntary squeeze on "
            "PR. Legs: power 4+/5 bilaterally.",
            "cord_signs",
        ),
        ("Renal cancer. Sensation normal in the legs but reduced in both hands.", "sensory_loss"),
        ("Power normal in the arms but reduced in the legs.", "limb_weakness"),
        (
            "Renal cancer. He's not not incontinent - he's had two accidents today.",
            "bladder_bowel_dysfunction",
        ),
    ],
)
def test_round36_stated_red_flags_are_present(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "yes"


def test_a_trailing_denial_of_another_word_leaves_the_finding_asked() -> None:
    assert facts("reduced sensation and reflexes absent").get("sensory_loss") != "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("numbness and incontinence absent", "sensory_loss"),
        ("numbness and incontinence absent", "bladder_bowel_dysfunction"),
        ("Sensation normal throughout.", "sensory_loss"),
        ("he is not incontinent", "bladder_bowel_dysfunction"),
        ("PR: normal tone and squeeze", "cord_signs"),
    ],
)
def test_round36_denials_still_deny(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "no"


def test_a_contrast_needs_a_normal_site_first() -> None:
    # "not that she has no feeling ... but it's reduced below both knees": still present
    text = (
        "It's not that she has no feeling in her legs - she has some - but it's reduced below "
        "both knees."
    )
    assert facts(text)["sensory_loss"] == "yes"
    assert facts("sensation normal, but he is worried")["sensory_loss"] == "no"
