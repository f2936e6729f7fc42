"""`ng234 ask`: the turns of one conversation, or a file of conversations, answered."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.cli.console import emit
from assistant.settings import Settings


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 ask`."""
    p = sub.add_parser(
        "ask", help="Ask about a case or NG234; the messages are the turns of one conversation."
    )
    p.add_argument("messages", nargs="*", metavar="MESSAGE", help="one or more turns")
    p.add_argument("--json", action="store_true", help="the final answer as JSON")
    p.add_argument(
        "--cases", type=Path, help='JSONL of {"id": ..., "turns": [...]}: one answer line each'
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the final answer of the conversation, or one JSON line per case of --cases."""
    from assistant.answers import render
    from assistant.answers.chat import Conversation
    from assistant.errors import InvalidInputError
    from assistant.evaluation.cases import load_cases

    if args.cases and args.messages:
        raise InvalidInputError("give either MESSAGE arguments or --cases FILE, not both")
    if not args.cases and not args.messages:
        raise InvalidInputError('nothing to ask: try  ng234 ask "known breast ca, new back pain"')
    cases = load_cases(args.cases) if args.cases else []
    conversation = Conversation.load(settings)
    if args.cases:
        for case in cases:
            answer = conversation.run(case.turns)
            emit(
                json.dumps(
                    {"id": case.id, "answer": json.loads(answer.to_json())},
                    ensure_ascii=False,
                    sort_keys=True,
                )
            )
        return 0
    answer = conversation.run(args.messages)
    emit(answer.to_json() if args.json else render.to_text(answer))
    return 0
