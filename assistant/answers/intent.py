"""What a message is: the intent cue vocabulary, message clean-up, replies and intents."""

from __future__ import annotations

import json
import re
import string
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from pydantic import BaseModel, ConfigDict, model_validator

from assistant.answers.answer import Intent
from assistant.reading.text import spoken_punctuation
from assistant.search.retrieval import is_why
from assistant.settings import DATA_DIR

INTENTS_FILE = DATA_DIR / "intents.json"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


class Retraction(BaseModel):
    """'I was thinking of another patient': cue phrases and the fact groups they undo."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    phrases: tuple[str, ...]
    groups: tuple[str, ...]
    #: Take-backs of what was just said ("scratch that, leg power is normal"): when the same
    #: message gives findings of the case new values, it corrects those, nothing else.
    amend_phrases: tuple[str, ...] = ()
    #: Words that go on about the same patient after the take-back ("I mixed him up with
    #: another patient. This man has NO numbness"): what it then states corrects those
    #: findings, nothing else; a new age and sex ("wrong patient, this is 70F …") is another.
    same_patient_patterns: tuple[str, ...] = ()
    new_patient_patterns: tuple[str, ...] = ()
    #: Take-backs only as an order opening a sentence ("ignore the numbness, that was bed 4");
    #: "she tries to ignore the numbness" is a finding, not a take-back.
    imperative_phrases: tuple[str, ...] = ()
    #: Words that may come before such an order ("sorry, ignore the ...").
    imperative_openers: tuple[str, ...] = ()


class ContextReply(BaseModel):
    """A terse reply that names a finding only with the live case ("lung" when the cancer's
    primary is not yet known; "confirmed on MRI" when spinal metastases are suspected): read
    as `reads_as`, whose {fact} slots take the case's values."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pattern: str
    #: Facts the live case must hold, each with the values it may have ("unknown" allowed).
    when: dict[str, tuple[str, ...]]
    reads_as: str
    note: str = ""

    @model_validator(mode="after")
    def _slots_are_known(self) -> ContextReply:
        re.compile(self.pattern)
        for _, name, _, _ in string.Formatter().parse(self.reads_as):
            if name is None or name.isdigit() or name == "":
                continue
            if name not in self.when or "unknown" in self.when[name]:
                raise ValueError(
                    f"context reply slot {{{name}}} must be a fact its 'when' requires known"
                )
        return self


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
    #: Words that open a later sentence as a question even without a '?' ("i have prostate
    #: cancer. no back pain now. what signs. to watch for. spine.", round 54), and what after
    #: them is a statement instead ("what worries me is …").
    sentence_question_starts: tuple[str, ...] = ()
    sentence_question_not: tuple[str, ...] = ()
    #: A question that states what it asks about, of a person, in a that-clause ("Should I be
    #: worried that my husband (lung cancer) is suddenly weak in both legs?", rf62-123): the
    #: sentence states the person's findings, which are written (a supposition is not).
    stating_question_patterns: tuple[str, ...] = ()
    #: A message that labels itself a general question at its start ("Genel soru - general
    #: question: who is the MSCC coordinator, what is their job?", fu59-010): general, whatever
    #: pronoun it uses.
    general_label_patterns: tuple[str, ...] = ()
    #: A question framed by what it is about before a comma ("for suspected MSCC, what MRI
    #: sequences does NICE want?"): the frame names a topic, it states no finding.
    framed_question_patterns: tuple[str, ...] = ()
    #: Verbs that report someone else's question ("the registrar is asking: …?"): the
    #: question after them is asked, never stated.
    reporting_verbs: tuple[str, ...] = ()
    switch_patterns: tuple[str, ...] = ()
    #: A switch that goes back to someone ("ok, back to Mr P -", "going back to the first
    #: patient"): in a conversation that has had one patient only, that patient is the live
    #: case, and nothing is cleared (round 80 fu77-006).
    return_patterns: tuple[str, ...] = ()
    #: A transcription that heard nothing ("mm uh the the ... [inaudible]"): unreadable.
    garbled_patterns: tuple[str, ...] = ()
    #: "What is an MSCC coordinator?": what a word means, of no patient, even mid-case.
    definition_patterns: tuple[str, ...] = ()
    follow_up_phrases: tuple[str, ...] = ()
    general_markers: tuple[str, ...] = ()
    #: Words saying the message is about no patient at all ("no specific patient", "quick one
    #: between patients"): what it states beside its question is practice, never a case.
    no_patient_markers: tuple[str, ...] = ()
    #: One patient described in a general question's words, findings after a colon ("… in a
    #: patient with known colorectal cancer: saddle sensation reduced"): a case, not general.
    one_patient_patterns: tuple[str, ...] = ()
    #: A question said not to be about the live patient ("quick general one, not about him").
    not_the_patient_patterns: tuple[str, ...] = ()
    patient_markers: tuple[str, ...] = ()
    #: A person supposed, not the patient ("if a patient can't have an MRI", "if someone
    #: has …"): a general question may name one and still be about no particular patient.
    supposed_person_patterns: tuple[str, ...] = ()
    correction_starts: tuple[str, ...] = ()
    #: Words that add to the case rather than correct it ("Actually she has also noticed
    #: tingling …"): a message opened like a correction that says them is a follow-up.
    addition_patterns: tuple[str, ...] = ()
    hypothetical_starts: tuple[str, ...] = ()
    #: Words that open a supposition inside a question ("what if the MRI shows no mets?",
    #: "what should I do if she develops weak legs?", "say he responds well, then …"): what
    #: follows, to the end of its sentence, is read as if stated (`supposition`).
    supposition_cues: tuple[str, ...] = ()
    #: Words after which "if" means "whether" ("decide if the spine is stable"), not a
    #: supposition.
    whether_if_after: tuple[str, ...] = ()
    #: A time in the past written with a finding ("MRI 3 months ago: no MSCC", "MRI in Feb").
    dated_past_patterns: tuple[str, ...] = ()
    #: A line that opens one patient of a handover ("Bed 4 - Mrs Brennan", "Mr Adams, 70").
    patient_header_patterns: tuple[str, ...] = ()
    #: The places a patient is named by with a number ("bed 4", "side room 2"): another
    #: patient's clauses and a header after a sentence's end are found by them.
    patient_places: tuple[str, ...] = ()
    #: A short question that leans on the question before it ("why?", "and how long do you
    #: continue it?", "what about the dose?"): read together with that question.
    elliptical_patterns: tuple[str, ...] = ()
    #: A label that opens a question ("Separate q - why single fraction?", "quick question:
    #: …", "btw"): the question starts after it, and its dash lists no findings.
    question_labels: tuple[str, ...] = ()
    common_words: tuple[str, ...] = ()
    #: A question word opening a statement of what happened ("When we sat him up his pain
    #: shot up."): with no question mark, the sentence states facts (round 39 follow-ups).
    past_statement_patterns: tuple[str, ...] = ()
    #: Function and body words of other languages that English never uses ("depuis", "dolor",
    #: "rücken"): a message made mostly of them is another language, read as unreadable.
    foreign_words: tuple[str, ...] = ()
    #: Everyday English words no other language the writers mix in shares ("and", "since",
    #: "properly"): two of them make a message English mixed with another language, read.
    english_markers: tuple[str, ...] = ()
    context_replies: tuple[ContextReply, ...] = ()


