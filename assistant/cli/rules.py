"""`ng234 rules [check]`: the NG234 rule tables, and a case evaluated against them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.cli.console import emit
from assistant.settings import Settings


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 rules` and `ng234 rules check`."""
    p = sub.add_parser("rules", help="The NG234 rule tables; `rules check` evaluates a case.")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--markdown", action="store_true", help="the rule book as Markdown")
    fmt.add_argument("--json", action="store_true", help="every rule as JSON")
    p.add_argument("--output", type=Path, help="write the Markdown to this file (docs/RULES.md)")
    p.set_defaults(func=show)
    actions = p.add_subparsers(dest="rules_action", metavar="ACTION")
    check_parser = actions.add_parser("check", help="Evaluate case facts against every rule.")
    source = check_parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--facts", help='JSON object, e.g. \'{"cancer_diagnosis": "yes"}\'')
    source.add_argument("--facts-file", type=Path, help="a file holding that JSON object")
    check_parser.add_argument("--json", action="store_true", help="the evaluation as JSON")
    check_parser.set_defaults(func=check)


def document() -> str:
    """docs/RULES.md: the rule book, what a case rules out, and the order of an answer."""
    from assistant.answers.order import order_markdown
    from assistant.rules import render

    return render.rules_markdown().rstrip("\n") + "\n\n" + order_markdown()


def show(args: argparse.Namespace, settings: Settings) -> int:
    """Print the rule book (a list, Markdown or JSON), or write its Markdown to a file."""
    from assistant.rules import render

    if args.json:
        emit(render.rules_json())
    elif args.output:
        args.output.write_text(document(), encoding="utf-8")
        emit(f"wrote {args.output}")
    elif args.markdown:
        emit(document())
    else:
        emit(render.rules_list())
    return 0


def check(args: argparse.Namespace, settings: Settings) -> int:
    """Evaluate the given case facts against every rule and print the evaluation."""
    from assistant.case import make_case
    from assistant.errors import InvalidInputError
    from assistant.rules import evaluate, render

    try:
        text = args.facts if args.facts is not None else args.facts_file.read_text("utf-8")
        facts = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInputError(f"cannot read the facts: {exc}") from exc
    if not isinstance(facts, dict) or not all(isinstance(v, str) for v in facts.values()):
        raise InvalidInputError(
            'facts must be a JSON object of fact name -> value, e.g. {"limb_weakness": "yes"}'
        )
    evaluation = evaluate(make_case(facts))
    emit(evaluation.model_dump_json(indent=1) if args.json else render.evaluation_text(evaluation))
    return 0
