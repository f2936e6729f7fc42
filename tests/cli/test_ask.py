"""`ng234 ask --cases`: a bad line never costs the batch (issue #13)."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.cli import main


def test_bad_lines_are_reported_and_the_rest_answered(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_bytes(
        "\ufeff".encode()
        + b'{"id": "a", "turns": ["known breast ca, weak legs"]}\n'
        + b'{"id": "b", "turns": []}\n'
        + b"not json\n"
        + b'{"id": "a", "turns": ["dose of dex?"]}\n'
        + b"\n"
        + b'{"id": "c", "turns": ["dose of dex?"]}\n'
    )
    code = main(["ask", "--cases", str(path)])
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert code == 1
    assert [r.get("id") for r in rows] == ["a", "b", None, "a", "c"]
    assert "answer" in rows[0] and "answer" in rows[4]
    assert rows[1]["line"] == 2 and "turns" in rows[1]["error"]
    assert rows[2]["line"] == 3 and "not JSON" in rows[2]["error"]
    assert rows[3]["line"] == 4 and "duplicate id 'a'" in rows[3]["error"]
    assert "3 of 5 lines" in captured.err


def test_a_clean_file_with_a_byte_order_mark_exits_zero(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('\ufeff{"id": "q", "turns": ["dose of dex?"]}\n', encoding="utf-8")
    assert main(["ask", "--cases", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "q"
