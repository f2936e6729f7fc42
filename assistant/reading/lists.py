"""List negation: how far a negation reads across commas and "and"/"or" (hazard H02).

"No weakness, numbness or retention" negates all three; "no back pain, weak legs" reports weak
legs. A finding reached only across a bare comma is read as not known, never as absent.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.reading.lexicon import NEGATED, POSSIBLE, ContextRule
from assistant.reading.mentions import LABEL_PUNCT, Cue, Index, Mention
from assistant.reading.pipeline import Pipeline
from assistant.reading.text import CLAUSE_PUNCT, FULL_STOPS, Text
from assistant.reading.words import words

_LIST_WORDS = frozenset({",", "and", "or", "nor", "/", "&", "+"})
#: Where an open negation's list may end: clause punctuation, an unspaced "/" and "and"
#: ("no trauma/difficulty walking", "no trauma and pain shooting down the leg").
_SOFT_JOINS = CLAUSE_PUNCT | {"/", "and", "&", "+"}
#: Words that open a clause of their own after a comma ("no falls, new retention"); a side
#: names an examination finding of its own ("no saddle numbness, left foot drop").
FRESH = words(
    "fresh_onset", "fresh_side", "fresh_subject", "fresh_turn", "fresh_report", "fresh_foreign"
)
#: Separators that leave a list open: a red flag reached only through them is asked (H02).
_UNCLOSED = frozenset({",", "/", "and", "&", "+"})
#: Words that may stand between a list word and the next item ("X or another Y").
_LIST_FILLERS = frozenset({"a", "an", "another", "other", "any", "the"})
#: Words that close a list, so a negation before its first comma reads through it (H02).
_LIST_CLOSERS = frozenset({"or", "nor"})
#: Words after a comma that carry a closed list on (", or incontinence", ", and retention").
_LIST_GOES_ON = _LIST_CLOSERS | {"and"}
#: The doubt a negation leaves on a finding it reaches only across a bare comma (H02).
LIST_DOUBT = ContextRule(
    literal="negation carried across a comma", category=POSSIBLE, direction="FORWARD"
)


#: Words after which an onset or side word still belongs to the denial ("no fever or new pain").
_STILL_LISTING = frozenset({"or", "nor", "any", "no", "nil", ","})


def opens_a_finding(doc: Text, first: int, i: int) -> bool:
    """An onset or side word past a negation's first word, not inside its list, opens a
    finding of its own ("no fever new leg weakness"; "no new weakness" stays denied, and after
    a comma `end_list` decides)."""
    return i > first and doc.lower[i] in FRESH and doc.lower[i - 1] not in _STILL_LISTING


#: Words that may stand between a denial and the red flag it governs ("no significant leg
#: weakness", "denies any new urinary symptoms"). Any other word there ("no fever weak legs")
#: makes the denial's reach unclear: the red flag is asked, never recorded absent (H02).
_GOVERNED_THROUGH = words("governed_through")


def juxtaposed_red_flags(
    cue: Cue, index: Index, doc: Text, red_flags: frozenset[str], pipe: Pipeline
) -> set[int]:
    """Red-flag mentions a forward negation reaches only across a word that is neither a
    finding nor a modifier ("no fever weak legs"): read as not known, never as absent."""
    out: set[int] = set()
    reach = cue.end
    unclear = False
    for k in sorted(
        index.starting_in(cue.end, cue.scope_end), key=lambda k: index.mentions[k].start
    ):
        mention = index.mentions[k]
        between = doc.lower[reach : mention.start]
        listed = any(w in ("or", "nor") for w in between)  # "no fever or weak legs"
        if not listed and any(w[:1].isalpha() and w not in _GOVERNED_THROUGH for w in between):
            unclear = True
        if unclear and pipe.table.entries[mention.entry].fact in red_flags:
            out.add(k)
        reach = max(reach, mention.end)
    return out


def denied_item_by_item(cue: Cue, cues: Sequence[Cue], index: Index, doc: Text) -> bool:
    """Whether this denial follows a finding another denial of its sentence governs, with at
    most a comma between ("Nil weakness nil numbness walking with difficulty"): the writer
    denies item by item, so a finding after this one without a denial of its own is stated."""
    i = cue.start - 1 if cue.start and doc.lower[cue.start - 1] == "," else cue.start
    sentence = doc.sent_of[cue.start]
    return any(
        other.rule.category == NEGATED
        and other is not cue
        and other.end <= m.start
        and doc.sent_of[other.start] == sentence
        for m in index.by_end.get(i, ())
        for other in cues
    )


def _after_the_denial(cue: Cue, index: Index) -> list[int]:
    """The mentions a forward denial's scope holds after its own words, in reading order."""
    found = index.starting_in(cue.end, cue.scope_end)
    return sorted(found, key=lambda k: index.mentions[k].start)


