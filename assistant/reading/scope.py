"""Is a message NG234's business? Anchors, other-domain terms and retrieval, as data.

A refusal must never hide an MSCC question, so anything that names the spinal domain, or a
case that pairs cancer with a Box 1 symptom, is in scope whatever the similarity says; a
message naming another condition with no spinal anchor is out; a Box 1 cord symptom with no
other condition named is in (the cancer history may come in the next message), and so is one
the semantic net finds in words the lexicon lacks; otherwise
retrieval decides
(threshold calibrated on the dev sets, see docs/BENCHMARKS.md). One exception comes first: a
message that says there is no cancer and names a non-malignant cause (a disc prolapse, trauma,
infection) is out even with spinal words, because NG234 covers spinal metastases and MSCC only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from functools import cache, lru_cache

from pydantic import BaseModel, ConfigDict, field_validator

from assistant.case import catalogue
from assistant.reading.pipeline import correct, pipeline
from assistant.rules.tables import facts_through, load_definitions
from assistant.settings import DATA_DIR

SCOPE_FILE = DATA_DIR / "scope.json"


class ScopeVocabulary(BaseModel):
    """The validated contents of scope.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    comment: str = ""
    anchor_terms: tuple[str, ...]
    anchor_patterns: tuple[str, ...]
    anchor_facts: tuple[str, ...]
    #: Anchor terms that are symptoms, not the spine itself: denied in their own clause ("no
    #: back pain"), they do not name the spinal domain.
    deniable_anchor_terms: tuple[str, ...] = ()
    cancer_facts: tuple[str, ...]
    red_flag_facts: tuple[str, ...]
    other_domain_terms: tuple[str, ...]
    #: What, said right after an other-domain term, makes it no condition of the patient's:
    #: where the writer works ("Stroke ward doctor. 77F … new weakness in both legs", round 60
    #: fu57-016) and a normal result of a test named by its site ("MRI brain normal", "CT head
    #: clear"). Matched at the term's end.
    other_domain_not_after: tuple[str, ...] = ()
    other_domain_sites: tuple[str, ...]
    non_malignant_causes: tuple[str, ...] = ()
    #: A benign tumour of the spine ("spinal meningioma … compressing the cord"): not NG234's,
    #: unless a cancer is named as well.
    benign_spinal_tumours: tuple[str, ...] = ()
    #: A cancer named in the writer's own words (not one read from "compressing the cord"):
    #: beside a benign tumour, the message may still be about a cancer.
    cancer_named_patterns: tuple[str, ...] = ()
    child_patterns: tuple[str, ...] = ()
    adult_patterns: tuple[str, ...] = ()
    child_informant_patterns: tuple[str, ...] = ()
    outside_topics: tuple[str, ...] = ()
    #: Outside topics that a term list cannot hold because their words come apart ("on 60 mg
    #: oral morphine a day, we want to switch to oral oxycodone", round 80 sc77-002; "under
    #: the NICE suspected cancer guideline, which patients …", sc77-049).
    outside_topic_patterns: tuple[str, ...] = ()
    #: Words just before an outside topic, in its clause, that deny it ("no history of
    #: diabetes or B12 deficiency", "not a disc prolapse"): the topic is then not named.
    outside_denials: tuple[str, ...] = ()
    #: Not a person's clinical care at all (an animal, a writing task): refused whatever
    #: else the message names ("my dog has bone cancer in his spine").
    never_ng234: tuple[str, ...] = ()
    #: Whole-word forms of never_ng234's ('in a cat', not 'in a Cat B prison', round 46).
    never_ng234_patterns: tuple[str, ...] = ()
    #: A person the writer names as theirs ("my uncle's CT suggests lymphoma"): an animal in
    #: never_ng234_patterns beside them is a comparison ("In dogs we'd reach for pred").
    human_patient_patterns: tuple[str, ...] = ()
    #: A follow-up marked as not about the case ("unrelated, but …").
    unrelated_patterns: tuple[str, ...] = ()
    #: A follow-up about the patient of the case ("what if he's diabetic?", "her AF").
    own_patient_patterns: tuple[str, ...] = ()
    #: Any word for the patient being discussed ("she also has a UTI", "give him"): an aside
    #: that names the patient is a follow-up on the case, even when it is refused.
    patient_reference_patterns: tuple[str, ...] = ()
    #: Another person the message names ("her sister's 47"): its pronouns may be theirs.
    other_person_patterns: tuple[str, ...] = ()
    #: A message asking whether NG234 applies ("NICE spinal mets guidance relevant at all?"):
    #: answered with what NG234 says (1.3.1) even when it names a non-malignant cause.
    asks_ng234_patterns: tuple[str, ...] = ()
    #: NG234's own care in its own words ("training for carers in manual handling, braces,
    #: wheelchairs" (1.2.10), "supportive care … pressure sores" (1.12.5)): answered from
    #: NG234 even when no population is named and a word of it is also an outside topic.
    ng234_care_patterns: tuple[str, ...] = ()
    #: A question about when the case's own care happens ("Weather's bad. Can it wait till
    #: morning?", "how urgent is that?"): about the case, whatever else the message names.
    case_timing_patterns: tuple[str, ...] = ()
    #: A question that asks about the other condition itself, named before it ("she has a
    #: frozen shoulder - what exercises for that?"): not the case's business.
    outside_referent_patterns: tuple[str, ...] = ()
    #: NG234's own treatments (dexamethasone): a question about the patient's outside drug
    #: taken with one ("why omeprazole with the dex?") is about NG234's advice (1.8.8).
    ng234_treatment_patterns: tuple[str, ...] = ()
    #: A metastasis of another bone ("hip met", "mets in the femur").
    other_bone_patterns: tuple[str, ...] = ()
    #: Facts that keep a message about another bone's metastasis NG234's (a cord symptom,
    #: spinal metastases or MSCC): the pain facts are left out, the pain may be that bone's.
    site_free_facts: tuple[str, ...] = ()
    #: The body words of Box 1's cord symptoms ("legs", "walking", "wee", "numb"): with cancer
    #: stated, a message naming one is never refused on retrieval alone.
    box1_body_patterns: tuple[str, ...] = ()
    #: NG234's own services and names ('MSCC coordinator', 'NG234', 'Box 1'): a follow-up
    #: naming one is about the case, whatever else it names ('2WW or MSCC coordinator?').
    ng234_own_patterns: tuple[str, ...] = ()
    #: Metastases in bone, no bone named ('it's gone to his bones', 'bone mets'): NG234's
    #: population may be among them (1.7.12-1.7.14 are for bone metastases), never refused.
    bone_metastasis_patterns: tuple[str, ...] = ()
    #: NG234's treatment decisions about the patient ('surgery is off the table', 'not fit
    #: for radiotherapy', 'prognosis is weeks'): a follow-up stating one is about the case,
    #: whatever comorbidity it gives as the reason ('severe aortic stenosis, so surgery is off
    #: the table', round 56).
    decision_facts: tuple[str, ...] = ()
    #: NG234's population in words ("cord compression", "MSCC"): a question about the signs of
    #: what they name is about NG234's population (round 80 sc77-052).
    population_patterns: tuple[str, ...] = ()

    @field_validator("anchor_facts", "cancer_facts", "red_flag_facts", "decision_facts")
    @classmethod
    def _known_facts(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(names) - set(catalogue()))
        if unknown:
            raise ValueError(f"unknown facts in scope.json: {unknown}")
        return names

    @field_validator(
        "anchor_patterns",
        "other_domain_not_after",
        "child_patterns",
        "adult_patterns",
        "child_informant_patterns",
        "unrelated_patterns",
        "own_patient_patterns",
        "patient_reference_patterns",
        "other_person_patterns",
        "ng234_treatment_patterns",
        "outside_referent_patterns",
        "case_timing_patterns",
        "asks_ng234_patterns",
        "ng234_care_patterns",
        "box1_body_patterns",
        "outside_topic_patterns",
        "population_patterns",
    )
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            re.compile(pattern)
        return patterns


