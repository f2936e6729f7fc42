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
uncertainty/hypothetical/family categories, no cue to show as evidence, no per-cue scope. So this
module follows medspaCy's ConText semantics (Chapman et al.) over the same rule shape: cues scope
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

import json
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from rapidfuzz import process
from rapidfuzz.distance import OSA

from assistant.case import catalogue
from assistant.errors import InvalidInputError
from assistant.settings import DATA_DIR

SYNONYMS_FILE = DATA_DIR / "synonyms.json"
CONTEXT_RULES_FILE = DATA_DIR / "context_rules.json"

#: Longest message read; matches Settings.max_message_chars. Longer text is cut with a notice.
MAX_CHARS = 20_000
#: Words at least this long may be typo-corrected (one edit; two from FUZZY_TWO_EDITS letters).
FUZZY_MIN_LEN = 8
FUZZY_TWO_EDITS = 12
#: Thresholds from NG234: complete paralysis for 2 weeks or longer (1.10.4); recurrence at
#: least 3 months after initial radiotherapy (1.10.9, read as >= 90 days); oligometastases are
#: up to 3 discrete metastases (1.10.2).
PARALYSIS_DAYS = 14
RECURRENCE_DAYS = 90
OLIGO_MAX = 3
#: A stated prognosis shorter than this is poor ("prognosis of less than 3 months"); months to
#: years is not "too poor" for radiotherapy (1.10.4) and is read as good.
POOR_PROGNOSIS_DAYS = 90
#: A stated extent of spinal disease or treatment over this many vertebrae or more needs a
#: large radiotherapy field, a high risk of side effects (1.10.6): more than twice the usual
#: field of the involved vertebra and one either side. A project choice, not an NG234 number.
LARGE_FIELD_LEVELS = 7
#: Vertebral levels in order: C1-C7, T1-T12, L1-L5, S1-S5.
_LEVEL_BASE = {"c": 0, "t": 7, "th": 7, "l": 19, "s": 24}
_LEVEL = re.compile(r"\b(th|[ctls])\s?(\d{1,2})\b", re.IGNORECASE)
#: Durations without a count ("prognosis months", "a few weeks"): the unit decides.
_UNIT_ONLY_DAYS = {"day": 1, "week": 7, "wk": 7, "month": 180, "mth": 180, "mo": 180,
                   "year": 365, "yr": 365}  # fmt: skip

Status = Literal["asserted", "negated", "uncertain", "hypothetical", "family", "topic"]
Direction = Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"]
Reader = Literal[
    "sins", "power", "lesion_count", "paralysis_duration", "rt_interval", "recurrence",
    "pain_score", "tokuhashi", "prognosis", "level_span",
]  # fmt: skip

NEGATED, POSSIBLE, HYPOTHETICAL, FAMILY, HISTORICAL, QUESTION = (
    "NEGATED_EXISTENCE",
    "POSSIBLE_EXISTENCE",
    "HYPOTHETICAL",
    "FAMILY",
    "HISTORICAL",
    "QUESTION",
)
_MODAL = frozenset({NEGATED, POSSIBLE, HYPOTHETICAL, FAMILY, QUESTION})
#: Cues inside a pattern match that still modify it ("pain does not radiate down the leg").
_INNER = frozenset({NEGATED, POSSIBLE})
#: Values a plain mention asserts when it reports a finding (not an absence or a judgement).
_POSITIVE = frozenset({"yes", "confirmed"})
_DEFINE = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


# ----------------------------------------------------------------------------- data files


def _compiles(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc


class ContextRule(BaseModel):
    """One ConText cue, in the shape of medspaCy's ConTextRule JSON."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    literal: str = Field(min_length=1, description="Phrase matched on tokens, or the rule name.")
    category: str = Field(pattern=r"^[A-Z_]+$", description="NEGATED_EXISTENCE, FAMILY, ...")
    direction: Direction = "BIDIRECTIONAL"
    pattern: str | None = Field(None, description="Regex matched instead of the literal.")
    max_scope: int | None = Field(None, ge=1, description="Scope in tokens; default the clause.")
    allowed_types: tuple[str, ...] | None = Field(None, description="Facts it may modify.")
    excluded_types: tuple[str, ...] | None = Field(None, description="Facts it may not modify.")
    metadata: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _check(self) -> ContextRule:
        if self.pattern is not None:
            _compiles(self.pattern)
        if self.allowed_types is not None and self.excluded_types is not None:
            raise ValueError(f"cue {self.literal!r}: allowed_types or excluded_types, not both")
        return self


class ContextRuleSet(BaseModel):
    """The validated contents of context_rules.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = ""
    terminating_types: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="Category -> categories that end its scope."
    )
    context_rules: tuple[ContextRule, ...]

    @model_validator(mode="after")
    def _unique(self) -> ContextRuleSet:
        seen: set[tuple[str, str, str]] = set()
        for rule in self.context_rules:
            key = (rule.literal, rule.category, rule.direction)
            if key in seen:
                raise ValueError(f"duplicate cue {key}")
            seen.add(key)
        return self


