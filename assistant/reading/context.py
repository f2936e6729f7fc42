"""Scope resolution, after medspaCy's ConText: which cues modify which mentions.

A cue scopes to the end (FORWARD) or start (BACKWARD) of its sentence, cut short by TERMINATE
cues, later cues of its category or of a category in `terminating_types`, then trimmed to its
`max_scope` window; a mention is modified if it starts in the scope.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from assistant.reading.lexicon import NEGATED, POSSIBLE, QUESTION, ContextRule, Gender, Genders
from assistant.reading.lists import (
    LABEL_JOINS,
    LIST_DOUBT,
    affirmed,
    clause_after_first_item,
    clause_of_its_own,
    closes_list,
    denied_item_by_item,
    end_list,
    extend_over_lists,
    juxtaposed_red_flags,
    opens_a_finding,
    sited,
    undenied_after_item,
)
from assistant.reading.mentions import (
    LABEL_PUNCT,
    RED_FLAGS,
    Cue,
    Index,
    Mention,
    allows,
    gloss_opening,
    names_a_red_flag,
    relatives,
    writers_word,
)
from assistant.reading.pipeline import Pipeline
from assistant.reading.text import CLAUSE_PUNCT, FULL_STOPS, Text
from assistant.reading.words import words

_CUE_PUNCT = frozenset({":", "-"})  # "weakness: nil", "concern re: MSCC" keep their scope
#: Subjects that open a clause of their own after a cue's colon or dash.
_CLAUSE_SUBJECTS = frozenset({"he", "she", "they", "i", "we", "he's", "she's", "they're", "i'm"})


#: Box 1 cord red flags: a denial must govern them plainly to record them absent (H02).


def _scope(cues: list[Cue], doc: Text, pipe: Pipeline) -> None:
    """Set each cue's scope: its clause, cut short by terminators, then its max_scope window."""
    by_sentence: dict[int, list[Cue]] = {}
    for cue in cues:
        by_sentence.setdefault(doc.sent_of[cue.start], []).append(cue)
    for sid, group in by_sentence.items():
        s0, s1 = doc.sents[sid]
        starts: dict[str, list[int]] = {}
        ends: dict[str, list[int]] = {}
        for cue in group:  # group is sorted by start
            key = "TERMINATE" if cue.rule.direction == "TERMINATE" else cue.rule.category
            starts.setdefault(key, []).append(cue.start)
            ends.setdefault(key, []).append(cue.end)
        for key in ends:
            ends[key].sort()
        for cue in group:
            rule = cue.rule
            cue.hard_start, cue.hard_end = s0, s1
            if rule.direction == "BACKWARD" and _answers_a_label(cue, doc):
                cue.hard_start = _label_start(doc, sid)
            if rule.direction == "FORWARD":
                cue.hard_start = cue.end
            elif rule.direction == "BACKWARD":
                cue.hard_end = cue.start
            if rule.direction == "TERMINATE":
                continue
            # medspaCy limit_scope: a later (earlier) terminator, cue of the same category or of
            # a category in terminating_types ends a forward (backward) scope.
            keys = (
                {"TERMINATE", rule.category, *pipe.terminated_by.get(rule.category, ())}
                if rule.terminable
                else {"TERMINATE"}
            )
            for key in keys & starts.keys():
                if rule.direction in ("FORWARD", "BIDIRECTIONAL"):
                    # a terminator inside the cue's own words ("it's my auntie … who") is its own
                    k = (
                        bisect_left(starts[key], cue.end)
                        if not rule.terminable
                        else bisect_right(starts[key], cue.start)
                    )
                    if k < len(starts[key]):
                        cue.hard_end = min(cue.hard_end, max(starts[key][k], cue.end))
                if rule.direction in ("BACKWARD", "BIDIRECTIONAL"):
                    # as forward: a terminator inside a non-terminable cue's own words is its
                    # own ("since then (CIPN, unchanged at every clinic)")
                    k = (
                        bisect_right(ends[key], cue.start)
                        if not rule.terminable
                        else bisect_left(ends[key], cue.end)
                    ) - 1
                    if key == "TERMINATE" and k >= 0 and ends[key][k] == cue.start:
                        k -= 1  # a dash right before the cue labels it: "weakness - none"
                    if k >= 0:
                        cue.hard_start = max(cue.hard_start, min(ends[key][k], cue.start))
            _window(cue, doc)


def _said_again(
    span: Iterable[int], unsure: set[int], index: Index, doc: Text, pipe: Pipeline
) -> set[int]:
    """Mentions a list's denial reached across a comma that name the finding of a mention
    before them again ("No weakness in arms, weakness in both legs", rf64-232): no one lists
    one finding twice, so the second, at another site, is stated. Not when "or"/"nor" closes
    the list after it ("no leg weakness, arm weakness or numbness")."""
    entries, mentions = pipe.table.entries, index.mentions
    out: set[int] = set()
    before: list[tuple[tuple[str, str | None], int]] = []
    for k in sorted(span, key=lambda k: mentions[k].start):
        m = mentions[k]
        # the same finding, not its normal ("denies tingling, bladder normal, faecal
        # incontinence" lists a normal and a finding of one fact: still asked)
        fact = (entries[m.entry].fact, entries[m.entry].value)
        if (
            k in unsure
            and any(f == fact and "," in doc.lower[end : m.start] for f, end in before)
            and not closes_list(doc, m.end, doc.sents[doc.sent_of[m.start]][1])
        ):
            out.add(k)
        before.append((fact, m.end))
    return out


