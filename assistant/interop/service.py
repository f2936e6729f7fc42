"""The CDS Hooks 2.0 service: an ASGI app (FastAPI) an EHR calls on patient-view.

`GET /cds-services` is discovery (hooks.json); `POST /cds-services/ng234-mscc` takes the hook
request with its prefetch (the Patient, and Condition and Observation search Bundles), reads the
record as NG234 facts (`bundle.py`), and answers with cards (`cards.py`); `POST
/cds-services/ng234-mscc/feedback` writes each accepted / overridden outcome to the audit log.

Around it (`Guard`): an optional bearer token (Settings.hooks_token; compared in constant time),
a request size limit (Settings.hooks_max_body_bytes; 413), and CORS for a browser sandbox
(Settings.hooks_cors_origins). The service fetches nothing itself: a request without one of the
prefetch keys gets 412. Logs and the audit trail never hold patient text: a log line names the
path, status, timing and counts; an audit line names rules, coded facts and card ids (the
patient id, names and any override comment are never written).
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response

from assistant import __version__
from assistant.answers.audit import SCHEMA_VERSION, AuditLogError, write_audit
from assistant.guideline import corpus
from assistant.guideline.corpus import GUIDELINE_VERSION
from assistant.interop.bundle import Reading, read_bundle, resources
from assistant.interop.cards import CardSet, cards_for, hooks_config
from assistant.settings import Settings

log = logging.getLogger("ng234.hooks")
#: Cards remembered for feedback (card uuid -> what it showed); the oldest are forgotten.
CARD_MEMORY = 10_000
FEEDBACK_OUTCOMES = ("accepted", "overridden")


class RequestError(ValueError):
    """A hook request the service cannot answer, with its HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# --- the request ---------------------------------------------------------------------------------


def _same_patient(reference: Any, patient_id: str) -> bool:
    """'Patient/123', '.../Patient/123' or '.../Patient/123/_history/2' names patient 123."""
    if not isinstance(reference, str):
        return False
    return reference.split("/_history/")[0].endswith(f"Patient/{patient_id}")


def _subject(resource: Mapping[str, Any]) -> Any:
    subject = resource.get("subject") or resource.get("patient")
    return subject.get("reference") if isinstance(subject, Mapping) else None


def record_bundle(hook: Mapping[str, Any]) -> tuple[dict[str, Any], int]:
    """The hook request's prefetch as one Bundle of this patient's resources, and how many
    resources were dropped because they name another patient; RequestError if unusable."""
    config = hooks_config().service
    if hook.get("hook") != config.hook:
        raise RequestError(400, f"this service answers the {config.hook} hook")
    context = hook.get("context")
    patient_id = context.get("patientId") if isinstance(context, Mapping) else None
    if not isinstance(patient_id, str) or not patient_id:
        raise RequestError(400, "context.patientId is required")
    if not isinstance(hook.get("hookInstance"), str):
        raise RequestError(400, "hookInstance is required")
    prefetch = hook.get("prefetch")
    if not isinstance(prefetch, Mapping):
        raise RequestError(412, "prefetch is required: " + ", ".join(config.prefetch))
    missing = [key for key in config.prefetch if key not in prefetch]
    if missing or prefetch.get("patient") is None:
        raise RequestError(412, "prefetch missing: " + ", ".join(missing or ["patient"]))
    patient = prefetch["patient"]
    if not isinstance(patient, Mapping) or patient.get("resourceType") != "Patient":
        raise RequestError(400, "prefetch.patient is not a Patient")
    if patient.get("id") not in (None, patient_id):
        raise RequestError(400, "prefetch.patient is not context.patientId")
    entries: list[dict[str, Any]] = [{"resource": dict(patient)}]
    dropped = 0
    for key in config.prefetch:
        if key == "patient" or prefetch[key] is None:
            continue  # a search the client found nothing for
        found = prefetch[key]
        if not isinstance(found, Mapping) or found.get("resourceType") != "Bundle":
            raise RequestError(400, f"prefetch.{key} is not a Bundle")
        for resource in resources(found):
            if _same_patient(_subject(resource), patient_id):
                entries.append({"resource": dict(resource)})
            elif resource.get("resourceType") != "OperationOutcome":
                dropped += 1  # never mix another patient's record into this one
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}, dropped


# --- the audit trail ------------------------------------------------------------------------------


def _record_head(kind: str) -> dict[str, Any]:
    """What every audit line of the service starts with: schema, kind, time and versions."""
    return {
        "schema": SCHEMA_VERSION,
        "kind": kind,
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "assistant_version": __version__,
        "guideline": GUIDELINE_VERSION,
    }


def call_record(hook: Mapping[str, Any], reading: Reading, result: CardSet) -> dict[str, Any]:
    """One hook call as an audit record: rules and coded facts, no patient id or text."""
    return {
        **_record_head("cds-hooks.call"),
        "hook": hook.get("hook"),
        "hook_instance": hook.get("hookInstance"),
        "scope": result.scope,
        "out_of_scope": result.scope != "in_scope",
        "rules_fired": list(result.applies),
        "set_aside": list(result.set_aside),
        "conditional": list(result.pending),
        "questions": list(result.questions),
        "facts": reading.case.known(),
        "conflicting_records": list(reading.conflicts),
        "cards": [card["uuid"] for card in result.cards],
    }