class Synonym(BaseModel):
    """Phrases that mention one fact, and what a plain, negated or hedged mention means."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fact: str
    value: str = Field(description="Value of a plain (asserted) mention: yes/no or an option.")
    literals: tuple[str, ...] = Field((), description="Token phrases, case-insensitive.")
    patterns: tuple[str, ...] = Field(
        (), description="Regexes; (?-i:...) for case-sensitive parts."
    )
    case_sensitive: bool = False
    also: dict[str, str] = Field(default_factory=dict, description="Facts asserted with it.")
    assumes: dict[str, str] = Field(
        default_factory=dict,
        description="Facts a global statement covers without naming them ('neuro intact': no "
        "gait disturbance): used only where neither the message nor the case says otherwise, "
        "and always shown to the user as a reading to correct.",
    )
    when_negated: dict[str, str] | None = Field(
        None, description="Facts set when negated; default: a tri 'yes' becomes 'no'."
    )
    when_uncertain: dict[str, str] = Field(
        default_factory=dict, description="Facts set when hedged (else listed as uncertain)."
    )
    masks: tuple[str, ...] = Field((), description="Facts whose mentions inside this one drop.")
    inner_cues: bool = Field(
        True,
        description="A negation or doubt cue inside a pattern match modifies the match; "
        "false when the pattern's own words carry that meaning ('not MRI safe').",
    )
    reader: Reader | None = Field(None, description="Numeric reader applied to the match.")
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Synonym:
        if not self.literals and not self.patterns:
            raise ValueError(f"{self.fact}={self.value}: needs literals or patterns")
        flags = 0 if self.case_sensitive else re.IGNORECASE
        for pattern in self.patterns:
            compiled = _compiles(pattern, flags)
            if self.reader is not None and not {"n", "body", "fn"} & set(compiled.groupindex):
                raise ValueError(f"{self.fact}: reader {self.reader} needs a named group")
        if self.reader not in (None, "recurrence") and self.literals:
            raise ValueError(f"{self.fact}: reader {self.reader} takes patterns only")
        return self

    def negated_facts(self) -> dict[str, str]:
        """Facts a negated mention sets."""
        if self.when_negated is not None:
            return dict(self.when_negated)
        spec = catalogue()[self.fact]
        return {self.fact: "no"} if spec.type == "tri" and self.value == "yes" else {}


class SynonymTable(BaseModel):
    """The validated contents of synonyms.json, checked against facts.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    note: str = ""
    defines: dict[str, str] = Field(
        default_factory=dict,
        description="Named sub-patterns; '{NAME}' in a pattern or ignore regex is replaced.",
    )
    list_groups: tuple[str, ...] = Field(
        (),
        description="Fact groups whose findings a negation reads as a list across commas "
        "('no weakness, numbness, retention'); any other mention after a comma ends it.",
    )
    precedence: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    ignore: tuple[str, ...] = Field((), description="Regexes of spans that are never facts.")
    fuzzy_exclude: tuple[str, ...] = Field((), description="Words never typo-corrected.")
    entries: tuple[Synonym, ...]

    @model_validator(mode="before")
    @classmethod
    def _expand_defines(cls, raw: Any) -> Any:
        """Replace '{NAME}' in every regex by its definition (definitions may nest)."""
        if not isinstance(raw, dict) or not isinstance(raw.get("defines"), dict):
            return raw
        defines: dict[str, str] = raw["defines"]

        def expand(pattern: Any, depth: int = 0) -> Any:
            if not isinstance(pattern, str) or depth > 5:
                return pattern

            def one(m: re.Match[str]) -> str:
                if m.group(1) not in defines:
                    raise ValueError(f"pattern {pattern!r} uses undefined {{{m.group(1)}}}")
                return f"(?:{expand(defines[m.group(1)], depth + 1)})"

            return _DEFINE.sub(one, pattern)

        entries = [
            {**e, "patterns": [expand(p) for p in e.get("patterns", ())]}
            if isinstance(e, dict)
            else e
            for e in raw.get("entries", ())
        ]
        return {**raw, "entries": entries, "ignore": [expand(p) for p in raw.get("ignore", ())]}

    @model_validator(mode="after")
    def _against_catalogue(self) -> SynonymTable:
        facts = catalogue()

        def check(name: str, value: str, where: str) -> None:
            if name not in facts:
                raise ValueError(f"{where}: unknown fact {name!r}")
            if value not in facts[name].values or value == "unknown":
                raise ValueError(f"{where}: {value!r} is not a value of {name}")

        for e in self.entries:
            where = f"entry {e.fact}={e.value}"
            check(e.fact, e.value, where)
            for extra in (e.also, e.when_negated or {}, e.when_uncertain):
                for name, value in extra.items():
                    check(name, value, where)
            for name in e.masks:
                if name not in facts:
                    raise ValueError(f"{where}: masks unknown fact {name!r}")
        for name, order in self.precedence.items():
            for value in order:
                check(name, value, f"precedence of {name}")
        for pattern in self.ignore:
            _compiles(pattern)
        groups = {f.group for f in facts.values()}
        for group in self.list_groups:
            if group not in groups:
                raise ValueError(f"list_groups: unknown fact group {group!r}")
        return self


def _load(path: Path, model: type[BaseModel]) -> Any:
    try:
        return model.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, ValidationError) as exc:
        raise InvalidInputError(
            f"{path.name} is invalid: {exc}", hint=f"Fix {path} (it is validated on load)."
        ) from exc


def load_synonyms(path: Path = SYNONYMS_FILE) -> SynonymTable:
    """Read and validate a synonyms file."""
    return _load(path, SynonymTable)


def load_context_rules(path: Path = CONTEXT_RULES_FILE) -> ContextRuleSet:
    """Read and validate a ConText rules file."""
    return _load(path, ContextRuleSet)


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


# ----------------------------------------------------------------------------- text


