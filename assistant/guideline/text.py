"""NG234's extracted text as lines and paragraphs: page furniture removed, wrapped lines rejoined.

The source (corpus/ng234.txt) carries page furniture: running footer, copyright line, page
numbers, bare URLs, and a leading space that marks a page break. These helpers remove it and
rebuild paragraphs and bullets without changing NICE's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# --- page furniture -------------------------------------------------------------------------

_FOOTER_PATTERNS = (
    re.compile(r"^Spinal metastases and metastatic spinal cord compression \(NG234\)$"),
    re.compile(r"^© NICE \d{4}\. All rights reserved\..*$"),
    re.compile(r"^conditions#notice-of-rights\)\.$"),
    re.compile(r"^Page \d+( of)?$"),
    re.compile(r"^Page \d+ of \d+$"),
    re.compile(r"^(of )?\d+$"),
    re.compile(r"^https?://\S+$"),
)


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture, not guideline text."""
    stripped = line.strip()
    return any(p.match(stripped) for p in _FOOTER_PATTERNS)


def clean_lines(text: str) -> list[str]:
    """The source lines with furniture blanked and page-break indentation removed."""
    return ["" if is_furniture(raw) else raw.strip() for raw in text.splitlines()]


def normalise(text: str) -> str:
    """Whitespace-normalised text with page furniture removed: the form quotes are matched in."""
    kept = [line.strip() for line in text.splitlines() if not is_furniture(line)]
    return " ".join(" ".join(kept).split())


# --- paragraph reconstruction ---------------------------------------------------------------

_BULLETS = ("•", "－")


def join_lines(lines: Sequence[str]) -> str:
    """Rejoin wrapped lines: bullets start a new line, a blank then a capital starts a paragraph.

    A page break or PDF extraction can leave a blank line inside a sentence ("...for people"
    / "" / "with:"); a lower-case continuation is joined to the line before it.
    """
    out: list[str] = []
    blank_before = False
    for line in lines:
        if not line:
            blank_before = True
            continue
        starts_new = (
            not out
            or line.startswith(_BULLETS)
            or (blank_before and not line[0].islower() and line[0] not in "([")
        )
        if starts_new:
            out.append(line)
        else:
            out[-1] = f"{out[-1]} {line}"
        blank_before = False
    return "\n".join(" ".join(part.split()) for part in out)


def is_heading(paragraph: str) -> bool:
    """A short paragraph with no sentence punctuation at its end is a heading."""
    if paragraph.startswith(_BULLETS) or len(paragraph) > 110:
        return False
    return not paragraph.endswith((".", ":", ",", ";", ")")) or paragraph == "Who is it for?"


def paragraphs(
    lines: list[tuple[int, str]], breaks: frozenset[int] | set[int] = frozenset()
) -> list[tuple[int, str]]:
    """Group (line number, text) pairs into paragraphs separated by blank lines.

    A line in `breaks` (a page start) also opens a paragraph unless it continues a sentence
    in lower case.
    """
    paras: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in lines + [(0, "")]:
        if line and current and number in breaks and not line[0].islower():
            paras.append((start, " ".join(" ".join(current).split())))
            current = []
        if line:
            if not current:
                start = number
            current.append(line)
        elif current:
            paras.append((start, " ".join(" ".join(current).split())))
            current = []
    return paras