def _first_item_end(ks: list[int], index: Index) -> int:
    """Where the first item of a denial ends (its longest mention at the first start)."""
    first = index.mentions[ks[0]].start
    return max(index.mentions[k].end for k in ks if index.mentions[k].start == first)


def undenied_after_item(cue: Cue, index: Index) -> set[int]:
    """With denials item by item, a denial's list is its first item: a finding straight after
    it, nothing between ("nil numbness walking with difficulty"), and all after that are not
    its items."""
    ks = _after_the_denial(cue, index)
    if not ks:
        return set()
    end = _first_item_end(ks, index)
    if not any(index.mentions[k].start == end for k in ks):
        return set()
    return {k for k in ks if index.mentions[k].start >= end}


def clause_after_first_item(cue: Cue, index: Index, doc: Text) -> set[int]:
    """The mentions in a forward denial's scope from the first one, after its first item, that
    is a clause of its own ("no numbness legs weak", "no back pain his legs are weak"): the
    denial's list ends there, whatever separates them (H02)."""
    ks = _after_the_denial(cue, index)
    if not ks:
        return set()
    end = _first_item_end(ks, index)
    clause = min(
        (
            index.mentions[k].start
            for k in ks
            if index.mentions[k].start >= end and clause_of_its_own(index.mentions[k], doc)
        ),
        default=None,
    )
    if clause is None:
        return set()
    return {k for k in ks if index.mentions[k].start >= clause}


def extend_over_lists(cue: Cue, index: Index, doc: Text, pipe: Pipeline) -> set[int]:
    """Widen a windowed scope over a coordinated list of findings ("X, Y or Z denied").

    Returns the starts of the mentions it reached only across a bare comma in a list that is
    neither closed by "or"/"nor" nor three findings long ("not incontinent, weak legs"): those
    are read as not known, not as negated (hazard H02).
    """
    entries = pipe.table.entries
    inside = [index.mentions[k] for k in index.starting_in(cue.scope_start, cue.scope_end)]
    if not inside:
        return set()
    steps: list[tuple[list[str], list[Mention]]] = []
    if cue.rule.direction in ("FORWARD", "BIDIRECTIONAL"):
        last = max(inside, key=lambda m: m.end)
        while True:
            i, saw = last.end, []
            while i < cue.hard_end and doc.lower[i] in _LIST_WORDS | _LIST_FILLERS:
                if doc.lower[i] in _LIST_WORDS:
                    saw.append(doc.lower[i])
                i += 1
            nxt = [m for m in index.by_start.get(i, ()) if m.end <= cue.hard_end]
            if not saw or not nxt or not _coordinated(saw, entries[last.entry].fact, nxt, pipe):
                break
            if set(saw) == {","} and any(set(s) & _LIST_CLOSERS for s, _ in steps):
                break  # the "or" closed the list: past a bare comma is a finding of its own
            comma = doc.lower.index(",", last.end, i) if set(saw) == {","} else None
            if comma is not None and _closed_before(cue, comma, doc):
                break  # "Denies numbness or bladder problems, walking with difficulty"
            steps.append((saw, nxt))
            last = max(nxt, key=lambda m: m.end)
            cue.scope_end = max(cue.scope_end, last.end)
    if cue.rule.direction in ("BACKWARD", "BIDIRECTIONAL"):
        first = min(inside, key=lambda m: m.start)
        while True:
            i, saw = first.start - 1, []
            while i >= cue.hard_start and doc.lower[i] in _LIST_WORDS | _LIST_FILLERS:
                if doc.lower[i] in _LIST_WORDS:
                    saw.append(doc.lower[i])
                i -= 1
            prv = [m for m in index.by_end.get(i + 1, ()) if m.start >= cue.hard_start]
            if not saw or not prv or not _coordinated(saw, entries[first.entry].fact, prv, pipe):
                break
            steps.append((saw, prv))
            first = min(prv, key=lambda m: m.start)
            cue.scope_start = min(cue.scope_start, first.start)
    if closes_list(doc, cue.scope_start, cue.scope_end):
        return set()
    if _label_answered(cue, steps, doc):
        return set()
    plain = all(set(saw) == {","} for saw, _ in steps)
    # A counted item ("falls x2") or a first item that closes a symptom group ("nil bladder
    # sx, unsteady gait") shows the run is no list of denials (round 31).
    stated = (
        any(_counted(m, doc) or _described(m, doc) for _, added in steps for m in added)
        or any(_ends_on_group(doc, m.end) for m in inside if m.start >= cue.end)
        or any(said_as_a_state(m, doc) for _, added in steps for m in added)
    )
    # Items, not mentions: "shooting pain" and "shooting pain down L leg" are one item read as
    # two facts, so "Nil retention, shooting pain down L leg" is two items, not a list of three.
    # Overlapping mentions ("radicular pain" and its "pain") are one item too (round 46).
    items = _items(set(index.starting_in(cue.scope_start, cue.scope_end)), index, doc)
    if plain and items >= 3 and not stated:
        return set()
    # Reached across a bare comma, "/" or "and" without "or"/"nor" closing the list: asked.
    return {m.start for saw, added in steps if set(saw) <= _UNCLOSED for m in added}


