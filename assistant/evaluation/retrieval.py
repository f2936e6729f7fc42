"""Retrieval evaluation on a dev set (`ng234 eval retrieval`): hit@k, MRR and OOS calibration.

The dev set (eval/retrieval_dev.jsonl) has one question a line with the passage ids that
answer it; out-of-scope questions have no ids and the tag "oos". Every mode runs on the same
questions in the same process, so the numbers are directly comparable. The check set
(eval/retrieval_check.jsonl, same format, `ng234 eval retrieval --file ...`) was written before
the fusion was tuned and is never tuned on: it is the estimate for unseen wording.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from statistics import median

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import InvalidInputError
from assistant.search.retrieval import MODES, Mode, Retriever
from assistant.settings import ROOT

DEV_SET = ROOT / "eval" / "retrieval_dev.jsonl"
CHECK_SET = ROOT / "eval" / "retrieval_check.jsonl"
#: Ranks deeper than this count as a miss for MRR.
MRR_DEPTH = 10
OOS_TAG = "oos"


class DevQuestion(BaseModel):
    """One dev question and the passage ids that answer it (none if out of scope)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    q: str = Field(min_length=1)
    ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def out_of_scope(self) -> bool:
        """True for a question NG234 does not answer."""
        return not self.ids


class ModeScores(BaseModel):
    """Ranking quality of one mode over the in-scope questions."""

    model_config = ConfigDict(frozen=True)

    mode: Mode
    hit_at_1: float
    hit_at_3: float
    hit_at_5: float
    mrr: float
    misses_at_3: tuple[str, ...] = Field(description="Questions with no acceptable id in top 3.")


class Calibration(BaseModel):
    """Top dense similarity of in-scope versus out-of-scope questions, and a threshold."""

    model_config = ConfigDict(frozen=True)

    in_scope: tuple[float, ...]
    out_of_scope: tuple[float, ...]
    threshold_full_recall: float = Field(description="Highest threshold keeping every in-scope.")
    threshold_best_accuracy: float
    best_accuracy: float
    configured_threshold: float
    recall_at_configured: float
    rejection_at_configured: float


class ScopeRule(BaseModel):
    """SearchResult.in_scope (similarity and lexical coverage) on the dev set."""

    model_config = ConfigDict(frozen=True)

    recall: float = Field(description="Share of in-scope questions judged in scope.")
    rejection: float = Field(description="Share of out-of-scope questions judged out of scope.")
    missed: tuple[str, ...]
    accepted: tuple[str, ...]


class RetrievalReport(BaseModel):
    """Everything `ng234 eval retrieval` prints."""

    model_config = ConfigDict(frozen=True)

    questions: int
    in_scope: int
    out_of_scope: int
    modes: tuple[ModeScores, ...]
    calibration: Calibration
    scope_rule: ScopeRule

    def mode(self, name: Mode) -> ModeScores:
        """The scores of one mode."""
        return next(m for m in self.modes if m.mode == name)


