"""Free text to case facts: synonyms as data, ConText scoping for negation, doubt and family.

`extract(text)` reads a clinician's message ("c/o weak legs, denies numbness, ?MSCC") and returns
the facts it asserts, the facts it only hedges or imagines, and the evidence for each reading.
Unknown is not no: a fact the text does not mention stays out of `Extraction.facts`.

Vocabulary is data, validated on load:

- `data/synonyms.json`: per fact, the literals and patterns that mention it, the value a plain
  mention means, and what a negated or hedged mention means (for example "?MSCC" is the value
  "suspected", a fact value; "?weakness" is only listed in `uncertain`). Patterns share named
  sub-patterns (`defines`: "{LEVEL}" is a vertebral level C1-C7, T1-T12, L1-L5, S1-S5).
- `data/context_rules.json`: negation, uncertainty, hypothetical, family, history and terminator
  cues in the shape of medspaCy's ConTextRule JSON (literal, category, direction, pattern,
  max_scope) and medspaCy's `terminating_types`.

Why the ConText algorithm is implemented here rather than imported from medspaCy: medspaCy on
Python 3.11 requires spaCy < 3.8, whose thinc 8.2 wheels are built against numpy 1.x, while the
project needs numpy 2 (torch, faiss). negspacy runs on spaCy 3.8 but only sets a negated flag: no
uncertainty/hypothetical/family categories, no cue to show as evidence, no per-cue scope. So the
package follows medspaCy's ConText semantics (Chapman et al.) over the same rule shape: cues scope
to the end (FORWARD) or start (BACKWARD) of their sentence or `max_scope` tokens; TERMINATE cues
and later cues of the same category cut a scope short; PSEUDO cues only block shorter cues; the
longest overlapping cue wins; cues inside a target are dropped; `terminating_types` lets a
category (assertion verbs such as "reports", pronouns) end another's scope. Additions for ward
notes: a `max_scope` window stops at a comma but extends across a coordinated list of findings
("weakness, numbness or incontinence denied"); a target only counts as in scope if it starts
there; a finding that contains a negation or doubt cue ("MRI: no bony mets", "suspicion of
cancer") hides other facts' mentions inside it, within that cue's own scope; mentions of one
fact that overlap keep the longest, while different facts may overlap ("back pain worse at
night"). A pattern match of a finding that spans a forward negation or doubt cue is read
through it ("pain does not radiate down the leg" is negated, "spine probably unstable" is
hedged). Past a comma an open negation ("no", "denies") reads on only through a list of
findings of the `list_groups` (cord and pain symptoms): a normal finding there ("bladder and
bowels normal") is read on its own, and a diagnosis, treatment or number ends it ("no MSCC,
pain 8/10 despite morphine"). A sentence-initial wh-question ("when should I think about
spinal mets?") or a question put to the guideline ("does NICE recommend ...") names topics:
its words up to the clause end, a closing '?' or a named patient ("my patient", "72F", "his")
are status "topic", neither asserted nor asked about (`Extraction.topics`), and its closing
'?' is not a hedge.

The stages, one module each in this package: `lexicon` (the data files), `pipeline` (compiled
once; typo correction), `text` (cleaning, tokens, sentences), `mentions` (target and cue
matching), `context` and `lists` (cue scope, list negation), `values` (numbers read from a
mention); this module gives each mention a status and resolves them into an `Extraction`.

Clinical choices (documented for the rule engine and tests):

- "neuro intact" / "no focal neurology" negate limb weakness, sensory loss and cord signs, the
  findings of a neurological examination; they leave bladder/bowel function and walking unknown
  (difficulty walking can come from pain or instability in a neurologically intact person).
- HISTORICAL cues ("PMH", "previous") do not change a value: a past cancer is a cancer diagnosis.
- When mentions disagree, `precedence` in synonyms.json decides (tri facts: yes beats no, so a
  red flag mentioned anywhere is not lost); a notice reports the disagreement.
- Typos: words of 8+ letters one edit (12+ letters: two) from a vocabulary word with the same
  first letter are read as that word, with a notice; inflections ("significantly") are not typos.
- A vertebral lesion is spinal metastatic disease on imaging but not a cancer diagnosis; a met
  is both. A lesion whose nature is queried ("T11 lesion ?lymphoma") is suspected. A normal
  spinal MRI rules out spinal metastases and MSCC (1.8.2); a plain X-ray never does (1.5.9).
- A stated prognosis under 3 months is poor; months to years is not "too poor" (1.10.4) and
  is read as good. Someone still walking or standing is not completely paralysed.
- Known limits: a question answered on the next line ("Any weakness? No.") stays uncertain; a
  plain "no X, Y" reads a cord or pain finding Y as negated too (ConText's list reading); each
  message is read alone, so a recurrence in one turn is not timed against radiotherapy dated
  in an earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.case import catalogue
from assistant.reading.context import (
    RELATIVE_DOUBT,
    answered_yes,
    find_modifiers,
    has_exception,
    own_question_marks,
    own_site,
    restated_by_exception,
    site_limited,
)
from assistant.reading.lexicon import (
    FAMILY,
    HISTORICAL,
    HYPOTHETICAL,
    NEGATED,
    POSSIBLE,
    QUESTION,
    Synonym,
)
from assistant.reading.lists import LIST_DOUBT, affirmed, closes_list, said_as_a_state, sited
from assistant.reading.mentions import (
    RED_FLAGS,
    Cue,
    Mention,
    apart,
    find_cues,
    find_targets,
    patient_relative,
)
from assistant.reading.pipeline import Pipeline, correct, pipeline
from assistant.reading.text import (
    CLAUSE_PUNCT,
    Text,
    clean,
    drop_asides,
    segment,
    written_sentence,
    written_sentence_span,
)
from assistant.reading.values import (
    PAST_EPISODE_DAYS,
    READERS,
    Reading,
    days_ago,
    read_recurrence,
    recurred_after,
)

#: Longest message read; matches Settings.max_message_chars. Longer text is cut with a notice.
MAX_CHARS = 20_000

Status = Literal["asserted", "negated", "uncertain", "hypothetical", "family", "topic"]


# ----------------------------------------------------------------------------- results


class Evidence(BaseModel):
    """Where a fact was read in the text, with the value and the cue that modified it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fact: str
    value: str | None = Field(
        description="Value read; None if hedged, imagined or not the patient."
    )
    status: Status
    text: str = Field(description="The matched span as written.")
    start: int = Field(description="Character offset in the (truncated) message.")
    end: int
    cue: str | None = Field(None, description="The ConText cue, e.g. 'denies' or '?'.")
    cue_category: str | None = None
    number: float | None = Field(None, description="Number read, e.g. SINS 14, days paralysed.")
    implied: bool = Field(False, description="Set because another fact's mention implies it.")


