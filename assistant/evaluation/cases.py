"""Scoring free-text conversation cases against what NG234 requires (`ng234 eval cases`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.answers.answer import Answer
from assistant.errors import InvalidInputError
from assistant.evaluation.jsonl import load_rows
from assistant.settings import ROOT

DEV_CASES = ROOT / "eval" / "cases_dev.jsonl"


class DevCase(BaseModel):
    """One conversation with the ids its final answer must and must not contain."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    turns: list[str] = Field(min_length=1)
    must_cite: list[str] = Field(default_factory=list, description="Must apply (recommendations).")
    must_not_offer: list[str] = Field(
        default_factory=list, description="Must not be offered or considered."
    )
    must_mention: list[str] = Field(
        default_factory=list, description="Must appear anywhere in the answer."
    )
    out_of_scope: bool = False
    tags: list[str] = Field(default_factory=list)
    note: str = ""


class CaseResult(BaseModel):
    """How one case fared."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    ok: bool
    missing: list[str] = Field(default_factory=list)
    wrongly_offered: list[str] = Field(default_factory=list)
    not_mentioned: list[str] = Field(default_factory=list)
    scope_error: str | None = None


def load_cases(path: Path) -> list[DevCase]:
    """Read a JSONL file of cases, naming the line of any invalid one."""
    return load_rows(path, DevCase, "case")


class CaseLine(BaseModel):
    """One line of a cases file: the case, or why it could not be read."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int
    id: str | None = None
    case: DevCase | None = None
    error: str | None = None


def read_case_lines(path: Path) -> list[CaseLine]:
    """Every non-blank line of a cases file, each read on its own (`ng234 ask --cases`).

    A bad line or a repeated id is reported for its line number and id, and the other lines
    are still read; a UTF-8 byte-order mark is accepted.
    """
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise InvalidInputError(f"cannot read {path}: {reason}") from exc
    out: list[CaseLine] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(CaseLine(line=number, error=f"not JSON ({exc.msg})"))
            continue
        case_id = raw.get("id") if isinstance(raw, dict) else None
        case_id = case_id if isinstance(case_id, str) else None
        try:
            case = DevCase.model_validate(raw)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'line'}: {e['msg']}" for e in exc.errors()
            )
            out.append(CaseLine(line=number, id=case_id, error=f"not a valid case ({problems})"))
            continue
        if case.id in seen:
            out.append(
                CaseLine(
                    line=number,
                    id=case.id,
                    error=f"duplicate id {case.id!r} (first on line {seen[case.id]})",
                )
            )
            continue
        seen[case.id] = number
        out.append(CaseLine(line=number, id=case.id, case=case))
    return out


def applied_ids(answer: Answer) -> set[str]:
    """Ids cited by recommendations that apply (offer or consider, not do-not)."""
    return {c for r in answer.recommendations if r.strength != "do-not" for c in r.cites}


#: A rationale named by its section only ("rationale-1.10"), as writers may: NG234's rationale
#: passages are ranges ("rationale-1.10.4-1.10.6").
_SECTION_RATIONALE = re.compile(r"rationale-1\.\d{1,2}")


def _mentioned(wanted: str, ids: set[str]) -> bool:
    """The answer mentions `wanted`; a section-level rationale id matches any rationale passage
    of that section."""
    if wanted in ids:
        return True
    if _SECTION_RATIONALE.fullmatch(wanted):
        return any(i.startswith(wanted + ".") for i in ids)
    return False


def mentioned_ids(answer: Answer, *, set_apart: bool = True) -> set[str]:
    """Every id the answer cites or quotes, in any part: a row set apart ("not an action for
    this person: 1.10.4's exception holds") is shown with its quote, so it is mentioned
    (`set_apart=False`: only what the answer gives as NG234's rows for the message)."""
    aside = answer.set_aside if set_apart else []
    ids = {c for r in (*answer.recommendations, *answer.conditional, *aside) for c in r.cites}
    ids |= {lk.id for lk in answer.lookups}
    ids |= {q.id for lk in answer.lookups for q in lk.quotes}
    ids |= {rid for r in (*answer.recommendations, *aside) for rid in r.rationale}
    return ids


def score(case: DevCase, answer: Answer) -> CaseResult:
    """Compare an answer with a case's expectations."""
    cited = {c for r in answer.recommendations for c in r.cites}
    offered = applied_ids(answer)
    mentioned = mentioned_ids(answer)
    scope_error = None
    if answer.out_of_scope != case.out_of_scope:
        scope_error = f"out_of_scope is {answer.out_of_scope}, expected {case.out_of_scope}"
    result = CaseResult(
        id=case.id,
        ok=False,
        missing=sorted(set(case.must_cite) - cited),
        wrongly_offered=sorted(set(case.must_not_offer) & offered),
        not_mentioned=sorted(i for i in case.must_mention if not _mentioned(i, mentioned)),
        scope_error=scope_error,
    )
    ok = not (result.missing or result.wrongly_offered or result.not_mentioned or scope_error)
    return result.model_copy(update={"ok": ok})


def summarise(results: Iterable[CaseResult]) -> dict[str, object]:
    """Counts for the report."""
    results = list(results)
    right = sum(r.ok for r in results)
    return {
        "cases": len(results),
        "fully_right": right,
        "fraction": round(right / len(results), 4) if results else 0.0,
        "failures": [r.model_dump() for r in results if not r.ok],
    }


def explain(case: DevCase, answer: Answer, result: CaseResult) -> list[str]:
    """Why a case failed: the facts read from each turn and the state of each missing rule."""
    from assistant import rules
    from assistant.case import make_case
    from assistant.reading.extract import extract

    lines = [f"FAIL {case.id}: {result.model_dump(exclude={'id', 'ok'}, exclude_defaults=True)}"]
    for turn in case.turns:
        found = extract(turn)
        lines.append(f"  turn: {turn}")
        lines.append(f"    facts: {found.facts}  uncertain: {list(found.uncertain)}")
    lines.append(f"  final facts: {answer.facts}")
    evaluation = rules.evaluate(make_case(answer.facts))
    for rec_id in (*result.missing, *result.wrongly_offered):
        for rule in rules.rules_citing(rec_id):
            status = evaluation.status(rule.id)
            missing = next((h.missing for h in evaluation.undetermined if h.rule_id == rule.id), ())
            lines.append(f"  {rec_id} {rule.id}: {status} {list(missing) or ''}")
            lines.append(f"    {rules.describe(rule)}")
    if case.note:
        lines.append(f"  note: {case.note}")
    return lines
