"""The reading vocabulary as data: synonyms.json and context_rules.json, validated on load.

`synonyms.json` says, per fact, which literals and patterns mention it and what a plain, negated
or hedged mention means; `context_rules.json` holds the ConText cues in the shape of medspaCy's
ConTextRule JSON. Both are checked against facts.json when they are read.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.case import catalogue
from assistant.errors import InvalidInputError
from assistant.settings import DATA_DIR

SYNONYMS_FILE = DATA_DIR / "synonyms.json"
CONTEXT_RULES_FILE = DATA_DIR / "context_rules.json"

Direction = Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"]
Reader = Literal[
    "sins", "power", "lesion_count", "paralysis_duration", "rt_interval", "recurrence",
    "pain_score", "tokuhashi", "prognosis", "level_span", "pain_rise", "measure_fall",
]  # fmt: skip

NEGATED, POSSIBLE, HYPOTHETICAL, FAMILY, HISTORICAL, QUESTION = (
    "NEGATED_EXISTENCE",
    "POSSIBLE_EXISTENCE",
    "HYPOTHETICAL",
    "FAMILY",
    "HISTORICAL",
    "QUESTION",
)
_DEFINE = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


# ----------------------------------------------------------------------------- data files


def apostrophe_optional(pattern: str) -> str:
    """Let a pattern's "n't" also match a contraction typed without its apostrophe."""
    return pattern.replace("n't", "n'?t")


