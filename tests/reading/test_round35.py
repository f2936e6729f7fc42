"""Session 18 (#12, H02): round 35's three red flags recorded absent, fixed as classes after
its first run, each tested both ways.

- A denial asked as a whole question ("No pain shooting down the legs? Not true - ...") is no
  answer: asked, never absent.
- "Nil retention, shooting pain down L leg": two items, not a list of three because one item is
  read as two facts; the second item, past a bare comma, is asked, never absent.
- A sentence wrapped across lines ("No weakness\\nin the arms"): the next line that carries the
  denial on (a site, a limit) leaves it asked, never absent.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "No pain shooting down the legs? Not true - he's got it down the left leg.",
            "radicular_pain",
        ),
        ("Lung ca. Nil retention, shooting pain down L leg.", "radicular_pain"),
        ("Renal ca.\nNo weakness\nin the arms. Legs\nweak since Tuesday.", "limb_weakness"),
    ],
)
def test_round35_stated_red_flags_are_never_absent(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) != "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("No pain shooting down the legs.", "radicular_pain"),
        ("No retention or pain shooting down the legs.", "radicular_pain"),
        ("Denies weakness, numbness, incontinence.", "sensory_loss"),
        ("No weakness\nNumbness in feet", "limb_weakness"),
        ("Breast ca, no weakness, no numbness - does she need an MRI?", "limb_weakness"),
    ],
)
def test_round35_plain_denials_still_deny(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"
