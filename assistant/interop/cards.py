"""What the rules say about a record, as CDS Hooks 2.0 cards: pure functions, no I/O.

One card per recommendation that applies, most urgent first: its summary names the number
and NICE's imperative (under 140 characters); its indicator is **critical** for an action NG234
wants done immediately, **warning** for one within 24 hours, **info** otherwise; its source is
"NICE NG234 1.3.2" with NICE's page; its detail is NICE's text verbatim (the corpus passage,
never retyped), then the rule trace (the facts that made it apply). A recommendation the record
rules out for this person (declined, not suitable: rules/exclusions.json) is an info card saying
so, never an action. Everything that depends on facts not yet recorded is **one** card listing
the questions, red flags first, with the recommendations each bears on; it is a warning when
an immediate or 24-hour recommendation depends on them.

Scope as in the app (assistant/reading/scope.py): adults only (a recorded age under
`adult_age` gets one scope card and no advice); a record with no NG234 fact, or none placing it
in NG234 (cancer with a spinal finding, spinal metastases, MSCC), or one that records no cancer
and none suspected, gets no cards: NG234 has nothing to say.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant import rules
from assistant.case import Case, catalogue
from assistant.interop import citation
from assistant.interop.bundle import Reading
from assistant.reading.scope import anchored_facts, ng234_case
from assistant.rules.exclusions import Exclusion, exclusions_for, set_aside_by
from assistant.settings import DATA_DIR

HOOKS_FILE = DATA_DIR / "interop" / "hooks.json"
#: CDS Hooks: "summary … SHOULD be under a 140-character limit".
SUMMARY_LIMIT = 140
INDICATOR = {"immediate": "critical", "24h": "warning", "1-week": "info", "routine": "info"}
INDICATOR_ORDER = ("critical", "warning", "info")
TIMING = {
    "immediate": "Immediately",
    "24h": "Within 24 hours",
    "1-week": "Within 1 week",
    "routine": "Routine",
}
STRENGTH = {"offer": "Offer", "consider": "Consider", "do-not": "Do not"}
Scope = Literal["in_scope", "child", "not_ng234", "no_cancer"]

Card = dict[str, Any]
Passages = Mapping[str, Any]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class OverrideReason(BaseModel):
    model_config = _FROZEN

    code: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    display: str


class ServiceSpec(BaseModel):
    """What discovery announces for the one service."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    hook: Literal["patient-view"]
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    description: str
    prefetch: dict[str, str]
    usage_requirements: str = Field(alias="usageRequirements")


class HooksConfig(BaseModel):
    """The validated contents of hooks.json."""

    model_config = _FROZEN

    version: int
    about: str
    service: ServiceSpec
    adult_age: int = Field(ge=1, le=25)
    override_reasons: tuple[OverrideReason, ...] = Field(min_length=1)
    override_system: str


@cache
def hooks_config() -> HooksConfig:
    """hooks.json, validated once."""
    return HooksConfig.model_validate(json.loads(HOOKS_FILE.read_text(encoding="utf-8")))


def scope(reading: Reading, adult_age: int | None = None) -> Scope:
    """Whether NG234 is this record's business (the app's scope check, on coded facts)."""
    limit = hooks_config().adult_age if adult_age is None else adult_age
    facts = reading.case.known()
    if reading.age is not None and reading.age < limit:
        return "child"
    if not (anchored_facts(facts) or ng234_case(facts)):
        return "not_ng234"
    # Recorded as no cancer and none suspected, and no metastases or MSCC: not malignant, so
    # not NG234's (scope.names_non_malignant_cause, on facts rather than words).
    if (
        facts.get("cancer_diagnosis") == "no"
        and facts.get("cancer_suspected") == "no"
        and facts.get("spinal_metastases") not in ("suspected", "confirmed")
        and facts.get("mscc") not in ("suspected", "confirmed")
    ):
        return "no_cancer"
    return "in_scope"


