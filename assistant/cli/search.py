"""`ng234 search`: search NG234 passages (hybrid dense + BM25)."""

from __future__ import annotations

import argparse
import json
import sys

from assistant.cli.console import emit, positive_int
from assistant.settings import Settings


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 search`."""
    p = sub.add_parser("search", help="Search NG234 passages (hybrid dense + BM25).")
    p.add_argument("queries", nargs="+", metavar="QUERY", help="one or more questions")
    p.add_argument("--k", type=positive_int, default=5, help="passages per query (default 5)")
    p.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid")
    p.add_argument("--json", action="store_true", help="one JSON line per query")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the top passages for each query (or one JSON line per query)."""
    from assistant.search.retrieval import Retriever

    retriever = Retriever.load(settings)
    for query in args.queries:
        result = retriever.search(query, k=args.k, mode=args.mode)
        for notice in result.notices:
            sys.stderr.write(f"ng234: {notice}\n")
        if args.json:
            hits = [h.model_dump(mode="json") for h in result.hits]
            emit(json.dumps({"query": result.query, "hits": hits}, ensure_ascii=False))
            continue
        emit(f"{result.query}  (top similarity {result.top_similarity:.3f})")
        for n, hit in enumerate(result.hits, start=1):
            first = retriever.by_id[hit.id].text.splitlines()[0]
            emit(f"{n:>3}. {hit.id:<26} {hit.kind:<14} {hit.score:>9.6f}  {first[:80]}")
    return 0
