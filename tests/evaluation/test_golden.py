"""Golden answers: any change of behaviour on the dev cases or dev questions fails, readably.

tests/data/golden_answers.jsonl is written by `ng234 golden record` after a change has been
reviewed; a dependency, model, vocabulary or rule change that shifts an answer or a ranking
fails here until it is (docs/SAFETY.md H08).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.errors import InvalidInputError
from assistant.evaluation import golden
from assistant.evaluation.cases import DEV_CASES, load_cases
from assistant.evaluation.retrieval import DEV_SET, load_dev


@pytest.fixture(scope="module")
def now(conversation) -> list[dict]:
    questions = [q.q for q in load_dev(DEV_SET)]
    return golden.current(conversation, load_cases(DEV_CASES), questions)


def test_golden_file_covers_every_dev_case_and_question() -> None:
    recorded = golden.load()
    kinds = {(e["kind"], e["id"]) for e in recorded}
    assert {("case", c.id) for c in load_cases(DEV_CASES)} <= kinds
    assert {("retrieval", q.q) for q in load_dev(DEV_SET)} <= kinds
    assert recorded[0]["kind"] == "meta"


def test_answers_match_the_golden_file(now) -> None:
    diff = golden.compare(golden.load(), now)
    assert not diff, "behaviour changed since the golden file was recorded:\n" + "\n".join(diff)


def test_golden_entries_are_deterministic(conversation, now) -> None:
    cases = load_cases(DEV_CASES)[:10]
    again = golden.current(conversation, cases, [])
    assert again[1:] == [e for e in now if e["kind"] == "case"][:10]


# --- the diff reads as what changed ------------------------------------------------------------


def _entry(**changes) -> dict:
    base = {
        "kind": "case",
        "id": "c1",
        "intent": "case",
        "out_of_scope": False,
        "recommendations": ["1.3.2 offer immediate (R1.3.2-x)"],
        "conditional": [],
        "lookups": [],
        "questions": ["mscc"],
        "facts": {"cancer_diagnosis": "yes", "limb_weakness": "yes"},
        "conflicts": [],
    }
    return {**base, **changes}


def test_compare_names_the_case_and_the_change() -> None:
    meta_old = {"kind": "meta", "id": "meta", "versions": {"torch": "2.13.0"}}
    meta_new = {"kind": "meta", "id": "meta", "versions": {"torch": "2.14.0"}}
    changed = _entry(recommendations=["1.3.2 offer 24h (R1.3.2-x)"])
    diff = golden.compare([meta_old, _entry()], [meta_new, changed])
    text = "\n".join(diff)
    assert "~ case c1" in text
    assert "-applies: 1.3.2 offer immediate (R1.3.2-x)" in text
    assert "+applies: 1.3.2 offer 24h (R1.3.2-x)" in text
    assert "context: torch 2.13.0 -> 2.14.0" in text
    assert "ng234 golden record" in text


def test_compare_reports_new_missing_and_retrieval_changes() -> None:
    old = [_entry(), golden.retrieval_entry("q?", ["1.8.1", "1.8.2"], True)]
    new = [_entry(id="c2"), golden.retrieval_entry("q?", ["1.8.2", "1.8.1"], False)]
    text = "\n".join(golden.compare(old, new))
    assert "+ new case not in the golden file: c2" in text
    assert "- case in the golden file but no longer in the dev set: c1" in text
    assert "-rank 1: 1.8.1" in text and "+rank 1: 1.8.2" in text
    assert "-in_scope: True" in text


def test_identical_behaviour_with_a_new_environment_is_no_diff() -> None:
    meta_old = {"kind": "meta", "id": "meta", "versions": {"torch": "1"}}
    meta_new = {"kind": "meta", "id": "meta", "versions": {"torch": "2"}}
    assert golden.compare([meta_old, _entry()], [meta_new, _entry()]) == []


def test_missing_or_broken_golden_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no golden file") as info:
        golden.load(tmp_path / "none.jsonl")
    assert "ng234 golden record" in info.value.user_message()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "case", "id": "a"}\n{oops\n')
    with pytest.raises(InvalidInputError, match="line 2"):
        golden.load(bad)


# --- the commands ------------------------------------------------------------------------------


def test_cli_record_then_check(tmp_path: Path, search_settings, monkeypatch, capsys) -> None:
    monkeypatch.setenv("NG234_INDEX_DIR", str(search_settings.index_dir))
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"id": "a", "turns": ["known breast ca, weak legs"]}\n'
        '{"id": "b", "turns": ["dose of dex?"]}\n',
        encoding="utf-8",
    )
    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"q": "dose of dex?", "ids": ["1.8.1"]}\n', encoding="utf-8")
    file = tmp_path / "golden.jsonl"
    common = ["--file", str(file), "--cases", str(cases), "--questions", str(questions)]
    assert main(["golden", "record", *common]) == 0
    assert "recorded 2 cases and 1 questions" in capsys.readouterr().out
    assert main(["golden", "check", *common]) == 0
    assert "unchanged" in capsys.readouterr().out
    # A behaviour change (here: a hand-edited record) fails the check with the diff.
    lines = [json.loads(line) for line in file.read_text().splitlines()]
    lines[1]["recommendations"][0] = lines[1]["recommendations"][0].replace("immediate", "routine")
    file.write_text(golden.dumps(lines))
    assert main(["golden", "check", *common]) == 1
    out = capsys.readouterr().out
    assert "~ case a" in out and "routine" in out and "ng234 golden record" in out
