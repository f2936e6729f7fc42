"""The code map (assistant/data/interop/codes.json): every fact coded, every SNOMED code sourced."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from assistant.case import catalogue
from assistant.interop import codes
from assistant.interop.codes import CODES_FILE, SNOMED, CodeMap, code_map, fact_for
from assistant.interop.plandefinition import fact_code_system, value_code_system


def raw() -> dict:
    return json.loads(CODES_FILE.read_text(encoding="utf-8"))


def test_every_fact_has_a_urn_ng234_fact_code() -> None:
    exported = fact_code_system()
    assert exported["url"] == "urn:ng234:fact"
    assert [c["code"] for c in exported["concept"]] == list(catalogue())
    assert set(code_map().facts) == set(catalogue())
    for name in catalogue():
        assert fact_for("urn:ng234:fact", name) == name


def test_every_enum_option_and_yes_no_is_a_value_code() -> None:
    values = {c["code"] for c in value_code_system()["concept"]}
    assert {"yes", "no"} <= values
    for spec in catalogue().values():
        assert set(spec.options) <= values


def test_every_snomed_code_has_a_public_source_and_its_name() -> None:
    listed = [(name, s) for name, c in code_map().facts.items() for s in c.snomed]
    assert listed, "the map lists the SNOMED CT codes it is sure of"
    for name, snomed in listed:
        assert snomed.sources and all(str(u).startswith("https://") for u in snomed.sources)
        assert "(" in snomed.display, "the fully specified name, with its semantic tag"
        assert fact_for(SNOMED, snomed.code) == name


def test_unlisted_codes_record_no_fact() -> None:
    assert fact_for("urn:ng234:fact", "no_such_fact") is None
    assert fact_for(SNOMED, "000000") is None
    assert fact_for("http://loinc.org", "limb_weakness") is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["facts"].pop("limb_weakness"), "differ from facts.json"),
        (lambda d: d["facts"].update(extra_fact={"resource": "Observation"}), "differ"),
        (
            lambda d: d["facts"]["limb_weakness"].update(condition_values={"confirmed": "yes"}),
            "for enum facts",
        ),
        (
            lambda d: d["facts"]["mscc"].update(condition_values={"refuted": "gone"}),
            "not one of its values",
        ),
        (
            lambda d: d["facts"]["mscc"].update(condition_values={"entered-in-error": "none"}),
            "not a usable verificationStatus",
        ),
        (
            lambda d: d["facts"]["limb_weakness"].update(
                snomed=d["facts"]["cancer_diagnosis"]["snomed"]
            ),
            "mapped to",
        ),
        (
            lambda d: d["facts"]["cancer_diagnosis"]["snomed"][0].update(sources=[]),
            "at least 1",
        ),
    ],
)
def test_a_malformed_code_map_is_rejected(change, message) -> None:
    data = raw()
    CodeMap.model_validate(data)  # the file itself is valid
    change(data)
    with pytest.raises(ValidationError, match=message):
        CodeMap.model_validate(data)


def test_condition_values_default_to_yes_no_for_tri_facts() -> None:
    assert codes.condition_values("limb_weakness") == {"confirmed": "yes", "refuted": "no"}
    assert codes.condition_values("mscc")["refuted"] == "ruled_out"
    assert codes.condition_values("primary_tumour") == {}