@cache
def intents() -> IntentVocabulary:
    """The intent cue vocabulary (loaded once)."""
    return IntentVocabulary.model_validate(json.loads(INTENTS_FILE.read_text(encoding="utf-8")))


def in_context(text: str, case: Mapping[str, str]) -> str | None:
    """What a terse reply says with the live case (`context_replies`), or None: "lung" with a
    cancer whose primary is unknown reads as "lung cancer"."""
    for reply in intents().context_replies:
        match = re.fullmatch(reply.pattern, text.strip(), re.IGNORECASE)
        if match is None:
            continue
        if all(case.get(name, "unknown") in allowed for name, allowed in reply.when.items()):
            slots = {name: value.replace("_", " ") for name, value in case.items()}
            return reply.reads_as.format(*match.groups(), **slots)
    return None


def clean_message(message: str, limit: int) -> tuple[str, list[str]]:
    """Normalise a user message: strip control characters, truncate with a notice."""
    notices: list[str] = []
    text = unicodedata.normalize("NFC", message)
    # Invisible format characters (soft hyphen, zero-width space/joiner, bidi marks, BOM) are
    # dropped, not spaced: "we\u00adak legs" is "weak legs".
    # Lone surrogates (Cs) are not text: dropped too, so no tokenizer downstream chokes on them.
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cs"))
    text = _CONTROL.sub(" ", text)
    if len(text) > limit:
        notices.append(
            f"Your message was {len(text):,} characters long; only the first {limit:,} were read."
        )
        text = text[:limit]
    return keep_lines(spoken_punctuation(text)), notices


