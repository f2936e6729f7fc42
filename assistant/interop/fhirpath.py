"""The rule conditions as FHIRPath over a case Bundle, three-valued like the engine.

Unknown is FHIRPath's empty collection. Each fact is a named expression (a FHIR `variable`,
`%limbWeakness`) whose result is its value as a string ('yes', 'confirmed', ...) or empty when
the Bundle does not settle it (no record, or records that disagree), reading records exactly
as `bundle.py` does. A fact condition is then `%fact in ('a' | 'b')`: true, false, or empty
when the value is empty. `and`, `or` and `not()` are FHIRPath's own, and those are Kleene's
three-valued operators with empty as unknown, the engine's logic (assistant/rules/engine.py).
A condition that lists "unknown" among its values (`mscc_suspected`: not yet confirmed or ruled
out) is true on empty. Named definitions are variables too (`%cordRedFlag`), each after the
variables it uses, so a rule's applicability reads like its table row.

`verdict` evaluates a condition with fhirpathpy (R4 model): the variables in order over the
Bundle, then the condition; true / false / empty become 'yes' / 'no' / 'unknown'.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from assistant.case import UNKNOWN, catalogue
from assistant.interop.codes import (
    NOT_CURRENT,
    OBSERVATION_IGNORED,
    SNOMED,
    code_map,
    condition_values,
    fact_values,
    snomed_codes,
)
from assistant.rules.tables import (
    AllOf,
    Condition,
    Definition,
    FactIs,
    Not,
    Ref,
    Rule,
    load_definitions,
    walk,
)

Json = Mapping[str, Any]

LANGUAGE = "text/fhirpath"


def _string(value: str) -> str:
    """A FHIRPath string literal (our codes need no escaping beyond quotes)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _set(values: tuple[str, ...] | list[str]) -> str:
    return "(" + " | ".join(_string(v) for v in values) + ")"


def _mapping(pairs: Mapping[str, str]) -> str:
    """$this mapped through pairs (nested iif), empty when it is none of the keys."""
    expr = "{}"
    for key, value in reversed(list(pairs.items())):
        expr = f"iif($this = {_string(key)}, {_string(value)}, {expr})"
    return expr


@cache
def fact_records(fact: str) -> str:
    """The values a Bundle's records give a fact, each once (bundle.record_values, in FHIRPath)."""
    codes = code_map()
    coded = f"system = {_string(codes.fact_system)} and code = {_string(fact)}"
    snomed = snomed_codes(fact)
    if snomed:
        coded = f"{coded} or system = {_string(SNOMED)} and code in {_set(snomed)}"
    observation = (
        f"resourceType = 'Observation' and status.where($this in {_set(OBSERVATION_IGNORED)})"
        ".empty()"
    )
    condition = (
        "resourceType = 'Condition' and verificationStatus.coding.where(code = "
        "'entered-in-error').empty()"
    )
    if not codes.facts[fact].past_counts:
        condition += f" and clinicalStatus.coding.where(code in {_set(NOT_CURRENT)}).empty()"
    observed = (
        "iif(value.ofType(boolean).exists(), iif(value.ofType(boolean), 'yes', 'no'), "
        f"value.ofType(CodeableConcept).coding.where(system = {_string(codes.value_system)})"
        ".code)"
    )
    status = (
        "iif(verificationStatus.coding.exists(), verificationStatus.coding.code, 'confirmed')"
        f".select({_mapping(condition_values(fact))})"
    )
    return (
        f"Bundle.entry.resource.where(code.coding.where({coded}).exists())"
        f".where(({observation}) or ({condition}))"
        f".select(iif(resourceType = 'Condition', {status}, {observed}))"
        f".where($this in {_set(fact_values(fact))}).distinct()"
    )


@cache
def fact_value(fact: str) -> str:
    """A fact's value: its records' one value, or empty (unknown) if none or they disagree."""
    # One pass over the records: the first value, or '!' once a second one appears (the
    # records are distinct, so a second value is a disagreement), and '!' reads as empty.
    records = fact_records(fact)
    return f"{records}.aggregate(iif($total.empty(), $this, '!')).where($this != '!')"


def variable(name: str) -> str:
    """The variable name of a fact or definition: 'limb_weakness' -> 'limbWeakness' (a FHIR id
    and a FHIRPath identifier; an underscore is neither)."""
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def _fact_is(cond: FactIs) -> str:
    value = f"%{variable(cond.fact)}"
    known = [v for v in cond.is_ if v != UNKNOWN]
    if UNKNOWN not in cond.is_:
        return f"{value} in {_set(known)}"
    if not known:
        return f"{value}.empty()"
    return f"iif({value}.empty(), true, {value} in {_set(known)})"