def parse_dev(lines: Iterable[str], source: str = "dev set") -> list[DevQuestion]:
    """Validate dev-set JSON lines; InvalidInputError names the line."""
    questions = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            questions.append(DevQuestion.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise InvalidInputError(f"{source} line {number}: {first}") from exc
    return questions


def load_dev(path: Path = DEV_SET) -> list[DevQuestion]:
    """The dev set at `path`."""
    try:
        return parse_dev(path.read_text(encoding="utf-8").splitlines(), str(path))
    except OSError as exc:
        raise InvalidInputError(f"cannot read the dev set {path}: {exc}") from exc


def first_rank(hit_ids: Sequence[str], acceptable: Iterable[str]) -> int | None:
    """1-based rank of the first acceptable id, or None."""
    wanted = set(acceptable)
    return next((n for n, pid in enumerate(hit_ids, start=1) if pid in wanted), None)


def mode_scores(mode: Mode, ranks: Sequence[int | None], questions: Sequence[str]) -> ModeScores:
    """hit@1/3/5 and MRR from the first acceptable rank of each question."""
    n = len(ranks) or 1

    def hit(k: int) -> float:
        return round(sum(1 for r in ranks if r is not None and r <= k) / n, 4)

    mrr = sum(1 / r for r in ranks if r is not None and r <= MRR_DEPTH) / n
    misses = tuple(q for q, r in zip(questions, ranks, strict=True) if r is None or r > 3)
    return ModeScores(
        mode=mode,
        hit_at_1=hit(1),
        hit_at_3=hit(3),
        hit_at_5=hit(5),
        mrr=round(mrr, 4),
        misses_at_3=misses,
    )


def calibrate(inside: Sequence[float], outside: Sequence[float], configured: float) -> Calibration:
    """Thresholds on top similarity: one keeping all in-scope, one maximising accuracy."""
    candidates = sorted(set(inside) | set(outside))
    total = len(inside) + len(outside) or 1

    def accuracy(t: float) -> float:
        return (sum(s >= t for s in inside) + sum(s < t for s in outside)) / total

    best = max(candidates, key=lambda t: (accuracy(t), -t)) if candidates else 0.0
    full = min(inside) if inside else 0.0
    return Calibration(
        in_scope=tuple(sorted(inside)),
        out_of_scope=tuple(sorted(outside)),
        threshold_full_recall=round(full, 4),
        threshold_best_accuracy=round(best, 4),
        best_accuracy=round(accuracy(best), 4),
        configured_threshold=configured,
        recall_at_configured=round(sum(s >= configured for s in inside) / (len(inside) or 1), 4),
        rejection_at_configured=round(
            sum(s < configured for s in outside) / (len(outside) or 1), 4
        ),
    )


def evaluate(
    retriever: Retriever, questions: Sequence[DevQuestion], modes: Sequence[Mode] = MODES
) -> RetrievalReport:
    """Score every mode on the in-scope questions and calibrate the out-of-scope threshold."""
    in_scope = [q for q in questions if not q.out_of_scope]
    oos = [q for q in questions if q.out_of_scope]
    scores = []
    for mode in modes:
        ranks = [
            first_rank([h.id for h in retriever.search(q.q, k=MRR_DEPTH, mode=mode).hits], q.ids)
            for q in in_scope
        ]
        scores.append(mode_scores(mode, ranks, [q.q for q in in_scope]))
    inside = [retriever.search(q.q, k=1) for q in in_scope]
    outside = [retriever.search(q.q, k=1) for q in oos]
    calibration = calibrate(
        [r.top_similarity for r in inside],
        [r.top_similarity for r in outside],
        retriever.settings.oos_threshold,
    )
    return RetrievalReport(
        questions=len(questions),
        in_scope=len(in_scope),
        out_of_scope=len(oos),
        modes=tuple(scores),
        calibration=calibration,
        scope_rule=ScopeRule(
            recall=round(sum(r.in_scope for r in inside) / (len(inside) or 1), 4),
            rejection=round(sum(not r.in_scope for r in outside) / (len(outside) or 1), 4),
            missed=tuple(q.q for q, r in zip(in_scope, inside, strict=True) if not r.in_scope),
            accepted=tuple(q.q for q, r in zip(oos, outside, strict=True) if r.in_scope),
        ),
    )


def format_report(report: RetrievalReport) -> str:
    """The report as a plain-text table."""
    lines = [
        f"Retrieval on {report.in_scope} in-scope questions "
        f"({report.out_of_scope} out-of-scope for calibration)",
        "",
        f"{'mode':<8} {'hit@1':>7} {'hit@3':>7} {'hit@5':>7} {'MRR':>7}",
    ]
    for m in report.modes:
        lines.append(
            f"{m.mode:<8} {m.hit_at_1:>7.3f} {m.hit_at_3:>7.3f} {m.hit_at_5:>7.3f} {m.mrr:>7.3f}"
        )
    c = report.calibration

    def spread(values: Sequence[float]) -> str:
        if not values:
            return "none"
        return f"min {min(values):.3f}  median {median(values):.3f}  max {max(values):.3f}"

    lines += [
        "",
        "Out-of-scope calibration (top dense cosine of each query):",
        f"  in-scope     ({len(c.in_scope):>3}): {spread(c.in_scope)}",
        f"  out-of-scope ({len(c.out_of_scope):>3}): {spread(c.out_of_scope)}",
        f"  threshold keeping every in-scope question: {c.threshold_full_recall:.3f}",
        f"  threshold with best accuracy: {c.threshold_best_accuracy:.3f} "
        f"(accuracy {c.best_accuracy:.3f})",
        f"  configured oos_threshold {c.configured_threshold:.3f}: in-scope recall "
        f"{c.recall_at_configured:.3f}, out-of-scope rejection {c.rejection_at_configured:.3f}",
    ]
    rule = report.scope_rule
    lines += [
        f"  SearchResult.in_scope (similarity and lexical coverage): in-scope recall "
        f"{rule.recall:.3f}, out-of-scope rejection {rule.rejection:.3f}",
    ]
    lines += [f"    judged out of scope: {q}" for q in rule.missed]
    lines += [f"    judged in scope: {q}" for q in rule.accepted]
    hybrid = next((m for m in report.modes if m.mode == "hybrid"), None)
    if hybrid and hybrid.misses_at_3:
        lines += ["", "Hybrid misses at 3:"] + [f"  - {q}" for q in hybrid.misses_at_3]
    return "\n".join(lines)
