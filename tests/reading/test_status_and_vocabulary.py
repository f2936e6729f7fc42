"""Status words and everyday vocabulary (issue #12, classes 5 and 6), each tested both ways."""

from __future__ import annotations

import pytest

from assistant.reading.extract import extract

STATUS = [
    ("MSCC excluded on MRI", {"mscc": "ruled_out"}),
    ("cord compression ruled out on MRI today", {"mscc": "ruled_out"}),
    ("MRI shows no MSCC", {"mscc": "ruled_out"}),
    ("MRI shows MSCC at T4", {"mscc": "confirmed"}),
    ("MSCC on MRI", {"mscc": "confirmed"}),
    ("clinically MSCC", {"mscc": "suspected"}),
    ("?MSCC", {"mscc": "suspected"}),
    ("cauda equina syndrome", {"cord_signs": "yes", "mscc": "suspected"}),
    ("incomplete paraplegia", {"limb_weakness": "yes", "complete_paralysis": "no"}),
    ("complete paraplegia", {"complete_paralysis": "yes"}),
]


@pytest.mark.parametrize(("text", "expected"), STATUS)
def test_status_words(text: str, expected: dict[str, str]) -> None:
    facts = extract(text).facts
    assert {k: facts.get(k) for k in expected} == expected


def test_low_suspicion_records_no_mscc_status() -> None:
    """'Low suspicion for MSCC' is neither confirmed nor suspected: nothing is recorded."""
    assert "mscc" not in extract("registrar documented low suspicion for MSCC").facts


VOCABULARY = [
    ("his legs have gone heavy and weak", "limb_weakness"),
    ("she drags her right leg", "limb_weakness"),
    ("scuffs the toes of her right foot", "limb_weakness"),
    ("legs kept buckling", "gait_disturbance"),
    ("tripped twice this morning", "gait_disturbance"),
    ("needs a zimmer frame and two to transfer", "gait_disturbance"),
    ("cant manage the stairs anymore", "gait_disturbance"),
    ("not passed urine since yesterday", "bladder_bowel_dysfunction"),
    ("he hasn't noticed he's not emptied his bladder", "bladder_bowel_dysfunction"),
    ("bladder palpable to the umbilicus", "bladder_bowel_dysfunction"),
    ("Bed 7 is retaining urine", "bladder_bowel_dysfunction"),
    ("right extensor plantar", "cord_signs"),
    ("sustained clonus at the left ankle", "cord_signs"),
]


@pytest.mark.parametrize(("text", "fact"), VOCABULARY)
def test_everyday_phrasings_are_read_as_present(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) == "yes", extract(text).evidence


NOT_FINDINGS = [
    ("generally weak and tired", "limb_weakness"),
    ("fluid retention in the ankles", "bladder_bowel_dysfunction"),
    ("passing urine normally", "bladder_bowel_dysfunction"),
    ("walking independently", "gait_disturbance"),
    ("no leg weakness", "limb_weakness"),
]


@pytest.mark.parametrize(("text", "fact"), NOT_FINDINGS)
def test_phrasings_that_are_not_the_finding(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) != "yes"


SEGMENTS = [
    ("known breast ca\nno fever\nleg weakness", "limb_weakness"),
    ("known breast ca\r\nno fever\r\nleg weakness", "limb_weakness"),
    ("breast ca / no fever / leg weakness", "limb_weakness"),
    ("renal ca\n1.no fever 2.weakness in L leg", "limb_weakness"),
    ("lung ca. no cough and his legs feel weak", "limb_weakness"),
    ("br ca. no h/a. pain radiating round chest", "radicular_pain"),
    ("prostate ca. no neuro deficit except weak L leg", "limb_weakness"),
    ("lung ca. nil else bar urinary retention", "bladder_bowel_dysfunction"),
    ("myeloma. no new symptoms besides tingling in his legs", "sensory_loss"),
]


@pytest.mark.parametrize(("text", "fact"), SEGMENTS)
def test_a_red_flag_after_a_boundary_or_exception_is_not_absent(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) != "no"


