"""`ng234 index build|check`: build or check the search index (index/)."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.console import emit
from assistant.settings import Settings


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 index` and its actions."""
    p = sub.add_parser("index", help="Build or check the search index (index/).")
    actions = p.add_subparsers(dest="index_action", metavar="ACTION")
    actions.required = True
    build_parser = actions.add_parser("build", help="Embed every passage and write index/.")
    build_parser.add_argument(
        "--if-needed", action="store_true", help="only if `ng234 index check` would fail"
    )
    build_parser.set_defaults(func=build)
    check_parser = actions.add_parser(
        "check", help="Exit 0 if index/ is current and intact, else 1."
    )
    check_parser.set_defaults(func=check)


def build(args: argparse.Namespace, settings: Settings) -> int:
    """Embed every passage and write the index (only if needed with --if-needed)."""
    from assistant.search import embedding
    from assistant.search import index as search_index

    if args.if_needed:
        status = search_index.check(settings)
        if status.ok:
            emit(f"{status.message} (not rebuilt)")
            return 0
        emit(f"rebuilding: {status.message}")
    manifest = search_index.build(settings, embedding.load_encoder(settings))
    emit(
        f"built {settings.index_dir}: {manifest.passage_count} passages, "
        f"{manifest.dimension}-d, in {manifest.build_seconds:.1f} s"
    )
    return 0


def check(args: argparse.Namespace, settings: Settings) -> int:
    """Exit 0 if the index is current and intact, else say how to rebuild it and exit 1."""
    from assistant.search import index as search_index

    status = search_index.check(settings)
    if status.ok:
        emit(status.message)
        return 0
    sys.stderr.write(f"ng234: {status.message}\nRun `ng234 index build` to rebuild it.\n")
    return 1
