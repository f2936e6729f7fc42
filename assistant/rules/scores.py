"""Scores NG234 points to (1.9): SINS for spinal stability and the revised Tokuhashi score.

Point tables are data; the functions are pure. A component not given is reported as missing
(total None, `missing` lists it), never filled in. Every result cites NG234 1.9.1 or 1.9.2
with 1.9.3 (only as part of a full clinical assessment) and the published source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.errors import InvalidInputError

#: NG234 1.9.3, verbatim: the caveat shown with every score.
CAVEAT_1_9_3 = (
    "NG234 1.9.3: Only use a scoring system as part of a full clinical assessment (including "
    "general health, pain and information from imaging) to support clinical decision making "
    "and inform discussions with the person with spinal metastases or MSCC and their family "
    "or carers."
)

# --- SINS ---------------------------------------------------------------------------------------

SINS_SOURCE = (
    "Fisher CG, DiPaola CP, Ryken TC, et al. A novel classification system for spinal "
    "instability in neoplastic disease: an evidence-based approach and expert consensus from "
    "the Spine Oncology Study Group. Spine 2010;35(22):E1221-9."
)

#: Spinal Instability Neoplastic Score: component -> category -> points.
SINS_POINTS: dict[str, dict[str, int]] = {
    # junctional: occiput-C2, C7-T2, T11-L1, L5-S1; mobile: C3-C6, L2-L4;
    # semi-rigid: T3-T10; rigid: S2-S5
    "location": {"junctional": 3, "mobile": 2, "semi_rigid": 1, "rigid": 0},
    "pain": {"mechanical": 3, "occasional_non_mechanical": 1, "pain_free": 0},
    "bone_lesion": {"lytic": 2, "mixed": 1, "blastic": 0},
    "alignment": {"subluxation_translation": 4, "de_novo_deformity": 2, "normal": 0},
    "collapse": {"over_50": 3, "under_50": 2, "none_over_50_involved": 1, "none": 0},
    "posterolateral": {"bilateral": 3, "unilateral": 1, "none": 0},
}

#: (lowest total, highest total, band): 0-6 stable, 7-12 indeterminate, 13-18 unstable.
SINS_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 6, "stable"),
    (7, 12, "indeterminate (possibly impending instability)"),
    (13, 18, "unstable"),
)

#: Spinal level -> SINS location category (Fisher 2010, table 1).
SINS_LEVELS: dict[str, str] = {
    **{lvl: "junctional" for lvl in ("occiput", "C1", "C2", "C7", "T1", "T2", "T11", "T12",
                                    "L1", "L5", "S1")},
    **{lvl: "mobile" for lvl in ("C3", "C4", "C5", "C6", "L2", "L3", "L4")},
    **{f"T{n}": "semi_rigid" for n in range(3, 11)},
    **{f"S{n}": "rigid" for n in range(2, 6)},
}  # fmt: skip

# --- revised Tokuhashi --------------------------------------------------------------------------

TOKUHASHI_SOURCE = (
    "Tokuhashi Y, Matsuzaki H, Oda H, Oshima M, Ryu J. A revised scoring system for "
    "preoperative evaluation of metastatic spine tumor prognosis. Spine 2005;30(19):2186-91."
)

#: Revised Tokuhashi score: component -> category -> points.
TOKUHASHI_POINTS: dict[str, dict[str, int]] = {
    # Karnofsky performance status: poor 10-40%, moderate 50-70%, good 80-100%
    "general_condition": {"poor": 0, "moderate": 1, "good": 2},
    "extraspinal_bone_metastases": {"3+": 0, "1-2": 1, "0": 2},
    "vertebral_metastases": {"3+": 0, "2": 1, "1": 2},
    "visceral_metastases": {"unremovable": 0, "removable": 1, "none": 2},
    "primary_site": {
        **dict.fromkeys(
            ("lung", "osteosarcoma", "stomach", "bladder", "oesophagus", "pancreas"), 0
        ),
        **dict.fromkeys(("liver", "gallbladder", "unidentified"), 1),
        "other": 2,
        **dict.fromkeys(("kidney", "uterus"), 3),
        "rectum": 4,
        **dict.fromkeys(("thyroid", "breast", "prostate", "carcinoid"), 5),
    },
    # complete = Frankel A or B; incomplete = Frankel C or D; none = Frankel E
    "palsy": {"complete": 0, "incomplete": 1, "none": 2},
}

#: 0-8: predicted survival under 6 months; 9-11: 6 months or more; 12-15: 1 year or more.
TOKUHASHI_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 8, "predicted survival < 6 months"),
    (9, 11, "predicted survival >= 6 months"),
    (12, 15, "predicted survival >= 1 year"),
)

#: Karnofsky performance status (%) -> general condition category.
KPS_CONDITION: dict[int, str] = {
    **dict.fromkeys((10, 20, 30, 40), "poor"),
    **dict.fromkeys((50, 60, 70), "moderate"),
    **dict.fromkeys((80, 90, 100), "good"),
}


# --- inputs -------------------------------------------------------------------------------------


def _check_category(table: Mapping[str, Mapping[str, int]], field: str, value: Any) -> Any:
    if value is None:
        return None
    value = str(value).strip()
    allowed = table[field]
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
    return value


class SinsInput(BaseModel):
    """SINS components; None (or absent) means not known, and is reported as missing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    location: str | None = Field(None, description="Or give `level` (e.g. 'T12').")
    pain: str | None = None
    bone_lesion: str | None = None
    alignment: str | None = None
    collapse: str | None = None
    posterolateral: str | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _category(cls, value: Any, info: Any) -> Any:
        return _check_category(SINS_POINTS, info.field_name, value)