SITES = [
    ("power 5/5 in arms", "limb_weakness"),
    ("arms: no weakness", "limb_weakness"),
    ("sensation intact in upper limbs", "sensory_loss"),
]


@pytest.mark.parametrize(("text", "fact"), SITES)
def test_a_denial_for_another_site_is_asked_not_absent(text: str, fact: str) -> None:
    result = extract(text)
    assert result.facts.get(fact) is None
    assert any("only" in n for n in result.notices)


@pytest.mark.parametrize(
    "text", ["power 5/5 throughout", "no weakness", "no weakness, numbness or retention"]
)
def test_a_whole_domain_denial_is_still_absent(text: str) -> None:
    assert extract(text).facts.get("limb_weakness") == "no"


def test_cancer_is_never_denied_by_a_backward_negation_across_a_join() -> None:
    for text in ("prostate ca/nil SOB/retention", "known breast ca and nil chest pain"):
        assert extract(text).facts.get("cancer_diagnosis") != "no", text


@pytest.mark.parametrize(
    "text",
    [
        "MRI whole spine Feb 2025 - no spinal mets, no cord compression\nnow weak legs",
        "MRI 2 months ago showed no MSCC. now weak legs",
        "MSCC excluded on MRI in 2023. Weak legs since yesterday",
    ],
)
def test_old_imaging_never_overrides_a_new_red_flag(text: str) -> None:
    result = extract(text)
    assert result.facts.get("limb_weakness") == "yes"
    assert "mscc" not in result.facts
    assert any("dated imaging" in n for n in result.notices)


@pytest.mark.parametrize(
    "text",
    [
        "MRI today: no cord compression. weak legs",
        "breast ca 2016. MSCC excluded on MRI today. weak legs",
        "MRI 2 months ago showed no MSCC",
    ],
)
def test_a_current_or_sole_exclusion_is_kept(text: str) -> None:
    assert extract(text).facts.get("mscc") == "ruled_out"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("prognosis not considered poor", "prognosis", "good"),
        ("his oncologist does not consider his overall prognosis to be poor", "prognosis", "good"),
        ("poor prognosis", "prognosis", "poor"),
        ("PMH: radiotherapy T10-T12 (2021)", "previous_radiotherapy", "yes"),
        ("prev RT T9", "previous_radiotherapy", "yes"),
        ("no previous radiotherapy", "previous_radiotherapy", "no"),
        ("GP worried re underlying malignancy", "cancer_suspected", "yes"),
    ],
)
def test_prognosis_radiotherapy_and_suspicion_phrasings(text: str, fact: str, value: str) -> None:
    assert extract(text).facts.get(fact) == value


def test_an_informant_reports_the_patient_and_a_relative_keeps_their_own_findings() -> None:
    assert extract("daughter says mum cant manage the stairs").facts["gait_disturbance"] == "yes"
    assert extract("wife says he cant walk").facts["gait_disturbance"] == "yes"
    assert "limb_weakness" not in extract("his wife has no weakness").facts
    assert extract("Dad has MS and walks with difficulty").facts == {}


