"""The `ng234` command: the parser with every subcommand, and `main` with its error handling."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from assistant.cli import (
    ask,
    corpus,
    evaluate,
    fhir,
    golden,
    hooks,
    index,
    load,
    rules,
    score,
    search,
    verify,
)
from assistant.cli.console import Register
from assistant.errors import AssistantError
from assistant.settings import get_settings

#: Each entry adds its subcommand(s), in the order `ng234 --help` lists them; add, don't rename.
SUBCOMMANDS: list[Register] = [
    corpus.add,
    index.add,
    search.add,
    evaluate.add,  # eval, bench
    rules.add,
    score.add,
    ask.add,
    golden.add,
    load.add,
    verify.add,
    fhir.add,
    hooks.add,
]


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
        return args.func(args, get_settings())
    except AssistantError as exc:
        sys.stderr.write(f"ng234: {exc.user_message()}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("ng234: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
