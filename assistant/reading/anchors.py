"""Anchors: literal words a regex cannot match without, so a message skips the patterns it
cannot contain.

The vocabulary holds some 1,600 target and cue patterns; a message contains the words of a few
dozen. Each pattern's anchors are read once from its parse tree: a set of lower-case ASCII
strings, one of which every match contains ("cauda equina" for a pattern about the cauda
equina, {"can't", "cant", "cannot"} for a branch of three). `could_match` is then a substring
test on the message folded once (`fold`). The check is sound by construction (a pattern is only
skipped when none of the strings any match must contain is in the text), and a test proves it
on every message of every evaluation set; a pattern whose anchors cannot be read (None) always
runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre  # the parse tree's opcodes (CPython 3.11+)
from re import _parser as sre_parse

#: Non-ASCII characters that Python's case-insensitive matching equates with an ASCII letter,
#: to that letter (the test derives this table from `re` over every code point). Folding them
#: first keeps the substring test sound: "İ".lower() is two characters, "i" and a dot.
FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}

_ASCII = frozenset(chr(i) for i in range(32, 127))
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)

Anchors = frozenset[str] | None


def fold(text: str) -> str:
    """The text as anchors are looked for in it: case-folded, its ASCII look-alikes folded."""
    return text.translate(FOLD).lower()


def _char(code: int) -> str | None:
    """A literal's character as anchors hold it, or None when it is not plain ASCII."""
    ch = chr(code).lower()
    return ch if ch in _ASCII else None


def _one_char(items: list) -> str | None:
    """A character class that is one character in any case ("[Nn]"), else None."""
    chars = {_char(value) if op is sre.LITERAL else None for op, value in items}
    return chars.pop() if len(chars) == 1 and None not in chars else None


def _required(seq) -> Anchors:
    """Strings one of which every match of the parsed sequence contains, or None."""
    options: list[frozenset[str]] = []
    run = ""
    for op, value in seq:
        ch = _char(value) if op is sre.LITERAL else _one_char(value) if op is sre.IN else None
        if ch is not None:
            run += ch
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        found: Anchors = None
        if op is sre.SUBPATTERN:
            found = _required(value[3])
        elif op is sre.ATOMIC_GROUP:
            found = _required(value)
        elif op is sre.ASSERT:  # a lookahead or lookbehind reads text the message holds
            found = _required(value[1])
        elif op in _REPEATS and value[0] >= 1:
            found = _required(value[2])
        elif op is sre.BRANCH:
            alternatives = [_required(alt) for alt in value[1]]
            if all(alternatives):
                found = frozenset().union(*alternatives)
        if found:
            options.append(found)
    if run:
        options.append(frozenset([run]))
    if not options:
        return None
    # The most selective option: its shortest string longest, then the fewest strings.
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def required(regex: re.Pattern[str]) -> Anchors:
    """The anchors of a compiled pattern: None when no literal is required of every match."""
    try:
        tree = sre_parse.parse(regex.pattern, regex.flags)
    except (re.error, TypeError, ValueError):  # pragma: no cover - it compiled already
        return None
    return _required(tree) or None


def could_match(anchors: Anchors, folded: str) -> bool:
    """False only when the pattern cannot match the text `folded` was made from."""
    return anchors is None or any(a in folded for a in anchors)


@dataclass(frozen=True)
class Anchored:
    """A compiled pattern, the vocabulary index it reports, and its anchors."""

    regex: re.Pattern[str]
    idx: int
    anchors: Anchors

    @classmethod
    def of(cls, regex: re.Pattern[str], idx: int) -> Anchored:
        return cls(regex, idx, required(regex))
