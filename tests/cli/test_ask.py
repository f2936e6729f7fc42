"""`ng234 ask --cases`: a bad line never costs the batch (issue #13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


def test_ask_handover_markdown_and_all(capsys) -> None:
    case = "71M known prostate ca, new leg weakness since this morning"
    assert main(["ask", "--handover", case]) == 0
    handover = capsys.readouterr().out
    assert handover.startswith("NG234 handover · ") and "S - Situation" in handover
    assert len(handover.splitlines()) <= 40 and "Age: 71" in handover
    assert main(["ask", "--markdown", case]) == 0
    assert capsys.readouterr().out.startswith("# NG234 assistant: full cited answer")
    assert main(["ask", case]) == 0
    short = capsys.readouterr().out
    assert main(["ask", "--all", case]) == 0
    full = capsys.readouterr().out
    assert "FOLDED (ng234 ask --all" in short and "FOLDED" not in full
    assert len(full) > len(short) and "ALSO FOR EVERYONE WITH SPINAL METASTASES" in full
    # the shapes are alternatives: two at once is a usage error, not a traceback
    with pytest.raises(SystemExit) as stop:
        main(["ask", "--handover", "--markdown", case])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "not allowed with argument" in err and "Traceback" not in err
