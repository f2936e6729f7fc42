"""The command line, `ng234 …` or `python -m assistant …`: public, so add, don't rename."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from assistant import corpus
from assistant.errors import AssistantError
from assistant.settings import Settings, get_settings

Handler = Callable[[argparse.Namespace, Settings], int]


def _emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# --- corpus ---------------------------------------------------------------------------------


def _add_corpus(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus", help="Print the parsed NG234 passages.")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="every passage as a JSON list")
    group.add_argument("--id", help="one passage as text, e.g. 1.8.1 or box-1")
    p.set_defaults(handler=_cmd_corpus)


def _cmd_corpus(args: argparse.Namespace, settings: Settings) -> int:
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
        _emit("\n".join(lines))
    elif args.json:
        data = [p.model_dump(mode="json") for p in passages]
        _emit(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        for p in passages:
            first = p.text.splitlines()[0]
            _emit(f"{p.id:<28} {p.kind:<14} {first[:90]}")
    return 0


# --- parser ---------------------------------------------------------------------------------

#: Each entry adds one subcommand; modules that own a concept register theirs here.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_corpus]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="ng234",
        description="NICE NG234 assistant: deterministic rules with verbatim citations.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; expected failures print a clear message and return a non-zero code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args, get_settings())
    except AssistantError as exc:
        sys.stderr.write(f"ng234: {exc.user_message()}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("ng234: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
