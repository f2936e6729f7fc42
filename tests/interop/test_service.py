"""The CDS Hooks service, for real: uvicorn in a child process on loopback, real Bundles, and
every discovery and card response validated against the CDS Hooks 2.0 JSON Schemas."""

from __future__ import annotations

import http.client
import json
import uuid

import pytest
from jsonschema import Draft202012Validator

from assistant.cli import main
from assistant.interop.bundle import VERIFICATION_SYSTEM, case_bundle
from assistant.interop.process import Service, free_port, service_process
from assistant.settings import DATA_DIR

TOKEN = "test-token-7f3a9c"
ORIGIN = "https://sandbox.cds-hooks.org"
MAX_BODY = 200_000
PATIENT_ID = "pt-5af3"
#: Patient text that must never reach a log or the audit trail.
SECRETS = ("Zzyzx-Testpatient", "Marguerite", "1958-04-02", PATIENT_ID, "private note 9b1")
RED_FLAG = {"cancer_diagnosis": "yes", "limb_weakness": "yes", "back_pain": "yes"}
SCHEMAS = DATA_DIR / "interop"


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


DISCOVERY = validator("cds-hooks-discovery.schema.json")
CARDS = validator("cds-hooks-cards.schema.json")


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("hooks")
    env = {
        "NG234_AUDIT_LOG": str(folder / "audit.jsonl"),
        "NG234_HOOKS_TOKEN": TOKEN,
        "NG234_HOOKS_MAX_BODY_BYTES": str(MAX_BODY),
        "NG234_HOOKS_CORS_ORIGINS": json.dumps([ORIGIN]),
    }
    with service_process(folder / "service.log", env) as running:
        yield running


def call(
    service: Service,
    method: str,
    path: str,
    body=None,
    headers: dict | None = None,
    *,
    token: str | None = TOKEN,
) -> tuple[int, dict, object]:
    """One real HTTP request; the JSON body parsed (None if empty)."""
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    conn = http.client.HTTPConnection(service.host, service.port, timeout=30)
    conn.request(method, path, body=data, headers=sent)
    response = conn.getresponse()
    raw = response.read()
    conn.close()
    headers_out = {k.lower(): v for k, v in response.getheaders()}
    is_json = headers_out.get("content-type", "").startswith("application/json")
    return response.status, headers_out, json.loads(raw) if raw and is_json else raw or None


def hook_request(facts: dict, *, birth_date: str = "1958-04-02", style: str = "observation"):
    """A patient-view request whose prefetch records these facts (and patient text)."""
    bundle = case_bundle(facts, patient_id=PATIENT_ID, birth_date=birth_date, style=style)
    patient = bundle["entry"][0]["resource"]
    patient["name"] = [{"family": "Zzyzx-Testpatient", "given": ["Marguerite"]}]
    found = [e for e in bundle["entry"][1:]]
    for entry in found:
        entry["resource"]["note"] = [{"text": "private note 9b1"}]
    by_kind = {
        kind: {
            "resourceType": "Bundle",
            "type": "searchset",
            "entry": [e for e in found if e["resource"]["resourceType"] == kind],
        }
        for kind in ("Condition", "Observation")
    }
    return {
        "hook": "patient-view",
        "hookInstance": str(uuid.uuid4()),
        "fhirServer": "https://ehr.example.org/fhir",
        "context": {"userId": "Practitioner/example", "patientId": PATIENT_ID},
        "prefetch": {
            "patient": patient,
            "conditions": by_kind["Condition"],
            "observations": by_kind["Observation"],
        },
    }


def cards_of(service: Service, request: dict) -> list[dict]:
    status, _, body = call(service, "POST", "/cds-services/ng234-mscc", request)
    assert status == 200, body
    CARDS.validate(body)
    return body["cards"]


def kind(card: dict) -> str:
    return card["extension"]["ng234"]["kind"]


def test_discovery_names_the_service_and_its_prefetch(service) -> None:
    status, _, body = call(service, "GET", "/cds-services")
    assert status == 200
    DISCOVERY.validate(body)
    (entry,) = body["services"]
    assert entry["hook"] == "patient-view" and entry["id"] == "ng234-mscc"
    assert entry["prefetch"] == {
        "patient": "Patient/{{context.patientId}}",
        "conditions": "Condition?patient={{context.patientId}}",
        "observations": "Observation?patient={{context.patientId}}",
    }