def _window(cue: Cue, doc: Text) -> None:
    """Apply max_scope: a short window that also stops at clause punctuation."""
    cue.scope_start, cue.scope_end = cue.hard_start, cue.hard_end
    n = cue.rule.max_scope
    if n is None:
        return
    if cue.rule.direction in ("FORWARD", "BIDIRECTIONAL"):
        end = min(cue.hard_end, cue.end + n)
        first = cue.end + (cue.end < end and doc.lower[cue.end] in _CUE_PUNCT)  # "concern re: X"
        if first > cue.end and first < len(doc.lower) and doc.lower[first] in _CLAUSE_SUBJECTS:
            # "it's my husband I'm worried about: he has prostate cancer" (rf58-161): a clause
            # of its own follows the colon, not the label's answer
            first = end = cue.end
        if _gloss(cue, doc):
            first = cue.end + 1  # "Mere mama (uncle) ko pairon mein jhunjhuni": past its ")"
            end = min(cue.hard_end, first + n)
        stops = _NEGATION_STOPS if cue.rule.category == NEGATED else _WINDOW_STOPS
        for i in range(first, end):
            if doc.lower[i] in stops or _ends_question(doc, i):
                end = i
                break
            if cue.rule.category == NEGATED and opens_a_finding(doc, first, i):
                end = i  # "no fever new leg weakness": the weakness is stated, not denied
                break
        cue.scope_end = max(end, cue.end) if cue.rule.direction == "FORWARD" else end
    if cue.rule.direction in ("BACKWARD", "BIDIRECTIONAL"):
        # "Numbness / tingling: denies", "Numbness / pins & needles - denies" (b149): a label
        # the answer follows, spaced "/" and all, as far back as its line opens
        labelled = _answers_a_label(cue, doc)
        start = max(cue.hard_start, cue.start - n)
        if labelled:
            start = cue.hard_start
        last = cue.start - 1 - (cue.start > start and doc.lower[cue.start - 1] in _CUE_PUNCT)
        for i in range(last, start - 1, -1):
            if doc.lower[i] == "/" and (_tight(doc, i) or labelled):
                continue  # "bladder/bowel change: no": one label, the answer denies it all
            if (
                doc.lower[i] in _WINDOW_STOPS
                or _ends_question(doc, i)
                or (labelled and doc.lower[i] in FULL_STOPS)  # "Bilat LL P&N. Uro: NAD"
            ):
                start = i + 1
                break
        cue.scope_start = start


def _answers_a_label(cue: Cue, doc: Text) -> bool:
    """A backward denial written as a label's answer, right after its colon or dash ("Leg
    weakness: no"); not another cue after a dash ("- that was my mother", round 66)."""
    return (
        cue.rule.category == NEGATED and cue.start > 0 and doc.lower[cue.start - 1] in LABEL_PUNCT
    )


def _label_start(doc: Text, sid: int) -> int:
    """Where the label a sentence ends opens: back over items the segmenter split at a
    spaced "/" on the same line ("Numbness / pins & needles - denies", b149), one label."""
    start = doc.sents[sid][0]
    while sid > 0 and start > 0 and doc.lower[start - 1] == "/":
        sid -= 1
        start = doc.sents[sid][0]
    return start


def _tight(doc: Text, i: int) -> bool:
    """Token i is written between two words with no space ("bladder/bowel")."""
    return (
        0 < i < len(doc.lower) - 1
        and doc.ends[i - 1] == doc.starts[i]
        and doc.ends[i] == doc.starts[i + 1]
        and doc.lower[i - 1].isalpha()
        and doc.lower[i + 1].isalpha()
    )


#: A windowed cue ("nil", "denied") stops at clause punctuation, an unspaced "/" and "and":
#: "prostate ca/nil SOB/retention" and "breast ca and nil chest pain" deny no cancer.
_WINDOW_STOPS = CLAUSE_PUNCT | {"/"}
#: A windowed negation reads forward no further than "and": "nil cough and legs weak".
_NEGATION_STOPS = _WINDOW_STOPS | {"and", "&", "+"}


#: The values a finding's words give when they say it is normal ("neurologically intact").
_NORMALS = frozenset({"no", "none"})


def _gloss(cue: Cue, doc: Text) -> bool:
    """Whether a cue is the whole of a bracket glossing the word before it ("mama (uncle)",
    "her sister (my aunt)"): it speaks of that word, so its scope runs on past the bracket."""
    opened = gloss_opening(cue.start, cue.end, doc, _GLOSS_OWNERS)
    return opened is not None and doc.lower[opened - 1] not in CLAUSE_PUNCT


_GLOSS_OWNERS = frozenset({"my", "our", "her", "his", "their"})


def _ends_question(doc: Text, i: int) -> bool:
    """A '?' written against the word before it ends a question ("mets?"), not "?mets"."""
    return doc.lower[i] == "?" and i > 0 and doc.starts[i] == doc.ends[i - 1]


def own_question_marks(cues: list[Cue], doc: Text) -> list[Cue]:
    """Drop the closing '?' of a wh-question: it marks the question, not a doubt.

    "What should I do for my patient with weak legs?": the question cue already scopes the
    topic words, and a patient named in the question ends that scope, so the final '?' must not
    hedge the findings before it the way it hedges a fragment ("weak legs?").
    """
    asked = {doc.sent_of[c.start] for c in cues if c.rule.category == QUESTION}
    # "Not unsteady? No, she is - …", "Negative for clonus? Not quite - 3 beats …": a question
    # put in the negative that the writer's answer contradicts states the finding; its own
    # denial goes with its '?'
    contradicted = {
        doc.sent_of[c.start]
        for c in cues
        if c.rule.category == POSSIBLE
        and c.rule.direction == "BACKWARD"
        and doc.lower[c.start] == "?"
        and _contradicted(c.start, doc)
    }
    return [
        c
        for c in cues
        if not (c.rule.category == NEGATED and doc.sent_of[c.start] in contradicted)
        and not (
            c.rule.category == POSSIBLE
            and c.rule.direction == "BACKWARD"
            and doc.lower[c.start] == "?"
            and (
                doc.sent_of[c.start] in asked
                or _premise_before(c.start, doc)
                or _stated_after_dash(c.start, doc)
                or answered_yes(c.start, doc)
                or doc.sent_of[c.start] in contradicted
                or _presupposed(c.start, doc)
            )
        )
    ]


