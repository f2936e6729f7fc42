"""What a message is: the intent cue vocabulary, message clean-up, replies and intents."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

from pydantic import BaseModel, ConfigDict

from assistant.answers.answer import Intent
from assistant.search.retrieval import is_why
from assistant.settings import DATA_DIR

INTENTS_FILE = DATA_DIR / "intents.json"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


class Retraction(BaseModel):
    """'I was thinking of another patient': cue phrases and the fact groups they undo."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    phrases: tuple[str, ...]
    groups: tuple[str, ...]


class IntentVocabulary(BaseModel):
    """Cue words for intents, validated from assistant/data/intents.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    reset: tuple[str, ...]
    retract: Retraction
    onset: tuple[str, ...]
    replies: dict[str, tuple[str, ...]]
    score_cues: tuple[str, ...]
    question_starts: tuple[str, ...]


@cache
def intents() -> IntentVocabulary:
    """The intent cue vocabulary (loaded once)."""
    return IntentVocabulary.model_validate(json.loads(INTENTS_FILE.read_text(encoding="utf-8")))


def clean_message(message: str, limit: int) -> tuple[str, list[str]]:
    """Normalise a user message: strip control characters, truncate with a notice."""
    notices: list[str] = []
    text = unicodedata.normalize("NFC", message)
    # Invisible format characters (soft hyphen, zero-width space/joiner, bidi marks, BOM) are
    # dropped, not spaced: "we\u00adak legs" is "weak legs".
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _CONTROL.sub(" ", text)
    if len(text) > limit:
        notices.append(
            f"Your message was {len(text):,} characters long; only the first {limit:,} were read."
        )
        text = text[:limit]
    return keep_lines(text), notices


def keep_lines(text: str) -> str:
    """Fold spaces within each line but keep the line breaks: a line, a bullet or a numbered
    item is a boundary no negation may cross ("no fever\nweak legs": weakness present)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    folded: list[str] = []
    for line in lines:
        if line or (folded and folded[-1]):  # one blank line at most between two lines
            folded.append(line)
    return "\n".join(folded).strip()


def phrase(text: str) -> str:
    """Lower-case words only, for matching short replies and commands."""
    return " ".join(re.sub(r"[^\w?' ]+", " ", text.lower()).split())


def reply_value(text: str) -> str | None:
    """'yes' / 'no' / 'unknown' when the whole message is a bare reply, else None."""
    words = phrase(text).rstrip("?. !").strip() or phrase(text)
    for value, replies in intents().replies.items():
        if words in replies:
            return value
    return None


def is_reset(text: str) -> bool:
    """The message starts a new patient ('new patient', 'reset')."""
    return phrase(text) in intents().reset


def says(text: str, cues: Iterable[str]) -> bool:
    """Whether the message contains one of these cue phrases as whole words."""
    words = f" {phrase(text)} "
    return any(f" {cue} " in words for cue in cues)


def reports_onset(text: str) -> bool:
    """The message reports something as new or changed ('now', 'new', 'started', 'worse')."""
    return says(text, intents().onset)


def retracts(text: str) -> bool:
    """The message takes back the previous one ('sorry, wrong patient')."""
    return says(text, intents().retract.phrases)


def is_question(text: str) -> bool:
    """A question rather than a statement: ends with '?' or opens with a question word."""
    words = phrase(text)
    return text.rstrip().endswith("?") or any(
        words == cue or words.startswith(cue + " ") for cue in intents().question_starts
    )


def classify(text: str, *, has_facts: bool, ids: Sequence[str]) -> Intent:
    """The intent of a message, from cue data (no model)."""
    if is_why(text):
        return "rationale"
    if ids:
        return "lookup"
    if any(cue in phrase(text).split() for cue in intents().score_cues) and not has_facts:
        return "score"
    if has_facts and not is_question(text):
        return "case"
    return "question"
