"""The audit trail: one JSON line per answer, opt-in, without the user's words by default.

An audit line says what the assistant answered and from what: the time (UTC), the assistant
and guideline versions, the sha256 of the corpus and of the FAISS file *of the index the
answering process loaded* (its verified manifest, `Retriever.index_hashes`, never a file on
disk that may have been rebuilt since), the rules that applied, the ids cited, the rules shown
as conditional, the case facts, the questions asked and whether the message was out of scope.
That is enough to replay and review an answer after an incident (docs/SAFETY.md, H17) without
storing a patient's free text: the message is written only when `Settings.audit_free_text` is
set, because a ward note may identify the patient.

`audit_record` is pure; `write_audit` is the only I/O. `log_answer` joins them, and the
`audited` decorator on `Conversation.respond` and `Conversation.update`
(assistant/answers/conversation.py)
calls it once for every answer those return: with `Settings.audit_log` unset it does nothing;
if the log cannot be written the answer is still returned, with a notice saying so, because
withholding NICE's advice from a clinician over a log file would be the greater harm.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.answers.answer import Answer
from assistant.errors import AssistantError
from assistant.settings import Settings

#: Bump when a field is renamed or its meaning changes (fields are only ever added).
SCHEMA_VERSION = 1

_WRITE_LOCK = threading.Lock()
#: Per thread: inside an audited call, so nested audited calls do not log again.
_NESTING = threading.local()


class AuditLogError(AssistantError):
    """The audit log could not be written."""

    hint = (
        "Make the folder of NG234_AUDIT_LOG writable, point NG234_AUDIT_LOG at a writable "
        "file, or unset it to switch the audit trail off."
    )


#: The index fields of a record whose answer came from no loaded, verified index.
NO_INDEX: Mapping[str, str | None] = {"corpus_sha256": None, "index_sha256": None}


def audit_record(
    answer: Answer,
    settings: Settings,
    *,
    index_hashes: Mapping[str, str | None] | None = None,
    text: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """One answer as an audit record: what was answered and from what, no free text by default.

    `index_hashes` are the corpus and FAISS sha256 of the index the answer was retrieved from
    (`Retriever.index_hashes`); without them both are recorded as None.
    """
    when = (now or datetime.now(UTC)).astimezone(UTC)
    hashes = index_hashes or NO_INDEX
    record: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "time": when.isoformat(timespec="milliseconds"),
        "assistant_version": __version__,
        "guideline": answer.guideline,
        "corpus_sha256": hashes.get("corpus_sha256"),
        "index_sha256": hashes.get("index_sha256"),
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


def log_answer(
    answer: Answer,
    settings: Settings,
    *,
    text: str | None = None,
    index_hashes: Mapping[str, str | None] | None = None,
) -> Answer:
    """Write the answer's audit line if the audit log is on; a failure becomes a notice."""
    if settings.audit_log is None:
        return answer
    try:
        record = audit_record(answer, settings, index_hashes=index_hashes, text=text)
        write_audit(record, settings.audit_log)
    except AuditLogError as exc:
        notice = f"This answer was not written to the audit log: {exc}. {exc.hint}"
        return answer.model_copy(update={"notices": [*answer.notices, notice]})
    return answer


def audited(method: Callable[..., tuple[Any, Answer]]) -> Callable[..., tuple[Any, Answer]]:
    """Decorate `Conversation.respond` / `update` so that every answer they return is logged once.

    Exactly once: decorating twice returns the same wrapper, and an audited method called from
    another one on the same thread (say `respond` delegating to `update`) leaves the logging to
    the outermost call, whose answer is the one the user sees.
    """
    if getattr(method, "__audited__", False):
        return method
    signature = inspect.signature(method)
    # (self, state, message) or (self, state, facts): the third parameter is what the user sent.
    payload_name = list(signature.parameters)[2]

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if getattr(_NESTING, "depth", 0):
            return method(self, *args, **kwargs)
        _NESTING.depth = 1
        try:
            new_state, answer = method(self, *args, **kwargs)
        finally:
            _NESTING.depth = 0
        payload = signature.bind(self, *args, **kwargs).arguments.get(payload_name)
        if isinstance(payload, bytes | bytearray):
            payload = bytes(payload).decode("utf-8", "replace")
        text = payload if isinstance(payload, str) else None  # update() passes facts, no text
        # The hashes of the index this conversation actually loaded (None for a test double).
        hashes = getattr(self.retriever, "index_hashes", None)
        return new_state, log_answer(answer, self.settings, text=text, index_hashes=hashes)

    wrapper.__audited__ = True  # type: ignore[attr-defined]
    return wrapper
