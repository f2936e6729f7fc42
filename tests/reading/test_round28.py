"""Session 16 (#12): the three red flags round 28 recorded absent, fixed as classes, both ways.

- Feeling the legs is sensation: "he can feel his legs fine" says nothing about power, so it
  never denies a weakness; "his legs are fine" still does.
- Legs that will not hold the patient up are weak legs and a walking difficulty.
- A negation of a negation asserts: "not a day goes by without her falling"; "walks without
  falling" still denies the falls.
- "numb saddle area" said as found after a denial of another site is not denied, and a doubt
  about a finding doubts every red flag its words state ("?saddle numbness": a cord sign and a
  sensory change, both asked).
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract as reading

DAD = (
    "Writing for my dad who has kidney cancer that has spread to his bones. This morning his "
    "legs just wouldn't hold him. He says he can feel his legs fine and there's no tingling."
)


def test_feeling_the_legs_is_sensation_not_power() -> None:
    read = facts(DAD)
    assert read["limb_weakness"] == "yes"
    assert read["gait_disturbance"] == "yes"
    assert read["sensory_loss"] == "no"
    assert "limb_weakness" not in facts("Lung ca. He can feel his legs fine.")
    assert facts("Lung ca. He can feel his legs fine.")["sensory_loss"] == "no"


def test_legs_said_to_be_fine_still_deny_weakness() -> None:
    assert facts("Lung ca. His legs are fine, no weakness.")["limb_weakness"] == "no"
    assert facts("Prostate ca. Legs fine.")["limb_weakness"] == "no"


@pytest.mark.parametrize(
    "text",
    [
        "Her legs won't support her weight any more. Breast ca.",
        "Myeloma. Legs just won't hold him up.",
        "Prostate ca. His legs couldn't carry him to the toilet.",
    ],
)
def test_legs_that_will_not_hold_are_weak(text: str) -> None:
    read = facts(text)
    assert read["limb_weakness"] == "yes"
    assert read["gait_disturbance"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Not a day goes by without her falling now. Melanoma with thoracic mets.",
        "Lung ca. He can't go a day without falling.",
        "Myeloma. Never a night without the pins and needles in her feet.",
    ],
)
def test_a_negated_without_asserts(text: str) -> None:
    read = facts(text)
    assert "no" not in {read.get("gait_disturbance"), read.get("sensory_loss")}
    assert "yes" in {read.get("gait_disturbance"), read.get("sensory_loss")}


def test_a_plain_without_still_denies() -> None:
    assert facts("Prostate ca. Walks without falling.")["gait_disturbance"] == "no"


@pytest.mark.parametrize(
    "text",
    [
        "No numbness in the legs, numb saddle area. Cervical ca.",
        "No bladder problems, numb feet. Bowel cancer.",
    ],
)
def test_numb_with_a_site_is_said_as_found(text: str) -> None:
    assert facts(text)["sensory_loss"] == "yes"


def test_numb_in_a_list_closed_by_or_is_denied() -> None:
    assert facts("Breast ca. No tingling, numb feet or weakness.")["sensory_loss"] == "no"


def test_a_doubted_finding_doubts_every_red_flag_it_states() -> None:
    read = reading("Lung ca. No numbness in the legs, saddle numbness.")
    assert "sensory_loss" not in read.facts
    assert {"sensory_loss", "cord_signs"} <= set(read.uncertain)
    hedged = reading("Melanoma; ? saddle numbness; L leg weaker")
    assert {"sensory_loss", "cord_signs"} <= set(hedged.uncertain)
    assert facts("Melanoma. Saddle numbness.")["sensory_loss"] == "yes"
