"""NG234 as typed, verbatim passages: a pure parser from the guideline text to `Passage`s.

The source is NICE's full guideline as extracted text (corpus/ng234.txt). The parser removes
page furniture (running footer, copyright line, page numbers, bare URLs, the leading space
that marks a page break), rejoins paragraphs that a page break split, keeps bullets as list
items, and otherwise leaves NICE's words exactly as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import CorpusParseError, UnknownPassageError

Kind = Literal["recommendation", "box", "rationale", "research", "term", "context"]
Strength = Literal["offer", "consider", "do-not"]

GUIDELINE = "NICE NG234"
GUIDELINE_TITLE = "Spinal metastases and metastatic spinal cord compression"
GUIDELINE_VERSION = "NICE NG234 (September 2023, last updated March 2026)"


class Passage(BaseModel):
    """One citable unit of NG234, with its text verbatim (page furniture removed)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(description='Citation key: "1.8.1", "box-1", "rationale-1.8.1-1.8.8", ...')
    kind: Kind
    section: str | None = Field(None, description='Guideline section, e.g. "1.8".')
    section_title: str | None = Field(None, description='e.g. "Corticosteroid therapy".')
    heading: str | None = Field(None, description="The sub-heading the passage sits under.")
    text: str = Field(description="NICE's words; bullets as '• ' lines, paragraphs as lines.")
    year: int | None = Field(None, description="2008 or 2023, from the recommendation's tag.")
    strength: Strength | None = Field(
        None, description="From NICE's wording: offer (and other directives), consider, do-not."
    )
    covers: tuple[str, ...] = Field(
        (), description="For rationale passages: the recommendation ids they explain."
    )
    evidence_review: str | None = Field(None, description='e.g. "M: radiotherapy".')
    rationale_id: str | None = Field(None, description="For recommendations: its rationale.")
    line: int = Field(description="1-based line of corpus/ng234.txt where the passage starts.")

    @property
    def title(self) -> str:
        """A short human label: 'NG234 1.8.1', 'Box 1', 'Rationale for 1.8.1 to 1.8.8'."""
        if self.kind == "recommendation":
            return f"NG234 {self.id}"
        if self.kind == "rationale":
            first, last = self.covers[0], self.covers[-1]
            return f"Rationale for {first}" if first == last else f"Rationale for {first}–{last}"
        return self.heading or self.id


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
_REC_START = re.compile(r"^(\d+)\.(\d+)\.(\d+)\s+(\S.*)$")
_YEAR_TAG = re.compile(r"\[(2008|2023)\]\s*$")
_SECTION = re.compile(r"^(1\.(\d+))\s+(\S.*)$")
_RATIONALE_HEAD = re.compile(
    r"^Recommendations? (\d+\.\d+\.\d+)(?:\s+(to|and)\s+(\d+\.\d+\.\d+))?\s*$"
)
_RESEARCH_HEAD = re.compile(r"^(\d)\s+([A-Z].*)$")
_EVIDENCE = re.compile(r"evidence review ([A-Z]): (.+?)\.?$")


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


