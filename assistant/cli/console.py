"""The terminal side of every subcommand: the handler type, argument types, lines out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from assistant.settings import Settings

#: What `set_defaults(func=...)` names: run the parsed command, return the exit code.
Handler = Callable[[argparse.Namespace, Settings], int]
#: What each subcommand module's `add` is: register its parser(s) on `ng234`'s subparsers.
Register = Callable[[argparse._SubParsersAction], None]


def emit(text: str, *, err: bool = False) -> None:
    """Write one block of output to stdout (or stderr), ending with a newline."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text if text.endswith("\n") else text + "\n")


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value
