"""Findings denied by stating the normal ('walking ok', 'pwr 5/5', 'bld/bwl ok'), issue #12.

Round-4 blind inputs left about a quarter of denied Box 1 findings unread, so "no suspicion of
MSCC" stayed undecided and 1.5.3 was missed. Each phrasing is read as "no" about this patient
now; never when a time word says the normal was before ("legs fine yesterday but now weak"),
and never over a stated finding (yes over no).
"""

from __future__ import annotations

import pytest

from assistant.reading.extract import extract


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("walking ok", "gait_disturbance"),
        ("Still walking ok", "gait_disturbance"),
        ("Mobility — normal.", "gait_disturbance"),
        ("wlkng ok", "gait_disturbance"),
        ("Walking round the house fine.", "gait_disturbance"),
        ("walking to the toilet himself", "gait_disturbance"),
        ("bladder ok", "bladder_bowel_dysfunction"),
        ("pee ok", "bladder_bowel_dysfunction"),
        ("bld/bwl ok", "bladder_bowel_dysfunction"),
        ("waterworks fine", "bladder_bowel_dysfunction"),
        ("bladder function normal", "bladder_bowel_dysfunction"),
        ("passed urine normally at 10:00", "bladder_bowel_dysfunction"),
        ("no accidents with his bladder", "bladder_bowel_dysfunction"),
        ("PU/BO normally", "bladder_bowel_dysfunction"),
        ("sensation ok", "sensory_loss"),
        ("sensn fine", "sensory_loss"),
        ("No sensory complaints", "sensory_loss"),
        ("legs not weak", "limb_weakness"),
        ("legs strong", "limb_weakness"),
        ("legs fine", "limb_weakness"),
        ("pwr 5/5", "limb_weakness"),
        ("Power and sensation are normal.", "limb_weakness"),
        ("Power and sensation are normal.", "sensory_loss"),
        ("plantars down", "cord_signs"),
        ("He has no pain going down his legs", "radicular_pain"),
        ("No pain radiating down legs", "radicular_pain"),
    ],
)
def test_a_normal_state_denies_the_finding(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) == "no", extract(text).facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a time word: the normal was before, the finding is now (or unknown): never "no"
        ("legs fine yesterday but now weak", "limb_weakness"),
        ("legs ok but weak today", "limb_weakness"),
        ("power ok yesterday, now 3/5", "limb_weakness"),
        ("sensation normal on admission, now numb feet", "sensory_loss"),
        ("bladder ok until last night, now retention", "bladder_bowel_dysfunction"),
        ("walking fine until yesterday, now cant", "gait_disturbance"),
        # the negation does not reach across a conjunction to the pain words
        ("no trauma and pain shooting round the chest", "radicular_pain"),
        ("Hx of renal carcinoma, no cough and pain shooting round his ribs", "radicular_pain"),
        # a stated finding beside a normal one of the same kind: yes over no
        ("walking ok but keeps falling, legs giving way", "gait_disturbance"),
        ("bladder fine but incontinent of faeces since yesterday", "bladder_bowel_dysfunction"),
    ],
)
def test_a_normal_state_never_takes_a_stated_or_later_finding(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) != "no", extract(text).facts


def test_a_benign_lesion_compressing_the_cord_is_not_mscc() -> None:
    facts = extract("no cancer history, MRI shows a thoracic meningioma compressing the cord").facts
    assert "mscc" not in facts and facts.get("cancer_diagnosis") == "no"
    # a tumour of unnamed kind compressing the cord still reads as MSCC
    assert extract("known breast ca, MRI: tumour compressing the cord at T8").facts.get("mscc")


def test_suspicion_and_infiltration_vocabulary() -> None:
    assert extract("I'm worried this is malignant").facts.get("cancer_suspected") == "yes"
    assert extract("appearances favour lymphoma").facts.get("cancer_suspected") == "yes"
    infiltration = extract("paravertebral mass T7-T8 with vertebral body infiltration").facts
    assert infiltration.get("spinal_metastases") == "suspected"
    assert (
        extract("back pain, no vertebral infiltration seen").facts.get("spinal_metastases")
        != "suspected"
    )
    comfort = extract("comfort-focused care only").facts
    assert comfort.get("oncology_treatment_inappropriate") == "yes"


# --- session 5: an examination list under one "normal", hedges with a modal, the coordinator --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "breast ca. full power, normal reflexes and sensation",
            {"limb_weakness": "no", "cord_signs": "no", "sensory_loss": "no"},
        ),
        (
            "breast ca. normal tone, reflexes and sensation",
            {"cord_signs": "no", "sensory_loss": "no"},
        ),
        (
            "breast ca. normal tone, sensation and power",
            {"sensory_loss": "no", "limb_weakness": "no"},
        ),
    ],
)
def test_one_normal_over_an_examination_list_denies_each_item(text, expected):
    facts = extract(text).facts
    assert {f: facts.get(f) for f in expected} == expected


def test_a_normal_list_never_overrides_a_stated_finding():
    facts = extract("breast ca, normal sensation and reflexes but new leg weakness").facts
    assert facts["limb_weakness"] == "yes" and facts["sensory_loss"] == "no"
    read = extract("breast ca. normal reflexes and sensation except saddle area numb")
    assert read.facts.get("sensory_loss") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "prostate ca, legs might be a bit weak",
        "prostate ca, his legs may be weak",
        "legs could be weaker",
    ],
)
def test_a_modal_hedge_on_weak_legs_is_asked_not_dropped(text):
    read = extract(text)
    assert "limb_weakness" in read.uncertain and read.facts.get("limb_weakness") != "no"


def test_weak_legs_with_a_plain_copula_stay_asserted():
    assert extract("prostate ca, legs seem weaker").facts["limb_weakness"] == "yes"
    assert extract("prostate ca, legs are not weak").facts["limb_weakness"] == "no"


@pytest.mark.parametrize(
    "text",
    ["ovarian ca, leg weakness. MSCC coord aware", "MSCC co-ord informed", "MSCC keyworker rang"],
)
def test_naming_the_mscc_coordinator_is_not_an_mscc_diagnosis(text):
    facts = extract(text).facts
    assert "mscc" not in facts and "spinal_metastases" not in facts


def test_mscc_itself_is_still_read():
    assert extract("?MSCC, coord aware").facts.get("mscc") == "suspected"