class Extraction(BaseModel):
    """What one message says about the case."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    facts: dict[str, str] = Field(default_factory=dict, description="Facts the text asserts.")
    uncertain: tuple[str, ...] = Field((), description="Facts only hedged or hypothetical.")
    topics: tuple[str, ...] = Field(
        (), description="Facts a question names as its topic ('when should I suspect MSCC?')."
    )
    evidence: tuple[Evidence, ...] = ()
    notices: tuple[str, ...] = ()
    assumed: dict[str, str] = Field(
        default_factory=dict,
        description="Facts a global statement covers without naming them ('neuro intact'); "
        "the caller applies them only to facts the case does not know yet.",
    )
    assumed_from: dict[str, str] = Field(
        default_factory=dict, description="For each assumed fact, the words it was read from."
    )
    rt_interval_days: int | None = Field(
        None, description="The longest 'radiotherapy n months ago' interval read, in days."
    )
    recurrence_pending: bool = Field(
        False,
        description="Recurrent symptoms after radiotherapy were read but not how long after: "
        "a caller may resolve it from an interval given in an earlier turn.",
    )
    patient_relative: str | None = Field(
        None,
        description="The relative the message makes the patient ('ringing about her mum': "
        "'mother'), so a later message naming them in other words reads them as the patient.",
    )


# ----------------------------------------------------------------------------- status


# When one mention has several modifiers, the first category here decides its status.
_STATUS_ORDER: tuple[tuple[str, Status], ...] = (
    (FAMILY, "family"),
    (HYPOTHETICAL, "hypothetical"),
    (QUESTION, "topic"),  # "what symptoms suggest MSCC?" names a concept, not the patient
    (POSSIBLE, "uncertain"),
    (NEGATED, "negated"),
)


def _status(cues: list[Cue], mention: Mention, doc: Text) -> tuple[Status, Cue | None]:
    def nearest(found: list[Cue]) -> Cue:
        return min(found, key=lambda c: min(abs(c.start - mention.end), abs(mention.start - c.end)))

    own = [c for c in cues if _queried(c, mention, doc)]
    if own and not any(c.rule.category == FAMILY for c in cues):
        # "keen to start dex for ?myeloma": the '?' written on the word is its own doubt,
        # closer than any plan or question around it
        return "uncertain", own[0]
    for category, status in _STATUS_ORDER:
        found = [c for c in cues if c.rule.category == category]
        if found:
            return status, nearest(found)
    history = [c for c in cues if c.rule.category == HISTORICAL]
    return "asserted", nearest(history) if history else None


def _queried(cue: Cue, mention: Mention, doc: Text) -> bool:
    """Whether a doubting '?' is written on the mention's first word as what something is for
    ("dex for ?myeloma", "admitted with ?MSCC"), not in a conditional ("if she had ?MSCC")."""
    return (
        cue.rule.category == POSSIBLE
        and doc.lower[cue.start] == "?"
        and cue.end == mention.start
        and doc.ends[cue.start] == doc.starts[mention.start]
        and cue.start > 0
        and doc.lower[cue.start - 1] in _INDICATION_WORDS
    )


#: Words naming what a '?'-doubted diagnosis is to a plan ("dex for ?myeloma").
_INDICATION_WORDS = frozenset({"for", "with", "re", "of", "query", "r/o", "regarding"})


def _reading(entry: Synonym, mention: Mention, status: Status) -> Reading:
    if entry.considered and status in ("uncertain", "hypothetical"):
        status = "asserted"  # "plan: autologous SCT": a planned transplant is being considered
    if status == "negated":
        return Reading(entry.negated_facts())
    if status == "uncertain":
        return Reading(dict(entry.when_uncertain))
    if status != "asserted":
        return Reading({})
    if entry.reader == "recurrence":
        return read_recurrence(mention.match, entry)
    if entry.reader is not None:
        return READERS[entry.reader](mention.match, entry) if mention.match else Reading({})
    return Reading({entry.fact: entry.value, **entry.also})


#: Words that answer the question a '?' just asked ("Not weight bearing? No - mobilising").
_ANSWERS = frozenset({"no", "nope", "nil", "none", "negative", "yes", "yep"})


def _answered(cue: Cue | None, doc: Text) -> bool:
    """Whether a hedging '?' is answered by the next word: a question put and answered."""
    return (
        cue is not None
        and doc.lower[cue.start] == "?"
        and cue.end < len(doc.lower)
        and doc.lower[cue.end] in _ANSWERS
    )


def _answered_yes_cue(cue: Cue | None, doc: Text) -> bool:
    """Whether a hedging '?' is a question the writer answers yes right after it."""
    return cue is not None and doc.lower[cue.start] == "?" and answered_yes(cue.start, doc)


def _question_answered_yes(mention: Mention, doc: Text) -> bool:
    """Whether the mention's sentence is a question answered yes right after it ("Any new
    weakness in arms or legs? Yes, both legs")."""
    _, end = doc.sents[doc.sent_of[mention.start]]
    return doc.lower[end - 1] == "?" and answered_yes(end - 1, doc)


def _relatives(cue: Cue | None) -> bool:
    """Whether a doubt is only that the finding may be the relative's named before it."""
    return cue is not None and cue.rule is RELATIVE_DOUBT


def _flags_named(entry: Synonym) -> list[str]:
    """The fact a mention names and the red flags its words also state: "numb saddle area"
    is sensory change as well as a cord sign, so a doubt about it doubts both."""
    return [entry.fact, *(n for n, v in entry.also.items() if n in RED_FLAGS and v != "no")]


def _denied_normal(entry: Synonym, status: Status, reading: Reading) -> bool:
    """A red flag's normal ("gait normal", "power 5/5") under a negation that set nothing."""
    return (
        status == "negated"
        and not reading.values
        and entry.fact in RED_FLAGS
        and entry.value == "no"
        and entry.reader is None
    )


#: HISTORICAL cue words that put a diagnosis in a past episode ("previous MSCC", "hx of MSCC");
#: not "known" or "chronic", which describe a current state ("known MSCC, on RT").
_PAST_EPISODE_WORDS = frozenset(
    {"previous", "previously", "prior", "past", "in the past", "history of", "hx of", "h/o"}
    | {"hx", "pmh", "pmhx", "past medical history", "past history", "old"}
)
#: How near (tokens, same clause) a date or 'previous' must stand to make a mention a past one.
PAST_EPISODE_WINDOW = 6


