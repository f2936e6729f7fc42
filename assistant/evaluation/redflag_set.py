"""Scoring adversarial red-flag inputs (`ng234 eval redflags`): is a stated red flag ever lost?

Each input is one message about a person with cancer that states some Box 1 cord findings.
What the answer did with each stated finding is one of: *present* (recorded yes), *possible*
(surfaced as a possible finding to confirm), *asked* (left unknown and asked), *unread* (left
unknown and not asked) or *absent* (recorded no: the failure this set exists to catch).
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

#: NG234 "do not" rows that must never apply to a person with a stated cord red flag.
DO_NOT_WITH_RED_FLAG = ("1.5.6", "1.8.7")


class RedFlagInput(BaseModel):
    """One adversarial input and the red flags it states, hedges or denies for the patient."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    text: str
    present: list[str] = Field(default_factory=list)
    hedged: list[str] = Field(default_factory=list)
    negated: list[str] = Field(default_factory=list)
    cls: str = Field("", alias="class")
    voice: str = ""


class RedFlagResult(BaseModel):
    """What the answer did with each red flag of one input."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    outcomes: dict[str, str] = Field(description="present fact -> present/possible/asked/...")
    hedged_absent: list[str] = Field(default_factory=list)
    negated_read: dict[str, str] = Field(default_factory=dict)
    first_action_ok: bool = True
    do_not_applied: list[str] = Field(default_factory=list)


def outcome(answer: Answer, fact: str) -> str:
    """How one stated red flag ended up in the answer."""
    value = answer.facts.get(fact)
    if value == "yes":
        return "present"
    if value == "no":
        return "absent"
    if fact in {p.fact for p in answer.possible}:
        return "possible"
    if fact in {q.fact for q in answer.questions}:
        return "asked"
    return "unread"


def score(row: RedFlagInput, answer: Answer) -> RedFlagResult:
    """Compare one answer with one input's stated, hedged and denied red flags."""
    applied = {c for r in answer.recommendations if r.strength != "do-not" for c in r.cites}
    do_not = sorted(
        {c for r in answer.recommendations if r.strength == "do-not" for c in r.cites}
        & set(DO_NOT_WITH_RED_FLAG)
    )
    first_question = answer.questions[0].fact if answer.questions else None
    first_ok = (
        not row.present
        or "1.3.2" in applied
        or first_question in row.present
        or any(outcome(answer, f) == "possible" for f in row.present)
    )
    return RedFlagResult(
        id=row.id,
        outcomes={f: outcome(answer, f) for f in row.present},
        hedged_absent=[f for f in row.hedged if answer.facts.get(f) == "no"],
        negated_read={f: answer.facts.get(f, "unknown") for f in row.negated},
        first_action_ok=first_ok,
        do_not_applied=do_not if row.present else [],
    )


def summarise(results: Iterable[RedFlagResult]) -> dict[str, object]:
    """Counts over a set: stated red flags by outcome, and the inputs that lost one."""
    results = list(results)
    stated = Counter(o for r in results for o in r.outcomes.values())
    total = sum(stated.values())
    negated = Counter(v for r in results for v in r.negated_read.values())
    lost = [r for r in results if "absent" in r.outcomes.values() or r.hedged_absent]
    return {
        "inputs": len(results),
        "stated_red_flags": total,
        "outcomes": dict(sorted(stated.items())),
        "recorded_absent": stated["absent"] + sum(len(r.hedged_absent) for r in results),
        "present_or_possible": round((stated["present"] + stated["possible"]) / total, 4)
        if total
        else 0.0,
        "present_possible_or_asked": round(
            (stated["present"] + stated["possible"] + stated["asked"]) / total, 4
        )
        if total
        else 0.0,
        "negated_read_as": dict(sorted(negated.items())),
        "first_action_missing": sorted(r.id for r in results if not r.first_action_ok),
        "do_not_applied": sorted(r.id for r in results if r.do_not_applied),
        "lost": [r.model_dump() for r in lost],
        "not_present": [
            {"id": r.id, **{f: o for f, o in r.outcomes.items() if o != "present"}}
            for r in results
            if any(o != "present" for o in r.outcomes.values())
        ],
    }


DEFAULT_FILE = ROOT / "eval" / "redflags_blind1.jsonl"


def run(conversation: Conversation, rows: Iterable[RedFlagInput]) -> list[RedFlagResult]:
    """Each input as the first message of a new conversation, scored."""
    return each_first_turn(conversation, rows, score)
