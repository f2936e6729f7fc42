"""The Answer built from rule evaluation and retrieval: rules, conditions, lookups, summary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from types import MappingProxyType

from assistant import rules
from assistant.answers.answer import (
    Answer,
    ChangeOut,
    ConditionalOut,
    ConflictOut,
    DoNowOut,
    Intent,
    LookupOut,
    PassageHit,
    PossibleOut,
    Quote,
    RecommendationOut,
    SetAsideOut,
)
from assistant.answers.intent import is_question
from assistant.answers.order import (
    BOX_1,
    BOX_1_REC,
    arrange,
    asked_positions,
    do_now_sentence,
    load_order,
)
from assistant.answers.questions import follow_up_questions, unasked_red_flags
from assistant.answers.session import SessionState
from assistant.case import Case, catalogue, make_case
from assistant.guideline.corpus import Passage
from assistant.reading.mentions import RED_FLAGS
from assistant.rules.engine import YES
from assistant.rules.exclusions import exclusions_for
from assistant.rules.tables import Condition, Definition, facts_in, facts_through

#: Retrieved passages a question is answered from.
FOCUS_HITS = 3
_NAMES_BOX_1 = re.compile(r"\bbox 1\b", re.IGNORECASE)
#: Urgencies whose undetermined rules are always shown for a case: never silent on them.
URGENT = ("immediate", "24h")
#: Undetermined rules within a week that a case shows when only its cord symptoms (or MSCC
#: itself) are left to decide them: the 1-week MRI (1.5.3) for Box 1 pain, which a cord
#: symptom not yet asked about turns into the 24-hour one ("lung ca, back pain waking her,
#: walking as always, no new weakness", b137).
WEEK = "1-week"
#: What may be left undecided for that: the cord symptoms, MSCC, and whether metastases are
#: suspected (which Box 1 pain in someone with cancer decides once the cord is asked about).
_CORD_QUESTIONS = frozenset(
    {*RED_FLAGS, "mscc", "spinal_metastases", "cancer_suspected", "asymptomatic_metastases"}
)

Passages = Mapping[str, Passage]


def focus_passages(
    passages: Passages,
    hit_ids: Sequence[str],
    intent: Intent,
    topics: Sequence[str] = (),
    case_facts: Iterable[str] = (),
) -> list[str]:
    """The passages a question is about: the top hits, the rationale first for 'why'.

    A lower hit joins them when a rule citing it tests a fact the question names, as its
    topic or as a finding ("what do I monitor in someone on dexamethasone" -> 1.8.8, which
    tests 'taking corticosteroids'; "... any use for prostate cancer?" -> 1.7.12). A 'why' on
    a live case takes, of the first RATIONALE_CHOICES rationales found, the one whose rules
    turn most on what this case records (`case_facts`; rarer facts weigh more): "radiotherapy
    won't help him now, why?" for a man paraplegic for 3 weeks is 1.10.4-1.10.6's rationale.
    """
    top = list(hit_ids[:FOCUS_HITS])
    if intent == "rationale":
        found = [i for i in hit_ids if passages[i].kind == "rationale"][:RATIONALE_CHOICES]
        why = found[:1]
        known = set(case_facts)
        if known and found:
            weight = {i: _case_weight(passages[i], known) for i in found}
            best = max(found, key=lambda i: weight[i])  # first of equals: retrieval order
            why = [best] if weight[best] > weight[found[0]] else why
        return why + [i for i in top if i not in why][:1]
    named = set(topics)
    extra = [pid for pid in hit_ids[FOCUS_HITS:] if named and named & tested_by_rules_citing(pid)]
    # Box 1 is what 1.3.1, 1.3.2 and 1.3.6 point to ("the symptoms ... listed in box 1"): a
    # question answered by them is answered by the box too ("what symptoms to watch for?").
    if (
        BOX_1 in passages
        and BOX_1 not in top + extra
        and any(_NAMES_BOX_1.search(passages[pid].text) for pid in top)
    ):
        extra.append(BOX_1)
    # ... and a question the box answers is answered by 1.3.1 too, which says what its factors
    # call for ("what kind of back pain is a warning sign that cancer has spread to the
    # spine?", round 44); a case has its own rows for them
    if (
        not set(case_facts)
        and BOX_1 in top
        and BOX_1_REC in passages
        and BOX_1_REC not in top + extra
    ):
        extra.append(BOX_1_REC)
    return top + extra


def symptoms_first(focus: Sequence[str], text: str) -> list[str]:
    """Box 1 first for a question about what to look out for ("what are the warning signs of
    cord compression?", "which symptoms should I tell him to watch for?"): the box is the
    answer, the recommendations pointing to it follow (answer_order.json `symptom_questions`)."""
    if BOX_1 not in focus or not load_order().asks_what_to_look_for(text):
        return list(focus)
    return [BOX_1, *(pid for pid in focus if pid != BOX_1)]


def with_asked_together(passages: Passages, focus: Sequence[str]) -> list[str]:
    """The focus with each passage's other halves (answer_order.json `asked_together`)
    straight after it: 1.3.2's "immediately" with 1.3.3's "within 24 hours", dexamethasone's
    dose (1.8.1) with its cover (1.8.8), so a question's own answer is not pushed past the rows
    shown first ("How urgent is imaging?": 1.5.4, then 1.5.2 and 1.5.3, fu63-031)."""
    # A half found further down is moved up beside it ("what dose of dexamethasone, and is
    # anything else given alongside it?": 1.8.8 had been 22nd, b145).
    out: list[str] = []
    for pid in focus:
        if pid in out:
            continue
        out.append(pid)
        for pair in load_order().asked_together:
            if pair.passage == pid and pair.adds in passages and pair.adds not in out:
                out.append(pair.adds)
    return out


#: How many of the rationales found a 'why' on a live case chooses among.
RATIONALE_CHOICES = 6


def _case_weight(passage: Passage, known: set[str]) -> float:
    """How much the rules of a rationale's recommendations turn on the facts a case records:
    each shared fact weighs one over the number of rules that test it, averaged over the
    recommendations the rationale covers (a rationale is about all of them)."""
    if not passage.covers:
        return 0.0
    return sum(
        sum(1 / _rules_testing(name) for name in tested_through_definitions(rec) & known)
        for rec in passage.covers
    ) / len(passage.covers)


@cache
def tested_through_definitions(pid: str) -> frozenset[str]:
    """Facts the rules citing a passage test, through their definitions too."""
    defs = rules.load_definitions()
    return frozenset(f for rule in rules.rules_citing(pid) for f in facts_through(rule.when, defs))


@cache
def _rules_testing(name: str) -> int:
    """How many rules test a fact, through their definitions too (at least 1)."""
    ids = {c for rule in rules.load_rules() for c in rule.cites}
    return max(1, sum(name in tested_through_definitions(pid) for pid in ids))


@cache
def passages_testing(fact: str) -> frozenset[str]:
    """The recommendations whose rules test a fact directly (not through a definition)."""
    return frozenset(
        c for rule in rules.load_rules() if fact in facts_in(rule.when) for c in rule.cites
    )


@cache
def tested_by_rules_citing(pid: str) -> frozenset[str]:
    """Facts tested directly (not through a definition) by the rules citing a passage."""
    return frozenset(f for rule in rules.rules_citing(pid) for f in facts_in(rule.when))


def _findings(changes: Sequence[ChangeOut]) -> list[ChangeOut]:
    """The changes that are findings, not circumstances (answer_order.json `circumstances`:
    where the person is, "on the ward")."""
    return [c for c in changes if c.fact not in load_order().circumstances]


def asked_by_new_facts(
    recommendations: Sequence[RecommendationOut],
    rule_table: Sequence[rules.Rule],
    changes: Sequence[ChangeOut],
    state: SessionState,
    text: str,
) -> frozenset[str]:
    """On a live case, a later message that adds facts and asks ("She's asking about having
    children - who do we refer to?") asks about the rules those facts decide: their rows lead
    like a question's (at most `max_asked_first`, order.py), the case's actions right after.
    A message that adds a red flag is ordered by the case: its urgent actions lead."""
    new = {c.fact for c in _findings(changes)}
    earlier = set(state.case.known()) - {c.fact for c in changes}
    if not new or not earlier or not is_question(text):
        return frozenset()
    if any(catalogue()[name].red_flag for name in new):
        return frozenset()  # a new red flag: the case's urgent actions lead, not the topic
    when = {r.id: r.when for r in rule_table}
    return frozenset(
        rec.rule for rec in recommendations if rec.rule in when and facts_in(when[rec.rule]) & new
    )


def compose(
    state: SessionState,
    intent: Intent,
    passages: Passages,
    rule_table: Sequence[rules.Rule],
    *,
    changes: list[ChangeOut],
    notices: list[str],
    focus: Sequence[str] = (),
    hits: Sequence[PassageHit] = (),
    uncertain: Sequence[str] = (),
    skip: Iterable[str] = (),
    possible: Sequence[PossibleOut] = (),
    text: str = "",
    suppose: Sequence[str] = (),
    supposed: Mapping[str, str] | None = None,
) -> tuple[SessionState, Answer]:
    """The answer to the case as known: rules that apply, rules that depend on unknowns, lookups.

    `suppose`: facts a question names ("what if she gets weak legs?"); when a Box 1 red flag
    is among them, the urgent rules it would make apply are shown first, as depending on it.
    `supposed`: what a question supposes, with values ("what if the MRI shows no mets?":
    spinal metastases ruled out); every rule it would make apply is shown first, depending on it.
    """
    evaluation = rules.evaluate(state.case, rule_table)
    focus_recs = recommendations_in(passages, focus)
    withheld = withheld_by_exception(passages, state.case, rule_table, evaluation)
    recommendations = [recommendation(passages, hit) for hit in evaluation.applies]
    is_case = intent in ("case", "answer")
    # An urgent rule the message's own doubt decides is shown ("… saddle numbness. Can the
    # MRI wait until the morning list?": whether urgent diagnosis is needed overnight, 1.5.4).
    doubted = set(uncertain)
    conditional = [
        conditional_recommendation(passages, hit, deciding=hedged_first(hit, uncertain))
        for hit in evaluation.undetermined
        if set(hit.cites) & focus_recs
        or (hit.urgency in URGENT and (is_case or bool(doubted & set(hit.missing))))
        or (is_case and hit.urgency == WEEK and set(hit.missing) <= _CORD_QUESTIONS)
    ]
    # Only a turn that wrote nothing asks "what if": a case statement is answered as it is.
    supposed = (
        []
        if changes
        else supposed_rows(passages, state.case, rule_table, evaluation, suppose, supposed or {})
    )
    if supposed:
        kept = {c.rule for c in supposed}
        conditional = [*supposed, *(c for c in conditional if c.rule not in kept)]
        # the question's best passage leads, then what it supposes ("what MRI sequences for
        # suspected spinal mets?" is answered by 1.5.5 before the rules suspicion calls for)
        # ("what dose of dexamethasone, and anything alongside it?": its cover beside it)
        focus = with_asked_together(
            passages,
            [*dict.fromkeys([*focus[:1], *(c for r in supposed for c in r.cites), *focus])],
        )
    if not is_case and doubted:
        # what a question doubts is what it asks ("can the MRI wait for the 9am list?":
        # whether an urgent diagnosis is needed overnight, 1.5.4), after its best passage
        asked = [c for r in conditional if doubted & set(r.missing) for c in r.cites]
        focus = [*dict.fromkeys([*focus[:1], *asked, *focus])]
    covered = {c for r in (*recommendations, *conditional) for c in r.cites}
    # A question on a live case about a recommendation that does not apply to it ("Oncology
    # suggests a CT-guided biopsy first - is that the right order?" when treatment is needed
    # now, b150): its best passage is quoted, so NICE's own conditions answer it.
    asked_on_case = (
        intent == "answer"
        and is_question(text)
        and bool(focus)
        and not any(catalogue()[c.fact].red_flag for c in changes)
    )
    not_applying = (
        {c for r in rule_table if evaluation.status(r.id) == "not" for c in r.cites}
        if asked_on_case
        else set()
    )
    # ... or about how services work, which no rule of the case decides ("our MSCC
    # coordinator has gone home - can this wait till clinic?": who covers the role, 1.1.6, b157)
    if (
        asked_on_case
        and passages[focus[0]].kind == "recommendation"
        and not any(focus[0] in r.cites for r in rule_table)
    ):
        not_applying.add(focus[0])
    lookups = [
        lookup(passages, pid)
        for pid in focus
        if intent in ("rationale", "lookup", "score")
        or (not is_case and pid not in covered)
        or (asked_on_case and pid == focus[0] and pid not in covered and pid in not_applying)
    ]
    if is_case:
        candidates = list(evaluation.questions)
    else:
        deciding = {f for c in conditional for f in c.missing}
        candidates = [q for q in evaluation.questions if q.fact in deciding]
    questions = follow_up_questions(candidates, uncertain, set(skip), unasked_red_flags(state.case))
    state = state.model_copy(update={"last_question": questions[0].fact if questions else None})
    covers = {pid: passages[pid].covers for pid in focus if passages[pid].kind == "rationale"}
    arranged = arrange(
        recommendations,
        conditional,
        lookups,
        # A message that added facts is a case, whatever it asks: ordered by the case. Where it
        # is only circumstances it added ("she's been stable on the ward - can the MRI wait
        # till morning?", b134), the question orders it.
        intent="case" if _findings(changes) else intent,
        asked=asked_positions(focus, covers),
        text=text,
        exclusions=exclusions_for(state.case),
        case=state.case,
        fresh=asked_by_new_facts(recommendations, rule_table, changes, state, text),
        withheld=withheld,
    )
    answer = Answer(
        intent=intent,
        message=summary(arranged.recommendations, conditional, lookups, changes, arranged.do_now),
        recommendations=arranged.recommendations,
        conditional=arranged.conditional,
        lookups=arranged.lookups,
        do_now=arranged.do_now,
        set_aside=arranged.set_aside,
        groups=arranged.groups,
        questions=questions,
        possible=list(possible),
        facts=state.case.known(),
        details=dict(state.details),
        changes=changes,
        conflicts=[
            ConflictOut(facts=list(c.facts), message=c.message) for c in evaluation.conflicts
        ],
        passages=list(hits),
        notices=notices,
    )
    return state, answer


def supposed_rows(
    passages: Passages,
    case: Case,
    rule_table: Sequence[rules.Rule],
    evaluation: rules.Evaluation,
    suppose: Sequence[str],
    supposed: Mapping[str, str] = MappingProxyType({}),
) -> list[ConditionalOut]:
    """The rules a question's supposition would make apply, as conditional rows that depend on
    it: the urgent rules of a Box 1 red flag it names (and of a cancer history it names, not yet
    known), and every rule that what it supposes, read with its values, would make apply."""
    specs = catalogue()
    flags = [f for f in dict.fromkeys(suppose) if f in specs and specs[f].red_flag]
    flags = [f for f in flags if case.get(f) != "yes"]  # "what if she now gets …" too
    values = {f: "yes" for f in flags}
    if flags and "cancer_diagnosis" in suppose and case.get("cancer_diagnosis") != "no":
        values["cancer_diagnosis"] = "yes"
    stated = {f: v for f, v in supposed.items() if f in specs and case.get(f) != v}
    values.update(stated)
    if not values:
        return []
    what_if = rules.evaluate(make_case({**case.known(), **values}), rule_table)
    already = {h.rule_id for h in evaluation.applies}
    missing = list(values)
    return [
        conditional_recommendation(passages, hit, missing=missing, deciding=missing)
        for hit in what_if.applies
        if hit.rule_id not in already
        and (stated or (hit.urgency in URGENT and hit.strength != "do-not"))
    ]


def recommendations_in(passages: Passages, focus: Iterable[str]) -> set[str]:
    """The recommendation ids among these passages, a rationale standing for those it covers."""
    out: set[str] = set()
    for pid in focus:
        passage = passages[pid]
        if passage.kind == "recommendation":
            out.add(pid)
        elif passage.kind == "rationale":
            out.update(passage.covers)
    return out


def rationale_ids(passages: Passages, cites: Iterable[str]) -> list[str]:
    """The rationale passages of the cited recommendations, once each, in order."""
    ids = (passages[c].rationale_id for c in cites)
    return list(dict.fromkeys(i for i in ids if i))


def withheld_by_exception(
    passages: Passages,
    case: Case,
    rule_table: Sequence[rules.Rule],
    evaluation: rules.Evaluation,
) -> list[SetAsideOut]:
    """Rules withheld only by their own 'unless' exception, which the case records (1.10.4:
    urgent radiotherapy unless paralysed for 2 weeks or longer with pain well controlled, or a
    poor prognosis): shown apart with what rules them out, so "why isn't he having
    radiotherapy?" is answered by NICE's own words, never by silence (rounds 46 and 47)."""
    definitions = rules.load_definitions()
    out: list[SetAsideOut] = []
    for rule in rule_table:
        if rule.asks is None or evaluation.status(rule.id) != "not":
            continue
        exception = rules.check(rule.asks, case, definitions=definitions)
        if exception.value != YES:
            continue
        unsaid = {name: "unknown" for name in facts_through(rule.asks, definitions)}
        if rules.check(rule, case.updated(unsaid), definitions=definitions).value != YES:
            continue  # it would not apply without the exception either: nothing to explain
        hit = rules.RuleHit.of(rule, trace=exception.why)
        label = _exception_label(rule.asks, definitions)
        because = "; ".join(exception.why)
        out.append(
            SetAsideOut(
                **recommendation(passages, hit).model_dump(),
                because=f"{label}: {because}" if label else because,
            )
        )
    return out


def _exception_label(cond: Condition, definitions: Mapping[str, Definition]) -> str:
    """The plain words of an exception named by a definition ("an exception in 1.10.4 holds
    (…)"), or nothing for an inline condition (its trace lines say it)."""
    name = getattr(cond, "def_", None)
    return definitions[name].label if name in definitions else ""


def recommendation(passages: Passages, hit: rules.RuleHit) -> RecommendationOut:
    """A rule hit as a recommendation quoting the passages it cites."""
    # The quote is the cited passage's text, verbatim; the rule carries its own cites only.
    return RecommendationOut(
        rule=hit.rule_id,
        action=hit.action,
        strength=hit.strength,
        urgency=hit.urgency,
        cites=list(hit.cites),
        quotes=[Quote(id=c, text=passages[c].text) for c in hit.cites],
        rationale=rationale_ids(passages, hit.cites),
        trace=list(hit.trace),
        condition=rules.describe(rules.rule_by_id(hit.rule_id)),
    )


def hedged_first(hit: rules.RuleHit, uncertain: Sequence[str]) -> list[str] | None:
    """The red flag the message hedged, when any one red flag decides the rule.

    "Legs might be a bit weak?? and ?numb toes": 1.3.2 would apply on the answer about the
    weakness the user was unsure of, so that is the question it names, not the first red
    flag by rank (bladder). One answer still decides it. None keeps the hit's own."""
    specs = catalogue()
    if len(hit.deciding) != 1 or not specs[hit.deciding[0]].red_flag:
        return None
    hedged = [f for f in dict.fromkeys(uncertain) if f in hit.missing and specs[f].red_flag]
    return hedged[:1] or None


def conditional_recommendation(
    passages: Passages,
    hit: rules.RuleHit,
    *,
    missing: Sequence[str] | None = None,
    deciding: Sequence[str] | None = None,
) -> ConditionalOut:
    """A rule hit that depends on unknown facts (the hit's own, unless a what-if names them),
    with the questions for the fewest answers that could make it apply."""
    specs = catalogue()
    deciding = list(hit.deciding if deciding is None else deciding)
    return ConditionalOut(
        **recommendation(passages, hit).model_dump(),
        missing=list(hit.missing if missing is None else missing),
        deciding=deciding,
        ask=[specs[f].question for f in deciding],
    )


def lookup(passages: Passages, pid: str) -> LookupOut:
    """A passage quoted as a guideline lookup."""
    passage = passages[pid]
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


def summary(
    recs: Sequence[RecommendationOut],
    conditional: Sequence[ConditionalOut],
    lookups: Sequence[LookupOut],
    changes: Sequence[ChangeOut],
    do_now: Sequence[DoNowOut] = (),
) -> str:
    """The answer's opening message: what changed, and what to do first (the Do now actions)."""
    parts = []
    if changes:
        parts.append(
            "Updated: " + "; ".join(f"{c.label}: {c.before} → {c.after}" for c in changes) + "."
        )
    if do_now:
        parts.append("Do now (NG234): " + do_now_sentence(do_now))
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


def reply_only(state: SessionState, intent: Intent, message: str, notices: list[str]) -> Answer:
    """An answer that is only a message (empty input, reset, a reply with nothing to answer)."""
    return Answer(intent=intent, message=message, facts=state.case.known(), notices=notices)
