"""The FHIR export: valid resources, and applicability that agrees with the engine on every
golden rule case (tests/data/rule_cases.json) turned into a Bundle."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from assistant.case import make_case
from assistant.cli import main
from assistant.interop import fhirpath
from assistant.interop.bundle import case_bundle
from assistant.interop.plandefinition import (
    applicability,
    file_name,
    problems,
    resource_id,
    resources,
)
from assistant.rules import evaluate, load_rules, rule_by_id

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = json.loads((ROOT / "tests" / "data" / "rule_cases.json").read_text(encoding="utf-8"))
VERDICT = {"applies": "yes", "not": "no", "undetermined": "unknown"}


def golden_cases() -> list[dict]:
    """Every golden rule case with its facts merged (profiles in order, then its own facts)."""
    out = []
    for case in GOLDEN["cases"]:
        if "rule" not in case:
            continue  # conflict cases test conflicts.json, not a rule
        profiles = case.get("profile", [])
        facts: dict[str, str] = {}
        for name in [profiles] if isinstance(profiles, str) else profiles:
            facts.update(GOLDEN["profiles"][name])
        facts.update(case.get("facts", {}))
        out.append({"rule": case["rule"], "facts": facts, "expect": case["expect"]})
    return out


@pytest.fixture(scope="module")
def exported(passage_map) -> list[dict]:
    return resources(passage_map)


@pytest.fixture(scope="module")
def plans(exported) -> dict[str, dict]:
    return {r["id"]: r for r in exported if r["resourceType"] == "PlanDefinition"}


def test_every_rule_is_exported_once(plans) -> None:
    assert sorted(plans) == sorted(resource_id(r) for r in load_rules())


def test_every_exported_resource_is_valid(exported, passage_map) -> None:
    found = [p for resource in exported for p in problems(resource, passage_map)]
    assert found == []


def test_a_plan_definition_carries_nice_words_strength_and_rationale(plans, passage_map) -> None:
    plan = plans["ng234-R1.3.2-contact-coordinator"]
    assert plan["type"]["coding"][0]["code"] == "eca-rule"
    citation = plan["relatedArtifact"][0]
    assert citation["type"] == "citation" and citation["label"] == "NICE NG234 1.3.2"
    assert citation["citation"] == passage_map["1.3.2"].text
    action = plan["action"][0]
    assert action["description"] == rule_by_id("R1.3.2-contact-coordinator").action
    assert action["priority"] == "stat"
    urls = {e["url"].rsplit("/", 1)[1]: e for e in action["extension"]}
    assert urls["cqf-strengthOfRecommendation"]["valueCodeableConcept"]["coding"][0]["code"] == (
        "offer"
    )
    assert passage_map["rationale-1.3.1-1.3.6"].text in urls["cpg-rationale"]["valueMarkdown"]
    condition, named = applicability(plan)
    assert condition == "(%cancerDiagnosis in ('yes')) and (%cordRedFlag)"
    assert [n for n, _ in named][-1] == "cordRedFlag"


def _broken(plans, change) -> dict:
    plan = copy.deepcopy(plans["ng234-R1.8.1-dexamethasone-16mg"])
    change(plan)
    return plan


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p["type"]["coding"][0].update(code="order-set"), "eca-rule"),
        (lambda p: p["relatedArtifact"][0].update(citation="Offer 8 mg"), "not NICE's text"),
        (lambda p: p["relatedArtifact"][0].update(label="NICE NG234 9.9.9"), "not an NG234"),
        (lambda p: p["action"][0].update(priority="whenever"), "priority"),
        (lambda p: p.update(status="retired-ish"), "status"),
        (lambda p: p["extension"].pop(0), "uses ['cancerDiagnosis']"),
        (
            lambda p: p["action"][0]["condition"][0]["expression"].update(expression="(("),
            "does not parse",
        ),
        (lambda p: p.update(experimental="perhaps"), "not valid R4B"),
        (lambda p: p.update(unknownField=1), "not valid R4B"),
    ],
)
def test_a_broken_plan_definition_is_caught(plans, passage_map, change, message) -> None:
    assert problems(plans["ng234-R1.8.1-dexamethasone-16mg"], passage_map) == []
    found = problems(_broken(plans, change), passage_map)
    assert any(message in p for p in found), found


@pytest.mark.parametrize("style", ["observation", "condition"])
def test_the_exported_expressions_agree_with_the_engine_on_every_golden_case(plans, style) -> None:
    """Every golden rule case as a Bundle (facts as Observations, or as Conditions where a
    verificationStatus says it): the exported applicability, evaluated by fhirpathpy, gives the
    engine's three-valued verdict, which is the golden expectation."""
    cases = golden_cases()
    seen: set[str] = set()
    mismatches = []
    for case in cases:
        facts = make_case(case["facts"])
        engine = VERDICT[evaluate(facts, [rule_by_id(case["rule"])]).status(case["rule"])]
        assert engine == VERDICT[case["expect"]]
        condition, named = applicability(plans[f"ng234-{case['rule']}"])
        got = fhirpath.verdict(condition, named, case_bundle(facts, style=style))
        seen.add(got)
        if got != engine:
            mismatches.append((case["rule"], case["facts"], got, engine))
    assert len(cases) > 400 and seen == {"yes", "no", "unknown"}
    assert mismatches == []


def test_fhirpath_logic_is_kleene_with_empty_as_unknown() -> None:
    table = {
        "true and {}": "unknown",
        "false and {}": "no",
        "true or {}": "yes",
        "false or {}": "unknown",
        "({}).not()": "unknown",
        "(true).not()": "no",
    }
    empty = {"resourceType": "Bundle", "type": "collection"}
    for expr, expected in table.items():
        assert fhirpath.verdict(expr, (), empty) == expected, expr


def test_fhir_export_writes_every_resource(tmp_path, capsys) -> None:
    out = tmp_path / "fhir"
    assert main(["fhir", "export", "--output", str(out)]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == len(load_rules()) + 3
    assert file_name({"resourceType": "CodeSystem", "id": "ng234-fact"}) in written
    plan = json.loads((out / "PlanDefinition-ng234-R1.5.2-mri-within-24h.json").read_text())
    assert plan["resourceType"] == "PlanDefinition"
    assert f"{len(written)} valid resources" in capsys.readouterr().out


def test_fhir_export_to_an_unwritable_place_is_one_clear_message(tmp_path, capsys) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["fhir", "export", "--output", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ng234: cannot write the FHIR export to") and "Traceback" not in err