#: A state said before the body part it is in ("weak legs", "numb saddle"): an item written
#: so after a denial's first comma is a finding stated, not a noun the denial lists.
_STATES = words("states")
_BODY = words("state_body")


#: A side between the state and the body part ("numb R foot", "weak left leg").
_SIDES = words("sides")


def said_as_a_state(m: Mention, doc: Text) -> bool:
    """Whether a list item reads as a state of a body part ("No pain down the legs, numb
    saddle, weak legs", rf59-063; "numb R foot", rf60-235): reached over a bare comma, it is
    asked, never denied (H02)."""
    words = doc.lower[m.start : m.start + 3]
    if len(words) == 3 and words[1] in _SIDES:
        words = [words[0], words[2]]
    return len(words) >= 2 and words[0] in _STATES and words[1] in _BODY


#: Joins inside a form label that name one question ("Numbness/tingling:", "Bladder & bowel:").
LABEL_JOINS = frozenset({"/", "&", "+", "and"})


def _label_answered(cue: Cue, steps: Sequence[tuple[list[str], list[Mention]]], doc: Text) -> bool:
    """A denial answering a form label that opens its line ("Numbness/tingling: denies",
    "Weakness / numbness: none"): the label is one question, so its answer covers each item
    joined by "/" or "and". A bare comma ("weak legs, numbness: denies") stays a list (H02)."""
    if cue.rule.direction != "BACKWARD" or not steps or cue.start == 0:
        return False
    if doc.lower[cue.start - 1] not in LABEL_PUNCT:
        return False
    line_start, _ = doc.sents[doc.sent_of[cue.scope_start]]
    label_end = cue.start - 1
    return (
        doc.sent_of[cue.scope_start] == doc.sent_of[label_end]
        and all(
            t in _LIST_FILLERS or t in {"-", "*", "•"}
            for t in doc.lower[line_start : cue.scope_start]
        )
        and all(set(saw) <= LABEL_JOINS for saw, _ in steps)
    )


def closes_list(doc: Text, start: int, end: int) -> bool:
    """An "or"/"nor" among these tokens closes a list, so a negation reads through it (H02)."""
    return any(doc.lower[i] in _LIST_CLOSERS for i in range(start, end))


def _coordinated(seps: list[str], fact: str, others: list[Mention], pipe: Pipeline) -> bool:
    """'and'/'or'/'/' join any findings; a bare comma only joins listable findings of one group."""
    if any(s != "," for s in seps):
        return True
    group = pipe.groups.get(fact)
    return any(
        pipe.listing[m.entry] == "finding"
        and pipe.groups.get(pipe.table.entries[m.entry].fact) == group
        for m in others
    )


