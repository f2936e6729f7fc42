"""NG234 as typed, verbatim passages: a pure parser from the guideline text to `Passage`s.

The source is NICE's full guideline as extracted text (corpus/ng234.txt). The parser removes
page furniture (running footer, copyright line, page numbers, bare URLs, the leading space
that marks a page break), rejoins paragraphs that a page break split, keeps bullets as list
items, and otherwise leaves NICE's words exactly as they are.

This module is the public face of the package: `parse`, `load`, `by_id`, `get`, and the names
other code imports. The work is done in `passage` (the model), `text` (furniture, lines,
paragraphs), and `parser` with its readers `recommendations`, `matter` and `rationale`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from assistant.errors import UnknownPassageError
from assistant.guideline.parser import parse
from assistant.guideline.passage import (
    GUIDELINE,
    GUIDELINE_TITLE,
    GUIDELINE_VERSION,
    Kind,
    Passage,
    Strength,
    slug,
    strength_of,
)
from assistant.guideline.text import clean_lines, is_furniture, join_lines, normalise

__all__ = [
    "GUIDELINE",
    "GUIDELINE_TITLE",
    "GUIDELINE_VERSION",
    "Kind",
    "Passage",
    "Strength",
    "by_id",
    "clean_lines",
    "get",
    "is_furniture",
    "join_lines",
    "load",
    "normalise",
    "parse",
    "slug",
    "strength_of",
]


@cache
def _load_cached(path: str, mtime_ns: int) -> tuple[Passage, ...]:
    return tuple(parse(Path(path).read_text(encoding="utf-8")))


def load(path: Path) -> tuple[Passage, ...]:
    """Read and parse the corpus file (cached per path and modification time)."""
    stat = path.stat()
    return _load_cached(str(path), stat.st_mtime_ns)


def by_id(passages: Iterable[Passage]) -> dict[str, Passage]:
    """Index passages by id."""
    return {p.id: p for p in passages}


def get(passages: Iterable[Passage], passage_id: str) -> Passage:
    """The passage with this id, or UnknownPassageError."""
    wanted = passage_id.strip()
    for passage in passages:
        if passage.id == wanted:
            return passage
    raise UnknownPassageError(f"NG234 has no passage with id {passage_id!r}")