_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+(?:'[^\W\d_]+)*|\S")
_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^<>\n]{0,200}>")
#: A quotation mark: " anywhere, ' not inside a word ("can't" keeps its apostrophe).
_QUOTE_MARK = re.compile(r"\"|(?<![^\W\d_])'|'(?![^\W\d_])")
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
)
_SAME_LENGTH = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u00a0": " ", "\t": " ",
     "\u201c": '"', "\u201d": '"', "\uff1f": "?", "\u2044": "/"}
)  # fmt: skip
_CLAUSE_PUNCT = frozenset({",", ":", "(", ")", "[", "]"})
_LIST_WORDS = frozenset({",", "and", "or", "nor", "/", "&", "+"})
#: Words that may stand between a list word and the next item ("X or another Y").
_LIST_FILLERS = frozenset({"a", "an", "another", "other", "any", "the"})
#: Words that close a list, so a negation before its first comma reads through it (H02).
_LIST_CLOSERS = frozenset({"or", "nor"})
#: The doubt a negation leaves on a finding it reaches only across a bare comma (H02).
_LIST_DOUBT = ContextRule(
    literal="negation carried across a comma", category=POSSIBLE, direction="FORWARD"
)
_CUE_PUNCT = frozenset({":", "-"})  # "weakness: nil", "concern re: MSCC" keep their scope
_SENTENCE_END = frozenset({".", "!", ";", "|", "\u2022", "\u00b7"})
_CONTINUATION = frozenset({",", "and", "or", "nor", "of", "with", "to", "-", "/", "&", "the", "a"})
# fmt: off
_ABBREVIATIONS = frozenset({
    "pt", "dr", "mr", "mrs", "ms", "approx", "vs", "etc", "fig", "st", "incl", "inc", "eg", "ie",
    "esp", "nb", "cf", "wrt", "re", "co", "prn", "bd", "od", "tds", "qds", "mg", "yr", "yrs",
})
_HEADERS = frozenset({
    "neuro", "neurology", "neurological", "o/e", "oe", "exam", "examination", "pmh", "pmhx", "hpc",
    "pc", "dh", "dhx", "sh", "shx", "fh", "fhx", "imaging", "mri", "ct", "plan", "impression",
    "imp", "bladder", "bowels", "bowel", "b&b", "bo", "pu", "power", "sensation", "tone",
    "reflexes", "gait", "pain", "analgesia", "meds", "medications", "social", "background",
    "diagnosis", "dx", "ddx", "issues", "summary", "obs", "bloods", "assessment", "hx", "history",
    "mobility", "ix", "mx", "a/p", "ps", "ecog", "sins", "prognosis", "oncology", "onc", "surgery",
    "rt", "radiotherapy", "update", "pr", "saddle", "plantars",
})
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
}
_UNIT_DAYS = {
    "d": 1, "day": 1, "w": 7, "wk": 7, "week": 7, "fortnight": 14, "mo": 30, "mth": 30,
    "month": 30, "y": 365, "yr": 365, "year": 365,
}
# fmt: on
_FRACTION_DAYS = {"7": 1, "52": 7, "12": 30}  # UK notation: 3/7 days, 2/52 weeks, 3/12 months


def _clean(text: str) -> str:
    """Same-length cleanup so offsets stay valid: control chars, tags, curly and quote marks."""
    text = text.translate(_SAME_LENGTH).replace("\r\n", " \n").replace("\r", "\n")
    text = _INVISIBLE.sub(" ", text)
    text = _QUOTE_MARK.sub(" ", text)  # says L leg 'feels heavy': quoted words are words
    return _TAG.sub(lambda m: " " * len(m.group()), text)


@dataclass(frozen=True)
class _Text:
    """Corrected text, its tokens and sentences, and a map back to the original offsets."""

    text: str
    starts: list[int]
    ends: list[int]
    lower: list[str]
    sent_of: list[int]
    sents: list[tuple[int, int]]
    edits: list[tuple[int, int, int, int]]  # corrected start/end, original start/end

    def original(self, i: int) -> int:
        """Offset in the original text of offset i in the corrected text."""
        k = bisect_right(self.edits, (i, 1 << 62)) - 1
        if k < 0:
            return i
        c_start, c_end, o_start, o_end = self.edits[k]
        if i >= c_end:
            return o_end + (i - c_end)
        return min(o_start + (i - c_start), o_end)

    def span(self, start_tok: int, end_tok: int) -> tuple[int, int]:
        """Original character offsets of a token span."""
        return self.original(self.starts[start_tok]), self.original(self.ends[end_tok - 1])

    def tokens_of(self, char_start: int, char_end: int) -> tuple[int, int]:
        """The token span covering a character span (expanded to whole tokens)."""
        return bisect_right(self.ends, char_start), bisect_left(self.starts, char_end)


def _tokenize(text: str) -> tuple[list[int], list[int], list[str]]:
    starts, ends, lower = [], [], []
    for m in _TOKEN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
        lower.append(m.group().lower())
    return starts, ends, lower


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in _TOKEN.finditer(phrase))


def _sentences(text: str, starts: list[int], ends: list[int], lower: list[str]) -> list[int]:
    """Sentence index of each token: ends at . ! ; newlines, questions and 'Header:' labels."""
    n = len(lower)
    breaks = [False] * n  # breaks[i]: a sentence starts at token i
    line_start = 0
    for i in range(n - 1):
        tok, gap = lower[i], text[ends[i] : starts[i + 1]]
        full_stop = tok in _SENTENCE_END and (
            tok != "." or not (len(lower[i - 1]) == 1 or lower[i - 1] in _ABBREVIATIONS)
        )
        question = tok == "?" and gap and text[starts[i + 1]].isupper() and lower[i - 1].isalnum()
        if full_stop or (i and question):
            breaks[i + 1] = True
        if "\n" in gap:
            wrapped = starts[i + 1] - line_start >= 60 and text[starts[i + 1]].islower()
            if gap.count("\n") > 1 or not (tok in _CONTINUATION or wrapped):
                breaks[i + 1] = True
            line_start = starts[i + 1]
        if lower[i + 1] == ":" and i > 0:
            # "Neuro: ... Bladder: retention": a header label starts a new sentence.
            chunk = text.rfind(" ", 0, starts[i + 1]) + 1
            chunk = max(chunk, text.rfind("\n", 0, starts[i + 1]) + 1)
            label = text[chunk : starts[i + 1]]
            first = bisect_left(starts, chunk)
            # Only a label that opens a line or sentence, or is capitalised ("... Bladder:"),
            # not the end of a phrase ("radicular pain: none").
            if (
                label.lower() in _HEADERS
                and first > 0
                and (
                    label[0].isupper()
                    or "\n" in text[ends[first - 1] : chunk]
                    or lower[first - 1] in _SENTENCE_END
                    or lower[first - 1] == ","
                )
            ):
                breaks[first] = True
    sent_of, current = [], 0
    for i in range(n):
        if breaks[i] and i:
            current += 1
        sent_of.append(current)
    return sent_of


# ----------------------------------------------------------------------------- pipeline


_LEAF = ""  # trie key holding the phrases that end at a node (no token is empty)


def _trie_add(trie: dict[str, Any], tokens: tuple[str, ...], item: Any) -> None:
    node = trie
    for tok in tokens:
        node = node.setdefault(tok, {})
    node.setdefault(_LEAF, []).append(item)