class TokuhashiInput(BaseModel):
    """Revised Tokuhashi components; None (or absent) means not known."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    general_condition: str | None = Field(None, description="Or give `kps` (10-100).")
    extraspinal_bone_metastases: str | None = None
    vertebral_metastases: str | None = None
    visceral_metastases: str | None = None
    primary_site: str | None = None
    palsy: str | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _category(cls, value: Any, info: Any) -> Any:
        return _check_category(TOKUHASHI_POINTS, info.field_name, value)


class ScoreResult(BaseModel):
    """A score with its parts: total None (and `missing` non-empty) if any part is unknown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    score: Literal["sins", "tokuhashi"]
    total: int | None
    components: dict[str, int] = Field(description="Points of each component that was given.")
    band: str | None
    missing: tuple[str, ...] = ()
    possible_range: tuple[int, int] = Field(
        description="Lowest and highest total the given components allow (equal if complete)."
    )
    source: str
    cites: tuple[str, ...]
    caveat: str = CAVEAT_1_9_3


# --- scoring ------------------------------------------------------------------------------------


def _band(bands: tuple[tuple[int, int, str], ...], total: int) -> str:
    return next(name for low, high, name in bands if low <= total <= high)


def _score(
    name: Literal["sins", "tokuhashi"],
    given: BaseModel,
    table: Mapping[str, Mapping[str, int]],
    bands: tuple[tuple[int, int, str], ...],
    source: str,
    cites: tuple[str, ...],
) -> ScoreResult:
    values = given.model_dump()
    components = {k: table[k][v] for k, v in values.items() if v is not None}
    missing = tuple(k for k in table if values.get(k) is None)
    low = sum(components.values())
    high = low + sum(max(table[k].values()) for k in missing)
    total = None if missing else low
    return ScoreResult(
        score=name,
        total=total,
        components=components,
        band=None if total is None else _band(bands, total),
        missing=missing,
        possible_range=(low, high),
        source=source,
        cites=cites,
    )


def _validated(model: type[BaseModel], values: Mapping[str, Any], what: str) -> BaseModel:
    try:
        return model.model_validate(dict(values))
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else what
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = f"not a {what} component (components: {', '.join(model.model_fields)})"
            problems.append(f"{field}: {message}")
        raise InvalidInputError(f"invalid {what} input: " + "; ".join(problems)) from exc