@cache
def vocabulary() -> ScopeVocabulary:
    """The scope vocabulary (loaded once)."""
    return ScopeVocabulary.model_validate(json.loads(SCOPE_FILE.read_text(encoding="utf-8")))


def _terms_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    # A term is a word prefix ("hypercalcaemi"), but multiple sclerosis's "ms" is never the
    # start of "mscc" ("patient with MSCC is nil by mouth …" had been read as MS, sc70-159)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?!(?<=ms)cc)", re.IGNORECASE)


@cache
def _anchor_regexes() -> tuple[re.Pattern[str], ...]:
    vocab = vocabulary()
    return (
        _terms_regex(vocab.anchor_terms),
        *(re.compile(p, re.IGNORECASE) for p in vocab.anchor_patterns),
    )


def names_spinal_domain(text: str) -> bool:
    """True when the text names the spine, the cord or NG234's own tools. A symptom that only
    suggests the spine ("back pain") names it only where it is not denied in its own clause:
    "central crushing chest pain … no back pain" (b154) is not about the spine."""
    deniable = set(vocabulary().deniable_anchor_terms)
    return any(
        m.group().lower() not in deniable or not _denied_in_its_clause(text, m.start())
        for rx in _anchor_regexes()
        for m in rx.finditer(text)
    )


