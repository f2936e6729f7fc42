"""Target and cue matching: where the text mentions a fact, and where a ConText cue stands.

Targets come from the synonym tries and regexes, cues from the ConText rules after medspaCy's
pruning (the longest overlapping cue wins); `apart` then tells findings from their modifiers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Any

from assistant.case import catalogue
from assistant.reading.anchors import Anchored, could_match
from assistant.reading.lexicon import (
    FAMILY,
    HYPOTHETICAL,
    NEGATED,
    POSSIBLE,
    QUESTION,
    ContextRule,
    Genders,
    Synonym,
)
from assistant.reading.pipeline import LEAF, Pipeline
from assistant.reading.text import CLAUSE_PUNCT, Text
from assistant.reading.words import words

_MODAL = frozenset({NEGATED, POSSIBLE, HYPOTHETICAL, FAMILY, QUESTION})
#: Cues inside a pattern match that still modify it ("pain does not radiate down the leg").
_INNER = frozenset({NEGATED, POSSIBLE})
#: Values a plain mention asserts when it reports a finding (not an absence or a judgement).
_POSITIVE = frozenset({"yes", "confirmed"})
#: Values a finding written as its own denial records ("no pain", "nil neuro").
_NEGATIVE = frozenset({"no", "none", "ruled_out"})
#: Denial cues that negate the next word only ("non-mechanical pain" is still pain).
_PREFIX_DENIALS = frozenset({"non", "non-"})


@dataclass
class Cue:
    """A ConText cue found in the text (token indices), with its scope once resolved."""

    start: int
    end: int
    rule: ContextRule
    scope_start: int = 0
    scope_end: int = 0
    #: A cue carried out of a denial ("no" of "no pain") leaves mentions ending by here alone.
    spares: int = 0
    hard_start: int = 0
    hard_end: int = 0


@dataclass
class Mention:
    """A target: the tokens that mention one synonym entry."""

    start: int  # token indices, end exclusive
    end: int
    entry: int
    match: re.Match[str] | None = None
    inner: Cue | None = None  # a negation/doubt cue inside a pattern match that modifies it


#: Punctuation between a label and its value that a vocabulary phrase reads through.
LABEL_PUNCT = frozenset({":", "-", "\u2013", "\u2014", "="})
#: Denial words that a dash or colon after never makes a label of ("No - neuro: …").
_NOT_A_LABEL = words("not_a_label")


def _trie_matches(
    doc: Text, trie: dict[str, Any], lower: list[str] | None = None
) -> list[tuple[int, int, Any]]:
    """Every phrase of the trie found in the tokens: (start, end, item). `lower`: the tokens
    to match, if not the text's own (`possessives_stripped`)."""
    found = []
    lower = doc.lower if lower is None else lower
    n = len(lower)
    for i in range(n):
        node, j = trie.get(lower[i]), i + 1
        while node is not None:
            for item in node.get(LEAF, ()):
                exact = item[1]
                if exact is None or all(
                    doc.text[doc.starts[i + k] : doc.ends[i + k]] == exact[k] for k in range(j - i)
                ):
                    found.append((i, j, item[0]))
            if (
                j + 1 < n
                and lower[j] in LABEL_PUNCT
                and lower[j] not in node
                and lower[j - 1] not in _NOT_A_LABEL
            ):
                j += 1  # "Power: reduced", "anal tone - lax": a label's colon joins the phrase
            node = node.get(lower[j]) if j < n else None
            j += 1
    return found


def _regex_matches(doc: Text, regexes: tuple[Anchored, ...]):
    folded = doc.folded
    for pattern in regexes:
        if not could_match(pattern.anchors, folded):
            continue  # none of the words every match contains is in the message
        regex, idx = pattern.regex, pattern.idx
        # A named group "cue" marks the cue's own words; the rest of the match is context
        # ("Daughter rang ...\nDad has ...": only "Dad" is the cue, the informant is context).
        group = "cue" if "cue" in regex.groupindex else 0
        for m in regex.finditer(doc.text):
            if m.start(group) < 0:
                continue
            start, end = doc.tokens_of(m.start(group), m.end(group))
            if end > start:
                yield start, end, idx, m


#: The Box 1 cord red flags: a stated one is never recorded absent (asymmetric evidence).
RED_FLAGS = frozenset(name for name, spec in catalogue().items() if spec.red_flag)


def names_a_red_flag(entry: Synonym) -> bool:
    """Whether a synonym entry's words state a Box 1 cord symptom or sign, as its fact or as
    one it also sets."""
    return entry.fact in RED_FLAGS or any(name in RED_FLAGS for name in entry.also)


@cache
def _inability_regex(define: str) -> re.Pattern[str]:
    return re.compile(rf"{define}\b", re.IGNORECASE)


def _inability(pipe: Pipeline) -> re.Pattern[str]:
    """The vocabulary's CANT words ("can't", "unable to", "no longer able to") at a start."""
    return _inability_regex(pipe.table.defines["CANT"])


