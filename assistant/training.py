"""Training cases: a vignette and its facts; the rule engine decides which actions are right.

A case (one JSON file under `assistant/data/training/`) holds a short vignette, the structured
facts that define it, the NG234 sections the exercise asks about (optionally narrowed to some of
their recommendations, so that a case can test the whole management of a person in a short list
of options), and its distractors. Nothing in a case says which actions are correct: the correct
options are exactly the rules that apply to the case's facts (`rules.evaluate`) in what the case
asks about, each phrased in NICE's words. The distractors are wrong by construction, and a test
checks them against the engine:

- `does-not-apply`: a rule that does not apply to this case, shown in NICE's words (selecting
  it is wrong because the case does not meet its condition);
- `prohibited`: the opposite of an NG234 "do not" recommendation that applies to this case,
  phrased as an action ("Request a plain X-ray of the spine …" against 1.5.9).

Scoring, with partial credit (`Result.credit`):

    credit = right actions chosen / (right actions in the case + wrong options chosen)

so every right action chosen earns credit, a wrong choice costs less than a right choice earns
(it adds one to what the answer is marked out of), and the credit is never below 0: with three
right actions, choosing two of them and one wrong option gives 2 / (3 + 1) = 50 %; one right and
one wrong gives 25 %; all three and nothing wrong 100 %; only wrong options 0 %. (It is the
overlap of the chosen and the right sets, the Jaccard index.) `Result.score` (right minus wrong)
and `max_score` are kept for earlier readers.

The feedback lists the mistakes first (wrong choices, then missed actions), then the right
choices, then what was rightly left out; each item says why in plain words from the case's own
facts and quotes the cited recommendation verbatim. `summarise` turns the results of a set of
cases into a results summary (overall credit, per case, the sections where mistakes were made,
the weakest cases to retry).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant import rules
from assistant.case import Case, catalogue, make_case
from assistant.errors import InvalidInputError
from assistant.guideline.corpus import Passage
from assistant.rules.tables import AllOf
from assistant.settings import DATA_DIR

TRAINING_DIR = DATA_DIR / "training"

Verdict = Literal["correct", "missed", "wrong", "avoided"]
OptionKind = Literal["applies", "does-not-apply", "prohibited"]
Order = Literal["in-order", "random"]
Pronoun = Literal["she", "he", "they"]

#: The order feedback is shown in: the mistakes first (wrong choices, then missed actions).
VERDICT_ORDER: tuple[Verdict, ...] = ("wrong", "missed", "correct", "avoided")
MISTAKES: frozenset[str] = frozenset({"wrong", "missed"})
#: How the credit is worked out, in words (the page shows it).
SCHEME = (
    "Your score is the right actions you chose, out of all the right actions for the case plus "
    "any wrong options you chose. Each right action earns credit; each wrong choice adds one to "
    "what you are marked out of, so it costs less than a right choice earns, and the score never "
    "goes below 0."
)

_FROZEN = ConfigDict(frozen=True, extra="forbid")
_RECOMMENDATION = re.compile(r"^1\.\d{1,2}\.\d{1,2}$")


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
    pronoun: Pronoun = Field(
        "they", description="How the feedback refers to the person ('she', 'he' or 'they')."
    )
    facts: dict[str, str] = Field(description="The case as the rule engine sees it.")
    sections: tuple[str, ...] = Field(
        min_length=1, description="NG234 sections (e.g. '1.8') whose applying rules are asked."
    )
    recommendations: tuple[str, ...] = Field(
        (),
        description="Optional: only these recommendations (e.g. '1.5.2') of those sections are "
        "asked, to keep a case that spans several sections to a short list; whether each "
        "applies is still the engine's decision. Empty: every applying rule of the sections.",
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

    @model_validator(mode="after")
    def _recommendations_in_sections(self) -> TrainingCase:
        for rec in self.recommendations:
            if not _RECOMMENDATION.match(rec):
                raise ValueError(f"{rec!r} is not an NG234 recommendation number")
            if _section((rec,)) not in self.sections:
                raise ValueError(f"recommendation {rec} is outside the sections {self.sections}")
        return self

    def case(self) -> Case:
        """The facts as a Case."""
        return make_case(self.facts)

    def asks(self, cites: Sequence[str]) -> bool:
        """Whether a rule citing these recommendations is among what this case asks about."""
        if _section(cites) not in self.sections:
            return False
        return not self.recommendations or any(c in self.recommendations for c in cites)


class Option(BaseModel):
    """One action the trainee may choose."""

    model_config = _FROZEN

    key: str = Field(description="Stable key: the rule id, prefixed for a distractor.")
    text: str
    rule: str
    cites: tuple[str, ...]
    correct: bool
    kind: OptionKind

    @property
    def section(self) -> str:
        """The NG234 section the option's rule belongs to ('1.8')."""
        return _section(self.cites)


