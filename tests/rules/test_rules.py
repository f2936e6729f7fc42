"""The rule tables: NG234 1.2-1.12 covered in NICE's words, golden cases pinning every condition."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.case import UNKNOWN, catalogue, make_case
from assistant.cli import main
from assistant.cli.rules import document
from assistant.rules import (
    check,
    describe,
    evaluate,
    load_conflicts,
    load_definitions,
    load_rulebook,
    load_rules,
    rule_by_id,
    rules_citing,
)
from assistant.rules.engine import YES
from assistant.rules.render import rules_markdown
from assistant.rules.tables import (
    URGENCY_ORDER,
    AllOf,
    AnyOf,
    Condition,
    FactIs,
    Not,
    RuleBook,
    RuleTable,
    all_,
    any_,
    children,
    fact,
    refs_in,
)

ROOT = Path(__file__).resolve().parents[2]
CASES_FILE = ROOT / "tests" / "data" / "rule_cases.json"
RULES_MD = ROOT / "docs" / "RULES.md"
SECTIONS = [f"1.{n}" for n in range(2, 13)]
#: The rule tables: 1.2-1.12 in full, and 1.1 for what is done for one person (discharge).
TABLE_SECTIONS = ["1.1", *SECTIONS]
STATUS = {"yes": "applies", "no": "not", "unknown": "undetermined"}


def _load_cases() -> tuple[dict, list[dict]]:
    data = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    return data["profiles"], data["cases"]


PROFILES, CASES = _load_cases()


def case_facts(case: dict) -> dict[str, str]:
    """A golden case's facts: its profiles merged in order, then its own facts."""
    profiles = case.get("profile", [])
    facts: dict[str, str] = {}
    for name in [profiles] if isinstance(profiles, str) else profiles:
        facts.update(PROFILES[name])
    facts.update(case.get("facts", {}))
    return facts


def _case_id(case: dict) -> str:
    target = case.get("rule") or case["conflict"]
    return f"{target}:{case['expect']}:{json.dumps(case_facts(case), sort_keys=True)[:60]}"


def _target(case: dict) -> tuple[Condition, bool]:
    if "rule" in case:
        return rule_by_id(case["rule"]).when, False
    return {c.id: c for c in load_conflicts()}[case["conflict"]].when, True


def _status(cond: Condition, facts_case, definitions, conflict: bool) -> str:
    value = check(cond, facts_case, definitions=definitions).value
    if conflict:
        return "applies" if value == YES else "not"
    return STATUS[value]


# --- the tables ----------------------------------------------------------------------------------


def test_one_table_per_section_with_nice_titles(passages) -> None:
    book = load_rulebook()
    assert [t.section for t in book.tables] == TABLE_SECTIONS
    titles = {p.section: p.section_title for p in passages if p.kind == "recommendation"}
    for table in book.tables:
        assert table.title == titles[table.section]


def test_every_cited_id_is_an_ng234_recommendation(passage_map) -> None:
    for rule in load_rules():
        for rec in rule.cites:
            assert rec in passage_map, f"{rule.id} cites {rec}, which NG234 does not have"
            assert passage_map[rec].kind == "recommendation"
    for item in [*load_definitions().values(), *load_conflicts()]:
        for rec in item.cites:
            assert passage_map[rec].kind == "recommendation"


def test_every_recommendation_in_1_2_to_1_12_has_a_rule(passages) -> None:
    cited = {rec for rule in load_rules() for rec in rule.cites}
    wanted = {p.id for p in passages if p.kind == "recommendation" and p.section in SECTIONS}
    assert wanted - cited == set()
    assert len(wanted) == 85


def test_section_1_1_service_organisation_has_case_rules_only_for_discharge() -> None:
    """Section 1.1 organises services; only what a ward team does for one person before
    discharge (1.1.24, 1.1.26) is a case rule."""
    assert rules_citing("1.1.16") == []
    cited = {c for r in load_rules() for c in r.cites if c.startswith("1.1.")}
    assert cited == {"1.1.24", "1.1.26"}


