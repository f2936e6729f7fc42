"""Benchmarks (`ng234 bench`): named functions that each measure one thing and return a dict.

Add a section by appending a `Benchmark` to `BENCHMARKS`; `run` executes them in order
with a shared context and adds the machine description. Heavy imports happen inside the
functions, so `ng234 --help` stays fast.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant.errors import SearchIndexError
from assistant.settings import ROOT, Settings

#: Warm-latency runs use at least this many queries (the dev set, cycled).
MIN_QUERIES = 200
WARMUP = 10
COLD_RUNS = 3
#: Passes over the dev cases for the end-to-end `ask` latency.
ASK_PASSES = 2
COLD_QUERY = "dose of dex for cord compression?"


@dataclass
class Context:
    """What benchmarks share: settings, and the loaded retriever (loaded once, on first use)."""

    settings: Settings
    results: dict[str, dict[str, Any]] = field(default_factory=dict)

    @cached_property
    def retriever(self):  # -> Retriever (imported lazily)
        """The retriever over the real index (which must be current)."""
        from assistant.search.retrieval import Retriever

        return Retriever.load(self.settings)

    @cached_property
    def queries(self) -> list[str]:
        """At least MIN_QUERIES realistic queries: the dev set's questions, cycled."""
        from assistant.evaluation.retrieval import load_dev

        base = [q.q for q in load_dev()]
        repeats = -(-MIN_QUERIES // len(base))
        return (base * repeats)[: max(MIN_QUERIES, len(base))]


@dataclass(frozen=True)
class Benchmark:
    """A named measurement."""

    name: str
    run: Callable[[Context], dict[str, Any]]


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    low, high = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


# --- the benchmarks ---------------------------------------------------------------------------


def index_build(ctx: Context) -> dict[str, Any]:
    """Embed all passages and write a FAISS index into a temporary folder (model preloaded)."""
    from assistant.search import embedding
    from assistant.search import index as search_index

    t0 = time.perf_counter()
    encoder = embedding.load_encoder(ctx.settings)
    load_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix="ng234-bench-") as tmp:
        settings = ctx.settings.model_copy(update={"index_dir": Path(tmp)})
        t1 = time.perf_counter()
        manifest = search_index.build(settings, encoder)
        build_s = time.perf_counter() - t1
    return {
        "passages": manifest.passage_count,
        "model_load_s": round(load_s, 3),
        "build_s": round(build_s, 3),
    }


def cold_start(ctx: Context) -> dict[str, Any]:
    """A new `python -m assistant search` process: start to its first result line."""
    from assistant.search import index as search_index

    status = search_index.check(ctx.settings)
    if not status.ok:
        raise SearchIndexError(f"cold start needs a built index: {status.message}")
    command = [sys.executable, "-m", "assistant", "search", "--json", "--k", "5", COLD_QUERY]
    times = []
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        with subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        ) as proc:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            times.append(time.perf_counter() - start)
            proc.wait()
        if not line.startswith("{"):
            raise SearchIndexError(
                f"the cold-start search printed no result (exit {proc.returncode})"
            )
    # Run first, while this process is small: a child's peak RSS counts its parent at fork.
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "command": " ".join(["python", *command[1:-1], repr(COLD_QUERY)]),
        "runs": COLD_RUNS,
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "peak_rss_mb": round(child_peak / 1024, 1),
    }


def warm_latency(ctx: Context) -> dict[str, Any]:
    """Hybrid search and embedding one query alone, interleaved over the same queries."""
    retriever = ctx.retriever
    queries = ctx.queries
    for q in queries[:WARMUP]:
        retriever.search(q)
        retriever.encoder.encode([q])
    search_s, embed_s = [], []
    for q in queries:
        t0 = time.perf_counter()
        retriever.encoder.encode([q])
        t1 = time.perf_counter()
        retriever.search(q, k=5, mode="hybrid")
        t2 = time.perf_counter()
        embed_s.append(t1 - t0)
        search_s.append(t2 - t1)
    embed_p50 = percentile(embed_s, 50)
    search_p95 = percentile(search_s, 95)
    return {
        "queries": len(queries),
        "hybrid_p50_ms": _ms(percentile(search_s, 50)),
        "hybrid_p95_ms": _ms(search_p95),
        "hybrid_max_ms": _ms(max(search_s)),
        "embed_p50_ms": _ms(embed_p50),
        "embed_p95_ms": _ms(percentile(embed_s, 95)),
        "hybrid_p95_over_embed_p50": round(search_p95 / embed_p50, 3),
    }


