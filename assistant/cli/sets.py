"""`ng234 eval redflags|scope|followups`: the blind red-flag, scope and follow-up sets.

Each prints its summary (or `--json`, the whole report with every miss). `redflags` exits 1
when any stated red flag was recorded absent: that is a safety invariant, not a score.
`--skip-invalid` scores a set's valid lines and lists the invalid ones (`skipped_invalid`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.cli.console import emit
from assistant.settings import Settings

#: target name -> (evaluation module, help, row model attribute)
SETS = {
    "redflags": (
        "redflag_set",
        "Stated red flags read, asked or lost (adversarial inputs).",
        "RedFlagInput",
    ),
    "scope": ("scope_set", "Out-of-scope refused, in-scope answered.", "ScopeInput"),
    "followups": (
        "followup_set",
        "Multi-turn follow-ups: turn kinds, facts, citations.",
        "FollowUpConversation",
    ),
}


def _adder(name: str):
    module, text, _ = SETS[name]

    def add(targets: argparse._SubParsersAction) -> None:
        p = targets.add_parser(name, help=text)
        p.add_argument("--file", type=Path, default=None, help=f"the set (default: {module})")
        p.add_argument("--json", action="store_true", help="the whole report as JSON")
        p.add_argument(
            "--skip-invalid",
            action="store_true",
            help="score the valid lines and list the invalid ones (a sealed set is never "
            "edited); without it an invalid line stops the run",
        )
        p.set_defaults(func=run, eval_set=name)

    return add


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Score one blind set and print the summary."""
    import importlib

    from assistant.answers.conversation import Conversation
    from assistant.evaluation.jsonl import load_rows, load_valid_rows

    module_name, _, model_name = SETS[args.eval_set]
    module = importlib.import_module(f"assistant.evaluation.{module_name}")
    path, model = args.file or module.DEFAULT_FILE, getattr(module, model_name)
    skipped: list[str] = []
    if getattr(args, "skip_invalid", False):
        rows, skipped = load_valid_rows(path, model, "input")
    else:
        rows = load_rows(path, model, "input")
    report = module.summarise(module.run(Conversation.load(settings), rows))
    if skipped:
        report["skipped_invalid"] = skipped
    if args.json:
        emit(json.dumps(report, ensure_ascii=False, sort_keys=True, indent=1))
    else:
        for key, value in report.items():
            if isinstance(value, list):
                value = f"{len(value)} (see --json)"
            emit(f"{key}: {value}")
    return 1 if report.get("recorded_absent") else 0


def _add_order(targets: argparse._SubParsersAction) -> None:
    p = targets.add_parser(
        "order",
        help="Answer order (#14): cases whose expected rows all lead (first 6), rows shown.",
    )
    p.add_argument(
        "--file",
        type=Path,
        action="append",
        default=None,
        help="a conversation-case file (repeatable; default: every eval/cases_*.jsonl)",
    )
    p.add_argument("--json", action="store_true", help="the whole report as JSON")
    p.set_defaults(func=run_order)


def run_order(args: argparse.Namespace, settings: Settings) -> int:
    """Score the order of the answers to conversation cases and print the summary."""
    from assistant.answers.conversation import Conversation
    from assistant.evaluation import order_set

    files = args.file or list(order_set.DEFAULT_FILES)
    report = order_set.summarise(order_set.run(Conversation.load(settings), files))
    if args.json:
        emit(json.dumps(report, ensure_ascii=False, sort_keys=True, indent=1))
        return 0
    for key in (
        "top",
        "cases",
        "led_right",
        "share",
        "fully_right",
        "led_right_of_fully_right",
        "share_of_fully_right",
        "median_shown_rows",
    ):
        emit(f"{key}: {report[key]}")
    emit(f"median_last_expected_position: {report['median_last_expected_position']}")
    for name, figures in report["per_file"].items():  # type: ignore[union-attr]
        emit(
            f"  {name}: {figures['led_right']}/{figures['cases']} led right "
            f"({figures['led_right_of_fully_right']}/{figures['fully_right']} of fully right), "
            f"median {figures['median_shown_rows']} rows shown"
        )
    emit(f"misses: {len(report['misses'])} (see --json)")  # type: ignore[arg-type]
    return 0


ADDERS = [*(_adder(name) for name in SETS), _add_order]
