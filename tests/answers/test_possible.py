"""Possible red flags (issue #12): surfaced first and asked, never recorded as facts."""

from __future__ import annotations

from assistant.answers.chat import new_session

RED_FLAGS = {"limb_weakness", "sensory_loss", "gait_disturbance"}


def test_a_red_flag_in_unknown_words_leads_as_possible_and_is_asked_first(conversation) -> None:
    _, answer = conversation.respond(
        new_session(), "known breast ca, no fever. her legs are a bit off today"
    )
    found = {p.fact for p in answer.possible}
    assert found & RED_FLAGS
    assert not found & set(answer.facts)  # never recorded by itself
    assert answer.questions[0].fact in found
    assert answer.notices[0].startswith("Possible Box 1 red flag")


def test_small_talk_and_denied_findings_raise_nothing(conversation) -> None:
    _, answer = conversation.respond(
        new_session(), "known breast ca, no fever. daughter visiting tomorrow"
    )
    assert answer.possible == []


def test_a_question_raises_no_possible_red_flag(conversation) -> None:
    _, answer = conversation.respond(new_session(), "what dose of dexamethasone in MSCC?")
    assert answer.possible == []