def sins_location(level: str) -> str:
    """The SINS location category of a spinal level ('T12' -> 'junctional')."""
    key = level.strip()
    key = "occiput" if key.lower() in ("occiput", "c0") else key.upper()
    if key not in SINS_LEVELS:
        raise InvalidInputError(
            f"invalid SINS input: level: {level!r} is not a spinal level (occiput, C1-C7, "
            "T1-T12, L1-L5, S1-S5)"
        )
    return SINS_LEVELS[key]


def score_sins(values: Mapping[str, Any]) -> ScoreResult:
    """SINS from its components (a `level` may stand for `location`); NG234 1.9.1 and 1.9.3."""
    values = dict(values)
    level = values.pop("level", None)
    if level is not None:
        from_level = sins_location(str(level))
        if values.get("location") not in (None, from_level):
            raise InvalidInputError(
                f"invalid SINS input: location: {values['location']!r} contradicts level "
                f"{level} ({from_level})"
            )
        values["location"] = from_level
    given = _validated(SinsInput, values, "SINS")
    return _score("sins", given, SINS_POINTS, SINS_BANDS, SINS_SOURCE, ("1.9.1", "1.9.3"))


def score_tokuhashi(values: Mapping[str, Any]) -> ScoreResult:
    """Revised Tokuhashi from its components (`kps` may stand for general condition)."""
    values = dict(values)
    kps = values.pop("kps", None)
    if kps is not None:
        text = str(kps).strip().removesuffix("%")
        if not re.fullmatch(r"\d{1,3}", text) or int(text) not in KPS_CONDITION:
            raise InvalidInputError(
                f"invalid Tokuhashi input: kps: {kps!r} is not a Karnofsky score (10, 20, ... 100)"
            )
        condition = KPS_CONDITION[int(text)]
        if values.get("general_condition") not in (None, condition):
            raise InvalidInputError(
                f"invalid Tokuhashi input: general_condition: "
                f"{values['general_condition']!r} contradicts kps {kps} ({condition})"
            )
        values["general_condition"] = condition
    given = _validated(TokuhashiInput, values, "Tokuhashi")
    return _score(
        "tokuhashi",
        given,
        TOKUHASHI_POINTS,
        TOKUHASHI_BANDS,
        TOKUHASHI_SOURCE,
        ("1.9.2", "1.9.3"),
    )


#: SINS lower bound -> spinal_instability value it establishes (highest threshold first).
SINS_FACTS: tuple[tuple[int, str], ...] = ((13, "confirmed"), (7, "suspected"))


def facts_from_score(result: ScoreResult) -> dict[str, str]:
    """Case facts a score establishes, only in the direction that shows more recommendations.

    SINS 13-18 sets spinal_instability 'confirmed' and 7-12 'suspected' (used with a partial
    score only when the given components alone already reach the threshold). A stable SINS
    (0-6) sets nothing: it does not by itself rule out instability, and 'none' would open
    mobilisation (1.6.1); NG234 1.9.1 asks for it alongside clinical assessment. The Tokuhashi
    score sets nothing: 'overall prognosis considered poor' withholds urgent radiotherapy
    (1.10.4), a judgement for the full clinical assessment of 1.9.3, not a score alone.
    """
    if result.score != "sins":
        return {}
    lowest = result.possible_range[0]
    for threshold, value in SINS_FACTS:
        if lowest >= threshold:
            return {"spinal_instability": value}
    return {}


def score_text(result: ScoreResult) -> str:
    """A score for a terminal: total and band (or what is missing), parts, source, caveat."""
    title = "SINS" if result.score == "sins" else "Revised Tokuhashi score"
    lines = []
    if result.total is None:
        low, high = result.possible_range
        lines.append(f"{title}: incomplete, missing {', '.join(result.missing)}")
        lines.append(f"  the given components allow a total from {low} to {high}")
    else:
        lines.append(f"{title}: {result.total} ({result.band})")
    for name, points in result.components.items():
        lines.append(f"  {name}: {points}")
    facts = facts_from_score(result)
    if facts:
        shown = ", ".join(f"{k} = {v}" for k, v in facts.items())
        lines.append(f"Sets case facts: {shown}")
    lines.append(f"NG234 {', '.join(result.cites)}; source: {result.source}")
    lines.append(result.caveat)
    return "\n".join(lines)
