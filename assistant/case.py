"""The patient facts NG234's recommendations depend on: three-valued, never assumed.

The vocabulary of facts lives in `assistant/data/facts.json` (name, group, type, label, the
question to ask when unknown, priority). A `Case` maps fact names to values; a fact not
mentioned is "unknown", which is not "no" (an unknown red flag is asked about).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.errors import InvalidInputError
from assistant.settings import DATA_DIR

UNKNOWN = "unknown"
TRI_VALUES = ("yes", "no", UNKNOWN)
FACTS_FILE = DATA_DIR / "facts.json"


class Cleared(BaseModel):
    """This fact describes what `fact` records when it is not one of `values`: a change that
    sets `fact` to one of them leaves it nothing to describe."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fact: str
    values: tuple[str, ...]
    keep: tuple[str, ...] = Field(
        (), description="Values of this fact that stand all the same ('not_identified')."
    )


class Implied(BaseModel):
    """This fact's `value` follows from `fact` having one of `values`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fact: str
    values: tuple[str, ...]
    value: str


class FactSpec(BaseModel):
    """One fact the rules may depend on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    group: str
    type: Literal["tri", "enum"]
    label: str = Field(description="Plain-English label shown in the case panel.")
    question: str = Field(description="What to ask when the fact is unknown.")
    options: tuple[str, ...] = Field((), description="Allowed values of an enum (not unknown).")
    priority: int = Field(50, description="Lower is asked first; cord red flags are 1-2.")
    red_flag: bool = Field(False, description="A Box 1 symptom or sign of cord compression.")
    implied_by: Implied | None = Field(
        None,
        description="A value this fact takes because another fact has one of some values "
        "(a confirmed haematological malignancy because the primary is myeloma): when a "
        "change moves that fact to another value, the implied value no longer stands.",
    )

    cleared_by: Cleared | None = Field(
        None,
        description="Another fact whose change to one of some values leaves this one nothing "
        "to describe (a primary tumour once the cancer diagnosis is corrected to no): the same "
        "change clears it to unknown, unless it sets this fact itself.",
    )

    @model_validator(mode="after")
    def _options_match_type(self) -> FactSpec:
        if self.type == "enum" and not self.options:
            raise ValueError(f"enum fact {self.name} needs options")
        if self.type == "tri" and self.options:
            raise ValueError(f"tri fact {self.name} takes no options")
        if UNKNOWN in self.options:
            raise ValueError(f"fact {self.name}: 'unknown' is implicit, not an option")
        return self

    @property
    def values(self) -> tuple[str, ...]:
        """Every value the fact may take, unknown last."""
        return (*(self.options if self.type == "enum" else TRI_VALUES[:2]), UNKNOWN)


class FactCatalogue(BaseModel):
    """The validated contents of facts.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    facts: tuple[FactSpec, ...]

    @model_validator(mode="after")
    def _unique(self) -> FactCatalogue:
        names = [f.name for f in self.facts]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValueError(f"duplicate fact names: {sorted(dupes)}")
        by_name = {f.name: f for f in self.facts}
        for f in self.facts:
            link = f.implied_by
            if link is None:
                continue
            if link.fact not in by_name or not set(link.values) <= set(by_name[link.fact].values):
                raise ValueError(f"fact {f.name}: implied_by names unknown {link.fact} values")
            if link.value not in f.values:
                raise ValueError(f"fact {f.name}: implied value {link.value!r} is not an option")
        for f in self.facts:
            cleared = f.cleared_by
            if cleared is not None and (
                cleared.fact not in by_name
                or not set(cleared.values) <= set(by_name[cleared.fact].values)
            ):
                raise ValueError(f"fact {f.name}: cleared_by names unknown {cleared.fact} values")
            if cleared is not None and not set(cleared.keep) <= set(f.values):
                raise ValueError(f"fact {f.name}: cleared_by keeps values it does not have")
        return self


@cache
def catalogue() -> dict[str, FactSpec]:
    """Fact name -> spec, loaded once from facts.json."""
    raw = json.loads(FACTS_FILE.read_text(encoding="utf-8"))
    return {f.name: f for f in FactCatalogue.model_validate(raw).facts}


def spec(name: str) -> FactSpec:
    """The spec of a fact, or InvalidInputError naming the unknown fact."""
    try:
        return catalogue()[name]
    except KeyError:
        raise InvalidInputError(f"unknown fact {name!r}") from None


class Case(BaseModel):
    """What is known about one person: fact name -> value; absent means unknown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    values: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _valid_values(self) -> Case:
        facts = catalogue()
        for name, value in self.values.items():
            if name not in facts:
                raise ValueError(f"unknown fact {name!r}")
            if value not in facts[name].values:
                allowed = ", ".join(facts[name].values)
                raise ValueError(f"fact {name!r}: {value!r} is not one of {allowed}")
        return self

    def get(self, name: str) -> str:
        """The value of a fact, 'unknown' if not set."""
        spec(name)
        return self.values.get(name, UNKNOWN)

    def known(self) -> dict[str, str]:
        """Only the facts that are not unknown, in catalogue order."""
        return {n: self.values[n] for n in catalogue() if self.values.get(n, UNKNOWN) != UNKNOWN}

    def updated(self, changes: Mapping[str, str]) -> Case:
        """A new case with these facts set (a value of 'unknown' clears a fact)."""
        merged = dict(self.values)
        merged.update(changes)
        return make_case({k: v for k, v in merged.items() if v != UNKNOWN})


def make_case(values: Mapping[str, str] | None = None) -> Case:
    """Build a Case, turning a validation error into InvalidInputError naming the field."""
    try:
        return Case(values={k: v for k, v in (values or {}).items() if v != UNKNOWN})
    except ValidationError as exc:
        problems = "; ".join(err["msg"].removeprefix("Value error, ") for err in exc.errors())
        raise InvalidInputError(f"invalid case facts: {problems}") from exc
