"""A FHIR Bundle as a Case, and a Case as a Bundle: pure functions over JSON dicts.

A fact is read from every Observation and Condition coded for it (`codes.py`): an Observation
gives its `valueBoolean` (yes / no) or its `valueCodeableConcept` code of `urn:ng234:value`; a
Condition gives its verificationStatus (confirmed or none: yes; refuted: no; a hedged status
leaves it unknown). Records marked entered-in-error (or cancelled) are ignored, and so is a
Condition that is no longer current, unless a past diagnosis counts (cancer_diagnosis).

A fact with no record is **unknown, never "no"**, and a fact whose records disagree is unknown
too: the disagreement is reported (`Reading.conflicts`), never resolved by guessing which
record is right, and the fact is asked about like any other unknown. `fhirpath.py` states the
same reading in FHIRPath; the tests hold the two to the same answers.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.case import UNKNOWN, Case, catalogue, make_case
from assistant.interop.codes import (
    NOT_CURRENT,
    OBSERVATION_IGNORED,
    code_map,
    condition_values,
    fact_for,
    fact_values,
)

Json = Mapping[str, Any]
VERIFICATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CLINICAL_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-clinical"


class Reading(BaseModel):
    """What a Bundle says about one person, as NG234 facts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    case: Case
    age: int | None = Field(None, description="Whole years on the day read; None if no birthDate.")
    conflicts: tuple[str, ...] = Field((), description="Facts whose records disagree: unknown.")
    ignored: int = Field(0, description="Coded records not read (entered in error, not current).")
    records: int = Field(0, description="Coded records read.")


def resources(bundle: Json) -> Iterator[Json]:
    """The resources of a Bundle's entries (entries without one are skipped)."""
    for entry in bundle.get("entry") or ():
        resource = entry.get("resource") if isinstance(entry, Mapping) else None
        if isinstance(resource, Mapping):
            yield resource


def _codes(concept: Any) -> list[str]:
    if not isinstance(concept, Mapping):
        return []
    return [c.get("code") for c in concept.get("coding") or () if isinstance(c, Mapping)]


def facts_coded(resource: Json) -> list[str]:
    """The facts a resource's code records (usually one), in coding order, each once."""
    concept = resource.get("code")
    if not isinstance(concept, Mapping):
        return []
    names = (
        fact_for(c.get("system"), c.get("code"))
        for c in concept.get("coding") or ()
        if isinstance(c, Mapping)
    )
    return list(dict.fromkeys(n for n in names if n))


def record_values(resource: Json, fact: str) -> list[str] | None:
    """The values one record gives a fact ([] if none), or None if the record is not read."""
    kind = resource.get("resourceType")
    if kind == "Observation":
        if resource.get("status") in OBSERVATION_IGNORED:
            return None
        if isinstance(resource.get("valueBoolean"), bool):
            values = ["yes" if resource["valueBoolean"] else "no"]
        else:
            concept = resource.get("valueCodeableConcept")
            system = code_map().value_system
            values = [
                c.get("code")
                for c in (concept.get("coding") or () if isinstance(concept, Mapping) else ())
                if isinstance(c, Mapping) and c.get("system") == system
            ]
    elif kind == "Condition":
        status = _codes(resource.get("verificationStatus"))
        if "entered-in-error" in status:
            return None
        not_current = set(_codes(resource.get("clinicalStatus"))) & set(NOT_CURRENT)
        if not_current and not code_map().facts[fact].past_counts:
            return None
        mapping = condition_values(fact)
        values = [mapping[s] for s in (status or ["confirmed"]) if s in mapping]
    else:
        return None
    allowed = fact_values(fact)
    return [v for v in values if v in allowed]


def age_on(birth_date: str, today: date) -> int | None:
    """Whole years on `today` from a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD); a partial date
    counts from its last possible day (the youngest the person can be); None if unreadable."""
    parts = birth_date[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
        born = date(year, month, day)
    except (ValueError, IndexError):
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def read_bundle(bundle: Json, today: date) -> Reading:
    """The facts, age and conflicts a Bundle records (see the module docstring)."""
    found: dict[str, set[str]] = {}
    ignored = records = 0
    age = None
    for resource in resources(bundle):
        if resource.get("resourceType") == "Patient" and isinstance(resource.get("birthDate"), str):
            age = age_on(resource["birthDate"], today)
        for fact in facts_coded(resource):
            values = record_values(resource, fact)
            if values is None:
                ignored += 1
                continue
            records += 1
            found.setdefault(fact, set()).update(values)
    values = {f: next(iter(v)) for f, v in found.items() if len(v) == 1}
    conflicts = tuple(f for f in catalogue() if len(found.get(f, ())) > 1)
    return Reading(
        case=make_case(values), age=age, conflicts=conflicts, ignored=ignored, records=records
    )


# --- a Case as a Bundle ---------------------------------------------------------------------------


def fact_resource(
    fact: str, value: str, *, patient_id: str, style: str = "observation"
) -> dict[str, Any]:
    """One fact as a FHIR resource coded urn:ng234:fact: an Observation, or (style
    'condition', where the value has a verificationStatus) a Condition."""
    codes = code_map()
    code = {"coding": [{"system": codes.fact_system, "code": fact}]}
    subject = {"reference": f"Patient/{patient_id}"}
    statuses = {v: s for s, v in reversed(condition_values(fact).items())}
    if style == "condition" and value in statuses:
        return {
            "resourceType": "Condition",
            "id": fact.replace("_", "-"),
            "verificationStatus": {
                "coding": [{"system": VERIFICATION_SYSTEM, "code": statuses[value]}]
            },
            "code": code,
            "subject": subject,
        }
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": fact.replace("_", "-"),
        "status": "final",
        "code": code,
        "subject": subject,
    }
    if catalogue()[fact].type == "tri":
        resource["valueBoolean"] = value == "yes"
    else:
        resource["valueCodeableConcept"] = {
            "coding": [{"system": codes.value_system, "code": value}]
        }
    return resource


def case_bundle(
    case: Case | Mapping[str, str],
    *,
    patient_id: str = "example",
    birth_date: str | None = "1960-01-01",
    style: str = "observation",
) -> dict[str, Any]:
    """A collection Bundle recording a case's known facts (and a Patient with its birthDate)."""
    values = case.known() if isinstance(case, Case) else dict(case)
    patient: dict[str, Any] = {"resourceType": "Patient", "id": patient_id}
    if birth_date:
        patient["birthDate"] = birth_date
    entries = [patient] + [
        fact_resource(f, v, patient_id=patient_id, style=style)
        for f, v in values.items()
        if v != UNKNOWN
    ]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": f"urn:uuid:{_urn(r)}", "resource": r} for r in entries],
    }


def _urn(resource: Json) -> str:
    """A stable, valid uuid per resource id (uuid5 over its type and id)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{resource['resourceType']}/{resource['id']}"))
