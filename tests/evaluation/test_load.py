"""Load, fast version: threads sharing one Conversation, and memory over a long session.

The documented benchmark (`ng234 load`: 50 threads for 60 s, 1,000 turns) is in
docs/BENCHMARKS.md, "Load"; these are the small versions the suite runs every time.
"""

from __future__ import annotations

import json

from assistant.answers.chat import SessionState
from assistant.case import catalogue
from assistant.cli import main
from assistant.evaluation import load


def test_concurrent_conversations_give_the_single_thread_answers(conversation) -> None:
    """8 threads x 20 turns on one Conversation: no error, every answer as when run alone."""
    convos = load.scripts()[:16]
    report = load.run_load(
        conversation, threads=8, seconds=None, turns_per_thread=20, convos=convos
    )
    assert report.errors == 0 and report.mismatches == 0, report.error_examples
    assert report.turns >= 8 * 20
    assert report.p50_ms > 0 and report.p95_ms >= report.p50_ms


def test_memory_does_not_grow_over_a_long_session(conversation) -> None:
    """200 turns of one session: the state stays the same size, the heap does not grow."""
    report = load.memory_check(conversation, turns=200)
    assert report.turns == 210  # whole rounds of the 14 messages
    # The state holds the case, the last question, a turn counter, the last turn's changes
    # (for "wrong patient"), one radiotherapy interval, the handover details (a few values
    # each, capped) and the last general question (one message, capped by max_message_chars,
    # never a concatenation), whether the last message was unreadable (one flag) and the
    # relative the case is about (one word) and the last statement of the case (one message,
    # capped like the last general question, for "3 weeks, not 3 days") and whether a patient
    # switch has cleared an earlier patient (one flag, for "back to Mr P"): no history. ("yes"
    # answers a new question each round, so facts accrue, bounded by the fact catalogue.)
    assert set(SessionState.model_fields) == {
        "case", "last_question", "turns", "last_changes", "rt_interval_days", "details",
        "last_topic", "after_unreadable", "patient_relative", "last_statement", "switched",
    }  # fmt: skip
    assert report.state_bytes_after < 60 * len(catalogue())
    # Growth that scaled with turns would be thousands of objects; a few hundred is noise.
    assert report.objects_growth < 2_000 and report.blocks_growth < 20_000
    assert report.rss_growth_mb < 64


def test_percentile() -> None:
    values = list(range(1, 101))
    assert load._percentile(values, 0.5) in (50, 51)
    assert load._percentile(values, 0.95) == 95
    assert load._percentile([], 0.95) == 0.0


def test_cli_load_smoke(search_settings, monkeypatch, capsys) -> None:
    monkeypatch.setenv("NG234_INDEX_DIR", str(search_settings.index_dir))
    monkeypatch.setattr(load, "scripts", lambda: [("known breast ca, weak legs", "no")])
    args = ["load", "--threads", "2", "--seconds", "1", "--memory-turns", "0", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["load"]["errors"] == 0 and data["load"]["mismatches"] == 0
    assert data["load"]["turns"] > 0 and data["memory"] is None
