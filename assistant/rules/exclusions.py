"""Treatments the case rules out for this person: set aside as actions, never silently dropped.

A rule can apply on NICE's conditions while the case records that its treatment is unsuitable
or declined ("not fit for surgery" and 1.11.3, surgery as soon as possible). The engine's
answer is kept; the answer shows such a row apart, with the reason, and the guideline's own
alternative where it names one (1.10.4 for MSCC not suitable for surgery). The table is data
(`exclusions.json`), printed in docs/RULES.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assistant.case import Case
from assistant.rules.engine import YES, check
from assistant.rules.tables import Condition

EXCLUSIONS_FILE = Path(__file__).with_name("exclusions.json")


class Exclusion(BaseModel):
    """Recommendations a recorded fact rules out for this person, and NICE's alternative."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^X-[a-z0-9-]+$")
    when: Condition
    set_aside: tuple[str, ...] = Field(min_length=1)
    instead: tuple[str, ...] = ()
    because: str = Field(min_length=10)


class ExclusionTable(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    about: str
    exclusions: tuple[Exclusion, ...]


@cache
def load_exclusions(path: Path = EXCLUSIONS_FILE) -> tuple[Exclusion, ...]:
    """The exclusion table, validated (an invalid file raises InvalidInputError)."""
    from assistant.reading.lexicon import load_validated

    return load_validated(path, ExclusionTable).exclusions


def exclusions_for(case: Case, table: Iterable[Exclusion] | None = None) -> list[Exclusion]:
    """The exclusions whose condition holds for this case (unknown never holds), in table order."""
    rows = load_exclusions() if table is None else table
    return [x for x in rows if check(x.when, case).value == YES]


def set_aside_by(cites: Iterable[str], found: Iterable[Exclusion]) -> Exclusion | None:
    """The first exclusion that sets aside any of these recommendations, or None."""
    wanted = set(cites)
    return next((x for x in found if wanted & set(x.set_aside)), None)