#: How far past a mention its own measure may stand, in its clause ("leg weakness 4/5").
OBSERVED_TAIL = 16


def _observed(entry: Synonym, mention: Mention, said: str, pipe: Pipeline) -> bool:
    """A red flag measured in the mention's own words ("weakness 4/5", "retention of 900 ml",
    "leg weakness 4/5", rf74-230, where `said` runs on to the end of its clause): what was
    found, which a denial standing before it cannot make absent."""
    return (
        entry.fact in RED_FLAGS
        and any(p.search(said) for p in pipe.observations)
        and any(
            name in RED_FLAGS and value == "yes"
            for name, value in _reading(entry, mention, "asserted").values.items()
        )
    )


def _found(
    entry: Synonym,
    mention: Mention,
    cue: Cue | None,
    mentions: list[Mention],
    doc: Text,
    original: str,
    pipe: Pipeline,
) -> bool:
    """A red flag a denial or a list reaches that its own words say was found (H02): measured
    ("weakness 4/5", `_observed`), or a sign said as found ("upgoing plantars", "clonus at
    both ankles", "numb to the umbilicus") that the negation reaches only through other
    findings of a list no "or" closes ("No incontinence, upgoing plantars, brisk reflexes")."""
    start, end = doc.span(mention.start, mention.end)
    tail = re.split(r"[,.;:!?\n(]", original[end : end + OBSERVED_TAIL], maxsplit=1)[0]
    if _observed(entry, mention, original[start:end] + tail, pipe):
        return True
    if cue is None or entry.fact not in RED_FLAGS:
        return False
    clause = re.split(r"[,.;!?\n]", original[start : start + 60], maxsplit=1)[0]
    if not any(p.search(clause) for p in pipe.described):
        return False
    lo, hi = (cue.end, mention.start) if cue.end <= mention.start else (mention.end, cue.start)
    others = any(lo <= m.start and m.end <= hi for m in mentions)
    reach = (min(cue.start, cue.scope_start), max(cue.end, cue.scope_end))
    return others and not closes_list(doc, *reach)


def _list_statuses(
    mentions: list[Mention],
    modifiers: list[list[Cue]],
    entries: Sequence[Synonym],
    doc: Text,
    original: str,
    pipe: Pipeline,
) -> tuple[list[tuple[Status, Cue | None, bool]], dict[int, list[tuple[int, int]]]]:
    """One pass over the mentions: each one's status and cue, and whether it is a finding its
    denial or list reaches that its own words say was found (`_found`); and, per denial cue
    start, the (start, end) of those found findings in order. From the first one on, the list
    is no list of denials (`_before_a_found_item`)."""
    statuses: list[tuple[Status, Cue | None, bool]] = []
    found_in: dict[int, list[tuple[int, int]]] = {}
    for mention, mods in zip(mentions, modifiers, strict=True):
        status, cue = _status(mods, mention, doc)
        if (status == "uncertain" and _answered_yes_cue(cue, doc)) or (
            status in ("uncertain", "hypothetical") and _question_answered_yes(mention, doc)
        ):
            # "But numb? Yes, both shins", "Any new weakness in arms or legs? Yes, both legs"
            # (rf76-017): a question put and answered yes states the finding
            status, cue = "asserted", None
        found = _reached_by_denial(status, cue) and _found(
            entries[mention.entry], mention, cue, mentions, doc, original, pipe
        )
        if found:
            found_in.setdefault(cue.start, []).append((mention.start, mention.end))
        statuses.append((status, cue, found))
    return statuses, found_in


def _reached_by_denial(status: Status, cue: Cue | None) -> bool:
    """Whether a denial reaches the mention: it is negated, or a list doubts it (H02)."""
    return cue is not None and (status == "negated" or cue.rule is LIST_DOUBT)


def _before_a_found_item(
    mention: Mention, cue: Cue, found_in: dict[int, list[tuple[int, int]]], mentions: list[Mention]
) -> bool:
    """Whether a denied mention stands in its cue's list where the list is no list of denials:
    after a finding it reaches that is said as found, or after the list's first item and before
    the first such finding."""
    found = found_in.get(cue.start)
    if not found:
        return False
    if any(end <= mention.start for _, end in found):
        return True  # "no radicular pain, brisk reflexes, weak legs": past the found finding
    if cue.end > mention.start or mention.start >= found[0][0]:
        return False
    return any(cue.end <= m.start and m.end <= mention.start for m in mentions)


def _past_episode(
    mention: Mention,
    raw_cues: list[tuple[int, int, int]],
    doc: Text,
    pipe: Pipeline,
    resolved: Callable[[], bool] = lambda: False,
    whole_sentence: bool = False,
) -> tuple[int, int] | None:
    """The cue (token span) that puts a mention in a past episode: 'previous', 'hx of', a year,
    'last year' or 'N months/years ago' of 90 days or more, in its sentence and clause within
    PAST_EPISODE_WINDOW tokens ("Had MSCC at L1 in 2022"; not "MSCC at T10, RT there in 2022").
    Raw cues, so a date inside a longer mention still counts. None if it may be current.
    `resolved`: whether the sentence says the episode is over (asked only when needed), so a
    month without a year ("in January", metadata `past_if_resolved`) dates it too."""
    sentence = doc.sent_of[mention.start]
    for s, e, idx in raw_cues:
        rule = pipe.rules[idx]
        if doc.sent_of[s] != sentence or rule.category not in (DATED, HISTORICAL):
            continue
        lo, hi = (e, mention.start) if e <= mention.start else (mention.end, s)
        if not whole_sentence and hi - lo > 3 * PAST_EPISODE_WINDOW:
            continue  # too far even with an aside between
        between = doc.lower[lo:hi] if e > mention.start else _past_asides(doc, s, lo, hi)
        if not whole_sentence and (
            between is None
            or len(between) > PAST_EPISODE_WINDOW
            or any(t in CLAUSE_PUNCT for t in between)
        ):
            continue
        if s < mention.end and e > mention.start and rule.category != DATED:
            continue  # a 'previous' inside the mention is its own words
        if rule.category == HISTORICAL and rule.literal in _PAST_EPISODE_WORDS:
            if e <= mention.start:
                return s, e
            continue
        if rule.category != DATED:
            continue
        if (
            rule.long_ago
            or (rule.past_if_resolved and resolved())
            or pipe.table.entries[mention.entry].fact in rule.dates_as_past
        ):
            return s, e  # a year, "last year", "back then"; "in January ... fully recovered"
        if rule.literal == "ago":
            days = days_ago(doc.text[: doc.starts[s]])
            if days is not None and days >= PAST_EPISODE_DAYS:
                return s, e
    return None