class Feedback(BaseModel):
    """The verdict on one option and why, in plain words, with NG234's words."""

    model_config = _FROZEN

    option: Option
    selected: bool
    verdict: Verdict
    explanation: str = Field(description="The verdict in one plain sentence.")
    reason: str = Field(
        "", description="Why, in plain words from the case's facts (not the rule's condition)."
    )
    because: tuple[str, ...] = Field(
        description="The facts that make the cited rule apply (or, for a rule that does not "
        "apply, the facts that rule it out)."
    )
    quotes: tuple[tuple[str, str], ...] = Field(description="(recommendation id, verbatim text).")

    @property
    def mistake(self) -> bool:
        """A wrong choice or a missed action."""
        return self.verdict in MISTAKES


class TraceLine(BaseModel):
    """A rule that applies to the case and the facts that made it apply."""

    model_config = _FROZEN

    rule: str
    cites: tuple[str, ...]
    action: str
    because: tuple[str, ...]


class Result(BaseModel):
    """A scored submission; its feedback lists the mistakes first."""

    model_config = _FROZEN

    case_id: str
    score: int = Field(description="Correct choices minus wrong choices (kept; see credit).")
    max_score: int = Field(description="The number of correct options.")
    right: int = Field(0, description="Right actions chosen.")
    wrong: int = Field(0, description="Wrong options chosen.")
    missed: int = Field(0, description="Right actions left out.")
    credit: float = Field(
        0.0,
        ge=0.0,
        le=1.0,
        description="Right chosen / (right actions + wrong chosen): partial credit, never < 0.",
    )
    feedback: tuple[Feedback, ...]
    trace: tuple[TraceLine, ...]

    @property
    def fraction(self) -> float:
        """The credit (0-1); the name earlier callers used."""
        return self.credit

    @property
    def percent(self) -> int:
        """The credit as a whole percentage."""
        return round(self.credit * 100)

    def count(self, verdict: Verdict) -> int:
        """How many options got this verdict."""
        return sum(1 for f in self.feedback if f.verdict == verdict)

    def mistake_sections(self) -> tuple[str, ...]:
        """NG234 sections of the wrong and missed options, in guideline order."""
        return _sorted_sections({f.option.section for f in self.feedback if f.mistake})


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


def _sorted_sections(sections: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(sections), key=lambda s: tuple(int(n) for n in s.split("."))))


@cache
def section_titles() -> dict[str, str]:
    """NG234 section number -> its title in the rule tables ('1.8' -> 'Corticosteroid therapy')."""
    return {table.section: table.title for table in rules.load_rulebook().tables}


def correct_hits(case: TrainingCase) -> tuple[rules.RuleHit, ...]:
    """The rules that apply to the case's facts, among what the case asks about."""
    evaluation = rules.evaluate(case.case())
    return tuple(hit for hit in evaluation.applies if case.asks(hit.cites))


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


# --- plain words ---------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """'Limb weakness' -> 'limb weakness'; 'MRI contraindicated' stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


@cache
def _labels() -> dict[str, str]:
    return {spec.label: name for name, spec in catalogue().items()}


