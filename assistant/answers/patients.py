"""One patient out of a handover of several ("Bed 3 - Mr Adams …⏎Bed 4 - Mrs Brennan …").

A message whose lines open with two or more patient headers (a bed, bay or room number, or a
title and surname: `assistant/data/intents.json`, `patient_header_patterns`) describes several
patients. When the rest of the message names exactly one of them ("what do we need to do for
bed 4?", "question is about Mrs Brennan"), only that patient's lines are read, with a notice
naming the others; otherwise every line is read, as before, and the notice asks for one
patient at a time. Reading another patient's findings into this one would over-call; dropping
this patient's would under-call, so lines are dropped only when the message itself names who
it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from assistant.answers.intent import compiled, intents

#: Titles before a surname that names a patient.
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr"})


@dataclass(frozen=True)
class Block:
    """A patient's lines: the header as written ("Bed 4", "Mrs Brennan") and its keys."""

    header: str
    keys: frozenset[str]
    text: str


def _keys(header: str) -> frozenset[str]:
    """What names a patient: 'bed 4' and the surname ('brennan')."""
    words = re.findall(r"[a-z]+|\d+", header.lower())
    keys = set()
    named = _NAME_BEFORE_PLACE.match(header)
    if named:
        keys.add(named.group(1).lower())  # "Doris (room 4)" is named "Doris" too (b133)
    for i, word in enumerate(words):
        if word.isdigit() and i > 0:
            keys.add(f"{words[i - 1]} {word}")
        elif word in TITLES and i + 1 < len(words) and len(words[i + 1]) > 1:
            keys.add(words[i + 1])  # "Mr A" is named by his bed, not by "a"
    return frozenset(keys)


#: A first name before its place in brackets ("- Mabel (room 6):").
_NAME_BEFORE_PLACE = re.compile(r"\W*([A-Za-z][A-Za-z'-]+)\s*\(")


def _header(line: str) -> str | None:
    for pattern in compiled("patient_header_patterns"):
        match = pattern.match(line)
        if match:
            return match.group(0).strip(" -:–—,")
    return None


def split(text: str) -> tuple[list[str], list[Block], list[str]]:
    """The lines before the first patient header, the patient blocks, and the lines after the
    last block that open with no header but follow a blank line or ask a question."""
    before: list[str] = []
    blocks: list[Block] = []
    lines = text.splitlines()
    current: list[str] = []
    header: str | None = None
    for line in lines:
        found = _header(line)
        if found:
            if header is not None:
                blocks.append(Block(header, _keys(header), "\n".join(current)))
            header, current = found, [line]
        elif header is None:
            before.append(line)
        else:
            current.append(line)
    if header is not None:
        # A closing question ("What do we need to do for bed 4?") is not the last patient's,
        # nor a closing line that names a patient by header ("It's Bed 4 I'm worried about.",
        # round 62 b125, whether or not bed 4 is the last): a patient's own lines do not name
        # their own bed again.
        keys = _keys(header)
        named = [k for b in blocks for k in b.keys] + list(keys)
        after = []
        while len(current) > 1 and (
            "?" in current[-1] or not current[-1].strip() or _names(current[-1], named)
        ):
            after.insert(0, current.pop())
        blocks.append(Block(header, keys, "\n".join(current)))
        return before, blocks, after
    return before, blocks, []


def _names(text: str, keys: Iterable[str]) -> bool:
    """Whether the text names a patient by one of these keys ("bed 4", "brennan")."""
    lower = text.lower()
    return any(re.search(rf"\b{re.escape(k)}\b", lower) for k in keys)


def one_patient(text: str) -> tuple[str, str | None]:
    """The text to read for the patient the message is about, and a notice (None if the
    message describes one patient)."""
    before, blocks, after = split(_mid_line_header().sub("\n", text))
    if len(blocks) == 1:
        return _without_other_beds(text, blocks[0], before, after)
    if len(blocks) < 2:
        return text, None
    # A question that closes the last patient's line ("Bed 4: 77F … What does NG234 say for
    # bed 4?", round 78 b157) asks about one of them too, as a line of its own would.
    asked = _QUESTION.findall(blocks[-1].text)
    rest = " ".join([*before, *after, *asked])
    named = [b for b in blocks if _names(rest, b.keys)]
    others = ", ".join(b.header for b in blocks)
    if len(named) != 1:
        return text, (
            f"This message seems to describe more than one patient ({others}); every line was "
            "read as one case. Describe one patient at a time, or say which one you mean."
        )
    chosen = named[0]
    dropped = ", ".join(b.header for b in blocks if b is not chosen)
    kept = "\n".join([*before, chosen.text, *after])
    return kept, (
        f"Read {chosen.header} only, the patient the message asks about; "
        f"{dropped} {'is' if ',' not in dropped else 'are'} another patient and was not read."
    )


@cache
def _place() -> str:
    """The places a patient is named by (`patient_places`), as one alternation, longest
    first ("side room" before "room")."""
    places = sorted(intents().patient_places, key=len, reverse=True)
    return "(?:" + "|".join(r"\s*".join(map(re.escape, p.split())) for p in places) + ")"


@cache
def _mid_line_header() -> re.Pattern[str]:
    """A patient header after a sentence's end on the same line ("… should bed 6 get dex
    too? Bed 6: 72M, prostate ca …", round 62 b126), or named as the question ("NOT my
    question. My question is bed 14: 70F, myeloma …", b148): it opens that patient's lines."""
    return re.compile(
        rf"(?:(?<=[.?!])|(?<=\bquestion is)|(?<=\bquery is)|(?<=\bthis is about))[ \t]+"
        rf"(?={_place()}\s*\d{{1,3}}[a-z]?\s*[-:\u2013\u2014])",
        re.IGNORECASE,
    )


@cache
def _place_key() -> re.Pattern[str]:
    """Another patient named by a place ("the man in bed 4")."""
    return re.compile(rf"\b({_place()})\s*(\d{{1,3}})\b", re.IGNORECASE)


#: A sentence that asks: from the last sentence end to a question mark.
_QUESTION = re.compile(r"[^.?!\n]*\?")
#: A clause of a line: up to a comma, semicolon, colon or sentence end.
_CLAUSE = re.compile(r"[^,;:.?!\n]+[,;:.?!]*\s*")


def _without_other_beds(
    text: str, block: Block, before: list[str], after: list[str]
) -> tuple[str, str | None]:
    """One patient described under a header, the rest of the message naming another bed
    ("the man in bed 4 has MSCC and is on dex 16 mg, so should bed 6 get dex too? Bed 6: …"):
    the clauses about the other bed are another patient's and are not read; the question
    about this one is ("so should bed 6 get dex too?")."""
    dropped: set[str] = set()

    def keep(line: str) -> str:
        kept = []
        for clause in _CLAUSE.findall(line):
            others = {
                f"{m.group(1).lower().split()[-1]} {m.group(2)}"
                for m in _place_key().finditer(clause)
            } - block.keys
            if others and not _names(clause, block.keys):
                dropped.update(others)
                continue
            kept.append(clause)
        return "".join(kept)

    outside = [keep(line) for line in before], [keep(line) for line in after]
    if not dropped:
        return text, None
    kept_text = "\n".join([*outside[0], block.text, *outside[1]])
    names = ", ".join(sorted(dropped))
    return kept_text, (
        f"Read {block.header} only; what the message says of {names} is another patient's "
        "and was not read."
    )
