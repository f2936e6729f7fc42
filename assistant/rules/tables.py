"""The rule tables as data: conditions, rules, named definitions and conflicts, validated on load.

One JSON table per NG234 section (`s1_3_recognition.json`, ...) holds that section's rules; a
rule is a record (id, cites, strength, urgency, when, action in NICE's words, note). Conditions
compose `all` / `any` / `not` over case facts (`{"fact": "mscc", "is": ["suspected",
"confirmed"]}`) and named definitions (`{"def": "cord_red_flag"}`) that are written once in
`definitions.json`. Contradictory combinations of facts are data too (`conflicts.json`).

A fact condition never matches an unknown fact unless "unknown" is listed in `is` explicitly:
that is how a table says "not yet confirmed or ruled out" (see `mscc_suspected`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from assistant.case import catalogue

RULES_DIR = Path(__file__).parent
DEFINITIONS_FILE = RULES_DIR / "definitions.json"
CONFLICTS_FILE = RULES_DIR / "conflicts.json"
#: Rule tables, one per NG234 section, in guideline order.
TABLE_FILES = (
    "s1_1_services.json",
    "s1_2_information_support.json",
    "s1_3_recognition.json",
    "s1_4_immobilisation.json",
    "s1_5_imaging.json",
    "s1_6_mobilisation.json",
    "s1_7_pain.json",
    "s1_8_corticosteroids.json",
    "s1_9_scores.json",
    "s1_10_radiotherapy.json",
    "s1_11_invasive.json",
    "s1_12_rehabilitation.json",
)

Strength = Literal["offer", "consider", "do-not"]
Urgency = Literal["immediate", "24h", "1-week", "routine"]
#: Most urgent first: the order hits are shown in.
URGENCY_ORDER: tuple[str, ...] = ("immediate", "24h", "1-week", "routine")

_FROZEN = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


# --- conditions --------------------------------------------------------------------------------


class FactIs(BaseModel):
    """True when the fact has one of the listed values (unknown only if listed)."""

    model_config = _FROZEN

    fact: str
    is_: tuple[str, ...] = Field(alias="is", min_length=1)

    @field_validator("is_", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _known_fact_and_values(self) -> FactIs:
        facts = catalogue()
        if self.fact not in facts:
            raise ValueError(f"unknown fact {self.fact!r}")
        allowed = facts[self.fact].values
        for value in self.is_:
            if value not in allowed:
                raise ValueError(f"fact {self.fact!r}: {value!r} is not one of {allowed}")
        if len(set(self.is_)) != len(self.is_):
            raise ValueError(f"fact {self.fact!r}: repeated value in {self.is_}")
        if set(allowed) <= set(self.is_):
            raise ValueError(f"fact {self.fact!r}: a condition on every value is always true")
        return self


class AllOf(BaseModel):
    """Yes if every part is yes; no if any part is no; otherwise unknown."""

    model_config = _FROZEN

    all_: tuple[Condition, ...] = Field(alias="all", min_length=1)


class AnyOf(BaseModel):
    """Yes if any part is yes; no if every part is no; otherwise unknown."""

    model_config = _FROZEN

    any_: tuple[Condition, ...] = Field(alias="any", min_length=1)


class Not(BaseModel):
    """Yes if the part is no, no if it is yes, unknown if it is unknown."""

    model_config = _FROZEN

    not_: Condition = Field(alias="not")


class Ref(BaseModel):
    """A named definition from definitions.json, written once and used by name."""

    model_config = _FROZEN

    def_: str = Field(alias="def", pattern=r"^[a-z][a-z0-9_]*$")


_KEYS = {"fact": FactIs, "all": AllOf, "any": AnyOf, "not": Not, "def": Ref}


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        found = [key for key in _KEYS if key in value]
        return found[0] if len(found) == 1 else None
    for key, cls in _KEYS.items():
        if isinstance(value, cls):
            return key
    return None


Condition = Annotated[
    Union[  # noqa: UP007 - a tagged union of models reads best spelled out
        Annotated[FactIs, Tag("fact")],
        Annotated[AllOf, Tag("all")],
        Annotated[AnyOf, Tag("any")],
        Annotated[Not, Tag("not")],
        Annotated[Ref, Tag("def")],
    ],
    Discriminator(_condition_kind),
]

for _model in (AllOf, AnyOf, Not):
    _model.model_rebuild()


def children(cond: Condition) -> tuple[Condition, ...]:
    """The direct sub-conditions of a condition."""
    if isinstance(cond, AllOf):
        return cond.all_
    if isinstance(cond, AnyOf):
        return cond.any_
    if isinstance(cond, Not):
        return (cond.not_,)
    return ()


def walk(cond: Condition) -> Iterator[Condition]:
    """Every node of a condition tree, depth first."""
    yield cond
    for child in children(cond):
        yield from walk(child)


def refs_in(cond: Condition) -> set[str]:
    """Definition names a condition mentions directly."""
    return {node.def_ for node in walk(cond) if isinstance(node, Ref)}


def facts_in(cond: Condition) -> set[str]:
    """Fact names a condition tests directly (not through a definition)."""
    return {node.fact for node in walk(cond) if isinstance(node, FactIs)}


def facts_through(cond: Condition, definitions: Mapping[str, Definition]) -> set[str]:
    """Fact names a condition tests, directly or through the definitions it names (each
    definition followed once)."""
    seen: set[str] = set()
    out: set[str] = set()

    def visit(node: Condition) -> None:
        out.update(facts_in(node))
        for name in refs_in(node) - seen:
            seen.add(name)
            visit(definitions[name].when)

    visit(cond)
    return out


# Helpers for building conditions in Python (tests, the mutation check).


def fact(name: str, *values: str) -> FactIs:
    """A fact condition: `fact("mscc", "suspected", "confirmed")`."""
    return FactIs(fact=name, is_=values or ("yes",))


def all_(*parts: Condition) -> AllOf:
    """Every part must hold."""
    return AllOf(all_=parts)


def any_(*parts: Condition) -> AnyOf:
    """At least one part must hold."""
    return AnyOf(any_=parts)


def not_(part: Condition) -> Not:
    """The part must not hold."""
    return Not(not_=part)


def ref(name: str) -> Ref:
    """A named definition."""
    return Ref(def_=name)


# --- records ------------------------------------------------------------------------------------

_REC_ID = r"^1\.(?:[1-9]|1[0-2])\.\d{1,2}$"


class Definition(BaseModel):
    """A derived condition named once (e.g. `cord_red_flag`) and referenced by rules."""

    model_config = _FROZEN

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(description="The condition as a clause: 'MSCC is suspected'.")
    when: Condition
    cites: tuple[str, ...] = Field((), description="Where NG234 defines it, if it does.")
    note: str | None = None


class Rule(BaseModel):
    """One NG234 recommendation (or one part of it) as a record the engine evaluates."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^R1\.\d{1,2}\.\d{1,2}(-[a-z0-9]+)+$")
    cites: tuple[str, ...] = Field(min_length=1)
    strength: Strength
    urgency: Urgency
    action: str = Field(
        min_length=10, description="NICE's imperative, verbatim fragments joined by ' … '."
    )
    when: Condition
    asks: Condition | None = Field(
        None,
        description="The exception of an 'offer … unless' recommendation, three-valued. `when` "
        "already withholds the rule when the exception is recorded; while it is not known the "
        "rule applies and the exception's unknown facts are asked (they would withdraw it).",
    )
    note: str | None = Field(None, description="Why a reading or an urgency is a judgement.")

    @field_validator("cites")
    @classmethod
    def _rec_ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for rec in value:
            if not re.match(_REC_ID, rec):
                raise ValueError(f"cite {rec!r} is not an NG234 1.1-1.12 recommendation id")
        return value

    @property
    def section(self) -> str:
        """The NG234 section of the first cited recommendation, e.g. '1.8'."""
        return ".".join(self.cites[0].split(".")[:2])