@dataclass(frozen=True)
class _Pipeline:
    """Everything compiled once from the two data files."""

    table: SynonymTable
    rules: tuple[ContextRule, ...]
    target_trie: dict[str, Any]  # token trie of literals -> (entry index, exact-case tokens)
    target_regexes: list[tuple[re.Pattern[str], int]]
    ignore: list[re.Pattern[str]]
    cue_trie: dict[str, Any]  # token trie of cue literals -> (rule index, None)
    cue_regexes: list[tuple[re.Pattern[str], int]]
    terminated_by: dict[str, frozenset[str]]
    vocabulary: dict[str, tuple[str, ...]]
    known_words: frozenset[str]
    groups: dict[str, str]
    order: dict[str, int]
    # per entry: "finding" (a negation lists it across commas), "normal" (a normal finding of
    # a listed group, read on its own), "other" (a clause of its own: ends a negation list)
    listing: tuple[str, ...]
    build_seconds: float = 0.0


#: Contractions typed without the apostrophe ("cant feel legs", "doesnt radiate").
_NO_APOSTROPHE = {
    w.replace("'", ""): w
    for w in ("can't", "don't", "doesn't", "didn't", "isn't", "wasn't", "won't", "couldn't",
              "wouldn't", "aren't", "hasn't", "haven't", "shouldn't", "weren't", "hadn't")
}  # fmt: skip


def _apostrophe_optional(pattern: str) -> str:
    """Let a pattern's "n't" also match a contraction typed without its apostrophe."""
    return pattern.replace("n't", "n'?t")


def _build(table: SynonymTable, rule_set: ContextRuleSet) -> _Pipeline:
    target_trie: dict[str, Any] = {}
    target_regexes: list[tuple[re.Pattern[str], int]] = []
    words: set[str] = set()
    for idx, entry in enumerate(table.entries):
        flags = 0 if entry.case_sensitive else re.IGNORECASE
        for literal in entry.literals:
            toks = _phrase_tokens(literal)
            exact = (
                tuple(m.group() for m in _TOKEN.finditer(literal)) if entry.case_sensitive else None
            )
            _trie_add(target_trie, toks, (idx, exact))
            words.update(t for t in toks if t.isalpha() and len(t) >= FUZZY_MIN_LEN)
        target_regexes.extend(
            (re.compile(_apostrophe_optional(p), flags), idx) for p in entry.patterns
        )
    cue_trie: dict[str, Any] = {}
    cue_regexes: list[tuple[re.Pattern[str], int]] = []
    cue_words: set[str] = set()
    for idx, rule in enumerate(rule_set.context_rules):
        if rule.pattern is not None:
            cue_regexes.append((re.compile(_apostrophe_optional(rule.pattern), re.IGNORECASE), idx))
        else:
            toks = _phrase_tokens(rule.literal)
            _trie_add(cue_trie, toks, (idx, None))
            cue_words.update(toks)
    vocabulary: dict[str, list[str]] = {}
    for word in sorted(words):
        vocabulary.setdefault(word[0], []).append(word)
    facts = catalogue()
    return _Pipeline(
        table=table,
        rules=rule_set.context_rules,
        target_trie=target_trie,
        target_regexes=target_regexes,
        ignore=[re.compile(p, re.IGNORECASE) for p in table.ignore],
        cue_trie=cue_trie,
        cue_regexes=cue_regexes,
        terminated_by={k: frozenset(v) for k, v in rule_set.terminating_types.items()},
        vocabulary={k: tuple(v) for k, v in vocabulary.items()},
        known_words=frozenset(words | cue_words | set(table.fuzzy_exclude)),
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
    )


@cache
def pipeline() -> _Pipeline:
    """The compiled pipeline, built once per process from the data files."""
    started = time.perf_counter()
    built = _build(load_synonyms(), load_context_rules())
    return _Pipeline(**{**built.__dict__, "build_seconds": time.perf_counter() - started})


def warm() -> float:
    """Build the pipeline now (not on the first message); seconds the build took."""
    return pipeline().build_seconds


# ----------------------------------------------------------------------------- typos


def _correct(text: str, pipe: _Pipeline) -> tuple[str, list[tuple[int, int, int, int]], list[str]]:
    """Replace near-miss spellings of long vocabulary words ("dexamethazone")."""
    pieces, edits, notes, pos, shift = [], [], [], 0, 0
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) < FUZZY_MIN_LEN:
            continue
        fixed = _nearest(word.lower(), pipe)
        if fixed is None:
            continue
        pieces.append(text[pos : m.start()])
        c_start = m.start() + shift
        pieces.append(fixed)
        edits.append((c_start, c_start + len(fixed), m.start(), m.end()))
        shift += len(fixed) - len(word)
        pos = m.end()
        notes.append(f"read {word!r} as {fixed!r}")
    if not edits:
        return text, [], []
    pieces.append(text[pos:])
    return "".join(pieces), edits, notes


def _nearest(word: str, pipe: _Pipeline) -> str | None:
    if word in pipe.known_words:
        return None
    return _nearest_cached(word, pipe.vocabulary.get(word[0], ()))


@lru_cache(maxsize=8192)
def _nearest_cached(word: str, candidates: tuple[str, ...]) -> str | None:
    edits = 2 if len(word) >= FUZZY_TWO_EDITS else 1
    # Inflections are not typos: "significantly" is not a misspelling of "significant".
    close = [
        c
        for c in candidates
        if abs(len(c) - len(word)) <= edits and not (c.startswith(word) or word.startswith(c))
    ]
    best = process.extractOne(word, close, scorer=OSA.distance, score_cutoff=edits)
    return None if best is None else best[0]


# ----------------------------------------------------------------------------- matching


@dataclass
class _Cue:
    start: int
    end: int
    rule: ContextRule
    scope_start: int = 0
    scope_end: int = 0
    hard_start: int = 0
    hard_end: int = 0


@dataclass
class _Mention:
    start: int  # token indices, end exclusive
    end: int
    entry: int
    match: re.Match[str] | None = None
    inner: _Cue | None = None  # a negation/doubt cue inside a pattern match that modifies it


def _trie_matches(doc: _Text, trie: dict[str, Any]) -> list[tuple[int, int, Any]]:
    """Every phrase of the trie found in the tokens: (start, end, item)."""
    found = []
    lower, n = doc.lower, len(doc.lower)
    for i in range(n):
        node, j = trie.get(lower[i]), i + 1
        while node is not None:
            for item in node.get(_LEAF, ()):
                exact = item[1]
                if exact is None or all(
                    doc.text[doc.starts[i + k] : doc.ends[i + k]] == exact[k] for k in range(j - i)
                ):
                    found.append((i, j, item[0]))
            node = node.get(lower[j]) if j < n else None
            j += 1
    return found


