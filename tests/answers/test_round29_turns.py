"""Session 16 (#13): round-29 follow-up and scope classes, each tested both ways.

- A general question whose marker opens it as a label ("In general, if a patient can't have an
  MRI because of a pacemaker, what scan …?", "Quick general one: …") is a question: it writes
  nothing into the live case.
- A question on a live case that asks about another condition named before it ("she also has a
  frozen shoulder - what exercises should I give her for that?") or an outside drug dose
  ("also whats the amoxicillin dose for his chest infection") is refused for that turn, the case
  kept; a condition given as context ("he is diabetic on metformin - anything extra?") is not.
- Outside topics: naloxone, umbilical cord, first trimester, Agenda for Change.
"""

from __future__ import annotations

import pytest
from chat_helpers import last

CASE = "79M prostate ca, back pain at night, tender over T10."


@pytest.mark.parametrize(
    "question",
    [
        "In general, if a patient can't have an MRI because of a pacemaker, what scan does the "
        "guideline suggest?",
        "Quick general one: if a patient with cancer has saddle numbness, what timeframe for MRI "
        "does NG234 give?",
    ],
)
def test_a_labelled_general_question_writes_nothing(conversation, question: str) -> None:
    before = last(conversation, CASE)
    after = last(conversation, CASE, question)
    assert after.turn == "question"
    assert dict(after.facts) == dict(before.facts)


def test_a_question_about_this_patient_still_writes(conversation) -> None:
    after = last(conversation, CASE, "He can't have an MRI because of a pacemaker. What scan?")
    assert after.facts.get("mri_contraindicated") == "yes"


@pytest.mark.parametrize(
    "question",
    [
        "She also has a frozen shoulder - what exercises should I give her for that?",
        "also whats the amoxicillin dose for his chest infection",
        "she has a UTI - what antibiotic for that?",
    ],
)
def test_a_question_about_another_condition_is_refused_and_the_case_kept(
    conversation, question: str
) -> None:
    answer = last(conversation, CASE, question)
    assert answer.out_of_scope
    assert answer.facts.get("cancer_diagnosis") == "yes"


@pytest.mark.parametrize(
    "message",
    [
        "he is diabetic on metformin - anything extra?",
        "He has COPD - is that a problem for surgery?",
        "legs weak now - what do I do about it?",
    ],
)
def test_context_about_the_patient_is_answered(conversation, message: str) -> None:
    assert not last(conversation, CASE, message).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "What naloxone dose for a patient over-sedated on opioids?",
        "How long should the midwife wait before clamping the umbilical cord?",
        "Is it safe to MRI someone in the first trimester?",
        "What Agenda for Change band should an MSCC coordinator post be paid at?",
    ],
)
def test_round29_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


def test_an_mscc_coordinator_question_is_answered(conversation) -> None:
    assert not last(conversation, "What does an MSCC coordinator do?").out_of_scope
