"""NG234 as rules: one data table per section, a pure three-valued engine, plain-words rendering.

Use: `evaluate(make_case({"cancer_diagnosis": "yes", "limb_weakness": "yes"}))` returns what
applies (most urgent first, each with its trace), what is undetermined, what to ask, and any
contradictory facts.
"""

from assistant.rules.engine import (
    Conflict,
    Evaluation,
    Outcome,
    Question,
    RuleHit,
    check,
    describe,
    evaluate,
)
from assistant.rules.tables import (
    ConflictSpec,
    Definition,
    Rule,
    RuleTable,
    load_conflicts,
    load_definitions,
    load_rulebook,
    load_rules,
    rule_by_id,
    rules_citing,
)

__all__ = [
    "Conflict",
    "ConflictSpec",
    "Definition",
    "Evaluation",
    "Outcome",
    "Question",
    "Rule",
    "RuleHit",
    "RuleTable",
    "check",
    "describe",
    "evaluate",
    "load_conflicts",
    "load_definitions",
    "load_rulebook",
    "load_rules",
    "rule_by_id",
    "rules_citing",
]
