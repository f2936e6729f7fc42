"""Training cases: a vignette and its facts; the rule engine decides which actions are right.

A case (one JSON file under `assistant/data/training/`) holds a short vignette, the structured
facts that define it, the NG234 sections the exercise asks about, and its distractors. Nothing
in a case says which actions are correct: the correct options are exactly the rules that apply
to the case's facts (`rules.evaluate`) in those sections, each phrased in NICE's words. The
distractors are wrong by construction, and a test checks them against the engine:

- `does-not-apply`: a rule that does not apply to this case, shown in NICE's words (selecting
  it is wrong because the case does not meet its condition);
- `prohibited`: the opposite of an NG234 "do not" recommendation that applies to this case,
  phrased as an action ("Request a plain X-ray of the spine …" against 1.5.9).

A submission scores +1 for each correct action chosen and -1 for each wrong one chosen; the
feedback on every option quotes the cited NG234 recommendation verbatim.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant import rules
from assistant.case import Case, make_case
from assistant.errors import InvalidInputError
from assistant.guideline.corpus import Passage
from assistant.settings import DATA_DIR

TRAINING_DIR = DATA_DIR / "training"

Verdict = Literal["correct", "missed", "wrong", "avoided"]
OptionKind = Literal["applies", "does-not-apply", "prohibited"]
Order = Literal["in-order", "random"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Distractor(BaseModel):
    """A wrong option, with the rule that makes it wrong."""

    model_config = _FROZEN

    rule: str = Field(description="Id of the rule that makes this option wrong.")
    kind: Literal["does-not-apply", "prohibited"]
    text: str | None = Field(
        None,
        min_length=10,
        description="The option as shown; required for 'prohibited' (the forbidden action as "
        "something to do); defaults to the rule's action for 'does-not-apply'.",
    )


class TrainingCase(BaseModel):
    """One example case: vignette, defining facts, the sections asked about, distractors."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    vignette: str = Field(min_length=20)
    facts: dict[str, str] = Field(description="The case as the rule engine sees it.")
    sections: tuple[str, ...] = Field(
        min_length=1, description="NG234 sections (e.g. '1.8') whose applying rules are asked."
    )
    distractors: tuple[Distractor, ...] = Field(min_length=2)

    @field_validator("facts")
    @classmethod
    def _valid_facts(cls, value: dict[str, str]) -> dict[str, str]:
        try:
            make_case(value)
        except InvalidInputError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @field_validator("sections")
    @classmethod
    def _section_ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for section in value:
            if section not in {f"1.{n}" for n in range(2, 13)}:
                raise ValueError(f"{section!r} is not an NG234 section with rules (1.2-1.12)")
        return value

    def case(self) -> Case:
        """The facts as a Case."""
        return make_case(self.facts)


class Option(BaseModel):
    """One action the trainee may choose."""

    model_config = _FROZEN

    key: str = Field(description="Stable key: the rule id, prefixed for a distractor.")
    text: str
    rule: str
    cites: tuple[str, ...]
    correct: bool
    kind: OptionKind


class Feedback(BaseModel):
    """The verdict on one option and why, with NG234's words."""

    model_config = _FROZEN

    option: Option
    selected: bool
    verdict: Verdict
    explanation: str
    because: tuple[str, ...] = Field(
        description="The facts that make the cited rule apply (or, for a rule that does not "
        "apply, the facts that rule it out)."
    )
    quotes: tuple[tuple[str, str], ...] = Field(description="(recommendation id, verbatim text).")


class TraceLine(BaseModel):
    """A rule that applies to the case and the facts that made it apply."""

    model_config = _FROZEN

    rule: str
    cites: tuple[str, ...]
    action: str
    because: tuple[str, ...]


class Result(BaseModel):
    """A scored submission."""

    model_config = _FROZEN

    case_id: str
    score: int = Field(description="Correct choices minus wrong choices.")
    max_score: int = Field(description="The number of correct options.")
    feedback: tuple[Feedback, ...]
    trace: tuple[TraceLine, ...]

    @property
    def fraction(self) -> float:
        """The score as a share of the best possible, floored at 0."""
        return max(self.score, 0) / self.max_score if self.max_score else 0.0

    def count(self, verdict: Verdict) -> int:
        """How many options got this verdict."""
        return sum(1 for f in self.feedback if f.verdict == verdict)


# --- loading -------------------------------------------------------------------------------------


def load_case(path: Path) -> TrainingCase:
    """One training case from a JSON file; InvalidInputError naming the file if it is invalid."""
    try:
        return TrainingCase.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise InvalidInputError(f"training case {path.name} is invalid: {first}") from exc


@cache
def load_cases(directory: Path = TRAINING_DIR) -> tuple[TrainingCase, ...]:
    """Every bundled training case, in file-name order (loaded once)."""
    cases = tuple(load_case(p) for p in sorted(directory.glob("*.json")))
    ids = [c.id for c in cases]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InvalidInputError(f"duplicate training case ids: {dupes}")
    return cases


