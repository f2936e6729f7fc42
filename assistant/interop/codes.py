"""How each NG234 case fact is coded in a FHIR record: the code map, as data.

`assistant/data/interop/codes.json` names, for every fact of `facts.json`, the resource it is
best recorded as and, where a public source confirms one, its SNOMED CT codes (each with its
sources). Every fact is also a code of the project CodeSystem `urn:ng234:fact` (the code is
the fact name), so a client can always send `{"system": "urn:ng234:fact", "code":
"limb_weakness"}` with a value. Values are `valueBoolean` or a code of `urn:ng234:value` (a
fact's option, or yes / no). The reading itself is `bundle.py`; its FHIRPath twin is
`fhirpath.py`; both take their vocabulary from here.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from assistant.case import TRI_VALUES, UNKNOWN, catalogue
from assistant.errors import InvalidInputError
from assistant.settings import DATA_DIR

CODES_FILE = DATA_DIR / "interop" / "codes.json"
SNOMED = "http://snomed.info/sct"
#: FHIR's Condition verification status codes (terminology.hl7.org condition-ver-status).
VERIFICATION_CODES = (
    "unconfirmed",
    "provisional",
    "differential",
    "confirmed",
    "refuted",
    "entered-in-error",
)
#: A Condition with one of these clinical statuses is not current (read only if past_counts).
NOT_CURRENT = ("inactive", "resolved", "remission")
#: Observation statuses whose value is never read.
OBSERVATION_IGNORED = ("entered-in-error", "cancelled")
#: A tri fact's Condition: confirmed (or no status) is yes, refuted is no, the rest unknown.
TRI_CONDITION_VALUES = {"confirmed": "yes", "refuted": "no"}

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class SnomedCode(BaseModel):
    """A SNOMED CT concept that records a fact, with the public sources that confirm it."""

    model_config = _FROZEN

    code: str = Field(pattern=r"^\d{6,18}$")
    display: str = Field(min_length=3, description="The concept's fully specified name.")
    sources: tuple[HttpUrl, ...] = Field(min_length=1, description="Public pages confirming it.")
    note: str | None = None


class FactCoding(BaseModel):
    """How one fact appears in a record."""

    model_config = _FROZEN

    resource: Literal["Observation", "Condition"] = Field(
        description="How the fact is best recorded (either is read)."
    )
    snomed: tuple[SnomedCode, ...] = ()
    condition_values: dict[str, str] = Field(
        default_factory=dict,
        description="An enum fact's value for a Condition's verificationStatus code.",
    )
    past_counts: bool = Field(
        False, description="A Condition no longer current still counts (a past diagnosis)."
    )


class CodeMap(BaseModel):
    """The validated contents of codes.json."""

    model_config = _FROZEN

    version: int
    about: str
    fact_system: Literal["urn:ng234:fact"]
    value_system: Literal["urn:ng234:value"]
    facts: dict[str, FactCoding]

    @model_validator(mode="after")
    def _matches_catalogue(self) -> CodeMap:
        facts = catalogue()
        missing, extra = sorted(set(facts) - set(self.facts)), sorted(set(self.facts) - set(facts))
        if missing or extra:
            raise ValueError(f"codes.json facts differ from facts.json: {missing=} {extra=}")
        seen: dict[str, str] = {}
        for name, coding in self.facts.items():
            spec = facts[name]
            for status, value in coding.condition_values.items():
                if status not in VERIFICATION_CODES or status == "entered-in-error":
                    raise ValueError(f"{name}: {status!r} is not a usable verificationStatus")
                if value not in spec.values or value == UNKNOWN:
                    raise ValueError(f"{name}: {value!r} is not one of its values")
            if coding.condition_values and spec.type != "enum":
                raise ValueError(f"{name}: condition_values are for enum facts")
            for code in coding.snomed:
                if code.code in seen:
                    raise ValueError(f"SNOMED {code.code} mapped to {seen[code.code]} and {name}")
                seen[code.code] = name
        return self


@cache
def code_map() -> CodeMap:
    """codes.json, validated once (InvalidInputError if it is malformed)."""
    try:
        return CodeMap.model_validate(json.loads(CODES_FILE.read_text(encoding="utf-8")))
    except ValueError as exc:
        raise InvalidInputError(f"{CODES_FILE.name} is invalid: {exc}") from exc


def fact_values(name: str) -> tuple[str, ...]:
    """The values a record may give a fact (unknown excluded): yes / no or its options."""
    spec = catalogue()[name]
    return spec.options if spec.type == "enum" else TRI_VALUES[:2]


def value_codes() -> tuple[str, ...]:
    """Every code of urn:ng234:value: yes, no and each enum option, once, in catalogue order."""
    codes = [*TRI_VALUES[:2]]
    for spec in catalogue().values():
        codes += [o for o in spec.options if o not in codes]
    return tuple(codes)


def condition_values(name: str) -> dict[str, str]:
    """verificationStatus code -> value for a Condition recording this fact."""
    coding = code_map().facts[name]
    if catalogue()[name].type == "tri":
        return dict(TRI_CONDITION_VALUES)
    return dict(coding.condition_values)


def snomed_codes(name: str) -> tuple[str, ...]:
    """The SNOMED CT codes that record this fact (exact match)."""
    return tuple(c.code for c in code_map().facts[name].snomed)


def fact_for(system: str | None, code: str | None) -> str | None:
    """The fact a coding records, or None: urn:ng234:fact|NAME or a listed SNOMED CT code."""
    codes = code_map()
    if system == codes.fact_system and code in codes.facts:
        return code
    if system == SNOMED:
        for name, coding in codes.facts.items():
            if any(c.code == code for c in coding.snomed):
                return name
    return None


def markdown_table() -> str:
    """The code map as the Markdown table of docs/INTEROP.md (a test keeps the two equal)."""
    codes = code_map()
    rows = [
        "| `urn:ng234:fact` code | fact | values | record as | SNOMED CT (exact) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, spec in catalogue().items():
        coding = codes.facts[name]
        values = " / ".join(fact_values(name))
        as_condition = ""
        if coding.condition_values:
            mapped = ", ".join(f"{s} → {v}" for s, v in coding.condition_values.items())
            as_condition = f" ({mapped})"
        snomed = "; ".join(f"{c.code} {c.display}" for c in coding.snomed) or "none"
        label = spec.label.replace("|", "/")
        rows.append(
            f"| `{name}` | {label} | {values} | {coding.resource}{as_condition} | {snomed} |"
        )
    return "\n".join(rows)