def end_list(
    cue: Cue, index: Index, doc: Text, pipe: Pipeline, cues: Sequence[Cue] = ()
) -> tuple[set[int], set[int]]:
    """Read an open negation past a comma as a list of findings only.

    Returns the mentions it skips and the mentions it reaches only as an unconfirmed list.

    "No MSCC, neuro intact, pain 8/10 despite morphine": ConText reads a negation to the end
    of its sentence, which suits a list of findings ("no weakness, numbness or retention")
    but not the clauses after it. Past a comma the scope goes on through findings of the
    listed groups (cord and pain symptoms); a normal finding of those groups ("bladder and
    bowels normal", "power 5/5") is read on its own and skipped; a diagnosis, a treatment or
    another number starts a clause of its own and ends the scope.

    A bare comma is ambiguous in ward shorthand: "no back pain, weak legs" reports weak legs.
    Only a list closed by "or"/"nor" ("no weakness, numbness or retention") carries the
    negation to the findings past the comma; otherwise they are returned as `unsure` and read
    as not known (asked), never as absent (hazard H02).
    """
    skipped: set[int] = set()
    unsure: set[int] = set()
    if cue.rule.category != NEGATED or cue.rule.max_scope is not None:
        return skipped, unsure
    if cue.rule.direction not in ("FORWARD", "BIDIRECTIONAL"):
        return skipped, unsure
    opening = next(
        (i for i in range(cue.end, cue.scope_end) if opens_a_finding(doc, cue.end, i)), None
    )
    if opening is not None:
        cue.scope_end = opening  # "no fever new leg weakness": the weakness is stated
    # "Denies: weakness, numbness": the label's own colon opens the list, it is no join.
    first = cue.end + (cue.end < cue.scope_end and doc.lower[cue.end] in LABEL_PUNCT)
    punct = next((i for i in range(first, cue.scope_end) if doc.lower[i] in _SOFT_JOINS), None)
    if punct is None:
        return skipped, unsure
    if not any(
        pipe.listing[index.mentions[k].entry] == "finding"
        for k in index.starting_in(cue.end, punct)
    ):
        # "No known cancer, severe back pain", "no fever, urinary retention": what the negation
        # names before the comma is no finding of a list, so nothing after it is listed.
        cue.scope_end = punct
        return skipped, unsure
    fresh = next(
        (
            i
            for i in range(punct + 1, cue.scope_end)
            if doc.lower[i] in FRESH and doc.lower[i - 1] == ","
        ),
        None,
    )
    if fresh is not None:
        cue.scope_end = fresh  # ", new urinary retention": a clause of its own, not the list
    closer = next((i for i in range(punct, cue.scope_end) if doc.lower[i] in _LIST_CLOSERS), None)
    if closer is None and doc.lower[punct] == "," and _closed_before(cue, punct, doc):
        # "Denies numbness or bladder problems, walking with difficulty": the "or" closed the
        # denied list before its first comma; past it a finding is stated (round 47, H02),
        # unless the list goes on (", or incontinence") or past the comma is a list of its
        # own ("no weakness or numbness, retention or incontinence": still denied, 1 below).
        cue.scope_end = punct
        return skipped, unsure
    if closer is not None:
        # "No weakness, numbness or bladder issues, radicular pain L5": the "or" closed the
        # list; a bare comma after it starts a finding of its own (round 37, H02), unless the
        # list goes on (", or incontinence").
        after = next(
            (
                i
                for i in range(closer + 1, cue.scope_end)
                if doc.lower[i] == ","
                and (i + 1 >= len(doc.lower) or doc.lower[i + 1] not in _LIST_GOES_ON)
            ),
            None,
        )
        if after is not None:
            cue.scope_end = after
    carried: set[int] = set()
    for k in index.starting_in(punct + 1, cue.scope_end):
        kind = pipe.listing[index.mentions[k].entry]
        if kind == "other":
            cue.scope_end = index.mentions[k].start
            break
        if clause_of_its_own(index.mentions[k], doc):
            # a clause with its own verb past the comma ("no numbness, and pain radiates down
            # the R leg": the pain is stated) ends the list: what follows it is its own
            # ("no numbness: legs weak, can't walk", round 47)
            cue.scope_end = index.mentions[k].start
            break
        if kind == "normal":
            # a normal finding is read on its own
            skipped.add(k)
        else:
            carried.add(k)
    if (
        carried
        and doc.lower[punct] == ","
        and _denials_repeated(cue, doc, cues, index, pipe)
        and not closes_list(doc, punct, cue.scope_end)
    ):
        # "No retention, no incontinence, radicular pain L5": a writer who repeats the denial
        # for each item it means states the item that has none.
        return skipped | carried, unsure
    # "No pain down the legs, numb saddle, weak legs": a state said of a body part past a bare
    # comma, in a list no "or" closes, reads as a finding stated: asked (rf59-063, H02)
    states = {
        k
        for k in carried
        if said_as_a_state(index.mentions[k], doc) and not affirmed(index.mentions[k], doc)
    }
    if states and doc.lower[punct] == "," and closer is None:
        unsure |= states
        carried -= states
    if carried and not _confirmed_list(cue, punct, carried, index, doc, pipe, cues):
        # past a bare comma, a finding its own item affirms ("No numbness in the legs, saddle
        # anaesthesia present", "no pain radiating, unsteady walking and falls x2") is stated;
        # in a list plainly denied ("no weakness, numbness or retention present") it is not
        stated = {
            k for k in carried if affirmed(index.mentions[k], doc) or sited(index.mentions[k], doc)
        }
        skipped |= stated
        # the states set apart above stay asked ("No numbness, weak legs, difficulty walking",
        # rf76-221: the weak legs had been recorded absent once another item followed them)
        unsure |= carried - stated
    return skipped, unsure