def test_strength_matches_nice_wording(passage_map) -> None:
    for rule in load_rules():
        passage = passage_map[rule.cites[0]]
        text = passage.text.lower()
        assert (
            rule.strength == passage.strength
            or (rule.strength == "consider" and "consider" in text)
            or (rule.strength == "do-not" and "do not" in text)
        ), rule.id


def test_the_do_not_recommendations_are_prohibitions() -> None:
    for rec in ("1.5.6", "1.5.9", "1.7.13", "1.8.7", "1.11.5"):
        found = rules_citing(rec)
        assert found, rec
        assert {r.strength for r in found} == {"do-not"}, rec


def _normalise(text: str) -> str:
    text = re.sub(r"\[(2008|2023)\]", " ", text)
    text = text.replace("•", " ").replace("－", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def test_actions_are_nice_words_verbatim(passage_map) -> None:
    """Each fragment of an action (joined by ' … ') appears verbatim in a cited passage."""
    for rule in load_rules():
        source = " ".join(_normalise(passage_map[rec].text) for rec in rule.cites)
        for fragment in rule.action.split(" … "):
            piece = _normalise(fragment).rstrip(".;:")
            assert piece in source, f"{rule.id}: {fragment!r} is not NG234's wording"


TIMINGS = (
    ("immediately", "immediate"),
    ("without delay", "immediate"),
    ("within 24 hours", "24h"),
    ("within 1 week", "1-week"),
)


def test_urgency_follows_nice_timing_or_is_justified() -> None:
    for rule in load_rules():
        action = rule.action.lower()
        stated = [urgency for phrase, urgency in TIMINGS if phrase in action]
        if stated:
            assert rule.urgency == stated[0], rule.id
        else:
            assert rule.note and len(rule.note) > 15, f"{rule.id}: urgency needs a note"
    assert rule_by_id("R1.3.2-contact-coordinator").urgency == "immediate"
    assert rule_by_id("R1.3.3-advice-within-24h").urgency == "24h"
    assert rule_by_id("R1.5.2-mri-within-24h").urgency == "24h"
    assert rule_by_id("R1.5.3-mri-within-1-week").urgency == "1-week"
    assert rule_by_id("R1.8.1-dexamethasone-16mg").urgency == "immediate"
    assert rule_by_id("R1.10.4-urgent-radiotherapy").urgency == "24h"


def test_rules_citing_and_rule_by_id() -> None:
    assert [r.id for r in rules_citing("1.8.1")] == [
        "R1.8.1-dexamethasone-16mg",
        "R1.8.1-continue-dexamethasone-then-reduce",
        "R1.8.1-reduce-after-surgery",
        "R1.8.1-reduce-after-radiotherapy",
    ]
    assert rules_citing(" 1.5.9 ")[0].strength == "do-not"
    assert rules_citing("9.9.9") == []
    with pytest.raises(KeyError):
        rule_by_id("R9.9.9-nothing")


def test_load_rules_is_cached_and_ordered() -> None:
    assert load_rules() is not None and load_rulebook() is load_rulebook()
    sections = [r.section for r in load_rules()]
    assert sections == sorted(sections, key=lambda s: int(s.split(".")[1]))


# --- validation of the tables --------------------------------------------------------------------

_RULE = {
    "id": "R1.3.2-test",
    "cites": ["1.3.2"],
    "strength": "offer",
    "urgency": "immediate",
    "action": "Immediately contact the MSCC coordinator",
    "when": {"fact": "cancer_diagnosis", "is": "yes"},
}


def _book(rule: dict | None = None, definitions: list | None = None, section: str = "1.3"):
    return RuleBook.model_validate(
        {
            "definitions": definitions or [],
            "conflicts": [],
            "tables": [{"section": section, "title": "t", "rules": [rule or _RULE]}],
        }
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"when": {"fact": "cancer", "is": "yes"}}, "unknown fact 'cancer'"),
        ({"when": {"fact": "mscc", "is": "maybe"}}, "'maybe' is not one of"),
        (
            {
                "when": {
                    "fact": "mscc",
                    "is": ["none", "suspected", "confirmed", "ruled_out", "unknown"],
                }
            },
            "always true",
        ),
        ({"when": {"def": "nowhere"}}, "undefined definition"),
        ({"when": {"fact": "mscc", "all": []}}, "Unable to extract tag"),
        ({"when": {"all": []}}, "at least 1"),
        ({"cites": ["1.13.5"]}, "1.1-1.12"),
        ({"cites": ["1.8.1"]}, "outside section 1.3"),
        ({"strength": "must"}, "Input should be 'offer'"),
        ({"urgency": "soon"}, "Input should be 'immediate'"),
        ({"id": "rule one"}, "pattern"),
        ({"colour": "red"}, "Extra inputs"),
    ],
)
def test_bad_tables_are_rejected_on_load(change: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        _book({**_RULE, **change})


def test_definition_cycles_and_duplicates_are_rejected() -> None:
    loop = [
        {"name": "a", "label": "a", "when": {"def": "b"}},
        {"name": "b", "label": "b", "when": {"def": "a"}},
    ]
    with pytest.raises(ValidationError, match="definition cycle"):
        _book(definitions=loop)
    with pytest.raises(ValidationError, match="duplicate rule"):
        RuleBook.model_validate(
            {"definitions": [], "conflicts": [],
             "tables": [{"section": "1.3", "title": "t", "rules": [_RULE, _RULE]}]}
        )  # fmt: skip
    with pytest.raises(ValidationError):
        RuleTable.model_validate({"section": "1.3", "title": "t", "rules": []})


# --- golden cases --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_golden_case(case: dict) -> None:
    cond, conflict = _target(case)
    got = _status(cond, make_case(case_facts(case)), load_definitions(), conflict)
    assert got == case["expect"], case.get("why", "")
    if "asks" in case:
        asked = _asked(rule_by_id(case["rule"]).asks, make_case(case_facts(case)), None)
        assert asked == set(case["asks"]), case.get("why", "")


def _asked(cond: Condition, facts_case, definitions) -> set[str]:
    """The facts an 'unless' exception (Rule.asks) leaves to ask: its unknown facts, if unknown."""
    outcome = check(cond, facts_case, definitions=definitions)
    return set(outcome.missing) if outcome.value == UNKNOWN else set()


def test_every_rule_with_an_exception_has_golden_cases_of_what_it_asks() -> None:
    with_asks = {r.id for r in load_rules() if r.asks is not None}
    assert with_asks, "no rule has an 'unless' exception"
    assert with_asks <= {c["rule"] for c in CASES if "asks" in c}


def test_every_rule_and_conflict_has_a_case_that_applies_and_one_that_does_not() -> None:
    seen: dict[str, set[str]] = {}
    for case in CASES:
        seen.setdefault(case.get("rule") or case["conflict"], set()).add(case["expect"])
    targets = [r.id for r in load_rules()] + [c.id for c in load_conflicts()]
    for target in targets:
        assert {"applies", "not"} <= seen.get(target, set()), target
    assert set(seen) == set(targets), "a golden case names a rule that does not exist"


def test_golden_case_facts_are_valid_case_facts() -> None:
    for case in CASES:
        make_case(case_facts(case))
        assert set(case) <= {"rule", "conflict", "profile", "facts", "expect", "why", "asks"}


# --- the golden cases pin the tables: a mutation check on the data -------------------------------


def _rebuild(cond: Condition, index: int, new: Condition) -> Condition:
    if isinstance(cond, AllOf):
        parts = list(cond.all_)
        parts[index] = new
        return AllOf(all_=tuple(parts))
    if isinstance(cond, AnyOf):
        parts = list(cond.any_)
        parts[index] = new
        return AnyOf(any_=tuple(parts))
    return Not(not_=new)


def mutants(cond: Condition, path: str = "") -> Iterator[tuple[str, Condition]]:
    """Every single-point change of a condition: negate, drop a part, swap all/any, drop a value."""
    if isinstance(cond, Not):
        yield f"{path} remove not", cond.not_
    else:
        yield f"{path} negate", Not(not_=cond)
    if isinstance(cond, FactIs):
        if len(cond.is_) > 1:
            for value in cond.is_:
                rest = tuple(v for v in cond.is_ if v != value)
                yield f"{path} drop {cond.fact}={value}", FactIs(fact=cond.fact, is_=rest)
        if catalogue()[cond.fact].type == "tri" and cond.is_ in (("yes",), ("no",)):
            flipped = ("no",) if cond.is_ == ("yes",) else ("yes",)
            yield f"{path} flip {cond.fact}", FactIs(fact=cond.fact, is_=flipped)
    parts = children(cond)
    if isinstance(cond, AllOf | AnyOf) and len(parts) > 1:
        for i in range(len(parts)):
            rest = parts[:i] + parts[i + 1 :]
            if len(rest) == 1:
                smaller: Condition = rest[0]
            else:
                smaller = AllOf(all_=rest) if isinstance(cond, AllOf) else AnyOf(any_=rest)
            yield f"{path} drop part {i}", smaller
        yield (
            f"{path} swap all/any",
            AnyOf(any_=parts) if isinstance(cond, AllOf) else AllOf(all_=parts),
        )
    for i, child in enumerate(parts):
        for desc, changed in mutants(child, f"{path}/{i}"):
            yield desc, _rebuild(cond, i, changed)


def _uses(cond: Condition, name: str, definitions) -> bool:
    refs = refs_in(cond)
    return name in refs or any(_uses(definitions[r].when, name, definitions) for r in refs)


def test_golden_cases_pin_every_condition() -> None:
    """For every rule, conflict and definition, each single-point change of its condition
    (negating a part, dropping a part, swapping all/any, dropping an allowed value) must make
    at least one golden case fail: no condition in the tables is untested."""
    definitions = load_definitions()
    prepared = [(c, make_case(case_facts(c)), *_target(c)) for c in CASES]
    survivors: list[str] = []
    total = 0

    def killed(changed: Condition, targets, defs) -> bool:
        return any(_status(changed, k, defs, conflict) != c["expect"] for c, k, conflict in targets)

    for key, cond in [(r.id, r.when) for r in load_rules()] + [
        (c.id, c.when) for c in load_conflicts()
    ]:
        targets = [(c, k, conflict) for c, k, _, conflict in prepared
                   if (c.get("rule") or c.get("conflict")) == key]  # fmt: skip
        for desc, changed in mutants(cond):
            total += 1
            if not killed(changed, targets, definitions):
                survivors.append(f"{key}:{desc}")
    # What an 'unless' exception asks is its unknown facts, the same for a condition and its
    # negation: its negation mutants change nothing observable and are not counted.
    asking = [(c, k, rule_by_id(c["rule"]).asks) for c, k, _, _ in prepared if "asks" in c]
    for name, definition in definitions.items():
        users = [(c, k, conflict, when) for c, k, when, conflict in prepared
                 if _uses(when, name, definitions)]  # fmt: skip
        askers = [(c, k, asks) for c, k, asks in asking if _uses(asks, name, definitions)]
        for desc, changed in mutants(definition.when):
            if not users and desc.endswith(("negate", "remove not")):
                continue
            total += 1
            defs = {**definitions, name: definition.model_copy(update={"when": changed})}
            if not any(
                _status(when, k, defs, conflict) != c["expect"] for c, k, conflict, when in users
            ) and not any(_asked(asks, k, defs) != set(c["asks"]) for c, k, asks in askers):
                survivors.append(f"def {name}:{desc}")
    assert total > 900
    assert survivors == []


def test_the_mutation_check_detects_a_missing_case() -> None:
    """With only its 'applies' cases, a rule's conditions are not pinned: mutants survive."""
    rule = rule_by_id("R1.7.12-bisphosphonates-prostate")
    kept = [c for c in CASES if c.get("rule") == rule.id and c["expect"] == "applies"]
    prepared = [(c, make_case(case_facts(c))) for c in kept]
    alive = [
        desc
        for desc, changed in mutants(rule.when)
        if all(_status(changed, k, load_definitions(), False) == c["expect"] for c, k in prepared)
    ]
    assert alive, "with only 'applies' cases, dropping a condition must go unnoticed"


# --- plain words and the review document ---------------------------------------------------------


def test_describe_reads_as_plain_words() -> None:
    rule = rule_by_id("R1.3.2-contact-coordinator")
    assert describe(rule) == (
        "If past or current diagnosis of cancer is yes and any Box 1 symptom or sign of cord "
        "compression is present"
    )
    expanded = describe(rule, expand=True)
    assert (
        "any of (bladder or bowel dysfunction, gait disturbance or difficulty walking, limb "
        "weakness," in expanded
    )
    assert "radicular pain) is yes" in expanded
    urgent = describe(load_definitions()["rt_1_10_4_exception"].when)
    assert "(complete tetraplegia or paraplegia is yes and" in urgent
    assert "overall prognosis is poor" in urgent
    recorded = describe(load_definitions()["rt_1_10_4_exception_recorded"].when)
    assert "complete tetraplegia or paraplegia is recorded as yes and" in recorded
    assert recorded.endswith("or overall prognosis is recorded as poor")
    suspected = describe(load_definitions()["mscc_suspected"].when)
    assert "(MSCC) is not yet known" in suspected
    assert "recorded as present and metastatic spinal cord compression (MSCC) is none" in suspected


def test_every_rule_has_a_readable_condition() -> None:
    for rule in load_rules():
        text = describe(rule, expand=True)
        assert (
            text.startswith("If ")
            and "{" not in text
            and "_" not in text.replace("not_identified", "")
        ), rule.id


def test_docs_rules_md_is_the_render_of_the_tables() -> None:
    assert RULES_MD.read_text(encoding="utf-8") == document(), (
        "docs/RULES.md is stale: run `ng234 rules --markdown --output docs/RULES.md`"
    )


def test_rules_markdown_groups_rules_by_section() -> None:
    text = rules_markdown()
    for section in TABLE_SECTIONS:
        assert f"\n## {section} " in text
    for rule in load_rules():
        assert f"| `{rule.id}` |" in text
    assert text.index("## 1.3 ") < text.index("R1.3.2-contact-coordinator") < text.index("## 1.4 ")


# --- command line --------------------------------------------------------------------------------


def test_cli_rules_json_lists_every_rule(capsys) -> None:
    assert main(["rules", "--json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rules] == [r.id for r in load_rules()]
    assert rules[0]["when"] == {
        "all": [{"def": "spinal_mets_or_mscc"}, {"fact": "discharge_planned", "is": ["yes"]}]
    }
    assert {r["urgency"] for r in rules} <= set(URGENCY_ORDER)


def test_cli_rules_markdown_and_output(capsys, tmp_path) -> None:
    assert main(["rules", "--markdown"]) == 0
    assert capsys.readouterr().out.rstrip("\n") == document().rstrip("\n")
    target = tmp_path / "RULES.md"
    assert main(["rules", "--markdown", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == document()
    assert "## What the case rules out" in document()
    assert "## The order of an answer" in document()
    assert main(["rules"]) == 0
    assert "R1.5.9-no-plain-x-ray" in capsys.readouterr().out


def test_cli_rules_check_text_and_json(capsys, tmp_path) -> None:
    facts = {"cancer_diagnosis": "yes", "limb_weakness": "yes", "back_pain": "yes"}
    assert main(["rules", "check", "--facts", json.dumps(facts)]) == 0
    out = capsys.readouterr().out
    assert "[immediate] OFFER — NG234 1.3.2" in out
    assert "because: Past or current diagnosis of cancer: yes; Limb weakness: yes" in out
    assert "DO NOT — NG234 1.5.9" in out and "QUESTIONS" in out
    path = tmp_path / "facts.json"
    path.write_text(json.dumps({**facts, "mscc": "none"}), encoding="utf-8")
    assert main(["rules", "check", "--facts-file", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["applies"][0]["rule_id"] == "R1.3.2-contact-coordinator"
    assert payload["conflicts"][0]["id"] == "C-mscc-none-with-cord-symptoms"


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ('{"cancer": "yes"}', "unknown fact 'cancer'"),
        ('{"mscc": "probably"}', "fact 'mscc': 'probably' is not one of"),
        ('{"mscc": "confirmed"', "cannot read the facts"),
        ('["mscc"]', "facts must be a JSON object"),
        ('{"limb_weakness": true}', "facts must be a JSON object"),
    ],
)
def test_cli_rules_check_rejects_bad_facts(capsys, facts: str, message: str) -> None:
    assert main(["rules", "check", "--facts", facts]) == 2
    assert message in capsys.readouterr().err


# --- details of loading and rendering ---------------------------------------------------------


def test_definitions_may_build_on_each_other_without_a_cycle() -> None:
    chain = [
        {"name": "a", "label": "a", "when": {"def": "b"}},
        {"name": "b", "label": "b", "when": {"fact": "limb_weakness", "is": "yes"}},
    ]
    assert [d.name for d in _book(definitions=chain).definitions] == ["a", "b"]
    loop = [*chain[:1], {"name": "b", "label": "b", "when": {"def": "a"}}]
    with pytest.raises(ValidationError, match="definition cycle: a -> b -> a"):
        _book(definitions=loop)


def test_loading_from_disk_again_gives_the_same_book() -> None:
    assert load_rulebook.__wrapped__() == load_rulebook()


def test_describe_expands_nested_definitions_and_simple_groups() -> None:
    mri = describe(rule_by_id("R1.5.2-mri-within-24h"), expand=True)
    assert mri.startswith("If MSCC is suspected [metastatic spinal cord compression (MSCC) is")
    assert "any Box 1 symptom or sign of cord compression is present [any of (bladder" in mri
    quiet = describe(load_definitions()["no_neuro_symptoms"].when, expand=True)
    assert quiet.startswith("If not (any Box 1 symptom or sign of cord compression is present [")
    assert describe(any_(fact("limb_weakness"))) == "If limb weakness is yes"
    nested = all_(fact("limb_weakness"), all_(fact("gait_disturbance")))
    assert (
        describe(nested) == "If limb weakness is yes and gait disturbance or difficulty "
        "walking is yes"
    )
    assert describe(fact("mri_contraindicated", "no")) == "If MRI contraindicated is no"
    started = describe(load_definitions()["mobilisation_started"].when)
    assert started.startswith("If significant increase in pain or neurological symptoms on ")
    assert "mobilisation is recorded (either way) or orthostatic hypotension" in started


def test_markdown_cells_escape_pipes_and_newlines() -> None:
    from assistant.rules.render import _cell

    assert _cell("a|b\nc") == "a\\|b c"


def test_rules_json_and_list_formats() -> None:
    from assistant.rules.render import rules_json, rules_list

    text = rules_json()
    assert text.startswith(
        '[\n {\n  "section": "1.1",\n  "id": "R1.1.24-discharge-planning-led-by-named-individual",'
    )
    assert "…" in text
    lines = rules_list().split("\n")
    assert len(lines) == len(load_rules())
    assert lines[0].split() == [
        "R1.1.24-discharge-planning-led-by-named-individual",
        "1.1.24",
        "offer",
        "routine",
    ]


def test_evaluation_text_for_a_terminal() -> None:
    from assistant.rules import evaluate
    from assistant.rules.render import evaluation_text

    rules = [
        rule_by_id("R1.3.2-contact-coordinator"),
        rule_by_id("R1.4.1-immobilise-without-delay"),
    ]
    case = make_case({"cancer_diagnosis": "yes", "limb_weakness": "yes", "mscc": "none"})
    conflict = {c.id: c for c in load_conflicts()}["C-mscc-none-with-cord-symptoms"]
    assert evaluation_text(evaluate(case, rules)) == "\n".join(
        [
            "CONFLICTS (contradictory facts; check these first):",
            f"  ! {conflict.message}",
            "    facts: Metastatic spinal cord compression (MSCC): none; "
            "Past or current diagnosis of cancer: yes; Limb weakness: yes",
            "",
            "APPLIES (most urgent first):",
            "  [immediate] OFFER — NG234 1.3.2 (R1.3.2-contact-coordinator)",
            f"      {rules[0].action}",
            "      because: Past or current diagnosis of cancer: yes; Limb weakness: yes",
            "",
            "UNDETERMINED (would depend on facts not yet known):",
            "  [immediate] OFFER — NG234 1.4.1 (R1.4.1-immobilise-without-delay); "
            "needs: neuro_instability_symptoms, spinal_instability",
            "",
            "QUESTIONS (most urgent first):",
            "  1. Are there neurological symptoms or signs suggesting spinal instability? "
            "(neuro_instability_symptoms)",
        ]
    )
    flags = evaluation_text(evaluate(make_case({"cancer_diagnosis": "yes"}), rules[:1]))
    assert flags.startswith("APPLIES: nothing yet.\n\nUNDETERMINED")
    assert (
        "needs: bladder_bowel_dysfunction, gait_disturbance, limb_weakness, sensory_loss, "
        "cord_signs, radicular_pain" in flags
    )
    assert "\n  1. Is there any bladder or bowel dysfunction" in flags
    assert flags.endswith("[cord compression red flag] (radicular_pain)")
    assert flags.count("[cord compression red flag]") == 6


def test_evaluation_text_lists_every_citation_of_a_hit() -> None:
    from assistant.rules import evaluate
    from assistant.rules.render import evaluation_text

    base = rule_by_id("R1.3.2-contact-coordinator")
    both = base.model_copy(update={"id": "R1.3.4-with-1-3-2", "cites": ("1.3.4", "1.3.2")})
    applies = evaluation_text(
        evaluate(make_case({"cancer_diagnosis": "yes", "cord_signs": "yes"}), [both])
    )
    assert "OFFER — NG234 1.3.4, 1.3.2 (R1.3.4-with-1-3-2)" in applies
    pending = evaluation_text(evaluate(make_case({"cancer_diagnosis": "yes"}), [both]))
    assert "OFFER — NG234 1.3.4, 1.3.2 (R1.3.4-with-1-3-2); needs:" in pending


def test_1_8_4_applies_when_no_oncology_treatment_is_appropriate() -> None:
    base = {"mscc": "confirmed", "cancer_diagnosis": "yes", "on_corticosteroids": "yes"}
    hit = evaluate(make_case({**base, "oncology_treatment_inappropriate": "yes"}))
    assert hit.status("R1.8.4-reduce-dexamethasone") == "applies"
    other = evaluate(make_case({**base, "other_effective_treatment": "no"}))
    assert other.status("R1.8.4-reduce-dexamethasone") == "applies"
    options = {"oncology_treatment_inappropriate": "yes", "other_effective_treatment": "yes"}
    neither = evaluate(make_case({**base, **options}))
    assert neither.status("R1.8.4-reduce-dexamethasone") == "not"