def keep_lines(text: str) -> str:
    """Fold spaces within each line but keep the line breaks: a line, a bullet or a numbered
    item is a boundary no negation may cross ("no fever\nweak legs": weakness present)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    # An indented line keeps one space of its indent: an item under a header ("Denies:\n
    # bladder issues", rf62-258) is told from a line of its own by it.
    lines = [
        (" " if line[:1] in (" ", "\t") and line.strip() else "") + " ".join(line.split())
        for line in text.split("\n")
    ]
    folded: list[str] = []
    for line in lines:
        if line or (folded and folded[-1]):  # one blank line at most between two lines
            folded.append(line)
    return "\n".join(folded).strip()


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


def is_reset(text: str) -> bool:
    """The message starts a new patient ('new patient', 'reset')."""
    return phrase(text) in intents().reset


_POSSESSIVE = re.compile(r"'s\b")


def says(text: str, cues: Iterable[str]) -> bool:
    """Whether the message contains one of these cue phrases as whole words."""
    # "a different patient's notes"; "what is an MSCC coordinator, generally?"
    words = " " + _POSSESSIVE.sub("", phrase(text)).replace("?", " ") + " "
    return any(f" {cue} " in words for cue in cues)


def reports_onset(text: str) -> bool:
    """The message reports something as new or changed ('now', 'new', 'started', 'worse')."""
    return says(text, intents().onset)


def dated_past(text: str) -> bool:
    """The words carry a time in the past ("MRI in Feb: no cord compression", "3/12 ago")."""
    return matches("dated_past_patterns", text)


def opens_with(words: str, cues: Iterable[str]) -> bool:
    """Whether these words (a `phrase`) are one of the cues or begin with one as whole words."""
    return any(words == cue or words.startswith(cue + " ") for cue in cues)


#: A message's sentences for take-backs: a colon ends one too ("Sorry: ignore the numbness").
_SENTENCES = re.compile(r"[^.!?;:\n]+[.!?;:\n]*")


def _orders(text: str, orders: Iterable[str], openers: Sequence[str]) -> bool:
    """A sentence opens with one of these orders, after any of the openers."""
    for sentence in _SENTENCES.findall(text):
        words = phrase(sentence).split()
        while words and words[0] in openers:
            words = words[1:]
        if opens_with(" ".join(words), orders):
            return True
    return False


def retracts(text: str) -> bool:
    """The message takes back the previous one ('sorry, wrong patient'). A sentence that asks
    a question ("is it a different patient pathway if she has myeloma too?") takes back
    nothing."""
    vocab = intents().retract
    told = [s for s in _SENTENCES.findall(text) if s.strip() and not _asks(s)]
    return any(says(s, vocab.phrases) for s in told) or _orders(
        text, vocab.imperative_phrases, vocab.imperative_openers
    )


def _asks(sentence: str) -> bool:
    """The sentence is a question: it ends with '?' and opens with a question word ("is it a
    …?", "what if …?")."""
    return sentence.rstrip().endswith("?") and opens_with(
        phrase(sentence), intents().question_starts
    )


def amends(text: str) -> bool:
    """The take-back is of what was just said ("scratch that"), not of a patient, or it goes
    on about the same patient ("This man has NO numbness"): with new values stated in the
    same message, it is a correction of those findings."""
    if says(text, intents().retract.amend_phrases):
        return True
    return matches("retract.same_patient_patterns", text) and not names_new_patient(text)


def names_new_patient(text: str) -> bool:
    """The message describes a patient afresh, by age and sex ("this is a 70F …")."""
    return matches("retract.new_patient_patterns", text)


def is_question(text: str) -> bool:
    """A question rather than a statement: ends with '?', opens with a question word, or has
    a later sentence that opens with one ("… no back pain now. what signs. to watch for.")."""
    return (
        text.rstrip().endswith("?")
        or opens_with(phrase(text), intents().question_starts)
        or any(_asks_unmarked(sentence) for sentence in _SENTENCE_ENDS.split(text)[1:])
        # "NP in walk-in centre - which back pain features does NICE list …? Want a quick
        # checklist for triage." (b138): a question after a dash, and a statement after it
        or any(_asks(_unlabelled(m.group()).lstrip(" -–—")) for m in _SENTENCE.finditer(text))
    )


#: Where a sentence ends when its question mark is left out.
_SENTENCE_ENDS = re.compile(r"[.!;\n]+")


def _asks_unmarked(sentence: str) -> bool:
    """A sentence without its '?' that opens with a question word and is no statement ("what
    signs")."""
    said = phrase(sentence)
    return opens_with(said, intents().sentence_question_starts) and not matches(
        "sentence_question_not", said
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


@cache
def compiled(name: str) -> tuple[re.Pattern[str], ...]:
    """A pattern list of the intent vocabulary, compiled (case-insensitive); a dotted name
    reaches into a group ("retract.new_patient_patterns")."""
    patterns = intents()
    for part in name.split("."):
        patterns = getattr(patterns, part)
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def matches(name: str, text: str) -> bool:
    """Whether any pattern of this intent vocabulary list is found in the text."""
    return any(rx.search(text) for rx in compiled(name))


#: A follow-on question is short: longer messages say what they are about.
ELLIPTICAL_MAX_WORDS = 10


def elliptical(text: str) -> bool:
    """A short question that needs the one before it ("why?", "and how long?")."""
    if len(text.split()) > ELLIPTICAL_MAX_WORDS:
        return False
    return matches("elliptical_patterns", text)


def patient_switch(text: str) -> str | None:
    """The rest of a message that opens with a patient switch ("Case 2: 70M …"), else None."""
    for rx in compiled("switch_patterns"):
        m = rx.match(text)
        if m:
            return text[m.end() :].strip()
    return None


def returns_to_a_patient(text: str) -> bool:
    """The message opens by going back to someone ("ok, back to Mr P - how quickly …?")."""
    return matches("return_patterns", text)


def is_follow_up(text: str) -> bool:
    """A question about the live case ("can it wait till morning?", "who do I call?")."""
    return says(text, intents().follow_up_phrases)


def is_general(text: str) -> bool:
    """A question about people in general ("in general, …", "in people with …"), not a
    description of one patient in a general question's words, with its findings after a colon
    ("Cauda equina screen in a patient with known metastatic colorectal cancer: saddle
    sensation reduced …", rf51-025)."""
    return says(text, intents().general_markers) and not matches("one_patient_patterns", text)


def about_no_patient(text: str) -> bool:
    """The message says it is about no patient and names none ("Quick one between patients -
    why single 8 Gy …? Some of our consultants still prefer 20 Gy in 5.", b133)."""
    return says(text, intents().no_patient_markers) and not names_patient(text)


def labelled_general(text: str) -> bool:
    """The message labels itself a general question at its start ("general q -", "Genel soru
    - general question:")."""
    return matches("general_label_patterns", text)


def not_about_the_patient(text: str) -> bool:
    """The message says it is not about the patient being discussed ("not about him")."""
    return matches("not_the_patient_patterns", text)


def hypothetical(text: str) -> bool:
    """The message opens a hypothetical ("and if the MRI shows no mets?"): a question, even
    when it names a scan result or a patient's findings."""
    return opens_with(phrase(text), intents().hypothetical_starts)


#: Words that join a second question to the first ("…, and does it need PPI cover?").
_JOINS = ("and", "&", "also", "plus")
#: A comparison asks two questions: "how fast if spinal metastases are suspected, versus if
#: cord compression is?" (round 41).
_CONTRASTS = r"versus|vs\.?|compared\s+(?:with|to)|as\s+opposed\s+to"
_CONTRASTED = r"if|when|for|in|with|without"


@cache
def _joined_question() -> re.Pattern[str]:
    """Where a message's next question starts: after a '?', or at a join before a question
    opener (`question_starts` that are a single word: "and does …", "also what …")."""
    openers = sorted(
        (w for w in intents().question_starts if " " not in w and w.isalpha()),
        key=len,
        reverse=True,
    )
    joins = "|".join(re.escape(j) for j in _JOINS)
    return re.compile(
        rf"(?:(?<=\?)(?=\s)|,?\s+(?:{joins})\s+(?=(?:{'|'.join(openers)})\b))", re.IGNORECASE
    )


_CONTRAST = re.compile(rf",?\s+(?:{_CONTRASTS})\s+(?=(?:{_CONTRASTED})\b)", re.IGNORECASE)


def _contrasted(question: str) -> list[str]:
    """A question and the ones its contrasts ask: "how fast should an MRI happen if spinal
    metastases are suspected, versus if cord compression is?" also asks "how fast should an
    MRI happen if cord compression is?" (the head of the question up to its own condition)."""
    pieces = _CONTRAST.split(question)
    out = [pieces[0]]
    for piece in pieces[1:]:
        word = piece.split()[0].lower() if piece.split() else ""
        head = pieces[0]
        at = head.lower().rfind(f" {word} ")
        out.append(f"{head[:at]} {piece}" if word and at > 0 else piece)
    return out


#: A part needs this many words to be searched on its own.
PART_MIN_WORDS = 3


def question_parts(text: str) -> list[str]:
    """The questions a message asks after its first, each searched on its own so a second
    question's passage is not crowded out by the first's ("… and does it need PPI cover?")."""
    joined = [p.strip(" ,;:-") for p in _joined_question().split(text)]  # each keeps its "?"
    parts = [p for question in joined for p in _contrasted(question)]
    asked = [p for p in parts[1:] if len(p.split()) >= PART_MIN_WORDS]
    # A case told before its first question: the question's own sentence is searched too
    # ("… Legs 4/5 yesterday, 3/5 today. Should we get a biopsy first to know the primary?"),
    # or the case's words crowd out the passage it asks for (round 55).
    told = parts[0] if parts and parts[0].rstrip().endswith("?") else ""
    own = _QUESTION_SENTENCE.search(told) if len(told.split()) >= CASE_BEFORE_WORDS else None
    if own and own.start() > 0 and len(own.group().split()) >= PART_MIN_WORDS:
        asked.insert(0, own.group().strip())
    return asked


#: A first question this long tells a case before it: only then is its own sentence searched
#: too (one more search; a short question is its own sentence).
CASE_BEFORE_WORDS = 25
#: The last sentence of a text that ends with a question mark.
_QUESTION_SENTENCE = re.compile(r"(?:(?<=[.!?\n])|(?<=[.!?]\s))[^.!?\n]*\?\s*$")


def asks_a_definition(text: str) -> bool:
    """What a word means ("What is an MSCC coordinator?"), naming no patient: a general
    question even mid-case."""
    return matches("definition_patterns", text) and not names_patient(text)


def supposes_person(text: str) -> bool:
    """The message supposes a person ("if someone with known cancer has …", "when a patient
    …"): what it says of them is of people in general, not of a patient in front of the user."""
    return matches("supposed_person_patterns", text)


def supposition(text: str) -> str | None:
    """What a question supposes: the words after its first supposition cue, to the end of that
    sentence ("what if the MRI shows no mets?" -> "the MRI shows no mets"), or None."""
    cues = sorted(intents().supposition_cues, key=len, reverse=True)
    if not cues:
        return None
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE)
    whether = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in intents().whether_if_after) + r")\s+$",
        re.IGNORECASE,
    )
    match = next(
        (
            m
            for m in pattern.finditer(text)
            if not (m.group(0).lower() == "if" and whether.search(text[: m.start()]))
        ),
        None,
    )
    if match is None:
        return None
    rest = re.split(r"[?!]|\.(?:\s|$)|\n", text[match.end() :], maxsplit=1)[0]
    rest = rest.strip(" ,;:-")
    return rest or None