def _past_asides(doc: Text, cue_start: int, lo: int, hi: int) -> list[str] | None:
    """The words between a date and the mention after it, a bracketed aside left out ("Last
    year (8 month ago) I had compression of the cord", "In 2022 (at another hospital) she had
    MSCC", round 47): a bracket is no clause of its own. None when a bracket opened there is
    not closed before the mention ("in 2022 (MSCC now at T10"): the mention is in the aside."""
    words = doc.lower[lo:hi]
    sentence = doc.sent_of[cue_start]
    near = range(max(0, cue_start - PAST_EPISODE_WINDOW), cue_start)
    opened = [i for i in near if doc.sent_of[i] == sentence and doc.lower[i] == "("]
    if words[:1] == [")"] and opened and ")" not in doc.lower[opened[-1] : cue_start]:
        words = words[1:]  # the date's own bracket closes: "(8 month ago) I had …"
    out: list[str] = []
    depth = 0
    for word in words:
        if word == "(":
            depth += 1
        elif word == ")" and depth:
            depth -= 1
        elif depth == 0:
            out.append(word)
    return None if depth else out


def _resolved_episode(
    mention: Mention, raw_cues: list[tuple[int, int, int]], doc: Text, pipe: Pipeline, original: str
) -> str | None:
    """The date of a past episode (a year, 'previous', '3 years ago') that its own sentence
    says is over ('physio sorted it', 'fully recovered', 'fine ever since'), else None. Both
    are needed: 'weak legs since 2023' is a date without an end, 'resolved' alone may be today."""
    # the date anywhere in the sentence that says the episode is over: "PMH: 2019 L5/S1 disc
    # prolapse with L5 radiculopathy + foot drop -> microdiscectomy, full recovery"
    when = _past_episode(mention, raw_cues, doc, pipe, resolved=lambda: True, whole_sentence=True)
    if when is None or not _says_resolved(mention, doc, pipe, original):
        return None
    return original[slice(*doc.span(*when))]


def _says_resolved(mention: Mention, doc: Text, pipe: Pipeline, original: str) -> bool:
    """The sentence of a mention, as written (to its full stop, over clause breaks: "… with
    leg weakness, got 8 Gy and her legs fully recovered"), says an episode is over."""
    text = written_sentence(original, *doc.span(mention.start, mention.end))
    over = [m.end() for rx in pipe.resolved for m in rx.finditer(text)]
    # "weak legs in 2023, got better, now weak again": over, then back: current, not history
    return bool(over) and not any(rx.search(text, min(over)) for rx in pipe.returned)


def _gone_now(mention: Mention, doc: Text, pipe: Pipeline, original: str) -> bool:
    """The rest of a mention's clause, as written, says in the present perfect that it is
    over ("… numbness she had back then has completely gone"), and the sentence does not say
    it came back."""
    start = doc.span(mention.start, mention.end)[1]
    rest = re.split(r"[,;:.!?()\n]|\s-\s|\bbut\b", original[start:], maxsplit=1)[0]
    if not any(rx.search(rest) for rx in pipe.gone_now):
        return False
    sentence = written_sentence(original, start)
    return not any(rx.search(sentence) for rx in pipe.returned)


def _cue_text(doc: Text, cue: Cue | None, original: str) -> str | None:
    if cue is None:
        return None
    start, end = doc.span(cue.start, cue.end)
    return original[start:end]


def _resolve(
    candidates: dict[str, list[str]], pipe: Pipeline, notices: list[str]
) -> dict[str, str]:
    facts = catalogue()
    resolved: dict[str, str] = {}
    for name in sorted(candidates, key=lambda n: pipe.order.get(n, 1 << 30)):
        values = list(dict.fromkeys(candidates[name]))
        if len(values) == 1:
            resolved[name] = values[0]
            continue
        spec = facts[name]
        order = pipe.table.precedence.get(name) or (("yes", "no") if spec.type == "tri" else ())
        ranked = [v for v in order if v in values]
        chosen = ranked[0] if ranked else values[0]
        resolved[name] = chosen
        notices.append(
            f"The text says different things about '{spec.label}' ({', '.join(values)}); "
            f"read as {chosen}."
        )
    return resolved


#: ConText category of a date or "ago" / "last year": the line it stands in is about the past.
DATED = "DATED"
#: Categories that make a sentence about now, whatever dates it also has.
_NOW = frozenset({"CURRENT"})
#: Cue words (of any category) that put a denial in their sentence in the past.
_PAST_WORDS = frozenset(
    {"previously", "prior to", "before", "until", "used to", "usually", "at baseline", "baseline"}
    | {"premorbidly", "pre-morbidly", "premorbid", "before admission", "before this admission"}
    | {"before this episode", "until recently", "was (walking or mobile, before now)"}
)
#: Cue words (of any category) that put their sentence in the present.
_NOW_WORDS = frozenset({"now", "today", "currently", "tonight", "this morning", "yesterday"})


#: Words before "baseline" that compare the present with it ("power and sensation at her
#: baseline, continent", "back to his baseline"): the sentence is about now (round 49); so does
#: how the person walks now ("No neuro deficit, walking with frame at baseline", b141); "her
#: usual baseline" is hers too (b147).
_OWN_BASELINE = frozenset({"her", "his", "their", "my", "to", "usual"}) | frozenset(
    {"frame", "stick", "sticks", "zimmer", "walker", "rollator", "crutches", "mobile"}
    | {"walking", "mobilising", "mobilizing", "independent", "independently", "unaided"}
)


def _at_own_baseline(start: int, end: int, doc: Text) -> bool:
    """A "baseline" cue that says the person is at their usual state now, not before."""
    return doc.lower[end - 1] == "baseline" and start > 0 and doc.lower[start - 1] in _OWN_BASELINE


def _denied_flags(reading: Reading) -> list[str]:
    """The Box 1 red flags a reading records as absent."""
    return [name for name, value in reading.values.items() if name in RED_FLAGS and value == "no"]


def _withdrawn(reading: Reading, names: Sequence[str]) -> Reading:
    """The reading without these facts: a denial withdrawn is asked, never absent."""
    return replace(reading, values={k: v for k, v in reading.values.items() if k not in names})


def _said_earlier(
    mention: Mention, earlier: list[tuple[int, int]], nows: list[int], doc: Text
) -> bool:
    """A denial is about an earlier time when a past cue ("on admission", "ago", "until")
    stands in its sentence with no "now" between them ("Power 5/5 on admission; now 3/5" is
    past; "cancer three years ago ... for a month now ... my legs are fine" is now)."""
    sentence = doc.sent_of[mention.start]
    for s, e in earlier:
        if doc.sent_of[s] != sentence:
            continue
        lo, hi = (e, mention.start) if s < mention.start else (mention.end, s)
        if not any(lo <= n < hi for n in nows) and not _a_clause_of_now_between(
            doc, lo, hi, after=s > mention.start, mention_end=mention.end
        ):
            return True
    return False