#: Words that open a question, and the subjects a statement after its dash opens with.
_QUESTION_OPENERS = frozenset({"what", "how", "when", "which", "who", "why", "should", "can"})
_DASHES = frozenset({"-", "–", "—"})
_STATEMENT_SUBJECTS = frozenset(
    {"he", "she", "they", "he's", "she's", "his", "her", "their", "my", "mum", "dad"}
)


def _stated_after_dash(end: int, doc: Text) -> bool:
    """A question's words, then a spaced dash and a statement about the patient ("What should I
    do - he's got cancer in his prostate … and his legs are numb?", rf51-133): the closing '?'
    asks the opening question; it does not hedge what the statement says."""
    start = next((i + 1 for i in range(end - 1, -1, -1) if doc.lower[i] in FULL_STOPS), 0)
    if start >= end or doc.lower[start] not in _QUESTION_OPENERS:
        return False
    return any(
        doc.lower[j] in _DASHES and doc.lower[j + 1] in _STATEMENT_SUBJECTS
        for j in range(start + 1, end - 1)
    )


#: Words that open a stated premise inside a question ("anything different because it's
#: myeloma?"): what follows them is given, so the closing '?' asks, it does not hedge.
_PREMISE = frozenset({"because", "cos", "coz", "cuz"})  # not "since": "weak since Monday?"


#: Words that open an answer confirming the question just asked ("Q: any numbness? A: yes,
#: both feet"; "Weakness? Not absent - definitely there").
_YES = frozenset({"yes", "yeah", "yep", "yup", "y", "present", "positive", "definitely", "+"})
_ANSWER_LABELS = frozenset({"a", "ans", "answer"})


def answered_yes(end: int, doc: Text) -> bool:
    """Whether the question mark at `end` is answered yes right after it (an interview written
    out, rf52-150 and 256; "But numb? Yes, both shins"): the '?' asked it, the answer states
    it. An answer of "no" leaves it asked. The one test of a yes answer, for cues and for the
    status pass in extract.py."""
    words = doc.lower[end + 1 : end + 5]
    if len(words) >= 2 and words[0] in _ANSWER_LABELS and words[1] == ":":
        words = words[2:]
    return bool(words) and (words[0] in _YES or words[:2] == ["not", "absent"])


#: How a question put in the negative opens ("Not unsteady?", "Negative for clonus?"), and the
#: answers that contradict it: "no, she is", "not quite", "actually yes".
_NEGATIVE_OPENERS = frozenset({"not", "no", "negative", "nil", "absent", "never"})
_CONTRADICTIONS = (["not", "quite"], ["not", "really"], ["actually", "yes"], ["actually", "she"])
_SUBJECT_VERBS = frozenset({"is", "are", "does", "do", "has", "have", "was", "did", "can"})


def _contradicted(end: int, doc: Text) -> bool:
    """Whether the question ending at `end` asks in the negative ("Not unsteady?") and the
    writer answers it with a contradiction ("No, she is - she's been weaving …", rf70-114;
    "Negative for clonus? Not quite - 3 beats on the right", rf70-065)."""
    start, _ = doc.sents[doc.sent_of[end]]
    if start >= end or doc.lower[start] not in _NEGATIVE_OPENERS:
        return False
    words = [w for w in doc.lower[end + 1 : end + 7] if w != "," and w not in _DASHES]
    if words[:2] in _CONTRADICTIONS:
        return True
    return (
        len(words) >= 3
        and words[0] == "no"
        and words[1] in _STATEMENT_SUBJECTS | {"it", "there", "they"}
        and words[2] in _SUBJECT_VERBS
    )


#: A question that takes what follows as given: "does it matter that she's started wetting
#: herself?", "is it worth telling the nurse that …", "is it normal that …" (rf52-140, 136).
_FACTIVE = frozenset(
    {"matter", "matters", "mattered", "normal", "usual", "worrying", "worried", "concerning"}
    | {"concerned", "serious", "significant", "important", "relevant", "bad"}
    # "should she still be walking on her own, given that she keeps falling?" (rf69-137)
    | {"given", "considering"}
)
#: Judgements a question asks of what it takes as so ("is it dangerous that he can't feel
#: his legs?").
_JUDGED = frozenset({"dangerous", "ok", "okay", "alright", "common", "expected", "urgent"})
_QUOTES = frozenset({"'", '"', "‘", "“"})
#: Words that open a question without changing what it asks ("so why …", "and is it bad …").
_OPENING_WORDS = frozenset({"so", "and", "but", "then", "ok", "okay", "also", "well", "now", ","})
_WORTH_VERBS = frozenset({"telling", "mentioning", "saying", "reporting", "flagging", "raising"})


