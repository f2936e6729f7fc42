"""What 1.10.4 needs read (issue #14: nothing contradicts the case): the duration of a complete
paralysis, a poor overall prognosis in the words clinicians use, and radiotherapy already given
for this MSCC. 1.10.4 applies unless an exception is recorded, so each exception stated must be
read, and each one not stated must not be invented."""

from __future__ import annotations

import pytest

from assistant.reading.extract import extract

READ = [
    ("complete flaccid paraplegia >2/52, pain controlled", {"complete_paralysis": "yes",
                                                             "paralysis_2_weeks": "yes"}),
    ("Complete paraplegia with no sensation below T8, which came on about 3 weeks ago",
     {"complete_paralysis": "yes", "paralysis_2_weeks": "yes", "sensory_loss": "yes"}),
    ("family say she has not been able to move her legs for about 3 weeks",
     {"complete_paralysis": "yes", "paralysis_2_weeks": "yes"}),
    ("paraplegic for 3 days", {"complete_paralysis": "yes", "paralysis_2_weeks": "no"}),
    ("overall prognosis felt to be very poor", {"prognosis": "poor"}),
    ("prognosis thought to be extremely limited", {"prognosis": "poor"}),
    ("MSCC at T12 treated with 8 Gy single fraction RT 12 days ago",
     {"mscc_radiotherapy_given": "yes"}),
    ("had RT for his MSCC last week", {"mscc_radiotherapy_given": "yes"}),
    ("radiotherapy for the cord compression was completed on Monday",
     {"mscc_radiotherapy_given": "yes"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), READ)
def test_an_exception_or_a_given_treatment_is_read(text: str, expected: dict[str, str]) -> None:
    facts = extract(text).facts
    assert {k: facts.get(k) for k in expected} == expected, extract(text).evidence


NOT_READ = [
    ("paraplegia not present for 3 weeks", "paralysis_2_weeks"),
    ("no paraplegia, legs weak for 3 weeks", "paralysis_2_weeks"),
    ("prognosis is not poor", "prognosis"),
    ("MSCC confirmed, for RT", "mscc_radiotherapy_given"),
    ("MSCC at T9; had RT to T9 in 2021", "mscc_radiotherapy_given"),
    ("MSCC - radiotherapy planned for tomorrow", "mscc_radiotherapy_given"),
]


@pytest.mark.parametrize(("text", "fact"), NOT_READ)
def test_an_exception_not_stated_is_not_invented(text: str, fact: str) -> None:
    value = extract(text).facts.get(fact)
    assert value in (None, "no", "good"), (value, extract(text).evidence)