def _closed_before(cue: Cue, punct: int, doc: Text) -> bool:
    """Whether an "or"/"nor" joined the denied findings before the list's first comma, and the
    words past that comma, to the end of their sentence, neither go on with a list word nor
    make a list of their own ("retention or incontinence", "retention, incontinence")."""
    if not any(doc.lower[i] in _LIST_CLOSERS for i in range(cue.end, punct)):
        return False
    if punct + 1 < len(doc.lower) and doc.lower[punct + 1] in _LIST_GOES_ON:
        return False
    sentence = doc.sent_of[punct]
    for i in range(punct + 1, len(doc.lower)):
        word = doc.lower[i]
        if doc.sent_of[i] != sentence or word in FULL_STOPS:
            return True
        if word in _LIST_CLOSERS or word == ",":
            return False
    return True


#: What may join a repeated denial to the item before it ("no retention, no incontinence",
#: "no bladder symptoms and no bowel symptoms", rf60-235).
_ITEM_JOINS = frozenset({",", "and", "&", "+"})


def _denials_repeated(
    cue: Cue, doc: Text, cues: Sequence[Cue], index: Index, pipe: Pipeline
) -> bool:
    """Whether this negation opens a list item after another denied item of the same sentence
    ("no retention, no incontinence, ..."): the writer negates item by item. The earlier item
    may be a denial in its own words ("No falls, no incontinence, weak legs": round 39)."""
    if cue.start == 0 or doc.lower[cue.start - 1] not in _ITEM_JOINS:
        return False
    sentence = doc.sent_of[cue.start]
    return any(
        other is not cue
        and other.rule.category == NEGATED
        and other.end < cue.start
        and doc.sent_of[other.start] == sentence
        for other in cues
    ) or any(
        m.end < cue.start
        and doc.sent_of[m.start] == sentence
        and doc.lower[m.start] in _DENIAL_WORDS
        and pipe.table.entries[m.entry].value in ("no", "none")
        for m in index.mentions
    )


#: The first word of a finding written as its own denial ("no falls", "nil retention").
_DENIAL_WORDS = frozenset({"no", "nil", "denies", "not", "never", "without"})


#: Finite verbs that make a listed finding a clause of its own ("pain radiates down the leg").
_OWN_VERBS = words("own_verbs")


