"""Clinical abbreviations and synonyms that expand a search query (data in data/vocabulary.json).

Clinicians type "dex", "DXT", "mets", "can't walk"; NG234 says "dexamethasone",
"radiotherapy", "metastases", "difficulty walking". Each entry maps literals (matched as whole
words, case-insensitively) to the guideline's wording, which is added after the literal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.errors import InvalidInputError
from assistant.settings import DATA_DIR

DEFAULT_PATH = DATA_DIR / "vocabulary.json"

Category = Literal["abbreviation", "synonym", "drug", "symptom", "spelling"]


class Entry(BaseModel):
    """One concept: what people type, and the words NG234 uses for it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    literals: tuple[str, ...] = Field(min_length=1, description="What people type (any case).")
    expansion: str = Field(min_length=1, description="NG234's words, added to the query.")
    category: Category

    @field_validator("literals")
    @classmethod
    def _lower_and_clean(cls, literals: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(" ".join(lit.lower().split()) for lit in literals)
        if any(not lit for lit in cleaned):
            raise ValueError("a literal is empty")
        return cleaned


class Vocabulary(BaseModel):
    """The whole vocabulary file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int = Field(ge=1)
    entries: tuple[Entry, ...]

    @model_validator(mode="after")
    def _unique_literals(self) -> Vocabulary:
        seen: set[str] = set()
        for entry in self.entries:
            for literal in entry.literals:
                if literal in seen:
                    raise ValueError(f"literal {literal!r} appears in more than one entry")
                seen.add(literal)
        return self

    def expansions(self) -> dict[str, str]:
        """Literal -> expansion."""
        return {lit: e.expansion for e in self.entries for lit in e.literals}

    def words(self) -> frozenset[str]:
        """Every single word of every literal and expansion (known words for typo checks)."""
        text = " ".join(f"{' '.join(e.literals)} {e.expansion}" for e in self.entries)
        return frozenset(re.findall(r"[a-z]+", text.lower()))


def parse(raw: str, source: str = "vocabulary") -> Vocabulary:
    """Validate vocabulary JSON; InvalidInputError names the file and the first problem."""
    try:
        return Vocabulary.model_validate(json.loads(raw))
    except (json.JSONDecodeError, ValidationError) as exc:
        first = str(exc).splitlines()
        raise InvalidInputError(
            f"{source} is not a valid vocabulary: {' '.join(first[:3])}"
        ) from exc


@cache
def load(path: Path = DEFAULT_PATH) -> Vocabulary:
    """The validated vocabulary file (read once per path)."""
    return parse(path.read_text(encoding="utf-8"), str(path))


def _pattern(literals: Iterable[str]) -> re.Pattern[str]:
    """One alternation of all literals, longest first, as whole words; spaces match any run."""
    ordered = sorted(set(literals), key=lambda s: (-len(s), s))
    body = "|".join(re.escape(lit).replace(r"\ ", r"\s+") for lit in ordered)
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w'])", re.IGNORECASE)


class Expander:
    """Adds NG234's words after each vocabulary literal found in a query."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._expansions = vocabulary.expansions()
        self._pattern = _pattern(self._expansions)

    def literals(self) -> tuple[str, ...]:
        """Every literal, sorted."""
        return tuple(sorted(self._expansions))

    def expand(self, text: str) -> tuple[str, tuple[str, ...]]:
        """The text with "(expansion)" after each literal, and the literals that matched."""
        found: list[str] = []

        def replace(match: re.Match[str]) -> str:
            literal = " ".join(match.group(0).lower().split())
            found.append(literal)
            return f"{match.group(0)} ({self._expansions[literal]})"

        return self._pattern.sub(replace, text), tuple(found)

    def concepts(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The text with each literal blanked, and (literal as typed, expansion) for each."""
        found: list[tuple[str, str]] = []

        def blank(match: re.Match[str]) -> str:
            literal = " ".join(match.group(0).lower().split())
            found.append((match.group(0), self._expansions[literal]))
            return " "

        return self._pattern.sub(blank, text), tuple(found)
