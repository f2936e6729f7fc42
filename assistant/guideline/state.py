"""The parser's working state: cleaned lines, draft passages (blocks), and the current section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.guideline.passage import Kind
from assistant.guideline.text import clean_lines


@dataclass
class Block:
    """Working state for a passage while its lines are collected."""

    id: str
    kind: Kind
    line: int
    section: str | None = None
    section_title: str | None = None
    heading: str | None = None
    lines: list[str] = field(default_factory=list)
    year: int | None = None
    covers: tuple[str, ...] = ()
    evidence_review: str | None = None


class ParseState:
    """What one pass over the guideline has read so far, and where it is."""

    def __init__(self, text: str) -> None:
        self.lines = clean_lines(text)
        # A line that starts with a space opens a new page in the extracted text.
        self.page_starts = {
            i + 1 for i, raw in enumerate(text.splitlines()) if raw[:1] == " " and raw.strip()
        }
        self.blocks: list[Block] = []
        self.section: str | None = None
        self.section_title: str | None = None
        self.heading: str | None = None
        self.pending_evidence: list[Block] = []
        self.expected: tuple[int, int, int] | None = None

    def find(self, predicate: Callable[[str], bool], start: int = 0) -> int:
        """Index of the first line from `start` that satisfies the predicate, or -1."""
        for i in range(start, len(self.lines)):
            if predicate(self.lines[i]):
                return i
        return -1

    def numbered(self, start: int, end: int) -> list[tuple[int, str]]:
        """Lines start..end-1 as (1-based line number, text) pairs."""
        return [(i + 1, self.lines[i]) for i in range(start, end)]

    def add_context(self, paras: list[tuple[int, str]], heading: str | None, key: str) -> None:
        """Add the paragraphs as one context passage in the current section (none if empty)."""
        if not paras:
            return
        block = Block(
            id=f"context-{key}",
            kind="context",
            line=paras[0][0],
            section=self.section,
            section_title=self.section_title,
            heading=heading,
            lines=[p for _, p in paras],
        )
        # Context paragraphs are already joined: keep one paragraph per line.
        self.blocks.append(block)
