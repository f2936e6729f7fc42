"""Scoring the blind red-flag, scope and follow-up sets, with the real conversation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.errors import InvalidInputError
from assistant.evaluation import followup_set, redflag_set, scope_set
from assistant.evaluation.jsonl import load_rows


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("\ufeff" + "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_bad_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "a"}\n{"id": 1}\n', encoding="utf-8")
    with pytest.raises(InvalidInputError, match="line 2"):
        load_rows(path, redflag_set.RedFlagInput)


def test_red_flag_scoring(conversation, tmp_path: Path) -> None:
    rows = load_rows(
        _write(
            tmp_path / "rf.jsonl",
            [
                {
                    "id": "a",
                    "text": "known breast ca\nno fever\nweak legs",
                    "present": ["limb_weakness"],
                },
                {"id": "b", "text": "known lung ca, no leg weakness", "negated": ["limb_weakness"]},
            ],
        ),
        redflag_set.RedFlagInput,
    )
    report = redflag_set.summarise(redflag_set.run(conversation, rows))
    assert report["recorded_absent"] == 0
    assert report["outcomes"] == {"present": 1}
    assert report["negated_read_as"] == {"no": 1}


def test_scope_scoring(conversation, tmp_path: Path) -> None:
    rows = load_rows(
        _write(
            tmp_path / "sc.jsonl",
            [
                {"id": "in", "text": "dose of dexamethasone in MSCC?", "in_scope": True},
                {"id": "out", "text": "best lasagne recipe", "in_scope": False},
            ],
        ),
        scope_set.ScopeInput,
    )
    report = scope_set.summarise(scope_set.run(conversation, rows))
    assert report["in_scope_refused"] == 0
    assert report["out_of_scope_refused"] == 1


def test_follow_up_scoring(conversation, tmp_path: Path) -> None:
    rows = load_rows(
        _write(
            tmp_path / "fu.jsonl",
            [
                {
                    "id": "c",
                    "turns": ["known prostate ca, new leg weakness"],
                    "checks": [
                        {
                            "after_turn": 0,
                            "intent": "case",
                            "facts": {"limb_weakness": "yes"},
                            "must_cite": ["1.3.2"],
                        }
                    ],
                }
            ],
        ),
        followup_set.FollowUpConversation,
    )
    report = followup_set.summarise(followup_set.run(conversation, rows))
    assert report["fully_right"] == 1


def test_unreadable_text_is_no_refusal_but_an_outside_topic_is(conversation, tmp_path) -> None:
    def one(text: str, refused: bool, kind: str) -> dict:
        check = {"after_turn": 0, "intent": kind, "refused": refused}
        return {"id": f"{kind}-{refused}", "turns": [text], "checks": [check]}

    rows = load_rows(
        _write(
            tmp_path / "fu.jsonl",
            [
                one("asdfjkl;", False, "unreadable"),
                one("asdfjkl;", True, "unreadable"),
                one("what is the first line treatment for hypertension?", True, "question"),
                one("what is the first line treatment for hypertension?", False, "question"),
            ],
        ),
        followup_set.FollowUpConversation,
    )
    results = {r.id: r.ok for r in followup_set.run(conversation, rows)}
    assert results == {
        "unreadable-False": True,
        "unreadable-True": False,
        "question-True": True,
        "question-False": False,
    }


def test_cli_redflags_exits_nonzero_only_when_a_red_flag_is_lost(tmp_path: Path, capsys) -> None:
    path = _write(
        tmp_path / "rf.jsonl",
        [{"id": "a", "text": "known breast ca\nno fever\nweak legs", "present": ["limb_weakness"]}],
    )
    assert main(["eval", "redflags", "--file", str(path)]) == 0
    assert "recorded_absent: 0" in capsys.readouterr().out


def _case(cid: str, turns: list[str], cite: list[str], **extra) -> dict:
    return {"id": cid, "turns": turns, "must_cite": cite, "must_not_offer": [], **extra}


def test_order_scoring_leads_and_misses(conversation, tmp_path: Path) -> None:
    from assistant.evaluation import order_set

    path = _write(
        tmp_path / "cases.jsonl",
        [
            _case("cord", ["known prostate ca, new leg weakness"], ["1.3.2", "1.5.2", "1.8.1"]),
            # 1.2.9 (access to support) applies but is standing care, folded after the actions
            _case("standing", ["known prostate ca, new leg weakness"], ["1.2.9"]),
            _case("oos", ["what's the weather"], [], out_of_scope=True),
        ],
    )
    results = order_set.run(conversation, [path])
    assert [r.id for r in results] == ["cord", "standing"]  # nothing expected: not scored
    cord, standing = results
    assert cord.led_right and max(cord.positions.values()) <= order_set.TOP
    assert not standing.led_right and standing.positions["1.2.9"] > order_set.TOP
    report = order_set.summarise(results)
    assert report["led_right"] == 1 and report["cases"] == 2
    assert report["per_file"]["cases.jsonl"]["cases"] == 2
    assert [m["id"] for m in report["misses"]] == ["standing"]


def test_cli_eval_order(tmp_path: Path, capsys) -> None:
    path = _write(
        tmp_path / "c.jsonl",
        [_case("cord", ["known prostate ca, new leg weakness"], ["1.3.2"])],
    )
    assert main(["eval", "order", "--file", str(path)]) == 0
    out = capsys.readouterr().out
    assert "led_right: 1" in out and "c.jsonl: 1/1 led right" in out
    assert main(["eval", "order", "--file", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["share"] == 1.0 and report["misses"] == []


def test_a_what_if_follow_up_is_scored_on_the_rows_it_asks_about(conversation, tmp_path) -> None:
    """A supposition ("what if she develops leg weakness?") writes nothing, so what it cites is
    the rule it would make apply, shown first as depending on it: counted for a follow-up turn,
    never for a case turn (whose must_cite means rules that apply)."""

    def one(kind: str) -> dict:
        check = {"after_turn": 1, "intent": kind, "must_cite": ["1.3.2"]}
        turns = ["58F breast ca, known T8 mets, pain controlled, walking fine",
                 "what if she develops leg weakness over the weekend?"]  # fmt: skip
        return {"id": kind, "turns": turns, "checks": [check]}

    rows = load_rows(
        _write(tmp_path / "fu.jsonl", [one("follow_up"), one("case")]),
        followup_set.FollowUpConversation,
    )
    results = {r.id: r.ok for r in followup_set.run(conversation, rows)}
    assert results == {"follow_up": True, "case": False}


def test_cli_an_invalid_line_stops_the_run_unless_skipped(tmp_path: Path, capsys) -> None:
    good = {"id": "a", "text": "known breast ca\nweak legs", "present": ["limb_weakness"]}
    path = _write(tmp_path / "rf.jsonl", [good, {"id": "b", "present": []}])
    assert main(["eval", "redflags", "--file", str(path)]) != 0
    err = capsys.readouterr().err
    assert "line 2 (id b): not a valid input" in err and "Traceback" not in err
    assert main(["eval", "redflags", "--file", str(path), "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "inputs: 1" in out and "skipped_invalid: 1" in out