def names_other_domain(text: str, *, sites: bool = True) -> bool:
    """True when the text names a condition or topic NG234 does not cover. `sites`: a body
    part of its own ("knee", "ankle") counts too; not beside a stated Box 1 cord symptom,
    where it is the symptom's extent ("numb feet, crept up to his knees")."""
    if any(
        not any(p.match(text, m.end()) for p in _patterns("other_domain_not_after"))
        for m in _terms("other_domain_terms").finditer(text)
    ):
        return True
    return sites and bool(_terms("other_domain_sites").search(text))


def names_benign_spinal_tumour(text: str) -> bool:
    """A benign tumour of the spine named with no cancer ("Spinal meningioma found on MRI,
    benign, compressing the cord slightly", sc50-048): another condition, whatever the cord
    compression it causes."""
    return bool(_terms("benign_spinal_tumours").search(text)) and not _matches(
        "cancer_named_patterns", text
    )


def names_non_malignant_cause(
    text: str, facts: Mapping[str, str], *, cancer_unsaid: bool = False
) -> bool:
    """'No cancer history ... disc prolapse / RTC': a spinal problem NG234 does not cover.
    `cancer_unsaid`: a first message that says nothing of cancer either way counts as no
    cancer ("gabapentin for disc-related sciatica in a healthy 50-year-old?"); a message on a
    live case never does (the case's cancer is in the case, not in the message)."""
    said = facts.get("cancer_diagnosis", "unknown")
    if said == "yes" or (said != "no" and not cancer_unsaid):
        return False
    if facts.get("cancer_suspected") == "yes":
        return False
    # Metastases or MSCC on imaging make it NG234's whatever else is named; a suspicion
    # read from a Box 1 sign alone ("CES from an L4/5 disc, never had cancer") does not.
    if facts.get("spinal_metastases") in ("suspected", "confirmed") or facts.get("mscc") == (
        "confirmed"
    ):
        return False
    # a cause denied right before it is no cause ("No trauma", round 48); not one named after
    # another denial ("no cancer history and a known slipped disc")
    return any(
        not _DENIED_RIGHT_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
        for m in _terms("non_malignant_causes").finditer(text)
    )


#: A denial governing the next word or two: "No trauma", "no h/o trauma", "denies any injury",
#: and a cause it lists after another ("no fall or trauma", round 56).
_DENIED_RIGHT_BEFORE = re.compile(
    r"\b(?:no|not|nil|without|denies|denied|never|nor)\s+(?:any\s+|h/o\s+|history\s+of\s+|"
    r"hx\s+of\s+|recent\s+|significant\s+)?(?:[\w-]+\s*(?:,|/|\bor\b|\bnor\b)\s*){0,2}$",
    re.IGNORECASE,
)


@cache
def _terms(name: str) -> re.Pattern[str]:
    """A term list of the scope vocabulary as one word-prefix regex (compiled once)."""
    return _terms_regex(getattr(vocabulary(), name))


@cache
def _patterns(name: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in getattr(vocabulary(), name))


