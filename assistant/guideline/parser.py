"""The NG234 parser: one pass over the cleaned text, region by region, into `Passage`s."""

from __future__ import annotations

from assistant.errors import CorpusParseError
from assistant.guideline.matter import read_front_matter, read_research, read_terms
from assistant.guideline.passage import Passage, strength_of
from assistant.guideline.rationale import link_rationale, read_rationale, research_rationale
from assistant.guideline.recommendations import read_recommendations
from assistant.guideline.state import Block, ParseState
from assistant.guideline.text import join_lines


def parse(text: str) -> list[Passage]:
    """Parse the NG234 full-guideline text into passages; raise CorpusParseError on bad shape."""
    state = ParseState(text)
    recs_start = state.find(lambda s: s.startswith("1.1 "))
    terms_start = state.find(lambda s: s == "Terms used in this guideline", recs_start)
    research_start = state.find(lambda s: s == "Recommendations for research", terms_start)
    rationale_start = state.find(lambda s: s == "Rationale and impact", research_start)
    more_start = state.find(lambda s: s.startswith("Finding more information"), rationale_start)
    for name, idx in (
        ("'1.1' (the first section)", recs_start),
        ("'Terms used in this guideline'", terms_start),
        ("'Recommendations for research'", research_start),
        ("'Rationale and impact'", rationale_start),
        ("'Finding more information'", more_start),
    ):
        if idx < 0:
            raise CorpusParseError(len(state.lines), f"heading {name} not found")
    read_front_matter(state, 0, recs_start)
    read_recommendations(state, recs_start, terms_start)
    read_terms(state, terms_start, research_start)
    read_research(state, research_start, rationale_start)
    read_rationale(state, rationale_start, more_start)
    read_front_matter(state, more_start, len(state.lines))
    return _finish(state.blocks)


def _number_duplicates(blocks: list[Block]) -> None:
    """Give repeated context ids a suffix (-2, -3, ...); any other repeated id is an error."""
    seen: dict[str, Block] = {}
    for block in blocks:
        if block.id in seen:
            # Context passages may share a key (same heading twice): number them.
            if block.kind != "context":
                raise CorpusParseError(block.line, f"duplicate passage id {block.id}")
            n = 2
            while f"{block.id}-{n}" in seen:
                n += 1
            block.id = f"{block.id}-{n}"
        seen[block.id] = block


def _finish(blocks: list[Block]) -> list[Passage]:
    _number_duplicates(blocks)
    rationale_of = link_rationale(blocks)
    rationale_headings = {(b.heading or "").lower(): b for b in blocks if b.kind == "rationale"}
    result = []
    for block in blocks:
        if block.kind == "research":
            target = research_rationale(block, rationale_headings)
            if target is not None:
                block.section, block.section_title = target.section, target.section_title
        if block.kind in ("context", "term", "research"):
            text = "\n".join(block.lines)
        else:
            text = join_lines(block.lines)
        if block.kind == "box":
            text = f"{block.heading}\n{text}"
        if not text.strip():
            raise CorpusParseError(block.line, f"passage {block.id} has no text")
        result.append(
            Passage(
                id=block.id,
                kind=block.kind,
                section=block.section,
                section_title=block.section_title,
                heading=block.heading,
                text=text,
                year=block.year,
                strength=strength_of(text) if block.kind == "recommendation" else None,
                covers=block.covers,
                evidence_review=block.evidence_review,
                rationale_id=rationale_of.get(block.id),
                line=block.line,
            )
        )
    return result
