"""Details a handover needs that the rules do not use: age, sex, how long, level, times.

Read as said, never interpreted: "71M" gives age 71 and sex male, "x 2/52" a duration, "T10"
a level, "dex given at 0600" a time. Patterns are data (`assistant/data/details.json`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assistant.settings import DATA_DIR

DETAILS_FILE = DATA_DIR / "details.json"
#: A handover keeps the latest few values of a kind that accumulates (levels, durations, times).
KEEP = 4


class DetailSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    label: str
    accumulate: bool
    patterns: tuple[str, ...] = Field(min_length=1)
    values: dict[str, str] = Field(default_factory=dict)


class DetailTable(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    about: str
    details: tuple[DetailSpec, ...]


@cache
def _table(path: Path = DETAILS_FILE) -> tuple[tuple[DetailSpec, tuple[re.Pattern[str], ...]], ...]:
    from assistant.reading.lexicon import load_validated

    table = load_validated(path, DetailTable)
    return tuple(
        (spec, tuple(re.compile(p, re.IGNORECASE) for p in spec.patterns)) for spec in table.details
    )


def labels() -> dict[str, str]:
    """Each detail's display label, in table order."""
    return {spec.name: spec.label for spec, _ in _table()}


def read_details(text: str) -> dict[str, str]:
    """The details one message states, as said (several of one kind joined with '; ')."""
    out: dict[str, str] = {}
    for spec, patterns in _table():
        found: list[tuple[int, str]] = []
        for pattern in patterns:
            for match in pattern.finditer(text):
                value = " ".join(match.group("v").split())
                found.append((match.start(), spec.values.get(value.lower(), value)))
        values = list(dict.fromkeys(v for _, v in sorted(found)))
        if values:
            out[spec.name] = "; ".join(values if spec.accumulate else values[:1])
    return out


def merge_details(before: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str]:
    """A later message's details over an earlier one's: replaced, or added for lists."""
    accumulate = {spec.name for spec, _ in _table() if spec.accumulate}
    out = dict(before)
    for name, value in new.items():
        if name in accumulate and name in out:
            parts = list(dict.fromkeys([*out[name].split("; "), *value.split("; ")]))
            out[name] = "; ".join(parts[-KEEP:])
        else:
            out[name] = value
    return {name: out[name] for name in labels() if name in out}
