"""`ng234 golden check|record`: the golden answers, the behaviour lock (docs/SAFETY.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.console import emit
from assistant.settings import Settings


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 golden` and its actions."""
    p = sub.add_parser("golden", help="Check or re-record the golden answers (behaviour lock).")
    actions = p.add_subparsers(dest="golden_action", metavar="ACTION")
    actions.required = True
    for name, text in (
        ("check", "Exit 1 with a diff if any dev case or dev question now behaves differently."),
        ("record", "Write the current behaviour to the golden file (after reviewing the diff)."),
    ):
        a = actions.add_parser(name, help=text)
        a.add_argument("--file", type=Path, help="golden file (tests/data/golden_answers.jsonl)")
        a.add_argument("--cases", type=Path, help="cases (eval/cases_dev.jsonl)")
        a.add_argument("--questions", type=Path, help="questions (eval/retrieval_dev.jsonl)")
        a.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Compare the current answers with the golden file (1 and a diff if any differ), or record."""
    from assistant.answers.chat import Conversation
    from assistant.evaluation import cases as case_eval
    from assistant.evaluation import golden
    from assistant.evaluation import retrieval as retrieval_eval

    path = args.file or golden.GOLDEN_FILE
    cases = case_eval.load_cases(args.cases or case_eval.DEV_CASES)
    questions = [q.q for q in retrieval_eval.load_dev(args.questions or retrieval_eval.DEV_SET)]
    recorded = golden.load(path) if args.golden_action == "check" else []
    now = golden.current(Conversation.load(settings), cases, questions)
    if args.golden_action == "record":
        golden.write(now, path)
        emit(f"recorded {len(cases)} cases and {len(questions)} questions to {path}")
        return 0
    diff = golden.compare(recorded, now)
    if diff:
        emit("\n".join(diff))
        return 1
    emit(f"golden answers unchanged: {len(cases)} cases and {len(questions)} questions")
    return 0
