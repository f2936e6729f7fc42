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
