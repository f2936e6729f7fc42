"""The citable unit of NG234: the `Passage` model, its kinds and strengths, the guideline's name."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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