class RuleTable(BaseModel):
    """The rules of one NG234 section."""

    model_config = _FROZEN

    section: str = Field(pattern=r"^1\.\d{1,2}$")
    title: str
    rules: tuple[Rule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _rules_in_section(self) -> RuleTable:
        for rule in self.rules:
            if rule.section != self.section:
                raise ValueError(f"{rule.id} cites {rule.cites[0]}, outside section {self.section}")
        return self


class ConflictSpec(BaseModel):
    """A combination of facts that cannot all be true: reported, never resolved."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^C-[a-z0-9-]+$")
    message: str
    when: Condition
    cites: tuple[str, ...] = ()


class RuleBook(BaseModel):
    """Definitions, conflicts and every section's table, cross-checked."""

    model_config = _FROZEN

    definitions: tuple[Definition, ...]
    conflicts: tuple[ConflictSpec, ...]
    tables: tuple[RuleTable, ...]

    @model_validator(mode="after")
    def _consistent(self) -> RuleBook:
        names = [d.name for d in self.definitions]
        _no_duplicates("definition", names)
        _no_duplicates("conflict", [c.id for c in self.conflicts])
        _no_duplicates("rule", [r.id for t in self.tables for r in t.rules])
        _no_duplicates("table section", [t.section for t in self.tables])
        known = set(names)
        conds = [("definition " + d.name, d.when) for d in self.definitions]
        conds += [("conflict " + c.id, c.when) for c in self.conflicts]
        conds += [("rule " + r.id, r.when) for t in self.tables for r in t.rules]
        conds += [
            ("rule " + r.id + " asks", r.asks) for t in self.tables for r in t.rules if r.asks
        ]
        for where, cond in conds:
            missing = refs_in(cond) - known
            if missing:
                raise ValueError(f"{where} uses undefined definition(s) {sorted(missing)}")
        graph = {d.name: refs_in(d.when) for d in self.definitions}
        for name in names:
            _no_cycle(name, graph, ())
        return self


def _no_duplicates(kind: str, values: list[str]) -> None:
    dupes = sorted({v for v in values if values.count(v) > 1})
    if dupes:
        raise ValueError(f"duplicate {kind} id(s): {dupes}")


def _no_cycle(name: str, graph: dict[str, set[str]], path: tuple[str, ...]) -> None:
    if name in path:
        raise ValueError(f"definition cycle: {' -> '.join((*path, name))}")
    for nxt in sorted(graph[name]):
        _no_cycle(nxt, graph, (*path, name))


# --- loading ------------------------------------------------------------------------------------


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def load_rulebook() -> RuleBook:
    """Every table, definition and conflict, validated once (raises ValidationError if bad)."""
    return RuleBook.model_validate(
        {
            "definitions": _read(DEFINITIONS_FILE)["definitions"],
            "conflicts": _read(CONFLICTS_FILE)["conflicts"],
            "tables": [_read(RULES_DIR / name) for name in TABLE_FILES],
        }
    )


def load_rules() -> tuple[Rule, ...]:
    """Every rule, section by section in table order (cached)."""
    return tuple(rule for table in load_rulebook().tables for rule in table.rules)


def load_definitions() -> dict[str, Definition]:
    """Definition name -> definition (cached)."""
    return {d.name: d for d in load_rulebook().definitions}


def load_conflicts() -> tuple[ConflictSpec, ...]:
    """Every conflict definition (cached)."""
    return load_rulebook().conflicts


def rule_by_id(rule_id: str) -> Rule:
    """The rule with this id, or KeyError."""
    for rule in load_rules():
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)


def rules_citing(rec_id: str) -> list[Rule]:
    """Rules that cite an NG234 recommendation id (e.g. '1.8.1'), in table order."""
    wanted = rec_id.strip()
    return [rule for rule in load_rules() if wanted in rule.cites]
