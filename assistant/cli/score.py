"""`ng234 score sins|tokuhashi`: SINS or revised Tokuhashi (NG234 1.9); gaps are reported."""

from __future__ import annotations

import argparse
import json

from assistant.cli.console import emit
from assistant.settings import Settings


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 score` with one subcommand per score, one option per component."""
    from assistant.rules.scores import SINS_POINTS, TOKUHASHI_POINTS

    p = sub.add_parser("score", help="SINS or revised Tokuhashi (NG234 1.9); gaps are reported.")
    kinds = p.add_subparsers(dest="score_kind", metavar="SCORE")
    kinds.required = True
    for name, table, extra in (
        ("sins", SINS_POINTS, ("level", "spinal level, e.g. T12 (gives the location)")),
        ("tokuhashi", TOKUHASHI_POINTS, ("kps", "Karnofsky score 10-100 (gives condition)")),
    ):
        k = kinds.add_parser(name, help=f"the {name} score from its components")
        for part, points in table.items():
            options = ", ".join(f"{value} ({n})" for value, n in points.items())
            k.add_argument(f"--{part.replace('_', '-')}", dest=part, metavar="VALUE", help=options)
        k.add_argument(f"--{extra[0]}", dest=extra[0], metavar="VALUE", help=extra[1])
        k.add_argument("--json", action="store_true", help="the result as JSON")
        k.set_defaults(func=run, score_parts=(*table, extra[0]))


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Score the given components and print the result (with its facts, as JSON)."""
    from assistant.rules import scores

    given = {part: getattr(args, part) for part in args.score_parts}
    values = {part: value for part, value in given.items() if value is not None}
    score = scores.score_sins if args.score_kind == "sins" else scores.score_tokuhashi
    result = score(values)
    if args.json:
        payload = {**result.model_dump(mode="json"), "facts": scores.facts_from_score(result)}
        emit(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        emit(scores.score_text(result))
    return 0