def _presupposed(end: int, doc: Text) -> bool:
    """Whether the question ending at `end` presupposes its findings: a factive word right
    before "that", "worth telling … that", or "why" asking about the patient ("Why do I get a
    burning band of pain round my chest?", rf52-135): the '?' asks why or whether it matters,
    not whether it is so."""
    start, _ = doc.sents[doc.sent_of[end]]
    words = doc.lower[start:end]
    if ":" in words[:4]:
        words = words[words.index(":") + 1 :]  # "Pt asks: 'Why are my legs numb?'" (rf74-128)
    while words[:1] and (words[0] in _QUOTES or words[0] in _OPENING_WORDS):
        words = words[1:]  # "So why is he falling?" (rf76-134)
    if words[:1] == ["why"]:
        return len(words) > 2 and words[2] in _PATIENT_SUBJECTS
    if (
        words[:2] in (["is", "it"], ["isn't", "it"])
        and len(words) > 4
        and words[2] in _FACTIVE | _JUDGED
        and words[3] not in ("if", "when", "possible")
    ):
        # "is it bad mum cant walk properly??" (rf74-310), "Is it normal for my wife to be
        # this unsteady on her feet" (rf74-125): the question is whether what is so matters;
        # "is it bad if she can't walk?" stays a doubt
        return True
    for i, word in enumerate(words[1:], 1):
        if word == "that" and words[i - 1] in _FACTIVE:
            return True
        if word == "if" and "point" in words[max(0, i - 5) : i]:
            return True  # "is there any point scanning if his legs have been paralysed …?"
        if (
            word == "that"
            and any(w in _WORTH_VERBS for w in words[max(0, i - 6) : i])
            and ("worth" in words[max(0, i - 8) : i])
        ):
            return True
    return False


#: Subjects that make a why-question about the patient ("why does he", "why is my dad").
_PATIENT_SUBJECTS = frozenset({"i", "he", "she", "my", "his", "her", "mum", "dad", "mom", "nan"})


def _premise_before(end: int, doc: Text) -> bool:
    """Whether a premise word stands earlier in the sentence of the token at `end`."""
    start, _ = doc.sents[doc.sent_of[end]]
    words = doc.lower[start:end]
    # "… in my patient, who has a history of melanoma?": a relative clause states the premise;
    # so does one about the writer's own patient ("for our resident with bowel cancer who can't
    # pass urine and whose legs have gone weak?", rf71-124), not about anyone ("a patient who")
    return (
        any(word in _PREMISE for word in words)
        or any(word == "who" and words[i - 1] == "," for i, word in enumerate(words) if i)
        or any(
            word in ("who", "whose") and _OWN_PERSON & set(words[max(0, i - 6) : i])
            for i, word in enumerate(words)
        )
    )


#: The writer's own patient before a relative clause ("our resident … who …").
_OWN_PERSON = frozenset({"our", "my"})