def _denials_cut_short(
    m: Mention, kept: list[Mention], entries, doc: Text, pipe: Pipeline
) -> list[Mention]:
    """The longer denials of a red flag that a stated inability ("can't walk") overlaps from
    before, without either containing the other ("walk to the loo on his own"): the inability
    governs what it opens, so it is read and those denials are not. Empty when `m` is no such
    statement ("right leg weakness | is from his stroke" keeps its explanation)."""
    entry = entries[m.entry]
    if entry.fact not in RED_FLAGS or entry.value != "yes":
        return []
    words = doc.text[doc.starts[m.start] : doc.ends[m.end - 1]]
    if not _inability(pipe).match(words):
        return []
    rivals = [
        k
        for k in kept
        if entries[k.entry].fact == entry.fact and k.start < m.end and m.start < k.end
    ]
    if rivals and all(
        entries[k.entry].value == "no" and m.start < k.start and m.end < k.end for k in rivals
    ):
        return rivals
    return []


def find_targets(doc: Text, pipe: Pipeline) -> list[Mention]:
    """The fact mentions in the text: trie and regex matches, less ignored and masked ones."""
    entries, n = pipe.table.entries, len(doc.lower)
    mentions = [Mention(s, e, idx) for s, e, idx in _trie_matches(doc, pipe.target_trie)]
    mentions += [
        _restarted(Mention(s, e, idx, m), doc)
        if entries[idx].fact in pipe.symptoms and entries[idx].reader is None
        else Mention(s, e, idx, m)
        for s, e, idx, m in _regex_matches(doc, pipe.target_regexes)
    ]
    blocked = bytearray(n)
    for regex in pipe.ignore:
        for m in regex.finditer(doc.text):
            s, e = doc.tokens_of(m.start(), m.end())
            blocked[s:e] = b"\x01" * max(0, e - s)
    mentions = [m for m in mentions if 1 not in blocked[m.start : m.end]]
    # No mention spans a line break ("no abdo pain\nPain shooting down the leg").
    mentions = [
        m for m in mentions if "\n" not in doc.text[doc.starts[m.start] : doc.ends[m.end - 1]]
    ]
    # Nor, for a symptom, a comma and the reporting verb after it ("denies pain down the legs,
    # reports numb feet and weak ankles", rf62-239): what it reports is a clause of its own.
    mentions = [
        m
        for m in mentions
        if entries[m.entry].fact not in pipe.symptoms or not _reports_inside(doc, m.start, m.end)
    ]
    # Same fact, overlapping: the longest mention wins ("no cord compression on MRI" over
    # "cord compression"), then the earliest, then the entry listed first.
    mentions.sort(key=lambda m: (-(m.end - m.start), m.start, m.entry))
    taken: dict[str, bytearray] = {}
    kept: list[Mention] = []
    for m in mentions:
        occupied = taken.setdefault(entries[m.entry].fact, bytearray(n))
        if 1 not in occupied[m.start : m.end]:
            occupied[m.start : m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
        elif rivals := _denials_cut_short(m, kept, entries, doc, pipe):
            # "can't walk to the loo on his own": the inability governs the denial it opens.
            kept = [k for k in kept if k not in rivals]
            kept.append(m)
    # A normal state that begins inside a finding's words and runs past them ("she not feel
    # legs good": "legs good" inside "not feel legs", rf64-312) is part of that finding, not a
    # normal of its own: it would record a red flag nobody denied as absent.
    stated = [
        (k.start, k.end)
        for k in kept
        if entries[k.entry].value == "yes" and entries[k.entry].fact in pipe.symptoms
    ]
    kept = [
        k
        for k in kept
        if entries[k.entry].value != "no"
        or entries[k.entry].fact not in pipe.symptoms
        or not any(s < k.start < e < k.end for s, e in stated)
    ]
    # A mention may mask other facts' mentions inside it ("saddle numbness" is not just numbness).
    reach: dict[str, list[int]] = {}
    spans: set[tuple[str, int, int]] = set()
    for k in kept:
        for fact in entries[k.entry].masks:
            row = reach.setdefault(fact, [0] * n)
            spans.add((fact, k.start, k.end))
            for t in range(k.start, k.end):
                row[t] = max(row[t], k.end)

    def masked(m: Mention) -> bool:
        fact = entries[m.entry].fact
        row = reach.get(fact)
        return row is not None and row[m.start] >= m.end and (fact, m.start, m.end) not in spans

    return sorted((m for m in kept if not masked(m)), key=lambda m: (m.start, m.end, m.entry))


_REPORTING = words("fresh_report")


def _restarted(mention: Mention, doc: Text) -> Mention:
    """A symptom's match that begins again after a comma, ending where it ends ("Denies leg
    pain, pain shoots around the right chest wall", rf78-240): the finding is the words after
    the comma, and the words before it (inside another finding's denial) are not part of it.
    Never a match whose words a reader turns into its value ("left leg 4/5 throughout, right
    leg 5/5", rf47-035): every grade in it is the reading."""
    m = mention.match
    if m is None or m.re.groupindex.get("cue") or "," not in m.group():
        return mention
    for i in range(mention.end - 1, mention.start, -1):
        if doc.lower[i - 1] != ",":
            continue
        again = m.re.match(doc.text, doc.starts[i])
        if again is not None and again.end() == m.end():
            return Mention(i, mention.end, mention.entry, again)
    return mention


def _reports_inside(doc: Text, start: int, end: int) -> bool:
    """Whether a comma and a reporting verb, its subject may come between ("…, he says he is
    feeling full", rf65-011), stand inside a span (not at its first word)."""
    words_ = doc.lower
    return any(
        words_[i] == ","
        and (
            words_[i + 1] in _REPORTING
            or (i + 2 < end and words_[i + 1] in _REPORTERS and words_[i + 2] in _REPORTING)
        )
        for i in range(start, end - 1)
    )


#: Who reports after a comma ("…, he says …").
_REPORTERS = words("reporting_subjects")


#: What a possessive names ("her brother's legs"); "my wife's been tottering" is "has been".
_POSSESSED = words("subjects") | {"back", "spine", "neck", "bottom", "bum", "pain", "symptoms"}


#: Third-person possessives: a relative after one is someone else's ("her sister", "his
#: brother"), and a possessive relative after one is the patient's ("her husband's legs"),
#: never the writer's ("my dad's legs got weak": the one relative a message speaks of is the
#: patient).
_THIRD_PERSON = frozenset({"her", "his", "their"})
#: Whose relative is the one a call is about ("Caller's husband has lung cancer …").
_PROXIES = words("proxy_possessors")
#: A family a clinician speaks for, whose "their dad" is the patient.
_FAMILY_SPEAKERS = words("family_speakers")


def _someone_elses(word: str) -> bool:
    """Whether a possessive names another owner ("grandad's friend"), not the caller the
    message is written for ("Caller's husband")."""
    return word.endswith(("'s", "’s")) and word not in _PROXIES


def possessives_stripped(tokens: list[str]) -> list[str]:
    """The tokens with a possessive "'s" taken off a relative of the patient's before a body
    part or function ("her brother's legs" -> "her brother legs"); a contraction ("wife's
    been") and the writer's own relative ("my dad's legs") are left as written."""
    return [
        w[:-2]
        if len(w) > 3
        and w.endswith(("'s", "\u2019s"))
        and 0 < i < len(tokens) - 1
        and tokens[i - 1] in _THIRD_PERSON
        and tokens[i + 1] in _POSSESSED
        else w
        for i, w in enumerate(tokens)
    ]


def find_cues(
    doc: Text, pipe: Pipeline, patient: str | None = None
) -> tuple[list[tuple[int, int, int]], str | None]:
    """Cue matches after medspaCy's pruning: (start, end, rule index), and the relative the
    message is about when it names only one (`sole_relative`), else None."""
    n = len(doc.lower)
    raw = _trie_matches(doc, pipe.cue_trie)
    # The patient's relative named in the possessive ("her brother's legs are weak", round 63
    # b127): the relative's cue, as "her brother has weak legs" has.
    stripped = possessives_stripped(doc.lower)
    if stripped != doc.lower:
        seen = set(raw)
        raw += [
            m
            for m in _trie_matches(doc, pipe.cue_trie, stripped)
            if m not in seen and pipe.rules[m[2]].category == "FAMILY"
        ]
        raw.sort()
    raw += [(s, e, idx) for s, e, idx, _ in _regex_matches(doc, pipe.cue_regexes)]
    if patient:
        # The case is about a relative an earlier message named ("my mother is 74"): another
        # relative this message opens on ("My dad had bowel cancer") is not the patient.
        raw = [
            (s, e, idx) for s, e, idx in raw if not _another_relative(e, idx, doc, pipe, patient)
        ]
    # A relative who only informs the writer ("I ask my mother and it is not prostate, it is
    # kidney cancer", round 58): no relative cue, what follows is the patient's.
    raw = [
        (s, e, idx)
        for s, e, idx in raw
        if not (
            pipe.rules[idx].category == "FAMILY"
            and pipe.rules[idx].direction != "PSEUDO"
            and pipe.informant_before.search(
                doc.text, max(0, doc.starts[s] - _INFORMANT_REACH), doc.starts[s]
            )
        )
    ]
    # A relative the message opens on who has died ("My grandmother had a stroke years ago and
    # died. My mum has lung cancer …", rf64-175) is not made the patient: a relative cue.
    raw = [
        (s, e, idx)
        for s, e, idx in raw
        if not (_makes_a_patient(pipe.rules[idx]) and _said_to_have_died(e - 1, doc, pipe))
    ]
    # The one relative a message speaks of, now, with no one else named as the patient
    # ("We're in A&E. My husband Dave has myeloma …", "is it bad that grandma can't feel her
    # legs?"): the patient, like the relative a known opening names.
    named = patient_relative(raw, doc, pipe)
    sole = None if named or patient else sole_relative(raw, doc, pipe)
    # A relative word is someone else only beside a relative who is the patient: the one this
    # message is about ("asking about my nan … my grandad has numb feet") or the case's.
    about = named or patient or sole
    raw = [
        (s, e, idx)
        for s, e, idx in raw
        if not pipe.rules[idx].beside_patient_relative
        or (
            about is not None
            and _relative(_bare(doc.lower[e - 1])) != _relative(about)
            and not _owner_of(e, doc, about)
        )
    ]
    # Longest cue wins over cues it overlaps (medspaCy prune); identical spans all stay, so a
    # word can be both a forward and a backward cue ("denied numbness" / "numbness denied").
    raw.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    owner: list[tuple[int, int] | None] = [None] * n
    kept: list[tuple[int, int, int]] = []
    for s, e, idx in raw:
        if all(owner[t] is None or owner[t] == (s, e) for t in range(s, e)):
            for t in range(s, e):
                owner[t] = (s, e)
            kept.append((s, e, idx))
    # A pseudo-cue also blocks a cue of its category on the very same words: "Dad" that a
    # calling daughter describes is the patient, not a relative.
    pseudo = {
        (s, e, pipe.rules[idx].category)
        for s, e, idx in kept
        if pipe.rules[idx].direction == "PSEUDO"
    }
    kept = [
        (s, e, idx)
        for s, e, idx in kept
        if pipe.rules[idx].direction == "PSEUDO" or (s, e, pipe.rules[idx].category) not in pseudo
    ]
    return sorted(_patient_named_again(kept, doc, pipe, patient or sole)), sole


#: Words for the same relative ("My mother is 74 … Mum had breast cancer"): one person.
_SAME_RELATIVE = {
    word: group[0]
    for group in (
        ("mother", "mum", "mom", "mam", "mummy", "mommy", "mama"),
        ("father", "dad", "daddy", "pa"),
        ("grandmother", "grandma", "gran", "granny", "nan", "nana", "nanna", "nanny"),
        ("grandfather", "grandad", "granddad", "grandpa", "grandaddy"),
        ("husband", "hubby"),
    )
    for word in group
}


def _bare(word: str) -> str:
    """A word without its possessive ("Dad's" -> "dad")."""
    return word.removesuffix("'s").removesuffix("’s")


def _relative(word: str) -> str:
    """The relative a word names, whatever the word for them."""
    return _SAME_RELATIVE.get(word, word)


#: Possessives before a relative word ("her mum"): another one later may be someone else's.
_POSSESSIVES = _THIRD_PERSON | {"my", "our"}


#: A bare relative and the writer's own are the same person: (owner, possessive before).
_OWN = frozenset({(None, "my"), (None, "our")})


def _patient_named_again(
    kept: list[tuple[int, int, int]], doc: Text, pipe: Pipeline, known: str | None = None
) -> list[tuple[int, int, int]]:
    """A relative a message has made the patient ("ringing about her mum, 67") is the patient
    when named again with the same word or another word for them ("My mother is 74 … Mum had
    breast cancer"), unless another's ("her mum" after "my mum"): that later word is no
    relative cue. `known`: the relative an earlier turn made the patient ("Correction: … Mum
    had breast cancer" after "My mother is 74")."""
    patient: list[tuple[int, str, str | None]] = []
    if known:
        patient.append((0, _relative(known), None))
    for s, e, idx in kept:
        if _makes_a_patient(pipe.rules[idx]):
            before = doc.lower[e - 2] if e - s >= 2 else None
            # "Dad's appointment": the relative is "dad", whatever the possessive
            word = _relative(_bare(doc.lower[e - 1]))
            patient.append((e, word, before if before in _POSSESSIVES else None))

    def same_patient(s: int, e: int) -> bool:
        before = doc.lower[s - 1] if s > 0 else None
        own = _of_the_writers_own(s, e, doc, pipe)  # "my mum's friend"
        named = writers_word(s, e, doc) or own  # "mum", "my nan", "mother in law"
        return named is not None and any(
            s >= end
            and _relative(named) == word
            # the writer's own relative is the bare one ("Dad's appointment … my dad has")
            and (
                before not in _POSSESSIVES
                or before == owner
                or (owner, before) in _OWN
                or _theirs_for_a_family(s, doc)
            )
            # "her friend's dad": another's
            and (own is not None or not _someone_elses(before or ""))
            for end, word, owner in patient
        )

    return [
        (s, e, idx)
        for s, e, idx in kept
        if not (
            pipe.rules[idx].category == "FAMILY"
            and pipe.rules[idx].direction != "PSEUDO"
            and same_patient(s, e)
        )
    ]


def _makes_a_patient(rule: ContextRule) -> bool:
    """A FAMILY pseudo-cue pattern that makes the relative it names the patient ("ringing
    about her mum", "Dad's appointment")."""
    return rule.direction == "PSEUDO" and rule.category == "FAMILY" and rule.pattern is not None


@cache
def relatives(genders: Genders) -> frozenset[str]:
    """Every relative word the gender readers know."""
    return genders.male.relatives | genders.female.relatives


def _patient_named_by(e: int, idx: int, doc: Text, pipe: Pipeline) -> str | None:
    """The relative a cue ending at token `e` makes the patient, as one word for them
    ("mother"), or None: not such a cue, or not a relative ("she and her partner")."""
    if not _makes_a_patient(pipe.rules[idx]):
        return None
    word = _bare(doc.lower[e - 1])
    return _relative(word) if word in relatives(pipe.genders) else None


def _in_law(words: list[str]) -> str | None:
    """One word for a relative by marriage written in words ("mother in law", "mother-in-law"
    -> "mother-in-law"), or None."""
    if len(words) >= 3 and [w for w in words[1:] if w != "-"] == ["in", "law"]:
        return f"{words[0]}-in-law"
    return None


def writers_word(s: int, e: int, doc: Text) -> str | None:
    """The one word a cue's words name, bare or as the writer's own ("Mum", "my dad"), or
    None: more than one word, or someone else's ("her sister", "grandad's friend"). Whether
    it is a relative word is the caller's to ask."""
    words = [w for w in doc.lower[s:e] if w not in ("my", "our")]
    joined = _in_law(words)  # "mother in law": one word for one relative
    words = [joined] if joined else words
    before = doc.lower[s - 1] if s else ""
    if len(words) != 1 or _someone_elses(before):
        return None
    if before in _THIRD_PERSON and not _theirs_for_a_family(s, doc):
        return None
    return words[0]


def _theirs_for_a_family(s: int, doc: Text) -> bool:
    """Whether the word at token `s` follows a "their" that points back to a family the writer
    speaks for, named earlier in the sentence ("a family who are asking me why their dad …"):
    that relative is the one the message is about."""
    if s < 1 or doc.lower[s - 1] != "their":
        return False
    start, _ = doc.sents[doc.sent_of[s]]
    return any(w in _FAMILY_SPEAKERS for w in doc.lower[start:s])


def sole_relative(raw: list[tuple[int, int, int]], doc: Text, pipe: Pipeline) -> str | None:
    """The relative a message is about when it speaks of one only, as one word for them
    ("mother"), or None. Every relative cue names the same relative, bare or as the writer's
    own ("my husband Dave", "grandma"), never someone else's ("her sister"), and one of them
    is followed by what the message says of them now ("has myeloma", "can't feel her legs",
    "w melanoma"); a friend or neighbour counts as one (`others`); no other person is a
    relative cue ("the man in bed 6"), nothing names another
    patient ("the patient", "68M") or the writer as ill ("I have", "my legs"), and no words of
    a patient's case come before the relative is first named ("Known prostate ca, back
    pain. Wife has MS")."""
    found: set[str] = set()
    history: set[int] = set()
    speaks_now = False
    first = len(doc.lower)
    family = [
        (s, e)
        for s, e, idx in raw
        if pipe.rules[idx].category == "FAMILY"
        and pipe.rules[idx].direction != "PSEUDO"
        and not pipe.rules[idx].beside_patient_relative
    ]
    # a relative word inside a longer cue that names no relative ("Son 2 haftadır", Turkish
    # "for the last 2 weeks", fu68-033) is no relative
    pseudo = [
        (s, e)
        for s, e, idx in raw
        if pipe.rules[idx].category == "FAMILY" and pipe.rules[idx].direction == "PSEUDO"
    ]
    for s, e in family:
        if any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in (*family, *pseudo)):
            continue  # "mother" inside "mother in law": the longer cue names them (or none)
        if pipe.sole_relative_messenger.match(doc.text, doc.ends[e - 1]):
            continue  # "My husband called from the hospital": he brings the news
        if len(family) > 1 and _whole_sentence(s, e, doc):
            continue  # "Husband. Wife has breast cancer.": the writer says who they are
        if len(family) > 1 and _departed(s, family, doc, pipe):
            # "My grandmother had a stroke with weakness years ago and died. My mum has lung
            # cancer": mum is the patient, and the grandmother's words are no case before her
            history.update(range(*doc.sents[doc.sent_of[s]]))
            continue
        named = writers_word(s, e, doc) or _of_the_writers_own(s, e, doc, pipe)
        word = _bare(named) if named is not None else ""
        if word not in relatives(pipe.genders) and word not in pipe.sole_relative.others:
            return None
        found.add(_relative(word))
        first = min(first, s)
        glossed = _glossing(s, e, doc)  # "my avô (grandfather) have 76 anos and has cancer"
        said = pipe.sole_relative_predicate.match(doc.text, doc.ends[e - (0 if glossed else 1)])
        if said and said.group().split()[-1:] == ["had"] and _last_sentence(e, doc):
            said = None  # "Mum had breast cancer years ago.": a history, nothing said of now
        speaks_now = speaks_now or bool(said and _the_patient_by_word(s, e, word, doc, pipe))
    if len(found) != 1 or not speaks_now:
        return None
    if any(p.search(doc.text) for p in pipe.not_sole_relative):
        return None
    # a cancer named in the relative's own sentence just before them heads what is said of
    # them ("myeloma, dad cant feel his legs below the knees", rf68-318); one in a sentence
    # before, or findings, make the message about a patient first
    own = doc.sents[doc.sent_of[first]][0]
    heading = set(pipe.sole_relative.cancer_words)
    before = {
        _bare(w)
        for i, w in enumerate(doc.lower[:first])
        if i not in history and not (i >= own and _bare(w) in heading)
    }
    if _theirs_for_a_family(first, doc):
        before -= _FAMILY_SPEAKERS  # "a family who are asking why their dad …": no history
    if pipe.patient_before_relative & before:
        return None  # "Known prostate ca, back pain. Wife has MS": the patient came first
    return found.pop()


