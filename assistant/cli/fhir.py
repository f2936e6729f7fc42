"""`ng234 fhir export --output DIR`: the rules as FHIR PlanDefinitions, the code map as
CodeSystems and a ConceptMap, each validated before it is written (docs/INTEROP.md)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from assistant.cli.console import emit
from assistant.settings import Settings


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 fhir export`."""
    p = sub.add_parser("fhir", help="Export the rules and the code map as FHIR resources.")
    actions = p.add_subparsers(dest="fhir_action", metavar="ACTION")
    actions.required = True
    export = actions.add_parser(
        "export",
        help="Write every rule as a PlanDefinition (FHIRPath applicability) and the "
        "code map as CodeSystems and a ConceptMap, one JSON file each.",
    )
    export.add_argument("--output", type=Path, required=True, metavar="DIR", help="folder")
    export.set_defaults(func=export_resources)


def export_resources(args: argparse.Namespace, settings: Settings) -> int:
    """Build, validate (fhir.resources R4B and our own checks) and write; 1 if any is invalid."""
    from assistant.guideline import corpus
    from assistant.interop import plandefinition

    passages = corpus.by_id(corpus.load(settings.corpus_path))
    items = plandefinition.resources(passages)
    problems = [p for item in items for p in plandefinition.problems(item, passages)]
    if problems:
        sys.stderr.write("\n".join(f"ng234: {p}" for p in problems) + "\n")
        sys.stderr.write("ng234: nothing written; the export failed validation\n")
        return 1
    written = plandefinition.write(items, args.output)
    kinds = Counter(item["resourceType"] for item in items)
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    emit(f"wrote {len(written)} valid resources to {args.output} ({counts})")
    return 0
