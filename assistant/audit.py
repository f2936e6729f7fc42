"""The audit trail: one JSON line per answer, opt-in, without the user's words by default.

An audit line says what the assistant answered and from what: the time (UTC), the assistant
and guideline versions, the sha256 of the corpus and of the FAISS file (from the index
manifest), the rules that applied, the ids cited, the rules shown as conditional, the case
facts, the questions asked and whether the message was out of scope. That is enough to
replay and review an answer after an incident (docs/SAFETY.md, H17) without storing a
patient's free text: the message is written only when `Settings.audit_free_text` is set,
because a ward note may identify the patient.

`audit_record` is pure apart from reading the small manifest once per index; `write_audit`
is the only I/O. `log_answer` (and the `audited` decorator for `Conversation.respond` /
`update`) joins them: with `Settings.audit_log` unset it does nothing; if the log cannot be
written the answer is still returned, with a notice saying so, because withholding NICE's
advice from a clinician over a log file would be the greater harm.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.answer import Answer
from assistant.errors import AssistantError
from assistant.settings import Settings

#: Bump when a field is renamed or its meaning changes (fields are only ever added).
SCHEMA_VERSION = 1

_WRITE_LOCK = threading.Lock()


class AuditLogError(AssistantError):
    """The audit log could not be written."""

    hint = (
        "Make the folder of NG234_AUDIT_LOG writable, point NG234_AUDIT_LOG at a writable "
        "file, or unset it to switch the audit trail off."
    )


def index_identity(index_dir: Path) -> dict[str, str | None]:
    """corpus_sha256 and index_sha256 from the index manifest (None where it cannot be read)."""
    path = index_dir / "manifest.json"
    try:
        stat = path.stat()
    except OSError:
        return {"corpus_sha256": None, "index_sha256": None}
    return _identity(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _identity(path: str, mtime_ns: int, size: int) -> dict[str, str | None]:
    # Keyed on mtime and size so a rebuilt index is re-read; a manifest is a few kB.
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"corpus_sha256": None, "index_sha256": None}
    if not isinstance(data, dict):
        return {"corpus_sha256": None, "index_sha256": None}
    return {"corpus_sha256": data.get("corpus_sha256"), "index_sha256": data.get("faiss_sha256")}


def audit_record(
    answer: Answer,
    settings: Settings,
    *,
    text: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """One answer as an audit record: what was answered and from what, no free text by default."""
    when = (now or datetime.now(UTC)).astimezone(UTC)
    record: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "time": when.isoformat(timespec="milliseconds"),
        "assistant_version": __version__,
        "guideline": answer.guideline,
        **index_identity(settings.index_dir),
        "intent": answer.intent,
        "out_of_scope": answer.out_of_scope,
        "rules_fired": [r.rule for r in answer.recommendations],
        "cited": list(dict.fromkeys(c for r in answer.recommendations for c in r.cites)),
        "conditional": [r.rule for r in answer.conditional],
        "conditional_cited": list(dict.fromkeys(c for r in answer.conditional for c in r.cites)),
        "lookups": [lk.id for lk in answer.lookups],
        "questions": [q.fact for q in answer.questions],
        "conflicts": [c.facts for c in answer.conflicts],
        "facts": dict(answer.facts),
        # Notices can quote the user's words (typo corrections), so only their number is kept.
        "notice_count": len(answer.notices),
    }
    if settings.audit_free_text and text is not None:
        record["text"] = text
    return record


def write_audit(record: dict[str, Any], path: Path) -> None:
    """Append the record to `path` as one JSON line (created 0600); AuditLogError if it cannot."""
    line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _WRITE_LOCK:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                # One write of one whole line: concurrent writers never interleave a record.
                os.write(fd, line)
            finally:
                os.close(fd)
    except OSError as exc:
        raise AuditLogError(f"cannot write the audit log {path}: {exc.strerror or exc}") from exc


def log_answer(answer: Answer, settings: Settings, *, text: str | None = None) -> Answer:
    """Write the answer's audit line if the audit log is on; a failure becomes a notice."""
    if settings.audit_log is None:
        return answer
    try:
        write_audit(audit_record(answer, settings, text=text), settings.audit_log)
    except AuditLogError as exc:
        notice = f"This answer was not written to the audit log: {exc}. {exc.hint}"
        return answer.model_copy(update={"notices": [*answer.notices, notice]})
    return answer


def audited(method: Callable[..., tuple[Any, Answer]]) -> Callable[..., tuple[Any, Answer]]:
    """Decorate `Conversation.respond` / `update` so that every answer they return is logged."""

    @functools.wraps(method)
    def wrapper(self, state, payload, *args, **kwargs):
        new_state, answer = method(self, state, payload, *args, **kwargs)
        if isinstance(payload, bytes | bytearray):
            payload = bytes(payload).decode("utf-8", "replace")
        text = payload if isinstance(payload, str) else None  # update() passes facts, no text
        return new_state, log_answer(answer, self.settings, text=text)

    return wrapper
