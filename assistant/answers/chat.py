"""The conversation as importers know it: `Conversation`, `SessionState`, `new_session`.

The parts live in their own modules: `conversation` (the turn flow), `session` (what is
remembered between turns), `intent` (what a message is), `facts` (facts across turns),
`compose` (the Answer from rules and retrieval) and `questions` (the follow-up questions).
"""

from __future__ import annotations

from assistant.answers.compose import FOCUS_HITS, URGENT
from assistant.answers.conversation import SEARCH_HITS, Conversation
from assistant.answers.intent import (
    INTENTS_FILE,
    IntentVocabulary,
    Retraction,
    classify,
    clean_message,
    intents,
    is_question,
    phrase,
    reply_value,
)
from assistant.answers.questions import MAX_QUESTIONS, RED_FLAG_CONTEXT
from assistant.answers.questions import unasked_red_flags as _unasked_red_flags
from assistant.answers.session import SessionState, new_session

__all__ = [
    "FOCUS_HITS",
    "INTENTS_FILE",
    "MAX_QUESTIONS",
    "RED_FLAG_CONTEXT",
    "SEARCH_HITS",
    "URGENT",
    "Conversation",
    "IntentVocabulary",
    "Retraction",
    "SessionState",
    "_unasked_red_flags",
    "classify",
    "clean_message",
    "intents",
    "is_question",
    "new_session",
    "phrase",
    "reply_value",
]