def ask_latency(ctx: Context) -> dict[str, Any]:
    """Warm end-to-end `ask` over the dev cases: every turn (extract, retrieve, rules, answer),
    against embedding one query alone, interleaved so both see the same machine load."""
    from assistant.answers.chat import Conversation, SessionState
    from assistant.evaluation.cases import DEV_CASES, load_cases
    from assistant.guideline import corpus

    conversation = Conversation(corpus.load(ctx.settings.corpus_path), ctx.retriever, ctx.settings)
    cases = load_cases(DEV_CASES)
    encoder = ctx.retriever.encoder
    for case in cases[:WARMUP]:
        conversation.run(case.turns)
    turn_s, case_s, embed_s = [], [], []
    for _ in range(ASK_PASSES):
        for case in cases:
            state, started = SessionState(), time.perf_counter()
            for turn in case.turns:
                t0 = time.perf_counter()
                encoder.encode([turn])
                t1 = time.perf_counter()
                state, _ = conversation.respond(state, turn)
                turn_s.append(time.perf_counter() - t1)
                embed_s.append(t1 - t0)
            case_s.append(time.perf_counter() - started - sum(embed_s[-len(case.turns) :]))
    embed_p50 = percentile(embed_s, 50)
    return {
        "cases": len(cases),
        "passes": ASK_PASSES,
        "turns_timed": len(turn_s),
        "turn_p50_ms": _ms(percentile(turn_s, 50)),
        "turn_p95_ms": _ms(percentile(turn_s, 95)),
        "case_p50_ms": _ms(percentile(case_s, 50)),
        "case_p95_ms": _ms(percentile(case_s, 95)),
        "embed_p50_ms": _ms(embed_p50),
        "turn_p50_over_embed_p50": round(percentile(turn_s, 50) / embed_p50, 3),
        "turn_p95_over_embed_p50": round(percentile(turn_s, 95) / embed_p50, 3),
    }


def long_query(ctx: Context) -> dict[str, Any]:
    """A 100 kB query: truncated with a notice, and its latency."""
    retriever = ctx.retriever
    text = ("severe back pain at night in a man with prostate cancer " * 2000)[:100_000]
    start = time.perf_counter()
    result = retriever.search(text)
    return {
        "chars": len(text),
        "latency_ms": _ms(time.perf_counter() - start),
        "notices": len(result.notices),
    }