def shorten(text: str, limit: int = SUMMARY_LIMIT - 1) -> str:
    """Text cut at a word boundary to fit `limit` characters, with '…' if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:…")
    return cut + "…"


def _source(cites: Sequence[str]) -> dict[str, Any]:
    return {"label": citation.label(cites), "url": citation.NICE_URL}


def _override_reasons() -> list[dict[str, str]]:
    config = hooks_config()
    return [
        {"system": config.override_system, "code": r.code, "display": r.display}
        for r in config.override_reasons
    ]


def _quotes(passages: Passages, cites: Sequence[str]) -> list[str]:
    return [f"**NG234 {c}** (NICE's words):\n\n{citation.quote(passages, c)}" for c in cites]


def action_card(hit: rules.RuleHit, passages: Passages, new_uuid: Callable[[], str]) -> Card:
    """A recommendation that applies: summary, indicator by urgency, NICE's words, the trace."""
    label = citation.label(hit.cites)
    header = f"{STRENGTH[hit.strength]} · {TIMING[hit.urgency]} · {label}"
    trace = "\n".join(f"- {line}" for line in hit.trace) or "- (no facts needed)"
    condition = rules.describe(rules.rule_by_id(hit.rule_id))
    detail = "\n\n".join(
        [
            header,
            *_quotes(passages, hit.cites),
            f"**Why it applies** (rule {hit.rule_id}: {condition}):\n\n{trace}",
        ]
    )
    return {
        "uuid": new_uuid(),
        "summary": shorten(f"NG234 {', '.join(hit.cites)}: {hit.action}"),
        "indicator": INDICATOR[hit.urgency],
        "detail": detail,
        "source": _source(hit.cites),
        "overrideReasons": _override_reasons(),
        "links": [{"label": "NICE NG234", "url": citation.NICE_URL, "type": "absolute"}],
        "extension": {
            "ng234": {
                "kind": "recommendation",
                "rule": hit.rule_id,
                "cites": list(hit.cites),
                "strength": hit.strength,
                "urgency": hit.urgency,
            }
        },
    }


def set_aside_card(
    hit: rules.RuleHit, exclusion: Exclusion, passages: Passages, new_uuid: Callable[[], str]
) -> Card:
    """A recommendation the record rules out for this person: said, never shown as an action."""
    instead = f" NG234's alternative: {', '.join(exclusion.instead)}." if exclusion.instead else ""
    detail = "\n\n".join(
        [
            f"Set aside · {citation.label(hit.cites)}",
            f"{exclusion.because}{instead}",
            *_quotes(passages, hit.cites),
        ]
    )
    return {
        "uuid": new_uuid(),
        "summary": shorten(f"Set aside, NG234 {', '.join(hit.cites)}: {exclusion.because}"),
        "indicator": "info",
        "detail": detail,
        "source": _source(hit.cites),
        "extension": {
            "ng234": {"kind": "set_aside", "rule": hit.rule_id, "cites": list(hit.cites)}
        },
    }


def pending_card(
    evaluation: rules.Evaluation, reading: Reading, new_uuid: Callable[[], str]
) -> Card | None:
    """The one card for what depends on unrecorded facts: the questions, red flags first."""
    pending = evaluation.undetermined
    if not pending and not reading.conflicts:
        return None
    specs = catalogue()
    # A question bears on undetermined rules, or on an applying one whose 'unless' it settles.
    by_rule = {h.rule_id: h for h in (*pending, *evaluation.applies)}
    lines = []
    for q in evaluation.questions:
        cites = sorted(
            {c for r in q.rules for c in by_rule[r].cites},
            key=lambda c: tuple(int(n) for n in c.split(".")),
        )
        flag = " **(Box 1 red flag)**" if q.red_flag else ""
        lines.append(f"- {q.text}{flag} (`urn:ng234:fact|{q.fact}`; bears on {', '.join(cites)})")
    parts = [
        f"{len(pending)} NG234 recommendation(s) depend on facts the record does not give. "
        "Unknown is not no: record the answers (urn:ng234:fact) and the advice updates."
    ]
    if lines:
        parts.append("**Questions**, most urgent first:\n\n" + "\n".join(lines))
    if reading.conflicts:
        names = ", ".join(specs[f].label for f in reading.conflicts)
        parts.append(f"**Records disagree** (each left unknown until settled): {names}.")
    urgent = [h for h in pending if h.urgency in ("immediate", "24h")]
    if urgent:
        numbers = {c for h in urgent for c in h.cites}
        cites = ", ".join(sorted(numbers, key=lambda c: tuple(int(n) for n in c.split("."))))
        parts.append(f"Urgent recommendations that depend on them: {cites}.")
    first = evaluation.questions[0].text if evaluation.questions else "records disagree"
    count = len(evaluation.questions)
    summary = shorten(f"NG234: {count} question(s) would decide {len(pending)} more: {first}")
    return {
        "uuid": new_uuid(),
        "summary": summary,
        "indicator": "warning" if urgent else "info",
        "detail": "\n\n".join(parts),
        "source": {"label": citation.GUIDELINE, "url": citation.NICE_URL},
        "extension": {
            "ng234": {
                "kind": "pending",
                "rules": [h.rule_id for h in pending],
                "questions": [q.fact for q in evaluation.questions],
                "conflicting_records": list(reading.conflicts),
            }
        },
    }