def find_modifiers(cues: list[Cue], mentions: list[Mention], doc: Text, pipe: Pipeline):
    """The cues that modify each mention (a mention is modified if it starts in the scope)."""
    _scope(cues, doc, pipe)
    index = Index.of(mentions)
    entries = pipe.table.entries
    found: list[list[Cue]] = [[] for _ in mentions]
    for cue in cues:
        if cue.rule.direction in ("TERMINATE", "PSEUDO"):
            continue
        skipped: set[int] = set()
        unsure: set[int] = set()
        first_only = (cue.rule.metadata or {}).get("governs") == "first finding"
        if first_only:
            _first_finding_only(cue, index, doc)
        if cue.rule.direction == "BACKWARD" and _answers_a_label(cue, doc):
            _label_only(cue, index, doc)
        if cue.rule.max_scope is not None:
            reached = extend_over_lists(cue, index, doc, pipe)
            if first_only and cue.rule.direction == "FORWARD":
                # "?weakness left leg, plantars clearly upgoing": a leading '?' doubts its
                # finding and what "or" joins to it, not a finding past a bare comma, however
                # long the list ("?CES, PVR 900 mL, saddle anaesthesia +ve", rf77-061)
                comma = next(
                    (i for i in range(cue.end, cue.scope_end) if doc.lower[i] == ","), None
                )
                skipped = {
                    k
                    for k in index.starting_in(cue.scope_start, cue.scope_end)
                    if mentions[k].start in reached
                    or (comma is not None and mentions[k].start > comma)
                }
            if cue.rule.category == NEGATED and reached:
                span = index.starting_in(cue.scope_start, cue.scope_end)
                unsure = {k for k in span if mentions[k].start in reached}
                # "Nil incontinence, walking with a frame since Monday (new)": stated; so is a
                # normal ("no cord compression, neurologically intact", round 56): a list's
                # denial does not deny that a finding is normal
                skipped = {
                    k
                    for k in unsure
                    if affirmed(mentions[k], doc) or entries[mentions[k].entry].value in _NORMALS
                }
                # "Not numb, legs weak and unable to pass urine": a clause of its own ends the
                # list, and what follows it is stated with it
                clause = min(
                    (
                        mentions[k].start
                        for k in unsure
                        if clause_of_its_own(mentions[k], doc) or sited(mentions[k], doc)
                    ),
                    default=None,
                )
                if clause is not None:
                    skipped |= {k for k in unsure if mentions[k].start >= clause}
                unsure -= skipped
        else:
            skipped, unsure = end_list(cue, index, doc, pipe, cues)
        if cue.rule.category == NEGATED and cue.rule.direction == "FORWARD":
            unsure |= juxtaposed_red_flags(cue, index, doc, RED_FLAGS, pipe)
            # Past the denial's first item, stated: a finding written as a clause of its own
            # ("no numbness legs weak", no comma typed), and, when the writer put a denial
            # before each item, a finding straight after this one's item without a denial of
            # its own ("Nil weakness nil numbness walking with difficulty", rf52-235)
            stated = clause_after_first_item(cue, index, doc)
            if denied_item_by_item(cue, cues, index, doc):
                stated |= undenied_after_item(cue, index)
            span = index.starting_in(cue.scope_start, cue.scope_end)
            stated |= _said_again(span, unsure, index, doc, pipe)
            skipped |= stated
            unsure -= stated
        doubt = replace(cue, rule=LIST_DOUBT) if unsure else cue
        for k in index.starting_in(cue.scope_start, cue.scope_end):
            if mentions[k].end <= cue.spares:
                continue  # a word of the denial the cue was carried out of
            if k in unsure and mentions[k].inner is not None:
                continue  # its own cue decides: "pain doesn't radiate"
            # A windowed negation that reaches only the start of a mention running past its
            # window ("nil chest pain and pain shooting down the leg") leaves it asked. Of a
            # finding that is no red flag, it governs the mention it opens on, however long
            # ("it's not worse when I move", round 77 b155); a red flag's stays asked, as the
            # words past the window may be what state it ("cannot walk even with two people
            # helping", rf49-004).
            overhang = (
                cue.rule.max_scope is not None
                and mentions[k].end > cue.scope_end
                and (
                    mentions[k].start > cue.scope_start
                    or names_a_red_flag(entries[mentions[k].entry])
                )
            )
            if overhang and cue.rule.category == NEGATED:
                k_cue = replace(cue, rule=LIST_DOUBT)
            else:
                k_cue = doubt if k in unsure else cue
            if k not in skipped and allows(cue.rule, entries[mentions[k].entry].fact):
                found[k].append(k_cue)
        if cue.rule.category == FAMILY and cue.rule.direction == "FORWARD":
            # Asymmetric evidence: a diagnosis is the patient's only on strong evidence, so a
            # relative named earlier in the sentence keeps it past the short window ("his
            # brother ended up paralysed with leg weakness and a catheter from cord
            # compression"); a red flag the relative may have said of themselves is asked,
            # neither the patient's nor the relative's (over-calling costs a question; a plain
            # denial of the patient's own, "she herself has no weakness", then answers it).
            stop = next(
                (i for i in range(cue.end, len(doc.lower)) if doc.lower[i] in FULL_STOPS),
                len(doc.lower),
            )  # the sentence as written: a bracket may have split it
            people = _people_or_pronouns(pipe.genders)
            for k in index.starting_in(cue.scope_end, max(cue.hard_end, stop)):
                fact = entries[mentions[k].entry].fact
                # A diagnosis later in the relative's written sentence, in a clause that names
                # no one else, is still theirs ("my grandads friend had numb legs last yr and
                # they said it was cord compression", round 49).
                within = mentions[k].start < cue.hard_end or (
                    fact in KEPT_BY_RELATIVE
                    and mentions[k].start < stop
                    and not people & set(doc.lower[cue.end : mentions[k].start])
                    and not _may_be_the_patient(cue, doc, pipe.genders)
                )
                if within and fact in KEPT_BY_RELATIVE and cue not in found[k]:
                    found[k].append(cue)
                elif (
                    fact in RED_FLAGS
                    and not found[k]
                    and _maybe_the_relatives(cue, mentions[k], doc, stop, pipe)
                ):
                    found[k].append(replace(cue, rule=RELATIVE_DOUBT))
    for k, m in enumerate(mentions):
        if m.inner is not None:
            found[k].append(m.inner)
    return found


def _may_be_the_patient(cue: Cue, doc: Text, genders: Genders) -> bool:
    """A relative of the writer's own, named bare or as "my …" ("help for Mum", "my dad"):
    often the patient, so their clause ends where their sentence's clause does. Not another
    person ("friend") or someone else's relative ("her sister", "grandad's friend")."""
    word = writers_word(cue.start, cue.end, doc)
    return word is not None and word in relatives(genders)


#: The words that open a yes-no question ("is he …", "so has she …").
_YES_NO_OPENERS = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "does", "do", "did", "can", "could",
     "should", "will", "would", "isn't", "hasn't", "doesn't"}
)  # fmt: skip
_LEAD_INS = frozenset({"so", "and", "but", "ok", "okay", "also", "then"})


def _asked_on(start: int, doc: Text) -> bool:
    """Whether the clause a finding starting at `start` stands in opens, a word or two before
    it, as a yes-no question ("is he too frail for surgery", "so is surgery off the table")."""
    i = start
    while i > doc.sents[doc.sent_of[start]][0] and doc.lower[i - 1] not in CLAUSE_PUNCT:
        i -= 1
    words = [w for w in doc.lower[i:start] if w not in _LEAD_INS]
    # a finding put alone or after "any" ("Any loss of bladder control? No.", "loss of
    # bladder control?"): the form's question, however many words the finding runs to
    alone = words in ([], ["any"], ["q", ":"], ["q", ":", "any"], ["new"], ["any", "new"])
    return alone or (len(words) <= 2 and words[0] in _YES_NO_OPENERS)