#: Verbs of now and of before, for a clause a comma sets apart from a past cue.
_PRESENT_TENSE = frozenset({"is", "are", "am", "feels", "feel", "seems", "has", "have", "remains"})
_PAST_TENSE = frozenset({"was", "were", "had", "did", "felt", "seemed", "used", "remained"})
#: Words that open a clause of its own after a comma ("…, and the hospital scanned …").
_CLAUSE_OPENERS = frozenset({"and", "but", "then", "the", "he", "she", "they", "his", "her"})


def _a_clause_of_now_between(doc: Text, lo: int, hi: int, *, after: bool, mention_end: int) -> bool:
    """Whether a comma sets the past cue's clause apart from a denial said of now ("… since
    digging the garden three weeks ago, his legs are fine, he's walking the dog, no problems
    with his waterworks, and the hospital scanned his spine last week", round 62 b126). A
    past cue after the denial is another clause's when a new clause opens between them; one
    before it, when the words from the comma to the denial's end say now and nothing of then
    ("On admission, his legs were fine" stays earlier)."""
    words = doc.lower
    commas = [i for i in range(lo, hi) if words[i] in (",", ";")]
    if not commas:
        return False
    if after:
        return any(i + 1 < hi and words[i + 1] in _CLAUSE_OPENERS for i in commas)
    said = words[commas[0] + 1 : mention_end]
    present = any(w in _PRESENT_TENSE or w.endswith(("'s", "'re", "’s", "’re")) for w in said)
    return present and not any(w in _PAST_TENSE for w in said)


#: Words a denial asked as a whole question may open with ("No weakness?", "Any numbness? ").
_QUESTION_OPENERS = frozenset({"no", "nil", "not", "any", "none", "and", "so", "but"})


def _denial_asked(mention: Mention, doc: Text) -> bool:
    """A denial that is its whole sentence, asked ("No pain shooting down the legs?"): only
    negation or opening words before it and only the question mark after it."""
    s0, s1 = doc.sents[doc.sent_of[mention.start]]
    after = doc.lower[mention.end : s1]
    return (
        bool(after)
        and all(t == "?" for t in after)
        and all(t in _QUESTION_OPENERS for t in doc.lower[s0 : mention.start])
    )


#: Words that carry a line wrapped mid-sentence on ("No weakness\nin the arms"): a site or a
#: limit, never a finding of its own.
_WRAP_CARRIERS = re.compile(
    r"[ \t]*\n[ \t]*(?:in|of|at|on|above|below|except|apart|only|to|from|over|around)\b"
)


def _wrapped_on(mention: Mention, doc: Text) -> bool:
    """A denial ending a line that the next line carries on in lower case ("No weakness\nin
    the arms"): the line break is a wrap, not the end of what was denied."""
    end = doc.ends[mention.end - 1]
    return _WRAP_CARRIERS.match(doc.text, end) is not None


#: Notices for a denial withdrawn because it is of an earlier time, or of another word.
_EARLIER = (
    "'{text}' is said of an earlier time: read as not known now. "
    "Please say whether it is present now."
)
_ANOTHERS = (
    "'{text}' is followed by a denial of something else ('{cue}'): read as not known. "
    "Please say whether it is present."
)


#: Words that join a finding to the next item ("reduced sensation and reflexes absent").
_JOINS = frozenset({"and", "&", "+", ",", "/", "but", "with"})
#: Words between a join and a trailing denial that are not its subject: fillers, joins and
#: the words that carry a list on ("or", "nor").
_NOT_A_SUBJECT = _JOINS | {
    "the", "his", "her", "their", "my", "both", "all", "also", "are", "is", "were", "was", "now",
    "or", "nor", "either", "any",
}  # fmt: skip


def _denial_of_another(
    mention: Mention, cue: Cue | None, mentions: Sequence[Mention], doc: Text
) -> bool:
    """A trailing denial whose own subject is another word, joined on after this finding
    ("reduced sensation and reflexes absent": 'absent' says it of the reflexes). A word no
    finding covers between the join and the denial is that subject: this finding is asked,
    never absent ("numbness and incontinence absent", a list of findings, still denies both)."""
    if cue is None or cue.rule.direction != "BACKWARD" or cue.start < mention.end:
        return False
    between = range(mention.end, cue.start)
    joins = [i for i in between if doc.lower[i] in _JOINS]
    if not joins:
        return False
    words = range(joins[0] + 1, cue.start)
    covered = {i for m in mentions for i in range(m.start, m.end) if i in words}
    return any(
        i not in covered and doc.lower[i].isalpha() and doc.lower[i] not in _NOT_A_SUBJECT
        for i in words
    )


#: Diagnosis facts an old scan may have excluded.
_EXCLUDABLE = ("mscc", "spinal_metastases")


#: A message typed in capitals ("MUM IS 70, HAD BREAST CANCER 10 YEARS AGO, ALL CLEAR SINCE"):
#: at least this many letters, this share of them capitals.
_SHOUTED_LETTERS, _SHOUTED_SHARE = 20, 0.8


