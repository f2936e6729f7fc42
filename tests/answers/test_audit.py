"""The audit trail: opt-in, one JSON line per answer, no free text unless asked, never a crash.

The hook is the real one: `@audited` on `Conversation.respond` and `Conversation.update` in
assistant/answers/conversation.py. Nothing here wraps a method a second time or logs an answer
by hand, so
each line counted below is one the app would write (docs/SAFETY.md, H17).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.answers import audit
from assistant.answers.audit import AuditLogError, audit_record, audited, log_answer, write_audit
from assistant.answers.chat import Conversation, SessionState
from assistant.search import index as search_index
from assistant.settings import Settings

TEXT = "Mrs Jane Doe, NHS 943 476 5919, known breast ca, new weak legs"


@pytest.fixture
def logged_conversation(conversation):
    """A real Conversation (same corpus, retriever and index) with these settings changed."""

    def make(**settings) -> Conversation:
        s = conversation.settings.model_copy(update=settings)
        return Conversation(list(conversation.passages.values()), conversation.retriever, s)

    return make


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_off_by_default(conversation, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Settings().audit_log is None and Settings().audit_free_text is False
    assert conversation.settings.audit_log is None

    def refuse(*args, **kwargs):
        raise AssertionError("the audit log is off, yet write_audit was called")

    monkeypatch.setattr(audit, "write_audit", refuse)
    state, answer = conversation.respond(SessionState(), TEXT)  # through the installed hook
    state, update = conversation.update(state, {"bladder_bowel_dysfunction": "yes"})
    assert not any("audit" in n for n in [*answer.notices, *update.notices])
    assert log_answer(answer, conversation.settings, text=TEXT) is answer
    assert list(tmp_path.iterdir()) == []


def test_on_one_line_per_answer_with_the_fields_and_no_free_text(
    logged_conversation, tmp_path: Path, search_settings: Settings
) -> None:
    log = tmp_path / "logs" / "audit.jsonl"
    conv = logged_conversation(audit_log=log)
    state, first = conv.respond(SessionState(), TEXT)
    state, second = conv.respond(state, "what's the capital of France")
    state, third = conv.update(state, {"bladder_bowel_dysfunction": "yes"})
    records = _lines(log)
    assert len(records) == 3  # one line per answer: the hook logs once, nothing else does
    rec = records[0]
    loaded = conv.retriever.manifest  # the index this process answers from
    assert rec["corpus_sha256"] == loaded.corpus_sha256
    assert rec["index_sha256"] == loaded.faiss_sha256
    assert loaded == search_index.read_manifest(search_settings.index_dir)
    assert rec["guideline"].startswith("NICE NG234") and rec["assistant_version"]
    assert datetime.fromisoformat(rec["time"]).utcoffset().total_seconds() == 0
    assert rec["rules_fired"] == [r.rule for r in first.recommendations]
    assert "1.3.2" in rec["cited"]
    assert rec["conditional"] == [c.rule for c in first.conditional]
    assert rec["facts"] == first.facts and rec["out_of_scope"] is False
    assert records[1]["out_of_scope"] is True and records[1]["cited"] == []
    assert records[2]["facts"]["bladder_bowel_dysfunction"] == "yes"
    raw = log.read_text(encoding="utf-8")
    assert "Jane" not in raw and "943 476" not in raw and "text" not in records[0]
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_free_text_only_when_enabled(logged_conversation, tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    conv = logged_conversation(audit_log=log, audit_free_text=True)
    state, _ = conv.respond(SessionState(), TEXT)
    conv.update(state, {"limb_weakness": "yes"})  # no text to log for a fact update
    conv.respond(state=SessionState(), message="dose of dex?")  # keywords work too
    records = _lines(log)
    assert len(records) == 3
    assert records[0]["text"] == TEXT
    assert "text" not in records[1]
    assert records[2]["text"] == "dose of dex?"


def test_answers_are_unchanged_by_the_audit(conversation, logged_conversation, tmp_path) -> None:
    conv = logged_conversation(audit_log=tmp_path / "a.jsonl")
    assert conv.run([TEXT, "no"]).to_json() == conversation.run([TEXT, "no"]).to_json()


def test_unwritable_path_is_a_notice_not_a_crash(logged_conversation, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    conv = logged_conversation(audit_log=blocker / "audit.jsonl")
    state, answer = conv.respond(SessionState(), TEXT)
    assert "1.3.2" in {c for r in answer.recommendations for c in r.cites}  # advice still given
    assert sum("not written to the audit log" in n for n in answer.notices) == 1
    assert any("NG234_AUDIT_LOG" in n for n in answer.notices)


def test_write_audit_raises_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "dir-not-file"
    target.mkdir()
    with pytest.raises(AuditLogError, match="cannot write the audit log") as info:
        write_audit({"a": 1}, target)
    assert "NG234_AUDIT_LOG" in info.value.user_message()


def test_record_is_pure_given_the_time(conversation, search_settings: Settings) -> None:
    answer = conversation.run(["known prostate ca, new leg weakness"])
    hashes = conversation.retriever.index_hashes
    when = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    first = audit_record(answer, search_settings, index_hashes=hashes, text="x", now=when)
    assert first == audit_record(answer, search_settings, index_hashes=hashes, text="x", now=when)
    assert first["time"] == "2026-03-01T12:00:00.000+00:00"
    assert first["index_sha256"] == hashes["index_sha256"] and "text" not in first
    free = search_settings.model_copy(update={"audit_free_text": True})
    assert audit_record(answer, free, text="x", now=when)["text"] == "x"


def test_no_loaded_index_is_recorded_as_none(conversation) -> None:
    answer = conversation.run(["dose of dex?"])
    record = audit_record(answer, Settings())
    assert record["corpus_sha256"] is None and record["index_sha256"] is None


def test_logged_hashes_are_those_of_the_loaded_index(
    search_settings: Settings, tmp_path: Path
) -> None:
    """Rebuilt or edited on disk after loading, the index a process answers from is the one
    recorded: the hashes come from the manifest verified at load, not from the file now."""
    copies = search_settings.model_copy(
        update={"index_dir": tmp_path / "index", "audit_log": tmp_path / "audit.jsonl"}
    )
    shutil.copytree(search_settings.index_dir, copies.index_dir)
    conv = Conversation.load(copies)
    loaded = conv.retriever.manifest
    assert conv.retriever.index_hashes == {
        "corpus_sha256": loaded.corpus_sha256,
        "index_sha256": loaded.faiss_sha256,
    }
    on_disk = copies.index_dir / search_index.MANIFEST_FILE
    data = json.loads(on_disk.read_text(encoding="utf-8"))
    on_disk.write_text(json.dumps({**data, "faiss_sha256": "f" * 64, "corpus_sha256": "c" * 64}))
    conv.respond(SessionState(), "known prostate ca, new leg weakness")
    (record,) = _lines(copies.audit_log)
    assert record["index_sha256"] == loaded.faiss_sha256 != "f" * 64
    assert record["corpus_sha256"] == loaded.corpus_sha256 != "c" * 64


def test_concurrent_writers_never_interleave(conversation, tmp_path: Path) -> None:
    answer = conversation.run(["known prostate ca, new leg weakness"])
    record = audit_record(
        answer, conversation.settings, index_hashes=conversation.retriever.index_hashes
    )
    log = tmp_path / "audit.jsonl"

    def write_many() -> None:
        for _ in range(50):
            write_audit(record, log)

    threads = [threading.Thread(target=write_many) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _lines(log) == [record] * 400


def test_settings_from_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NG234_AUDIT_LOG", str(tmp_path / "a.jsonl"))
    assert Settings().audit_log == tmp_path / "a.jsonl"
    assert os.environ.get("NG234_AUDIT_FREE_TEXT") is None and not Settings().audit_free_text


def test_the_hook_is_installed_in_chat() -> None:
    for method in (Conversation.respond, Conversation.update):
        assert getattr(method, "__audited__", False), f"{method.__name__} is not @audited"
        assert method.__wrapped__.__name__ == method.__name__
    # Installing it again is a no-op, so no answer can be logged twice by a second wrapper.
    assert audited(Conversation.respond) is Conversation.respond


class Delegating(Conversation):
    """update() answering through respond(): two audited calls, one answer."""

    @audited
    def update(self, state, facts):
        return self.respond(state, "known prostate ca, new leg weakness")


def test_each_answer_is_logged_exactly_once(logged_conversation, tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    conv = logged_conversation(audit_log=log)
    conv.run([TEXT, "no", "dose of dex?"])  # run() answers through respond()
    assert len(_lines(log)) == 3
    nested = Delegating(list(conv.passages.values()), conv.retriever, conv.settings)
    nested.update(SessionState(), {"limb_weakness": "yes"})
    assert len(_lines(log)) == 4
    nested.respond(SessionState(), TEXT)  # the nesting guard is reset after each call
    assert len(_lines(log)) == 5