#: How far before a relative's word the words of an informant may start ("I have just
#: spoken to my"): a window, so the search never scans the whole message.
_INFORMANT_REACH = 60


def _owner_of(e: int, doc: Text, about: str) -> bool:
    """Whether the relative word ending at token e is only whose the patient is ("my mum's
    friend Pat"): a possessive right before the patient's word."""
    word = doc.lower[e - 1]
    return (
        _bare(word) != word
        and e < len(doc.lower)
        and _relative(_bare(doc.lower[e])) == _relative(about)
    )


def _of_the_writers_own(s: int, e: int, doc: Text, pipe: Pipeline) -> str | None:
    """A one-word cue owned by the writer's own relative ("my mum's friend Pat"): the
    relative is only whose friend it is, so the friend is who the message may speak of."""
    if e - s != 1 or s < 2 or doc.lower[s - 2] not in ("my", "our"):
        return None
    owner = doc.lower[s - 1]
    bare = _bare(owner)
    if bare == owner or bare not in relatives(pipe.genders):
        return None
    return doc.lower[s]


def gloss_opening(s: int, e: int, doc: Text, owners: frozenset[str] = frozenset()) -> int | None:
    """The token of the "(" when tokens s..e close a bracket right after a word, glossing it
    ("my avô (grandfather)", "Mere mama (uncle)"; with `owners`, "her sister (my aunt)"),
    else None. Whether the word before the bracket may be glossed is the caller's to ask."""
    opened = s - 1
    if opened >= 0 and doc.lower[opened] in owners:
        opened -= 1
    closes = e < len(doc.lower) and doc.lower[e] == ")"
    return opened if opened >= 1 and doc.lower[opened] == "(" and closes else None


