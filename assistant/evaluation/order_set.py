"""Scoring the answer order (`ng234 eval order`, issue #14): does what the case needs lead?

For every conversation case with expectations, the final answer's rows are taken in rank order
(recommendations, undetermined rules, lookups and set-aside rows together). A case is *led
right* when every id it expects (`must_cite`, and `must_mention` for questions) is cited by one
of the first `TOP` rows. The order is judged on the cases whose answer is fully right
(`ng234 eval cases`): a row the reader failed to produce cannot be ordered; the share over all
cases is reported too. Reported beside: the rows shown before the folded groups (the length
of what a reader sees unfolded) and the position of the last expected row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from assistant.answers.answer import Answer
from assistant.evaluation.cases import DevCase, load_cases
from assistant.evaluation.cases import score as score_case
from assistant.settings import ROOT

if TYPE_CHECKING:
    from assistant.answers.conversation import Conversation

#: The rows a reader sees first.
TOP = 6
DEFAULT_FILES = tuple(sorted((ROOT / "eval").glob("cases_*.jsonl")))


class OrderResult(BaseModel):
    """How one case's answer is ordered."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    file: str
    expected: list[str]
    positions: dict[str, int | None]
    led_right: bool
    shown_rows: int
    fully_right: bool = False


def ranked_ids(answer: Answer) -> list[set[str]]:
    """The ids each row cites, in rank order."""
    rows: list[tuple[int, set[str]]] = []
    for rec in (*answer.recommendations, *answer.conditional, *answer.set_aside):
        rows.append((rec.rank, {*rec.cites, *rec.rationale}))
    for lookup in answer.lookups:
        rows.append((lookup.rank, {lookup.id, *lookup.rationale}))
    return [ids for _, ids in sorted(rows, key=lambda r: r[0])]


def shown_rows(answer: Answer) -> int:
    """Rows in the groups shown unfolded."""
    return sum(g.count for g in answer.groups if not g.folded)


def score(case: DevCase, answer: Answer, file: str) -> OrderResult | None:
    """The positions of a case's expected ids (None when it expects nothing)."""
    expected = list(dict.fromkeys([*case.must_cite, *case.must_mention]))
    if not expected or case.out_of_scope:
        return None
    rows = ranked_ids(answer)
    positions = {
        pid: next((i for i, ids in enumerate(rows, start=1) if pid in ids), None)
        for pid in expected
    }
    led = all(p is not None and p <= TOP for p in positions.values())
    return OrderResult(
        id=case.id,
        file=file,
        expected=expected,
        positions=positions,
        led_right=led,
        shown_rows=shown_rows(answer),
        fully_right=score_case(case, answer).ok,
    )


def run(conversation: Conversation, files: Sequence[Path]) -> list[OrderResult]:
    """Every case of every file, answered and scored."""
    out: list[OrderResult] = []
    for path in files:
        for case in load_cases(path):
            result = score(case, conversation.run(case.turns), path.name)
            if result is not None:
                out.append(result)
    return out


def summarise(results: Iterable[OrderResult]) -> dict[str, object]:
    """The share led right, the median rows shown unfolded, per file, and the misses."""
    results = list(results)
    per_file: dict[str, list[OrderResult]] = {}
    for r in results:
        per_file.setdefault(r.file, []).append(r)

    def figures(rows: list[OrderResult]) -> dict[str, object]:
        led = sum(r.led_right for r in rows)
        right = [r for r in rows if r.fully_right]
        led_of_right = sum(r.led_right for r in right)
        last = [max((p or 10_000) for p in r.positions.values()) for r in rows]
        return {
            "cases": len(rows),
            "led_right": led,
            "share": round(led / len(rows), 4) if rows else 0.0,
            "fully_right": len(right),
            "led_right_of_fully_right": led_of_right,
            "share_of_fully_right": round(led_of_right / len(right), 4) if right else 0.0,
            "median_shown_rows": median(r.shown_rows for r in rows) if rows else 0,
            "median_last_expected_position": median(last) if rows else 0,
        }

    return {
        "top": TOP,
        **figures(results),
        "per_file": {name: figures(rows) for name, rows in sorted(per_file.items())},
        "misses": [r.model_dump() for r in results if not r.led_right],
    }
