"""Session 23 (#12, H02): round 46's two stated red flags recorded absent on its first run, fixed
as a class and tested both ways: a list's items are counted by the words between them, so one
finding in two words ("dribbling incontinence") or a finding and the word inside it ("radicular
pain" and its "pain") do not make a run of three that carries a denial past a bare comma."""

from __future__ import annotations

import pytest
from chat_helpers import facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Ovarian cancer. Nil radicular pain, pins and needles both feet.", "sensory_loss"),
        ("Myeloma: no retention, dribbling incontinence.", "bladder_bowel_dysfunction"),
    ],
)
def test_a_finding_after_a_denial_and_a_bare_comma_is_never_absent(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "no"


@pytest.mark.parametrize(
    "text",
    [
        "Nil weakness, numbness, incontinence.",
        "No weakness, numbness, incontinence.",
        "nil weakness, numbness, retention, incontinence",
        "No weakness, numbness or incontinence.",
    ],
)
def test_a_run_of_three_findings_is_still_one_denial(text: str) -> None:
    said = facts(text)
    assert said["limb_weakness"] == "no" and said["bladder_bowel_dysfunction"] == "no"