def _matches(name: str, text: str) -> bool:
    """Whether any pattern of this scope vocabulary list is found in the text."""
    return any(p.search(text) for p in _patterns(name))


def about_a_child(text: str) -> bool:
    """The message is about a child (an age under 16 or a child word) and names no adult; a
    child who is asking or worried about someone ("my 10 year old keeps asking why Mum …") is
    not the patient."""
    if _matches("adult_patterns", text):
        return False
    if _matches("child_informant_patterns", text):
        return False
    return _matches("child_patterns", text)


def names_other_bone(text: str, facts: Mapping[str, str], hedged: Collection[str]) -> bool:
    """A metastasis of another bone with no spinal word and no cord symptom, spinal
    metastases or MSCC ("hip met from breast ca, non-weight-bearing? pain on walking"): the
    pain read from it is that bone's, and NG234 covers spinal metastases only."""
    if not _matches("other_bone_patterns", text):
        return False
    keeps = set(vocabulary().site_free_facts)
    return not names_spinal_domain(text) and not (_asserted(facts) | set(hedged)) & keeps


def names_never_ng234(text: str) -> bool:
    """An animal patient or a task that is not clinical care ("my dog", "summarise this")."""
    if _terms("never_ng234").search(text):
        return True
    return _matches("never_ng234_patterns", text) and not _matches("human_patient_patterns", text)


#: What ends a clause: an outside topic's denial must stand in its own clause.
_CLAUSE_END = re.compile(r"[.,;:!?\n]")


def names_outside_topic(text: str) -> bool:
    """Trauma, non-malignant spinal disease, another procedure or drug, a non-clinical topic,
    unless every mention of one is denied in its own clause ("no B12 deficiency to explain it").
    Read as written and as the reader respells it ("a lung scan to chek for canser")."""
    return _names_outside_topic(text) or _names_outside_topic(_respelled(text))


@lru_cache(maxsize=512)
def _respelled(text: str) -> str:
    """The text with the reader's respellings and typo corrections ("chek" -> "check")."""
    return correct(text, pipeline())[0]


def _names_outside_topic(text: str) -> bool:
    found = (
        *_terms("outside_topics").finditer(text),
        *(m for pattern in _patterns("outside_topic_patterns") for m in pattern.finditer(text)),
    )
    return any(not _denied_in_its_clause(text, m.start()) for m in found)


def _denied_in_its_clause(text: str, start: int) -> bool:
    """Whether the words before `start`, in its clause, deny what starts there ("no history of
    B12 deficiency", "no back pain")."""
    clause = _CLAUSE_END.split(text[max(0, start - 80) : start])[-1]
    return _matches("outside_denials", clause)


#: Where a question's own words start: sentence ends (not a decimal point, "potassium of 6.8")
#: and a spaced dash or a colon.
_SEGMENT = re.compile(r"(?:(?<!\d)\.|\.(?!\d)|[!?;\n])+|\s[-–—]\s|:\s")
#: Words that open a question ("is it safe for her to have …", "what's the advice on …").
_ASKS = re.compile(
    r"^\W*(?:(?:also|and|so|ok|okay|btw|oh)\W+)*(?:what|whats|which|how|hows|is|are|can|could|"
    r"should|would|will|does|do|any|when|why|who)\b",
    re.IGNORECASE,
)


def _segments(text: str) -> list[str]:
    """A message's sentences and dash- or colon-separated parts, empty ones dropped."""
    return [p for p in _SEGMENT.split(text) if p.strip()]


def _asks_about_outside_topic(text: str) -> bool:
    """An outside topic named inside a question ("also is it safe for her to have the flu jab"),
    not in a statement about the patient ("he's diabetic on metformin - anything extra?")."""
    segments = _segments(text)
    asked_last = text.rstrip().endswith("?")
    return any(
        names_outside_topic(segment)
        and (
            _ASKS.match(segment) is not None
            or (asked_last and i == len(segments) - 1)
            or (i + 1 < len(segments) and _asked_of_it(segments[i + 1]))
        )
        for i, segment in enumerate(segments)
    )


