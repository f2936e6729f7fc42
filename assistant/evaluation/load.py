"""Load and memory (`ng234 load`): many concurrent conversations sharing one Conversation.

The app serves every browser session from one `Conversation` (model, FAISS index, BM25 and
rules loaded once, shared read-only; Streamlit runs each session in its own thread). This
module checks that this is safe under load:

- `run_load`: N threads, each holding its own conversations (its own `SessionState`), all
  calling the same `Conversation.respond` for a fixed time or number of turns. Every answer is
  compared with the answer the same turn gave when run alone, so a thread-safety fault that
  silently changed an answer counts as an error, not only one that raises.
- `memory_check`: one session for many turns; RSS before and after, and the Python heap's
  growth by tracemalloc, after a warm-up that fills the bounded caches (typo corrections).

Figures are recorded in docs/BENCHMARKS.md, "Load".
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import sys
import threading
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.answers.chat import Conversation, SessionState
from assistant.evaluation.cases import DEV_CASES, load_cases

#: Conversations that are not in the dev set: hostile input and long notes, served alongside.
EXTRA_SCRIPTS: tuple[tuple[str, ...], ...] = (
    ("<script>alert(1)</script> known breast ca, weak legs", "what's the capital of France"),
    ("", "🙂🙂", "known myeloma, back pain at night", "not sure"),
    ("known lung ca " + "back pain worse at night, " * 40, "dose of dex?", "new patient"),
)

#: One long session for the memory check: facts that change back and forth, questions,
#: replies, look-ups and out-of-scope messages (never "new patient": the case is kept).
MEMORY_MESSAGES: tuple[str, ...] = (
    "known prostate ca, new back pain",
    "no weak legs",
    "yes",
    "worse at night and on coughing",
    "dose of dex?",
    "why single fraction 8 Gy?",
    "what does 1.8.1 say",
    "sorry, legs are weak after all",
    "not sure",
    "urinary retention since this morning",
    "what's the capital of France",
    "no retention, bladder fine",
    "MRI shows cord compression at T10",
    "awaiting radiotherapy",
)

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_mb() -> float:
    """Resident set size of this process now, in MB (Linux /proc; peak RSS elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * _PAGE / 1e6
    except OSError:
        return peak_rss_mb()


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def scripts() -> list[tuple[str, ...]]:
    """The conversations served under load: every dev case, then the extra ones."""
    return [tuple(c.turns) for c in load_cases(DEV_CASES)] + list(EXTRA_SCRIPTS)


def reference(conversation: Conversation, convos: Sequence[Sequence[str]]) -> list[list[str]]:
    """Each turn's answer JSON when the conversation runs alone (what load must reproduce)."""
    out = []
    for turns in convos:
        state, answers = SessionState(), []
        for turn in turns:
            state, answer = conversation.respond(state, turn)
            answers.append(answer.to_json())
        out.append(answers)
    return out


def _percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class _Worker:
    latencies: list[float] = field(default_factory=list)
    conversations: int = 0
    errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LoadReport:
    """What a load run measured (latencies in ms, memory in MB)."""

    threads: int
    seconds: float
    conversations: int
    turns: int
    errors: int
    mismatches: int
    error_examples: tuple[str, ...]
    turns_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    rss_before_mb: float
    rss_peak_mb: float
    rss_after_mb: float
    cpus: int

    def as_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict."""
        return asdict(self)


def run_load(
    conversation: Conversation,
    *,
    threads: int = 50,
    seconds: float | None = 60.0,
    turns_per_thread: int | None = None,
    convos: Sequence[Sequence[str]] | None = None,
) -> LoadReport:
    """Serve conversations from `threads` threads sharing one Conversation; count every fault.

    Runs until `seconds` have passed or each thread has answered `turns_per_thread` turns
    (whichever is given first; a conversation in progress is finished).
    """
    if seconds is None and turns_per_thread is None:
        raise ValueError("give seconds or turns_per_thread")
    convos = [tuple(c) for c in (convos or scripts())]
    expected = reference(conversation, convos)
    workers = [_Worker() for _ in range(threads)]
    start_gate = threading.Barrier(threads + 1)
    stop = threading.Event()
    peak = [rss_mb()]
    rss_before = peak[0]

    def serve(n: int, worker: _Worker) -> None:
        start_gate.wait()
        k = n
        while not stop.is_set():
            if turns_per_thread is not None and len(worker.latencies) >= turns_per_thread:
                return
            which = k % len(convos)
            k += threads
            state = SessionState()
            for j, turn in enumerate(convos[which]):
                began = time.perf_counter()
                try:
                    state, answer = conversation.respond(state, turn)
                # A load test counts every failure instead of stopping at the first: any
                # exception from a turn is an error of the system under test.
                except Exception as exc:  # noqa: BLE001
                    worker.errors.append(f"{type(exc).__name__}: {exc}"[:300])
                    break
                worker.latencies.append(time.perf_counter() - began)
                if answer.to_json() != expected[which][j]:
                    worker.mismatches.append(f"conversation {which} turn {j + 1}")
            worker.conversations += 1

    def sample() -> None:
        while not stop.wait(0.25):
            peak[0] = max(peak[0], rss_mb())

    pool = [threading.Thread(target=serve, args=(n, w), daemon=True) for n, w in enumerate(workers)]
    sampler = threading.Thread(target=sample, daemon=True)
    for thread in pool:
        thread.start()
    sampler.start()
    start_gate.wait()
    began = time.perf_counter()
    if seconds is not None:
        deadline = began + seconds
        while time.perf_counter() < deadline and any(t.is_alive() for t in pool):
            time.sleep(0.1)
        stop.set()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - began
    stop.set()
    sampler.join()
    latencies = [x * 1000 for w in workers for x in w.latencies]
    errors = [e for w in workers for e in w.errors]
    mismatches = [m for w in workers for m in w.mismatches]
    return LoadReport(
        threads=threads,
        seconds=round(elapsed, 2),
        conversations=sum(w.conversations for w in workers),
        turns=len(latencies),
        errors=len(errors),
        mismatches=len(mismatches),
        error_examples=tuple(dict.fromkeys(errors + mismatches))[:5],
        turns_per_second=round(len(latencies) / elapsed, 2) if elapsed else 0.0,
        p50_ms=round(statistics.median(latencies), 1) if latencies else 0.0,
        p95_ms=round(_percentile(latencies, 0.95), 1),
        p99_ms=round(_percentile(latencies, 0.99), 1),
        max_ms=round(max(latencies, default=0.0), 1),
        rss_before_mb=round(rss_before, 1),
        rss_peak_mb=round(max(peak[0], rss_mb()), 1),
        rss_after_mb=round(rss_mb(), 1),
        cpus=os.cpu_count() or 0,
    )


@dataclass(frozen=True)
class MemoryReport:
    """Memory of one long session (RSS in MB; Python heap by block and object counts)."""

    turns: int
    seconds: float
    rss_before_mb: float
    rss_after_mb: float
    rss_growth_mb: float
    blocks_growth: int
    objects_growth: int
    traced_turns: int
    traced_growth_kb: float
    top_growth: tuple[str, ...]
    state_bytes_before: int
    state_bytes_after: int

    def as_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict."""
        return asdict(self)


def memory_check(
    conversation: Conversation,
    *,
    turns: int = 1000,
    messages: Sequence[str] = MEMORY_MESSAGES,
    warmup_rounds: int = 2,
    traced_turns: int = 0,
) -> MemoryReport:
    """One session for `turns` turns (rounded up to whole rounds of `messages`).

    Compares, before and after: RSS, the interpreter's allocated blocks and live objects
    (cheap, over every turn), and the session state's size (a bare "yes" answers a new
    question each round, so facts accrue, bounded by the fact catalogue). tracemalloc slows
    the model's Python code several-fold, so it runs only over the last `traced_turns` turns,
    to name the lines that grew.
    """
    rounds = -(-turns // len(messages))
    state = SessionState()
    for _ in range(warmup_rounds):  # fills the bounded caches, so what remains is growth
        for message in messages:
            state, _ = conversation.respond(state, message)
    state_before = len(state.model_dump_json())
    gc.collect()
    rss_before, blocks, objects = rss_mb(), sys.getallocatedblocks(), len(gc.get_objects())
    began = time.perf_counter()
    total = rounds * len(messages)
    traced_from = total - min(traced_turns, total)
    snapshot = answer = None
    try:
        for n in range(total):
            if n == traced_from and traced_turns:
                gc.collect()
                tracemalloc.start()
                snapshot = tracemalloc.take_snapshot()
            state, answer = conversation.respond(state, messages[n % len(messages)])
        del answer  # the last answer is alive, not leaked: leave it out of the comparison
        gc.collect()
        stats = tracemalloc.take_snapshot().compare_to(snapshot, "lineno") if snapshot else []
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - began
    top = tuple(
        f"{s.traceback[0].filename.rsplit('/', 2)[-1]}:{s.traceback[0].lineno} "
        f"{s.size_diff / 1e3:+.1f} kB"
        for s in sorted(stats, key=lambda s: -s.size_diff)[:3]
        if s.size_diff > 0
    )
    rss_after = rss_mb()
    return MemoryReport(
        turns=total,
        seconds=round(elapsed, 2),
        rss_before_mb=round(rss_before, 1),
        rss_after_mb=round(rss_after, 1),
        rss_growth_mb=round(rss_after - rss_before, 1),
        blocks_growth=sys.getallocatedblocks() - blocks,
        objects_growth=len(gc.get_objects()) - objects,
        traced_turns=min(traced_turns, total),
        traced_growth_kb=round(sum(s.size_diff for s in stats) / 1e3, 1),
        top_growth=top,
        state_bytes_before=state_before,
        state_bytes_after=len(state.model_dump_json()),
    )


def format_markdown(load: LoadReport | None, memory: MemoryReport | None, command: str) -> str:
    """The figures as Markdown rows for docs/BENCHMARKS.md."""
    lines = [f"Command: `{command}`", "", "| figure | value |", "| --- | --- |"]
    if load:
        lines += [
            f"| threads sharing one Conversation | {load.threads} |",
            f"| duration | {load.seconds} s |",
            f"| conversations / turns | {load.conversations} / {load.turns} |",
            f"| errors / answers differing from the single-thread answer | "
            f"{load.errors} / {load.mismatches} |",
            f"| throughput | {load.turns_per_second} turns/s |",
            f"| turn latency p50 / p95 / p99 / max | {load.p50_ms} / {load.p95_ms} / "
            f"{load.p99_ms} / {load.max_ms} ms |",
            f"| RSS before / peak / after | {load.rss_before_mb} / {load.rss_peak_mb} / "
            f"{load.rss_after_mb} MB |",
        ]
    if memory:
        lines += [
            f"| one session, {memory.turns} turns | {memory.seconds} s |",
            f"| RSS before / after (growth) | {memory.rss_before_mb} / {memory.rss_after_mb} "
            f"MB ({memory.rss_growth_mb:+} MB) |",
            f"| allocated blocks / live objects, growth | {memory.blocks_growth:+} / "
            f"{memory.objects_growth:+} |",
            f"| tracemalloc over the last {memory.traced_turns} turns | "
            f"{memory.traced_growth_kb:+} kB |",
            f"| session state size before / after | {memory.state_bytes_before} / "
            f"{memory.state_bytes_after} bytes |",
        ]
    return "\n".join(lines)