def test_an_exception_covers_only_its_own_clause() -> None:
    result = extract("Neuro exam normal, no complaints other than the back pain")
    assert result.facts.get("limb_weakness") == "no"
    assert extract("No neuro deficit except weak L leg").facts.get("limb_weakness") != "no"


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (
            "O/E reduced sensation from the umbilicus down",
            {"sensory_loss": "yes", "cord_signs": "yes"},
        ),
        ("No feeling below the waist", {"sensory_loss": "yes"}),
        ("Plantar R downgoing, L upgoing", {"cord_signs": "yes"}),
        ("shooting pains around trunk like a belt", {"radicular_pain": "yes"}),
        ("Gait: abnormal, wide-based", {"gait_disturbance": "yes"}),
        ("Bladder: not emptying, residual 500ml", {"bladder_bowel_dysfunction": "yes"}),
        ("he says he cant wee", {"bladder_bowel_dysfunction": "yes"}),
        ("no reduced sensation below T10", {"sensory_loss": "no"}),
        ("plantars downgoing", {"cord_signs": "no"}),
        ("bladder scan 150ml", {}),
    ],
)
def test_sensory_levels_signs_and_bladder_phrasings(text: str, facts: dict[str, str]) -> None:
    got = extract(text).facts
    assert {k: got.get(k) for k in facts} == facts
    if not facts:
        assert "bladder_bowel_dysfunction" not in got


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Power 5/5 on admission; now 3/5 hip flexion both sides", "limb_weakness", "yes"),
        ("no weakness last week", "limb_weakness", None),
        (
            "Nil urinary symptoms but has pooed the bed without realising",
            "bladder_bowel_dysfunction",
            "yes",
        ),
        ("a pain like a tight belt wrapped round his ribs", "radicular_pain", "yes"),
        ("real trouble passing water, only dribbles", "bladder_bowel_dysfunction", "yes"),
        ("no trouble passing urine", "bladder_bowel_dysfunction", "no"),
    ],
)
def test_time_and_more_everyday_phrasings(text: str, fact: str, value: str | None) -> None:
    assert extract(text).facts.get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "myeloma, no fever, no falls, no bowel problems, new urinary retention",
            "bladder_bowel_dysfunction",
            "yes",
        ),
        ("Sensation normal in the legs, but reduced around the anus", "sensory_loss", "yes"),
        ("Previously no bladder issues; now possibly retaining", "bladder_bowel_dysfunction", None),
        ("hasn't had any falls and can't manage the stairs anymore", "gait_disturbance", None),
        ("no falls, no bowel problems", "bladder_bowel_dysfunction", "no"),
        (
            "No problems passing urine until today - now can't go at all",
            "bladder_bowel_dysfunction",
            None,
        ),
    ],
)
def test_second_blind_red_flag_round(text: str, fact: str, value: str | None) -> None:
    assert extract(text).facts.get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Daughter tells me mum has been wetting herself", "bladder_bowel_dysfunction", "yes"),
        ("now c/o faecal incont x2 days", "bladder_bowel_dysfunction", "yes"),
        ("says he cant feel when hes passing urine", "bladder_bowel_dysfunction", "yes"),
        ("back pain at night x 6 wks, getting worse, no leg sx", "pain_progressive", "yes"),
        ("surgeons say no op", "suitable_for_surgery", "no"),
        ("Spinal surgeons keen to decompress", "suitable_for_surgery", "yes"),
        ("widespread bone mets incl spine", "spinal_metastases", "confirmed"),
        ("no bk pain tho", "back_pain", "no"),
        ("finished RT last week", "previous_radiotherapy", "yes"),
    ],
)  # fmt: skip
def test_round_5_everyday_wording(text: str, fact: str, value: str) -> None:
    assert extract(text).facts.get(fact) == value, extract(text).facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("her mum had weak legs from MSCC", "limb_weakness"),  # the relative's, not the patient's
        ("my mum told me her sister had weak legs", "limb_weakness"),
        ("not wetting herself", "bladder_bowel_dysfunction"),
        ("liver mets, not including the spine", "spinal_metastases"),
    ],
)
def test_round_5_wording_where_it_must_not_fire(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) not in ("yes", "confirmed"), extract(text).facts


def test_a_relative_keeps_a_diagnosis_past_the_short_window_but_not_a_red_flag() -> None:
    """Asymmetric evidence for experiencers (round-7 blind b15): a diagnosis is the patient's
    only on strong evidence, a red flag is the patient's unless a relative governs it closely."""
    long = (
        "prostate ca. He's anxious because his brother ended up paralysed with leg weakness "
        "and a catheter from cord compression last year."
    )
    facts = extract(long).facts
    assert "mscc" not in facts and "spinal_metastases" not in facts
    # the patient's own diagnosis after the relative's clause is still read
    assert extract("his brother died of lung cancer and he now has MSCC at T10").facts["mscc"] == (
        "confirmed"
    )
    # a red flag far from the relative cue stays the patient's
    far = "breast ca. her mum had a stroke years ago and the patient today has new weak legs"
    assert extract(far).facts.get("limb_weakness") == "yes"