def names_patient(text: str) -> bool:
    """The message speaks of a particular patient (an age and sex, 'pt', 'she', 'known' …)."""
    return matches("patient_markers", text)


def is_correction(text: str) -> bool:
    """The message corrects an earlier one ("sorry, I meant …", "correction: …"), not adds to
    it ("Actually she has also noticed tingling in her feet")."""
    return opens_with(phrase(text), intents().correction_starts) and not matches(
        "addition_patterns", text
    )


#: A word of two letters or more (for the readability check and the known-word list).
WORD = re.compile(r"[^\W\d_]{2,}")
#: The share of a message's words from another language that makes it that language.
FOREIGN_SHARE = 0.3


@cache
def _foreign_words() -> frozenset[str]:
    return frozenset(intents().foreign_words)


def another_language(text: str) -> bool:
    """Written in another language ("Ce patient a mal au dos depuis trois semaines"), not
    English with words of another mixed in ("Ahora tiene back pain que no la deja dormir"):
    at least FOREIGN_SHARE of its words are another language's common words, and fewer than
    ENGLISH_MIXED_IN are English's."""
    return _in_another_language([w.lower() for w in WORD.findall(text)])


def _in_another_language(words: list[str]) -> bool:
    """`another_language` of a message's lower-cased words."""
    foreign = _foreign_words()
    english = frozenset(intents().english_markers)
    return (
        len(words) >= 4
        and sum(w in foreign for w in words) / len(words) >= FOREIGN_SHARE
        and sum(w in english for w in words) < ENGLISH_MIXED_IN
    )


