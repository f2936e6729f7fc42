"""The answer of one conversation turn: the JSON contract shared by the CLI, the app and tests.

Every recommendation is a rule output carrying NG234's text verbatim (`quotes`); nothing in an
answer is written by a model. Field names are public: add, don't rename.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.guideline.corpus import GUIDELINE_VERSION

#: The one refusal, shared by code and tests: below the relevance threshold nothing is stretched.
NOT_COVERED = (
    "NG234 does not cover this. This assistant answers only from NICE NG234 (spinal "
    "metastases and metastatic spinal cord compression)."
)

#: The reply to text that could not be read (another language, keyboard mash): not a refusal.
COULD_NOT_READ = (
    "Could not read this message. Please write the case or the question in English, for "
    'example "known breast ca, new back pain" or "dose of dex?".'
)

#: The notice on a garbled message in a live case: nothing changed, the case is shown again.
COULD_NOT_READ_IN_CASE = (
    "Could not read your last message; nothing in the case was changed. The case as it "
    "stands is shown again."
)

Strength = Literal["offer", "consider", "do-not"]
Urgency = Literal["immediate", "24h", "1-week", "routine"]
Intent = Literal["case", "question", "rationale", "lookup", "score", "answer", "reset", "empty"]
#: What kind of turn a message was (issue #13): the contract between a user and the case.
TurnKind = Literal["case", "question", "follow_up", "correction", "new_patient", "unreadable"]

URGENCY_LABELS: dict[str, str] = {
    "immediate": "Immediately",
    "24h": "Within 24 hours",
    "1-week": "Within 1 week",
    "routine": "Routine",
}
STRENGTH_LABELS: dict[str, str] = {"offer": "Offer", "consider": "Consider", "do-not": "Do not"}


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Quote(_Out):
    """A cited passage's text, verbatim from corpus/ng234.txt."""

    id: str
    text: str


class RecommendationOut(_Out):
    """A rule that applies to the case as known."""

    rule: str
    action: str = Field(description="NICE's imperative in short (the quote is authoritative).")
    strength: Strength
    urgency: Urgency
    cites: list[str]
    quotes: list[Quote]
    rationale: list[str] = Field(description="Rationale passage ids for the cited ids.")
    trace: list[str] = Field(description="The conditions that matched: the explanation.")
    condition: str = Field("", description="The rule's condition in plain words.")
    group: str = Field(
        "",
        description="Where the row is shown (assistant/data/answer_order.json): asked, act, "
        "asked_more, pending, more_actions, cautions, standing, pending_more or set_aside.",
    )
    rank: int = Field(0, description="Position in the answer over all rows, from 1.")


class ConditionalOut(RecommendationOut):
    """A rule relevant to the message whose conditions are not yet known."""

    missing: list[str] = Field(description="The unknown facts that would decide it.")
    deciding: list[str] = Field(
        default_factory=list,
        description="The fewest unknown facts whose answers could make it apply.",
    )
    ask: list[str] = Field(
        default_factory=list, description="The questions for the deciding facts, in order."
    )


class SetAsideOut(RecommendationOut):
    """A rule that applies on NICE's conditions but whose treatment the case rules out."""

    because: str = Field(description="What the case records that rules it out.")
    instead: list[str] = Field(
        default_factory=list, description="NICE's alternative for this situation, if it names one."
    )


class DoNowOut(_Out):
    """One of the few urgent actions the answer leads with, in NICE's words and with its number."""

    urgency: Urgency
    timing: str = Field(description='"Immediately", "Within 24 hours", "Within 1 week".')
    words: str = Field(description="A verbatim fragment of the recommendation.")
    cites: list[str]
    rule: str


class GroupOut(_Out):
    """A group of rows in display order: shown, or folded with its count."""

    id: str
    title: str
    folded: bool
    count: int


class LookupOut(_Out):
    """A guideline-lookup output: a passage quoted because the question asked for it."""

    rule: str = Field(description='Always "lookup:<id>".')
    id: str
    kind: str
    title: str
    strength: Strength | None
    year: int | None
    quotes: list[Quote]
    rationale: list[str]
    evidence_review: str | None = None
    group: str = ""
    rank: int = 0


class QuestionOut(_Out):
    """A follow-up question whose answer would change the advice."""

    fact: str
    text: str
    options: list[str] = Field(description='Allowed replies, e.g. ["yes", "no", "unknown"].')


class PossibleOut(_Out):
    """A clause the lexicon could not read that looks like a Box 1 red flag: asked, not recorded."""

    fact: str
    label: str
    words: str = Field(description="The user's clause, as written.")
    cosine: float = Field(description="Similarity to the nearest exemplar (3 decimals).")
    question: str


class ChangeOut(_Out):
    """A fact changed by this turn."""

    fact: str
    label: str
    before: str
    after: str


class ConflictOut(_Out):
    """Facts that contradict each other: shown and asked about, never silently resolved."""

    facts: list[str]
    message: str


class PassageHit(_Out):
    """A retrieved passage and its fused score."""

    id: str
    score: float


class Answer(_Out):
    """One turn's answer."""

    intent: Intent
    turn: TurnKind | None = Field(
        None,
        description="The kind of turn: a case statement, a question about NG234 (writes no "
        "facts), a follow-up on the live case, a correction, a new patient, or unreadable.",
    )
    message: str = Field("", description="A one-line summary or the refusal.")
    recommendations: list[RecommendationOut] = Field(default_factory=list)
    conditional: list[ConditionalOut] = Field(default_factory=list)
    lookups: list[LookupOut] = Field(default_factory=list)
    questions: list[QuestionOut] = Field(default_factory=list)
    possible: list[PossibleOut] = Field(
        default_factory=list,
        description="Possible red flags surfaced by the semantic safety net: confirm each; "
        "none is recorded as a fact.",
    )
    do_now: list[DoNowOut] = Field(
        default_factory=list,
        description="At most five urgent actions, most urgent first; each row's quote is in "
        "`recommendations`.",
    )
    set_aside: list[SetAsideOut] = Field(
        default_factory=list,
        description="Rules that apply but whose treatment the case records as unsuitable or "
        "declined: not actions for this person.",
    )
    groups: list[GroupOut] = Field(
        default_factory=list, description="The answer's groups in display order, with counts."
    )
    facts: dict[str, str] = Field(default_factory=dict)
    details: dict[str, str] = Field(
        default_factory=dict,
        description="What was said that the rules do not use (age, sex, duration, level, "
        "times), for the handover.",
    )
    changes: list[ChangeOut] = Field(default_factory=list)
    conflicts: list[ConflictOut] = Field(default_factory=list)
    passages: list[PassageHit] = Field(default_factory=list)
    out_of_scope: bool = Field(
        False,
        description="Nothing from NG234 is given: the message is not NG234's business, or "
        "could not be read (then `turn` is 'unreadable' and the message says so).",
    )
    notices: list[str] = Field(default_factory=list)
    guideline: str = GUIDELINE_VERSION

    def to_json(self) -> str:
        """Canonical JSON (sorted keys): byte-identical for the same conversation."""
        import json

        return json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
