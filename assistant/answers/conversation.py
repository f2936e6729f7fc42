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

from collections.abc import Sequence

from assistant import rules
from assistant.answers.answer import (
    COULD_NOT_READ,
    COULD_NOT_READ_IN_CASE,
    NOT_COVERED,
    Answer,
    ChangeOut,
    Intent,
    PassageHit,
    TurnKind,
)
from assistant.answers.audit import audited
from assistant.answers.compose import (
    compose,
    focus_passages,
    passages_testing,
    reply_only,
    symptoms_first,
    with_asked_together,
)
from assistant.answers.facts import (
    apply_facts,
    assume,
    note_uncertain,
    reopen_mscc,
    reopen_spinal_metastases,
    retract,
    stated_or_new,
    time_recurrence,
)
from assistant.answers.intent import (
    WORD,
    about_no_patient,
    amends,
    another_language,
    asks_a_definition,
    classify,
    clean_message,
    elliptical,
    facts_only_in_questions,
    hypothetical,
    in_context,
    intents,
    is_correction,
    is_follow_up,
    is_general,
    is_question,
    is_reset,
    labelled_general,
    names_new_patient,
    names_patient,
    not_about_the_patient,
    patient_switch,
    question_parts,
    reply_value,
    reports_onset,
    retracts,
    returns_to_a_patient,
    stated_outside_questions,
    supposes_person,
    supposition,
    unreadable,
)
from assistant.answers.order import load_order
from assistant.answers.patients import one_patient
from assistant.answers.possible import lead_notice, possible_red_flags
from assistant.answers.session import SessionState
from assistant.answers.substitution import swapped
from assistant.case import UNKNOWN, catalogue
from assistant.errors import InvalidInputError
from assistant.guideline import corpus
from assistant.guideline.corpus import Passage
from assistant.reading import scope
from assistant.reading.details import labels, merge_details, read_details
from assistant.reading.extract import Evidence, Extraction, extract
from assistant.reading.mentions import RED_FLAGS
from assistant.reading.net import SafetyNet, load_exemplars
from assistant.reading.text import written_sentence
from assistant.search.retrieval import explicit_ids
from assistant.settings import Settings

#: Passages retrieved per turn (reported in `passages`).
SEARCH_HITS = 5
#: How many passages a 'why' on a live case is chosen from (compose.RATIONALE_CHOICES of them
#: rationales at most).
RATIONALE_SEARCH_HITS = 10
#: MSCC values that exclude it (an exclusion a new symptom may re-open).
NOT_MSCC = frozenset({"none", "ruled_out"})

Turn = tuple[SessionState, Answer]


#: A later question's own top passage counts when the next scores at most this share of it.
PART_MARGIN = 0.5