#: English marker words that make a message English mixed with another language ("ma
#: grand-mère a un cancer du poumon, and since 2 days elle ne peut plus marcher properly").
ENGLISH_MIXED_IN = 2


def unreadable(text: str, known: frozenset[str]) -> bool:
    """Too few known words to read: another language or keyboard mash (not "not covered")."""
    if matches("garbled_patterns", text):
        return True  # "mm uh the the ... [inaudible] ...": a transcription that heard nothing
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        return bool(text.strip()) and not any(ch.isdigit() for ch in text)
    if _in_another_language(words):
        return True  # "Ce patient a mal au dos depuis trois semaines": another language
    if len(words) < 3:
        return not any(_knows(w, known) for w in words)
    # Clinical English outside NG234 ("asthma, PEF 40%, what nebs?") still has some words
    # NG234 or everyday English uses; another language or keyboard mash has almost none.
    return sum(_knows(w, known) for w in words) / len(words) < 0.2


def _knows(word: str, known: frozenset[str]) -> bool:
    """A word, its plain stem ("doses" -> "dose", "loading" -> "load") or, from four letters,
    a clipped form of a longer known word ("bisphos" for "bisphosphonates") is known."""
    if word in known:
        return True
    for suffix in ("ing", "es", "ed", "s"):
        if word.endswith(suffix) and word[: -len(suffix)] in known:
            return True
    if len(word) >= 4:
        ordered = _sorted_words(known)
        i = bisect_left(ordered, word)
        return i < len(ordered) and ordered[i].startswith(word) and len(ordered[i]) > len(word)
    return False


