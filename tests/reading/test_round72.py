"""Session 36 (#12): round 72's reading classes, fixed as classes and tested both ways.

An exception after a denial that says where, how much or when the finding is states the
finding ("No weakness except in the left leg"); one that names another finding or anything
else leaves it asked. A comma straight after the denied word keeps the exception in its clause
("No weakness, except in the left leg" had been read as no weakness: a stated red flag absent).
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract

RESTATED = [
    ("Breast ca. No weakness except in the left leg.", "limb_weakness"),
    ("Breast ca. No weakness, except in the left leg.", "limb_weakness"),
    ("Prostate ca. No weakness apart from the right leg, which gave way today.", "limb_weakness"),
    ("Lung ca. No weakness except mild, both legs.", "limb_weakness"),
    ("Myeloma. Nil numbness other than both feet.", "sensory_loss"),
    ("Renal ca. No numbness, apart from a small patch on the left thigh.", "sensory_loss"),
    ("Myeloma. No incontinence except when she coughs.", "bladder_bowel_dysfunction"),
    ("Lung ca. Denies weakness except when he walks far.", "limb_weakness"),
]


@pytest.mark.parametrize(("text", "fact"), RESTATED)
def test_an_exception_that_places_the_finding_states_it(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Breast ca. No weakness except possibly the left leg.", "limb_weakness"),
        ("Breast ca. No weakness except he is tired.", "limb_weakness"),
        ("Breast ca. No weakness except numb feet.", "limb_weakness"),
    ],
)
def test_an_exception_naming_anything_else_leaves_the_finding_asked(text, fact) -> None:
    reading = extract(text)
    assert fact not in reading.facts


def test_a_denial_in_another_clause_before_an_exception_still_holds() -> None:
    # "neuro exam normal, no complaints other than back pain": the words after the comma
    # open a clause of their own, so the exception is not the normal examination's
    assert (
        facts("Prostate ca. Neuro exam normal, no complaints other than back pain.")[
            "limb_weakness"
        ]
        == "no"
    )


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Breast ca. No weakness in the legs.", "limb_weakness"),
        ("Myeloma. No numbness anywhere.", "sensory_loss"),
    ],
)
def test_a_denial_without_an_exception_is_still_absent(text, fact) -> None:
    assert facts(text)[fact] == "no"