def feedback_record(item: Mapping[str, Any], shown: Mapping[str, Any] | None) -> dict[str, Any]:
    """One feedback item as an audit record: outcome and coded reason; a comment only as a flag."""
    reason = item.get("overrideReason") if isinstance(item.get("overrideReason"), Mapping) else {}
    coding = reason.get("reason") if isinstance(reason.get("reason"), Mapping) else {}
    accepted = item.get("acceptedSuggestions") or []
    return {
        **_record_head("cds-hooks.feedback"),
        "service": hooks_config().service.id,
        "card": item.get("card"),
        "outcome": item.get("outcome"),
        "outcome_timestamp": item.get("outcomeTimestamp"),
        "card_shown": dict(shown) if shown else None,
        "accepted_suggestions": [s.get("id") for s in accepted if isinstance(s, Mapping)],
        "override_reason": {"system": coding.get("system"), "code": coding.get("code")}
        if coding
        else None,
        # A clinician's comment may name the patient: only whether there was one is kept.
        "override_comment_given": bool(reason.get("userComment")),
    }


def _feedback_items(body: Any) -> list[Mapping[str, Any]]:
    items = body.get("feedback") if isinstance(body, Mapping) else None
    if not isinstance(items, list) or not items:
        raise RequestError(400, "feedback must be a non-empty list")
    for item in items:
        if not isinstance(item, Mapping) or not isinstance(item.get("card"), str):
            raise RequestError(400, "each feedback item needs a card id")
        if item.get("outcome") not in FEEDBACK_OUTCOMES:
            raise RequestError(400, "outcome must be accepted or overridden")
    return items


# --- the guard: token, size, and (outside it) CORS -----------------------------------------------


class Guard:
    """ASGI middleware: the bearer token (when configured) and the request size limit."""

    def __init__(self, app: Any, *, token: str | None, max_body: int) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode() if token else None
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] == "OPTIONS":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if self.expected is not None:
            given = headers.get(b"authorization", b"")
            if not hmac.compare_digest(given, self.expected):
                await _reply(send, 401, "a valid bearer token is required", bearer=True)
                return
        length = headers.get(b"content-length")
        if length is not None:
            if not length.isdigit():
                await _reply(send, 400, "Content-Length is not a number")
                return
            if int(length) > self.max_body:
                await _reply(send, 413, f"the body is over {self.max_body} bytes")
                return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await _reply(send, 413, f"the body is over {self.max_body} bytes")
                return
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _reply(send: Any, status: int, message: str, *, bearer: bool = False) -> None:
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if bearer:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# --- the app ---------------------------------------------------------------------------------


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _json(request: Request) -> Any:
    try:
        return json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as exc:
        raise RequestError(400, "the body is not JSON") from exc


def create_app(settings: Settings, *, today: date | None = None) -> Any:
    """The ASGI app: the FastAPI routes inside the Guard inside CORS."""
    passages = corpus.by_id(corpus.load(settings.corpus_path))
    config = hooks_config()
    service = config.service
    shown: OrderedDict[str, dict[str, Any]] = OrderedDict()
    app = FastAPI(
        title="NG234 CDS Hooks service",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )

    @app.get("/cds-services")
    async def discovery() -> dict[str, Any]:
        return {"services": [service.model_dump(by_alias=True)]}

    @app.post(f"/cds-services/{service.id}")
    async def call(request: Request) -> Response:
        started = time.perf_counter()
        try:
            hook = await _json(request)
            if not isinstance(hook, Mapping):
                raise RequestError(400, "the body is not a JSON object")
            record, dropped = record_bundle(hook)
            reading = read_bundle(record, today or datetime.now(UTC).date())
            result = cards_for(reading, passages)
        except RequestError as exc:
            log.info("hook call refused: %s %s", exc.status, exc)
            return _error(exc.status, str(exc))
        except Exception as exc:  # noqa: BLE001 - never echo patient data in a trace
            log.error("hook call failed: %s", type(exc).__name__)
            return _error(500, "internal error")
        for card in result.cards:
            shown[card["uuid"]] = card["extension"]["ng234"]
        while len(shown) > CARD_MEMORY:
            shown.popitem(last=False)
        if settings.audit_log is not None:
            try:
                write_audit(call_record(hook, reading, result), settings.audit_log)
            except AuditLogError as exc:
                log.error("audit line not written: %s", type(exc).__name__)
        log.info(
            "hook call: scope=%s cards=%d records=%d ignored=%d other-patient=%d %.1f ms",
            result.scope,
            len(result.cards),
            reading.records,
            reading.ignored,
            dropped,
            (time.perf_counter() - started) * 1000,
        )
        return JSONResponse({"cards": result.cards})

    @app.post(f"/cds-services/{service.id}/feedback")
    async def feedback(request: Request) -> Response:
        try:
            items = _feedback_items(await _json(request))
        except RequestError as exc:
            return _error(exc.status, str(exc))
        if settings.audit_log is None:
            log.warning("feedback received but NG234_AUDIT_LOG is unset: not recorded")
            return Response(status_code=200)
        try:
            for item in items:
                write_audit(feedback_record(item, shown.get(item["card"])), settings.audit_log)
        except AuditLogError as exc:
            log.error("feedback not written: %s", type(exc).__name__)
            return _error(500, "feedback could not be recorded")
        log.info("feedback: %d item(s) recorded", len(items))
        return Response(status_code=200)

    # An empty NG234_HOOKS_TOKEN is no token, as if it were unset.
    token = settings.hooks_token.get_secret_value() if settings.hooks_token is not None else ""
    guarded = Guard(app, token=token or None, max_body=settings.hooks_max_body_bytes)
    return CORSMiddleware(
        guarded,
        allow_origins=list(settings.hooks_cors_origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
    )