def conflict_card(conflict: rules.Conflict, new_uuid: Callable[[], str]) -> Card:
    """Facts that contradict each other (rules/conflicts.json): shown, never resolved."""
    return {
        "uuid": new_uuid(),
        "summary": shorten(f"NG234: contradictory facts in the record: {conflict.message}"),
        "indicator": "warning",
        "detail": conflict.message + "\n\n" + "\n".join(f"- {f}" for f in conflict.facts),
        "source": _source(conflict.cites) if conflict.cites else _source(()),
        "extension": {"ng234": {"kind": "conflict", "conflict": conflict.id}},
    }


def scope_card(new_uuid: Callable[[], str], adult_age: int) -> Card:
    """A child: NG234 is applied to adults only; no advice."""
    return {
        "uuid": new_uuid(),
        "summary": "NG234 advice is given for adults only: none for this patient",
        "indicator": "info",
        "detail": (
            f"This service applies NICE NG234 to adults (aged {adult_age} and over), as the "
            "NG234 assistant does; the recorded birth date makes this patient younger, so no "
            "recommendation is given. Seek specialist paediatric advice."
        ),
        "source": {"label": citation.GUIDELINE, "url": citation.NICE_URL},
        "extension": {"ng234": {"kind": "scope", "scope": "child"}},
    }


class CardSet(BaseModel):
    """The cards for one record, and what they came from (for the audit log)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scope: Scope
    cards: list[dict[str, Any]]
    applies: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()


def _uuid4() -> str:
    return str(uuid.uuid4())


def cards_for(
    reading: Reading, passages: Passages, *, new_uuid: Callable[[], str] = _uuid4
) -> CardSet:
    """The cards for a record read from its Bundle (see the module docstring)."""
    config = hooks_config()
    where = scope(reading, config.adult_age)
    if where == "child":
        cards = [scope_card(new_uuid, config.adult_age)] if reading.case.known() else []
        return CardSet(scope=where, cards=cards)
    if where != "in_scope":
        return CardSet(scope=where, cards=[])
    case: Case = reading.case
    evaluation = rules.evaluate(case)
    found = exclusions_for(case)
    out: list[Card] = [conflict_card(c, new_uuid) for c in evaluation.conflicts]
    applies, aside = [], []
    for hit in evaluation.applies:  # most urgent first (the engine's order)
        exclusion = set_aside_by(hit.cites, found)
        if exclusion is None:
            out.append(action_card(hit, passages, new_uuid))
            applies.append(hit.rule_id)
        else:
            aside.append((hit, exclusion))
    out += [set_aside_card(hit, x, passages, new_uuid) for hit, x in aside]
    pending = pending_card(evaluation, reading, new_uuid)
    if pending:
        out.append(pending)
    out.sort(key=lambda card: INDICATOR_ORDER.index(card["indicator"]))  # stable: engine order
    return CardSet(
        scope=where,
        cards=out,
        applies=tuple(applies),
        set_aside=tuple(h.rule_id for h, _ in aside),
        pending=tuple(h.rule_id for h in evaluation.undetermined),
        questions=tuple(q.fact for q in evaluation.questions),
    )
