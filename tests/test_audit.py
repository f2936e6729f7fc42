"""The audit trail: opt-in, one JSON line per answer, no free text unless asked, never a crash."""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant import audit, search_index
from assistant.audit import AuditLogError, audit_record, audited, log_answer, write_audit
from assistant.chat import Conversation, SessionState
from assistant.settings import Settings

TEXT = "Mrs Jane Doe, NHS 943 476 5919, known breast ca, new weak legs"


class AuditedConversation(Conversation):
    """Conversation with the one-line hook the lead adds to chat.py (`@audited`)."""

    respond = audited(Conversation.respond)
    update = audited(Conversation.update)


@pytest.fixture
def audited_conversation(conversation, tmp_path: Path):
    def make(**settings) -> AuditedConversation:
        s = conversation.settings.model_copy(update=settings)
        return AuditedConversation(list(conversation.passages.values()), conversation.retriever, s)

    return make


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_off_by_default(conversation, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Settings().audit_log is None and Settings().audit_free_text is False
    state, answer = conversation.respond(SessionState(), TEXT)
    assert log_answer(answer, conversation.settings, text=TEXT) is answer
    assert list(tmp_path.iterdir()) == []


def test_on_one_line_per_answer_with_the_fields_and_no_free_text(
    audited_conversation, tmp_path: Path, search_settings: Settings
) -> None:
    log = tmp_path / "logs" / "audit.jsonl"
    conv = audited_conversation(audit_log=log)
    state, first = conv.respond(SessionState(), TEXT)
    state, second = conv.respond(state, "what's the capital of France")
    state, third = conv.update(state, {"bladder_bowel_dysfunction": "yes"})
    records = _lines(log)
    assert len(records) == 3
    rec = records[0]
    manifest = search_index.read_manifest(search_settings.index_dir)
    assert rec["corpus_sha256"] == manifest.corpus_sha256
    assert rec["index_sha256"] == manifest.faiss_sha256
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


def test_free_text_only_when_enabled(audited_conversation, tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    conv = audited_conversation(audit_log=log, audit_free_text=True)
    state, _ = conv.respond(SessionState(), TEXT)
    conv.update(state, {"limb_weakness": "yes"})  # no text to log for a fact update
    records = _lines(log)
    assert records[0]["text"] == TEXT
    assert "text" not in records[1]


def test_answers_are_unchanged_by_the_audit(conversation, audited_conversation, tmp_path) -> None:
    conv = audited_conversation(audit_log=tmp_path / "a.jsonl")
    assert conv.run([TEXT, "no"]).to_json() == conversation.run([TEXT, "no"]).to_json()


def test_unwritable_path_is_a_notice_not_a_crash(audited_conversation, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    conv = audited_conversation(audit_log=blocker / "audit.jsonl")
    state, answer = conv.respond(SessionState(), TEXT)
    assert "1.3.2" in {c for r in answer.recommendations for c in r.cites}  # advice still given
    assert any("not written to the audit log" in n for n in answer.notices)
    assert any("NG234_AUDIT_LOG" in n for n in answer.notices)


def test_write_audit_raises_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "dir-not-file"
    target.mkdir()
    with pytest.raises(AuditLogError, match="cannot write the audit log") as info:
        write_audit({"a": 1}, target)
    assert "NG234_AUDIT_LOG" in info.value.user_message()


def test_record_is_pure_given_the_time(conversation, search_settings: Settings) -> None:
    answer = conversation.run(["known prostate ca, new leg weakness"])
    when = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    first = audit_record(answer, search_settings, text="x", now=when)
    assert first == audit_record(answer, search_settings, text="x", now=when)
    assert first["time"] == "2026-03-01T12:00:00.000+00:00"
    assert "text" not in first
    free = search_settings.model_copy(update={"audit_free_text": True})
    assert audit_record(answer, free, text="x", now=when)["text"] == "x"


def test_missing_manifest_is_recorded_as_none(conversation, tmp_path: Path) -> None:
    answer = conversation.run(["dose of dex?"])
    record = audit_record(answer, Settings(index_dir=tmp_path / "none"))
    assert record["corpus_sha256"] is None and record["index_sha256"] is None


def test_concurrent_writers_never_interleave(conversation, tmp_path: Path) -> None:
    answer = conversation.run(["known prostate ca, new leg weakness"])
    record = audit_record(answer, conversation.settings)
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
    """Until the lead adds `@audited` to Conversation.respond/update, this is an expected fail."""
    if not hasattr(Conversation.respond, "__wrapped__"):
        pytest.xfail("audit hook not yet added to assistant/chat.py (see docs/SAFETY.md H17)")
    assert Conversation.respond.__wrapped__ is not None
    assert audit.audited.__name__ == "audited"
