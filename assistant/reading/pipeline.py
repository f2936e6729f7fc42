"""The reading pipeline compiled once from the vocabulary, and typo correction against it.

`pipeline()` turns the two data files into token tries and regexes for targets and cues, the
fact groups and list roles the scope rules need, and the long words typos are corrected to.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from assistant.case import catalogue
from assistant.reading.anchors import Anchored
from assistant.reading.lexicon import (
    ContextRule,
    ContextRuleSet,
    Genders,
    SoleRelative,
    SynonymTable,
    compiled,
    load_context_rules,
    load_synonyms,
)
from assistant.reading.text import TOKEN, WORD, phrase_tokens

#: Words at least this long may be typo-corrected (one edit; two from FUZZY_TWO_EDITS letters).
FUZZY_MIN_LEN = 8
FUZZY_TWO_EDITS = 12
#: Shorter words (from this length) may be corrected to the table's short_typo_targets only.
SHORT_FUZZY_MIN_LEN = 5

LEAF = ""  # trie key holding the phrases that end at a node (no token is empty)


def _trie_add(trie: dict[str, Any], tokens: tuple[str, ...], item: Any) -> None:
    node = trie
    for tok in tokens:
        node = node.setdefault(tok, {})
    node.setdefault(LEAF, []).append(item)


@dataclass(frozen=True)
class Pipeline:
    """Everything compiled once from the two data files."""

    table: SynonymTable
    rules: tuple[ContextRule, ...]
    target_trie: dict[str, Any]  # token trie of literals -> (entry index, exact-case tokens)
    target_regexes: tuple[Anchored, ...]
    ignore: list[re.Pattern[str]]
    #: `resolved_episode`: a sentence saying a past episode is over ("physio sorted it").
    resolved: list[re.Pattern[str]]
    #: `gone_now`: in a finding's own clause, it is over now ("has completely gone").
    gone_now: list[re.Pattern[str]]
    #: `halves`: a two-part fact's parts and their words (bladder, bowels).
    halves: dict[str, dict[str, re.Pattern[str]]]
    #: `half_turns`: words that turn a denial's sentence ("although", "but").
    half_turns: re.Pattern[str]
    #: `returned_episode`: after the words saying it was over, the episode is back ("now … again").
    returned: list[re.Pattern[str]]
    asides: list[re.Pattern[str]]
    #: A form label alone on its line ("Plantars:") whose value is on the next ("R up").
    label_line: re.Pattern[str]
    cue_trie: dict[str, Any]  # token trie of cue literals -> (rule index, None)
    cue_regexes: tuple[Anchored, ...]
    terminated_by: dict[str, frozenset[str]]
    vocabulary: dict[str, tuple[str, ...]]
    short_targets: tuple[str, ...]
    respellings: dict[str, str]
    respelling_guards: dict[str, re.Pattern[str]]
    #: `contractions`: a relative pronoun's or a finding's "'s" said in full ("that's gone" ->
    #: "that has", "bladder's fine" -> "bladder is").
    contractions: tuple[tuple[re.Pattern[str], str], ...]
    known_words: frozenset[str]
    groups: dict[str, str]
    order: dict[str, int]
    #: `genders`: relatives, patient words and pronouns by gender (the relative reader).
    genders: Genders
    #: `not_the_patient_asides`: a bracket after a relative saying they have no cancer;
    #: `clause_turns`: words that open another clause after such a bracket.
    not_the_patient_asides: tuple[re.Pattern[str], ...]
    clause_turns: frozenset[str]
    #: `sole_relative_predicate`: what follows a relative the message speaks of now;
    #: `not_sole_relative`: words that name another patient or an ill writer.
    sole_relative_predicate: re.Pattern[str]
    sole_relative_messenger: re.Pattern[str]
    sole_relative_departed: re.Pattern[str]
    #: `informant`: the words before a relative who only informs the writer ("I asked my mum").
    informant_before: re.Pattern[str]
    not_sole_relative: tuple[re.Pattern[str], ...]
    patient_before_relative: frozenset[str]
    sole_relative: SoleRelative
    # per entry: "finding" (a negation lists it across commas), "normal" (a normal finding of
    # a listed group, read on its own), "other" (a clause of its own: ends a negation list)
    listing: tuple[str, ...]
    #: Facts of the list groups (cord and pain symptoms): what a denial reads on through.
    symptoms: tuple[str, ...] = ()
    #: What a symptom written as its own denial ("no pain") reads on through: the symptoms,
    #: and a finding whose words also state a pain symptom ("no pain on moving" denies the
    #: pain associated with movement of 1.4.2 as well as the mechanical pain, round 79 b160).
    denied_through: tuple[str, ...] = ()
    #: `observations`: a measured abnormal finding ("4/5", "900 ml") no denial makes absent.
    observations: tuple[re.Pattern[str], ...] = ()
    #: `described_signs`: a sign in words that say what was found, which a list negation
    #: reaching it through other findings does not make absent.
    described: tuple[re.Pattern[str], ...] = ()
    build_seconds: float = 0.0


def _label_line(table: SynonymTable) -> re.Pattern[str]:
    """A line that is only a form label and its colon, the next line starting its value."""
    labels = "|".join(label for spec in table.labelled for label in spec.labels)
    return re.compile(
        rf"^([ \t]*(?:[-*\u2022][ \t]*)?(?:{labels})[ \t]*:[ \t]*)\n(?=[ \t]*[^\s:])",
        re.IGNORECASE | re.MULTILINE,
    )


def _build(table: SynonymTable, rule_set: ContextRuleSet) -> Pipeline:
    target_trie: dict[str, Any] = {}
    target_regexes: list[Anchored] = []
    words: set[str] = set()
    foreign: set[str] = set()  # read as written, never a typo's correction
    for idx, entry in enumerate(table.entries):
        flags = 0 if entry.case_sensitive else re.IGNORECASE
        for literal in entry.literals:
            toks = phrase_tokens(literal)
            exact = (
                tuple(m.group() for m in TOKEN.finditer(literal)) if entry.case_sensitive else None
            )
            _trie_add(target_trie, toks, (idx, exact))
            (foreign if entry.foreign else words).update(
                t for t in toks if t.isalpha() and len(t) >= FUZZY_MIN_LEN
            )
        target_regexes.extend(Anchored.of(compiled(p, flags), idx) for p in entry.patterns)
    cue_trie: dict[str, Any] = {}
    cue_regexes: list[Anchored] = []
    cue_words: set[str] = set()
    for idx, rule in enumerate(rule_set.context_rules):
        if rule.pattern is not None:
            cue_regexes.append(Anchored.of(compiled(rule.pattern, re.IGNORECASE), idx))
        else:
            toks = phrase_tokens(rule.literal)
            _trie_add(cue_trie, toks, (idx, None))
            cue_words.update(toks)
    vocabulary: dict[str, list[str]] = {}
    for word in sorted(words):
        vocabulary.setdefault(word[0], []).append(word)
    facts = catalogue()
    symptoms = tuple(name for name, f in facts.items() if f.group in table.list_groups)
    return Pipeline(
        table=table,
        rules=rule_set.context_rules,
        target_trie=target_trie,
        target_regexes=tuple(target_regexes),
        ignore=[re.compile(p, re.IGNORECASE) for p in table.ignore],
        resolved=[re.compile(p, re.IGNORECASE) for p in table.resolved_episode],
        gone_now=[re.compile(p, re.IGNORECASE) for p in table.gone_now],
        halves={
            fact: {half: re.compile(p, re.IGNORECASE) for half, p in parts.items()}
            for fact, parts in table.halves.items()
        },
        half_turns=re.compile(table.half_turns, re.IGNORECASE),
        returned=[re.compile(p, re.IGNORECASE) for p in table.returned_episode],
        asides=[re.compile(p, re.IGNORECASE | re.MULTILINE) for p in table.asides],
        label_line=_label_line(table),
        cue_trie=cue_trie,
        cue_regexes=tuple(cue_regexes),
        terminated_by={k: frozenset(v) for k, v in rule_set.terminating_types.items()},
        genders=rule_set.genders,
        not_the_patient_asides=tuple(
            re.compile(p, re.IGNORECASE) for p in rule_set.relative_asides.not_the_patient
        ),
        clause_turns=frozenset(rule_set.relative_asides.clause_turns),
        sole_relative_predicate=re.compile(rule_set.sole_relative.predicate, re.IGNORECASE),
        sole_relative_messenger=re.compile(rule_set.sole_relative.messenger, re.IGNORECASE),
        sole_relative_departed=re.compile(rule_set.sole_relative.departed, re.IGNORECASE),
        informant_before=re.compile(rf"(?:{rule_set.sole_relative.informant})\Z", re.IGNORECASE),
        patient_before_relative=frozenset(rule_set.sole_relative.patient_before),
        sole_relative=rule_set.sole_relative,
        not_sole_relative=tuple(
            re.compile(p, re.IGNORECASE) for p in rule_set.sole_relative.not_the_patient
        ),
        vocabulary={k: tuple(v) for k, v in vocabulary.items()},
        short_targets=tuple(table.short_typo_targets),
        respellings={k.lower(): v for k, v in table.respellings.items()},
        respelling_guards={
            k.lower(): re.compile(v, re.IGNORECASE) for k, v in table.respelling_guards.items()
        },
        contractions=tuple(
            (re.compile(p, re.IGNORECASE), verb) for p, verb in table.contractions.items()
        ),
        known_words=frozenset(words | foreign | cue_words | set(table.fuzzy_exclude)),
        groups={name: f.group for name, f in facts.items()},
        order={name: i for i, name in enumerate(facts)},
        listing=tuple(
            "other"
            if facts[e.fact].group not in table.list_groups
            else "finding"
            if e.value == "yes" and e.reader is None
            else "normal"
            for e in table.entries
        ),
        symptoms=symptoms,
        denied_through=_denied_through(table, facts, symptoms),
        observations=tuple(re.compile(p, re.IGNORECASE) for p in table.observations),
        described=tuple(re.compile(p, re.IGNORECASE) for p in table.described_signs),
    )


def _denied_through(
    table: SynonymTable, facts: Mapping[str, Any], symptoms: tuple[str, ...]
) -> tuple[str, ...]:
    """The list groups' facts (`symptoms`), and the facts of entries whose words also state
    a pain fact."""
    pains = {name for name, f in facts.items() if f.group == "pain"}
    stating = {
        e.fact for e in table.entries if pains & {a for a, v in e.also.items() if v == "yes"}
    }
    return (*symptoms, *sorted(stating - set(symptoms)))


@cache
def pipeline() -> Pipeline:
    """The compiled pipeline, built once per process from the data files."""
    started = time.perf_counter()
    built = _build(load_synonyms(), load_context_rules())
    return Pipeline(**{**built.__dict__, "build_seconds": time.perf_counter() - started})


def warm() -> float:
    """Build the pipeline now (not on the first message); seconds the build took."""
    return pipeline().build_seconds


# ----------------------------------------------------------------------------- typos


#: Words, and the arrow symbols clinicians write for "reduced" and "increased" ("↓ anal tone").
_RESPELLABLE = re.compile(rf"{WORD.pattern}|[↓↑]")


#: A word with its "'s" ("that's", "bladder's"): said in full where a pattern of
#: `Pipeline.contractions` reads it, left alone (a possessive) where none does.
_CONTRACTED = re.compile(r"\b[a-z]+['’]s\b", re.IGNORECASE)


def _expanded(m: re.Match[str], text: str, pipe: Pipeline) -> str | None:
    """The contraction at `m` said in full ("that has"), or None if no pattern reads it."""
    for rx, verb in pipe.contractions:
        found = rx.match(text, m.start())
        if found is not None and found.end() == m.end():
            return f"{m.group()[:-2]} {verb}"
    return None


def correct(text: str, pipe: Pipeline) -> tuple[str, list[tuple[int, int, int, int]], list[str]]:
    """Replace near-miss spellings of long vocabulary words ("dexamethazone"), and say a
    relative pronoun's "'s" in full ("cancer that's gone to my spine": "that has gone"), and a
    finding's ("bladder's fine": "bladder is fine")."""
    pieces, edits, notes, pos, shift = [], [], [], 0, 0
    for m in _tokens_to_correct(text):
        word = m.group()
        contracted = _CONTRACTED.fullmatch(word) is not None
        fixed, symbol = (_expanded(m, text, pipe), False) if contracted else _respelled(m, pipe)
        if fixed is None:
            continue
        pieces.append(text[pos : m.start()])
        c_start = m.start() + shift
        pieces.append(fixed)
        edits.append((c_start, c_start + len(fixed), m.start(), m.end()))
        shift += len(fixed) - len(word)
        pos = m.end()
        if not (symbol or contracted):
            notes.append(f"read {word!r} as {fixed!r}")
    if not edits:
        return text, [], []
    pieces.append(text[pos:])
    return "".join(pieces), edits, notes