#: A question about what the part before it named ("Her sodium is 126 - how should I correct
#: it?", fu62-033): it asks about that part's topic.
_OF_IT = re.compile(
    r"\b(?:correct|treat|manage|fix|replace|reverse|sort(?:\s+out)?|deal\s+with|handle|"
    r"(?:give|prescribe|use|do)\s+(?:for|about))\s+(?:it|this|that|them|these|those)\b",
    re.IGNORECASE,
)


def _asked_of_it(following: str) -> bool:
    """Whether the next part is a question about treating what a pronoun refers back to
    ("how should I correct it?"; not "does that change things?")."""
    return _ASKS.match(following) is not None and _OF_IT.search(following) is not None


def _treatment_in_passing(text: str, facts: Mapping[str, str]) -> bool:
    """A statement, asking nothing, of a cancer with the spine or cord named and an outside
    topic only told of ("he's got prostate cancer on hormone injections, his brother had that
    cord compression … so we're worried sick", round 62 b126): the patient's treatment is
    context, and the worry is NG234's. A question ("… temp 38.6, no back pain. what abx?")
    is about what it asks."""
    return (
        facts.get("cancer_diagnosis") == "yes"
        and "?" not in text
        and names_spinal_domain(text)
        and not _asks_about_outside_topic(text)
    )


def names_ng234_treatment(text: str) -> bool:
    """Whether the text names a treatment NG234 gives its own section (dexamethasone, the
    corticosteroids): on a live NG234 case, a question about it is the case's, in whatever
    language the rest is written ("NICE guideline mein steroids ke bare mein generally kya
    likha hai?", fu74-009)."""
    return _matches("ng234_treatment_patterns", text)


def off_topic_for_case(
    text: str,
    facts: Mapping[str, str] | None = None,
    hedged: Iterable[str] = (),
    topics: Collection[str] = (),
) -> bool:
    """A follow-up on a live NG234 case that is not about it: one marked as unrelated with
    nothing spinal in it, or an outside topic or another condition that is not the patient's
    own ("how do I treat DKA?", "her sister's mammogram"). A condition or drug of the patient's
    own ("what if he's diabetic?", "he's on metformin") is context for NG234's advice
    (corticosteroids and blood glucose, 1.8.8), so it is answered. `facts`: what the reader
    read from the message; one of NG234's treatment decisions stated either way ("severe
    aortic stenosis, so surgery is off the table") makes the comorbidity its reason; so does
    one only `hedged` ("if someone has a pacemaker and can't have an MRI, what does NICE
    suggest instead?", fu75-006: the question is about 1.5.7)."""
    if _asks_by_its_signs(text, topics):
        return False  # "wat r the red flag signs of cord compression … 4 my essay" (sc77-052)
    decisions = vocabulary().decision_facts
    if facts and any(facts.get(name, "unknown") != "unknown" for name in decisions):
        return False
    if set(hedged) & set(decisions):
        return False
    if (
        facts
        and (facts.get("cancer_diagnosis") == "yes" or "primary_tumour" in facts)
        and not _asks_about_outside_topic(text)
        and not _asks_about_it(text)
    ):
        # "Sorry, it's NOT prostate, it's bladder cancer (TURBT + BCG 2019) - does that change
        # anything?" (b148): the patient's cancer and its past treatment are the case's
        # context; a question about the treatment itself is not
        return False
    if _matches("unrelated_patterns", text):
        return not names_spinal_domain(text)
    if _matches("case_timing_patterns", text) or _matches("ng234_own_patterns", text):
        return False
    own = _matches("own_patient_patterns", text)
    if names_outside_topic(text):
        # "he's diabetic on metformin - anything extra?" is about the patient; "her sister's
        # mammogram", "amoxicillin dose for a chest infection?" or a question about the outside
        # topic itself ("is it safe for her to have the flu jab?") is not
        if (own or names_spinal_domain(text)) and names_ng234_treatment(text):
            # "why does he need omeprazole with the dex?" (1.8.8); "MRI: no cord compression,
            # L4/5 disc prolapse. do we carry on the dex?" (1.8.2)
            return False
        asks = _asks_about_outside_topic(text) or _asks_about_it(text)
        return not own or (asks and not names_spinal_domain(text))
    # a body part beside a Box 1 cord symptom the message states is that symptom's site ("L
    # ankle dorsiflexion 3/5, EHL weak", b121), not another topic
    stated_red_flag = bool(facts) and bool(_asserted(facts) & set(vocabulary().red_flag_facts))
    if not names_other_domain(text, sites=not stated_red_flag):
        return False
    # "not a surgical candidate (PS 3, severe COPD) - what dose?": a comorbidity given as the
    # reason for an NG234 decision is context, not another topic; "she has a UTI - what
    # antibiotic for that?" asks about the other condition itself
    # "he's diabetic - what dose of dex?": a question about NG234's own treatment is the case's
    treats = names_ng234_treatment(text)
    return (not own or _asks_about_it(text)) and not names_spinal_domain(text) and not treats


