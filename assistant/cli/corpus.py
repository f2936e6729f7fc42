"""`ng234 corpus`: print the parsed NG234 passages."""

from __future__ import annotations

import argparse
import json

from assistant.cli.console import emit
from assistant.guideline import corpus
from assistant.settings import Settings


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 corpus`."""
    p = sub.add_parser("corpus", help="Print the parsed NG234 passages.")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="every passage as a JSON list")
    group.add_argument("--id", help="one passage as text, e.g. 1.8.1 or box-1")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print every passage (a list or JSON), or one passage as text."""
    passages = corpus.load(settings.corpus_path)
    if args.id:
        passage = corpus.get(passages, args.id)
        lines = [f"{passage.title} ({passage.kind})"]
        if passage.section:
            lines.append(f"Section {passage.section} {passage.section_title or ''}".rstrip())
        if passage.heading and passage.kind != "box":
            lines.append(passage.heading)
        if passage.strength:
            lines.append(f"Strength: {passage.strength}; year: {passage.year}")
        lines += ["", passage.text]
        if passage.rationale_id:
            lines += ["", f"Rationale: {passage.rationale_id}"]
        if passage.evidence_review:
            lines.append(f"Evidence review: {passage.evidence_review}")
        emit("\n".join(lines))
    elif args.json:
        data = [p.model_dump(mode="json") for p in passages]
        emit(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        for p in passages:
            first = p.text.splitlines()[0]
            emit(f"{p.id:<28} {p.kind:<14} {first[:90]}")
    return 0