def slug(text: str) -> str:
    """Lower-case, hyphenated id fragment."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def strength_of(text: str) -> Strength:
    """NICE's strength from the main verb of the first sentence (directives count as offer).

    NICE: "offer" (and directive verbs such as "ensure", "carry out", "refer") for strong
    recommendations; "consider" (and "think about") for weaker ones; "do not" for negative
    ones. A mixed recommendation takes its first such verb (1.10.2: offer ... or consider).
    """
    first = re.split(r"(?<=[.:])\s|\n", text, maxsplit=1)[0]
    match = re.search(r"\b(do not|consider|think about|offer)\b", first, re.IGNORECASE)
    verb = match.group(1).lower() if match else "offer"
    return {"do not": "do-not", "think about": "consider"}.get(verb, verb)  # type: ignore[return-value]


# --- the parser -----------------------------------------------------------------------------


@dataclass
class _Block:
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

_NAVIGATION = (
    "For a short explanation of why the committee",
    "For a short explanation",
    "Full details of the evidence",
    "No evidence review was done",
    "Return to recommendations",
)


def _is_heading(paragraph: str) -> bool:
    """A short paragraph with no sentence punctuation at its end is a heading."""
    if paragraph.startswith(_BULLETS) or len(paragraph) > 110:
        return False
    return not paragraph.endswith((".", ":", ",", ";", ")")) or paragraph == "Who is it for?"


def _paragraphs(
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


class _Parser:
    """Single pass over the cleaned lines; see `parse` for the contract."""

    def __init__(self, text: str) -> None:
        self.lines = clean_lines(text)
        # A line that starts with a space opens a new page in the extracted text.
        self.page_starts = {
            i + 1 for i, raw in enumerate(text.splitlines()) if raw[:1] == " " and raw.strip()
        }
        self.passages: list[_Block] = []
        self.section: str | None = None
        self.section_title: str | None = None
        self.heading: str | None = None
        self.pending_evidence: list[_Block] = []
        self.expected: tuple[int, int, int] | None = None

    # region boundaries
    def _find(self, predicate, start: int = 0) -> int:
        for i in range(start, len(self.lines)):
            if predicate(self.lines[i]):
                return i
        return -1

    def run(self) -> list[Passage]:
        recs_start = self._find(lambda s: s.startswith("1.1 "))
        terms_start = self._find(lambda s: s == "Terms used in this guideline", recs_start)
        research_start = self._find(lambda s: s == "Recommendations for research", terms_start)
        rationale_start = self._find(lambda s: s == "Rationale and impact", research_start)
        more_start = self._find(lambda s: s.startswith("Finding more information"), rationale_start)
        for name, idx in (
            ("'1.1' (the first section)", recs_start),
            ("'Terms used in this guideline'", terms_start),
            ("'Recommendations for research'", research_start),
            ("'Rationale and impact'", rationale_start),
            ("'Finding more information'", more_start),
        ):
            if idx < 0:
                raise CorpusParseError(len(self.lines), f"heading {name} not found")
        self._front_matter(0, recs_start)
        self._recommendations(recs_start, terms_start)
        self._terms(terms_start, research_start)
        self._research(research_start, rationale_start)
        self._rationale(rationale_start, more_start)
        self._front_matter(more_start, len(self.lines))
        return self._finish()

    def _numbered(self, start: int, end: int) -> list[tuple[int, str]]:
        return [(i + 1, self.lines[i]) for i in range(start, end)]

    def _add_context(self, paras: list[tuple[int, str]], heading: str | None, key: str) -> None:
        if not paras:
            return
        block = _Block(
            id=f"context-{key}",
            kind="context",
            line=paras[0][0],
            section=self.section,
            section_title=self.section_title,
            heading=heading,
            lines=[p for _, p in paras],
        )
        # Context paragraphs are already joined: keep one paragraph per line.
        self.passages.append(block)

    # front and back matter: NICE's fixed headings with their paragraphs
    def _front_matter(self, start: int, end: int) -> None:
        self.section = self.section_title = None
        heading: str | None = None
        body: list[tuple[int, str]] = []
        i = start
        while i < end:
            line = self.lines[i]
            two = f"{line} {self.lines[i + 1]}" if i + 1 < end else line
            for candidate, width in ((line, 1), (two, 2)):
                if candidate in _FRONT_HEADINGS:
                    self._add_context(
                        _paragraphs(body, self.page_starts),
                        heading,
                        slug(heading or "front-matter"),
                    )
                    heading, body = candidate, []
                    i += width
                    break
            else:
                body.append((i + 1, line))
                i += 1
        self._add_context(
            _paragraphs(body, self.page_starts), heading, slug(heading or "front-matter")
        )

    # sections 1.1-1.12
    def _recommendations(self, start: int, end: int) -> None:
        i = start
        gap: list[tuple[int, str]] = []
        while i < end:
            line = self.lines[i]
            rec = _REC_START.match(line)
            section = _SECTION.match(line)
            if rec:
                self._flush_gap(gap)
                gap = []
                i = self._recommendation(i, end, rec)
                continue
            if section and not rec:
                self._flush_gap(gap)
                gap = []
                self._open_section(i + 1, section.group(1), section.group(3))
            elif line.startswith("Box 1"):
                self._flush_gap(gap)
                gap = []
                i = self._box(i, end)
                continue
            else:
                gap.append((i + 1, line))
            i += 1
        self._flush_gap(gap)

    def _open_section(self, line: int, number: str, title: str) -> None:
        expected = 1 if self.section is None else int(self.section.split(".")[1]) + 1
        if int(number.split(".")[1]) != expected:
            raise CorpusParseError(line, f"section {number} out of order (expected 1.{expected})")
        self.section, self.section_title, self.heading = number, title.strip(), None

    def _recommendation(self, i: int, end: int, match: re.Match[str]) -> int:
        number = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
        rec_id = ".".join(map(str, number))
        line_no = i + 1
        if self.section is None or f"{number[0]}.{number[1]}" != self.section:
            raise CorpusParseError(
                line_no, f"recommendation {rec_id} is outside its section (in {self.section})"
            )
        want = (number[0], number[1], 1)
        if self.expected is not None and self.expected[:2] == number[:2]:
            want = self.expected
        if number != want:
            want_id = ".".join(map(str, want))
            problem = "duplicated" if number < want else "out of order or a number is missing"
            raise CorpusParseError(
                line_no, f"recommendation {rec_id}: {problem} (expected {want_id})"
            )
        self.expected = (number[0], number[1], number[2] + 1)
        lines = [match.group(4)]
        j = i + 1
        while not _YEAR_TAG.search(lines[-1] if lines[-1] else lines[-2] if len(lines) > 1 else ""):
            if j >= end or _REC_START.match(self.lines[j]) or _SECTION.match(self.lines[j]):
                raise CorpusParseError(
                    line_no, f"recommendation {rec_id} has no [2008]/[2023] year tag at its end"
                )
            lines.append(self.lines[j])
            j += 1
        year_line = next(s for s in reversed(lines) if s)
        block = _Block(
            id=rec_id,
            kind="recommendation",
            line=line_no,
            section=self.section,
            section_title=self.section_title,
            heading=self.heading,
            lines=lines,
            year=int(_YEAR_TAG.search(year_line).group(1)),  # type: ignore[union-attr]
        )
        self.passages.append(block)
        self.pending_evidence.append(block)
        return j

    def _box(self, i: int, end: int) -> int:
        title = self.lines[i]
        j = i + 1
        body: list[str] = []
        while j < end and not _REC_START.match(self.lines[j]):
            body.append(self.lines[j])
            j += 1
        self.passages.append(
            _Block(
                id="box-1",
                kind="box",
                line=i + 1,
                section=self.section,
                section_title=self.section_title,
                heading=title,
                lines=body,
            )
        )
        return j

    def _flush_gap(self, gap: list[tuple[int, str]]) -> None:
        """Text between recommendations: headings, navigation, evidence reviews, context."""
        paras = _paragraphs(gap, self.page_starts)
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
                self._assign_evidence(reviews)
            elif para.startswith(_NAVIGATION):
                pass
            elif _is_heading(para):
                self._add_context(context, self.heading, self._context_key())
                context = []
                self.heading = para
            else:
                context.append((number, para))
            k += 1
        self._add_context(context, self.heading, self._context_key())

    def _context_key(self) -> str:
        parts = [self.section or "recommendations"]
        if self.heading:
            parts.append(slug(self.heading))
        return "-".join(parts)

    def _assign_evidence(self, paras: list[str]) -> None:
        found = []
        for para in paras:
            match = _EVIDENCE.search(para)
            if match:
                found.append(f"{match.group(1)}: {match.group(2).strip()}")
        if not found and any("2008 full guideline" in para for para in paras):
            found.append("2008 full guideline (no evidence review in 2023)")
        review = "; ".join(found) or None
        for block in self.pending_evidence:
            block.evidence_review = review
        self.pending_evidence = []

    # terms
    def _terms(self, start: int, end: int) -> None:
        self.section = self.section_title = self.heading = None
        paras = _paragraphs(self._numbered(start + 1, end))
        intro: list[tuple[int, str]] = []
        term: _Block | None = None
        for number, para in paras:
            if _is_heading(para):
                term = _Block(id=f"term-{slug(para)}", kind="term", line=number, heading=para)
                self.passages.append(term)
            elif term is None:
                intro.append((number, para))
            else:
                term.lines.append(para)
        self._add_context(intro, "Terms used in this guideline", "terms")

    # research recommendations
    def _research(self, start: int, end: int) -> None:
        intro: list[tuple[int, str]] = []
        current: _Block | None = None
        body: list[tuple[int, str]] = []

        def close() -> None:
            if current is None:
                return
            for _, para in _paragraphs(body, self.page_starts):
                if para.startswith("Full details"):
                    match = _EVIDENCE.search(para)
                    current.evidence_review = (
                        f"{match.group(1)}: {match.group(2).strip()}" if match else None
                    )
                else:
                    current.lines.append(para)
                    year = _YEAR_TAG.search(para)
                    if year and current.year is None:
                        current.year = int(year.group(1))

        for i in range(start + 1, end):
            line = self.lines[i]
            head = _RESEARCH_HEAD.match(line)
            if head and len(line) < 80:
                close()
                current = _Block(
                    id=f"research-{head.group(1)}",
                    kind="research",
                    line=i + 1,
                    heading=head.group(2).strip(),
                )
                self.passages.append(current)
                body = []
            elif current is None:
                intro.append((i + 1, line))
            else:
                body.append((i + 1, line))
        close()
        self._add_context(_paragraphs(intro), "Recommendations for research", "research")

    # rationale and impact
    def _rationale(self, start: int, end: int) -> None:
        i = start + 1
        intro: list[tuple[int, str]] = []
        while i < end and (not intro or self.lines[i]):
            if self.lines[i]:
                intro.append((i + 1, self.lines[i]))
            i += 1
        self._add_context(_paragraphs(intro), "Rationale and impact", "rationale-and-impact")
        heading = ""
        pending: list[str] = []
        current: _Block | None = None
        for n in range(i, end):
            line = self.lines[n]
            head = _RATIONALE_HEAD.match(line)
            if head:
                if pending:
                    heading, pending = " ".join(pending), []
                covers = _expand_range(head.group(1), head.group(2), head.group(3), n + 1)
                first, last = covers[0], covers[-1]
                rid = f"rationale-{first}" if first == last else f"rationale-{first}-{last}"
                current = _Block(
                    id=rid,
                    kind="rationale",
                    line=n + 1,
                    section=".".join(first.split(".")[:2]),
                    heading=heading or None,
                    covers=covers,
                )
                self.passages.append(current)
            elif line.startswith("Return to recommendation"):
                current = None
            elif current is not None:
                current.lines.append(line)
            elif line:
                pending.append(line)
            elif pending:
                heading, pending = " ".join(pending), []

    def _finish(self) -> list[Passage]:
        by_id: dict[str, _Block] = {}
        for block in self.passages:
            if block.id in by_id:
                # Context passages may share a key (same heading twice): number them.
                if block.kind != "context":
                    raise CorpusParseError(block.line, f"duplicate passage id {block.id}")
                n = 2
                while f"{block.id}-{n}" in by_id:
                    n += 1
                block.id = f"{block.id}-{n}"
            by_id[block.id] = block
        recs = {b.id: b for b in self.passages if b.kind == "recommendation"}
        section_titles = {b.section: b.section_title for b in recs.values()}
        rationale_of: dict[str, str] = {}
        for block in self.passages:
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
        rationale_headings = {
            (b.heading or "").lower(): b for b in self.passages if b.kind == "rationale"
        }
        result = []
        for block in self.passages:
            if block.kind == "research":
                target = _research_rationale(block, rationale_headings)
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


# NG234 discusses denosumab (1.7.14) inside the 1.7.11-1.7.13 block, whose header names only
# the bisphosphonate recommendations: (extra id, word the block must contain to claim it).
_RATIONALE_EXTRA_COVERS = {"rationale-1.7.11-1.7.13": ("1.7.14", "denosumab")}


def _research_rationale(block: _Block, by_heading: dict[str, _Block]) -> _Block | None:
    body = " ".join(block.lines)
    match = re.search(r"see the rationale section on (.+?)\.", body)
    if not match:
        return None
    return by_heading.get(match.group(1).strip().lower())


def parse(text: str) -> list[Passage]:
    """Parse the NG234 full-guideline text into passages; raise CorpusParseError on bad shape."""
    return _Parser(text).run()


# --- I/O edge ----------------------------------------------------------------------------------


@cache
def _load_cached(path: str, mtime_ns: int) -> tuple[Passage, ...]:
    return tuple(parse(Path(path).read_text(encoding="utf-8")))


def load(path: Path) -> tuple[Passage, ...]:
    """Read and parse the corpus file (cached per path and modification time)."""
    stat = path.stat()
    return _load_cached(str(path), stat.st_mtime_ns)


def by_id(passages: Iterable[Passage]) -> dict[str, Passage]:
    """Index passages by id."""
    return {p.id: p for p in passages}


def get(passages: Iterable[Passage], passage_id: str) -> Passage:
    """The passage with this id, or UnknownPassageError."""
    wanted = passage_id.strip()
    for passage in passages:
        if passage.id == wanted:
            return passage
    raise UnknownPassageError(f"NG234 has no passage with id {passage_id!r}")