def _short(label: str) -> str:
    """'Metastatic spinal cord compression (MSCC)' -> 'MSCC'; other labels lower-first."""
    abbreviation = re.search(r"\(([A-Z]{2,})\)$", label)
    return abbreviation.group(1) if abbreviation else _lower_first(label)


#: Facts that read as something the person has ("she has limb weakness", "… no night pain").
_SYMPTOM_GROUPS = frozenset({"cord", "pain", "pain_management"})
_NOT_SYMPTOMS = frozenset({"strong_opioids"})
_HAS_PHRASES = {"cancer_diagnosis": "a past or current diagnosis of cancer"}


def _parse(line: str) -> tuple[str | None, str, str]:
    """(fact name or None, label, value) of one engine trace line ('Limb weakness: yes')."""
    label, _, value = line.rpartition(": ")
    return _labels().get(label), label, value


def _symptom(name: str) -> bool:
    spec = catalogue()[name]
    return spec.type == "tri" and spec.group in _SYMPTOM_GROUPS and name not in _NOT_SYMPTOMS


def fact_phrase(line: str) -> str:
    """One engine trace line ('Limb weakness: yes') as a plain phrase of the case's facts.

    Yes facts read as themselves ('limb weakness'), absent symptoms as 'no night-time back
    pain …', other values keep their label ('MRI contraindicated: no', 'MSCC: suspected').
    """
    name, label, value = _parse(line)
    if name is None:
        return line
    if catalogue()[name].type == "tri" and value == "yes":
        return _HAS_PHRASES.get(name, _short(label))
    if value == "no" and _symptom(name):
        return f"no {_short(label)}"
    return f"{_short(label)}: {value}"


def _and(phrases: Sequence[str]) -> str:
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def facts_text(lines: Sequence[str], subject_has: str) -> str:
    """The facts behind a verdict in plain words.

    'she has limb weakness and gait disturbance …; MSCC: suspected'; every Box 1 cord symptom
    recorded absent reads 'no neurological symptoms or signs'.
    """
    has: list[str] = []
    absent: list[str] = []
    other: list[str] = []
    cord_absent = [
        n for n, _, v in map(_parse, lines) if n and v == "no" and catalogue()[n].red_flag
    ]
    all_cord = {n for n, spec in catalogue().items() if spec.red_flag}
    for line in lines:
        name, _, value = _parse(line)
        if name in all_cord and set(cord_absent) == all_cord:
            if "no neurological symptoms or signs" not in absent:
                absent.append("no neurological symptoms or signs")
            continue
        phrase = fact_phrase(line)
        if name and value == "yes" and (_symptom(name) or name in _HAS_PHRASES):
            has.append(phrase)
        elif name and value == "no" and _symptom(name):
            absent.append(phrase)
        else:
            other.append(phrase)
    parts = [f"{subject_has} {_and(has)}"] if has else []
    if absent:
        parts.append(_and(absent))
    if other:
        parts.append(", ".join(other))
    return "; ".join(parts)


def _person(case: TrainingCase) -> tuple[str, str]:
    """(object pronoun, subject + 'has/have') for the feedback's sentences."""
    return {
        "she": ("her", "she has"),
        "he": ("him", "he has"),
        "they": ("them", "they have"),
    }[case.pronoun]