def test_a_red_flag_gets_a_critical_card_citing_1_3_2_in_nices_words(service, passage_map) -> None:
    request = hook_request(RED_FLAG)
    # Cancer as a Condition coded in SNOMED CT, as an EHR's problem list would hold it.
    request["prefetch"]["conditions"]["entry"].append(
        {
            "resource": {
                "resourceType": "Condition",
                "subject": {"reference": f"Patient/{PATIENT_ID}"},
                "verificationStatus": {
                    "coding": [{"system": VERIFICATION_SYSTEM, "code": "confirmed"}]
                },
                "code": {"coding": [{"system": "http://snomed.info/sct", "code": "363346000"}]},
            }
        }
    )
    cards = cards_of(service, request)
    first = cards[0]
    assert first["indicator"] == "critical"
    assert first["source"]["label"] == "NICE NG234 1.3.2"
    assert first["source"]["url"] == "https://www.nice.org.uk/guidance/ng234"
    assert passage_map["1.3.2"].text in first["detail"]
    assert "Limb weakness: yes" in first["detail"]
    assert all(len(c["summary"]) < 140 for c in cards)


def test_the_same_facts_as_conditions_get_the_same_cards(service) -> None:
    as_obs = cards_of(service, hook_request(RED_FLAG))
    as_conditions = cards_of(service, hook_request(RED_FLAG, style="condition"))
    assert [c["summary"] for c in as_obs] == [c["summary"] for c in as_conditions]


def test_unknowns_are_one_pending_card_listing_the_questions(service) -> None:
    cards = cards_of(service, hook_request({"cancer_diagnosis": "yes", "back_pain": "yes"}))
    pending = [c for c in cards if kind(c) == "pending"]
    assert len(pending) == 1
    questions = pending[0]["extension"]["ng234"]["questions"]
    assert questions[:1] and "limb_weakness" in questions
    assert "urn:ng234:fact|limb_weakness" in pending[0]["detail"]
    assert not any(c["source"]["label"] == "NICE NG234 1.3.2" for c in cards)


def test_missing_prefetch_is_412(service) -> None:
    request = hook_request(RED_FLAG)
    del request["prefetch"]["observations"]
    status, _, body = call(service, "POST", "/cds-services/ng234-mscc", request)
    assert status == 412 and "observations" in body["error"]
    request = hook_request(RED_FLAG)
    request["prefetch"]["patient"] = None
    assert call(service, "POST", "/cds-services/ng234-mscc", request)[0] == 412
    request = hook_request(RED_FLAG)
    del request["prefetch"]
    assert call(service, "POST", "/cds-services/ng234-mscc", request)[0] == 412
    # With every key present, the same request is answered.
    assert call(service, "POST", "/cds-services/ng234-mscc", hook_request(RED_FLAG))[0] == 200


def test_a_child_gets_the_scope_card_and_no_advice(service) -> None:
    child = cards_of(service, hook_request(RED_FLAG, birth_date="2014-02-01"))
    assert [kind(c) for c in child] == ["scope"]
    assert child[0]["indicator"] == "info"
    adult = cards_of(service, hook_request(RED_FLAG, birth_date="1990-02-01"))
    assert "scope" not in [kind(c) for c in adult] and adult[0]["indicator"] == "critical"


def test_another_patients_records_are_not_read(service) -> None:
    request = hook_request({"cancer_diagnosis": "yes", "back_pain": "yes"})
    request["prefetch"]["observations"]["entry"].append(
        {
            "resource": {
                "resourceType": "Observation",
                "status": "final",
                "subject": {"reference": "Patient/someone-else"},
                "code": {"coding": [{"system": "urn:ng234:fact", "code": "limb_weakness"}]},
                "valueBoolean": True,
            }
        }
    )
    cards = cards_of(service, request)
    assert not any(c["source"]["label"] == "NICE NG234 1.3.2" for c in cards)


def test_bad_requests_get_400_without_echoing_them(service) -> None:
    status, _, body = call(service, "POST", "/cds-services/ng234-mscc", b"{not json")
    assert status == 400 and body == {"error": "the body is not JSON"}
    request = hook_request(RED_FLAG)
    request["hook"] = "order-select"
    status, _, body = call(service, "POST", "/cds-services/ng234-mscc", request)
    assert status == 400 and PATIENT_ID not in json.dumps(body)