def _label_only(cue: Cue, index: Index, doc: Text) -> None:
    """Start a label answer's scope at its label: the finding written just before its colon or
    dash, with the findings joined to it by "/", "&", "+" or "and". A finding before them with
    no joint and no comma ("Sx weak legs numb feet bladder - nil") is another item, stated; one
    a comma separates is left to the list reading (H02)."""
    inside = sorted(
        index.starting_in(cue.scope_start, cue.start), key=lambda k: index.mentions[k].start
    )
    if not inside:
        return
    label = index.mentions[inside[-1]]
    unread = doc.lower[label.end : cue.start - 1]
    if unread and unread[0] in LABEL_JOINS | {"or"}:
        unread = []  # "problems with wee or poo: no": the label's own second half
    if unread:
        # the label is words no finding was read in ("bladder - nil", "Uro: NAD"): the
        # answer is that label's, and the findings before it are other items
        cue.scope_start = max(cue.scope_start, label.end)
        return
    start = label.start
    for k in reversed(inside[:-1]):
        before = index.mentions[k]
        if before.end > start:
            start = min(start, before.start)  # overlapping readings of the same words
            continue
        between = doc.lower[before.end : start]
        if between and set(between) <= LABEL_JOINS:
            start = before.start
            continue
        if "," in between:
            return  # a list: lists.py reads it
        break
    cue.scope_start = max(cue.scope_start, start)


def _first_finding_only(cue: Cue, index: Index, doc: Text) -> None:
    """End a cue's scope with the first finding it reaches ("?retention bladder scan 800ml":
    the '?' doubts the retention, not the measured volume after it); a backward cue's with
    the last one before it. A list the cue opens ("?cord compression or cauda equina") still
    widens it afterwards."""
    inside = index.starting_in(cue.scope_start, cue.scope_end)
    if not inside and cue.rule.direction == "BACKWARD":
        # "is he too frail for surgery?", "is surgery off the table?": a yes-no question put on
        # the finding the '?' is written on doubts it however many words it runs back past the
        # window; not one the question only presupposes ("help … since they found the cancer
        # in her spine?")
        written_on = [m.start for m in index.by_end.get(cue.start, []) if _asked_on(m.start, doc)]
        if written_on:
            cue.scope_start = min(written_on)
        return
    if not inside:
        return
    if cue.rule.direction == "BACKWARD":
        # "back pain + R leg weak??": a trailing '?' doubts the finding just before it.
        cue.scope_start = max(cue.scope_start, index.mentions[inside[-1]].start)
        return
    first = index.mentions[inside[0]].start
    ends = [index.mentions[k].end for k in inside if index.mentions[k].start == first]
    cue.scope_end = min(cue.scope_end, max(ends))


#: Words before "my" + a relative that make that relative the one a message is about.
_ABOUT_THE_PATIENT = words("about_the_patient")
_MY = frozenset({"my", "our"})
#: An age with a sex after it ("81F", "66 yo m"): the letter is in group 1.
_AGED = re.compile(r"\d{1,3}\s*(?:yo\s*)?([mf])$")


def _patient_gender_words(doc: Text, cue: Cue, genders: Genders) -> tuple[bool, bool]:
    """Whether the words before a relative is named say the patient is female, male: a title
    or noun, or an age with a sex ("81F"). Not a pronoun: "her husband has prostate ca and his
    legs are weak" may be the informant's husband, the patient."""
    before = doc.lower[: cue.start]
    sexes = {m.group(1) for w in before if (m := _AGED.match(w))}
    words = set(before)
    # "It's about my brother Mark": the relative the message is about is the patient
    about = {
        before[i]
        for i in range(2, len(before))
        if before[i - 1] in _MY and before[i - 2] in _ABOUT_THE_PATIENT
    }

    def said(gender: Gender) -> bool:
        return (
            bool(words & gender.patient_words)
            or gender.sex_letter in sexes
            or bool(about & gender.relatives)
        )

    return said(genders.female), said(genders.male)


def _maybe_the_relatives(cue: Cue, mention: Mention, doc: Text, stop: int, pipe: Pipeline) -> bool:
    """A red flag after a relative that may be the relative's own: a predicate of the
    relative's own clause, unbroken by punctuation (not "Son: dad (lung ca) has wet himself",
    "found by his wife, unable to stand": the patient's), or, to the end of the sentence, said
    with the relative's pronoun when the patient is of the other gender."""
    if _asks_someone(cue, doc):
        return False  # "mum asked her and she said …": the informant's question, not her own
    own_clause = mention.start < cue.hard_end and not any(
        t in CLAUSE_PUNCT for t in doc.lower[cue.end : mention.start]
    )
    return (
        own_clause
        or (mention.start < stop and _past_an_aside(cue, mention, doc, pipe))
        or (mention.start < stop and _the_relatives_own(cue, mention, doc, pipe.genders))
    )


#: Verbs by which a relative asks, tells or checks on someone else ("mum asked her").
_ASKING = frozenset({"asked", "asks", "rang", "phoned", "called", "told", "visited", "checked"})
#: Who a relative asks: the patient, by pronoun.
_OBJECTS = frozenset({"her", "him", "them"})


def _asks_someone(cue: Cue, doc: Text) -> bool:
    """A relative who asks, tells or checks on someone ("mum asked her and she said no her legs
    arent weak … BUT she keeps tripping", b103): the informant, so what the one asked says is
    that person's, not the relative's (round 51)."""
    after = doc.lower[cue.end : cue.end + 2]
    return len(after) == 2 and after[0] in _ASKING and after[1] in _OBJECTS


def _past_an_aside(cue: Cue, mention: Mention, doc: Text, pipe: Pipeline) -> bool:
    """A predicate of the relative's own clause after a bracketed aside that says the relative
    has no cancer ("his brother (no cancer) had numb legs and couldn't pee"): that relative is
    not the patient, and the bracket is no clause. A relative who is the patient ("Mum (lung
    ca) has numb legs") keeps her findings."""
    between = doc.lower[cue.end : mention.start]
    if between[:1] != ["("] or ")" not in between:
        return False
    close = between.index(")")
    aside = doc.text[doc.starts[cue.end] : doc.ends[cue.end + close]]
    rest = between[close + 1 :]
    return any(p.search(aside) for p in pipe.not_the_patient_asides) and not any(
        t in CLAUSE_PUNCT or t in pipe.clause_turns for t in rest
    )


