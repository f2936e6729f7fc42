"""Scoring the scope set (`ng234 eval scope`): refuse what NG234 does not cover, nothing else.

An out-of-scope input is handled right when the answer refuses it and shows no NG234 row
(no recommendation, conditional rule or lookup); an in-scope one when it is not refused.
Whether an in-scope answer cites one of the expected ids is reported beside, not scored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from assistant.answers.answer import Answer
from assistant.evaluation.jsonl import each_first_turn
from assistant.settings import ROOT

if TYPE_CHECKING:
    from assistant.answers.conversation import Conversation
from assistant.evaluation.cases import mentioned_ids


class ScopeInput(BaseModel):
    """One message and whether NG234 covers it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    text: str
    in_scope: bool
    category: str = ""
    expect_any: list[str] = Field(default_factory=list)
    note: str = ""


class ScopeResult(BaseModel):
    """How one scope input fared."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    in_scope: bool
    category: str
    ok: bool
    refused: bool
    rows: int = Field(description="NG234 rows shown (recommendations, conditional, lookups).")
    expected_cited: bool | None = None


def score(row: ScopeInput, answer: Answer) -> ScopeResult:
    """Right when out-of-scope is refused with no NG234 row, and in-scope is not refused."""
    rows = len(answer.recommendations) + len(answer.conditional) + len(answer.lookups)
    refused = answer.out_of_scope
    ok = (not refused) if row.in_scope else (refused and rows == 0)
    cited = bool(set(row.expect_any) & mentioned_ids(answer)) if row.expect_any else None
    return ScopeResult(
        id=row.id,
        in_scope=row.in_scope,
        category=row.category,
        ok=ok,
        refused=refused,
        rows=rows,
        expected_cited=cited,
    )


def summarise(results: Iterable[ScopeResult]) -> dict[str, object]:
    """Counts for in- and out-of-scope inputs, per category, and the misses."""
    results = list(results)
    inside = [r for r in results if r.in_scope]
    outside = [r for r in results if not r.in_scope]
    per_category: Counter[str] = Counter()
    right_category: Counter[str] = Counter()
    for r in results:
        per_category[r.category] += 1
        right_category[r.category] += r.ok
    cited = [r for r in inside if r.expected_cited is not None]
    return {
        "out_of_scope": len(outside),
        "out_of_scope_refused": sum(r.ok for r in outside),
        "in_scope": len(inside),
        "in_scope_refused": sum(r.refused for r in inside),
        "in_scope_expected_cited": f"{sum(bool(r.expected_cited) for r in cited)}/{len(cited)}",
        "per_category": {c: f"{right_category[c]}/{n}" for c, n in sorted(per_category.items())},
        "misses": [r.model_dump() for r in results if not r.ok],
    }


DEFAULT_FILE = ROOT / "eval" / "scope_blind1.jsonl"


def run(conversation: Conversation, rows: Iterable[ScopeInput]) -> list[ScopeResult]:
    """Each input as the first message of a new conversation, scored."""
    return each_first_turn(conversation, rows, score)