def _strip_aside(text: str) -> str:
    """A definition label without its bracketed gloss, for a sentence."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", text)


def _unmet(rule: rules.Rule, facts: Case) -> str:
    """The parts of a rule's condition this case does not meet, in the engine's plain words."""
    cond = rule.when
    parts = cond.all_ if isinstance(cond, AllOf) else (cond,)
    failing = [p for p in parts if rules.check(p, facts).value == "no"] or [cond]
    words = [_strip_aside(rules.describe(p).removeprefix("If ")) for p in failing]
    return " and ".join(words)


def _explain(
    option: Option, selected: bool, case: TrainingCase, facts: Case
) -> tuple[Verdict, str, str, tuple[str, ...]]:
    """The verdict on one option, a plain headline, the reason from the case's facts, the why."""
    ids = ", ".join(option.cites)
    rule = rules.rule_by_id(option.rule)
    because = rules.check(rule, facts).why
    obj, subject_has = _person(case)
    known = facts_text(because, subject_has)
    if option.kind == "applies":
        verb = {
            "offer": f"recommends this for {obj}",
            "consider": f"says to consider this for {obj}",
            "do-not": f"says this for {obj}: it is a 'do not' to keep to",
        }[rule.strength]
        reason = f"Why it applies to {obj}: {known}." if known else ""
        if selected:
            return "correct", f"Right: NG234 {ids} {verb}.", reason, because
        return "missed", f"You left this out, but NG234 {ids} {verb}.", reason, because
    if option.kind == "prohibited":
        reason = f"Why the 'do not' applies to {obj}: {known}." if known else ""
        if selected:
            head = f"You chose this, but NG234 {ids} says not to do it for {obj}."
            return "wrong", head, reason, because
        head = f"Right to leave out: NG234 {ids} says not to do this for {obj}."
        return "avoided", head, reason, because
    reason = f"It is only for people where {_unmet(rule, facts)}"
    reason += f"; here {known}." if known else "."
    if selected:
        return "wrong", f"You chose this, but NG234 {ids} is not for {obj}.", reason, because
    return "avoided", f"Right to leave out: NG234 {ids} is not for {obj}.", reason, because


# --- scoring -------------------------------------------------------------------------------------


def _quotes(cites: Iterable[str], passages: Mapping[str, Passage]) -> tuple[tuple[str, str], ...]:
    return tuple((c, passages[c].text) for c in cites if c in passages)


def credit(right: int, correct_total: int, wrong: int) -> float:
    """Right chosen / (right actions + wrong chosen): 0-1, a wrong choice costs less than a
    right one earns."""
    marked_out_of = correct_total + wrong
    return right / marked_out_of if marked_out_of else 0.0


def score(case: TrainingCase, selected: Iterable[str], passages: Mapping[str, Passage]) -> Result:
    """Score the chosen option keys with partial credit; feedback lists the mistakes first."""
    chosen = set(selected)
    opts = options(case)
    unknown = chosen - {o.key for o in opts}
    if unknown:
        raise InvalidInputError(f"not options of case {case.id}: {sorted(unknown)}")
    facts = case.case()
    feedback = []
    for option in opts:
        verdict, explanation, reason, because = _explain(option, option.key in chosen, case, facts)
        feedback.append(
            Feedback(
                option=option,
                selected=option.key in chosen,
                verdict=verdict,
                explanation=explanation,
                reason=reason,
                because=because,
                quotes=_quotes(option.cites, passages),
            )
        )
    feedback.sort(key=lambda f: VERDICT_ORDER.index(f.verdict))  # stable: option order within
    right = sum(1 for f in feedback if f.verdict == "correct")
    wrong = sum(1 for f in feedback if f.verdict == "wrong")
    total = sum(1 for o in opts if o.correct)
    trace = tuple(
        TraceLine(rule=h.rule_id, cites=h.cites, action=h.action, because=h.trace)
        for h in correct_hits(case)
    )
    return Result(
        case_id=case.id,
        score=right - wrong,
        max_score=total,
        right=right,
        wrong=wrong,
        missed=total - right,
        credit=credit(right, total, wrong),
        feedback=tuple(feedback),
        trace=trace,
    )


def score_text(result: Result) -> str:
    """'2 of 3 right actions, 1 wrong choice: 50 %' (the score as the page shows it)."""
    wrong = f"{result.wrong} wrong choice" + ("" if result.wrong == 1 else "s")
    actions = "right action" if result.max_score == 1 else "right actions"
    return f"{result.right} of {result.max_score} {actions}, {wrong}: {result.percent} %"


# --- progress and the results summary ------------------------------------------------------------


def order(cases: Sequence[TrainingCase], mode: Order, seed: int) -> list[str]:
    """Case ids in file order, or shuffled by `seed` (the same seed gives the same order)."""
    ids = [c.id for c in cases]
    if mode == "random":
        random.Random(seed).shuffle(ids)
    return ids


