"""Sections 1.1 to 1.12: numbered recommendations, box 1, and the text between them."""

from __future__ import annotations

import re

from assistant.errors import CorpusParseError
from assistant.guideline.passage import slug
from assistant.guideline.state import Block, ParseState
from assistant.guideline.text import is_heading, paragraphs

_REC_START = re.compile(r"^(\d+)\.(\d+)\.(\d+)\s+(\S.*)$")
_SECTION = re.compile(r"^(1\.(\d+))\s+(\S.*)$")
YEAR_TAG = re.compile(r"\[(2008|2023)\]\s*$")
EVIDENCE = re.compile(r"evidence review ([A-Z]): (.+?)\.?$")

_NAVIGATION = (
    "For a short explanation of why the committee",
    "For a short explanation",
    "Full details of the evidence",
    "No evidence review was done",
    "Return to recommendations",
)


def read_recommendations(state: ParseState, start: int, end: int) -> None:
    """Read sections 1.1-1.12 (lines start..end-1) into recommendation, box and context blocks."""
    i = start
    gap: list[tuple[int, str]] = []
    while i < end:
        line = state.lines[i]
        rec = _REC_START.match(line)
        section = _SECTION.match(line)
        if rec:
            _flush_gap(state, gap)
            gap = []
            i = _recommendation(state, i, end, rec)
            continue
        if section and not rec:
            _flush_gap(state, gap)
            gap = []
            _open_section(state, i + 1, section.group(1), section.group(3))
        elif line.startswith("Box 1"):
            _flush_gap(state, gap)
            gap = []
            i = _box(state, i, end)
            continue
        else:
            gap.append((i + 1, line))
        i += 1
    _flush_gap(state, gap)


def _open_section(state: ParseState, line: int, number: str, title: str) -> None:
    expected = 1 if state.section is None else int(state.section.split(".")[1]) + 1
    if int(number.split(".")[1]) != expected:
        raise CorpusParseError(line, f"section {number} out of order (expected 1.{expected})")
    state.section, state.section_title, state.heading = number, title.strip(), None


def _recommendation(state: ParseState, i: int, end: int, match: re.Match[str]) -> int:
    number = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    rec_id = ".".join(map(str, number))
    line_no = i + 1
    if state.section is None or f"{number[0]}.{number[1]}" != state.section:
        raise CorpusParseError(
            line_no, f"recommendation {rec_id} is outside its section (in {state.section})"
        )
    want = (number[0], number[1], 1)
    if state.expected is not None and state.expected[:2] == number[:2]:
        want = state.expected
    if number != want:
        want_id = ".".join(map(str, want))
        problem = "duplicated" if number < want else "out of order or a number is missing"
        raise CorpusParseError(line_no, f"recommendation {rec_id}: {problem} (expected {want_id})")
    state.expected = (number[0], number[1], number[2] + 1)
    lines = [match.group(4)]
    j = i + 1
    while not YEAR_TAG.search(lines[-1] if lines[-1] else lines[-2] if len(lines) > 1 else ""):
        if j >= end or _REC_START.match(state.lines[j]) or _SECTION.match(state.lines[j]):
            raise CorpusParseError(
                line_no, f"recommendation {rec_id} has no [2008]/[2023] year tag at its end"
            )
        lines.append(state.lines[j])
        j += 1
    year_line = next(s for s in reversed(lines) if s)
    block = Block(
        id=rec_id,
        kind="recommendation",
        line=line_no,
        section=state.section,
        section_title=state.section_title,
        heading=state.heading,
        lines=lines,
        year=int(YEAR_TAG.search(year_line).group(1)),  # type: ignore[union-attr]
    )
    state.blocks.append(block)
    state.pending_evidence.append(block)
    return j


def _box(state: ParseState, i: int, end: int) -> int:
    title = state.lines[i]
    j = i + 1
    body: list[str] = []
    while j < end and not _REC_START.match(state.lines[j]):
        body.append(state.lines[j])
        j += 1
    state.blocks.append(
        Block(
            id="box-1",
            kind="box",
            line=i + 1,
            section=state.section,
            section_title=state.section_title,
            heading=title,
            lines=body,
        )
    )
    return j


def _flush_gap(state: ParseState, gap: list[tuple[int, str]]) -> None:
    """Text between recommendations: headings, navigation, evidence reviews, context."""
    paras = paragraphs(gap, state.page_starts)
    context: list[tuple[int, str]] = []
    k = 0
    while k < len(paras):
        number, para = paras[k]
        if para.startswith("Full details of the evidence") or para.startswith(
            "No evidence review was done"
        ):
            reviews = [para]
            while k + 1 < len(paras) and paras[k + 1][1].startswith("•"):
                k += 1
                reviews.append(paras[k][1])
            _assign_evidence(state, reviews)
        elif para.startswith(_NAVIGATION):
            pass
        elif is_heading(para):
            state.add_context(context, state.heading, _context_key(state))
            context = []
            state.heading = para
        else:
            context.append((number, para))
        k += 1
    state.add_context(context, state.heading, _context_key(state))


def _context_key(state: ParseState) -> str:
    parts = [state.section or "recommendations"]
    if state.heading:
        parts.append(slug(state.heading))
    return "-".join(parts)


def _assign_evidence(state: ParseState, paras: list[str]) -> None:
    found = []
    for para in paras:
        match = EVIDENCE.search(para)
        if match:
            found.append(f"{match.group(1)}: {match.group(2).strip()}")
    if not found and any("2008 full guideline" in para for para in paras):
        found.append("2008 full guideline (no evidence review in 2023)")
    review = "; ".join(found) or None
    for block in state.pending_evidence:
        block.evidence_review = review
    state.pending_evidence = []
