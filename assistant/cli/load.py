"""`ng234 load`: concurrent conversations on one Conversation, and memory (docs/SAFETY.md)."""

from __future__ import annotations

import argparse
import json

from assistant.cli.console import emit, positive_int
from assistant.settings import Settings


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 load`."""
    p = sub.add_parser("load", help="Concurrent conversations on one Conversation, and memory.")
    p.add_argument("--threads", type=positive_int, default=50, help="concurrent threads (50)")
    p.add_argument("--seconds", type=positive_int, default=60, help="duration (60)")
    p.add_argument("--memory-turns", type=int, default=1000, help="one-session turns (0: skip)")
    p.add_argument("--json", action="store_true", help="the figures as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the load test and the memory check; 1 if any turn failed or differed."""
    from assistant.answers.chat import Conversation
    from assistant.evaluation import load

    conversation = Conversation.load(settings)
    report = load.run_load(conversation, threads=args.threads, seconds=args.seconds)
    memory = None
    if args.memory_turns:
        memory = load.memory_check(conversation, turns=args.memory_turns, traced_turns=100)
    if args.json:
        data = {"load": report.as_dict(), "memory": memory.as_dict() if memory else None}
        emit(json.dumps(data, indent=1))
    else:
        command = f"ng234 load --threads {args.threads} --seconds {args.seconds}"
        emit(load.format_markdown(report, memory, command))
    return 0 if report.errors == 0 and report.mismatches == 0 else 1