# --- options -------------------------------------------------------------------------------------


def _section(rule_cites: Sequence[str]) -> str:
    return ".".join(rule_cites[0].split(".")[:2])


def correct_hits(case: TrainingCase) -> tuple[rules.RuleHit, ...]:
    """The rules that apply to the case's facts, in the sections the case asks about."""
    evaluation = rules.evaluate(case.case())
    return tuple(hit for hit in evaluation.applies if _section(hit.cites) in case.sections)


def options(case: TrainingCase) -> list[Option]:
    """Correct options (applying rules) and distractors, shuffled deterministically per case."""
    out: list[Option] = []
    seen: set[str] = set()
    for hit in correct_hits(case):
        if hit.action in seen:  # two rules for one recommendation may share NICE's words
            continue
        seen.add(hit.action)
        out.append(
            Option(
                key=hit.rule_id,
                text=hit.action,
                rule=hit.rule_id,
                cites=hit.cites,
                correct=True,
                kind="applies",
            )
        )
    for distractor in case.distractors:
        rule = rules.rule_by_id(distractor.rule)
        out.append(
            Option(
                key=f"{distractor.kind}:{rule.id}",
                text=distractor.text or rule.action,
                rule=rule.id,
                cites=rule.cites,
                correct=False,
                kind=distractor.kind,
            )
        )
    random.Random(case.id).shuffle(out)
    return out


# --- scoring -------------------------------------------------------------------------------------


def _quotes(cites: Iterable[str], passages: Mapping[str, Passage]) -> tuple[tuple[str, str], ...]:
    return tuple((c, passages[c].text) for c in cites if c in passages)


def _explain(option: Option, selected: bool, case: Case) -> tuple[Verdict, str, tuple[str, ...]]:
    """The verdict on one option, a one-line reason and the facts behind it (the engine's why)."""
    ids = ", ".join(option.cites)
    rule = rules.rule_by_id(option.rule)
    because = rules.check(rule, case).why
    if option.kind == "applies":
        if selected:
            return "correct", f"Right: NG234 {ids} applies to this case.", because
        return "missed", f"Missed: NG234 {ids} applies to this case.", because
    if option.kind == "prohibited":
        if selected:
            return "wrong", f"Wrong: NG234 {ids} says not to do this for this person.", because
        return "avoided", f"Right to leave out: NG234 {ids} says not to do this.", because
    condition = rules.describe(rule)
    condition = condition[:1].lower() + condition[1:]
    if selected:
        return "wrong", f"Wrong: NG234 {ids} applies only {condition}.", because
    return "avoided", f"Right to leave out: NG234 {ids} applies only {condition}.", because


def score(case: TrainingCase, selected: Iterable[str], passages: Mapping[str, Passage]) -> Result:
    """Score the chosen option keys: +1 per correct action chosen, -1 per wrong one chosen."""
    chosen = set(selected)
    opts = options(case)
    unknown = chosen - {o.key for o in opts}
    if unknown:
        raise InvalidInputError(f"not options of case {case.id}: {sorted(unknown)}")
    facts = case.case()
    feedback = []
    for option in opts:
        verdict, explanation, because = _explain(option, option.key in chosen, facts)
        feedback.append(
            Feedback(
                option=option,
                selected=option.key in chosen,
                verdict=verdict,
                explanation=explanation,
                because=because,
                quotes=_quotes(option.cites, passages),
            )
        )
    right = sum(1 for f in feedback if f.verdict == "correct")
    wrong = sum(1 for f in feedback if f.verdict == "wrong")
    trace = tuple(
        TraceLine(rule=h.rule_id, cites=h.cites, action=h.action, because=h.trace)
        for h in correct_hits(case)
    )
    return Result(
        case_id=case.id,
        score=right - wrong,
        max_score=sum(1 for o in opts if o.correct),
        feedback=tuple(feedback),
        trace=trace,
    )


# --- progress ------------------------------------------------------------------------------------


def order(cases: Sequence[TrainingCase], mode: Order, seed: int) -> list[str]:
    """Case ids in file order, or shuffled by `seed` (the same seed gives the same order)."""
    ids = [c.id for c in cases]
    if mode == "random":
        random.Random(seed).shuffle(ids)
    return ids


def progress(results: Mapping[str, Result], total: int) -> tuple[int, float | None]:
    """(cases answered, mean score fraction or None if none answered yet)."""
    if not results:
        return 0, None
    return min(len(results), total), sum(r.fraction for r in results.values()) / len(results)


def sections_covered(cases: Iterable[TrainingCase]) -> set[str]:
    """Sections in which some case has at least one correct option."""
    return {_section(hit.cites) for case in cases for hit in correct_hits(case)}
