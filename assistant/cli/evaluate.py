"""`ng234 eval TARGET` and `ng234 bench`: accuracy on the dev sets, and the benchmarks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.cli import sets
from assistant.cli.console import Register, emit
from assistant.settings import Settings


def _add_retrieval(targets: argparse._SubParsersAction) -> None:
    p = targets.add_parser("retrieval", help="hit@k and MRR of dense, BM25 and hybrid search.")
    p.add_argument("--file", type=Path, default=None, help="dev set (eval/retrieval_dev.jsonl)")
    p.add_argument("--json", action="store_true", help="the report as JSON")
    p.set_defaults(func=retrieval)


def retrieval(args: argparse.Namespace, settings: Settings) -> int:
    """Print hit@k and MRR of each search mode on the retrieval dev set."""
    from assistant.evaluation import retrieval as retrieval_eval
    from assistant.search.retrieval import Retriever

    questions = retrieval_eval.load_dev(args.file or retrieval_eval.DEV_SET)
    report = retrieval_eval.evaluate(Retriever.load(settings), questions)
    emit(report.model_dump_json(indent=1) if args.json else retrieval_eval.format_report(report))
    return 0


def _add_cases(targets: argparse._SubParsersAction) -> None:
    p = targets.add_parser("cases", help="How many free-text conversation cases are fully right.")
    p.add_argument("--file", type=Path, default=None, help="cases (eval/cases_dev.jsonl)")
    p.add_argument("--json", action="store_true", help="the report as JSON")
    p.add_argument("--explain", action="store_true", help="facts and rule states of failures")
    p.add_argument("--id", action="append", help="only these case ids")
    p.set_defaults(func=cases)


def cases(args: argparse.Namespace, settings: Settings) -> int:
    """Print how many conversation cases are fully right, and the failures; 1 if any fails."""
    from assistant.answers.chat import Conversation
    from assistant.evaluation import cases as case_eval

    dev_cases = case_eval.load_cases(args.file or case_eval.DEV_CASES)
    if args.id:
        dev_cases = [c for c in dev_cases if c.id in set(args.id)]
    conversation = Conversation.load(settings)
    answers = [conversation.run(c.turns) for c in dev_cases]
    results = [case_eval.score(c, a) for c, a in zip(dev_cases, answers, strict=True)]
    report = case_eval.summarise(results)
    if args.json:
        emit(json.dumps(report, ensure_ascii=False, sort_keys=True))
        return 0 if report["fully_right"] == report["cases"] else 1
    emit(f"{report['fully_right']}/{report['cases']} cases fully right")
    for case, answer, result in zip(dev_cases, answers, results, strict=True):
        if result.ok:
            continue
        if args.explain:
            emit("\n".join(case_eval.explain(case, answer, result)))
        else:
            detail = result.model_dump(exclude={"id", "ok"}, exclude_defaults=True)
            emit(f"  FAIL {case.id}: {json.dumps(detail)}")
    return 0 if report["fully_right"] == report["cases"] else 1


#: Each entry adds one `ng234 eval TARGET`; append yours (e.g. conversation cases) here.
EVAL_TARGETS: list[Register] = [_add_retrieval, _add_cases, *sets.ADDERS]


def _add_eval(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="Evaluate against a dev set.")
    targets = p.add_subparsers(dest="eval_target", metavar="TARGET")
    targets.required = True
    for add_target in EVAL_TARGETS:
        add_target(targets)


def _add_bench(sub: argparse._SubParsersAction) -> None:
    from assistant.evaluation.bench import BENCHMARKS

    p = sub.add_parser("bench", help="Measure index build, cold start, latency and memory.")
    p.add_argument("--json", action="store_true", help="the figures as JSON")
    p.add_argument("--markdown", action="store_true", help="the figures as a Markdown section")
    p.add_argument(
        "--only", action="append", choices=[b.name for b in BENCHMARKS], help="run only these"
    )
    p.set_defaults(func=bench)


def bench(args: argparse.Namespace, settings: Settings) -> int:
    """Run the benchmarks and print the figures (text, JSON or Markdown)."""
    from assistant.evaluation import bench as benchmarks

    report = benchmarks.run(settings, only=args.only)
    if args.json:
        emit(json.dumps(report, indent=1))
    elif args.markdown:
        emit(benchmarks.format_markdown(report))
    else:
        emit(benchmarks.format_text(report))
    return 0


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 eval` (with its targets) and `ng234 bench`."""
    _add_eval(sub)
    _add_bench(sub)
