"""Scoring multi-turn follow-up conversations (`ng234 eval followups`).

Each conversation states, after chosen turns, what kind of turn it was (case statement,
question, follow-up on the live case, correction, new patient, unreadable), which facts the
case must hold or must not hold, which NG234 recommendations the answer must cite, and whether
the turn may be refused. A conversation is handled right when every check holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from assistant.answers.answer import Answer
from assistant.answers.session import new_session
from assistant.evaluation.cases import mentioned_ids
from assistant.settings import ROOT

if TYPE_CHECKING:
    from assistant.answers.conversation import Conversation

TurnKind = str

#: How an answer's `intent` reads as a kind of turn, for answers without a `turn` field.
INTENT_AS_TURN: dict[str, TurnKind] = {
    "case": "case",
    "question": "question",
    "rationale": "question",
    "lookup": "question",
    "score": "question",
    "answer": "follow_up",
    "reset": "new_patient",
    "empty": "unreadable",
}


class Check(BaseModel):
    """What must hold after one turn."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    after_turn: int = Field(ge=0)
    intent: TurnKind
    facts: dict[str, str] = Field(default_factory=dict)
    facts_unknown: list[str] = Field(default_factory=list)
    must_cite: list[str] = Field(default_factory=list)
    refused: bool | None = None


class FollowUpConversation(BaseModel):
    """One conversation and its checks."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    turns: list[str] = Field(min_length=1)
    checks: list[Check] = Field(min_length=1)
    note: str = ""


class CheckResult(BaseModel):
    """What went wrong after one turn (empty lists: nothing)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    after_turn: int
    intent_expected: str
    intent_read: str
    wrong_facts: dict[str, str] = Field(default_factory=dict)
    set_but_unknown: dict[str, str] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list)
    refusal_wrong: bool = False

    @property
    def ok(self) -> bool:
        """Every part of the check held."""
        return self.intent_ok and self.content_ok

    @property
    def intent_ok(self) -> bool:
        """The turn was read as the kind the writer expected."""
        return self.intent_expected == self.intent_read

    @property
    def content_ok(self) -> bool:
        """Facts, citations and refusal as expected, whatever the turn was read as."""
        return not (self.wrong_facts or self.set_but_unknown or self.missing or self.refusal_wrong)


def turn_kind(answer: Answer) -> TurnKind:
    """The kind of turn the answer says it was."""
    return getattr(answer, "turn", None) or INTENT_AS_TURN.get(answer.intent, answer.intent)


def refused(answer: Answer) -> bool:
    """The answer says NG234 does not cover the message. Text it could not read is told so
    ("could not read this"), which is no refusal of the topic, though it gives nothing from
    NG234 either (`out_of_scope`)."""
    return answer.out_of_scope and answer.turn != "unreadable"


def check(expected: Check, answer: Answer) -> CheckResult:
    """Compare the answer after one turn with the check for that turn."""
    # A question's NG234 rows are lookups and conditional rules; a case's are what applies,
    # and the rules a "what if" turn asks about, shown first as depending on what it supposes
    # ("what if she develops leg weakness?": 1.3.2, group "asked", or "asked_more" past the
    # first rows of a question on a live case).
    cited = {c for r in answer.recommendations for c in r.cites}
    if expected.intent == "question":
        cited = mentioned_ids(answer, set_apart=False)
    elif expected.intent == "follow_up":
        cited |= {
            c for r in answer.conditional if r.group in ("asked", "asked_more") for c in r.cites
        }
    return CheckResult(
        after_turn=expected.after_turn,
        intent_expected=expected.intent,
        intent_read=turn_kind(answer),
        wrong_facts={
            f: answer.facts.get(f, "unknown")
            for f, v in expected.facts.items()
            if answer.facts.get(f) != v
        },
        set_but_unknown={f: answer.facts[f] for f in expected.facts_unknown if f in answer.facts},
        missing=sorted(set(expected.must_cite) - cited),
        refusal_wrong=expected.refused is not None and expected.refused != refused(answer),
    )


class ConversationResult(BaseModel):
    """How one conversation fared."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    checks: list[CheckResult]

    @property
    def ok(self) -> bool:
        """Every check held."""
        return all(c.ok for c in self.checks)


def summarise(results: Iterable[ConversationResult]) -> dict[str, object]:
    """Conversations fully right; checks right by expected kind of turn; the failures."""
    results = list(results)
    by_kind: Counter[str] = Counter()
    right_kind: Counter[str] = Counter()
    for r in results:
        for c in r.checks:
            by_kind[c.intent_expected] += 1
            right_kind[c.intent_expected] += c.ok
    return {
        "conversations": len(results),
        "fully_right": sum(r.ok for r in results),
        "content_right": sum(all(c.content_ok for c in r.checks) for r in results),
        "checks_by_turn_kind": {k: f"{right_kind[k]}/{n}" for k, n in sorted(by_kind.items())},
        "failures": [
            {"id": r.id, "checks": [c.model_dump() for c in r.checks if not c.ok]}
            for r in results
            if not r.ok
        ],
    }


DEFAULT_FILE = ROOT / "eval" / "followups_blind1.jsonl"


def run(
    conversation: Conversation, rows: Iterable[FollowUpConversation]
) -> list[ConversationResult]:
    """Each conversation turn by turn, every check against the answer after its turn."""
    results = []
    for row in rows:
        state, answers = new_session(), []
        for turn in row.turns:
            state, answer = conversation.respond(state, turn)
            answers.append(answer)
        checks = [check(c, answers[min(c.after_turn, len(answers) - 1)]) for c in row.checks]
        results.append(ConversationResult(id=row.id, checks=checks))
    return results