#: The writer's own word inside a gloss ("meri khala (my aunt)", round 60 fu57-032).
_WRITERS_GLOSS = frozenset({"my", "our"})


def _glossing(s: int, e: int, doc: Text) -> bool:
    """Whether tokens s..e are the whole of a bracket right after one word, glossing it in
    English ("my avô (grandfather)", "Mere mama (uncle)", "meri khala (my aunt)")."""
    opened = gloss_opening(s, e, doc, _WRITERS_GLOSS)
    return opened is not None and doc.lower[opened - 1].isalpha()


def _whole_sentence(s: int, e: int, doc: Text) -> bool:
    """Whether tokens s..e are their sentence's only words ("Husband.")."""
    start, end = doc.sents[doc.sent_of[s]]
    words = [i for i in range(start, end) if any(c.isalnum() for c in doc.lower[i])]
    return bool(words) and words[0] == s and words[-1] == e - 1


def _departed(s: int, family: list[tuple[int, int]], doc: Text, pipe: Pipeline) -> bool:
    """Whether the sentence of the relative at token s says they died (`departed`) and names
    no other relative."""
    start, end = doc.sents[doc.sent_of[s]]
    if any(start <= s2 < end and s2 != s for s2, _ in family):
        return False
    return _said_to_have_died(s, doc, pipe)