def expression(cond: Condition | Rule | Definition) -> str:
    """A condition (a rule's, a definition's) in FHIRPath over the fact and definition
    variables (`%limbWeakness`, `%cordRedFlag`): true, false or empty."""
    target = cond if not isinstance(cond, Rule | Definition) else cond.when
    if isinstance(target, FactIs):
        return _fact_is(target)
    if isinstance(target, Ref):
        return f"%{variable(target.def_)}"
    if isinstance(target, Not):
        return f"({expression(target.not_)}).not()"
    parts = target.all_ if isinstance(target, AllOf) else target.any_
    if len(parts) == 1:
        return expression(parts[0])
    joiner = " and " if isinstance(target, AllOf) else " or "
    return joiner.join(f"({expression(p)})" for p in parts)


def variables(
    cond: Condition | Rule, definitions: Mapping[str, Definition] | None = None
) -> list[tuple[str, str]]:
    """The named expressions a condition needs, each after those it uses: every fact it reads
    (over the Bundle), then every definition it uses (over those variables)."""
    defs = load_definitions() if definitions is None else definitions
    target = cond.when if isinstance(cond, Rule) else cond
    facts: list[str] = []
    ordered: list[str] = []

    def visit(node: Condition) -> None:
        for sub in walk(node):
            if isinstance(sub, FactIs) and sub.fact not in facts:
                facts.append(sub.fact)
            elif isinstance(sub, Ref) and sub.def_ not in ordered:
                visit(defs[sub.def_].when)
                ordered.append(sub.def_)

    visit(target)
    order = list(catalogue())
    return [(variable(f), fact_value(f)) for f in sorted(facts, key=order.index)] + [
        (variable(d), expression(defs[d])) for d in ordered
    ]


@cache
def syntax_errors(expr: str) -> tuple[str, ...]:
    """FHIRPath syntax errors in an expression (none: ()): fhirpathpy's own grammar, strict.

    fhirpathpy recovers from a syntax error and compiles what it could read, so an export is
    checked with the same generated parser, failing on any error and on unread input."""
    from antlr4 import CommonTokenStream, InputStream
    from antlr4.error.ErrorListener import ErrorListener
    from fhirpathpy.parser.generated.FHIRPathLexer import FHIRPathLexer
    from fhirpathpy.parser.generated.FHIRPathParser import FHIRPathParser

    errors: list[str] = []

    class Collect(ErrorListener):
        def syntaxError(self, recognizer, offending, line, column, msg, e):  # noqa: N802
            errors.append(f"column {column}: {msg}")

    lexer = FHIRPathLexer(InputStream(expr))
    lexer.removeErrorListeners()
    lexer.addErrorListener(Collect())
    parser = FHIRPathParser(CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(Collect())
    parser.entireExpression()
    return tuple(errors)


@cache
def compiled(expr: str):
    """An expression parsed once (fhirpathpy, R4 model): a function of (resource, variables)."""
    from fhirpathpy import compile as fhirpath_compile
    from fhirpathpy.models import models

    return fhirpath_compile(expr, models["r4"])


def evaluate(expr: str, resource: Json) -> list[Any]:
    """The FHIRPath result (a collection) of an expression over a resource (fhirpathpy, R4)."""
    return compiled(expr)(dict(resource))


def verdict(
    condition: str, named: list[tuple[str, str]] | tuple[tuple[str, str], ...], bundle: Json
) -> str:
    """A condition's three-valued result over a Bundle: its variables evaluated in order on the
    Bundle, then the condition over them: true, false, empty -> 'yes', 'no', 'unknown'."""
    env: dict[str, list[Any]] = {}
    for name, expr in named:
        env[name] = compiled(expr)(dict(bundle), dict(env))
    result = compiled(condition)(dict(bundle), env)
    if result == []:
        return UNKNOWN
    if result in ([True], [False]):
        return "yes" if result[0] else "no"
    raise ValueError(f"a condition gave {result!r}, not a boolean or empty")


def value_of(fact: str, bundle: Json) -> str:
    """A fact's value read by its FHIRPath expression ('unknown' if empty)."""
    if fact not in catalogue():
        raise KeyError(fact)
    result = evaluate(fact_value(fact), bundle)
    return result[0] if result else UNKNOWN
