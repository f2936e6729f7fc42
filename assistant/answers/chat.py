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

from pydantic import BaseModel, ConfigDict, Field

from assistant import rules
from assistant.answers.answer import (
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
from assistant.answers.audit import audited
from assistant.case import UNKNOWN, Case, catalogue
from assistant.errors import InvalidInputError
from assistant.guideline import corpus
from assistant.guideline.corpus import Passage
from assistant.reading import scope
from assistant.reading.extract import RECURRENCE_DAYS, extract
from assistant.rules.tables import FactIs, walk
from assistant.search.retrieval import explicit_ids, is_why
from assistant.settings import DATA_DIR, Settings

INTENTS_FILE = DATA_DIR / "intents.json"
#: Follow-up questions per answer: "the one or two questions that would change the answer".
MAX_QUESTIONS = 3
#: Retrieved passages a question is answered from.
FOCUS_HITS = 3
#: Passages retrieved per turn (reported in `passages`).
SEARCH_HITS = 5
#: Urgencies whose undetermined rules are always shown for a case: never silent on them.
URGENT = ("immediate", "24h")

#: Cases in which every unknown Box 1 cord red flag is asked, whether or not a rule needs it.
RED_FLAG_CONTEXT = {
    "cancer_diagnosis": ("yes",),
    "cancer_suspected": ("yes",),
    "spinal_metastases": ("suspected", "confirmed"),
    "mscc": ("none", "ruled_out"),
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


class Retraction(BaseModel):
    """'I was thinking of another patient': cue phrases and the fact groups they undo."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    phrases: tuple[str, ...]
    groups: tuple[str, ...]


class IntentVocabulary(BaseModel):
    """Cue words for intents, validated from assistant/data/intents.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    reset: tuple[str, ...]
    retract: Retraction
    onset: tuple[str, ...]
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
    last_changes: dict[str, str] = Field(
        default_factory=dict,
        description="Facts the last turn changed, with their values before it (for a retraction).",
    )
    rt_interval_days: int | None = Field(
        None, description="'Radiotherapy n months ago' from an earlier turn, in days (1.10.9)."
    )

    def after_turn(
        self, case: Case, changes: Sequence[ChangeOut], rt_interval_days: int | None = None
    ) -> SessionState:
        """The state after a turn that changed the case (the question asked is set later)."""
        return SessionState(
            case=case,
            turns=self.turns + 1,
            last_changes={c.fact: c.before for c in changes},
            rt_interval_days=rt_interval_days or self.rt_interval_days,
        )


# --- pure helpers ---


def clean_message(message: str, limit: int) -> tuple[str, list[str]]:
    """Normalise a user message: strip control characters, truncate with a notice."""
    notices: list[str] = []
    text = unicodedata.normalize("NFC", message)
    # Invisible format characters (soft hyphen, zero-width space/joiner, bidi marks, BOM) are
    # dropped, not spaced: "we\u00adak legs" is "weak legs".
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _CONTROL.sub(" ", text)
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


def _says(text: str, cues: Iterable[str]) -> bool:
    """Whether the message contains one of these cue phrases as whole words."""
    words = f" {phrase(text)} "
    return any(f" {cue} " in words for cue in cues)


def _reports_onset(text: str) -> bool:
    """The message reports something as new or changed ('now', 'new', 'started', 'worse')."""
    return _says(text, intents().onset)


def _retracts(text: str) -> bool:
    """The message takes back the previous one ('sorry, wrong patient')."""
    return _says(text, intents().retract.phrases)


def _unasked_red_flags(case: Case) -> list[str]:
    """Box 1 cord red flags not yet known, for a person with cancer or spinal metastases.

    Asked until one is found: once a red flag is present (or MSCC is suspected or confirmed)
    the emergency rules already apply, and the rules ask what would still change the answer.
    """
    context = any(case.get(name) in values for name, values in RED_FLAG_CONTEXT.items())
    flags = [n for n, spec in catalogue().items() if spec.red_flag]
    if not context or case.get("mscc") in ("suspected", "confirmed"):
        return []
    if any(case.get(n) == "yes" for n in flags):
        return []
    return [n for n in flags if case.get(n) == UNKNOWN]


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
        from assistant.search.retrieval import Retriever

        return cls(corpus.load(settings.corpus_path), Retriever.load(settings), settings)

    def run(self, turns: Sequence[str]) -> Answer:
        """The final answer of a conversation with these turns, from an empty case."""
        if not turns:
            raise InvalidInputError("a conversation needs at least one turn")
        state = SessionState()
        for turn in turns:
            state, answer = self.respond(state, turn)
        return answer

    @audited
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

    @audited
    def update(self, state: SessionState, facts: dict[str, str]) -> tuple[SessionState, Answer]:
        """Set facts directly (case panel, follow-up buttons, calculators) and re-answer."""
        case, changes = self._apply(state.case, facts)
        new = state.after_turn(case, changes)
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
        new = state.after_turn(case, changes)
        # "Not sure" keeps the fact unknown: ask the next question, not the same one again.
        skip = {fact} if value == UNKNOWN else set()
        if value == UNKNOWN:
            notices.append(f"Noted: {spec.label.lower()} is not known. It stays an open question.")
        return self._compose(new, "answer", text="", changes=changes, notices=notices, skip=skip)

    def _statement(self, state: SessionState, text: str, notices: list[str]):
        turn = state.turns + 1
        if _retracts(text):
            state = self._retract(state, notices)
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
        if unknown_ids and not ids and not extraction.facts:
            answerable = False  # "what does 1.13.2 say?": only a number NG234 does not have
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
        before = state.case
        case, changes = self._apply(before, extraction.facts)
        case, changes = self._reopen_mscc(before, case, changes, extraction.facts, text, notices)
        case, changes = self._assume(case, changes, extraction, notices)
        rt_days = extraction.rt_interval_days or state.rt_interval_days
        case, changes = self._recurrence(case, changes, extraction, rt_days, notices)
        for fact in extraction.uncertain:
            if fact in catalogue() and case.get(fact) == UNKNOWN:
                notices.append(f"Uncertain: {catalogue()[fact].label.lower()}. Asked, not assumed.")
        hits = [PassageHit(id=h.id, score=h.score) for h in result.hits] if result else []
        named = (*extraction.topics, *extraction.facts) if intent != "case" else ()
        focus = list(ids) or self._focus([h.id for h in hits], intent, named)
        return self._compose(
            state.after_turn(case, changes, rt_days),
            intent,
            text=text,
            changes=changes,
            notices=notices,
            focus=focus,
            hits=hits,
            uncertain=extraction.uncertain,
        )

    # facts across turns
    def _retract(self, state: SessionState, notices: list[str]) -> SessionState:
        """'I was thinking of another patient': undo the last turn's findings, keep background."""
        vocab = intents().retract
        specs = catalogue()
        undo = {
            name: before
            for name, before in state.last_changes.items()
            if specs[name].group in vocab.groups
        }
        if not undo:
            notices.append("Nothing from your previous message needed undoing.")
            return state
        case, changes = self._apply(state.case, undo)
        shown = "; ".join(f"{c.label}: {c.before} → {c.after}" for c in changes)
        kept = [specs[n].label.lower() for n in state.last_changes if n not in undo]
        notices.append(
            "Retracted the findings of your previous message ("
            + shown
            + ")."
            + (f" Kept: {', '.join(kept)}." if kept else "")
        )
        return state.model_copy(update={"case": case, "last_changes": {}})

    def _reopen_mscc(
        self, before: Case, case: Case, changes, said: dict[str, str], text: str, notices
    ):
        """A cord symptom or sign reported as new after MSCC was ruled out re-opens the question.

        Only when the turn reports an onset ("now", "new", "started"): a finding the exclusion
        already explained ("pain down the leg" after "MRI: root involvement, no MSCC") does not.
        """
        excluded = before.get("mscc")
        if excluded not in ("none", "ruled_out") or "mscc" in said:
            return case, changes
        new = [c for c in changes if catalogue()[c.fact].red_flag and c.after == "yes"]
        if not new:
            return case, changes
        if not _reports_onset(text):
            labels = ", ".join(c.label.lower() for c in new)
            notices.append(
                f"{labels[0].upper()}{labels[1:]} is recorded while MSCC is recorded as "
                f"{excluded.replace('_', ' ')}. If it is new since MSCC was excluded, say so "
                "('new …'): MSCC is then suspected again (NG234 1.3.2)."
            )
            return case, changes
        case, more = self._apply(case, {"mscc": UNKNOWN})
        labels = ", ".join(c.label.lower() for c in new)
        notices.append(
            f"New {labels} reported after MSCC was recorded as {excluded.replace('_', ' ')}: "
            "the earlier finding no longer excludes MSCC, so it is treated as not known "
            "(NG234 1.3.2). Say so if the symptom was already known when MSCC was excluded."
        )
        return case, [*changes, *more]

    def _assume(self, case: Case, changes, extraction, notices):
        """Apply what a global statement ('neuro intact') covers, where the case is silent."""
        assumed = {n: v for n, v in extraction.assumed.items() if case.get(n) == UNKNOWN}
        if not assumed:
            return case, changes
        case, more = self._apply(case, assumed)
        by_words: dict[str, list[str]] = {}
        for name in assumed:
            words = extraction.assumed_from[name]
            by_words.setdefault(words, []).append(catalogue()[name].label.lower())
        for words, labels in by_words.items():
            notices.append(
                f"'{words}' was read as also meaning no {', no '.join(labels)}. "
                "Say if any of these is present: it would change the answer."
            )
        return case, [*changes, *more]

    def _recurrence(self, case: Case, changes, extraction, rt_days: int | None, notices):
        """Recurrent symptoms in this turn, timed from radiotherapy given in an earlier one."""
        fact = "recurrence_3_months_after_rt"
        if not extraction.recurrence_pending or case.get(fact) != UNKNOWN:
            return case, changes
        if rt_days is None:
            notices.append(
                "Symptoms recurred after radiotherapy, but how long after was not read "
                "(NG234 1.10.9 asks whether it was at least 3 months)."
            )
            return case, changes
        value = "yes" if rt_days >= RECURRENCE_DAYS else "no"
        case, more = self._apply(case, {fact: value})
        notices.append(
            f"Recurrence timed from the radiotherapy given about {rt_days} days ago "
            "(from an earlier message)."
        )
        return case, [*changes, *more]

    def _focus(
        self, hit_ids: Sequence[str], intent: Intent, topics: Sequence[str] = ()
    ) -> list[str]:
        """The passages a question is about: the top hits, the rationale first for 'why'.

        A lower hit joins them when a rule citing it tests a fact the question names, as its
        topic or as a finding ("what do I monitor in someone on dexamethasone" -> 1.8.8, which
        tests 'taking corticosteroids'; "... any use for prostate cancer?" -> 1.7.12).
        """
        top = list(hit_ids[:FOCUS_HITS])
        if intent == "rationale":
            why = [i for i in hit_ids if self.passages[i].kind == "rationale"][:1]
            return why + [i for i in top if i not in why][:1]
        named = set(topics)
        extra = [
            pid
            for pid in hit_ids[FOCUS_HITS:]
            if named and named & self._tested_by_rules_citing(pid)
        ]
        return top + extra

    @staticmethod
    @cache
    def _tested_by_rules_citing(pid: str) -> frozenset[str]:
        """Facts tested directly (not through a definition) by the rules citing a passage."""
        return frozenset(
            node.fact
            for rule in rules.rules_citing(pid)
            for node in walk(rule.when)
            if isinstance(node, FactIs)
        )

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
        questions = self._questions(
            candidates, uncertain, set(skip), _unasked_red_flags(state.case)
        )
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
        self,
        candidates: Sequence[rules.Question],
        uncertain: Sequence[str],
        skip: set[str],
        red_flags: Sequence[str] = (),
    ) -> list[QuestionOut]:
        facts = catalogue()
        # An uncertain mention ("?weakness") is asked first: uncertainty produces a question.
        # Then the red flags: those the rules need, then any other not yet known (never assumed
        # absent, even when no undetermined rule needs it), then the rest.
        flagged = [q.fact for q in candidates if facts[q.fact].red_flag]
        order = (
            [f for f in uncertain if f in facts]
            + flagged
            + list(red_flags)
            + [q.fact for q in candidates]
        )
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
