"""Rationale and impact: the committee's reasons, and the recommendations each one covers."""

from __future__ import annotations

import re

from assistant.errors import CorpusParseError
from assistant.guideline.state import Block, ParseState
from assistant.guideline.text import paragraphs

_RATIONALE_HEAD = re.compile(
    r"^Recommendations? (\d+\.\d+\.\d+)(?:\s+(to|and)\s+(\d+\.\d+\.\d+))?\s*$"
)

# NG234 discusses denosumab (1.7.14) inside the 1.7.11-1.7.13 block, whose header names only
# the bisphosphonate recommendations: (extra id, word the block must contain to claim it).
_RATIONALE_EXTRA_COVERS = {"rationale-1.7.11-1.7.13": ("1.7.14", "denosumab")}


def _rec_key(rec_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in rec_id.split("."))


def _expand_range(first: str, joiner: str | None, last: str | None, line: int) -> tuple[str, ...]:
    """ "1.1.1 to 1.1.4" -> ids 1.1.1..1.1.4; "1.2.9 and 1.2.10" -> both; single -> itself."""
    if last is None:
        return (first,)
    a, b = _rec_key(first), _rec_key(last)
    if joiner == "and":
        return (first, last)
    if a[:2] != b[:2] or b[2] < a[2]:
        raise CorpusParseError(line, f"rationale range {first} to {last} is not a valid range")
    return tuple(f"{a[0]}.{a[1]}.{n}" for n in range(a[2], b[2] + 1))


def read_rationale(state: ParseState, start: int, end: int) -> None:
    """Read 'Rationale and impact': its intro as context, then one block per rationale header."""
    i = start + 1
    intro: list[tuple[int, str]] = []
    while i < end and (not intro or state.lines[i]):
        if state.lines[i]:
            intro.append((i + 1, state.lines[i]))
        i += 1
    state.add_context(paragraphs(intro), "Rationale and impact", "rationale-and-impact")
    heading = ""
    pending: list[str] = []
    current: Block | None = None
    for n in range(i, end):
        line = state.lines[n]
        head = _RATIONALE_HEAD.match(line)
        if head:
            if pending:
                heading, pending = " ".join(pending), []
            covers = _expand_range(head.group(1), head.group(2), head.group(3), n + 1)
            first, last = covers[0], covers[-1]
            rid = f"rationale-{first}" if first == last else f"rationale-{first}-{last}"
            current = Block(
                id=rid,
                kind="rationale",
                line=n + 1,
                section=".".join(first.split(".")[:2]),
                heading=heading or None,
                covers=covers,
            )
            state.blocks.append(current)
        elif line.startswith("Return to recommendation"):
            current = None
        elif current is not None:
            current.lines.append(line)
        elif line:
            pending.append(line)
        elif pending:
            heading, pending = " ".join(pending), []


def link_rationale(blocks: list[Block]) -> dict[str, str]:
    """Check and complete each rationale's covers, titles and reviews; map rec id -> rationale."""
    recs = {b.id: b for b in blocks if b.kind == "recommendation"}
    section_titles = {b.section: b.section_title for b in recs.values()}
    rationale_of: dict[str, str] = {}
    for block in blocks:
        if block.kind != "rationale":
            continue
        for rec_id in block.covers:
            if rec_id not in recs:
                raise CorpusParseError(
                    block.line, f"rationale names recommendation {rec_id}, which does not exist"
                )
        extra = _RATIONALE_EXTRA_COVERS.get(block.id)
        if extra and extra[0] in recs and extra[1] in " ".join(block.lines).lower():
            block.covers = (*block.covers, extra[0])
        covers = block.covers
        block.section_title = section_titles.get(block.section)
        reviews = {recs[r].evidence_review for r in block.covers if recs[r].evidence_review}
        block.evidence_review = "; ".join(sorted(reviews)) or None
        for rec_id in covers:
            rationale_of.setdefault(rec_id, block.id)
    return rationale_of


def research_rationale(block: Block, by_heading: dict[str, Block]) -> Block | None:
    """The rationale a research passage points to ("see the rationale section on ..."), if any."""
    body = " ".join(block.lines)
    match = re.search(r"see the rationale section on (.+?)\.", body)
    if not match:
        return None
    return by_heading.get(match.group(1).strip().lower())