#: Words that affirm a finding in its own list item ("saddle anaesthesia present", "falls
#: x2", "walking with a frame since Monday (new)", "reduced anal tone on PR", "weak legs since
#: yesterday").
_AFFIRMING = words("affirming")
#: An item marker that states the item ("No urinary symptoms, + saddle paraesthesia", rf50-233).
_PLUS = frozenset({"+", "+ve"})
#: Words that describe a sign as observed ("ataxic gait", "spastic legs"): no one lists a gait
#: by its kind to deny it, so the item is stated (round 48: "no LL weakness, ataxic gait, P&N
#: feet").
_OBSERVED = words("observed")
#: A word whose next word affirms the finding before it ("x 2", "on PR").
_ON_EXAMINATION = words("on_examination")
#: Number words a duration may open with ("weak for two days").
_COUNTS = frozenset({"a", "an", "one", "two", "three", "four", "five", "six", "seven", "few"})
_AFFIRMING_AFTER = {
    "x": str.isdigit,
    "on": _ON_EXAMINATION.__contains__,
    # An onset or a duration of its own says the finding began ("No numbness, weak legs since
    # yesterday", "weak on the right since Sunday", "legs weak for 3 days": rf49-221, 239).
    "since": lambda following: following not in ("then",),
    "for": lambda following: following.isdigit() or following in _COUNTS,
    # dated to now ("incontinent of urine this morning", "fallen twice this week", rf75)
    "this": lambda following: following in ("morning", "afternoon", "evening", "week"),
    "last": lambda following: following in ("night",),
}
_ITEM_ENDS = frozenset({",", ";", "."})


def affirmed(mention: Mention, doc: Text) -> bool:
    """Whether the list item a finding stands in, up to its next comma, affirms it: a denial
    before the list's first comma does not reach a finding said to be present or new (H02)."""
    sentence = doc.sent_of[mention.start]
    i = mention.start
    if i >= 2 and doc.lower[i - 1] in _PLUS and doc.lower[i - 2] in _ITEM_ENDS:
        return True
    while i < len(doc.lower) and doc.sent_of[i] == sentence and doc.lower[i] not in _ITEM_ENDS:
        word, following = doc.lower[i], doc.lower[i + 1 : i + 2]
        if word in _AFFIRMING or (word == "new" and doc.lower[i - 1] == "(" and following == [")"]):
            return True
        if word in _OBSERVED:
            return True
        if word in _AFFIRMING_AFTER and following and _AFFIRMING_AFTER[word](following[0]):
            return True
        if _graded_below_full(doc.lower, i):
            return True
        i += 1
    return False


def _graded_below_full(words: list[str], i: int) -> bool:
    """A power grade below full at word i ("weakness of right ankle dorsiflexion 4/5", "4-/5"):
    a measured finding, stated past a denial's comma (rf51-226)."""
    if words[i] not in ("0", "1", "2", "3", "4"):
        return False
    rest = words[i + 1 : i + 4]
    if rest[:1] in (["+"], ["-"]):
        rest = rest[1:]
    return rest[:2] == ["/", "5"]


def clause_of_its_own(mention: Mention, doc: Text) -> bool:
    """Whether a finding's own words include a finite verb, or are a subject and its
    predicate ("legs weak", "feet numb"): a clause, not a list item, so stated past a
    denial's comma (H02)."""
    words = doc.lower[mention.start : mention.end]
    return any(w in _OWN_VERBS for w in words[1:]) or (
        len(words) >= 2 and words[0] in _SUBJECTS and words[-1] in _PREDICATES
    )


def sited(mention: Mention, doc: Text) -> bool:
    """Whether a finding is given its own site straight after it ("No weakness, numbness in
    both feet", rf66-221; "sensory loss to the knees", rf66-228; "No radicular pain, reduced
    sensation both feet", rf72-226): said of the patient's body,
    it is stated, not one more item of the denial's list. A list closed by "or" is still one
    ("no weakness, numbness or tingling in both feet")."""
    words = doc.lower[mention.start + 1 : mention.end + 3]
    return any(
        (w in _SITE_OPENERS or w in _SIDES)  # "reduced sensation both feet" (rf72-226)
        and i + 1 < len(words)
        and words[i + 1] in _SITED_BODY
        and words[i + 1] != w
        for i, w in enumerate(words)
    )


#: A body part or function that opens a clause when its finding follows it ("Not incontinent,
#: legs weak": the legs are weak; "weak legs" or "leg weakness" may be a listed item).
_SUBJECTS = words("subjects")
_PREDICATES = words("predicates")
_SITE_OPENERS = words("site_openers")
_SITED_BODY = words("sited_body")


