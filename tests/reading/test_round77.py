"""Session 39 (#12): round 77's reading classes, fixed as classes and tested both ways.

One test of a yes answer: a question the writer answers yes right after it states the finding,
whichever yes it is ("yeah", "yup", "y", "present", "A: yes"). extract.py had kept a narrower
twin of context.py's test (only "yes" and "yep"), so "Any new weakness in the legs? Yup" stayed
asked while "Weakness? Yup" was stated.
"""

from __future__ import annotations

import pytest

from assistant.reading.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        "Any new weakness in arms or legs? Yup, both legs. Myeloma.",
        "Any weakness? Yeah, both legs. Lung cancer.",
        "Any new weakness in his legs? Present, worse on the left. Prostate cancer.",
        "Q: any new weakness in the legs? A: yes, right leg. Breast cancer.",
        "Weakness? y. Breast cancer.",
    ],
)
def test_a_question_answered_yes_states_the_finding(text) -> None:
    assert extract(text).facts.get("limb_weakness") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Any new weakness in arms or legs? No. Myeloma.",
        "Any new weakness in arms or legs? Not sure. Myeloma.",
        "Any new weakness in arms or legs? Myeloma.",
    ],
)
def test_a_question_not_answered_yes_stays_asked(text) -> None:
    read = extract(text)
    assert read.facts.get("limb_weakness") != "yes"
    assert read.facts.get("limb_weakness") != "no" or "No." in text
