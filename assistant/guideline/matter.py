"""The parts around the recommendations: NICE's front and back matter, terms, and research."""

from __future__ import annotations

import re

from assistant.guideline.passage import slug
from assistant.guideline.recommendations import EVIDENCE, YEAR_TAG
from assistant.guideline.state import Block, ParseState
from assistant.guideline.text import is_heading, paragraphs

# NICE's fixed headings outside the numbered sections.
_FRONT_HEADINGS = frozenset(
    {
        "Your responsibility",
        "Overview",
        "Who is it for?",
        "Recommendations",
        "Finding more information and committee details",
        "Update information",
        "Minor changes since publication",
    }
)

_RESEARCH_HEAD = re.compile(r"^(\d)\s+([A-Z].*)$")


def read_front_matter(state: ParseState, start: int, end: int) -> None:
    """Read front or back matter: NICE's fixed headings, each with its paragraphs as context."""
    state.section = state.section_title = None
    heading: str | None = None
    body: list[tuple[int, str]] = []
    i = start
    while i < end:
        line = state.lines[i]
        two = f"{line} {state.lines[i + 1]}" if i + 1 < end else line
        for candidate, width in ((line, 1), (two, 2)):
            if candidate in _FRONT_HEADINGS:
                state.add_context(
                    paragraphs(body, state.page_starts),
                    heading,
                    slug(heading or "front-matter"),
                )
                heading, body = candidate, []
                i += width
                break
        else:
            body.append((i + 1, line))
            i += 1
    state.add_context(paragraphs(body, state.page_starts), heading, slug(heading or "front-matter"))


def read_terms(state: ParseState, start: int, end: int) -> None:
    """Read 'Terms used in this guideline': one term passage per heading, intro as context."""
    state.section = state.section_title = state.heading = None
    paras = paragraphs(state.numbered(start + 1, end))
    intro: list[tuple[int, str]] = []
    term: Block | None = None
    for number, para in paras:
        if is_heading(para):
            term = Block(id=f"term-{slug(para)}", kind="term", line=number, heading=para)
            state.blocks.append(term)
        elif term is None:
            intro.append((number, para))
        else:
            term.lines.append(para)
    state.add_context(intro, "Terms used in this guideline", "terms")


def read_research(state: ParseState, start: int, end: int) -> None:
    """Read 'Recommendations for research': one research passage per numbered heading."""
    intro: list[tuple[int, str]] = []
    current: Block | None = None
    body: list[tuple[int, str]] = []

    def close() -> None:
        if current is None:
            return
        for _, para in paragraphs(body, state.page_starts):
            if para.startswith("Full details"):
                match = EVIDENCE.search(para)
                current.evidence_review = (
                    f"{match.group(1)}: {match.group(2).strip()}" if match else None
                )
            else:
                current.lines.append(para)
                year = YEAR_TAG.search(para)
                if year and current.year is None:
                    current.year = int(year.group(1))

    for i in range(start + 1, end):
        line = state.lines[i]
        head = _RESEARCH_HEAD.match(line)
        if head and len(line) < 80:
            close()
            current = Block(
                id=f"research-{head.group(1)}",
                kind="research",
                line=i + 1,
                heading=head.group(2).strip(),
            )
            state.blocks.append(current)
            body = []
        elif current is None:
            intro.append((i + 1, line))
        else:
            body.append((i + 1, line))
    close()
    state.add_context(paragraphs(intro), "Recommendations for research", "research")