def _unshouted(text: str) -> str:
    """A message typed in capitals, in lower case: its capitals carry no meaning, so the
    case-sensitive words of the lexicon ('ALL' for the leukaemia, 'UR' for retention) must not
    read 'ALL CLEAR' (round 58, b117). Letter by letter, so every offset stays where it was."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < _SHOUTED_LETTERS or sum(c.isupper() for c in letters) < _SHOUTED_SHARE * len(
        letters
    ):
        return text
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


#: What ends the sentence or line of a half's denial ("no bladder problems; bowels …").
_HALF_STOPS = ".!?;\n"


def _half_denied(
    facts: Mapping[str, str], evidence: Sequence[Evidence], original: str, pipe: Pipeline
) -> list[str]:
    """Two-part facts (`halves`) read absent from denials that each name one part only, while
    the message speaks of the other part outside every one of them, or from a denial whose own
    sentence turns (`half_turns`) to either part outside every denial: not absent."""
    found = []
    for name, parts in pipe.halves.items():
        if facts.get(name) != "no":
            continue
        denials = [ev for ev in evidence if ev.fact == name and ev.value == "no"]
        if not denials:
            continue
        denied = {half for ev in denials for half, words in parts.items() if words.search(ev.text)}
        # each denial's own sentence or line ("no incontinence of urine or faeces", "problems
        # with wee or poo: no"): the other half named in it is denied with it
        spans = [written_sentence_span(original, ev.start, ev.end, _HALF_STOPS) for ev in denials]
        other = [words for half, words in parts.items() if half not in denied]
        other_half_spoken_of = len(denied) == 1 and any(
            not any(s <= m.start() < e for s, e in spans)
            for words in other
            for m in words.finditer(original)
        )
        if other_half_spoken_of or _turned_to_a_half(
            denials, spans, parts.values(), original, pipe
        ):
            found.append(name)
    return found


def _turned_to_a_half(
    denials: Sequence[Evidence],
    spans: Sequence[tuple[int, int]],
    halves: Iterable[re.Pattern[str]],
    original: str,
    pipe: Pipeline,
) -> bool:
    """A denial's sentence goes on past a turn ("Not incontinent, although she has had to
    strain … to start passing urine") to words of either half that no denial covers."""
    covered = [(ev.start, ev.end) for ev in denials]
    for ev, (_, end) in zip(denials, spans, strict=True):
        turn = pipe.half_turns.search(original, ev.end, end)
        if turn is None:
            continue
        for words in halves:
            for m in words.finditer(original, turn.end(), end):
                if not any(s <= m.start() < e for s, e in covered):
                    return True
    return False


def _drop_stale_exclusions(
    facts: dict[str, str],
    evidence: list[Evidence],
    notices: list[str],
    sentence_at: dict[int, int],
    dated: set[int],
    dated_near: set[int] = frozenset(),
) -> None:
    """Old imaging never overrides a new symptom: "MRI normal 2024. Now weak legs".

    An exclusion read only from sentences that carry a date or "ago" / "last year" (a DATED
    cue) and nothing about now ("today") is not recorded when the same message states a cord
    red flag: MSCC is then suspected again.
    """
    if not any(facts.get(name) == "yes" for name in RED_FLAGS):
        return
    for name in _EXCLUDABLE:
        if facts.get(name) not in ("ruled_out", "none"):
            continue
        found = [ev for ev in evidence if ev.fact == name and ev.value == facts[name]]
        if found and all(
            sentence_at.get(ev.start) in dated or ev.start in dated_near for ev in found
        ):
            del facts[name]
            notices.append(
                f"'{found[0].text}' is from dated imaging: with the red flag stated now it "
                "no longer excludes MSCC, so it is treated as not known (NG234 1.3.2). "
                "Say so if the scan was done after the symptom began."
            )


#: Facts whose mention a parenthesis may date ("breast ca (treated 2015)").
_DATED_ASIDE_OF = frozenset({"cancer_diagnosis", "primary_tumour"})


def _cancer_asides(mentions: list[Mention], doc: Text, pipe: Pipeline) -> set[int]:
    """Tokens inside a parenthesis right after a cancer mention: its own history, not imaging."""
    inside: set[int] = set()
    for m in mentions:
        if pipe.table.entries[m.entry].fact not in _DATED_ASIDE_OF:
            continue
        if m.end < len(doc.lower) and doc.lower[m.end] == "(":
            close = next(
                (i for i in range(m.end + 1, len(doc.lower)) if doc.lower[i] in (")", "\n")),
                len(doc.lower),
            )
            inside.update(range(m.end + 1, close))
    return inside


#: How near (tokens) before a mention a date dates it whatever else its sentence says.
DATED_WINDOW = 6


def _dated_just_before(mention: Mention, dates: list[int], nows: list[int], doc: Text) -> bool:
    """Whether a date ends inside a mention or up to DATED_WINDOW tokens before it, in its
    sentence, with no "now" word between ("MRI (2023) no MSCC, now weak legs": the exclusion
    is dated)."""
    at, sentence = mention.start, doc.sent_of[mention.start]
    return any(
        at - DATED_WINDOW <= end <= mention.end
        and doc.sent_of[end - 1] == sentence
        and not any(end <= n < at for n in nows)
        for end in dates
    )


# ----------------------------------------------------------------------------- entry point


