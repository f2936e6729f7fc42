"""The rule engine: a pure, three-valued (Kleene) evaluation of the NG234 tables over a Case.

Each rule **applies** (its condition is yes), **does not apply** (no) or is **undetermined**
(unknown), and an undetermined rule names the unknown facts that would decide it. Unknown is
never treated as no: `all` is no only if a part is no, `any` is yes only if a part is yes.
The trace of a hit (the conditions that made it apply) is the explanation shown to the user.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from assistant.case import UNKNOWN, Case, catalogue
from assistant.rules.tables import (
    URGENCY_ORDER,
    AllOf,
    AnyOf,
    Condition,
    ConflictSpec,
    Definition,
    FactIs,
    Not,
    Ref,
    Rule,
    Strength,
    Urgency,
    load_conflicts,
    load_definitions,
    load_rules,
)

YES, NO = "yes", "no"
Tri = str  # "yes" | "no" | "unknown"


# --- results ------------------------------------------------------------------------------------

_VALUE = ConfigDict(frozen=True, extra="forbid")


class RuleHit(BaseModel):
    """A rule that applies (or may apply), with the conditions that matched."""

    model_config = _VALUE

    rule_id: str
    cites: tuple[str, ...]
    strength: Strength
    urgency: Urgency
    action: str
    trace: tuple[str, ...] = Field(
        description="The facts that made the rule apply (for an undetermined rule: so far)."
    )
    missing: tuple[str, ...] = Field((), description="Unknown facts that would decide it.")
    deciding: tuple[str, ...] = Field(
        (),
        description="The fewest unknown facts whose answers could make it apply (undetermined "
        "rules only): one red flag for 'any red flag', every part for 'all of'.",
    )
    asks: tuple[str, ...] = Field(
        (),
        description="Applying rules only: unknown facts of the rule's 'unless' exception "
        "(Rule.asks), asked because a 'yes' would withdraw the rule.",
    )

    @classmethod
    def of(cls, rule: Rule, *, trace: tuple[str, ...], **more: object) -> RuleHit:
        """A hit for this rule, with the conditions that explain it (`more`: missing,
        deciding, asks)."""
        return cls(
            rule_id=rule.id,
            cites=rule.cites,
            strength=rule.strength,
            urgency=rule.urgency,
            action=rule.action,
            trace=trace,
            **more,
        )


class Question(BaseModel):
    """An unknown fact worth asking about, with the question to ask."""

    model_config = _VALUE

    fact: str
    text: str
    red_flag: bool = False
    rules: tuple[str, ...] = Field(
        (),
        description="Rules the answer bears on: undetermined ones, and applying ones whose "
        "'unless' exception it would settle.",
    )


class Conflict(BaseModel):
    """Facts that contradict each other: reported, never silently resolved."""

    model_config = _VALUE

    id: str
    message: str
    facts: tuple[str, ...]
    cites: tuple[str, ...] = ()


class Evaluation(BaseModel):
    """Everything the rules say about one case."""

    model_config = _VALUE

    applies: tuple[RuleHit, ...]
    undetermined: tuple[RuleHit, ...]
    not_applicable: tuple[str, ...] = Field((), description="Ids of rules that do not apply.")
    questions: tuple[Question, ...]
    conflicts: tuple[Conflict, ...]

    def cited(self) -> set[str]:
        """Recommendation ids cited by the rules that apply."""
        return {rec for hit in self.applies for rec in hit.cites}

    def status(self, rule_id: str) -> str:
        """'applies', 'undetermined' or 'not' for one rule id of this evaluation."""
        if any(hit.rule_id == rule_id for hit in self.applies):
            return "applies"
        if any(hit.rule_id == rule_id for hit in self.undetermined):
            return "undetermined"
        if rule_id in self.not_applicable:
            return "not"
        raise KeyError(rule_id)


# --- three-valued evaluation --------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """The value of a condition, why it has that value, and what would decide it if unknown."""

    value: Tri
    why: tuple[str, ...] = ()
    missing: frozenset[str] = frozenset()
    #: For an unknown value: the fewest unknown facts to answer to make it yes, or to make it no.
    to_yes: frozenset[str] = frozenset()
    to_no: frozenset[str] = frozenset()


def _show(value: str) -> str:
    return "not yet known" if value == UNKNOWN else value.replace("_", " ")


class _Evaluator:
    """Evaluates conditions over one case; definitions are memoised per case."""

    def __init__(self, case: Case, definitions: Mapping[str, Definition]) -> None:
        self.case = case
        self.definitions = definitions
        self.facts = catalogue()
        self.memo: dict[str, Outcome] = {}

    def run(self, cond: Condition) -> Outcome:
        if isinstance(cond, FactIs):
            return self._fact(cond)
        if isinstance(cond, AllOf):
            return self._all(cond.all_)
        if isinstance(cond, AnyOf):
            return self._any(cond.any_)
        if isinstance(cond, Not):
            inner = self.run(cond.not_)
            flipped = {YES: NO, NO: YES}.get(inner.value, UNKNOWN)
            why = inner.why if flipped != UNKNOWN else ()
            return Outcome(flipped, why, inner.missing, inner.to_no, inner.to_yes)
        if isinstance(cond, Ref):
            if cond.def_ not in self.memo:
                self.memo[cond.def_] = self.run(self.definitions[cond.def_].when)
            return self.memo[cond.def_]
        raise TypeError(f"not a condition: {cond!r}")  # pragma: no cover

    def _fact(self, cond: FactIs) -> Outcome:
        value = self.case.get(cond.fact)
        line = (f"{self.facts[cond.fact].label}: {_show(value)}",)
        if value in cond.is_:  # includes an explicitly listed "unknown"
            return Outcome(YES, line)
        if value == UNKNOWN:
            only = frozenset({cond.fact})
            return Outcome(UNKNOWN, (), only, only, only)
        return Outcome(NO, line)

    def _all(self, parts: Sequence[Condition]) -> Outcome:
        outs = [self.run(p) for p in parts]
        if any(o.value == NO for o in outs):
            return Outcome(NO, _lines(o for o in outs if o.value == NO))
        yes_lines = _lines(o for o in outs if o.value == YES)
        if all(o.value == YES for o in outs):
            return Outcome(YES, yes_lines)
        open_ = [o for o in outs if o.value == UNKNOWN]
        missing = frozenset().union(*(o.missing for o in open_))
        to_yes = frozenset().union(*(o.to_yes for o in open_))
        return Outcome(UNKNOWN, yes_lines, missing, to_yes, _fewest(o.to_no for o in open_))

    def _any(self, parts: Sequence[Condition]) -> Outcome:
        outs = [self.run(p) for p in parts]
        if any(o.value == YES for o in outs):
            return Outcome(YES, _lines(o for o in outs if o.value == YES))
        if all(o.value == NO for o in outs):
            return Outcome(NO, _lines(outs))
        open_ = [o for o in outs if o.value == UNKNOWN]
        missing = frozenset().union(*(o.missing for o in open_))
        to_no = frozenset().union(*(o.to_no for o in open_))
        return Outcome(UNKNOWN, (), missing, _fewest(o.to_yes for o in open_), to_no)


def _fewest(options: Iterable[frozenset[str]]) -> frozenset[str]:
    """The smallest of several sets of facts (the first of equal size: deterministic)."""
    return min(options, key=len, default=frozenset())


def _lines(outcomes: Iterable[Outcome]) -> tuple[str, ...]:
    """The trace lines of several outcomes, in order, each once."""
    return tuple(dict.fromkeys(line for outcome in outcomes for line in outcome.why))


def check(
    cond: Condition | Rule,
    case: Case,
    *,
    definitions: Mapping[str, Definition] | None = None,
) -> Outcome:
    """Evaluate one condition (or a rule's condition) over a case, three-valued."""
    target = cond.when if isinstance(cond, Rule) else cond
    return _Evaluator(case, load_definitions() if definitions is None else definitions).run(target)


# --- the evaluation -----------------------------------------------------------------------------


def _fact_rank(name: str) -> tuple[bool, int, int]:
    """Cord-compression red flags first, then by the fact's priority, then catalogue order."""
    facts = catalogue()
    spec = facts[name]
    return (not spec.red_flag, spec.priority, list(facts).index(name))


def _hit_key(hit: RuleHit) -> tuple[int, tuple[tuple[int, ...], ...], str]:
    cites = tuple(tuple(int(n) for n in rec.split(".")) for rec in hit.cites)
    return (URGENCY_ORDER.index(hit.urgency), cites, hit.rule_id)


def _questions(
    undetermined: Sequence[RuleHit], applying: Sequence[RuleHit] = ()
) -> tuple[Question, ...]:
    """The fewest questions that bear on every undetermined rule, most urgent first.

    An applying rule with an unsettled 'unless' exception (`asks`) is borne on by the
    exception's facts in the same way: a 'yes' would withdraw it.

    Every unknown cord-compression red flag that bears on a rule is asked (each 'no' is needed
    before cord compression can be set aside). Other facts are chosen greedily in rank order
    (rule urgency, then the fact's priority): a fact is asked only if it bears on a rule that
    no earlier question already bears on.
    """
    facts = catalogue()
    bears: dict[str, list[RuleHit]] = {}
    for hit in undetermined:
        for name in hit.missing:
            bears.setdefault(name, []).append(hit)
    for hit in applying:
        for name in hit.asks:
            bears.setdefault(name, []).append(hit)

    def rank(name: str) -> tuple[bool, int, int, int]:
        not_red, priority, order = _fact_rank(name)
        urgency = min(URGENCY_ORDER.index(h.urgency) for h in bears[name])
        return (not_red, urgency, priority, order)

    covered: set[str] = set()
    chosen: list[Question] = []
    for name in sorted(bears, key=rank):
        hits = bears[name]
        if facts[name].red_flag or any(h.rule_id not in covered for h in hits):
            covered.update(h.rule_id for h in hits)
            chosen.append(
                Question(
                    fact=name,
                    text=facts[name].question,
                    red_flag=facts[name].red_flag,
                    rules=tuple(h.rule_id for h in hits),
                )
            )
    return tuple(chosen)


def _conflicts(
    case: Case, specs: Sequence[ConflictSpec], definitions: Mapping[str, Definition]
) -> tuple[Conflict, ...]:
    evaluator = _Evaluator(case, definitions)
    found = []
    for spec in specs:
        outcome = evaluator.run(spec.when)
        if outcome.value == YES:
            found.append(
                Conflict(id=spec.id, message=spec.message, facts=outcome.why, cites=spec.cites)
            )
    return tuple(found)


def evaluate(
    case: Case,
    rules: Sequence[Rule] | None = None,
    *,
    definitions: Mapping[str, Definition] | None = None,
) -> Evaluation:
    """Evaluate every rule (or the given rules) over a case: applies, undetermined, questions."""
    rules = load_rules() if rules is None else tuple(rules)
    defs = load_definitions() if definitions is None else definitions
    evaluator = _Evaluator(case, defs)
    applies: list[RuleHit] = []
    undetermined: list[RuleHit] = []
    not_applicable: list[str] = []
    for rule in rules:
        outcome = evaluator.run(rule.when)
        if outcome.value == NO:
            not_applicable.append(rule.id)
            continue
        asks: frozenset[str] = frozenset()
        if outcome.value == YES and rule.asks is not None:
            exception = evaluator.run(rule.asks)
            asks = exception.missing if exception.value == UNKNOWN else frozenset()
        hit = RuleHit.of(
            rule,
            trace=outcome.why,
            missing=tuple(sorted(outcome.missing, key=_fact_rank)),
            deciding=tuple(sorted(outcome.to_yes, key=_fact_rank)),
            asks=tuple(sorted(asks, key=_fact_rank)),
        )
        (applies if outcome.value == YES else undetermined).append(hit)
    undetermined.sort(key=_hit_key)
    applies.sort(key=_hit_key)
    return Evaluation(
        applies=tuple(applies),
        undetermined=tuple(undetermined),
        not_applicable=tuple(sorted(not_applicable)),
        questions=_questions(undetermined, applies),
        conflicts=_conflicts(case, load_conflicts(), defs),
    )


# --- plain words --------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """'Limb weakness' -> 'limb weakness' inside a sentence; 'MRI ...' stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _values(cond: FactIs) -> str:
    return " or ".join(_show(v) for v in cond.is_)


def _words(cond: Condition, defs: Mapping[str, Definition], expand: bool) -> str:
    labels = catalogue()
    if isinstance(cond, FactIs):
        return f"{_lower_first(labels[cond.fact].label)} is {_values(cond)}"
    if isinstance(cond, Ref):
        definition = defs[cond.def_]
        if expand:
            return f"{definition.label} [{_words(definition.when, defs, expand)}]"
        return definition.label
    if isinstance(cond, Not):
        inner = cond.not_
        if isinstance(inner, FactIs):
            if inner.is_ == (UNKNOWN,):
                return f"{_lower_first(labels[inner.fact].label)} is recorded (either way)"
            if UNKNOWN in inner.is_:  # definite: the other values, as recorded
                rest = [v for v in labels[inner.fact].values if v not in inner.is_]
                shown = " or ".join(_show(v) for v in rest)
                return f"{_lower_first(labels[inner.fact].label)} is recorded as {shown}"
            return f"{_lower_first(labels[inner.fact].label)} is not {_values(inner)}"
        return f"not ({_words(inner, defs, expand)})"
    parts = cond.all_ if isinstance(cond, AllOf) else cond.any_
    if (
        isinstance(cond, AnyOf)
        and len(parts) > 1
        and all(isinstance(p, FactIs) and p.is_ == (YES,) for p in parts)
    ):
        names = ", ".join(_lower_first(labels[p.fact].label) for p in parts)  # type: ignore[union-attr]
        return f"any of ({names}) is yes"
    joiner = " and " if isinstance(cond, AllOf) else " or "
    return joiner.join(_wrapped(p, defs, expand) for p in parts)


def _wrapped(cond: Condition, defs: Mapping[str, Definition], expand: bool) -> str:
    text = _words(cond, defs, expand)
    nested = (
        isinstance(cond, AllOf | AnyOf)
        and len(cond.all_ if isinstance(cond, AllOf) else cond.any_) > 1
    )
    return f"({text})" if nested and not text.startswith("any of (") else text


def describe(
    target: Rule | Condition,
    *,
    expand: bool = False,
    definitions: Mapping[str, Definition] | None = None,
) -> str:
    """A rule's condition in plain words ('If past or current diagnosis of cancer is yes and …').

    Named definitions are shown by their label; `expand=True` spells each one out in brackets.
    """
    cond = target.when if isinstance(target, Rule) else target
    defs = load_definitions() if definitions is None else definitions
    return "If " + _words(cond, defs, expand)