@cache
def compiled(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A vocabulary pattern as the reader matches it ("n't" or "nt"), compiled once: the data
    files' validation and the pipeline's build share it, so no pattern is compiled twice."""
    return re.compile(apostrophe_optional(pattern), flags)


def _compiles(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return compiled(pattern, flags)
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
    #: Notes, and keys the reader uses: "terminable" (false: only TERMINATE cues end its scope),
    #: "governs" ("first finding"), "long_ago" and "past_if_resolved" (DATED cues: see the
    #: properties of those names), "baseline", "writer_is_patient" and "dates_as_past" (see
    #: those properties).
    metadata: dict[str, Any] | None = None

    @property
    def terminable(self) -> bool:
        """False (metadata "terminable": false): only TERMINATE cues end its scope, not the
        categories of terminating_types (a backward cue naming whose finding it was: 'the leg
        weakness in the notes is her husband's')."""
        return bool((self.metadata or {}).get("terminable", True))

    @property
    def long_ago(self) -> bool:
        """A DATED cue always months or years back (metadata "long_ago": a year, "last
        year", "back then"): a finding it dates, said to be over, is a past episode."""
        return bool((self.metadata or {}).get("long_ago"))

    @property
    def past_if_resolved(self) -> bool:
        """A DATED cue of unknown distance (metadata "past_if_resolved": "in January"): it
        dates only an episode its sentence says is over, and never an exclusion."""
        return bool((self.metadata or {}).get("past_if_resolved"))

    @property
    def dates_as_past(self) -> frozenset[str]:
        """Facts a DATED cue of unknown distance dates as past whatever its sentence says
        (metadata "dates_as_past": a treatment given "in January" was given then, and the
        compression it treated is history: 'MSCC at L1 treated with radiotherapy in January')."""
        return frozenset((self.metadata or {}).get("dates_as_past", ()))

    @property
    def baseline(self) -> bool:
        """A cue of a usual or lifelong state (metadata "baseline": "has always been",
        "normally"): a denial in its sentence is about before, not now."""
        return bool((self.metadata or {}).get("baseline"))

    @property
    def beside_patient_relative(self) -> bool:
        """A FAMILY cue of a relative word that counts only where the message (or the case) is
        about another relative: "asking about my nan … my grandad has numb feet"."""
        return bool((self.metadata or {}).get("beside_patient_relative"))

    @property
    def writer_is_patient(self) -> bool:
        """A FAMILY cue that matches only where the writer speaks of their own illness ("I
        have myeloma … My husband …"): no he or she of its sentence is the patient's."""
        return bool((self.metadata or {}).get("writer_is_patient"))

    @model_validator(mode="after")
    def _check(self) -> ContextRule:
        if self.pattern is not None:
            _compiles(self.pattern)
        if self.allowed_types is not None and self.excluded_types is not None:
            raise ValueError(f"cue {self.literal!r}: allowed_types or excluded_types, not both")
        return self


class Gender(BaseModel):
    """The words of one gender the relative reader uses (context_rules.json, `genders`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sex_letter: str = Field(pattern="^[mf]$", description="The letter after an age ('81F').")
    relatives: frozenset[str] = Field(
        frozenset(), description="Relatives of this gender ('husband')."
    )
    patient_words: frozenset[str] = Field(
        frozenset(), description="A title or noun that gives the patient this gender ('Mrs')."
    )
    pronouns: frozenset[str] = Field(frozenset(), description="Its pronouns ('he', 'his').")


class Genders(BaseModel):
    """Relatives and patient words by gender (context_rules.json, `genders`). Without them a
    relative's pronoun is never told from the patient's: the finding stays the patient's."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    note: str = ""
    male: Gender = Gender(sex_letter="m")
    female: Gender = Gender(sex_letter="f")


class RelativeAsides(BaseModel):
    """What a bracket after a relative says of them (context_rules.json, `relative_asides`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    note: str = ""
    #: An aside that says the relative has no cancer ("(no cancer)", "(never had cancer)"):
    #: that relative is not the patient, and the bracket does not end their clause.
    not_the_patient: tuple[str, ...] = ()
    #: Words that open another clause after the bracket ("but", "whereas").
    clause_turns: tuple[str, ...] = ()


class SoleRelative(BaseModel):
    """When the one relative a message speaks of is the patient (context_rules.json,
    `sole_relative`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    note: str = ""
    #: What follows the relative's word when the message speaks of them now ("has", "can't",
    #: "is", "w/ melanoma"), read from the end of the word.
    predicate: str = r"(?!)"
    #: Words anywhere in the message that name someone else as the patient ("the patient",
    #: "68M") or the writer as ill ("I have", "my legs"): the relative is then not the patient.
    not_the_patient: tuple[str, ...] = ()
    #: Words before the relative is first named that show the message is already about a
    #: patient ("Known prostate ca, back pain. Wife has MS"): the relative is then someone else.
    patient_before: tuple[str, ...] = ()
    #: A relative named bare is the patient only in a familiar word ("grandma", "dad") or with
    #: a cancer said right after ("brother w melanoma"): "Brother has sciatica" is history.
    familiar: tuple[str, ...] = ()
    cancer_words: tuple[str, ...] = ()
    #: How many words after the relative a cancer word may stand.
    cancer_reach: int = 8
    #: How many words must follow that cancer word: more said of the relative than it.
    said_after: int = 3
    #: What follows a relative who only brings the news ("my husband called from the
    #: hospital", "my sister rang"): the messenger is neither the patient nor a second
    #: relative beside the one the message is about.
    messenger: str = r"(?!)"
    #: People the writer knows who are not relatives ("my friend", "my neighbour"): like a
    #: relative, the patient when the message speaks of them only ("my mums friend pat has
    #: breast cancer thats spread 2 her spine … shes draggin her right foot", round 56).
    others: tuple[str, ...] = ()
    #: What the writer did with a relative who only informs them, right before the relative's
    #: word ("I ask my mother and it is not prostate, it is kidney cancer"): that relative is
    #: no relative cue; what follows is still about the patient.
    informant: str = r"(?!)"
    #: A relative the message says has died ("My grandmother had a stroke years ago and
    #: died", rf64-175), in a sentence naming no other relative: family history, never the
    #: patient, so no second relative beside the one the message speaks of now.
    departed: str = r"(?!)"


class ContextRuleSet(BaseModel):
    """The validated contents of context_rules.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = ""
    terminating_types: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="Category -> categories that end its scope."
    )
    genders: Genders = Genders()
    relative_asides: RelativeAsides = RelativeAsides()
    sole_relative: SoleRelative = SoleRelative()
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
    when_past_episode: dict[str, str] | None = Field(
        None,
        description="Facts set when the mention is of a past episode ('previous MSCC', 'MSCC "
        "in 2022', 'MSCC 2 years ago'): a past MSCC is spinal metastases, not the current MSCC.",
    )
    requires: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Facts the same message must also read, with the values allowed, for this "
        "entry's reading to stand ('no pain, no neuro signs' is asymptomatic spinal "
        "metastases only in a message that names spinal metastases).",
    )
    unless: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Facts which, read in the same message (or recorded in the case) with "
        "these values, make this entry's reading not stand ('she's lost weight' suspects a "
        "cancer only where none is diagnosed).",
    )
    considered: bool = Field(
        False,
        description="The fact is that something is being considered: a plan, an 'if' or a "
        "hedge about it ('plan: then autologous SCT', '?for RT') still means it is.",
    )
    masks: tuple[str, ...] = Field((), description="Facts whose mentions inside this one drop.")
    inner_cues: bool = Field(
        True,
        description="A negation or doubt cue inside a pattern match modifies the match; "
        "false when the pattern's own words carry that meaning ('not MRI safe').",
    )
    reader: Reader | None = Field(None, description="Numeric reader applied to the match.")
    foreign: bool = Field(
        False,
        description="Words of another language said inside an English message ('dolor de "
        "espalda'): read as written and never typo-corrected, but never a target of the typo "
        "correction either ('retension' is 'retention', not 'retencion').",
    )
    implies: bool = Field(
        False,
        description="The words imply the fact rather than say it ('mets' imply a cancer): a "
        "fact in stated_over_implied said in its own words outweighs them.",
    )
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Synonym:
        if not self.literals and not self.patterns:
            raise ValueError(f"{self.fact}={self.value}: needs literals or patterns")
        flags = 0 if self.case_sensitive else re.IGNORECASE
        for pattern in self.patterns:
            compiled = _compiles(pattern, flags)
            # a recurrence read without its interval is dated against the radiotherapy's
            # ("the same pain … came back", like the literal "pain came back")
            if self.reader not in (None, "recurrence") and not {"n", "body", "fn", "a", "m1"} & set(
                compiled.groupindex
            ):
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


class Labelled(BaseModel):
    """Findings written as 'Label: value' ("Legs: weak", "Sens: ↓ L foot", "PU: nil 12h").

    Each value list becomes one generated entry whose pattern reads a label, an optional
    separator (':', '-', '=' or nothing), optional side or degree words, then the value.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    fact: str
    labels: tuple[str, ...] = Field(min_length=1, description="Label words, as regexes.")
    values: dict[str, tuple[str, ...]] = Field(
        description="Fact value -> value words (regexes) that mean it after the label."
    )
    note: str | None = None


#: Words allowed between a label and its value: sides and degrees ("Power: L mildly reduced").
_LABEL_QUALIFIERS = (
    r"(?:(?:l|r|lt|rt|left|right|both|bilat(?:eral(?:ly)?)?|b/l|bl|mildly|slightly|very|v|"
    r"markedly|grossly|globally|now|still|a\s+bit|quite|all|generally|so|really|extremely|"
    r"clearly|definitely|much|noticeably|obviously|"
    # the reflex the value is of ("Reflexes: knees brisk", rf75-036)
    r"knees?|ankles?|biceps|triceps|supinators?)"
    # a side given its own dash ("Legs:\n  R - weak", rf64-253)
    r"(?:\s*[-\u2013\u2014:]\s*|\s+))*"
)


#: A normal said of one side, then the other side given something else ("Plantars: R flexor,
#: L equivocal", rf75-036): the normal speaks for its side only, so it denies nothing.
_OTHER_SIDE_OTHERWISE = (
    r"(?!\s*[,;/]\s*(?:l|r|lt|rt|left|right)\s*[:\-]?\s*(?!(?:{values})\b)[^\s,;])"
)


_ONE_SIDE_FIRST = (
    r"(?:(?:l|r|lt|rt|left|right)\s*[:\-]?\s*[\w/]+\s*[,;/]\s*(?=(?:l|r|lt|rt|left|right)\b))?"
)


#: A form's question mark between a label and its finding ("Wkness? - YES L leg").
_FORM_QUESTION = r"(?:\s*\?+)?"


def labelled_pattern(spec: Labelled, words: tuple[str, ...], normal: bool = False) -> str:
    """The regex of one label/value list: label, separator, qualifiers, then a value. A normal
    value (`normal`) is not read when the other side is then given otherwise."""
    labels = "|".join(spec.labels)
    values = "|".join(words)
    tail = _OTHER_SIDE_OTHERWISE.format(values=values) if normal else ""
    # a finding given for one side after the other side's ("Sensation: L normal, R reduced")
    other_side = "" if normal else _ONE_SIDE_FIRST
    return (
        # "NSCLC/T7 met/plantars ↑": a slash list item is a label; "o/e" or "c/o" is not.
        rf"(?<!\w)(?<!\b[a-zA-Z]/)(?:(?:l|r|left|right|both|bilat)\s+)?(?:{labels})"
        # a form's question and its finding ("Wkness? - YES L leg", "Q4 Walking? Unable", rf80);
        # a normal after a question mark ("Weak legs? No.") is left asked (round 41)
        f"{'' if normal else _FORM_QUESTION}"
        # how the value was found ("Sensation on testing: reduced", rf60-246)
        r"(?:\s+(?:on\s+(?:testing|exam(?:ination)?|assessment)|when\s+tested|tested))?"
        # "knee jerks are very brisk" (rf64-094): a copula stands for the colon, past tense too
        # in an examination written up ("power was reduced at 4 out of 5", rf66-023)
        rf"\s*(?:[:=\-\u2013\u2014]\s*|(?<=[\w?])\s+(?:(?:is|are|was|were)\s+)?|(?<=\w)(?=[\u2191\u2193]))"
        rf"{other_side}{_LABEL_QUALIFIERS}(?:{values})(?![\w]){tail}"
    )


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
    stated_over_implied: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Fact -> the findings whose implication of it a value said otherwise "
        "outweighs ('no prior cancer diagnosis. CT shows spinal metastases': no diagnosis of "
        "cancer before, whatever the metastases imply; a named cancer, 'has myeloma', still "
        "states one). Entries marked `implies` ('mets') count as such findings too.",
    )
    ignore: tuple[str, ...] = Field((), description="Regexes of spans that are never facts.")
    fuzzy_exclude: tuple[str, ...] = Field((), description="Words never typo-corrected.")
    short_typo_targets: tuple[str, ...] = Field(
        (),
        description="Shorter clinical words (5-7 letters) a one-edit typo is corrected to "
        "('upgoin' -> 'upgoing', 'clonnus' -> 'clonus'); longer vocabulary words are corrected "
        "anyway. Only these, so that an ordinary short word is never turned into a finding.",
    )
    respellings: dict[str, str] = Field(
        default_factory=dict,
        description="Text-speak and dropped-g spellings read as the word they stand for "
        "('nite' -> 'night', 'gettin' -> 'getting'): whole words, any case, before the typo "
        "correction and whatever their length.",
    )
    respelling_guards: dict[str, str] = Field(
        {},
        description="A respelling's word -> a regex of what, right after it, keeps it as "
        "written: 'pas' is 'pass' ('cant pas urine') but not in French ('pas de faiblesse').",
    )
    contractions: dict[str, str] = Field(
        default_factory=dict,
        description="A relative pronoun's \"'s\" said in full, before the patterns read it: "
        "regex (matching the pronoun and its \"'s\") -> the verb it stands for ('that's "
        "gone to my spine' -> 'that has gone', 'that's progressively worse' -> 'that is'). "
        "The first pattern that matches wins.",
    )
    resolved_episode: tuple[str, ...] = Field(
        (),
        description="Regexes saying a past episode is over ('physio sorted it', 'fully "
        "recovered', 'fine ever since'): a cord red flag dated in the past in a sentence that "
        "says so is history, not a finding now (the patient is asked about it now).",
    )
    gone_now: tuple[str, ...] = Field(
        (),
        description="Regexes saying, in the present perfect, that a finding is over now ('has "
        "completely gone', 'have resolved'): said in the finding's own clause after it ('the "
        "leg numbness she had back then has completely gone'), it governs that very mention, "
        "so the dated episode's finding is recorded absent now instead of asked. Said anywhere "
        "else ('numb toes in 2019, physio sorted it') the episode is history and asked.",
    )
    halves: dict[str, dict[str, str]] = Field(
        {},
        description="A fact that names two things in one ('bladder_bowel_dysfunction': the "
        "bladder and the bowels) -> each half's name -> a regex of its words. A denial that "
        "names one half only ('No bladder problems') does not deny the other when the message "
        "speaks of that other half outside every denial ('Her bowels, on the other hand, she "
        "hasn't been able to control'): the fact is asked, never absent (H02).",
    )
    half_turns: str = Field(
        r"$^",
        description="A regex of the words that turn a sentence against its denial ('although', "
        "'but', 'though', 'however'): past one, in a denial's own sentence, a half of a "
        "two-part fact (`halves`) named outside every denial is spoken of again ('Not "
        "incontinent, although she has had to strain … to start passing urine'): the fact is "
        "asked, never absent (H02).",
    )
    returned_episode: tuple[str, ...] = Field(
        (),
        description="Regexes saying an episode that was over is back ('now weak again', 'but "
        "now numb again', 'it has come back'): after the words saying it was over, in the same "
        "sentence, the finding is current, not history.",
    )
    asides: tuple[str, ...] = Field(
        (),
        description="Regexes of a discourse marker set inside a clause after its subject "
        "('Legs, though, are weaker'; 'her legs on the other hand buckled'). The named group "
        "'aside' is blanked (same length, offsets kept) so the subject and its predicate read "
        "as one phrase. Each pattern must refuse a negation before the aside in its clause, so "
        "a blanked marker never lets a denial reach past where it ended.",
    )
    observations: tuple[str, ...] = Field(
        (),
        description="Regexes of a measured abnormal finding ('4/5', 'grade 3', '900 ml', "
        "'1.2 L'): a red-flag mention whose own words carry one is a record of what was found, "
        "so a denial before it ('Denies numbness, weakness 4/5 in right leg'; 'No saddle "
        "anaesthesia, retention of 900 ml') never makes it absent. Doubt and other people "
        "still apply.",
    )
    described_signs: tuple[str, ...] = Field(
        (),
        description="Regexes of a finding whose own words say what was found ('upgoing "
        "plantars', 'brisk reflexes', 'clonus at both ankles', 'sensory level T6', 'numb to "
        "the umbilicus'): a negation that reaches it only through a list of other findings "
        "('No incontinence, upgoing plantars, brisk reflexes') does not make it absent; a "
        "denial standing straight before it ('no upgoing plantars') still does.",
    )
    entries: tuple[Synonym, ...]
    labelled: tuple[Labelled, ...] = Field(
        (),
        description="'Label: value' findings; each value list is compiled into an entry "
        "appended after `entries`.",
    )

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
        # a label's value words may name a define too ('{FORM_NO}', shared by a checklist's
        # labels)
        labelled = [
            {**s, "values": {v: [expand(w) for w in ws] for v, ws in s.get("values", {}).items()}}
            if isinstance(s, dict)
            else s
            for s in raw.get("labelled", ())
        ]
        for spec in labelled:
            spec = Labelled.model_validate(spec)
            entries.extend(
                {
                    "fact": spec.fact,
                    "value": value,
                    "patterns": [labelled_pattern(spec, words, normal=value == "no")],
                    "inner_cues": False,  # "Walking - not managing": the value's own words
                    "note": f"generated from labelled: {', '.join(spec.labels[:3])} ...",
                }
                for value, words in spec.values.items()
            )
        return {
            **raw,
            "entries": entries,
            "labelled": labelled,
            "ignore": [expand(p) for p in raw.get("ignore", ())],
        }

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
            for extra in (
                e.also,
                e.when_negated or {},
                e.when_uncertain,
                e.when_past_episode or {},
            ):
                for name, value in extra.items():
                    check(name, value, where)
            for name in e.masks:
                if name not in facts:
                    raise ValueError(f"{where}: masks unknown fact {name!r}")
        for name, order in self.precedence.items():
            for value in order:
                check(name, value, f"precedence of {name}")
        for name, by in self.stated_over_implied.items():
            for fact in (name, *by):
                if fact not in facts:
                    raise ValueError(f"stated_over_implied: unknown fact {fact!r}")
        for pattern in self.ignore:
            _compiles(pattern)
        groups = {f.group for f in facts.values()}
        for group in self.list_groups:
            if group not in groups:
                raise ValueError(f"list_groups: unknown fact group {group!r}")
        return self


def load_validated(path: Path, model: type[BaseModel]) -> Any:
    """A JSON data file validated by `model`; an invalid file raises InvalidInputError."""
    try:
        return model.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, ValidationError) as exc:
        raise InvalidInputError(
            f"{path.name} is invalid: {exc}", hint=f"Fix {path} (it is validated on load)."
        ) from exc


def load_synonyms(path: Path = SYNONYMS_FILE) -> SynonymTable:
    """Read and validate a synonyms file."""
    return load_validated(path, SynonymTable)


def load_context_rules(path: Path = CONTEXT_RULES_FILE) -> ContextRuleSet:
    """Read and validate a ConText rules file."""
    return load_validated(path, ContextRuleSet)