def test_an_oversize_body_is_413(service) -> None:
    request = hook_request(RED_FLAG)
    request["padding"] = "x" * (MAX_BODY + 1)
    status, _, body = call(service, "POST", "/cds-services/ng234-mscc", request)
    assert status == 413 and "bytes" in body["error"]
    small = hook_request(RED_FLAG)
    small["padding"] = "x" * (MAX_BODY // 2)
    assert call(service, "POST", "/cds-services/ng234-mscc", small)[0] == 200


def test_a_wrong_or_missing_token_is_401(service) -> None:
    for token in ("wrong-token", None):
        status, headers, _ = call(service, "GET", "/cds-services", token=token)
        assert status == 401 and headers.get("www-authenticate") == "Bearer"
        status, _, _ = call(
            service, "POST", "/cds-services/ng234-mscc", hook_request(RED_FLAG), token=token
        )
        assert status == 401
    assert call(service, "GET", "/cds-services")[0] == 200


def test_without_a_configured_token_none_is_needed(tmp_path) -> None:
    with service_process(tmp_path / "open.log", {"NG234_HOOKS_TOKEN": None}) as open_service:
        status, _, body = call(open_service, "GET", "/cds-services", token=None)
        assert status == 200
        DISCOVERY.validate(body)


def test_cors_preflight_from_the_sandbox_is_allowed_and_others_are_not(service) -> None:
    preflight = {
        "Origin": ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    status, headers, _ = call(
        service, "OPTIONS", "/cds-services/ng234-mscc", headers=preflight, token=None
    )
    assert status == 200 and headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in headers["access-control-allow-methods"]
    status, headers, _ = call(
        service,
        "OPTIONS",
        "/cds-services/ng234-mscc",
        headers={**preflight, "Origin": "https://evil.example"},
        token=None,
    )
    assert status == 400 and "access-control-allow-origin" not in headers
    status, headers, _ = call(service, "GET", "/cds-services", headers={"Origin": ORIGIN})
    assert status == 200 and headers["access-control-allow-origin"] == ORIGIN


def test_feedback_is_written_to_the_audit_log_without_patient_text(service) -> None:
    cards = cards_of(service, hook_request(RED_FLAG))
    accepted, overridden = cards[0], cards[1]
    feedback = {
        "feedback": [
            {
                "card": accepted["uuid"],
                "outcome": "accepted",
                "outcomeTimestamp": "2026-12-03T09:00:00Z",
            },
            {
                "card": overridden["uuid"],
                "outcome": "overridden",
                "outcomeTimestamp": "2026-12-03T09:01:00Z",
                "overrideReason": {
                    "reason": {"system": "urn:ng234:override-reason", "code": "already-done"},
                    "userComment": "Marguerite already seen, private note 9b1",
                },
            },
        ]
    }
    status, _, _ = call(service, "POST", "/cds-services/ng234-mscc/feedback", feedback)
    assert status == 200
    audit = service.log.parent / "audit.jsonl"
    lines = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    by_card = {r["card"]: r for r in lines if r["kind"] == "cds-hooks.feedback"}
    assert by_card[accepted["uuid"]]["outcome"] == "accepted"
    assert by_card[accepted["uuid"]]["card_shown"]["rule"] == "R1.3.2-contact-coordinator"
    over = by_card[overridden["uuid"]]
    assert over["outcome"] == "overridden"
    assert over["override_reason"] == {
        "system": "urn:ng234:override-reason",
        "code": "already-done",
    }
    assert over["override_comment_given"] is True
    assert any(r["kind"] == "cds-hooks.call" for r in lines)
    text = audit.read_text(encoding="utf-8")
    assert not [s for s in SECRETS if s in text]


def test_bad_feedback_is_400(service) -> None:
    for body in ({"feedback": []}, {"feedback": [{"card": "x", "outcome": "maybe"}]}, [1]):
        status, _, _ = call(service, "POST", "/cds-services/ng234-mscc/feedback", body)
        assert status == 400


def test_the_service_log_holds_no_patient_text(service) -> None:
    cards_of(service, hook_request(RED_FLAG))
    call(service, "POST", "/cds-services/ng234-mscc", b"{not json")
    log = service.log.read_text(encoding="utf-8")
    assert "hook call: scope=in_scope" in log
    assert not [s for s in SECRETS if s in log]


def test_serve_rejects_a_bad_port_or_a_busy_one_in_one_line(capsys) -> None:
    assert main(["hooks", "serve", "--port", "70000"]) == 2
    assert capsys.readouterr().err.startswith("ng234: --port must be a whole number")
    import socket

    port = free_port()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", port))
        busy.listen()
        assert main(["hooks", "serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ng234: cannot listen on 127.0.0.1:{port}") and "Traceback" not in err


def test_the_hooks_benchmark_runs_against_the_real_service(settings) -> None:
    """`ng234 bench --only hooks` in small: a few clients for two seconds, no errors."""
    from assistant.evaluation.bench import hooks_load

    figures = hooks_load(settings, clients=3, seconds=2)
    assert figures["requests"] > 0 and figures["errors"] == 0
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["max_ms"]