@cache
def _sorted_words(known: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(known))


#: A sentence, or a question's words before a spaced dash that goes on to state something of
#: the patient ("What should I do - he's got cancer in his prostate and his legs are numb?",
#: rf51-133): what follows the dash is a statement of its own.
#: A dash then a question opener ("… - is radiotherapy a problem?").
_DASH_OPENER = (
    r"\s[-–—]\s+(?:is|are|can|could|should|does|do|will|would|what|whats|which|where|how|why|"
    r"when|who)\s"
)
_SENTENCE = re.compile(
    r"[^.!?;\n]+?(?:[.!?;]+|(?=\s[-–—]\s+(?:he|she|they|he's|she's|his|her|their|my|mum|dad|"
    r"mom|the\s+patient|pt)\b)"
    # "stem cell harvest is being considered - is radiotherapy a problem?" (fu64-048): what
    # the dash's question asks does not unsay what was stated before it
    rf"|(?={_DASH_OPENER})"
    r"|(?=\n)|$)",
    re.IGNORECASE,
)
#: Findings listed before the question: a comma or a spaced dash inside the sentence.
_STATES_FIRST = re.compile(r",|\s[-–]\s")


@cache
def _question_label() -> re.Pattern[str]:
    """Any question label, then a dash, colon, comma or "but", at the start of a sentence
    ("random q but does leg weakness always mean cord compression?", fu50-009)."""
    labels = "|".join(re.escape(label) for label in intents().question_labels) or "(?!)"
    return re.compile(rf"\s*(?:{labels})\s*(?:[-–—:,]|\s(?=but\s))\s*(?:but\s+)?", re.IGNORECASE)


