"""A pattern is skipped only when it cannot match: the anchors read from its parse tree are
words every match contains, on every message the evaluation sets hold, and the fold table is the
one Python's case-insensitive matching implies."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.reading.anchors import FOLD, Anchored, could_match, fold, required
from assistant.reading.mentions import find_cues, find_targets
from assistant.reading.pipeline import pipeline
from assistant.reading.text import segment

EVAL = Path(__file__).resolve().parents[2] / "eval"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    return []


def _messages() -> list[str]:
    found: set[str] = set()
    for path in sorted(EVAL.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                found.update(s for s in _strings(json.loads(line)) if len(s) > 12)
            except json.JSONDecodeError:
                continue
    return sorted(found)


def test_the_fold_table_is_what_case_insensitive_matching_equates_with_ascii() -> None:
    printable = re.compile(r"[ -~]", re.IGNORECASE)
    derived = {}
    for code in range(0x80, sys.maxunicode + 1):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF or not printable.fullmatch(ch):
            continue
        (ascii_char,) = [
            a for a in map(chr, range(32, 127)) if re.fullmatch(re.escape(a), ch, re.IGNORECASE)
        ][:1]
        derived[code] = ascii_char.lower()
    assert derived == FOLD
    assert fold("İNABILITY to walK") == "inability to walk"


@pytest.mark.parametrize(
    ("pattern", "flags", "anchors"),
    [
        (r"cauda\s+equina", re.IGNORECASE, {"equina"}),
        (r"\b(?:can't|cannot|unable to)\s+walk", re.IGNORECASE, {"can't", "cannot", "unable to"}),
        (r"\bUR\b", 0, {"ur"}),
        (r"[Nn]umb(?:ness)?", 0, {"numb"}),
        (r"(?<=leg )weak", re.IGNORECASE, {"leg "}),
        (r"(?:weak|)\s*legs?", re.IGNORECASE, {"leg"}),
        (r"(?:weak|)\s*\d+", re.IGNORECASE, None),
        (r"(?!no )\w+", re.IGNORECASE, None),
        (r"[^a]bc?", re.IGNORECASE, {"b"}),
        (r"(?:pain)?\s+", re.IGNORECASE, None),
        (r"café", re.IGNORECASE, {"caf"}),
    ],
)
def test_anchors_are_the_words_every_match_contains(pattern, flags, anchors) -> None:
    got = required(re.compile(pattern, flags))
    assert got == (None if anchors is None else frozenset(anchors))


def test_a_pattern_without_anchors_always_runs() -> None:
    assert could_match(None, "")
    assert not could_match(frozenset({"equina"}), fold("no saddle numbness"))
    assert could_match(frozenset({"equina"}), fold("CAUDA EQUINA"))


def test_no_pattern_is_skipped_on_a_message_it_matches() -> None:
    """Every target and cue pattern, on a deterministic sample of the evaluation messages."""
    pipe = pipeline()
    patterns = pipe.target_regexes + pipe.cue_regexes
    assert sum(p.anchors is not None for p in patterns) > 0.99 * len(patterns)
    messages = _messages()
    sample = messages[:: max(1, len(messages) // 600)]
    assert len(sample) > 500
    skipped_but_matching = [
        (p.regex.pattern, text)
        for text in sample
        for p in patterns
        if not could_match(p.anchors, fold(text)) and p.regex.search(text)
    ]
    assert skipped_but_matching == []


def test_mentions_and_cues_are_those_of_running_every_pattern() -> None:
    """Anchors change speed only: each message's targets and cues are the same as when every
    pattern runs on it."""
    pipe = pipeline()
    unanchored = replace(
        pipe,
        target_regexes=tuple(Anchored(p.regex, p.idx, None) for p in pipe.target_regexes),
        cue_regexes=tuple(Anchored(p.regex, p.idx, None) for p in pipe.cue_regexes),
    )
    messages = _messages()
    shouted = "Known prostate ca. CAN'T WALK since yesterday, numb saddle; UR 900 ml. İnability"
    for text in [shouted, *messages[:: max(1, len(messages) // 150)]]:
        fast, slow = segment(text, []), segment(text, [])
        got = [(m.start, m.end, m.entry) for m in find_targets(fast, pipe)]
        want = [(m.start, m.end, m.entry) for m in find_targets(slow, unanchored)]
        assert got == want, text
        assert find_cues(fast, pipe) == find_cues(slow, unanchored), text