def about_the_patient(text: str) -> bool:
    """The message speaks of the patient being discussed ("he's", "her chest infection", "the
    patient", "should she"), not of a relative of theirs or of people in general."""
    if _matches("own_patient_patterns", text):
        return True
    # "when's she due a screening mammogram?" after "her sister's 47": the sister's
    return _matches("patient_reference_patterns", text) and not _matches(
        "other_person_patterns", text
    )


def _asks_about_it(text: str) -> bool:
    """The message's last segment asks about what was named before it ("… - what exercises
    should I give her for that?"), or asks for a thing of the other condition by its own name
    ("… flare of her rheumatoid arthritis - which DMARD should she be on?", fu48-039)."""
    segments = _segments(text)
    if not segments:
        return False
    last = segments[-1]
    asked_for = _WHICH.search(last) or _MANAGE.search(last)
    return (
        _matches("outside_referent_patterns", last)
        or (
            asked_for is not None
            and (
                names_other_domain(asked_for.group("thing"))
                # "what dose of sertraline … for her own depression": the drug's condition after it
                or (asked_for.re is _WHICH and names_other_domain(last[asked_for.end() :]))
            )
        )
    )


def _asks_for_another_treatment(text: str) -> bool:
    """The message's last segment asks for one of another condition's kind by name ("Which
    antibiotic and what dose?"), not for NG234's own ("what dose/fractionation does NG234
    recommend?" after liver metastases were named, b114)."""
    segments = _segments(text)
    asked_for = _WHICH.search(segments[-1]) if segments else None
    return asked_for is not None and names_other_domain(asked_for.group("thing"))


#: A question asking for one of a kind by name ("which DMARD", "what antibiotic", "what dose
#: of sertraline … for her own depression"), not one supposing something ("what if she's
#: diabetic?").
_WHICH = re.compile(
    r"\b(?:which|what)\s+(?:(?:kind|type|sort|dose|dosage|strength)\s+of\s+)?(?P<thing>(?!(?:if|is|are|was|does|do|"
    r"did|should|can|could|would|will|about|to|the|a|an|she|he|they|it|we|i|you)\b)[a-z][\w-]*)",
    re.IGNORECASE,
)


#: A question asking how to manage a thing by name ("how should I manage his potassium of
#: 6.8?", round 57): about that thing, not the case.
_MANAGE = re.compile(
    r"\bhow\s+(?:should|do|would|can|could|shall|to)\s+(?:i\s+|we\s+|you\s+|they\s+)?"
    r"(?:manage|treat|correct|handle|fix|sort(?:\s+out)?|control|bring\s+down|lower)\s+"
    r"(?:(?:his|her|their|the|this|that|a)\s+)?(?P<thing>[^?.!\n]{1,40})",
    re.IGNORECASE,
)


def ng234_case(facts: Mapping[str, str]) -> bool:
    """Cancer (known or suspected) with a spinal fact: metastases, MSCC, back pain or a Box 1
    symptom ("breast ca, back pain after lifting a suitcase" is NG234's business)."""
    vocab = vocabulary()
    asserted = _asserted(facts)
    spinal = {"spinal_metastases", "mscc"} | set(vocab.red_flag_facts) | set(vocab.anchor_facts)
    return bool(asserted & set(vocab.cancer_facts)) and bool(asserted & spinal)


