"""The command line, `ng234 …` or `python -m assistant …`: public, so add, don't rename."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.errors import AssistantError
from assistant.guideline import corpus
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


# --- search index, search, retrieval evaluation, benchmark ----------------------------------


def _add_index(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("index", help="Build or check the search index (index/).")
    actions = p.add_subparsers(dest="index_action", metavar="ACTION")
    actions.required = True
    build = actions.add_parser("build", help="Embed every passage and write index/.")
    build.add_argument(
        "--if-needed", action="store_true", help="only if `ng234 index check` would fail"
    )
    build.set_defaults(handler=_cmd_index_build)
    check = actions.add_parser("check", help="Exit 0 if index/ is current and intact, else 1.")
    check.set_defaults(handler=_cmd_index_check)


def _cmd_index_build(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.search import embedding
    from assistant.search import index as search_index

    if args.if_needed:
        status = search_index.check(settings)
        if status.ok:
            _emit(f"{status.message} (not rebuilt)")
            return 0
        _emit(f"rebuilding: {status.message}")
    manifest = search_index.build(settings, embedding.load_encoder(settings))
    _emit(
        f"built {settings.index_dir}: {manifest.passage_count} passages, "
        f"{manifest.dimension}-d, in {manifest.build_seconds:.1f} s"
    )
    return 0


def _cmd_index_check(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.search import index as search_index

    status = search_index.check(settings)
    if status.ok:
        _emit(status.message)
        return 0
    sys.stderr.write(f"ng234: {status.message}\nRun `ng234 index build` to rebuild it.\n")
    return 1


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def _add_search(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="Search NG234 passages (hybrid dense + BM25).")
    p.add_argument("queries", nargs="+", metavar="QUERY", help="one or more questions")
    p.add_argument("--k", type=_positive_int, default=5, help="passages per query (default 5)")
    p.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid")
    p.add_argument("--json", action="store_true", help="one JSON line per query")
    p.set_defaults(handler=_cmd_search)


def _cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.search.retrieval import Retriever

    retriever = Retriever.load(settings)
    for query in args.queries:
        result = retriever.search(query, k=args.k, mode=args.mode)
        for notice in result.notices:
            sys.stderr.write(f"ng234: {notice}\n")
        if args.json:
            hits = [h.model_dump(mode="json") for h in result.hits]
            _emit(json.dumps({"query": result.query, "hits": hits}, ensure_ascii=False))
            continue
        _emit(f"{result.query}  (top similarity {result.top_similarity:.3f})")
        for n, hit in enumerate(result.hits, start=1):
            first = retriever.by_id[hit.id].text.splitlines()[0]
            _emit(f"{n:>3}. {hit.id:<26} {hit.kind:<14} {hit.score:>9.6f}  {first[:80]}")
    return 0


def _add_eval_retrieval(targets: argparse._SubParsersAction) -> None:
    p = targets.add_parser("retrieval", help="hit@k and MRR of dense, BM25 and hybrid search.")
    p.add_argument("--file", type=Path, default=None, help="dev set (eval/retrieval_dev.jsonl)")
    p.add_argument("--json", action="store_true", help="the report as JSON")
    p.set_defaults(handler=_cmd_eval_retrieval)


def _cmd_eval_retrieval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluation import retrieval as retrieval_eval
    from assistant.search.retrieval import Retriever

    questions = retrieval_eval.load_dev(args.file or retrieval_eval.DEV_SET)
    report = retrieval_eval.evaluate(Retriever.load(settings), questions)
    _emit(report.model_dump_json(indent=1) if args.json else retrieval_eval.format_report(report))
    return 0


#: Each entry adds one `ng234 eval TARGET`; append yours (e.g. conversation cases) here.
def _add_eval_cases(targets: argparse._SubParsersAction) -> None:
    p = targets.add_parser("cases", help="How many free-text conversation cases are fully right.")
    p.add_argument("--file", type=Path, default=None, help="cases (eval/cases_dev.jsonl)")
    p.add_argument("--json", action="store_true", help="the report as JSON")
    p.add_argument("--explain", action="store_true", help="facts and rule states of failures")
    p.add_argument("--id", action="append", help="only these case ids")
    p.set_defaults(handler=_cmd_eval_cases)


def _cmd_eval_cases(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.answers.chat import Conversation
    from assistant.evaluation import cases as case_eval

    cases = case_eval.load_cases(args.file or case_eval.DEV_CASES)
    if args.id:
        cases = [c for c in cases if c.id in set(args.id)]
    conversation = Conversation.load(settings)
    answers = [conversation.run(c.turns) for c in cases]
    results = [case_eval.score(c, a) for c, a in zip(cases, answers, strict=True)]
    report = case_eval.summarise(results)
    if args.json:
        _emit(json.dumps(report, ensure_ascii=False, sort_keys=True))
        return 0 if report["fully_right"] == report["cases"] else 1
    _emit(f"{report['fully_right']}/{report['cases']} cases fully right")
    for case, answer, result in zip(cases, answers, results, strict=True):
        if result.ok:
            continue
        if args.explain:
            _emit("\n".join(case_eval.explain(case, answer, result)))
        else:
            detail = result.model_dump(exclude={"id", "ok"}, exclude_defaults=True)
            _emit(f"  FAIL {case.id}: {json.dumps(detail)}")
    return 0 if report["fully_right"] == report["cases"] else 1


EVAL_TARGETS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_eval_retrieval,
    _add_eval_cases,
]


def _add_eval(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="Evaluate against a dev set.")
    targets = p.add_subparsers(dest="eval_target", metavar="TARGET")
    targets.required = True
    for add in EVAL_TARGETS:
        add(targets)


def _add_bench(sub: argparse._SubParsersAction) -> None:
    from assistant.evaluation.bench import BENCHMARKS

    p = sub.add_parser("bench", help="Measure index build, cold start, latency and memory.")
    p.add_argument("--json", action="store_true", help="the figures as JSON")
    p.add_argument("--markdown", action="store_true", help="the figures as a Markdown section")
    p.add_argument(
        "--only", action="append", choices=[b.name for b in BENCHMARKS], help="run only these"
    )
    p.set_defaults(handler=_cmd_bench)


def _cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluation import bench

    report = bench.run(settings, only=args.only)
    if args.json:
        _emit(json.dumps(report, indent=1))
    elif args.markdown:
        _emit(bench.format_markdown(report))
    else:
        _emit(bench.format_text(report))
    return 0


# --- rules and scores -----------------------------------------------------------------------


def _add_rules(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="The NG234 rule tables; `rules check` evaluates a case.")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--markdown", action="store_true", help="the rule book as Markdown")
    fmt.add_argument("--json", action="store_true", help="every rule as JSON")
    p.add_argument("--output", type=Path, help="write the Markdown to this file (docs/RULES.md)")
    p.set_defaults(handler=_cmd_rules)
    actions = p.add_subparsers(dest="rules_action", metavar="ACTION")
    check = actions.add_parser("check", help="Evaluate case facts against every rule.")
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument("--facts", help='JSON object, e.g. \'{"cancer_diagnosis": "yes"}\'')
    source.add_argument("--facts-file", type=Path, help="a file holding that JSON object")
    check.add_argument("--json", action="store_true", help="the evaluation as JSON")
    check.set_defaults(handler=_cmd_rules_check)


def _cmd_rules(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.rules import render

    if args.json:
        _emit(render.rules_json())
    elif args.output:
        args.output.write_text(render.rules_markdown(), encoding="utf-8")
        _emit(f"wrote {args.output}")
    elif args.markdown:
        _emit(render.rules_markdown())
    else:
        _emit(render.rules_list())
    return 0


def _cmd_rules_check(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.case import make_case
    from assistant.errors import InvalidInputError
    from assistant.rules import evaluate, render

    try:
        text = args.facts if args.facts is not None else args.facts_file.read_text("utf-8")
        facts = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInputError(f"cannot read the facts: {exc}") from exc
    if not isinstance(facts, dict) or not all(isinstance(v, str) for v in facts.values()):
        raise InvalidInputError(
            'facts must be a JSON object of fact name -> value, e.g. {"limb_weakness": "yes"}'
        )
    evaluation = evaluate(make_case(facts))
    _emit(evaluation.model_dump_json(indent=1) if args.json else render.evaluation_text(evaluation))
    return 0


def _add_score(sub: argparse._SubParsersAction) -> None:
    from assistant.rules.scores import SINS_POINTS, TOKUHASHI_POINTS

    p = sub.add_parser("score", help="SINS or revised Tokuhashi (NG234 1.9); gaps are reported.")
    kinds = p.add_subparsers(dest="score_kind", metavar="SCORE")
    kinds.required = True
    for name, table, extra in (
        ("sins", SINS_POINTS, ("level", "spinal level, e.g. T12 (gives the location)")),
        ("tokuhashi", TOKUHASHI_POINTS, ("kps", "Karnofsky score 10-100 (gives condition)")),
    ):
        k = kinds.add_parser(name, help=f"the {name} score from its components")
        for part, points in table.items():
            options = ", ".join(f"{value} ({n})" for value, n in points.items())
            k.add_argument(f"--{part.replace('_', '-')}", dest=part, metavar="VALUE", help=options)
        k.add_argument(f"--{extra[0]}", dest=extra[0], metavar="VALUE", help=extra[1])
        k.add_argument("--json", action="store_true", help="the result as JSON")
        k.set_defaults(handler=_cmd_score, score_parts=(*table, extra[0]))


def _cmd_score(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.rules import scores

    given = {part: getattr(args, part) for part in args.score_parts}
    values = {part: value for part, value in given.items() if value is not None}
    score = scores.score_sins if args.score_kind == "sins" else scores.score_tokuhashi
    result = score(values)
    if args.json:
        payload = {**result.model_dump(mode="json"), "facts": scores.facts_from_score(result)}
        _emit(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        _emit(scores.score_text(result))
    return 0


# --- parser ---------------------------------------------------------------------------------

#: Each entry adds one subcommand; modules that own a concept register theirs here.
# --- ask ------------------------------------------------------------------------------------------


def _add_ask(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ask", help="Ask about a case or NG234; the messages are the turns of one conversation."
    )
    p.add_argument("messages", nargs="*", metavar="MESSAGE", help="one or more turns")
    p.add_argument("--json", action="store_true", help="the final answer as JSON")
    p.add_argument(
        "--cases", type=Path, help='JSONL of {"id": ..., "turns": [...]}: one answer line each'
    )
    p.set_defaults(handler=_cmd_ask)


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.answers import render
    from assistant.answers.chat import Conversation
    from assistant.errors import InvalidInputError
    from assistant.evaluation.cases import load_cases

    if args.cases and args.messages:
        raise InvalidInputError("give either MESSAGE arguments or --cases FILE, not both")
    if not args.cases and not args.messages:
        raise InvalidInputError('nothing to ask: try  ng234 ask "known breast ca, new back pain"')
    cases = load_cases(args.cases) if args.cases else []
    conversation = Conversation.load(settings)
    if args.cases:
        for case in cases:
            answer = conversation.run(case.turns)
            _emit(
                json.dumps(
                    {"id": case.id, "answer": json.loads(answer.to_json())},
                    ensure_ascii=False,
                    sort_keys=True,
                )
            )
        return 0
    answer = conversation.run(args.messages)
    _emit(answer.to_json() if args.json else render.to_text(answer))
    return 0


# --- golden answers and load (docs/SAFETY.md) ------------------------------------------------


def _add_golden(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("golden", help="Check or re-record the golden answers (behaviour lock).")
    actions = p.add_subparsers(dest="golden_action", metavar="ACTION")
    actions.required = True
    for name, text in (
        ("check", "Exit 1 with a diff if any dev case or dev question now behaves differently."),
        ("record", "Write the current behaviour to the golden file (after reviewing the diff)."),
    ):
        a = actions.add_parser(name, help=text)
        a.add_argument("--file", type=Path, help="golden file (tests/data/golden_answers.jsonl)")
        a.add_argument("--cases", type=Path, help="cases (eval/cases_dev.jsonl)")
        a.add_argument("--questions", type=Path, help="questions (eval/retrieval_dev.jsonl)")
        a.set_defaults(handler=_cmd_golden)


def _cmd_golden(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.answers.chat import Conversation
    from assistant.evaluation import cases as case_eval
    from assistant.evaluation import golden
    from assistant.evaluation import retrieval as retrieval_eval

    path = args.file or golden.GOLDEN_FILE
    cases = case_eval.load_cases(args.cases or case_eval.DEV_CASES)
    questions = [q.q for q in retrieval_eval.load_dev(args.questions or retrieval_eval.DEV_SET)]
    recorded = golden.load(path) if args.golden_action == "check" else []
    now = golden.current(Conversation.load(settings), cases, questions)
    if args.golden_action == "record":
        golden.write(now, path)
        _emit(f"recorded {len(cases)} cases and {len(questions)} questions to {path}")
        return 0
    diff = golden.compare(recorded, now)
    if diff:
        _emit("\n".join(diff))
        return 1
    _emit(f"golden answers unchanged: {len(cases)} cases and {len(questions)} questions")
    return 0


def _add_load(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("load", help="Concurrent conversations on one Conversation, and memory.")
    p.add_argument("--threads", type=_positive_int, default=50, help="concurrent threads (50)")
    p.add_argument("--seconds", type=_positive_int, default=60, help="duration (60)")
    p.add_argument("--memory-turns", type=int, default=1000, help="one-session turns (0: skip)")
    p.add_argument("--json", action="store_true", help="the figures as JSON")
    p.set_defaults(handler=_cmd_load)


def _cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.answers.chat import Conversation
    from assistant.evaluation import load

    conversation = Conversation.load(settings)
    report = load.run_load(conversation, threads=args.threads, seconds=args.seconds)
    memory = None
    if args.memory_turns:
        memory = load.memory_check(conversation, turns=args.memory_turns, traced_turns=100)
    if args.json:
        data = {"load": report.as_dict(), "memory": memory.as_dict() if memory else None}
        _emit(json.dumps(data, indent=1))
    else:
        command = f"ng234 load --threads {args.threads} --seconds {args.seconds}"
        _emit(load.format_markdown(report, memory, command))
    return 0 if report.errors == 0 and report.mismatches == 0 else 1


def _add_verify(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("verify", help="Check the index (manifest) and model files (pip RECORD).")
    p.set_defaults(handler=_cmd_verify)


def _cmd_verify(args: argparse.Namespace, settings: Settings) -> int:
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
    _emit(f"{status.message}; model files match their installed hashes")
    return 0


SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_corpus,
    _add_index,
    _add_search,
    _add_eval,
    _add_bench,
    _add_rules,
    _add_score,
    _add_ask,
    _add_golden,
    _add_load,
    _add_verify,
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