def _said_to_have_died(i: int, doc: Text, pipe: Pipeline) -> bool:
    """Whether the sentence of the relative's word at token i says, after it, that they died
    ("My grandmother had a stroke years ago and died"): family history, not the patient."""
    _, end = doc.sents[doc.sent_of[i]]
    return bool(pipe.sole_relative_departed.search(doc.text, doc.starts[i], doc.ends[end - 1]))


def _last_sentence(e: int, doc: Text) -> bool:
    """Whether token e - 1 stands in the message's last sentence."""
    return doc.sent_of[e - 1] == doc.sent_of[-1]


def _the_patient_by_word(s: int, e: int, word: str, doc: Text, pipe: Pipeline) -> bool:
    """A relative named as the writer's own ("my husband"), in a familiar word ("grandma"), or
    with a cancer said right after and more said after it ("brother w melanoma cancer numb
    from chest down"): not a bare "Brother has sciatica" or "mother with breast cancer",
    which are history."""
    rule = pipe.sole_relative
    owned = (s > 0 and doc.lower[s - 1] in ("my", "our")) or doc.lower[s] in ("my", "our")
    # "my avô (grandfather)": the word the bracket glosses is the writer's own
    owned = owned or (_glossing(s, e, doc) and s >= 3 and doc.lower[s - 3] in ("my", "our"))
    if owned or word in rule.familiar:
        return True
    # a cancer said right after, and more said of them after it ("brother w melanoma cancer
    # numb from chest down"), not a diagnosis alone ("mother with breast cancer")
    cancer = next(
        (i for i in range(e, min(e + rule.cancer_reach, len(doc.lower)))
         if _bare(doc.lower[i]) in rule.cancer_words),
        None,
    )  # fmt: skip
    return cancer is not None and len(doc.lower) - cancer > rule.said_after