class Conversation:
    """Answers turns from shared, read-only resources: corpus, rules, retriever."""

    def __init__(self, passages: Sequence[Passage], retriever, settings: Settings) -> None:
        self.passages = corpus.by_id(passages)
        self.retriever = retriever
        self.settings = settings
        self.rule_table = rules.load_rules()
        self._net: SafetyNet | None = None
        self._known_words: frozenset[str] | None = None

    @property
    def net(self) -> SafetyNet:
        """The semantic safety net, built on first use from the retriever's own encoder."""
        if self._net is None:
            self._net = SafetyNet(load_exemplars(), self.retriever.encoder)
        return self._net

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
    def respond(self, state: SessionState, message: str) -> Turn:
        """Answer one message in the context of `state`; bad input gets a reply, never a raise."""
        if not isinstance(message, str):
            message = bytes(message).decode("utf-8", "replace")
        text, notices = clean_message(message, self.settings.max_message_chars)
        if not text:
            answer = reply_only(
                state,
                "empty",
                'Type a case (for example "known breast ca, new back pain") or a question '
                'about NG234 (for example "dose of dex?").',
                notices,
            )
            return state.next_turn(), answer.model_copy(update={"turn": "unreadable"})
        if is_reset(text):
            fresh = SessionState(turns=state.turns + 1, switched=True)
            answer = reply_only(fresh, "reset", "New patient: the case has been cleared.", notices)
            return fresh, answer.model_copy(update={"turn": "new_patient"})
        rest = patient_switch(text)
        if (
            rest is not None
            and state.case.known()
            and not state.switched
            and returns_to_a_patient(text)
        ):
            # "ok, back to Mr P - how quickly does he need to be discussed?" after a general
            # question (fu77-006): the one patient of the conversation is the live case.
            if not rest:
                new, answer = self._compose(
                    state.next_turn(), "answer", changes=[], notices=notices
                )
                return new, answer.model_copy(update={"turn": "follow_up"})
            text, rest = rest, None
        if rest is not None and not state.case.known() and not state.switched and rest:
            # "Bed 4: 58F lung ca …" as the first patient, or after general questions only ("What
            # does NG234 say about plain X-rays?" then "ok real case: 63M …", fu77-021): a case,
            # there is no one to switch from.
            return self._statement(state, rest, notices)
        if rest is not None:
            # "Case 2: 70M lung ca …", "Bed 5 -", "next patient": a new case, said so.
            state = state.cleared()
            notices.insert(0, "New patient: the previous case was cleared.")
            if not rest:
                fresh = state.next_turn()
                answer = reply_only(fresh, "reset", "New patient: the case has been cleared.", [])
                return fresh, answer.model_copy(update={"turn": "new_patient"})
            new, answer = self._statement(state, rest, notices)
            return new, answer.model_copy(update={"turn": "new_patient"})
        if state.case.known() and retracts(text) and names_new_patient(text):
            # "sorry wrong patient, this is a 70F breast ca with no weakness": the whole of the
            # live case was another patient's; this message is the patient now.
            state = state.cleared()  # the live case is known here: switched
            notices.insert(0, "New patient: the previous case was cleared.")
            new, answer = self._statement(state, text, notices)
            return new, answer.model_copy(update={"turn": "new_patient"})
        value = reply_value(text)
        if value is not None:
            new, answer = self._answer_question(state, value, notices)
            return new, answer.model_copy(update={"turn": "follow_up"})
        said = in_context(text, state.case.known()) if state.case.known() else None
        if said is not None:
            # "lung" when the primary is not known, "confirmed on MRI" when MSCC is suspected:
            # a terse reply read with the case, and said so.
            notices.append(f'Read "{text}" with the case as: "{said}"')
            text = said
        topic = None
        if state.last_topic and not state.case.known() and elliptical(text):
            # "why?", "and how long do you continue it?" after a general question: read
            # together with it, and said so. The topic stays that question (never a growing
            # concatenation of follow-ons).
            topic = state.last_topic
            notices.append(f'Read with your previous question: "{topic}"')
            text = f"{topic} {text}"
        new, answer = self._statement(state, text, notices)
        general = answer.turn == "question" and not answer.out_of_scope and not new.case.known()
        return new.model_copy(update={"last_topic": (topic or text) if general else None}), answer

    @audited
    def update(self, state: SessionState, facts: dict[str, str]) -> Turn:
        """Set facts directly (case panel, follow-up buttons, calculators) and re-answer."""
        case, changes = apply_facts(state.case, facts)
        new = state.after_turn(case, changes)
        skip = {name for name, value in facts.items() if value == UNKNOWN}
        return self._compose(new, "answer", changes=changes, notices=[], skip=skip)

    def _answer_question(self, state: SessionState, value: str, notices: list[str]) -> Turn:
        """A bare yes / no / not sure answers the last question asked."""
        fact = state.last_question
        if fact is None:
            return state.next_turn(), reply_only(
                state,
                "answer",
                "There is no open question to answer. Describe the case or ask about NG234.",
                notices,
            )
        spec = catalogue()[fact]
        if spec.type == "enum" and value == "yes":
            notices.append(f"{spec.question} Please reply with one of: {', '.join(spec.options)}.")
            return state.next_turn(), reply_only(state, "answer", "", notices)
        if spec.type == "enum" and value == "no":
            value = "none" if "none" in spec.options else UNKNOWN
        case, changes = apply_facts(state.case, {fact: value})
        new = state.after_turn(case, changes)
        # "Not sure" keeps the fact unknown: ask the next question, not the same one again.
        skip = {fact} if value == UNKNOWN else set()
        if value == UNKNOWN:
            notices.append(f"Noted: {spec.label.lower()} is not known. It stays an open question.")
        return self._compose(new, "answer", changes=changes, notices=notices, skip=skip)

    @staticmethod
    def _swap(
        state: SessionState, text: str, extraction: Extraction, notices: list[str]
    ) -> Extraction:
        """A correction that swaps a value of the last statement ("sorry, typo - 3 weeks, not 3
        days"; "the radiotherapy was 7 months ago, not 2"): that statement read again with the
        new value, and what the new reading changes added to what this message states (fu48)."""
        if not state.case.known() or not state.last_statement:
            return extraction
        if extraction.rt_interval_days is not None:
            return extraction  # a radiotherapy date said again is re-timed (time_recurrence)
        if len(text.split()) > _SWAP_WORDS and not is_correction(text):
            return extraction
        found = swapped(state.last_statement, text)
        if found is None:
            return extraction
        fixed, old, new = found
        before = extract(state.last_statement, patient=state.patient_relative)
        after = extract(fixed, patient=state.patient_relative)
        changed = {
            name: value
            for name, value in after.facts.items()
            if before.facts.get(name) != value and name not in extraction.facts
        }
        days = after.rt_interval_days if after.rt_interval_days != before.rt_interval_days else None
        if not changed and days is None:
            return extraction
        notices.append(f"Read as a correction of the last message: “{old}” is now “{new}”.")
        return extraction.model_copy(
            update={
                "facts": {**extraction.facts, **changed},
                "rt_interval_days": days or extraction.rt_interval_days,
            }
        )

    def _statement(self, state: SessionState, text: str, notices: list[str]) -> Turn:
        """A case or a question: read its facts, retrieve, and answer or refuse."""
        # A take-back is about the case it takes from, even when it leaves nothing recorded
        # ("that was my MUM last night, she's 84 and had a stroke"): answered, never refused.
        took_back = retracts(text) and bool(state.case.known())
        text, several = one_patient(text)
        if several:
            notices.append(several)
        extraction = extract(text, known=state.case.known(), patient=state.patient_relative)
        extraction = self._swap(state, text, extraction, notices)
        if took_back:
            # "ignore the numbness, that was another patient's": only what it names, if it
            # names findings of the last message; else the whole of the last message. What it
            # names is taken back, not stated again. "scratch that, leg power is normal": a
            # finding given a new value is corrected, not taken back.
            known = state.case.known()
            amended = amends(text) and any(
                known.get(name, UNKNOWN) not in (UNKNOWN, value)
                for name, value in extraction.facts.items()
            )
            # Named: the findings its take-back sentences name ("the numbness - that was
            # someone else"), not what a mention only implies ("Mr P's primary is bladder"
            # names the primary; that he has cancer still stands).
            named = {
                ev.fact
                for ev in extraction.evidence
                if not ev.implied and retracts(written_sentence(text, ev.start))
            }
            if amended:
                # What it says again with a value is corrected, not taken back ("scratch that,
                # leg power is normal … it's just pain"); what it gives to someone else ("the
                # lung ca was the man in the next bed") is taken back.
                named = {
                    ev.fact
                    for ev in extraction.evidence
                    if ev.fact in named and ev.value is None and not ev.implied
                } - set(extraction.facts)
                # A suspicion the last message raised ("?cord compression - back pain and weak
                # legs") rests on the findings now corrected: taken back unless said again.
                named |= {
                    name
                    for name in state.last_changes
                    if known.get(name) == "suspected" and name not in extraction.facts
                }
            if not amended or named:
                # An amendment takes back only what its take-back names ("this guy has NO
                # cancer hx, the lung ca was the man in the next bed"); else the last message.
                state = retract(state, notices, named, restated=set(extraction.facts))
            # A named finding said again with a new value is a correction, kept ("this guy
            # has NO cancer hx": cancer yes -> no); said again unchanged, it is taken back,
            # unless a sentence that takes nothing back states it ("… is bed 4 (no cancer …).
            # Bed 6 with lung ca actually has back pain", b145).
            restated = {
                ev.fact
                for ev in extraction.evidence
                if ev.value is not None and not retracts(written_sentence(text, ev.start))
            }
            kept = {
                n: v
                for n, v in extraction.facts.items()
                if n not in named or n in restated or known.get(n, UNKNOWN) not in (UNKNOWN, v)
            }
            extraction = extraction.model_copy(update={"facts": kept})
        notices.extend(n for n in extraction.notices if n not in notices)
        ids, unknown_ids = explicit_ids(text, self.passages)
        notices.extend(f"NG234 has no passage {pid}." for pid in unknown_ids)
        try:
            # One search serves both: the page of hits shown and the deeper list a 'why' on a
            # live case chooses its rationale from (the ranking is the same, only cut shorter).
            result = self.retriever.search(text, k=RATIONALE_SEARCH_HITS)
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
            hedged=extraction.uncertain,
            topics=extraction.topics,
        )
        if unknown_ids and not ids and not extraction.facts:
            answerable = False  # "what does 1.13.2 say?": only a number NG234 does not have
        answerable = answerable or took_back
        intent = classify(text, has_facts=bool(extraction.facts), ids=ids)
        live = bool(state.case.known())
        turn = self._turn(text, intent, extraction, ids, live, state.after_unreadable)
        if not answerable and not live and intent == "case" and not ids:
            # "My legs feel like two lumps of wood": a cord symptom only the net recognises is
            # asked about, never refused (a refusal must never hide an MSCC question).
            answerable = scope.in_scope(
                text,
                facts=extraction.facts,
                continuing_case=False,
                named_ids=False,
                retrieval_in_scope=False,
                possible_red_flag=bool(possible_red_flags(self.net, text, extraction, state.case)),
                hedged=extraction.uncertain,
            )
        if turn == "unreadable":
            # It changed nothing: a take-back after it ("sorry that was my mum typing") has
            # nothing of the message before it to undo (round 39).
            new = state.model_copy(
                update={
                    "turns": state.turns + 1,
                    "last_question": None,
                    "last_changes": {},
                    "after_unreadable": True,
                }
            )
            if state.case.known():
                # A garbled message in a live case ("jjjkkk;;;", a pocket text at 2am) changes
                # nothing, and the case's urgent actions stay in view (round 37).
                new, answer = self._compose(
                    new, "answer", changes=[], notices=[*notices, COULD_NOT_READ_IN_CASE]
                )
                return new, answer.model_copy(update={"turn": "unreadable"})
            return new, Answer(
                intent="empty",
                turn="unreadable",
                message=COULD_NOT_READ,
                out_of_scope=True,
                facts=state.case.known(),
                notices=notices,
            )
        asking = turn in ("follow_up", "correction", "question") or (
            turn == "case" and is_question(text)
        )
        if asking and live:
            # About the live NG234 case: never refused; an aside about something else
            # ("unrelated, but amoxicillin dose?", "her sister's screening mammogram", "her
            # syringe driver keeps alarming, how do I troubleshoot it?") is.
            # "that was a different patient's": a retraction is about this case, never an aside
            off_topic = not retracts(text) and scope.off_topic_for_case(
                text, extraction.facts, extraction.uncertain, extraction.topics
            )
            # A general question about one of NG234's own treatments on a live case is the
            # case's, however little of it retrieval reads ("NICE guideline mein steroids ke
            # bare mein generally kya likha hai?", fu74-009)
            answerable = (
                answerable or turn != "question" or scope.names_ng234_treatment(text)
            ) and not off_topic
            if off_topic:
                # Not about this case's NG234 business, refused. An aside about the patient
                # ("his CBG is 19 - how many units of insulin?", "what dose of amoxicillin for
                # her chest infection?") is a follow-up on the live case; one that names no
                # patient ("unrelated - first line for cellulitis?") is a general question.
                turn = "follow_up" if scope.about_the_patient(text) else "question"
        # Findings a question names ("what if she gets weak legs?"): what it asks would apply.
        asked_about = (
            *extraction.topics,
            *extraction.uncertain,
            *(f for f, v in extraction.facts.items() if v not in ("no", "none")),
        )
        # What a question supposes ("what if the MRI shows no mets?"), read as if stated: the
        # rules it would make apply are shown as depending on it; the case is never written.
        clause = supposition(text) if turn in ("question", "follow_up") else None
        supposed = dict(extract(clause).facts) if clause else {}
        # What a question doubts when the doubt decides one recommendation only ("can the MRI
        # wait for the 9am list?": whether an urgent diagnosis is needed overnight, 1.5.4 alone)
        # is what it asks: that row answers it, and the doubt is asked first; it is never
        # written (b141). A doubt many rules turn on ("to decide if the spine is stable") asks
        # for no row of its own.
        doubted = tuple(f for f in extraction.uncertain if len(passages_testing(f)) == 1)
        if turn in ("question", "follow_up"):
            # A question names topics; it never writes facts into the case (issue #13). A
            # follow-up's own statements about the patient ("Decompression done, 3 weeks
            # post-op. What next?") are written: only what it asks is not.
            stated = _stated_facts(text, extraction) if turn == "follow_up" else {}
            extraction = extraction.model_copy(
                update={
                    "topics": (
                        *extraction.topics,
                        *(f for f in extraction.facts if f not in stated),
                    ),
                    "facts": stated,
                    "uncertain": (),
                    "assumed": {},
                    "assumed_from": {},
                }
            )
            if turn == "follow_up" and is_follow_up(text):
                intent = "answer"
            elif turn == "question" and intent == "case":
                # A question whose words read as findings before it was known to ask ("…
                # what MRI sequences does NICE want? Our protocol is sagittal T2 only."): it is
                # answered as the question it is, what it asks about first.
                intent = "question"
        elif turn == "case":
            # "... Is this MSCC or spinal mets in NG234 terms?": a suspicion only asked about is
            # a topic, never a recorded suspicion (issue #13); the findings stated with it
            # decide whether MSCC is suspected (1.3.2).
            asked = _only_asked(text, extraction, _DIAGNOSES)
            if asked:
                extraction = extraction.model_copy(
                    update={
                        "topics": (*extraction.topics, *asked),
                        "facts": {f: v for f, v in extraction.facts.items() if f not in asked},
                    }
                )
        if not answerable:
            # Cite nothing, recommend nothing; the case is kept as it was.
            new = state.model_copy(update={"turns": state.turns + 1, "last_question": None})
            return new, Answer(
                intent=intent,
                turn=turn,
                message=NOT_COVERED,
                out_of_scope=True,
                facts=state.case.known(),
                notices=notices,
            )
        before = state.case
        case, changes = apply_facts(before, stated_or_new(before, extraction))
        case, changes = reopen_mscc(
            before, case, changes, extraction.facts, text, notices, _excluded_by(extraction, "mscc")
        )
        case, changes = reopen_spinal_metastases(
            case, changes, extraction.facts, _excluded_by(extraction, "spinal_metastases"), notices
        )
        case, changes = assume(case, changes, extraction, notices)
        rt_days = extraction.rt_interval_days or state.rt_interval_days
        case, changes = time_recurrence(
            case, changes, extraction, rt_days, notices, earlier_rt_days=state.rt_interval_days
        )
        note_uncertain(case, extraction.uncertain, notices)
        possible = possible_red_flags(self.net, text, extraction, case) if intent == "case" else []
        lead = lead_notice(possible)
        if lead:
            notices.insert(0, lead)
        found = result.hits if result else ()
        hits = [PassageHit(id=h.id, score=h.score) for h in found[:SEARCH_HITS]]
        named = (*extraction.topics, *extraction.facts) if intent != "case" else ()
        hit_ids = [h.id for h in hits]
        if intent == "rationale" and case.known() and hits and not ids:
            # A 'why' on a live case chooses among more rationales than a page of hits shows:
            # "why isn't she being offered radiotherapy?" for a woman paraplegic for 3 weeks
            # finds 1.10.4-1.10.6's sixth (round 41).
            hit_ids = [h.id for h in found]
        focus = list(ids) or focus_passages(
            self.passages, hit_ids, intent, named, case_facts=case.known()
        )
        if not ids and intent != "case":
            focus = symptoms_first(focus, text)
            focus += [pid for pid in self._part_hits(text) if pid not in focus]
            if not case.known() or turn in ("follow_up", "question"):
                # on a live case too: "How urgent is imaging?" is answered with both MRI
                # timings (fu63-031); a case stated with its question is ordered by the case
                focus = with_asked_together(self.passages, focus)
        said = read_details(text) if turn in ("case", "correction") else {}
        if turn == "correction" and not changes:
            notices.append(_unchanged_notice(state.details, said))
        # A correction re-answers the message it corrects: "not prostate, his bladder ca" after
        # "… they mentioned a zoledronic acid drip, is that right?" still asks about it (b133),
        # and the rows that question found are looked at again on the corrected case ("Can I
        # start zoledronic acid? … Sorry, bladder cancer, does that change the answer?", b146).
        reasks = bool(
            turn == "correction" and state.last_statement and is_question(state.last_statement)
        )
        asked_text = f"{state.last_statement}\n{text}" if reasks else text
        if reasks and not ids:
            focus += [pid for pid in self._asked_before(state.last_statement) if pid not in focus]
        new, answer = self._compose(
            state.after_turn(case, changes, rt_days).model_copy(
                update={
                    "details": merge_details(state.details, said),
                    # the relative this case is about ("my mother is 74"), once it is a case
                    "patient_relative": state.patient_relative
                    or (extraction.patient_relative if case.known() else None),
                    # what a later "3 weeks, not 3 days" corrects
                    "last_statement": text if changes else state.last_statement,
                }
            ),
            intent,
            changes=changes,
            notices=notices,
            focus=focus,
            hits=hits,
            uncertain=tuple(
                dict.fromkeys((*[p.fact for p in possible], *extraction.uncertain, *doubted))
            ),
            possible=possible,
            text=asked_text,
            suppose=asked_about if intent != "case" else (),
            supposed=supposed if intent != "case" else {},
        )
        # More about the patient already being discussed is a follow-up on the live case; it
        # writes what it states (only a question never writes facts).
        shown: TurnKind = "follow_up" if turn == "case" and live else turn
        if shown == "follow_up" and _changes_a_stated_fact(changes) and not reports_onset(text):
            # "update: not fit for GA after all": a stated fact changed. "he can't feel his
            # legs now", "biopsy now confirms DLBCL": news about the patient, not a correction.
            shown = "correction"
        elif shown == "follow_up" and intent == "rationale" and not names_patient(text):
            shown = "question"  # "why is 8 Gy the default?" mid-case: a general question
        return new, answer.model_copy(update={"turn": shown})

    def _turn(
        self,
        text: str,
        intent: Intent,
        extraction: Extraction,
        ids: Sequence[str],
        live: bool,
        after_unreadable: bool = False,
    ) -> TurnKind:
        """What kind of turn a statement is (a pure reading of cue data; issue #13)."""
        # "Why does NICE say that, and what should we still be offering him?" on a live case
        # asks about the patient, whatever words of a general question it uses (round 46).
        general = is_general(text) and not (
            live
            and not labelled_general(text)
            and scope.about_the_patient(text)
            and not supposes_person(text)
            and not not_about_the_patient(text)
        )
        asks = general or intent in ("question", "rationale", "lookup", "score")
        # A correction corrects the live case: "sorry. 71M …" with nothing said before is a
        # case, and "sorry phone in pocket. what imaging?" states nothing to correct.
        follow_up = is_follow_up(text)
        questioning = "?" in text or follow_up or is_question(text)
        read = [_said_at(ev) for ev in extraction.evidence if ev.value is not None]
        only_asked = facts_only_in_questions(text, read)
        # "sorry, pocket typed. can it wait till morning?": what only a question names is no
        # correction of the live case.
        stated = bool(extraction.facts) and not only_asked
        # A general question ("general q - for prostate ca with spinal mets, when …?") names
        # facts of people in general, never a correction of the live case.
        # "sorry the phone, what I meant is …" after a message that could not be read
        # apologises for that message: it corrects nothing in the case.
        # An apology in another language ("Przepraszam, nie rozumiem, proszę powtórzyć.",
        # fu71-037) is that language, not a correction: it is not read.
        apology = is_correction(text) and not after_unreadable and not another_language(text)
        # A take-back after a message that could not be read ("sorry that was my mum typing")
        # has nothing of it to take back: what else it says is a follow-up (round 43).
        took_back = retracts(text) and not after_unreadable
        if live and (took_back or (not general and apology and (stated or not questioning))):
            return "correction"
        if live and follow_up and not general:
            return "follow_up"
        # Another language is not read, whatever words of it the reader knows: the Spanish
        # and French words it has are for English mixed with them (round 55).
        if not ids and (
            another_language(text) or (not extraction.facts and unreadable(text, self.known_words))
        ):
            return "unreadable"
        pure = asks and only_asked
        if live and pure and not general and not asks_a_definition(text):
            return "follow_up"
        if pure and (
            general
            or hypothetical(text)
            or supposes_person(text)
            or not names_patient(text)
            or not extraction.facts
        ):
            return "question"  # a question that states nothing about a patient
        if questioning and about_no_patient(text) and not _red_flag_stated(text, extraction):
            # "Quick one, no specific patient - what MRI sequences …? Our protocol is sagittal T2
            # only.": what it says beside the question is about practice, not a patient (b131)
            return "question"
        if general and questioning and only_asked and not names_patient(text):
            # "general q - for prostate ca with spinal mets, when …?"; but findings stated in
            # sentences of their own before "What does NG234 say?" are a case (round 41).
            return "question"
        return "case"

    def _asked_before(self, text: str) -> list[str]:
        """The passages the question a correction re-answers found (its page of hits)."""
        try:
            found = self.retriever.search(text, k=SEARCH_HITS)
        except InvalidInputError:
            return []
        return [h.id for h in found.hits]

    def _part_hits(self, text: str) -> list[str]:
        """The best passage of each question after a message's first ("… and does it need
        PPI cover?"), where that question alone is within NG234 and its passage is decisive
        (the next scores at most PART_MARGIN of it): "can I rely on it alone?" names nothing
        of its own, so it adds nothing."""
        out = []
        for part in question_parts(text):
            try:
                found = self.retriever.search(part, k=2)
            except InvalidInputError:
                continue
            hits = found.hits
            if (
                found.in_scope
                and hits
                and (len(hits) < 2 or hits[1].score <= PART_MARGIN * hits[0].score)
            ):
                out.append(hits[0].id)
            elif found.in_scope and len(hits) >= 2 and _halves(hits[0].id, hits[1].id):
                # "How quickly should the MRI happen?": 1.5.3 and 1.5.2 score alike, and
                # they are the two halves of one answer (`asked_together`): both (b134)
                out += [hits[0].id, hits[1].id]
        return out

    @property
    def known_words(self) -> frozenset[str]:
        """Words the assistant can read: NG234's own, its vocabulary and common English."""
        if self._known_words is None:
            words = {w.lower() for p in self.passages.values() for w in WORD.findall(p.text)}
            words |= set(intents().common_words)
            self._known_words = frozenset(words)
        return self._known_words

    def _compose(self, state: SessionState, intent: Intent, **parts) -> Turn:
        """The answer to the case as known, from this conversation's passages and rules."""
        return compose(state, intent, self.passages, self.rule_table, **parts)