def _unlabelled(sentence: str) -> str:
    """The sentence without a question label before a dash, colon or comma ("Separate q -"),
    or the reporting words before a question someone else puts ("The radiology registrar is
    asking: does she need the MRI overnight …?", b116)."""
    m = _question_label().match(sentence) or _reported_question().match(sentence)
    return sentence[m.end() :] if m else sentence


@cache
def _reported_question() -> re.Pattern[str]:
    """Up to eight words, a reporting verb (`reporting_verbs`), then a colon, dash or comma."""
    verbs = "|".join(re.escape(v) for v in intents().reporting_verbs) or "(?!)"
    return re.compile(
        rf"\s*(?:[^\W\d_]+\s+){{0,8}}?(?:{verbs})\s*[:,\-–—]\s*(?=[^\W\d_])",
        re.IGNORECASE,
    )


def facts_only_in_questions(text: str, starts: Sequence[int]) -> bool:
    """Whether every fact read (by its offset) lies in a sentence that is itself a question.

    "T10 MSCC, legs weak. Anything else for the steroids?" states a case and asks about it;
    "whats the steroid dose for cord compression" only names topics (issue #13).
    """
    return not any(
        not asked and any(start <= s < end for s in starts)
        for start, end, asked in _sentences_asked(text)
    )


def stated_outside_questions(text: str, starts: Sequence[int]) -> list[bool]:
    """For each offset, whether it lies in a sentence that states rather than asks.

    "Decompression done. He's 3 weeks post-op. What next?": the first two sentences state
    facts about the patient, which a follow-up writes; "what if she gets weak legs?" states none.
    """
    spans = _sentences_asked(text)
    return [any(start <= s < end and not asked for start, end, asked in spans) for s in starts]


def _tells_what_happened(sentence: str) -> bool:
    """A sentence opened by a question word that tells what happened, not asks ("When we sat
    him up his pain shot up and his legs got weaker."): no question mark, and the word opens a
    past-tense clause (`past_statement_patterns`)."""
    return not sentence.rstrip().endswith("?") and matches("past_statement_patterns", sentence)


def _sentences_asked(text: str) -> list[tuple[int, int, bool]]:
    """Each sentence's span and whether it is itself a question."""
    cues = intents().question_starts
    out = []
    for m in _SENTENCE.finditer(text):
        sentence = _unlabelled(m.group())
        words = phrase(sentence)
        asked = (
            (opens_with(words, cues) and not _tells_what_happened(sentence))
            or is_general(words)
            # "In general, if a patient can't have an MRI …?": the label says so, unless the
            # sentence goes on about the patient ("in general, his legs are weak now")
            or (
                is_general(phrase(m.group()))
                and (not names_patient(sentence) or supposes_person(sentence))
            )
            # "single 8Gy for cord compression?": asked, about no particular patient; but
            # "breast ca with spinal mets, no MSCC - bisphosphonates?" states findings first
            or (
                sentence.rstrip().endswith("?")
                and not names_patient(sentence)
                and (
                    not _STATES_FIRST.search(sentence)
                    or matches("framed_question_patterns", sentence)
                )
            )
        )
        # "starting strong opioids for spinal mets pain - what does NICE say about titration?":
        # a topic before a dash's question, with no verb of its own, is part of what it asks
        asked = asked or (
            _DASH_QUESTION.match(text, m.end()) is not None
            and _TOPIC_ONLY.match(sentence) is not None
        )
        out.append(
            (m.start(), m.end(), asked and not matches("stating_question_patterns", sentence))
        )
    return out


#: A dash then a question opener, where `_SENTENCE` ends a sentence before it.
_DASH_QUESTION = re.compile(_DASH_OPENER, re.IGNORECASE)
#: A topic with no verb or list of its own, opened by a gerund or a framing word ("starting
#: strong opioids for spinal mets pain in palliative care"); "breast ca with painful spinal
#: mets, no MSCC" lists findings, and "stem cell harvest is being considered" states one.
_TOPIC_ONLY = re.compile(
    r"\s*(?:[^\W\d_]+ing|for|in|re|regarding|about|when|if)\b(?![^,]*,)"
    r"(?!.*\b(?:is|are|was|were|has|have|had|says?|said|thinks?|wants?|needs?|got|gets|feels?|"
    r"felt|can(?:'t|not)?|could|will|would|did|does|do)\b).*$",
    re.IGNORECASE | re.DOTALL,
)
