"""`ng234 verify`: the index (its manifest) and the model files (pip RECORD) are intact."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.console import emit
from assistant.settings import Settings


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 verify`."""
    p = sub.add_parser("verify", help="Check the index (manifest) and model files (pip RECORD).")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Exit 0 if the index and the model files check out, else list the problems and exit 1."""
    from assistant.search import index as search_index
    from assistant.search import integrity

    status = search_index.check(settings)
    problems = [] if status.ok else [status.message]
    problems += integrity.verify_model_package(settings.model_package)
    for problem in problems:
        sys.stderr.write(f"ng234: {problem}\n")
    if problems:
        sys.stderr.write("Reinstall with the README's command and run `ng234 index build`.\n")
        return 1
    emit(f"{status.message}; model files match their installed hashes")
    return 0