def memory(ctx: Context) -> dict[str, Any]:
    """Peak resident memory of this process: model, index, BM25, and the index build above."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"peak_rss_mb": round(own / 1024, 1)}


def first_load(ctx: Context) -> dict[str, Any]:
    """The app from `streamlit run` to a usable chat input, in a real browser (issue #15)."""
    from assistant.evaluation import first_load as app_load

    return app_load.measure()


#: The CDS Hooks service under load (docs/BENCHMARKS.md): clients, seconds.
HOOKS_CLIENTS = 50
HOOKS_SECONDS = 60
HOOKS_WARMUP = 20


def hook_payloads() -> list[bytes]:
    """patient-view requests whose prefetch records each training case's facts (real Bundles)."""
    import json
    import uuid

    from assistant.interop.bundle import case_bundle
    from assistant.training import load_cases

    payloads = []
    for case in load_cases():
        pid = case.id
        bundle = case_bundle(case.facts, patient_id=pid, birth_date="1958-04-02")
        entries = bundle["entry"][1:]
        prefetch = {"patient": bundle["entry"][0]["resource"]}
        for key, kind in (("conditions", "Condition"), ("observations", "Observation")):
            found = [e for e in entries if e["resource"]["resourceType"] == kind]
            prefetch[key] = {"resourceType": "Bundle", "type": "searchset", "entry": found}
        request = {
            "hook": "patient-view",
            "hookInstance": str(uuid.uuid4()),
            "context": {"userId": "Practitioner/bench", "patientId": pid},
            "prefetch": prefetch,
        }
        payloads.append(json.dumps(request).encode())
    return payloads


def hooks_load(
    settings: Settings, *, clients: int = HOOKS_CLIENTS, seconds: float = HOOKS_SECONDS
) -> dict[str, Any]:
    """`clients` threads, each on its own keep-alive connection, post real hook requests to the
    service (a child process on loopback) for `seconds`; latency, throughput and errors."""
    import http.client
    import threading

    from assistant.interop.process import service_process

    payloads = hook_payloads()
    path = "/cds-services/ng234-mscc"
    headers = {"Content-Type": "application/json"}
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    with tempfile.TemporaryDirectory(prefix="ng234-hooks-") as tmp:
        # The service's own settings come from the environment, as `ng234 hooks serve` does;
        # no audit log, so the figures are the service's and not the disk's.
        env = {"NG234_AUDIT_LOG": None, "NG234_HOOKS_TOKEN": None}
        with service_process(Path(tmp) / "service.log", env) as service:

            def post(conn: http.client.HTTPConnection, body: bytes) -> bool:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                return response.status == 200 and data.startswith(b'{"cards":')

            warm = http.client.HTTPConnection(service.host, service.port, timeout=30)
            for i in range(HOOKS_WARMUP):
                post(warm, payloads[i % len(payloads)])
            warm.close()
            start = time.perf_counter()
            deadline = start + seconds

            def client(n: int) -> None:
                conn = http.client.HTTPConnection(service.host, service.port, timeout=30)
                i = n
                while time.perf_counter() < deadline:
                    t0 = time.perf_counter()
                    try:
                        ok = post(conn, payloads[i % len(payloads)])
                    except (OSError, http.client.HTTPException):
                        ok = False
                        conn.close()
                        conn = http.client.HTTPConnection(service.host, service.port, timeout=30)
                    latencies[n].append(time.perf_counter() - t0)
                    errors[n] += not ok
                    i += clients
                conn.close()

            threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - start
    every = [t for per in latencies for t in per]
    return {
        "command": f"ng234 bench --only hooks ({clients} clients, {seconds:g} s, loopback)",
        "clients": clients,
        "seconds": round(elapsed, 1),
        "distinct_requests": len(payloads),
        "requests": len(every),
        "errors": sum(errors),
        "throughput_rps": round(len(every) / elapsed, 1),
        "p50_ms": _ms(percentile(every, 50)),
        "p95_ms": _ms(percentile(every, 95)),
        "p99_ms": _ms(percentile(every, 99)),
        "max_ms": _ms(max(every, default=float("nan"))),
    }


def hooks(ctx: Context) -> dict[str, Any]:
    """The CDS Hooks service: 50 concurrent clients for 60 s on loopback (p50, p95, errors)."""
    return hooks_load(ctx.settings)


BENCHMARKS: list[Benchmark] = [
    Benchmark("cold_start", cold_start),
    Benchmark("index_build", index_build),
    Benchmark("warm_latency", warm_latency),
    Benchmark("ask_latency", ask_latency),
    Benchmark("long_query", long_query),
    Benchmark("memory", memory),
    Benchmark("first_load", first_load),
    Benchmark("hooks", hooks),
]


# --- running and reporting --------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """Where the figures were measured."""
    cpu = "unknown"
    ram_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    versions: dict[str, str] = {}
    for module in ("torch", "faiss", "sentence_transformers", "bm25s"):
        try:
            versions[module] = __import__(module).__version__
        except (ImportError, AttributeError):
            versions[module] = "unknown"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": ram_gb,
        "load_average_1m_after": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "platform": platform.platform(),
        **versions,
    }


def run(settings: Settings, only: Sequence[str] | None = None) -> dict[str, Any]:
    """Run the benchmarks (all, or those named) and return their figures with the machine."""
    ctx = Context(settings)
    load_before = round(os.getloadavg()[0], 2)
    for bench in BENCHMARKS:
        if only and bench.name not in only:
            continue
        ctx.results[bench.name] = bench.run(ctx)
    host = {**machine(), "load_average_1m_before": load_before}
    return {"machine": host, "command": "ng234 bench", **ctx.results}


def format_text(report: dict[str, Any]) -> str:
    """The figures as indented plain text."""
    lines = []
    for section, figures in report.items():
        if isinstance(figures, dict):
            lines.append(f"{section}:")
            lines += [f"  {key}: {value}" for key, value in figures.items()]
        else:
            lines.append(f"{section}: {figures}")
    return "\n".join(lines)


def format_markdown(report: dict[str, Any]) -> str:
    """The figures as a Markdown section for docs/BENCHMARKS.md."""
    lines = ["## Retrieval", "", f"Produced by `{report['command']}`.", ""]
    for section, figures in report.items():
        if not isinstance(figures, dict):
            continue
        lines += [f"### {section}", "", "| figure | value |", "| --- | --- |"]
        lines += [f"| {key} | {value} |" for key, value in figures.items()]
        lines.append("")
    return "\n".join(lines)
