"""The rules as FHIR PlanDefinitions, and the code map as CodeSystems and a ConceptMap.

Each rule becomes one PlanDefinition in the shape of the CPG IG's CPGRecommendationDefinition
(http://hl7.org/fhir/uv/cpg/StructureDefinition/cpg-recommendationdefinition): type eca-rule;
NICE's words for the cited recommendation as a `relatedArtifact` citation and as the action's
`documentation`; the rule's action (NICE's imperative) as the action's `description`; the
strength (cqf-strengthOfRecommendation); the committee's rationale (cpg-rationale), verbatim;
and the applicability as a FHIRPath condition over the `variable`s the rule needs (each fact
read from the case Bundle, then each named definition), as `fhirpath.py` writes them.

`resources` is pure (rules and passages in, JSON dicts out); `problems` validates one resource
with fhir.resources (R4B: structure and types, not value sets) and then checks the fields we
fill ourselves (codes, citations, the expression's variables); `write` is the only I/O.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.case import catalogue
from assistant.errors import InvalidInputError
from assistant.interop import citation, fhirpath
from assistant.interop.codes import SNOMED, code_map, value_codes
from assistant.rules.engine import describe
from assistant.rules.tables import Rule, load_rules

CPG_RECOMMENDATION = "http://hl7.org/fhir/uv/cpg/StructureDefinition/cpg-recommendationdefinition"
VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable"
STRENGTH = "http://hl7.org/fhir/StructureDefinition/cqf-strengthOfRecommendation"
RATIONALE = "http://hl7.org/fhir/uv/cpg/StructureDefinition/cpg-rationale"
PLAN_TYPE = "http://terminology.hl7.org/CodeSystem/plan-definition-type"
#: Our own systems for what NICE's wording and the rule tables say (not GRADE, not a value set).
STRENGTH_SYSTEM = "urn:ng234:strength"
URGENCY_SYSTEM = "urn:ng234:urgency"
RULE_SYSTEM = "urn:ng234:rule"
STRENGTH_DISPLAY = {"offer": "Offer", "consider": "Consider", "do-not": "Do not"}
#: FHIR request-priority for each urgency of the rule tables.
PRIORITY = {"immediate": "stat", "24h": "asap", "1-week": "urgent", "routine": "routine"}
PUBLISHER = "NG234 assistant (open source); recommendation text © NICE"

Passages = Mapping[str, Any]
Json = dict[str, Any]


def resource_id(rule: Rule) -> str:
    """The PlanDefinition id of a rule: 'ng234-R1.3.2-contact-coordinator'."""
    return f"ng234-{rule.id}"


def _name(rule: Rule) -> str:
    """A computable name: 'NG234R132ContactCoordinator'."""
    words = re.split(r"[^A-Za-z0-9]+", rule.id)
    return "NG234" + "".join(w[:1].upper() + w[1:] for w in words if w)


def _citations(passages: Passages, rule: Rule) -> list[Json]:
    return [
        {
            "type": "citation",
            "label": citation.label([cite]),
            "display": f"{citation.GUIDELINE_VERSION}, recommendation {cite}",
            "citation": citation.quote(passages, cite),
            "url": citation.NICE_URL,
        }
        for cite in rule.cites
    ]


def plan_definition(rule: Rule, passages: Passages) -> Json:
    """One rule as a CPGRecommendationDefinition-shaped PlanDefinition (R4 family)."""
    named = fhirpath.variables(rule)
    action_ext: list[Json] = [
        {
            "url": STRENGTH,
            "valueCodeableConcept": {
                "coding": [
                    {
                        "system": STRENGTH_SYSTEM,
                        "code": rule.strength,
                        "display": STRENGTH_DISPLAY[rule.strength],
                    }
                ]
            },
        }
    ]
    reasons = [r for cite in rule.cites if (r := citation.rationale(passages, cite))]
    for rid, text in dict(reasons).items():
        action_ext.append({"url": RATIONALE, "valueMarkdown": f"{rid}: {text}"})
    condition = {
        "kind": "applicability",
        "expression": {
            "description": describe(rule),
            "language": fhirpath.LANGUAGE,
            "expression": fhirpath.expression(rule),
        },
    }
    return {
        "resourceType": "PlanDefinition",
        "id": resource_id(rule),
        "meta": {"profile": [CPG_RECOMMENDATION]},
        "extension": [
            {
                "url": VARIABLE,
                "valueExpression": {
                    "name": name,
                    "language": fhirpath.LANGUAGE,
                    "expression": expr,
                },
            }
            for name, expr in named
        ],
        "url": f"urn:ng234:PlanDefinition:{rule.id}",
        "identifier": [{"system": RULE_SYSTEM, "value": rule.id}],
        "version": __version__,
        "name": _name(rule),
        "title": f"{citation.label(rule.cites)}: {rule.id}",
        "type": {"coding": [{"system": PLAN_TYPE, "code": "eca-rule", "display": "ECA Rule"}]},
        "status": "draft",
        "experimental": True,
        "publisher": PUBLISHER,
        "description": f"{describe(rule)}, then: {rule.action}",
        "copyright": citation.COPYRIGHT,
        "relatedArtifact": _citations(passages, rule),
        "action": [
            {
                "extension": action_ext,
                "title": citation.label(rule.cites),
                "description": rule.action,
                "code": [{"coding": [{"system": URGENCY_SYSTEM, "code": rule.urgency}]}],
                "priority": PRIORITY[rule.urgency],
                "documentation": _citations(passages, rule),
                "condition": [condition],
            }
        ],
    }


def fact_code_system() -> Json:
    """CodeSystem urn:ng234:fact: one code per case fact (the code is the fact's name)."""
    codes = code_map()
    return {
        "resourceType": "CodeSystem",
        "id": "ng234-fact",
        "url": codes.fact_system,
        "version": __version__,
        "name": "NG234Fact",
        "title": "NG234 case facts",
        "status": "draft",
        "experimental": True,
        "publisher": PUBLISHER,
        "description": "The facts NG234's rules depend on; record one as an Observation "
        "(valueBoolean, or valueCodeableConcept from urn:ng234:value) or a Condition "
        "(verificationStatus). A fact with no record is unknown, never no.",
        "caseSensitive": True,
        "content": "complete",
        "count": len(catalogue()),
        "property": [
            {"code": "type", "type": "code", "description": "tri (yes/no) or enum (options)"},
            {"code": "option", "type": "code", "description": "An allowed value code"},
            {"code": "resource", "type": "code", "description": "Observation or Condition"},
        ],
        "concept": [
            {
                "code": name,
                "display": spec.label,
                "definition": spec.question,
                "property": [
                    {"code": "type", "valueCode": spec.type},
                    {"code": "resource", "valueCode": codes.facts[name].resource},
                    *({"code": "option", "valueCode": o} for o in spec.options),
                ],
            }
            for name, spec in catalogue().items()
        ],
    }


def value_code_system() -> Json:
    """CodeSystem urn:ng234:value: yes, no and every option of the enum facts."""
    codes = value_codes()
    return {
        "resourceType": "CodeSystem",
        "id": "ng234-value",
        "url": code_map().value_system,
        "version": __version__,
        "name": "NG234Value",
        "title": "Values of NG234 case facts",
        "status": "draft",
        "experimental": True,
        "publisher": PUBLISHER,
        "description": "The value of a fact in Observation.valueCodeableConcept; a fact's own "
        "options are listed on its urn:ng234:fact concept.",
        "caseSensitive": True,
        "content": "complete",
        "count": len(codes),
        "concept": [{"code": c, "display": c.replace("_", " ")} for c in codes],
    }


def concept_map() -> Json:
    """ConceptMap from the SNOMED CT codes of codes.json to urn:ng234:fact (with sources)."""
    codes = code_map()
    elements = [
        {
            "code": s.code,
            "display": s.display,
            "target": [
                {
                    "code": name,
                    "display": catalogue()[name].label,
                    "equivalence": "equivalent",
                    "comment": "Sources: " + " ; ".join(str(u) for u in s.sources),
                }
            ],
        }
        for name, coding in codes.facts.items()
        for s in coding.snomed
    ]
    return {
        "resourceType": "ConceptMap",
        "id": "ng234-snomed-to-fact",
        "url": "urn:ng234:ConceptMap:snomed-to-fact",
        "version": __version__,
        "name": "NG234SnomedToFact",
        "title": "SNOMED CT codes read as NG234 case facts",
        "status": "draft",
        "experimental": True,
        "publisher": PUBLISHER,
        "description": "Exact codes only (no subsumption); every fact can also be sent as "
        "urn:ng234:fact. Each mapping names the public sources that confirm the code.",
        "sourceUri": SNOMED,
        "targetUri": codes.fact_system,
        "group": [{"source": SNOMED, "target": codes.fact_system, "element": elements}],
    }


def resources(passages: Passages, rules: Sequence[Rule] | None = None) -> list[Json]:
    """Every exported resource: the two CodeSystems, the ConceptMap, one PlanDefinition a rule."""
    rules = load_rules() if rules is None else rules
    return [
        fact_code_system(),
        value_code_system(),
        concept_map(),
        *(plan_definition(rule, passages) for rule in rules),
    ]


# --- validation -----------------------------------------------------------------------------------


def _model(resource_type: str):
    from fhir.resources.R4B import codesystem, conceptmap, plandefinition

    return {
        "PlanDefinition": plandefinition.PlanDefinition,
        "CodeSystem": codesystem.CodeSystem,
        "ConceptMap": conceptmap.ConceptMap,
    }[resource_type]


def problems(resource: Json, passages: Passages) -> list[str]:
    """What is wrong with an exported resource ([] if nothing): fhir.resources' structural
    validation, then our own checks of the codes and texts we fill."""
    from pydantic import ValidationError

    kind = resource.get("resourceType", "?")
    try:
        _model(kind).model_validate(resource)
    except KeyError:
        return [f"{kind} {resource.get('id')}: not an exported resource type"]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return [
            f"{kind} {resource.get('id')}: not valid R4B ({exc.error_count()} errors; "
            f"{where}: {first['msg']})"
        ]
    found = [] if resource.get("status") in ("draft", "active") else ["status"]
    if kind == "PlanDefinition":
        found += _plan_problems(resource, passages)
    elif kind == "CodeSystem":
        codes = [c["code"] for c in resource["concept"]]
        if len(codes) != len(set(codes)) or resource.get("count") != len(codes):
            found.append("concept codes repeated or miscounted")
        if resource["url"] == code_map().fact_system and codes != list(catalogue()):
            found.append("urn:ng234:fact does not list every fact once, in order")
    elif kind == "ConceptMap":
        for element in resource["group"][0]["element"]:
            for target in element["target"]:
                if target["code"] not in catalogue() or "http" not in target.get("comment", ""):
                    found.append(f"mapping of {element['code']} lacks a fact or a source")
    return [f"{kind} {resource.get('id')}: {p}" for p in found]


def _plan_problems(plan: Json, passages: Passages) -> list[str]:
    found = []
    if [c["code"] for c in plan["type"]["coding"]] != ["eca-rule"]:
        found.append("type is not eca-rule")
    if plan["type"]["coding"][0]["system"] != PLAN_TYPE:
        found.append("type system")
    action = plan["action"][0]
    cites = [a["label"].removeprefix(citation.GUIDELINE + " ") for a in plan["relatedArtifact"]]
    for artifact in [*plan["relatedArtifact"], *action["documentation"]]:
        cite = artifact["label"].removeprefix(citation.GUIDELINE + " ")
        if artifact["type"] != "citation" or cite not in passages:
            found.append(f"citation {artifact['label']!r} is not an NG234 passage")
        elif artifact["citation"] != citation.quote(passages, cite):
            found.append(f"citation of {cite} is not NICE's text verbatim")
    if action["title"] != citation.label(cites):
        found.append("action title does not name the cited recommendations")
    strength = [e for e in action["extension"] if e["url"] == STRENGTH]
    codes = [c["code"] for e in strength for c in e["valueCodeableConcept"]["coding"]]
    if len(codes) != 1 or codes[0] not in STRENGTH_DISPLAY:
        found.append("strength")
    if action["priority"] not in PRIORITY.values():
        found.append("priority")
    conditions = action["condition"]
    if len(conditions) != 1 or conditions[0]["kind"] != "applicability":
        found.append("one applicability condition")
    defined: list[str] = []
    for ext in plan.get("extension", []):
        expr = ext["valueExpression"]
        if ext["url"] != VARIABLE or expr["language"] != fhirpath.LANGUAGE:
            found.append("extension is not a FHIRPath variable")
        unknown = set(_variables_used(expr["expression"])) - set(defined)
        if unknown:
            found.append(f"variable {expr['name']} uses {sorted(unknown)} before defined")
        defined.append(expr["name"])
    expression = conditions[0]["expression"]
    if expression["language"] != fhirpath.LANGUAGE:
        found.append("condition language")
    unknown = set(_variables_used(expression["expression"])) - set(defined)
    if unknown:
        found.append(f"condition uses undefined variables {sorted(unknown)}")
    for expr in [
        expression["expression"],
        *(e["valueExpression"]["expression"] for e in plan.get("extension", [])),
    ]:
        errors = fhirpath.syntax_errors(expr)
        if errors:
            found.append(f"FHIRPath does not parse: {errors[0]}")
    return found


def _variables_used(expression: str) -> list[str]:
    return re.findall(r"%([A-Za-z][A-Za-z0-9]*)", expression)


def applicability(plan: Json) -> tuple[str, tuple[tuple[str, str], ...]]:
    """An exported PlanDefinition's applicability condition and its variables, as written."""
    named = tuple(
        (e["valueExpression"]["name"], e["valueExpression"]["expression"])
        for e in plan.get("extension", [])
        if e["url"] == VARIABLE
    )
    return plan["action"][0]["condition"][0]["expression"]["expression"], named


# --- writing ---------------------------------------------------------------------------------


def file_name(resource: Json) -> str:
    """'PlanDefinition-ng234-R1.3.2-contact-coordinator.json'."""
    return f"{resource['resourceType']}-{resource['id']}.json"


def write(items: Iterable[Json], out_dir: Path) -> list[Path]:
    """Write each resource as pretty JSON into out_dir (created); InvalidInputError if it
    cannot be written."""
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for resource in items:
            path = out_dir / file_name(resource)
            path.write_text(json.dumps(resource, indent=1, ensure_ascii=False) + "\n", "utf-8")
            written.append(path)
    except OSError as exc:
        raise InvalidInputError(
            f"cannot write the FHIR export to {out_dir}: {exc.strerror or exc}",
            hint="Choose a folder you can write to with --output DIR.",
        ) from exc
    return written
