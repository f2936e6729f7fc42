"""Session 18 (#12): round-34 reading classes, fixed as data, each tested both ways.

- The three red flags recorded absent on the first run: bladder hesitancy said in running words
  ("having to strain to get the flow started") after a denial of incontinence; increased tone
  ("tone is increased in both legs") after "clonus absent"; a negation of a change ("No sign of
  the pins and needles settling") read as a denial.
- "The old leg weakness is long gone"; "they found its pressing on his spinal cord"; "legs feel
  normal"; "power, tone, reflexes and sensation all normal".
"""

from __future__ import annotations

import pytest
from chat_helpers import facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "He's not incontinent, but he is having to strain to get the flow started, "
            "which is new.",
            "bladder_bowel_dysfunction",
        ),
        ("Clonus absent, though tone is increased in both legs. Myeloma.", "cord_signs"),
        (
            "No sign of the pins and needles settling; if anything they're spreading up her legs.",
            "sensory_loss",
        ),
    ],
)
def test_round34_red_flags_stated_with_a_denial_are_present(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("not incontinent, no hesitancy", "bladder_bowel_dysfunction"),
        ("tone normal, no clonus", "cord_signs"),
        ("no pins and needles", "sensory_loss"),
    ],
)
def test_round34_plain_denials_still_deny(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("legs recovered fully - the old leg weakness is long gone", "limb_weakness", "no"),
        (
            "my grandad has bowel cancer and they found its pressing on his spinal cord",
            "mscc",
            "confirmed",
        ),
        ("legs feel normal, no numbness or tingling", "limb_weakness", "no"),
        ("Gait normal, power, tone, reflexes and sensation all normal", "cord_signs", "no"),
    ],
)
def test_round34_phrasings(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("his legs feel weak", "limb_weakness"),
        ("tone increased, reflexes brisk, sensation normal", "cord_signs"),
    ],
)
def test_round34_phrasings_do_not_overreach(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("pt in bay 3 known prostate ca, legs gone weak, back killin him", "back_pain", "yes"),
        ("he's finding it really hard to walk", "gait_disturbance", "yes"),
        ("The surgeon offered an operation but I've said no.", "surgery_declined", "yes"),
        ("MRI confirms myeloma in the L1 vertebra", "spinal_metastases", "confirmed"),
        ("I have lung cancer that has spread to my spine.", "spinal_metastases", "confirmed"),
    ],
)
def test_round34_follow_up_phrasings(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("he's finding it easy to walk again", "gait_disturbance"),
        ("The surgeon offered an operation and he said yes.", "surgery_declined"),
        ("myeloma, MRI spine clear", "spinal_metastases"),
    ],
)
def test_round34_follow_up_phrasings_do_not_overreach(text: str, fact: str) -> None:
    assert facts(text).get(fact) not in ("yes", "confirmed")