def sets(ids: Sequence[str], size: int) -> list[tuple[str, ...]]:
    """The case ids in consecutive sets of `size` (the last may be shorter)."""
    if size < 1:
        raise InvalidInputError("a set holds at least one case")
    return [tuple(ids[i : i + size]) for i in range(0, len(ids), size)]


def progress(results: Mapping[str, Result], total: int) -> tuple[int, float | None]:
    """(cases answered, mean credit or None if none answered yet)."""
    if not results:
        return 0, None
    return min(len(results), total), sum(r.credit for r in results.values()) / len(results)


class CaseSummary(BaseModel):
    """One case's line in the results summary."""

    model_config = _FROZEN

    case_id: str
    title: str
    answered: bool
    credit: float | None = Field(None, description="None if not answered yet.")
    text: str = Field("", description="score_text of the result; empty if not answered.")
    mistake_sections: tuple[str, ...] = ()


class SectionMistakes(BaseModel):
    """An NG234 section in which mistakes were made, and how many."""

    model_config = _FROZEN

    section: str
    title: str
    wrong: int
    missed: int
    cases: tuple[str, ...] = Field(description="Ids of the cases with mistakes in this section.")


class Summary(BaseModel):
    """The results of a set of cases."""

    model_config = _FROZEN

    total: int
    answered: int
    complete: bool = Field(description="Every case of the set has been answered.")
    credit: float | None = Field(None, description="Mean credit of the answered cases.")
    cases: tuple[CaseSummary, ...]
    sections: tuple[SectionMistakes, ...] = Field(description="Most mistakes first.")
    weakest: tuple[str, ...] = Field(
        description="Ids of the answered cases below full credit, lowest first (at most 3)."
    )

    @property
    def percent(self) -> int | None:
        """The overall credit as a whole percentage."""
        return None if self.credit is None else round(self.credit * 100)


def summarise(
    cases: Sequence[TrainingCase], results: Mapping[str, Result], *, retry: int = 3
) -> Summary:
    """The results summary of a set: per case, overall, where the mistakes were, what to retry."""
    lines: list[CaseSummary] = []
    counts: dict[str, dict[str, int]] = {}
    in_cases: dict[str, list[str]] = {}
    for case in cases:
        result = results.get(case.id)
        if result is None:
            lines.append(CaseSummary(case_id=case.id, title=case.title, answered=False))
            continue
        lines.append(
            CaseSummary(
                case_id=case.id,
                title=case.title,
                answered=True,
                credit=result.credit,
                text=score_text(result),
                mistake_sections=result.mistake_sections(),
            )
        )
        for item in result.feedback:
            if item.mistake:
                tally = counts.setdefault(item.option.section, {"wrong": 0, "missed": 0})
                tally[item.verdict] += 1
                where = in_cases.setdefault(item.option.section, [])
                if case.id not in where:
                    where.append(case.id)
    titles = section_titles()
    sections = sorted(
        (
            SectionMistakes(
                section=s,
                title=titles.get(s, ""),
                wrong=tally["wrong"],
                missed=tally["missed"],
                cases=tuple(in_cases[s]),
            )
            for s, tally in counts.items()
        ),
        key=lambda m: (-(m.wrong + m.missed), tuple(int(n) for n in m.section.split("."))),
    )
    answered = [line for line in lines if line.answered]
    mean = sum(line.credit or 0.0 for line in answered) / len(answered) if answered else None
    weakest = sorted(
        (line for line in answered if (line.credit or 0.0) < 1.0),
        key=lambda line: (line.credit or 0.0, [c.id for c in cases].index(line.case_id)),
    )
    return Summary(
        total=len(cases),
        answered=len(answered),
        complete=bool(cases) and len(answered) == len(cases),
        credit=mean,
        cases=tuple(lines),
        sections=tuple(sections),
        weakest=tuple(line.case_id for line in weakest[:retry]),
    )


def sections_covered(cases: Iterable[TrainingCase]) -> set[str]:
    """Sections in which some case has at least one correct option."""
    return {_section(hit.cites) for case in cases for hit in correct_hits(case)}
