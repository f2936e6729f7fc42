"""Word classes the reader's list and clause logic use, as data (assistant/data/word_classes.json).

Each class is a set of single lower-case tokens, as `text.TOKEN` splits a message: a word the
tokenizer never produces ('+ve', 'broad-based') could never match, so it is refused when the
file is loaded, and so is a word listed twice.
"""

from __future__ import annotations

import json
from functools import cache

from pydantic import BaseModel, ConfigDict, field_validator

from assistant.reading.text import phrase_tokens
from assistant.settings import DATA_DIR

WORD_CLASSES_FILE = DATA_DIR / "word_classes.json"


class WordClass(BaseModel):
    """One class: what it is for, and its words."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    about: str
    words: tuple[str, ...]

    @field_validator("words")
    @classmethod
    def _single_tokens(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        not_tokens = [w for w in words if phrase_tokens(w) != (w,)]
        if not_tokens:
            raise ValueError(f"not one lower-case token each, so never matched: {not_tokens}")
        twice = sorted({w for w in words if words.count(w) > 1})
        if twice:
            raise ValueError(f"listed twice: {twice}")
        return words


class WordClasses(BaseModel):
    """The validated contents of word_classes.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    about: str
    classes: dict[str, WordClass]


@cache
def word_classes() -> WordClasses:
    """The word classes (loaded and validated once)."""
    return WordClasses.model_validate(json.loads(WORD_CLASSES_FILE.read_text(encoding="utf-8")))


def words(*names: str) -> frozenset[str]:
    """The union of the named classes' words; an unknown name is a KeyError at import."""
    classes = word_classes().classes
    return frozenset(w for name in names for w in classes[name].words)
