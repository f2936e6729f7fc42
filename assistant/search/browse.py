"""Finding passages in the guideline browser: a number opens its section, words are searched.

What a reader types into the guideline page's search box:

- a number ("1.8", "1.8.1", "section 1.10", "rec 1.3.2", "box 1"): that section's
  recommendations and boxes, or that one passage; never a passage that merely contains the
  digits ("1.8" does not match 1.1.8);
- words: the project's own retrieval (typo correction, the clinical vocabulary's abbreviations,
  the embedding model; `Retriever.search`) ranks the passages, and passages containing the words
  as typed come too. Units are read with or without a space ("8Gy" is "8 Gy").

`find` is pure: the retriever's search is passed in (None while the model is still loading: then
only the literal match runs, and the result says so).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.guideline.corpus import Passage
from assistant.search.retrieval import SearchResult

#: How many passages a word search shows at most (best first).
MAX_RESULTS = 12

#: "1.8", "1.8.1", "section 1.10", "rec 1.3.2", "NG234 1.8.1", "recommendation 1.5"
_NUMBER = re.compile(
    r"^\s*(?:ng\s?234\s*)?(?:section|sect?\.?|s\.|rec(?:ommendation)?s?\.?|para(?:graph)?)?\s*"
    r"(1\.\d{1,2}(?:\.\d{1,2})?|\d{1,2}(?:\.\d{1,2}){1,2})\s*\.?\s*$",
    re.IGNORECASE,
)
_BOX = re.compile(r"^\s*box[\s-]?(\d{1,2})\s*$", re.IGNORECASE)
#: A number and its unit, written together or apart: "8Gy", "8 Gy", "16mg", "20 Gy/5".
_UNIT = re.compile(r"(\d)\s*(gy|mg|ml|mmol|kg|hours?|hrs?|days?|weeks?|fractions?)\b")

Found = Literal["number", "words", "nothing"]

SearchFn = Callable[[str, int], SearchResult]


class BrowseResult(BaseModel):
    """The passages to show for what was typed, and what to say about them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    query: str
    found: Found
    ids: tuple[str, ...]
    message: str


def _units(text: str) -> str:
    return _UNIT.sub(r"\1 \2", text.lower())


def _haystack(p: Passage) -> str:
    parts = (p.id, p.title, p.heading, p.section_title, p.text)
    return _units(" ".join(x or "" for x in parts))


def literal(query: str, passages: Mapping[str, Passage]) -> list[str]:
    """Ids of the passages containing the query as typed (case and unit spacing aside)."""
    wanted = " ".join(_units(query).split())
    return [pid for pid, p in passages.items() if wanted in " ".join(_haystack(p).split())]


def by_number(number: str, passages: Mapping[str, Passage]) -> list[str]:
    """The passage with this number, or the recommendations and boxes of this section."""
    if number in passages:
        return [number]
    return [
        pid
        for pid, p in passages.items()
        if p.section == number and p.kind in ("recommendation", "box")
    ]


def _sections(passages: Mapping[str, Passage]) -> str:
    numbers = sorted(
        {p.section for p in passages.values() if p.section},
        key=lambda s: tuple(int(n) for n in s.split(".")),
    )
    return f"{numbers[0]} to {numbers[-1]}" if numbers else ""


def find(query: str, passages: Mapping[str, Passage], search: SearchFn | None) -> BrowseResult:
    """What to show for `query`: a section or passage by number, or passages by words."""
    text = " ".join(query.split())
    box = _BOX.match(text)
    number = _NUMBER.match(text)
    if box or number:
        wanted = f"box-{box.group(1)}" if box else number.group(1)  # type: ignore[union-attr]
        ids = by_number(wanted, passages)
        if ids:
            what = "passage" if len(ids) == 1 else "passages"
            return BrowseResult(
                query=text,
                found="number",
                ids=tuple(ids),
                message=f"NG234 {wanted}: {len(ids)} {what}.",
            )
        return BrowseResult(
            query=text,
            found="nothing",
            ids=(),
            message=f"NG234 has no section or recommendation numbered {wanted}. Its sections run "
            f"from {_sections(passages)}; recommendations are numbered like 1.8.1, boxes like "
            "box 1.",
        )
    exact = literal(text, passages)
    ranked: list[str] = []
    if search is not None:
        result = search(text, MAX_RESULTS)
        if result.in_scope or exact:
            ranked = [h.id for h in result.hits]
    ids = list(dict.fromkeys([*ranked, *exact]))[:MAX_RESULTS]
    if not ids:
        return BrowseResult(
            query=text,
            found="nothing",
            ids=(),
            message=f"Nothing in NG234 matches “{text}”. Try other words (for example "
            "dexamethasone, MRI, radiotherapy or 8 Gy) or a number such as 1.8 or 1.8.1.",
        )
    how = "best first" if search is not None else "the words as typed"
    message = f"{len(ids)} passage{'s' if len(ids) > 1 else ''} for “{text}” ({how})."
    if search is None:
        message += (
            " Spelling-tolerant search starts when the search index has loaded (a few seconds)."
        )
    return BrowseResult(query=text, found="words", ids=tuple(ids), message=message)