def _unchanged_notice(before: dict[str, str], said: dict[str, str]) -> str:
    """What a correction that changes no finding did: a detail given a new value ("sorry, not
    left - the RIGHT leg", fu77-014: the side, which no NG234 rule turns on), or nothing."""
    named = labels()
    corrected = [
        f"{named[name].lower()} now {value}"
        for name, value in said.items()
        if before.get(name) not in (None, value)
    ]
    if corrected:
        return (
            f"Noted: {', '.join(corrected)}. NG234's recommendations do not turn on it; "
            "no finding changed."
        )
    return "Noted. Nothing in the case changed: say which finding to change."


def _changes_a_stated_fact(changes: Sequence[ChangeOut]) -> bool:
    """A turn that gives a fact already stated a different value corrects the case. A
    suspicion settled by a result ("?MSCC" then "MRI: no compression") is news, not a
    correction."""
    return any(
        c.before not in (None, UNKNOWN) and "suspected" not in c.before and c.after != c.before
        for c in changes
    )


#: Diagnoses a case message may only ask about ("is this MSCC?"): asked, not recorded.
_DIAGNOSES = frozenset({"mscc", "spinal_metastases"})
#: The most words a message that swaps a value may have without saying it corrects.
_SWAP_WORDS = 20


def _said_at(ev: Evidence) -> int:
    """Where a mention is said: its last character, so a match running from a question into
    the statement after it ("what about his dexamethasone? He's been taking 16mg a day") is
    stated there."""
    return max(ev.start, ev.end - 1)


