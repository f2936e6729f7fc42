"""`ng234 ask`: the turns of one conversation, or a file of conversations, answered."""

from __future__ import annotations

import argparse
import json
from datetime import UTC
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
    shape = p.add_mutually_exclusive_group()
    shape.add_argument(
        "--all", action="store_true", help="print the folded groups in full too (text output)"
    )
    shape.add_argument(
        "--handover",
        action="store_true",
        help="a handover of at most 40 lines in SBAR order, to paste into a referral",
    )
    shape.add_argument("--markdown", action="store_true", help="the full cited answer as Markdown")
    p.add_argument(
        "--cases",
        type=Path,
        help='JSONL of {"id": ..., "turns": [...]}: one answer line each; a bad line or a '
        'repeated id gets {"id", "line", "error"} and the rest are still answered (exit 1)',
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the final answer of the conversation, or one JSON line per case of --cases."""
    from assistant.answers import render
    from assistant.answers.chat import Conversation
    from assistant.errors import InvalidInputError
    from assistant.evaluation.cases import read_case_lines

    if args.cases and args.messages:
        raise InvalidInputError("give either MESSAGE arguments or --cases FILE, not both")
    if not args.cases and not args.messages:
        raise InvalidInputError('nothing to ask: try  ng234 ask "known breast ca, new back pain"')
    lines = read_case_lines(args.cases) if args.cases else []
    conversation = Conversation.load(settings)
    if args.cases:
        failed = 0
        for item in lines:
            if item.case is None:
                failed += 1
                row = {"id": item.id, "line": item.line, "error": item.error}
            else:
                answer = conversation.run(item.case.turns)
                row = {"id": item.id, "answer": json.loads(answer.to_json())}
            emit(json.dumps(row, ensure_ascii=False, sort_keys=True))
        if failed:
            emit(
                f"ng234: {failed} of {len(lines)} lines could not be answered (see their error)",
                err=True,
            )
        return 1 if failed else 0
    answer = conversation.run(args.messages)
    if args.json:
        emit(answer.to_json())
    elif args.handover:
        from datetime import datetime

        from assistant.answers.handover import to_handover

        emit(to_handover(answer, at=datetime.now(UTC)).rstrip("\n"))
    elif args.markdown:
        emit(render.to_markdown(answer))
    else:
        emit(render.to_text(answer, full=args.all))
    return 0