def _respelled(m: re.Match[str], pipe: Pipeline) -> tuple[str | None, bool]:
    """A word's respelling or typo correction, or None; and whether it stood for a symbol."""
    word, text = m.group(), m.string
    fixed = pipe.respellings.get(word.lower())
    guard = pipe.respelling_guards.get(word.lower())
    if guard is not None and guard.match(text, m.end()):
        return None, False
    symbol = fixed is not None and not word.isalpha()
    if symbol:  # "↓sensation": a symbol read as a word stands apart from its neighbours
        before = m.start() > 0 and text[m.start() - 1].isalnum()
        after = m.end() < len(text) and text[m.end()].isalnum()
        return f"{' ' if before else ''}{fixed}{' ' if after else ''}", True
    if fixed is None and len(word) < SHORT_FUZZY_MIN_LEN:
        return None, False
    return fixed or _nearest(word.lower(), pipe), False


def _tokens_to_correct(text: str) -> list[re.Match[str]]:
    """The contractions and the words of a text, in order, none overlapping."""
    contracted = list(_CONTRACTED.finditer(text))
    taken = [(m.start(), m.end()) for m in contracted]
    words = [
        m for m in _RESPELLABLE.finditer(text) if not any(s <= m.start() < e for s, e in taken)
    ]
    return sorted([*contracted, *words], key=lambda m: m.start())


def _nearest(word: str, pipe: Pipeline) -> str | None:
    if word in pipe.known_words or word in pipe.short_targets or not word.isalpha():
        return None
    if len(word) < FUZZY_MIN_LEN:
        # A short word is corrected only to a listed clinical word ("clonnus" -> "clonus"),
        # a dropped last letter included ("upgoin" -> "upgoing", "numbnes" -> "numbness").
        return _nearest_cached(word, pipe.short_targets, truncations=True)
    return _nearest_cached(word, pipe.vocabulary.get(word[0], ()))


@lru_cache(maxsize=8192)
def _nearest_cached(
    word: str, candidates: tuple[str, ...], truncations: bool = False
) -> str | None:
    edits = 2 if len(word) >= FUZZY_TWO_EDITS else 1
    # Inflections are not typos: "significantly" is not a misspelling of "significant".
    close = [
        c
        for c in candidates
        if abs(len(c) - len(word)) <= edits
        and not (word.startswith(c) or (c.startswith(word) and not truncations))
    ]
    best = process.extractOne(word, close, scorer=OSA.distance, score_cutoff=edits)
    return None if best is None else best[0]