def _mscc_treated_as_suspected(facts: Mapping[str, str]) -> bool:
    """Dexamethasone given for suspected MSCC is NG234's business whatever the scan then
    showed ('gave 16 mg dex for ?MSCC, MRI shows a disc prolapse: taper or stop?', 1.8.2)."""
    return facts.get("dexamethasone_given") == "yes" and facts.get("mscc") in (
        "suspected",
        "ruled_out",
    )


def _asserted(facts: Mapping[str, str]) -> set[str]:
    return {name for name, value in facts.items() if value not in ("no", "none", "unknown")}


def _present(facts: Mapping[str, str]) -> set[str]:
    """Facts the message says are so: not denied and not ruled out ("bone scan and spine MRI
    were clear" names no one with spinal metastases, round 49)."""
    return {name for name in _asserted(facts) if facts[name] != "ruled_out"}


def _back_pain_beside_an_aside(text: str, facts: Mapping[str, str]) -> bool:
    """Back pain with a Box 1 characteristic beside an outside topic named only in passing
    ("admitted for elective knee replacement tomorrow … low back pain for 3 weeks that wakes
    him at night"): not asked about, and no cause of the pain ("osteoporosis, sudden back
    pain after lifting, wedge fracture" is the pain's own cause, outside NG234)."""
    return (
        _box1_back_pain(facts)
        and not _asks_about_outside_topic(text)
        and not _terms("non_malignant_causes").search(text)
    )


def _box1_back_pain(facts: Mapping[str, str]) -> bool:
    """Back pain with a Box 1 pain characteristic ("low back pain for 3 weeks that is getting
    worse and wakes him at night")."""
    asserted = _asserted(facts)
    return "back_pain" in asserted and bool(asserted & box1_pain_facts())


#: The rule book's definition of Box 1's pain characteristics (definitions.json).
_BOX1_PAIN = "box1_pain_feature"


@cache
def box1_pain_facts() -> frozenset[str]:
    """Box 1's pain characteristics, as the rule book defines them (`box1_pain_feature`):
    one list for the scope decision and for re-opening a dated exclusion (answers.facts)."""
    definitions = load_definitions()
    return frozenset(facts_through(definitions[_BOX1_PAIN].when, definitions))


def anchored_facts(facts: Mapping[str, str]) -> bool:
    """Facts that place a case in NG234: spinal facts, or cancer with a Box 1 symptom."""
    vocab = vocabulary()
    asserted = _asserted(facts)
    if asserted & set(vocab.anchor_facts):
        return True
    return bool(asserted & set(vocab.cancer_facts)) and bool(asserted & set(vocab.red_flag_facts))


#: Facts that name NG234's population when a message states, suspects or asks about them.
_POPULATION = frozenset({"mscc", "spinal_metastases"})
#: Facts whose question asks about NG234's population by its signs ("what are the signs of
#: cord compression?").
_ASKED_BY_ITS_SIGNS = frozenset({"cord_signs"})


def _asks_by_its_signs(text: str, topics: Collection[str]) -> bool:
    """A question about NG234's population by its signs ("wat r the red flag signs of cord
    compression in cancer pts?? need it 4 my essay", round 80 sc77-052), naming the
    compression itself (not another cord disease: "how is late radiation myelopathy …
    treated?", sc70-050)."""
    return bool(set(topics) & _ASKED_BY_ITS_SIGNS) and _matches("population_patterns", text)


def _names_population(
    text: str, facts: Mapping[str, str], hedged: Collection[str], topics: Collection[str]
) -> bool:
    """The message names MSCC or spinal metastases (stated, suspected or as its topic), and
    not a compression from another cause ("?CES after a discectomy, no cancer hx", "cauda
    equina syndrome after an epidural injection for a disc bulge")."""
    # Spinal metastases on imaging in someone with no known cancer ("no known cancer. MRI:
    # multiple lytic lesions", an unknown primary, 1.11.1-1.11.2) are NG234's population.
    imaged = facts.get("spinal_metastases") in ("suspected", "confirmed")
    named = bool((set(topics) | set(hedged) | _present(facts)) & _POPULATION)
    return (
        (named or _asks_by_its_signs(text, topics))
        and (facts.get("cancer_diagnosis") != "no" or imaged)
        and not names_non_malignant_cause(text, facts, cancer_unsaid=True)
    )


