"""One turn of the conversation: message -> facts -> rules -> an Answer quoting NG234.

`Conversation.respond(state, message)` is deterministic: the same state and message give the
same new state and a byte-identical answer. The model, index and corpus are loaded once at the
edge (`Conversation.load`) and shared read-only by every session.

What an answer contains, by intent:
- a case ("known breast ca, new back pain"): every rule that applies to the case as known, most
  urgent first; the urgent rules not yet decided; the questions that would decide them.
- a question ("dose of dex?"): the rules citing the passages retrieved for it, applying or
  shown with their conditions; passages no rule covers (service organisation, box 1, terms,
  research) are quoted as guideline lookups.
- a rationale question ("why single fraction?") or a lookup ("what does 1.8.1 say"): the
  passage itself, quoted, plus the rules citing it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assistant import corpus, rules, scope
from assistant.answer import (
    NOT_COVERED,
    Answer,
    ChangeOut,
    ConditionalOut,
    ConflictOut,
    Intent,
    LookupOut,
    PassageHit,
    QuestionOut,
    Quote,
    RecommendationOut,
)
from assistant.case import UNKNOWN, Case, catalogue
from assistant.corpus import Passage
from assistant.errors import InvalidInputError
from assistant.extract import extract
from assistant.retrieval import explicit_ids, is_why
from assistant.settings import Settings

INTENTS_FILE = Path(__file__).parent / "data" / "intents.json"
#: Follow-up questions per answer: "the one or two questions that would change the answer".
MAX_QUESTIONS = 3
#: Retrieved passages a question is answered from.
FOCUS_HITS = 3
#: Passages retrieved per turn (reported in `passages`).
SEARCH_HITS = 5
#: Urgencies whose undetermined rules are always shown for a case: never silent on them.
URGENT = ("immediate", "24h")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


class IntentVocabulary(BaseModel):
    """Cue words for intents, validated from assistant/data/intents.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    reset: tuple[str, ...]
    replies: dict[str, tuple[str, ...]]
    score_cues: tuple[str, ...]
    question_starts: tuple[str, ...]


@cache
def intents() -> IntentVocabulary:
    """The intent cue vocabulary (loaded once)."""
    return IntentVocabulary.model_validate(json.loads(INTENTS_FILE.read_text(encoding="utf-8")))