def _the_relatives_own(cue: Cue, mention: Mention, doc: Text, genders: Genders) -> bool:
    """A red flag later in the relative's sentence said with the relative's pronoun, when the
    patient is of the other gender ("Mrs J … Her husband visits daily (he hasn't got cancer)
    and he told us his legs have gone numb"), or is the writer ("I have myeloma … My husband
    has trouble walking and his feet are numb"): past the relative's brackets, still his."""
    named = set(doc.lower[cue.start : cue.end])
    female, male = _patient_gender_words(doc, cue, genders)
    if named & genders.male.relatives:
        own, differs = genders.male.pronouns, female and not male
    elif named & genders.female.relatives:
        own, differs = genders.female.pronouns, male and not female
    else:
        return False
    # differs: the patient's gender is not the relative's, or the patient is the writer
    near = set(doc.lower[max(cue.end, mention.start - 3) : mention.start + 1])
    if (differs or cue.rule.writer_is_patient) and own & near:
        return True
    # The subject of a later sentence: its pronoun anywhere in the mention's clause ("- he had
    # numb legs and couldn't wee").
    people = _people(genders)
    if not _opens_a_later_sentence(cue, doc, people):
        return False
    clause = next(
        (i + 1 for i in range(mention.start - 1, cue.end - 1, -1) if doc.lower[i] in CLAUSE_PUNCT),
        cue.end,
    )
    words = doc.lower[clause : mention.start]
    said = [i for i, w in enumerate(words) if w in own]
    # Only the relative named before the pronoun ("- my husband has no numbness, but he's been
    # wobbly": the husband's), and no one after it ("- she says mum can't walk": mum's).
    between = doc.lower[cue.end : clause] + words
    return bool(said) and not any(w in people for w in between if w not in own)


@cache
def _people(genders: Genders) -> frozenset[str]:
    """Every word for a person the gender readers know: relatives and patient words."""
    return relatives(genders) | genders.male.patient_words | genders.female.patient_words


@cache
def _people_or_pronouns(genders: Genders) -> frozenset[str]:
    """Every word for a person, or a pronoun of one."""
    return _people(genders) | _PRONOUNS


#: Pronouns of a person: a clause that uses one may be about the patient.
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me", "my", "we", "us"})
#: Words that may stand before a relative who is the subject of a sentence ("His brother …").
_DETERMINERS = frozenset({"his", "her", "my", "their", "our", "the", "and", "but"})


def _opens_a_later_sentence(cue: Cue, doc: Text, people: frozenset[str]) -> bool:
    """A relative who is the subject of a sentence after one that named someone else as the
    patient ("My husband has lung cancer … His brother had cord compression last year - he
    had numb legs and couldn't wee"): the relative's pronoun in that sentence is the
    relative's, whoever the patient is (round 47). Not a relative named before ("My sister
    thinks mum is being dramatic. Mum (breast cancer) says she can't feel her legs": mum is
    the patient)."""
    sentence = doc.sent_of[cue.start]
    if sentence == doc.sent_of[0]:
        return False
    first = next(i for i in range(cue.start, -1, -1) if i == 0 or doc.sent_of[i - 1] != sentence)
    if not all(w in _DETERMINERS for w in doc.lower[first : cue.start]):
        return False
    named = set(doc.lower[cue.start : cue.end]) & people
    earlier = {w.removesuffix("'s").removesuffix("’s") for w in doc.lower[:first]} & people
    if not named or not earlier or named & earlier:
        return False
    # Not a relative who reports ("Her daughter says she has been wetting the bed"), nor one
    # whose own cancer the sentence names ("My father (lung cancer) doesn't have any
    # numbness, but he's been falling", "Mum, who has bowel cancer, …"): the patient.
    after = doc.lower[cue.end : cue.end + 1]
    if after and after[0] in _REPORTING:
        return False
    rest = range(cue.end, len(doc.lower))
    end = next((i for i in rest if doc.sent_of[i] != sentence), len(doc.lower))
    return not set(doc.lower[first:end]) & _CANCER_WORDS


#: Verbs that make a relative the informant of what follows, not its subject.
_REPORTING = frozenset(
    {"says", "said", "reports", "reported", "tells", "told", "thinks", "thought", "feels"}
    | {"noticed", "mentioned", "rang", "called", "phoned", "worries", "reckons"}
)
#: Words that name a cancer in the relative's sentence: that relative is the patient.
_CANCER_WORDS = frozenset(
    {"cancer", "ca", "carcinoma", "myeloma", "lymphoma", "leukaemia", "leukemia", "sarcoma"}
    | {"melanoma", "mets", "metastases", "metastatic", "tumour", "tumor", "malignancy"}
)


#: ConText category of a relative or another person ("his brother", "the patient in bed 4").
FAMILY = "FAMILY"
#: The doubt a relative named earlier in the sentence, past its short window, leaves on a red
#: flag: "her husband had cord compression from his own cancer and ended up paralysed".
RELATIVE_DOUBT = ContextRule(
    literal="a relative named earlier in the sentence", category=POSSIBLE, direction="FORWARD"
)
#: Diagnoses a relative named earlier in the sentence keeps to the end of its scope.
KEPT_BY_RELATIVE = frozenset({"mscc", "spinal_metastases", "complete_paralysis"})


#: ConText category of a body-site cue naming part of a red flag's domain ("arms", "grip").
OTHER_SITE = "OTHER_SITE"