def _stated_and_asked(text: str, evidence: Sequence[Evidence]) -> tuple[set[str], set[str]]:
    """The facts of this evidence mentioned in a sentence that states, and in one that asks."""
    where = stated_outside_questions(text, [_said_at(ev) for ev in evidence])
    stated = {ev.fact for ev, out in zip(evidence, where, strict=True) if out}
    asked = {ev.fact for ev, out in zip(evidence, where, strict=True) if not out}
    return stated, asked


def _only_asked(text: str, extraction: Extraction, names: frozenset[str]) -> set[str]:
    """Of these facts, those read as suspected whose every mention is in a question sentence."""
    evidence = [
        ev
        for ev in extraction.evidence
        if ev.fact in names and extraction.facts.get(ev.fact) == "suspected"
    ]
    stated, asked = _stated_and_asked(text, evidence)
    return asked - stated


def _excluded_by(extraction: Extraction, fact: str) -> str | None:
    """The words that excluded a finding in this message ("MRI in Feb: no cord compression"),
    which a later symptom may re-open when they are dated in the past."""
    return next(
        (e.text for e in extraction.evidence if e.fact == fact and e.value in NOT_MSCC), None
    )


def _halves(a: str, b: str) -> bool:
    """Whether two passages are the halves of one answer (answer_order.json
    `asked_together`: 1.5.2 and 1.5.3, 1.3.2 and 1.3.3)."""
    return any({p.passage, p.adds} == {a, b} for p in load_order().asked_together)


def _red_flag_stated(text: str, extraction: Extraction) -> bool:
    """Whether a Box 1 red flag is stated present outside the message's questions ("not about
    me - my dad, 70, prostate ca, legs weak. what now?"): a patient is then described, whatever
    the message says about whom it is not about (never under-called)."""
    present = [
        ev
        for ev in extraction.evidence
        if ev.fact in RED_FLAGS and extraction.facts.get(ev.fact) == "yes"
    ]
    return any(stated_outside_questions(text, [_said_at(ev) for ev in present]))


def _stated_facts(text: str, extraction: Extraction) -> dict[str, str]:
    """Facts a follow-up states outside its question sentences, every mention of them so."""
    evidence = [ev for ev in extraction.evidence if ev.fact in extraction.facts]
    stated, asked = _stated_and_asked(text, evidence)
    return {f: v for f, v in extraction.facts.items() if f in stated and f not in asked}
