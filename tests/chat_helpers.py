"""Helpers the reading and conversation tests share: the facts a message reads, the NG234
ids an answer cites, and the last answer of a conversation."""

from __future__ import annotations

from assistant.answers.session import new_session
from assistant.reading.extract import extract


def facts(text: str) -> dict[str, str]:
    """The facts one message reads as (asserted, negated or a value)."""
    return extract(text).facts


def cited(answer) -> set[str]:
    """The NG234 ids an answer's recommendations cite."""
    return {c for r in answer.recommendations for c in r.cites}


def last(conversation, *messages):
    """The answer to the last of these messages, each a turn of one conversation."""
    state = new_session()
    for message in messages:
        state, answer = conversation.respond(state, message)
    return answer
