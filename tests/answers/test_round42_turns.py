"""Session 22 (#13): a case stated in sentences of its own before "What does NG234 say?" is a
case, not a general question (round 41); a general question stating nothing about a patient
stays a question."""

from __future__ import annotations

from chat_helpers import last


def test_findings_stated_before_what_does_ng234_say_are_a_case(conversation) -> None:
    answer = last(
        conversation,
        "Cervical ca, widespread bone mets on PET including asymptomatic T12 and L2 deposits. "
        "No back pain, neuro intact. My consultant asked whether we should book 3-monthly "
        "spine MRIs to catch cord compression early. What does NG234 say?",
    )
    assert answer.turn == "case"
    assert answer.facts["spinal_metastases"] == "confirmed"
    assert "1.2.2" in {r.cites[0] for r in answer.recommendations}


def test_a_general_question_naming_a_population_is_still_a_question(conversation) -> None:
    answer = last(
        conversation,
        "general q - for prostate ca with spinal mets, when should they have an MRI? What "
        "does NG234 say?",
    )
    assert answer.turn == "question" and dict(answer.facts) == {}
