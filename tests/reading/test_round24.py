"""Session 14 (#12, #13): round-24 failures fixed as classes, each tested both ways.

- A red flag's normal under a negation ("gait not normal" written as "nobody could call his
  gait normal", "can't say his power is normal") is read as possible, never absent: the
  negation of a normal no longer leaves it unread, and an appraisal someone would not make
  ("nobody could call", "I wouldn't describe") is a ConText doubt cue.
- Round-24 words for the red flags: the walking "that's gone", lurching, stairs, a foot that
  slaps when he walks, feeble legs, a graded movement ("grade 3 hip flexion"), brisk knee and
  ankle reflexes, a sensory level in words ("numb from the nipple line down"), "Incont. urine",
  "Ret'n 1.4L", a leaking bladder, a trapped-nerve type pain; "Ca prost" is prostate, and an
  "IDC inserted" is a catheter, not a ductal carcinoma; an aside ("sensation however patchy")
  before an adjective.
- Scope: another bone's metastasis with only pain ("hip met … pain on walking") is not NG234's;
  staging, cancer-related fatigue, a knee scan, gentamicin dosing and pregnancy are outside.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts, last

from assistant.reading.extract import extract


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Nobody could call his gait normal - he's lurching.", "gait_disturbance"),
        ("Nobody could call his gait normal.", "gait_disturbance"),
        ("I wouldn't call his walking normal. Lung ca.", "gait_disturbance"),
        ("Can't say his power is normal. Lung ca.", "limb_weakness"),
        ("You couldn't describe her gait as normal.", "gait_disturbance"),
        ("No one would say his legs are fine.", "limb_weakness"),
    ],
)
def test_a_denied_normal_is_never_absent(text: str, fact: str) -> None:
    read = extract(text)
    assert read.facts.get(fact) != "no"
    assert read.facts.get(fact) == "yes" or fact in read.uncertain


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Gait normal. Lung ca.", "gait_disturbance"),
        ("I would call his gait normal.", "gait_disturbance"),
        ("Power normal in both legs.", "limb_weakness"),
        ("No weakness, gait normal.", "gait_disturbance"),
    ],
)
def test_a_normal_said_plainly_is_still_a_normal(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Gait not normal. Lung ca.", "gait_disturbance"),
        ("Power is not quite normal. Lung ca.", "limb_weakness"),
        ("Sensation fine, bladder fine - it's the walking that's gone.", "gait_disturbance"),
        ("he's lurching", "gait_disturbance"),
        ("difficulty managing stairs and walking", "gait_disturbance"),
        ("his left foot slaps down when he walks", "gait_disturbance"),
        ("Can't stand up on his own anymore, legs too feeble", "limb_weakness"),
        ("Neuro exam - grade 3 hip flexion R", "limb_weakness"),
        ("brisk knee and ankle reflexes", "cord_signs"),
        ("sensation reduced to pinprick from the nipple line down", "cord_signs"),
        ("SCLC. Incont. urine + faeces new since AM.", "bladder_bowel_dysfunction"),
        ("Ca prost. Ret'n 1.4L, IDC inserted.", "bladder_bowel_dysfunction"),
        ("Walking fine, but bladder's been leaking since Monday.", "bladder_bowel_dysfunction"),
        ("Got a trapped-nerve type pain down the back of my leg.", "radicular_pain"),
        ("Strength 5/5 throughout; sensation however patchy over both feet.", "sensory_loss"),
    ],
)
def test_round24_red_flag_words(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("his walking is going better", "gait_disturbance"),
        ("Wife thinks his walking is possibly worse than usual", "gait_disturbance"),
        ("brisk walk every morning", "cord_signs"),
        ("pain from the waist down", "cord_signs"),
        ("bladder is fine, not leaking", "bladder_bowel_dysfunction"),
        ("MRC grade 2/5 hip flexion", "complete_paralysis"),
    ],
)
def test_round24_words_do_not_overreach(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes"


def test_a_hedged_walking_stays_hedged() -> None:
    assert "gait_disturbance" not in facts("his walking is possibly worse than usual")


def test_a_graded_movement_with_a_grade_out_of_five_keeps_its_reading() -> None:
    read = facts("RCC. MRC grade 2/5 hip flexion bilaterally.")
    assert read["limb_weakness"] == "yes"
    assert read["complete_paralysis"] == "no"


def test_ca_prost_is_prostate_and_an_idc_inserted_is_a_catheter() -> None:
    read = facts("Ca prost. Ret'n 1.4L, IDC inserted.")
    assert read["primary_tumour"] == "prostate"
    assert facts("Breast ca, IDC 2019")["primary_tumour"] == "breast"


@pytest.mark.parametrize(
    "text",
    [
        "hip met from breast ca, non-weight-bearing? pain on walking",
        "lung ca staging - is PET-CT needed before surgery?",
        "what does NICE say about managing cancer-related fatigue",
        "MRI safety: can a pt with a cochlear implant go in a 3T scanner for a knee scan?",
        "gent dosing in renal impairment?",
        "back pain in pregnancy 32 wks, safe analgesia?",
    ],
)
def test_round24_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "hip met from breast ca, now both legs weak",
        "hip and T10 mets from breast ca, pain on walking",
        "Incidental L2 met on staging CT, totally asymptomatic. Radiotherapy?",
        "pregnant, breast cancer with spinal mets, new leg weakness",
    ],
)
def test_round24_outside_words_with_ng234_business_are_answered(conversation, text: str) -> None:
    assert not last(conversation, text).out_of_scope
