"""Clinical vignettes: case facts -> the NG234 recommendations that must (and must not) be shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.case import catalogue, make_case
from assistant.rules import evaluate, load_rules

ROOT = Path(__file__).resolve().parent.parent
DATA = json.loads((ROOT / "tests" / "data" / "vignettes.json").read_text(encoding="utf-8"))
PROFILES = json.loads((ROOT / "tests" / "data" / "rule_cases.json").read_text("utf-8"))["profiles"]
VIGNETTES = DATA["vignettes"]
KEYS = {"id", "title", "profile", "facts", "applies", "not_offered", "absent", "undetermined",
        "asks", "asks_first_red_flag", "conflicts", "first"}  # fmt: skip


def vignette_facts(vignette: dict) -> dict[str, str]:
    """Profiles merged in order, then the vignette's own facts."""
    profiles = vignette.get("profile", [])
    facts: dict[str, str] = {}
    for name in [profiles] if isinstance(profiles, str) else profiles:
        facts.update(PROFILES[name])
    facts.update(vignette.get("facts", {}))
    return facts


def _matches(hit, target: str) -> bool:
    return hit.rule_id == target if target.startswith("R") else target in hit.cites


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_vignette(vignette: dict) -> None:
    assert set(vignette) <= KEYS
    result = evaluate(make_case(vignette_facts(vignette)))
    shown = [f"{h.rule_id}" for h in result.applies]
    for target in vignette.get("applies", []):
        assert any(_matches(h, target) for h in result.applies), f"{target} missing from {shown}"
    for target in vignette.get("not_offered", []):
        offered = [h for h in result.applies if _matches(h, target) and h.strength != "do-not"]
        assert not offered, f"{target} must not be offered"
    for target in vignette.get("absent", []):
        assert not any(_matches(h, target) for h in result.applies), f"{target} must not apply"
    for target in vignette.get("undetermined", []):
        assert any(_matches(h, target) for h in result.undetermined), f"{target} not undetermined"
    asked = [q.fact for q in result.questions]
    for fact in vignette.get("asks", []):
        assert fact in asked, f"{fact} is not asked"
    if vignette.get("asks_first_red_flag"):
        assert result.questions and catalogue()[asked[0]].red_flag
    for position, target in enumerate(vignette.get("first", [])):
        assert _matches(result.applies[position], target)
    assert [c.id for c in result.conflicts] == vignette.get("conflicts", [])


def test_there_are_at_least_40_vignettes_covering_sections_1_3_to_1_12() -> None:
    assert len(VIGNETTES) >= 40
    assert len({v["id"] for v in VIGNETTES}) == len(VIGNETTES)
    sections = {".".join(t.split(".")[:2]) for v in VIGNETTES for t in v.get("applies", [])
                if not t.startswith("R")}  # fmt: skip
    sections |= {r.section for v in VIGNETTES for r in load_rules() if r.id in v.get("applies", [])}
    assert {f"1.{n}" for n in range(3, 13)} <= sections


def test_vignettes_use_valid_facts() -> None:
    for vignette in VIGNETTES:
        make_case(vignette_facts(vignette))