def _another_relative(e: int, idx: int, doc: Text, pipe: Pipeline, patient: str) -> bool:
    """A cue that makes a relative the patient, naming someone other than `patient`."""
    named = _patient_named_by(e, idx, doc, pipe)
    return named is not None and named != _relative(patient)


def patient_relative(raw: list[tuple[int, int, int]], doc: Text, pipe: Pipeline) -> str | None:
    """The relative a message makes the patient ("ringing about her mum"), as one word for
    them ("mother"), or None."""
    return next(
        (named for _start, e, idx in raw if (named := _patient_named_by(e, idx, doc, pipe))),
        None,
    )


def apart(
    mentions: list[Mention], raw: list[tuple[int, int, int]], doc: Text, pipe: Pipeline
) -> tuple[list[Mention], list[Cue]]:
    """Separate findings from modifiers: a cue inside a target is part of the finding."""
    n = len(doc.lower)
    # A finding that contains a negation/doubt/family/hypothetical cue ("MRI: no bony mets",
    # "suspicion of cancer") is a compound: the other facts' mentions that its own cue governs
    # (after a forward cue, before a backward one) are part of it, not assertions.
    modal = [(s, e, pipe.rules[idx].direction, pipe.rules[idx].max_scope) for s, e, idx in raw]
    modal = [
        c for c, (_, _, idx) in zip(modal, raw, strict=True) if pipe.rules[idx].category in _MODAL
    ]
    hidden = bytearray(n)
    compounds: set[tuple[int, int]] = set()
    # A modal cue in the free words of a long match, cut off from the match's own finding by
    # clause punctuation ("MRI looks like lymphoma, no cord compression"), is a cue of its own
    # clause: it neither makes the match a compound nor hides what it governs.
    free: set[tuple[int, int]] = set()
    if modal:
        starts = [c[0] for c in modal]
        for m in mentions:
            for cs, ce, direction, reach in modal[
                bisect_left(starts, m.start) : bisect_left(starts, m.end)
            ]:
                if ce > m.end:
                    continue
                if _cut_off(m, cs, ce, direction, doc, mentions):
                    free.add((cs, ce))
                    continue
                compounds.add((m.start, m.end))
                # The cue governs its own scope only: "pain ... resolved" hides the 4 words
                # before "resolved", not every finding the match happens to span.
                lo = ce if direction == "FORWARD" else max(m.start, cs - (reach or n))
                hi = cs if direction == "BACKWARD" else min(m.end, ce + (reach or n))
                hidden[lo:hi] = b"\x01" * max(0, hi - lo)
    if compounds:
        mentions = [
            m for m in mentions if (m.start, m.end) in compounds or 0 in hidden[m.start : m.end]
        ]
    covered = bytearray(n)
    cue_starts = [s for s, _, _ in raw]  # raw is sorted by start
    for m in mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        inside = raw[bisect_left(cue_starts, m.start) : bisect_left(cue_starts, m.end)]
        inside = [c for c in inside if not _bracketed(c, m, doc) and c[:2] not in free]
        m.inner = _inner_cue(m, inside, doc, pipe)
    carriers = [m for m in mentions if m.inner is not None]
    for m in mentions:
        if m.inner is None and carriers:
            m.inner = _nested_inner_cue(m, carriers, doc, pipe)
    cues = []
    denials = {m.start: m for m in mentions if _is_denial(m, pipe)}
    negatives = {m.start for m in mentions if pipe.table.entries[m.entry].value in _NEGATIVE}
    for s, e, idx in raw:
        if (s, e) in free:
            cues.append(Cue(s, e, pipe.rules[idx]))
            continue
        if covered[s]:
            rule = pipe.rules[idx]
            if (
                s in denials
                and rule.category == NEGATED
                and rule.direction == "FORWARD"
                and rule.literal not in _PREFIX_DENIALS
            ):
                # A symptom written as its own denial ("no pain") reads on through the symptoms
                # it opens: "no pain shooting round the chest or down the legs" denies the
                # radicular pain too. It leaves the words of the denial itself alone (the
                # "pain" of "non-mechanical pain"), and reaches symptoms only ("no neuro signs
                # at last admission" says nothing about an admission).
                carried = rule.model_copy(update={"allowed_types": pipe.denied_through})
                cues.append(Cue(s, e, carried, spares=denials[s].end))
            continue  # starts inside a finding: part of it
        end = covered.find(1, s, e)
        if end == -1:
            cues.append(Cue(s, e, pipe.rules[idx]))
            continue
        # A cue running into a finding keeps the part before it only if that part is a cue of
        # its own ("no new | new weakness" -> "no"); "is not | not fit for surgery" -> "is" is
        # not, and the finding has taken the negation in.
        rule = pipe.rules[idx]
        if rule.direction == "PSEUDO" and rule.category == NEGATED and end in negatives:
            # A double negation whose second denial is the finding's own words ("I wouldn't
            # say her legs aren't weak", "not that she has no numbness"): the denial is itself
            # denied, so the finding is doubted (asked), never recorded absent (H02), even
            # where the words before the denial are a negation of their own ("it's not that
            # there's | no pain down the leg", rf70-199).
            cues.append(
                Cue(
                    s,
                    end,
                    rule.model_copy(
                        update={"direction": "FORWARD", "category": "POSSIBLE_EXISTENCE"}
                    ),
                )
            )
        elif (shorter := _cue_at(pipe, doc.lower[s:end], rule.category)) is not None:
            cues.append(Cue(s, end, pipe.rules[shorter]))
    return mentions, cues


