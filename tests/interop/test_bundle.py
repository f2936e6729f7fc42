"""A Bundle read as NG234 facts (bundle.py), and its FHIRPath twin reading the same values."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.case import catalogue
from assistant.interop import fhirpath
from assistant.interop.bundle import (
    CLINICAL_SYSTEM,
    VERIFICATION_SYSTEM,
    age_on,
    case_bundle,
    read_bundle,
)

TODAY = date(2026, 12, 3)
FACT = "urn:ng234:fact"


def obs(fact: str, *, status: str = "final", **value) -> dict:
    return {
        "resourceType": "Observation",
        "status": status,
        "code": {"coding": [{"system": FACT, "code": fact}]},
        **value,
    }


def cond(fact: str, verification: str | None = None, clinical: str | None = None, **kw) -> dict:
    resource = {
        "resourceType": "Condition",
        "code": kw.get("code") or {"coding": [{"system": FACT, "code": fact}]},
    }
    if verification:
        resource["verificationStatus"] = {
            "coding": [{"system": VERIFICATION_SYSTEM, "code": verification}]
        }
    if clinical:
        resource["clinicalStatus"] = {"coding": [{"system": CLINICAL_SYSTEM, "code": clinical}]}
    return resource


def bundle(*items: dict) -> dict:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in items],
    }


SNOMED_CANCER = {"coding": [{"system": "http://snomed.info/sct", "code": "363346000"}]}

#: (records, fact, expected value): every way a record says yes, no, or nothing.
READINGS = [
    ([obs("limb_weakness", valueBoolean=True)], "limb_weakness", "yes"),
    ([obs("limb_weakness", valueBoolean=False)], "limb_weakness", "no"),
    ([], "limb_weakness", "unknown"),
    ([obs("gait_disturbance", valueBoolean=True)], "limb_weakness", "unknown"),
    ([cond("limb_weakness", "confirmed")], "limb_weakness", "yes"),
    ([cond("limb_weakness")], "limb_weakness", "yes"),
    ([cond("limb_weakness", "refuted")], "limb_weakness", "no"),
    ([cond("limb_weakness", "provisional")], "limb_weakness", "unknown"),
    ([cond("limb_weakness", "entered-in-error")], "limb_weakness", "unknown"),
    (
        [obs("limb_weakness", status="entered-in-error", valueBoolean=True)],
        "limb_weakness",
        "unknown",
    ),
    ([obs("limb_weakness", status="cancelled", valueBoolean=False)], "limb_weakness", "unknown"),
    (
        [
            obs("limb_weakness", status="entered-in-error", valueBoolean=False),
            obs("limb_weakness", valueBoolean=True),
        ],
        "limb_weakness",
        "yes",
    ),
    (
        [obs("limb_weakness", valueBoolean=True), obs("limb_weakness", valueBoolean=False)],
        "limb_weakness",
        "unknown",
    ),
    (
        [obs("limb_weakness", valueBoolean=True), cond("limb_weakness", "confirmed")],
        "limb_weakness",
        "yes",
    ),
    ([cond("limb_weakness", "confirmed", "resolved")], "limb_weakness", "unknown"),
    ([cond("cancer_diagnosis", "confirmed", "remission")], "cancer_diagnosis", "yes"),
    ([cond("", "confirmed", code=SNOMED_CANCER)], "cancer_diagnosis", "yes"),
    ([cond("", "refuted", code=SNOMED_CANCER)], "cancer_diagnosis", "no"),
    (
        [
            obs(
                "mscc",
                valueCodeableConcept={
                    "coding": [{"system": "urn:ng234:value", "code": "confirmed"}]
                },
            )
        ],
        "mscc",
        "confirmed",
    ),
    (
        [
            obs(
                "mscc",
                valueCodeableConcept={"coding": [{"system": "urn:ng234:value", "code": "yes"}]},
            )
        ],
        "mscc",
        "unknown",
    ),
    (
        [
            obs(
                "mscc",
                valueCodeableConcept={"coding": [{"system": "http://other", "code": "confirmed"}]},
            )
        ],
        "mscc",
        "unknown",
    ),
    ([obs("mscc", valueBoolean=True)], "mscc", "unknown"),
    ([cond("mscc", "provisional")], "mscc", "suspected"),
    ([cond("mscc", "differential")], "mscc", "suspected"),
    ([cond("mscc", "confirmed")], "mscc", "confirmed"),
    ([cond("mscc", "refuted")], "mscc", "ruled_out"),
    ([cond("primary_tumour", "confirmed")], "primary_tumour", "unknown"),
    (
        [
            obs(
                "primary_tumour",
                valueCodeableConcept={"coding": [{"system": "urn:ng234:value", "code": "breast"}]},
            )
        ],
        "primary_tumour",
        "breast",
    ),
    (
        [
            obs(
                "limb_weakness",
                valueCodeableConcept={"coding": [{"system": "urn:ng234:value", "code": "no"}]},
            )
        ],
        "limb_weakness",
        "no",
    ),
    ([obs("limb_weakness", valueString="yes")], "limb_weakness", "unknown"),
]


@pytest.mark.parametrize(("records", "fact", "expected"), READINGS)
def test_a_record_reads_as_yes_no_or_unknown(records, fact, expected) -> None:
    reading = read_bundle(bundle(*records), TODAY)
    assert reading.case.get(fact) == expected


@pytest.mark.parametrize(("records", "fact", "expected"), READINGS)
def test_the_fhirpath_reading_is_the_same(records, fact, expected) -> None:
    """The exported fact variables read every record as bundle.py does."""
    assert fhirpath.value_of(fact, bundle(*records)) == expected


def test_disagreeing_records_are_reported_and_left_unknown() -> None:
    reading = read_bundle(
        bundle(obs("limb_weakness", valueBoolean=True), cond("limb_weakness", "refuted")), TODAY
    )
    assert reading.conflicts == ("limb_weakness",)
    assert reading.case.get("limb_weakness") == "unknown"
    agreeing = read_bundle(bundle(obs("limb_weakness", valueBoolean=True)), TODAY)
    assert agreeing.conflicts == ()


def test_ignored_and_read_records_are_counted() -> None:
    reading = read_bundle(
        bundle(
            obs("limb_weakness", status="entered-in-error", valueBoolean=True),
            obs("gait_disturbance", valueBoolean=False),
            {"resourceType": "Observation", "status": "final", "code": {"text": "free text"}},
        ),
        TODAY,
    )
    assert (reading.records, reading.ignored) == (1, 1)


@pytest.mark.parametrize(
    ("birth_date", "age"),
    [
        ("1960-05-01", 66),
        ("2010-12-03", 16),
        ("2010-12-04", 15),
        ("2010", 15),  # partial: the youngest the person can be (born 31 December)
        ("2009", 16),
        ("2010-11", 16),
        ("2010-12", 15),
        ("not a date", None),
    ],
)
def test_age_from_a_birth_date(birth_date, age) -> None:
    assert age_on(birth_date, TODAY) == age


def test_the_patient_birth_date_gives_the_age() -> None:
    reading = read_bundle(case_bundle({}, birth_date="2012-01-01"), TODAY)
    assert reading.age == 14
    assert read_bundle(case_bundle({}, birth_date=None), TODAY).age is None


@pytest.mark.parametrize("style", ["observation", "condition"])
def test_a_case_survives_the_round_trip_through_a_bundle(style) -> None:
    values = {
        name: (spec.options[0] if spec.type == "enum" else "yes" if i % 2 else "no")
        for i, (name, spec) in enumerate(catalogue().items())
    }
    reading = read_bundle(case_bundle(values, style=style), TODAY)
    assert reading.case.known() == values
    kinds = {e["resource"]["resourceType"] for e in case_bundle(values, style=style)["entry"]}
    assert ("Condition" in kinds) == (style == "condition")