def in_scope(
    text: str,
    *,
    facts: Mapping[str, str],
    continuing_case: bool,
    named_ids: bool,
    retrieval_in_scope: bool,
    possible_red_flag: bool = False,
    hedged: Collection[str] = (),
    topics: Collection[str] = (),
) -> bool:
    """Whether to answer from NG234 or refuse (pure; see the module docstring).

    `possible_red_flag`: the semantic net found a Box 1 cord symptom in words the lexicon
    lacks ("my legs feel like two lumps of wood"); like a read one, it is never refused
    unless the message names another condition or topic. `hedged`: facts the message names
    as possible or hypothetical ("what should I do if my legs go weak?"); a Box 1 symptom
    among them counts the same way. `topics`: facts a question names as its topic. A message
    that names NG234's population (MSCC or spinal metastases, stated, suspected or as its
    topic) is about them, so a complication or service it names ("clots and pressure sores in
    MSCC patients", "our DGH's MRI scanner for suspected MSCC") is NG234's, not an outside
    topic."""
    if not named_ids and not continuing_case and names_never_ng234(text):
        return False
    flags = set(vocabulary().red_flag_facts)
    red_flag = bool((_asserted(facts) | set(hedged)) & flags) or possible_red_flag
    # Cancer unsaid counts as none only in a first message with no Box 1 cord symptom and
    # nothing of NG234's own (metastases or MSCC either way, dexamethasone, the spine): a
    # symptom with a disc named is still asked about (is there a cancer history?), and
    # "sciatica or spinal metastases?" is NG234's question.
    ng234_words = names_spinal_domain(text) or any(
        facts.get(name, "unknown") != "unknown"
        for name in ("spinal_metastases", "mscc", "dexamethasone_given")
    )
    unsaid = not continuing_case and not red_flag and not ng234_words
    ng234_care = _matches("ng234_care_patterns", text)
    asks_ng234 = ng234_care or _matches("asks_ng234_patterns", text)
    if (
        not named_ids
        and not asks_ng234
        and names_non_malignant_cause(text, facts, cancer_unsaid=unsaid)
    ):
        return False
    first = not named_ids and not continuing_case  # a first message, no NG234 id named
    if first and names_benign_spinal_tumour(text):
        return False
    if first and about_a_child(text):
        return False  # NG234 is applied here to adults only (README, intended purpose)
    if first and names_other_bone(text, facts, hedged):
        return False
    if (
        first
        and not red_flag
        and names_outside_topic(text)
        and _asks_for_another_treatment(text)
        and not names_ng234_treatment(text)
        and not _matches("ng234_own_patterns", text)
    ):
        # "MSCC patient with a long-term catheter now has a febrile UTI. Which antibiotic and
        # what dose?" (sc76-060): the question asks for the other condition's own treatment
        # by name; naming NG234's population does not make it NG234's. A Box 1 symptom
        # stated or hedged beside it is never refused.
        return False
    if (
        first
        and names_outside_topic(text)
        and not _names_population(text, facts, hedged, topics)
        and not ng234_case(facts)
        and not _mscc_treated_as_suspected(facts)
        and not _back_pain_beside_an_aside(text, facts)
        and not ng234_care
        and not _treatment_in_passing(text, facts)
    ):
        return False
    if named_ids or names_spinal_domain(text) or anchored_facts(facts) or ng234_care:
        return True
    if continuing_case and facts:
        return True
    if names_other_domain(text, sites=not red_flag):
        return False
    if red_flag:
        return True  # a Box 1 cord symptom, cancer history not yet given: never refused
    if _asserted(facts) & set(vocabulary().cancer_facts) and _matches("box1_body_patterns", text):
        # "Mesothelioma. Weak / legs, R>L": a cord symptom in words the reader lacks is
        # asked about, never hidden by a refusal
        return True
    if _asserted(facts) & set(vocabulary().cancer_facts) and _matches(
        "bone_metastasis_patterns", text
    ):
        # "he has prostate cancer, they said last yr its gone to his bones": a case NG234 may
        # be about (the spine is the commonest site), never refused; its questions follow
        return True
    return retrieval_in_scope