def _cut_off(
    m: Mention, cs: int, ce: int, direction: str, doc: Text, mentions: list[Mention]
) -> bool:
    """Whether a forward modal cue inside a match governs a finding of its own clause, cut off
    from the match's own finding by clause punctuation ("MRI looks like lymphoma, no cord
    compression"): not a label's own answer ("PU: nil 12h, scan 950")."""
    if direction != "FORWARD":
        return False
    punct = next((i for i in range(ce, m.end) if doc.lower[i] in CLAUSE_PUNCT), None)
    return punct is not None and any(
        o is not m and o.start >= ce and o.end <= punct for o in mentions
    )


def _is_denial(m: Mention, pipe: Pipeline) -> bool:
    """Whether a finding is written as its own denial ("no pain"), a negative-valued literal."""
    entry = pipe.table.entries[m.entry]
    return m.match is None and entry.value in _NEGATIVE and entry.fact in pipe.symptoms


def _cue_at(pipe: Pipeline, tokens: list[str], category: str) -> int | None:
    """The rule index of a cue literal that is exactly these tokens, in this category."""
    node: dict[str, Any] | None = pipe.cue_trie
    for tok in tokens:
        node = node.get(tok) if node is not None else None
    if not node:
        return None
    found = [item[0] for item in node.get(LEAF, ()) if item[1] is None]
    same = [idx for idx in found if pipe.rules[idx].category == category]
    return same[0] if same else None