def _regex_matches(doc: _Text, regexes: list[tuple[re.Pattern[str], int]]):
    for regex, idx in regexes:
        for m in regex.finditer(doc.text):
            start, end = doc.tokens_of(m.start(), m.end())
            if end > start:
                yield start, end, idx, m


def _targets(doc: _Text, pipe: _Pipeline) -> list[_Mention]:
    entries, n = pipe.table.entries, len(doc.lower)
    mentions = [_Mention(s, e, idx) for s, e, idx in _trie_matches(doc, pipe.target_trie)]
    mentions += [
        _Mention(s, e, idx, m) for s, e, idx, m in _regex_matches(doc, pipe.target_regexes)
    ]
    blocked = bytearray(n)
    for regex in pipe.ignore:
        for m in regex.finditer(doc.text):
            s, e = doc.tokens_of(m.start(), m.end())
            blocked[s:e] = b"\x01" * max(0, e - s)
    mentions = [m for m in mentions if 1 not in blocked[m.start : m.end]]
    # Same fact, overlapping: the longest mention wins ("no cord compression on MRI" over
    # "cord compression"), then the earliest, then the entry listed first.
    mentions.sort(key=lambda m: (-(m.end - m.start), m.start, m.entry))
    taken: dict[str, bytearray] = {}
    kept: list[_Mention] = []
    for m in mentions:
        occupied = taken.setdefault(entries[m.entry].fact, bytearray(n))
        if 1 not in occupied[m.start : m.end]:
            occupied[m.start : m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
    # A mention may mask other facts' mentions inside it ("saddle numbness" is not just numbness).
    reach: dict[str, list[int]] = {}
    spans: set[tuple[str, int, int]] = set()
    for k in kept:
        for fact in entries[k.entry].masks:
            row = reach.setdefault(fact, [0] * n)
            spans.add((fact, k.start, k.end))
            for t in range(k.start, k.end):
                row[t] = max(row[t], k.end)

    def masked(m: _Mention) -> bool:
        fact = entries[m.entry].fact
        row = reach.get(fact)
        return row is not None and row[m.start] >= m.end and (fact, m.start, m.end) not in spans

    return sorted((m for m in kept if not masked(m)), key=lambda m: (m.start, m.end, m.entry))


def _cues(doc: _Text, pipe: _Pipeline) -> list[tuple[int, int, int]]:
    """Cue matches after medspaCy's pruning: (start, end, rule index)."""
    n = len(doc.lower)
    raw = _trie_matches(doc, pipe.cue_trie)
    raw += [(s, e, idx) for s, e, idx, _ in _regex_matches(doc, pipe.cue_regexes)]
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
    return sorted(kept)


def _apart(
    mentions: list[_Mention], raw: list[tuple[int, int, int]], doc: _Text, pipe: _Pipeline
) -> tuple[list[_Mention], list[_Cue]]:
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
    if modal:
        starts = [c[0] for c in modal]
        for m in mentions:
            for cs, ce, direction, reach in modal[
                bisect_left(starts, m.start) : bisect_left(starts, m.end)
            ]:
                if ce > m.end:
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
        m.inner = _inner_cue(m, inside, pipe)
    cues = []
    for s, e, idx in raw:
        if covered[s]:
            continue  # starts inside a finding: part of it
        end = covered.find(1, s, e)
        if end == -1:
            cues.append(_Cue(s, e, pipe.rules[idx]))
            continue
        # A cue running into a finding keeps the part before it only if that part is a cue of
        # its own ("no new | new weakness" -> "no"); "is not | not fit for surgery" -> "is" is
        # not, and the finding has taken the negation in.
        shorter = _cue_at(pipe, doc.lower[s:end], pipe.rules[idx].category)
        if shorter is not None:
            cues.append(_Cue(s, end, pipe.rules[shorter]))
    return mentions, cues


def _cue_at(pipe: _Pipeline, tokens: list[str], category: str) -> int | None:
    """The rule index of a cue literal that is exactly these tokens, in this category."""
    node: dict[str, Any] | None = pipe.cue_trie
    for tok in tokens:
        node = node.get(tok) if node is not None else None
    if not node:
        return None
    found = [item[0] for item in node.get(_LEAF, ()) if item[1] is None]
    same = [idx for idx in found if pipe.rules[idx].category == category]
    return same[0] if same else None


def _inner_cue(m: _Mention, inside: list[tuple[int, int, int]], pipe: _Pipeline) -> _Cue | None:
    """The negation or doubt cue a regex match spans, which then modifies the match itself.

    Patterns leave room for a few words ("pain ... radiates down the leg"), and those words
    may be "does not" or "probably": the match is then negated or hedged by that cue, not
    asserted. Only a forward cue with words of the match after it counts ("pain resolved"
    is not a negated match). Literals are written whole ("not walking"), so their cues are
    their meaning, and so are patterns marked inner_cues=false ("not MRI safe").
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
            and _allows(rule, entry.fact)
        ):
            return _Cue(s, e, rule)
    return None


# ----------------------------------------------------------------------------- ConText


def _scope(cues: list[_Cue], doc: _Text, pipe: _Pipeline) -> None:
    """Set each cue's scope: its clause, cut short by terminators, then its max_scope window."""
    by_sentence: dict[int, list[_Cue]] = {}
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
            if rule.direction == "FORWARD":
                cue.hard_start = cue.end
            elif rule.direction == "BACKWARD":
                cue.hard_end = cue.start
            if rule.direction == "TERMINATE":
                continue
            # medspaCy limit_scope: a later (earlier) terminator, cue of the same category or of
            # a category in terminating_types ends a forward (backward) scope.
            keys = {"TERMINATE", rule.category, *pipe.terminated_by.get(rule.category, ())}
            for key in keys & starts.keys():
                if rule.direction in ("FORWARD", "BIDIRECTIONAL"):
                    k = bisect_right(starts[key], cue.start)
                    if k < len(starts[key]):
                        cue.hard_end = min(cue.hard_end, max(starts[key][k], cue.end))
                if rule.direction in ("BACKWARD", "BIDIRECTIONAL"):
                    k = bisect_left(ends[key], cue.end) - 1
                    if key == "TERMINATE" and k >= 0 and ends[key][k] == cue.start:
                        k -= 1  # a dash right before the cue labels it: "weakness - none"
                    if k >= 0:
                        cue.hard_start = max(cue.hard_start, min(ends[key][k], cue.start))
            _window(cue, doc)


def _window(cue: _Cue, doc: _Text) -> None:
    """Apply max_scope: a short window that also stops at clause punctuation."""
    cue.scope_start, cue.scope_end = cue.hard_start, cue.hard_end
    n = cue.rule.max_scope
    if n is None:
        return
    if cue.rule.direction in ("FORWARD", "BIDIRECTIONAL"):
        end = min(cue.hard_end, cue.end + n)
        first = cue.end + (cue.end < end and doc.lower[cue.end] in _CUE_PUNCT)  # "concern re: X"
        for i in range(first, end):
            if doc.lower[i] in _CLAUSE_PUNCT or _ends_question(doc, i):
                end = i
                break
        cue.scope_end = max(end, cue.end) if cue.rule.direction == "FORWARD" else end
    if cue.rule.direction in ("BACKWARD", "BIDIRECTIONAL"):
        start = max(cue.hard_start, cue.start - n)
        last = cue.start - 1 - (cue.start > start and doc.lower[cue.start - 1] in _CUE_PUNCT)
        for i in range(last, start - 1, -1):
            if doc.lower[i] in _CLAUSE_PUNCT or _ends_question(doc, i):
                start = i + 1
                break
        cue.scope_start = start


def _ends_question(doc: _Text, i: int) -> bool:
    """A '?' written against the word before it ends a question ("mets?"), not "?mets"."""
    return doc.lower[i] == "?" and i > 0 and doc.starts[i] == doc.ends[i - 1]


@dataclass(frozen=True)
class _Index:
    """Mentions by start and end token, for scope look-ups."""

    mentions: list[_Mention]
    starts: list[int]
    by_start: dict[int, list[_Mention]]
    by_end: dict[int, list[_Mention]]

    @classmethod
    def of(cls, mentions: list[_Mention]) -> _Index:
        by_start: dict[int, list[_Mention]] = {}
        by_end: dict[int, list[_Mention]] = {}
        for m in mentions:
            by_start.setdefault(m.start, []).append(m)
            by_end.setdefault(m.end, []).append(m)
        return cls(mentions, [m.start for m in mentions], by_start, by_end)

    def starting_in(self, start: int, end: int) -> range:
        """Indices of mentions that start in [start, end)."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))


def _extend_over_lists(cue: _Cue, index: _Index, doc: _Text, pipe: _Pipeline) -> set[int]:
    """Widen a windowed scope over a coordinated list of findings ("X, Y or Z denied").

    Returns the starts of the mentions it reached only across a bare comma in a list that is
    neither closed by "or"/"nor" nor three findings long ("not incontinent, weak legs"): those
    are read as not known, not as negated (hazard H02).
    """
    entries = pipe.table.entries
    inside = [index.mentions[k] for k in index.starting_in(cue.scope_start, cue.scope_end)]
    if not inside:
        return set()
    steps: list[tuple[list[str], list[_Mention]]] = []
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
    closed = _closes_list(doc, cue.scope_start, cue.scope_end)
    if closed or len(index.starting_in(cue.scope_start, cue.scope_end)) >= 3:
        return set()
    return {m.start for saw, added in steps if set(saw) == {","} for m in added}


def _closes_list(doc: _Text, start: int, end: int) -> bool:
    """An "or"/"nor" among these tokens closes a list, so a negation reads through it (H02)."""
    return any(doc.lower[i] in _LIST_CLOSERS for i in range(start, end))


def _coordinated(seps: list[str], fact: str, others: list[_Mention], pipe: _Pipeline) -> bool:
    """'and'/'or'/'/' join any findings; a bare comma only joins listable findings of one group."""
    if any(s != "," for s in seps):
        return True
    group = pipe.groups.get(fact)
    return any(
        pipe.listing[m.entry] == "finding"
        and pipe.groups.get(pipe.table.entries[m.entry].fact) == group
        for m in others
    )


def _end_list(cue: _Cue, index: _Index, doc: _Text, pipe: _Pipeline) -> tuple[set[int], set[int]]:
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
    punct = next((i for i in range(cue.end, cue.scope_end) if doc.lower[i] in _CLAUSE_PUNCT), None)
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
    carried: set[int] = set()
    for k in index.starting_in(punct + 1, cue.scope_end):
        kind = pipe.listing[index.mentions[k].entry]
        if kind == "other":
            cue.scope_end = index.mentions[k].start
            break
        if kind == "normal":
            skipped.add(k)
        else:
            carried.add(k)
    if carried and not _confirmed_list(cue, punct, carried, index, doc, pipe):
        unsure = carried
    return skipped, unsure


def _confirmed_list(
    cue: _Cue, punct: int, carried: set[int], index: _Index, doc: _Text, pipe: _Pipeline
) -> bool:
    """Whether findings past a negation's first comma are plainly items of its list.

    Closed by "or"/"nor" ("no weakness, numbness or retention"), or a run of at least three
    findings ("denies weakness, numbness, incontinence"). "No back pain, weak legs", "no
    retention, tingling in toes" or "no MSCC, weak legs" are not (H02).
    """
    if _closes_list(doc, punct + 1, cue.scope_end):
        return True
    head = any(
        pipe.listing[index.mentions[k].entry] == "finding"
        for k in index.starting_in(cue.end, punct)
    )
    return head and len(carried) >= 2


def _own_question_marks(cues: list[_Cue], doc: _Text) -> list[_Cue]:
    """Drop the closing '?' of a wh-question: it marks the question, not a doubt.

    "What should I do for my patient with weak legs?": the question cue already scopes the
    topic words, and a patient named in the question ends that scope, so the final '?' must not
    hedge the findings before it the way it hedges a fragment ("weak legs?").
    """
    asked = {doc.sent_of[c.start] for c in cues if c.rule.category == QUESTION}
    return [
        c
        for c in cues
        if not (
            c.rule.category == POSSIBLE
            and c.rule.direction == "BACKWARD"
            and doc.lower[c.start] == "?"
            and doc.sent_of[c.start] in asked
        )
    ]


def _allows(rule: ContextRule, fact: str) -> bool:
    if rule.allowed_types is not None:
        return fact in rule.allowed_types
    return rule.excluded_types is None or fact not in rule.excluded_types


def _modifiers(cues: list[_Cue], mentions: list[_Mention], doc: _Text, pipe: _Pipeline):
    """The cues that modify each mention (a mention is modified if it starts in the scope)."""
    _scope(cues, doc, pipe)
    index = _Index.of(mentions)
    entries = pipe.table.entries
    found: list[list[_Cue]] = [[] for _ in mentions]
    for cue in cues:
        if cue.rule.direction in ("TERMINATE", "PSEUDO"):
            continue
        skipped: set[int] = set()
        unsure: set[int] = set()
        if cue.rule.max_scope is not None:
            reached = _extend_over_lists(cue, index, doc, pipe)
            if cue.rule.category == NEGATED and reached:
                span = index.starting_in(cue.scope_start, cue.scope_end)
                unsure = {k for k in span if mentions[k].start in reached}
        else:
            skipped, unsure = _end_list(cue, index, doc, pipe)
        doubt = replace(cue, rule=_LIST_DOUBT) if unsure else cue
        for k in index.starting_in(cue.scope_start, cue.scope_end):
            if k in unsure and mentions[k].inner is not None:
                continue  # its own cue decides: "pain doesn't radiate"
            if k not in skipped and _allows(cue.rule, entries[mentions[k].entry].fact):
                found[k].append(doubt if k in unsure else cue)
    for k, m in enumerate(mentions):
        if m.inner is not None:
            found[k].append(m.inner)
    return found


# ----------------------------------------------------------------------------- values


@dataclass
class _Reading:
    """The facts one mention sets, before mentions are merged."""

    values: dict[str, str]
    number: float | None = None
    notice: str | None = None
    days: int | None = None


def _count(raw: str | None) -> int | None:
    if raw is None:
        return None
    raw = re.sub(r"\s+", " ", raw.lower().strip())
    return int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)


def _days(m: re.Match[str]) -> int | None:
    groups = m.groupdict()
    if groups.get("fn") and groups.get("fd"):
        return int(groups["fn"]) * _FRACTION_DAYS[groups["fd"]]
    n = _count(groups.get("n"))
    per = _UNIT_DAYS.get((groups.get("unit") or "").lower().rstrip("s"))
    return None if n is None or per is None else n * per


def _read_sins(m: re.Match[str], e: Synonym) -> _Reading:
    n = int(m.group("n"))
    if n > 18:
        return _Reading({}, n, f"SINS {n} is outside 0-18; not read.")
    value = "none" if n <= 6 else "suspected" if n <= 12 else "confirmed"
    return _Reading({e.fact: value}, n)


def _read_power(m: re.Match[str], e: Synonym) -> _Reading:
    body = m.group("body")
    grades = re.findall(r"([0-5])\s*([+-]?)\s*/\s*5" if "/" in body else r"([0-5])([+-]?)", body)
    if not grades:
        return _Reading({})
    weak = any(g != "5" or sign == "-" for g, sign in grades)
    values = {e.fact: "yes" if weak else "no"}
    lowest = min(int(g) for g, _ in grades)
    if weak and lowest >= 1:
        values["complete_paralysis"] = "no"  # movement against gravity or more: not complete
    return _Reading(values, lowest)


def _read_lesions(m: re.Match[str], e: Synonym) -> _Reading:
    n = _count(m.group("n"))
    if n is None or n == 0:
        return _Reading({})
    return _Reading({e.fact: "yes" if n <= OLIGO_MAX else "no"}, n)


def _read_paralysis(m: re.Match[str], e: Synonym) -> _Reading:
    days = _days(m)
    values = {e.fact: e.value, **e.also}
    if days is None:
        return _Reading(values, notice="Paralysis mentioned but its duration was not read.")
    values["paralysis_2_weeks"] = "yes" if days >= PARALYSIS_DAYS else "no"
    return _Reading(values, days, days=days)


def _read_rt(m: re.Match[str], e: Synonym) -> _Reading:
    days = _days(m)
    return _Reading({e.fact: e.value}, days, days=days)


def _read_recurrence(m: re.Match[str] | None, e: Synonym) -> _Reading:
    days = _days(m) if m is not None else None
    if days is None:
        return _Reading({}, days=None)  # resolved later against an 'RT n months ago' mention
    return _Reading({e.fact: "yes" if days >= RECURRENCE_DAYS else "no"}, days, days=days)


def _read_pain_score(m: re.Match[str], e: Synonym) -> _Reading:
    n = int(m.group("n"))
    if n > 10:
        return _Reading({}, n)
    return _Reading({e.fact: "yes" if n >= 7 else "no"}, n)


def _read_prognosis(m: re.Match[str], e: Synonym) -> _Reading:
    days = _days(m)
    if days is None:
        days = _UNIT_ONLY_DAYS.get((m.groupdict().get("unit") or "").lower().rstrip("s"))
    if days is None:
        return _Reading({})
    return _Reading({e.fact: "poor" if days < POOR_PROGNOSIS_DAYS else "good"}, days, days=days)


def _read_level_span(m: re.Match[str], e: Synonym) -> _Reading:
    levels = [_LEVEL_BASE[a.lower()] + int(n) for a, n in _LEVEL.findall(m.group("body"))]
    if len(levels) < 2:
        return _Reading({})
    span = max(levels) - min(levels) + 1
    return _Reading({e.fact: "yes"} if span >= LARGE_FIELD_LEVELS else {}, span)


def _read_tokuhashi(m: re.Match[str], e: Synonym) -> _Reading:
    n = int(m.group("n"))
    if n > 15:
        return _Reading({}, n, f"Tokuhashi {n} is outside 0-15; not read.")
    if 9 <= n <= 11:
        return _Reading({}, n, f"Tokuhashi {n} (9-11) suggests 6-12 months; prognosis not set.")
    return _Reading({e.fact: "poor" if n <= 8 else "good"}, n)


_READERS: dict[str, Callable[[re.Match[str], Synonym], _Reading]] = {
    "sins": _read_sins,
    "power": _read_power,
    "lesion_count": _read_lesions,
    "paralysis_duration": _read_paralysis,
    "rt_interval": _read_rt,
    "recurrence": _read_recurrence,
    "pain_score": _read_pain_score,
    "tokuhashi": _read_tokuhashi,
    "prognosis": _read_prognosis,
    "level_span": _read_level_span,
}

# When one mention has several modifiers, the first category here decides its status.
_STATUS_ORDER: tuple[tuple[str, Status], ...] = (
    (FAMILY, "family"),
    (HYPOTHETICAL, "hypothetical"),
    (QUESTION, "topic"),  # "what symptoms suggest MSCC?" names a concept, not the patient
    (POSSIBLE, "uncertain"),
    (NEGATED, "negated"),
)


def _status(cues: list[_Cue], mention: _Mention) -> tuple[Status, _Cue | None]:
    def nearest(found: list[_Cue]) -> _Cue:
        return min(found, key=lambda c: min(abs(c.start - mention.end), abs(mention.start - c.end)))

    for category, status in _STATUS_ORDER:
        found = [c for c in cues if c.rule.category == category]
        if found:
            return status, nearest(found)
    history = [c for c in cues if c.rule.category == HISTORICAL]
    return "asserted", nearest(history) if history else None


def _reading(entry: Synonym, mention: _Mention, status: Status) -> _Reading:
    if status == "negated":
        return _Reading(entry.negated_facts())
    if status == "uncertain":
        return _Reading(dict(entry.when_uncertain))
    if status != "asserted":
        return _Reading({})
    if entry.reader == "recurrence":
        return _read_recurrence(mention.match, entry)
    if entry.reader is not None:
        return _READERS[entry.reader](mention.match, entry) if mention.match else _Reading({})
    return _Reading({entry.fact: entry.value, **entry.also})


def _cue_text(doc: _Text, cue: _Cue | None, original: str) -> str | None:
    if cue is None:
        return None
    start, end = doc.span(cue.start, cue.end)
    return original[start:end]


def _resolve(
    candidates: dict[str, list[str]], pipe: _Pipeline, notices: list[str]
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


# ----------------------------------------------------------------------------- entry point


def extract(text: str, *, limit: int = MAX_CHARS) -> Extraction:
    """Read the case facts a free-text message asserts, hedges or negates."""
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
    original = _clean(text)
    corrected, edits, corrections = _correct(original, pipe)
    if corrections:
        shown = "; ".join(corrections[:5])
        more = f" and {len(corrections) - 5} more" if len(corrections) > 5 else ""
        notices.append(f"Possible typos: {shown}{more}.")
    starts, ends, lower = _tokenize(corrected)
    lower = [_NO_APOSTROPHE.get(t, t) for t in lower]
    sent_of = _sentences(corrected, starts, ends, lower)
    sents: list[tuple[int, int]] = []
    for i, sid in enumerate(sent_of):
        if sid == len(sents):
            sents.append((i, i + 1))
        else:
            sents[sid] = (sents[sid][0], i + 1)
    doc = _Text(corrected, starts, ends, lower, sent_of, sents, edits)

    mentions, cues = _apart(_targets(doc, pipe), _cues(doc, pipe), doc, pipe)
    modifiers = _modifiers(_own_question_marks(cues, doc), mentions, doc, pipe)

    entries = pipe.table.entries
    evidence: list[Evidence] = []
    candidates: dict[str, list[str]] = {}
    uncertain: list[str] = []
    topics: list[str] = []
    rt_days: list[int] = []
    pending_recurrence: list[Evidence] = []
    doubted: list[str] = []  # findings a negation reached only across a bare comma (H02)
    assumed: dict[str, tuple[str, str]] = {}  # fact -> (value, words) from global statements
    for mention, mods in zip(mentions, modifiers, strict=True):
        entry = entries[mention.entry]
        status, cue = _status(mods, mention)
        reading = _reading(entry, mention, status)
        start, end = doc.span(mention.start, mention.end)
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
            uncertain.append(entry.fact)
        if status == "asserted":
            for name, value in entry.assumes.items():
                assumed.setdefault(name, (value, original[start:end]))
        if cue is not None and cue.rule is _LIST_DOUBT:
            doubted.append(entry.fact)
            notices.append(
                f"'{base['text']}' follows '{base['cue']} …,' with no 'or' closing a list: "
                "read as not known rather than absent. Please say whether it is present."
            )
        if status == "topic":
            topics.append(entry.fact)
        if not reading.values:
            item = Evidence(fact=entry.fact, value=None, **base)
            evidence.append(item)
            if entry.reader == "recurrence" and status == "asserted":
                pending_recurrence.append(item)
            continue
        for name, value in reading.values.items():
            implied = name != entry.fact
            evidence.append(Evidence(fact=name, value=value, implied=implied, **base))
            candidates.setdefault(name, []).append(value)

    for item in pending_recurrence:
        # 1.10.9 counts from the initial radiotherapy: use the longest interval mentioned.
        if rt_days:
            days = max(rt_days)
            value = "yes" if days >= RECURRENCE_DAYS else "no"
            evidence.append(item.model_copy(update={"value": value, "number": days}))
            candidates.setdefault(item.fact, []).append(value)
        else:
            uncertain.append(item.fact)

    facts = _resolve(candidates, pipe, notices)
    for name in dict.fromkeys(doubted):
        if facts.get(name) == "no":  # a doubt outweighs an absence: ask (H02)
            del facts[name]
    evidence.sort(key=lambda ev: (ev.start, ev.end, pipe.order.get(ev.fact, 1 << 30), ev.implied))
    hedged = tuple(dict.fromkeys(name for name in uncertain if name not in facts))
    named = tuple(dict.fromkeys(n for n in topics if n not in facts and n not in hedged))
    covered = {
        name: pair
        for name, pair in assumed.items()
        if name not in facts and name not in hedged and name not in doubted
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
    )