class SessionState(BaseModel):
    """What a conversation remembers between turns."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    case: Case = Field(default_factory=Case)
    last_question: str | None = Field(None, description="Fact asked about last, for yes/no.")
    turns: int = 0


# --- pure helpers ---


def clean_message(message: str, limit: int) -> tuple[str, list[str]]:
    """Normalise a user message: strip control characters, truncate with a notice."""
    notices: list[str] = []
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", message))
    if len(text) > limit:
        notices.append(
            f"Your message was {len(text):,} characters long; only the first {limit:,} were read."
        )
        text = text[:limit]
    return " ".join(text.split()), notices


def phrase(text: str) -> str:
    """Lower-case words only, for matching short replies and commands."""
    return " ".join(re.sub(r"[^\w?' ]+", " ", text.lower()).split())


def reply_value(text: str) -> str | None:
    """'yes' / 'no' / 'unknown' when the whole message is a bare reply, else None."""
    words = phrase(text).rstrip("?. !").strip() or phrase(text)
    for value, replies in intents().replies.items():
        if words in replies:
            return value
    return None


def is_question(text: str) -> bool:
    """A question rather than a statement: ends with '?' or opens with a question word."""
    words = phrase(text)
    return text.rstrip().endswith("?") or any(
        words == cue or words.startswith(cue + " ") for cue in intents().question_starts
    )


def classify(text: str, *, has_facts: bool, ids: Sequence[str]) -> Intent:
    """The intent of a message, from cue data (no model)."""
    if is_why(text):
        return "rationale"
    if ids:
        return "lookup"
    if any(cue in phrase(text).split() for cue in intents().score_cues) and not has_facts:
        return "score"
    if has_facts and not is_question(text):
        return "case"
    return "question"


# --- the conversation ---


class Conversation:
    """Answers turns from shared, read-only resources: corpus, rules, retriever."""

    def __init__(self, passages: Sequence[Passage], retriever, settings: Settings) -> None:
        self.passages = corpus.by_id(passages)
        self.retriever = retriever
        self.settings = settings
        self.rule_table = rules.load_rules()

    @classmethod
    def load(cls, settings: Settings) -> Conversation:
        """Load the corpus, the model and the checked index once (the I/O edge)."""
        from assistant.retrieval import Retriever

        return cls(corpus.load(settings.corpus_path), Retriever.load(settings), settings)

    def run(self, turns: Sequence[str]) -> Answer:
        """The final answer of a conversation with these turns, from an empty case."""
        if not turns:
            raise InvalidInputError("a conversation needs at least one turn")
        state = SessionState()
        for turn in turns:
            state, answer = self.respond(state, turn)
        return answer

    def respond(self, state: SessionState, message: str) -> tuple[SessionState, Answer]:
        """Answer one message in the context of `state`; bad input gets a reply, never a raise."""
        if not isinstance(message, str):
            message = bytes(message).decode("utf-8", "replace")
        text, notices = clean_message(message, self.settings.max_message_chars)
        turn = state.turns + 1
        if not text:
            return state.model_copy(update={"turns": turn}), self._reply_only(
                state,
                "empty",
                'Type a case (for example "known breast ca, new back pain") or a question '
                'about NG234 (for example "dose of dex?").',
                notices,
            )
        if phrase(text) in intents().reset:
            fresh = SessionState(turns=turn)
            return fresh, self._reply_only(
                fresh, "reset", "New patient: the case has been cleared.", notices
            )
        value = reply_value(text)
        if value is not None:
            return self._answer_question(state, value, notices)
        return self._statement(state, text, notices)

    def update(
        self, state: SessionState, facts: dict[str, str]
    ) -> tuple[SessionState, Answer]:
        """Set facts directly (case panel, follow-up buttons, calculators) and re-answer."""
        case, changes = self._apply(state.case, facts)
        new = SessionState(case=case, turns=state.turns + 1)
        skip = {name for name, value in facts.items() if value == UNKNOWN}
        return self._compose(new, "answer", text="", changes=changes, notices=[], skip=skip)

    # a bare yes / no / not sure answers the last question asked
    def _answer_question(self, state: SessionState, value: str, notices: list[str]):
        turn = state.turns + 1
        fact = state.last_question
        if fact is None:
            return state.model_copy(update={"turns": turn}), self._reply_only(
                state,
                "answer",
                "There is no open question to answer. Describe the case or ask about NG234.",
                notices,
            )
        spec = catalogue()[fact]
        if spec.type == "enum" and value == "yes":
            notices.append(f"{spec.question} Please reply with one of: {', '.join(spec.options)}.")
            return state.model_copy(update={"turns": turn}), self._reply_only(
                state, "answer", "", notices
            )
        if spec.type == "enum" and value == "no":
            value = "none" if "none" in spec.options else UNKNOWN
        case, changes = self._apply(state.case, {fact: value})
        new = SessionState(case=case, turns=turn)
        # "Not sure" keeps the fact unknown: ask the next question, not the same one again.
        skip = {fact} if value == UNKNOWN else set()
        if value == UNKNOWN:
            notices.append(f"Noted: {spec.label.lower()} is not known. It stays an open question.")
        return self._compose(new, "answer", text="", changes=changes, notices=notices, skip=skip)

    def _statement(self, state: SessionState, text: str, notices: list[str]):
        turn = state.turns + 1
        extraction = extract(text)
        notices.extend(n for n in extraction.notices if n not in notices)
        ids, unknown_ids = explicit_ids(text, self.passages)
        notices.extend(f"NG234 has no passage {pid}." for pid in unknown_ids)
        try:
            result = self.retriever.search(text, k=SEARCH_HITS)
        except InvalidInputError:
            result = None  # nothing searchable is left (only symbols or emoji)
        if result is not None:
            notices.extend(n for n in result.notices if n not in notices)
        answerable = scope.in_scope(
            text,
            facts=extraction.facts,
            continuing_case=bool(state.case.known()),
            named_ids=bool(ids),
            retrieval_in_scope=result is not None and result.in_scope,
        )
        intent = classify(text, has_facts=bool(extraction.facts), ids=ids)
        if not answerable:
            # Cite nothing, recommend nothing; the case is kept as it was.
            new = state.model_copy(update={"turns": turn, "last_question": None})
            return new, Answer(
                intent=intent,
                message=NOT_COVERED,
                out_of_scope=True,
                facts=state.case.known(),
                notices=notices,
            )
        case, changes = self._apply(state.case, extraction.facts)
        for fact in extraction.uncertain:
            if fact in catalogue() and case.get(fact) == UNKNOWN:
                notices.append(f"Uncertain: {catalogue()[fact].label.lower()}. Asked, not assumed.")
        hits = [PassageHit(id=h.id, score=h.score) for h in result.hits] if result else []
        focus = list(ids) or self._focus([h.id for h in hits], intent)
        return self._compose(
            SessionState(case=case, turns=turn),
            intent,
            text=text,
            changes=changes,
            notices=notices,
            focus=focus,
            hits=hits,
            uncertain=extraction.uncertain,
        )

    def _focus(self, hit_ids: Sequence[str], intent: Intent) -> list[str]:
        """The passages a question is about: the top hits, the rationale first for 'why'."""
        top = list(hit_ids[:FOCUS_HITS])
        if intent == "rationale":
            why = [i for i in hit_ids if self.passages[i].kind == "rationale"][:1]
            return why + [i for i in top if i not in why][:1]
        return top

    # the answer: rules that apply, rules that depend on unknowns, lookups, questions
    def _compose(
        self,
        state: SessionState,
        intent: Intent,
        *,
        text: str,
        changes: list[ChangeOut],
        notices: list[str],
        focus: Sequence[str] = (),
        hits: Sequence[PassageHit] = (),
        uncertain: Sequence[str] = (),
        skip: Iterable[str] = (),
    ) -> tuple[SessionState, Answer]:
        evaluation = rules.evaluate(state.case, self.rule_table)
        focus_recs = self._recommendations_in(focus)
        recommendations = [self._rec(hit) for hit in evaluation.applies]
        is_case = intent in ("case", "answer")
        conditional = [
            self._conditional(hit)
            for hit in evaluation.undetermined
            if set(hit.cites) & focus_recs or (is_case and hit.urgency in URGENT)
        ]
        covered = {c for r in (*recommendations, *conditional) for c in r.cites}
        lookups = [
            self._lookup(pid)
            for pid in focus
            if intent in ("rationale", "lookup", "score") or (not is_case and pid not in covered)
        ]
        if is_case:
            candidates = list(evaluation.questions)
        else:
            deciding = {f for c in conditional for f in c.missing}
            candidates = [q for q in evaluation.questions if q.fact in deciding]
        questions = self._questions(candidates, uncertain, set(skip))
        state = state.model_copy(update={"last_question": questions[0].fact if questions else None})
        answer = Answer(
            intent=intent,
            message=self._summary(recommendations, conditional, lookups, changes),
            recommendations=recommendations,
            conditional=conditional,
            lookups=lookups,
            questions=questions,
            facts=state.case.known(),
            changes=changes,
            conflicts=[
                ConflictOut(facts=list(c.facts), message=c.message) for c in evaluation.conflicts
            ],
            passages=list(hits),
            notices=notices,
        )
        return state, answer

    # builders
    def _recommendations_in(self, focus: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for pid in focus:
            passage = self.passages[pid]
            if passage.kind == "recommendation":
                out.add(pid)
            elif passage.kind == "rationale":
                out.update(passage.covers)
        return out

    def _rationale_ids(self, cites: Iterable[str]) -> list[str]:
        ids = (self.passages[c].rationale_id for c in cites)
        return list(dict.fromkeys(i for i in ids if i))

    def _rec(self, hit: rules.RuleHit) -> RecommendationOut:
        # The quote is the cited passage's text, verbatim; the rule carries its own cites only.
        return RecommendationOut(
            rule=hit.rule_id,
            action=hit.action,
            strength=hit.strength,
            urgency=hit.urgency,
            cites=list(hit.cites),
            quotes=[Quote(id=c, text=self.passages[c].text) for c in hit.cites],
            rationale=self._rationale_ids(hit.cites),
            trace=list(hit.trace),
            condition=rules.describe(rules.rule_by_id(hit.rule_id)),
        )

    def _conditional(self, hit: rules.RuleHit) -> ConditionalOut:
        return ConditionalOut(**self._rec(hit).model_dump(), missing=list(hit.missing))

    def _lookup(self, pid: str) -> LookupOut:
        passage = self.passages[pid]
        return LookupOut(
            rule=f"lookup:{pid}",
            id=pid,
            kind=passage.kind,
            title=passage.title,
            strength=passage.strength,
            year=passage.year,
            quotes=[Quote(id=pid, text=passage.text)],
            rationale=[passage.rationale_id] if passage.rationale_id else [],
            evidence_review=passage.evidence_review,
        )

    def _questions(
        self, candidates: Sequence[rules.Question], uncertain: Sequence[str], skip: set[str]
    ) -> list[QuestionOut]:
        facts = catalogue()
        # An uncertain mention ("?weakness") is asked first: uncertainty produces a question.
        order = [f for f in uncertain if f in facts] + [q.fact for q in candidates]
        out: list[QuestionOut] = []
        for fact in dict.fromkeys(order):
            if fact in skip:
                continue
            spec = facts[fact]
            out.append(QuestionOut(fact=fact, text=spec.question, options=list(spec.values)))
            if len(out) == MAX_QUESTIONS:
                break
        return out

    def _apply(self, case: Case, facts: dict[str, str]) -> tuple[Case, list[ChangeOut]]:
        updated = case.updated(facts)  # validates names and values (InvalidInputError)
        specs = catalogue()
        changes = [
            ChangeOut(fact=name, label=spec.label, before=case.get(name), after=updated.get(name))
            for name, spec in specs.items()
            if name in facts and case.get(name) != updated.get(name)
        ]
        return updated, changes

    @staticmethod
    def _summary(
        recs: Sequence[RecommendationOut],
        conditional: Sequence[ConditionalOut],
        lookups: Sequence[LookupOut],
        changes: Sequence[ChangeOut],
    ) -> str:
        parts = []
        if changes:
            parts.append(
                "Updated: " + "; ".join(f"{c.label}: {c.before} → {c.after}" for c in changes) + "."
            )
        urgent = [r for r in recs if r.urgency == "immediate" and r.strength != "do-not"]
        if urgent:
            ids = ", ".join(dict.fromkeys(c for r in urgent for c in r.cites))
            parts.append(f"Act immediately: NG234 {ids}.")
        elif recs:
            parts.append(f"{len(recs)} NG234 recommendation(s) apply to the case as known.")
        if not recs and conditional:
            parts.append(
                "Nothing applies yet on the facts given; the recommendations below depend on "
                "what is not yet known."
            )
        elif not recs and lookups:
            parts.append("From NG234:")
        elif not (recs or conditional or lookups):
            parts.append("No NG234 recommendation applies on the facts given so far.")
        return " ".join(parts)

    @staticmethod
    def _reply_only(state: SessionState, intent: Intent, message: str, notices) -> Answer:
        return Answer(intent=intent, message=message, facts=state.case.known(), notices=notices)


def new_session() -> SessionState:
    """An empty conversation."""
    return SessionState()