def _bracketed(cue: tuple[int, int, int], m: Mention, doc: Text) -> bool:
    """Whether a cue stands in brackets the match opens and closes around it: "8 Gy to the L2
    metastasis (no MSCC) 5 months ago" - the "no" is the bracket's, not the radiotherapy's."""
    before = doc.lower[m.start : cue[0]]
    after = doc.lower[cue[1] : m.end]
    opened = len(before) - 1 - before[::-1].index("(") if "(" in before else -1
    return opened >= 0 and ")" not in before[opened:] and ")" in after


def _inner_cue(
    m: Mention, inside: list[tuple[int, int, int]], doc: Text, pipe: Pipeline
) -> Cue | None:
    """The negation or doubt cue a regex match spans, which then modifies the match itself.

    Patterns leave room for a few words ("pain ... radiates down the leg"), and those words
    may be "does not" or "probably": the match is then negated or hedged by that cue, not
    asserted. Only a forward cue with words of the match after it counts ("pain resolved"
    is not a negated match). Literals are written whole ("not walking"), so their cues are
    their meaning, and so are patterns marked inner_cues=false ("not MRI safe"). Nor does a
    denial inside the match that the pattern cannot match without ("pain … he cannot sleep":
    night pain, round 62) count, nor a cue whose clause ends inside the match ("… cannot
    sleep from it and it is getting worse").
    """
    entry = pipe.table.entries[m.entry]
    if m.match is None or not entry.inner_cues or entry.value not in _POSITIVE:
        return None
    for s, e, idx in inside:
        rule = pipe.rules[idx]
        if (
            e < m.end
            and rule.category in _INNER
            and rule.direction in ("FORWARD", "BIDIRECTIONAL")
            and allows(rule, entry.fact)
            and not (rule.category == NEGATED and _the_patterns_own_words(m.match, doc, s, e))
            and not _a_clause_between(doc, e, m.end)
        ):
            return Cue(s, e, rule)
    return None


def _nested_inner_cue(m: Mention, carriers: list[Mention], doc: Text, pipe: Pipeline) -> Cue | None:
    """The inner cue of a longer match (of `carriers`, the matches with one) this one lies in,
    after the cue: "pain, not worse when
    I move" negates movement pain with its own "not", and the mechanical pain matched inside
    it ("worse when I move") is negated by the same word (round 77; it had been stated, the
    cue being a word of the longer finding). Not for a Box 1 cord symptom or sign: a red flag
    the user stated is never recorded absent on a cue it does not open on."""
    entry = pipe.table.entries[m.entry]
    if not entry.inner_cues or entry.value not in _POSITIVE or names_a_red_flag(entry):
        return None
    for o in carriers:
        cue = o.inner
        if (
            cue is not None  # every carrier has one; the check narrows the type
            and o.start <= cue.start
            and cue.end <= m.start
            and m.end <= o.end
            and allows(cue.rule, entry.fact)
            and not _a_clause_between(doc, cue.end, m.end)
        ):
            return cue
    return None


def _the_patterns_own_words(match: re.Match[str], doc: Text, s: int, e: int) -> bool:
    """Whether the pattern cannot match without the cue's words inside it: they are then the
    finding's own ("pain … he cannot sleep" is night pain, round 62), not a denial the
    pattern's gap happened to span ("pain does not radiate down the leg" matches with any word
    there). A cue opening the match is its modifier, whatever the pattern lists there ("no
    pressure on the spinal cord", one of "no|showed|causing …")."""
    a, b = doc.starts[s], doc.ends[e - 1]
    if a <= match.start():
        return False
    blanked = match.string[:a] + "x" * (b - a) + match.string[b:]
    # Anywhere over the match: a pattern that also matches from a later word ("[no] pressure
    # on the spinal cord") only spanned the cue, it was not made of it.
    found = match.re.search(blanked, match.start())
    return found is None or found.start() >= match.end()


#: Words after "and"/"but" that open a clause of their own inside a long match.
_CLAUSE_SUBJECTS = frozenset({"it", "it's", "its", "he", "she", "they", "he's", "she's", "this"})


def _a_clause_between(doc: Text, start: int, end: int) -> bool:
    """Whether a new clause opens between a cue and the end of the match it stands in ("pain,
    every night he cannot sleep from it and it is getting worse": the "cannot" is the sleep's,
    and "it is getting worse" a clause of its own, round 62)."""
    words = doc.lower
    return any(
        words[i] in ("and", "but") and words[i + 1] in _CLAUSE_SUBJECTS
        for i in range(start, end - 1)
    )


@dataclass(frozen=True)
class Index:
    """Mentions by start and end token, for scope look-ups."""

    mentions: list[Mention]
    starts: list[int]
    by_start: dict[int, list[Mention]]
    by_end: dict[int, list[Mention]]

    @classmethod
    def of(cls, mentions: list[Mention]) -> Index:
        by_start: dict[int, list[Mention]] = {}
        by_end: dict[int, list[Mention]] = {}
        for m in mentions:
            by_start.setdefault(m.start, []).append(m)
            by_end.setdefault(m.end, []).append(m)
        return cls(mentions, [m.start for m in mentions], by_start, by_end)

    def starting_in(self, start: int, end: int) -> range:
        """Indices of mentions that start in [start, end)."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))


def allows(rule: ContextRule, fact: str) -> bool:
    """Whether a cue may modify this fact (its allowed_types / excluded_types)."""
    if rule.allowed_types is not None:
        return fact in rule.allowed_types
    return rule.excluded_types is None or fact not in rule.excluded_types
