"""A correction that swaps one value for another ("3 weeks, not 3 days", "the radiotherapy was 7
months ago, not 2"): the earlier message is read again with the value swapped, and what that
changes is what the correction states (pure; the reading itself is the caller's)."""

from __future__ import annotations

import re

#: "<new>, not <old>" at the end of a clause; "<old>" may drop words the new value repeats
#: ("7 months ago, not 2").
_NEW_NOT_OLD = re.compile(
    r"(?P<before>[^.!?;\n]*?)[\s,]+not\s+(?P<old>[\w/.+-]+(?:\s+[\w/.+-]+){0,3}?)\s*(?:[.!?,;)]|$)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w/+-]+(?:\.\d+)?")
#: The most words a swapped value may have.
_LONGEST = 4


def _kind(word: str) -> str:
    return "number" if word[:1].isdigit() else "word"


def swapped(earlier: str, text: str) -> tuple[str, str, str] | None:
    """The earlier message with the value this one corrects swapped for the new one, with the
    old and new values as said there, or None: no "<new>, not <old>" whose old value (completed
    from the new one's words: "2" after "7 months ago" is "2 months ago") the earlier message
    says."""
    for m in _NEW_NOT_OLD.finditer(text):
        before = _WORD.findall(m.group("before"))
        old = _WORD.findall(m.group("old"))
        if not before or not old or len(old) > _LONGEST:
            continue
        for k in range(len(old), min(_LONGEST, len(before)) + 1):
            new = before[-k:]
            whole_old = old + new[len(old) :]
            if _kind(new[0]) != _kind(whole_old[0]) or [w.lower() for w in new] == [
                w.lower() for w in whole_old
            ]:
                continue
            said = re.compile(
                r"(?<![\w/.+-])" + r"\s+".join(re.escape(w) for w in whole_old) + r"(?![\w/+-])",
                re.IGNORECASE,
            )
            found = said.search(earlier)
            if found:
                fixed = earlier[: found.start()] + " ".join(new) + earlier[found.end() :]
                return fixed, found.group(), " ".join(new)
    return None