def site_limited(mention: Mention, cues: list[Cue], doc: Text) -> str | None:
    """The body-site cue that limits a mention to part of its domain, if any.

    "Power 5/5 in arms" or "Arms: no weakness" says nothing about the legs: a red flag denied
    only for another site is asked, never recorded absent (design 2.5, "other site").
    """
    sentence = doc.sent_of[mention.start]
    for cue in cues:
        if cue.rule.category != OTHER_SITE or doc.sent_of[cue.start] != sentence:
            continue
        reach = cue.rule.max_scope or 5
        if cue.end <= mention.start and mention.start - cue.end > reach:
            continue
        if cue.start >= mention.end and cue.start - mention.end > reach:
            continue
        if _joined_to_legs(cue, doc):
            continue  # "power 5/5 UL + LL": the legs are named too
        return doc.text[doc.starts[cue.start] : doc.ends[cue.end - 1]]
    return None


def own_site(
    mention: Mention, fact: str, raw: list[tuple[int, int, int]], doc: Text, pipe: Pipeline
) -> str | None:
    """The other-site words a mention itself is limited to, if it names no leg.

    "Arms fine", "Arms 5/5" or "no weakness in her hands" is a normal for the arms only: the
    mention carries the site, so no cue is left outside it for site_limited to find. Absent
    needs the legs (or all limbs) named; otherwise the finding is asked.
    """
    words = doc.lower[mention.start : mention.end + 3]  # "no weakness in arms or legs"
    if any(w in _LEG_WORDS for w in words[: mention.end - mention.start]):
        return None
    tail = words[mention.end - mention.start :]
    if tail[:1] and tail[0] in _LIST_JOINS and set(tail[1:]) & _LEGS:
        return None
    for s, e, idx in raw:
        rule = pipe.rules[idx]
        if s < mention.start or e > mention.end or rule.category != OTHER_SITE:
            continue
        if rule.allowed_types and fact not in rule.allowed_types:
            continue
        return doc.text[doc.starts[s] : doc.ends[e - 1]]
    return None


#: Words naming the legs, and the joins that make "UL + LL" one site list.
_LEGS = frozenset({"ll", "lls", "le", "les", "leg", "legs", "lower", "feet"})
#: The legs and their parts: named in a mention, they make it about the legs.
_LEG_WORDS = _LEGS | frozenset({
    "foot", "thigh", "thighs", "knee", "knees", "hip", "hips", "ankle", "ankles", "toes", "toe",
    "quads", "calf", "calves", "bls", "lle", "rle",
})  # fmt: skip
_SITE_JOINS = frozenset({"+", "and", "&", "/"})
#: Joins that carry a mention on to the legs ("no weakness in arms or legs").
_LIST_JOINS = _SITE_JOINS | {"or", "nor"}


def _joined_to_legs(cue: Cue, doc: Text) -> bool:
    """Whether another site cue's words are joined to the legs ("UL + LL", "arms and legs")."""
    after, before = cue.end, cue.start - 1
    if (
        after + 1 < len(doc.lower)
        and doc.lower[after] in _SITE_JOINS
        and doc.lower[after + 1] in _LEGS
    ):
        return True
    return before - 1 >= 0 and doc.lower[before] in _SITE_JOINS and doc.lower[before - 1] in _LEGS


#: ConText category of an exception cue ("except", "apart from", "bar", "besides").
EXCEPTION = "EXCEPTION"


def _exception_after(mention: Mention, cues: list[Cue], doc: Text) -> Cue | None:
    """The exception that follows a mention in its own clause, if any.

    A comma straight after the mention keeps the clause ("No weakness, except in the left
    leg"); words after a comma open another ("neuro exam normal, no complaints other than …"
    keeps the first).
    """
    sentence = doc.sent_of[mention.start]
    for cue in cues:
        if (
            cue.rule.category != EXCEPTION
            or cue.start < mention.end
            or doc.sent_of[cue.start] != sentence
        ):
            continue
        gap = doc.lower[mention.end : cue.start]
        if gap == [","] or not any(w in CLAUSE_PUNCT for w in gap):
            return cue
    return None


def has_exception(mention: Mention, cues: list[Cue], doc: Text) -> bool:
    """Whether an exception follows the mention in its clause ("no neuro deficit except …").

    A global denial with an exception covers nothing it did not name: what follows the
    exception is stated, and the unnamed items stay unknown (asked).
    """
    return _exception_after(mention, cues, doc) is not None


#: What an exception names when it places, grades or times the denied finding itself.
_EXCEPTION_FILLERS = words("exception_fillers")
_EXCEPTION_RESTATES = words("exception_restates")


def restated_by_exception(
    mention: Mention, cues: list[Cue], mentions: list[Mention], doc: Text
) -> bool:
    """Whether the exception after a denial names where, how much or when the finding is.

    "No weakness except in the left leg", "nil numbness apart from mild in the toes" or "no
    weakness except when she walks far": the finding is stated there, not denied. An
    exception that names another finding ("no weakness except numb feet") or anything else
    leaves the denied finding asked (has_exception), never absent and never present.
    """
    cue = _exception_after(mention, cues, doc)
    if cue is None:
        return False
    _, sentence_end = doc.sents[doc.sent_of[mention.start]]
    end = next(
        (i for i in range(cue.end, sentence_end) if doc.lower[i] in CLAUSE_PUNCT), sentence_end
    )
    if any(cue.end <= other.start < end for other in mentions if other is not mention):
        return False
    named = [w for w in doc.lower[cue.end : end] if w not in _EXCEPTION_FILLERS]
    return bool(named) and named[0] in _EXCEPTION_RESTATES