def _confirmed_list(
    cue: Cue,
    punct: int,
    carried: set[int],
    index: Index,
    doc: Text,
    pipe: Pipeline,
    cues: Sequence[Cue] = (),
) -> bool:
    """Whether findings past a negation's first comma are plainly items of its list.

    Closed by "or"/"nor" ("no weakness, numbness or retention"), or a run of at least three
    findings ("denies weakness, numbness, incontinence"). "No back pain, weak legs", "no
    retention, tingling in toes" or "no MSCC, weak legs" are not (H02).
    """
    if closes_list(doc, punct + 1, cue.scope_end):
        return True
    if doc.lower[punct] == "/" and doc.lower[punct + 1 : punct + 2] != ["/"]:
        # Two words for one finding written tight ("no numbness/tingling", "no urinary
        # retention/incontinence"): one denied finding, not a new item after a separator.
        facts = pipe.table.entries
        before = {facts[index.mentions[k].entry].fact for k in index.starting_in(cue.end, punct)}
        after = {facts[index.mentions[k].entry].fact for k in carried}
        if len(after) == 1 and after <= before:
            return True
    if doc.lower[punct] != ",":
        return False  # "no leg weakness/urinary retention": retention is asked (design 2.5)
    head = any(
        pipe.listing[index.mentions[k].entry] == "finding"
        for k in index.starting_in(cue.end, punct)
    )
    # A run of bare findings only: an item with a cue of its own ("no limb weakness, upgoing
    # R plantar, possible saddle numbness") shows the run is not one denial's list.
    own = any(
        other is not cue and punct < other.start < index.mentions[k].end
        for other in cues
        for k in carried
    )
    return (
        head
        and _items(carried, index, doc) >= 2
        and not own
        and not any(_counted(index.mentions[k], doc) for k in carried)
        and not any(_described(index.mentions[k], doc) for k in carried)
        and not (punct > cue.end and _ends_on_group(doc, punct))
    )


def _described(mention: Mention, doc: Text) -> bool:
    """Whether a listed finding is described as observed ("ataxic gait"): the run it stands in
    is no list of denials (round 48)."""
    return any(doc.lower[i] in _OBSERVED for i in range(mention.start, mention.end))


#: Words that make a listed finding a count of events, so a statement ("falls x2").
_COUNT_WORDS = frozenset({"twice", "thrice", "once"})
_TIMES = frozenset({"times", "occasions", "episodes"})


_TIMES_SIGNS = ("x", "×")


def _a_count(words: list[str]) -> bool:
    """Whether these words open with a count of events: "twice", "x2", "x 2", "3 times"."""
    if not words:
        return False
    first = words[0]
    if first in _COUNT_WORDS or (first[:1] in _TIMES_SIGNS and first[1:].isdigit()):
        return True
    if len(words) < 2:
        return False
    return (first in _TIMES_SIGNS and words[1].isdigit()) or (
        first.isdigit() and words[1] in _TIMES
    )


def _counted(mention: Mention, doc: Text) -> bool:
    """Whether a listed finding is counted right after it ("unsteady gait, falls x2", "fell
    twice"): a count says the events happened, so the run is no list of denials (round 31).
    The count may be the mention's own last words ("falls x2" read whole, round 53)."""
    own = doc.lower[mention.start : mention.end]
    if len(own) >= 2 and (_a_count(own[-1:]) or (own[-2] in _TIMES_SIGNS and _a_count(own[-2:]))):
        return True
    return _a_count(doc.lower[mention.end : mention.end + 2])


#: Nouns that close a denied symptom group ("nil bladder sx", "no bowel problems").
_CATEGORY_NOUNS = words("category_nouns")


def _ends_on_group(doc: Text, end: int) -> bool:
    """Whether the words before `end` end on a symptom group's noun ("nil bladder sx, unsteady
    gait"): the group is denied whole, and what follows is no item of it."""
    return doc.lower[end - 1] in _CATEGORY_NOUNS


def _items(found: set[int], index: Index, doc: Text) -> int:
    """How many list items these mentions make: mentions that overlap ("radicular pain" and
    the "pain" inside it) are one item, and so are mentions with no list word between them
    ("dribbling incontinence", round 46)."""
    spans = sorted((index.mentions[k].start, index.mentions[k].end) for k in found)
    count, reach = 0, -1
    for start, end in spans:
        if start >= reach and (
            reach < 0 or any(doc.lower[i] in _LIST_WORDS for i in range(reach, start))
        ):
            count += 1
        reach = max(reach, end)
    return count
