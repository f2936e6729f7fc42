"""docs/INTEROP.md cannot drift: its fact table, its example and its settings are checked."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from assistant.interop.bundle import read_bundle
from assistant.interop.cards import cards_for
from assistant.interop.codes import markdown_table
from assistant.interop.service import record_bundle
from assistant.settings import Settings

DOC = (Path(__file__).resolve().parents[2] / "docs" / "INTEROP.md").read_text(encoding="utf-8")


def json_blocks() -> list:
    return [json.loads(b) for b in re.findall(r"```json\n(.*?)\n```", DOC, re.DOTALL)]


def test_the_fact_table_is_the_code_map() -> None:
    table = DOC.split("<!-- facts:start -->\n")[1].split("\n<!-- facts:end -->")[0]
    assert table == markdown_table()


def test_the_example_response_is_what_the_service_answers(passage_map) -> None:
    blocks = json_blocks()
    request = next(b for b in blocks if isinstance(b, dict) and b.get("hook") == "patient-view")
    first = next(b for b in blocks if isinstance(b, dict) and "uuid" in b)
    record, _ = record_bundle(request)
    cards = cards_for(read_bundle(record, date.today()), passage_map).cards
    assert {**cards[0], "uuid": first["uuid"]} == first
    rows = re.findall(r"^\| (critical|warning|info) \| (NICE NG234[^|]*) \| (.*) \|$", DOC, re.M)
    assert [(c["indicator"], c["source"]["label"], c["summary"]) for c in cards] == [
        (i, label.strip(), summary) for i, label, summary in rows
    ]
    assert f"The response holds {len(cards)} cards" in DOC


def test_the_security_settings_are_documented_with_their_defaults() -> None:
    settings = Settings()
    assert settings.hooks_token is None and "`NG234_HOOKS_TOKEN` | unset" in DOC
    assert json.dumps(list(settings.hooks_cors_origins)) in DOC
    assert f"`NG234_HOOKS_MAX_BODY_BYTES` | `{settings.hooks_max_body_bytes}`" in DOC