def extract(
    text: str,
    *,
    limit: int = MAX_CHARS,
    known: Mapping[str, str] | None = None,
    patient: str | None = None,
) -> Extraction:
    """Read the case facts a free-text message asserts, hedges or negates.

    `known`: the live case's facts, for readings that hold only beside another fact (an
    entry's `requires`): "RT given today" is the MSCC's radiotherapy in a case with MSCC.
    `patient`: the relative an earlier message made the patient (`patient_relative`)."""
    if not isinstance(text, str):
        text = text.decode("utf-8", "replace") if isinstance(text, bytes | bytearray) else ""
    notices: list[str] = []
    limit = max(0, int(limit))
    if len(text) > limit:
        notices.append(
            f"Only the first {limit:,} of {len(text):,} characters were read; "
            "send the rest separately if it matters."
        )
        text = text[:limit]
    if not text.strip():
        return Extraction(notices=tuple(notices))
    pipe = pipeline()
    # "Plantars:\nR up": a label's value on the next line is the label's (rf61-257); the
    # newline becomes a space, so every offset stays the same
    original = pipe.label_line.sub(r"\1 ", _unshouted(clean(text)))
    corrected, edits, corrections = correct(drop_asides(original, pipe.asides), pipe)
    if corrections:
        shown = "; ".join(corrections[:5])
        more = f" and {len(corrections) - 5} more" if len(corrections) > 5 else ""
        notices.append(f"Possible typos: {shown}{more}.")
    doc = segment(corrected, edits)

    raw_cues, sole = find_cues(doc, pipe, patient)
    mentions, cues = apart(find_targets(doc, pipe), raw_cues, doc, pipe)
    # Sentences about the past (a date, "ago", "last year") and none about now ("today").
    categories = {doc.sent_of[s]: set() for s, _, _ in raw_cues}
    about_cancer = _cancer_asides(mentions, doc, pipe)
    for s, _, idx in raw_cues:
        rule = pipe.rules[idx]
        if rule.category == DATED and s in about_cancer:
            continue  # "breast ca (treated 2015)" dates the cancer, not the sentence's imaging
        if rule.past_if_resolved:
            continue  # "MRI in Feb": how long ago is not known; it dates only what is over
        categories[doc.sent_of[s]].add("CURRENT" if rule.literal in _NOW_WORDS else rule.category)
    dated = {n for n, cats in categories.items() if DATED in cats and not cats & _NOW}
    # ... and mentions a date stands just before in their own sentence, with no "now" between:
    # "MRI (2023) no MSCC, now weak legs" (the "now" is the legs').
    dates = sorted(
        e
        for s, e, idx in raw_cues
        if pipe.rules[idx].category == DATED
        and s not in about_cancer
        and not pipe.rules[idx].past_if_resolved
    )
    nows = [s for s, _, idx in raw_cues if pipe.rules[idx].literal in _NOW_WORDS]
    # The words ending an episode ("has completely gone", "physio sorted it") bring what
    # follows in its sentence back to now, for denials as a "now" does: "the leg numbness she
    # had back then has completely gone, legs strong, bladder fine" (round 54).
    since_over = nows + [
        doc.tokens_of(m.start(), m.end())[0] for rx in pipe.resolved for m in rx.finditer(doc.text)
    ]
    dated_near: set[int] = set()
    # ... and those that say "on admission", "last week", "ago": a relative past, for denials.
    # A "now" between such a cue and a denial puts the denial back in the present: "I had breast
    # cancer three years ago ... for a month now I have had pain ... my legs are fine".
    earlier = [
        (s, e)
        for s, e, idx in raw_cues
        if (
            (pipe.rules[idx].category == DATED and pipe.rules[idx].pattern is None)
            or pipe.rules[idx].literal in _PAST_WORDS
            or pipe.rules[idx].baseline
        )
        and not _at_own_baseline(s, e, doc)
    ]
    sentence_at: dict[int, int] = {}
    modifiers = find_modifiers(own_question_marks(cues, doc), mentions, doc, pipe)

    entries = pipe.table.entries
    evidence: list[Evidence] = []
    candidates: dict[str, list[str]] = {}
    stated: dict[str, list[str]] = {}  # stated_over_implied facts said in their own words
    uncertain: list[str] = []
    topics: list[str] = []
    rt_days: list[int] = []
    pending_recurrence: list[Evidence] = []
    # readings kept only beside the facts their entry requires: (requires, unless, values, base)
    conditional: list[
        tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, str], dict]
    ] = []
    doubted: list[str] = []  # findings a negation reached only across a bare comma (H02)
    earlier_only: list[str] = []  # findings denied only of an earlier time: not known now
    assumed: dict[str, tuple[str, str]] = {}  # fact -> (value, words) from global statements
    statuses, found_in = _list_statuses(mentions, modifiers, entries, doc, original, pipe)
    for mention, (status, cue, found) in zip(mentions, statuses, strict=True):
        entry = entries[mention.entry]
        if found:
            # "Denies numbness, weakness 4/5 in right leg": the grade is a finding, not denied;
            # "No incontinence, upgoing plantars", "not incontinent, clonus at both ankles": a
            # sign said as found, reached only through the list. The denial keeps the rest.
            status, cue = "asserted", None
        elif _reached_by_denial(status, cue) and _before_a_found_item(
            mention, cue, found_in, mentions
        ):
            # "no radicular pain, brisk reflexes, weak legs" (rf73-229): a finding said as
            # found ends the denial's list, so what follows it is not denied: stated if said
            # as a state of a body part, sited or affirmed, else asked (H02). (Past a denial's
            # first comma with no found sign between, a bare state stays asked: lists.end_list.)
            # A list with a found item is no list of denials, so an item the denial reached
            # only through the list before it is not denied either ("No bladder dysfunction,
            # leg weakness, sensory level T10", rf74-230); its first item still is.
            if said_as_a_state(mention, doc) or affirmed(mention, doc) or sited(mention, doc):
                status, cue = "asserted", None
            else:
                status = "uncertain"
        if status == "negated" and restated_by_exception(mention, cues, mentions, doc):
            # "No weakness except in the left leg": the exception says where the finding is
            status, cue = "asserted", None
        reading = _reading(entry, mention, status)
        if _denied_normal(entry, status, reading):
            # "Gait not normal", "power is far from normal": a normal that is denied is no
            # normal. It is read as possible (asked with its recommendation), never absent.
            uncertain.append(entry.fact)
            doubted.append(entry.fact)
        past = (
            _past_episode(
                mention,
                raw_cues,
                doc,
                pipe,
                resolved=lambda m=mention: _says_resolved(m, doc, pipe, original),
            )
            if status == "asserted" and entry.when_past_episode is not None
            else None
        )
        if past is None and status == "asserted" and entry.when_past_episode is not None:
            # "MSCC at L1 treated with radiotherapy 10 months ago": the compression named
            # inside its own dated treatment is that episode's (H24)
            past = next(
                (
                    when
                    for other in mentions
                    if other is not mention
                    and other.start <= mention.start
                    and mention.end <= other.end
                    and entries[other.entry].when_past_episode is not None
                    and (when := _past_episode(other, raw_cues, doc, pipe)) is not None
                ),
                None,
            )
        gone_now = False
        if (
            past is None
            and status == "asserted"
            and entry.fact in RED_FLAGS
            # a normal finding said beside the episode is how it is now ("the leg numbness she
            # had back then has completely gone, legs strong, bladder fine", round 54)
            and reading.values.get(entry.fact) != "no"
        ):
            over = _resolved_episode(mention, raw_cues, doc, pipe, original)
            if over is not None and _gone_now(mention, doc, pipe, original):
                # "the leg numbness she had back then has completely gone": the words that end
                # the episode govern this very mention, in its own clause: absent now.
                reading = Reading(entry.negated_facts())
                over = None
                gone_now = True
            if over is not None:
                # "Back in 2019 I had a slipped disc with numb toes, physio sorted it": a cord
                # symptom of a past episode that is over is history, not a finding now. It is
                # not recorded absent either: unless the message says how it is now, it is asked.
                reading = Reading({})
                said = original[slice(*doc.span(mention.start, mention.end))]
                notices.append(
                    f"'{said}' is a past episode that resolved ('{over}'): not recorded as a "
                    "finding now. Say so if it has come back."
                )
        if past is not None:
            # "Had MSCC at L1 in 2022": a past episode, not the compression now (H24).
            reading = Reading(dict(entry.when_past_episode))
            said = original[slice(*doc.span(mention.start, mention.end))]
            when = original[slice(*doc.span(*past))]
            notices.append(
                f"'{said}' is a past episode ('{when}'): recorded as history, not as now. "
                "Say so if it is current."
            )
        start, end = doc.span(mention.start, mention.end)
        sentence_at[start] = doc.sent_of[mention.start]
        if _dated_just_before(mention, dates, nows, doc):
            dated_near.add(start)
        base = {
            "status": status,
            "text": original[start:end],
            "start": start,
            "end": end,
            "cue": _cue_text(doc, cue, original),
            "cue_category": cue.rule.category if cue else None,
            "number": reading.number,
        }
        if reading.notice:
            notices.append(reading.notice)
        if entry.reader == "rt_interval" and reading.days is not None:
            rt_days.append(reading.days)
        if status in ("uncertain", "hypothetical") and entry.fact not in reading.values:
            flags = _flags_named(entry)
            uncertain.extend(flags)
            if status == "uncertain" and not _answered(cue, doc) and not _relatives(cue):
                # "No clonus, ?upgoing plantar", "Hesitancy? Maybe. No incontinence": a hedged
                # red flag outweighs another mention's denial of it (asked, never absent).
                # One a relative named before may have had ("his brother … had numb legs") is
                # no doubt about the patient: a denial of the patient's own answers it.
                doubted.extend(f for f in flags if f in RED_FLAGS)
        if status == "asserted" and not has_exception(mention, cues, doc):
            for name, value in entry.assumes.items():
                assumed.setdefault(name, (value, original[start:end]))
        if cue is not None and cue.rule is LIST_DOUBT:
            doubted.extend(_flags_named(entry))
            notices.append(
                f"'{base['text']}' follows '{base['cue']} …,' with no 'or' closing a list: "
                "read as not known rather than absent. Please say whether it is present."
            )
        if status == "topic":
            topics.append(entry.fact)
        # Each check below turns the red flags this mention denies into questions (asked,
        # never absent) when the denial does not hold for the patient now:
        # - an exception after it: "No neuro deficit except: weak L leg";
        # - an earlier time: "Power 5/5 on admission; now 3/5";
        # - asked as a whole question ("No pain shooting down the legs? Not true - …"), or a
        #   sentence wrapped across lines that says where only on the next ("No weakness\nin
        #   the arms");
        # - a trailing denial of another word: "reduced sensation and reflexes absent".
        checks = (
            (lambda m=mention: has_exception(m, cues, doc), None),
            (
                lambda m=mention, g=gone_now: not g and _said_earlier(m, earlier, since_over, doc),
                _EARLIER,
            ),
            (lambda m=mention: _denial_asked(m, doc) or _wrapped_on(m, doc), None),
            (lambda m=mention, c=cue: _denial_of_another(m, c, mentions, doc), _ANOTHERS),
        )
        for holds_not, notice in checks:  # evaluated in turn, only while a denial is left
            denied = _denied_flags(reading)
            if denied and holds_not():
                reading = _withdrawn(reading, denied)
                # A denial of an earlier time says nothing of now, so it never outweighs a
                # denial that is of now ("no leg problems since [2021] ... my legs are still
                # fine"); any other reason doubts the finding (H02).
                (earlier_only if notice is _EARLIER else doubted).extend(denied)
                if notice:
                    notices.append(notice.format(text=base["text"], cue=base["cue"]))
        site = None
        if entry.fact in _denied_flags(reading):
            # Only a denial is looked at for its site: a stated finding is never narrowed.
            site = site_limited(mention, cues, doc) or own_site(
                mention, entry.fact, raw_cues, doc, pipe
            )
        if site:
            # Denied for another site only ("arms: no weakness"): asked, never absent.
            reading = _withdrawn(reading, [entry.fact])
            doubted.append(entry.fact)
            notices.append(
                f"'{base['text']}' is said of the {site} only: read as not known for the "
                "legs. Please say whether it is present."
            )
        if not reading.values:
            item = Evidence(fact=entry.fact, value=None, **base)
            evidence.append(item)
            if entry.reader == "recurrence" and status == "asserted":
                pending_recurrence.append(item)
            continue
        if entry.requires or entry.unless:
            # "No pain, no neuro signs" is asymptomatic spinal metastases only beside them
            conditional.append((entry.requires, entry.unless, reading.values, base))
            continue
        for name, value in reading.values.items():
            implied = name != entry.fact or entry.implies
            evidence.append(Evidence(fact=name, value=value, implied=implied, **base))
            candidates.setdefault(name, []).append(value)
            implying = pipe.table.stated_over_implied.get(name)
            if implying is not None and not entry.implies and entry.fact not in implying:
                stated.setdefault(name, []).append(value)

    context = {k: v for k, v in (known or {}).items() if v != "unknown"}
    for requires, unless, values, base in conditional:
        if all(
            (set(candidates.get(k, ())) or {context.get(k)}) & set(allowed)
            for k, allowed in requires.items()
        ) and not any(
            (set(candidates.get(k, ())) or {context.get(k)}) & set(barred)
            for k, barred in unless.items()
        ):
            for name, value in values.items():
                evidence.append(Evidence(fact=name, value=value, implied=False, **base))
                candidates.setdefault(name, []).append(value)

    for item in pending_recurrence:
        # 1.10.9 counts from the initial radiotherapy: use the longest interval mentioned.
        if rt_days:
            days = max(rt_days)
            value = recurred_after(days)
            evidence.append(item.model_copy(update={"value": value, "number": days}))
            candidates.setdefault(item.fact, []).append(value)
        else:
            uncertain.append(item.fact)

    # "No prior cancer diagnosis. CT shows spinal metastases": what is said of the fact in its
    # own words outweighs what another finding implies.
    candidates.update(stated)
    facts = _resolve(candidates, pipe, notices)
    for name in dict.fromkeys(doubted):
        # A doubt outweighs an absence (H02), even where another mention of the same finding
        # is denied directly: "no bowel problems, new urinary retention" is one fact, asked.
        if facts.get(name) == "no":
            del facts[name]
    for name in _half_denied(facts, evidence, original, pipe):
        # "No bladder problems. Her bowels … she hasn't been able to control": asked (H02)
        del facts[name]
        uncertain.append(name)
    _drop_stale_exclusions(facts, evidence, notices, sentence_at, dated, dated_near)
    evidence.sort(key=lambda ev: (ev.start, ev.end, pipe.order.get(ev.fact, 1 << 30), ev.implied))
    hedged = tuple(dict.fromkeys(name for name in uncertain if name not in facts))
    named = tuple(dict.fromkeys(n for n in topics if n not in facts and n not in hedged))
    covered = {
        name: pair
        for name, pair in assumed.items()
        if name not in facts
        and name not in hedged
        and name not in doubted
        and name not in earlier_only
    }
    return Extraction(
        facts=facts,
        uncertain=hedged,
        topics=named,
        evidence=tuple(evidence),
        notices=tuple(notices),
        assumed={name: value for name, (value, _) in covered.items()},
        assumed_from={name: words for name, (_, words) in covered.items()},
        rt_interval_days=max(rt_days) if rt_days else None,
        recurrence_pending=bool(pending_recurrence) and not rt_days,
        patient_relative=patient_relative(raw_cues, doc, pipe) or patient or sole,
    )
