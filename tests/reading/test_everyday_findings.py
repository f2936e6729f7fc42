"""Everyday, ward and informant wording for Box 1 findings (issue #12; round-7 blind classes).

Each phrasing is read as the patient's finding; the same words denied are read as "no"; words
that carry a negation of their own ("can't move her legs", "no feeling below the chest") are a
finding, never a denial of it; and a side named after a negated list ("no saddle numbness, left
foot drop") opens a finding of its own.
"""

from __future__ import annotations

import pytest

from assistant.reading.extract import extract

FOUND = [
    ("breast ca, can't move her legs at all", "limb_weakness"),
    ("breast ca, could not lift either leg off the bed", "limb_weakness"),
    ("breast ca n legs gone n cant pee", "limb_weakness"),
    ("bed 5, pros ca, no cp, legs wk, cant void", "limb_weakness"),
    ("myeloma; quads 3/5", "limb_weakness"),
    ("pancreatic ca, her hands have no strength", "limb_weakness"),
    ("lymphoma, grip weak", "limb_weakness"),
    ("Breast ca. Weak R hand grip, can't open jars. No leg weakness.", "limb_weakness"),
    ("bowel ca. balance poor, needed 2 to walk", "gait_disturbance"),
    (
        "Daughter\nmum has lung ca\nsays mum is dragging both feet when she walks",
        "gait_disturbance",
    ),
    ("kidney ca, walking like he's drunk for a week", "gait_disturbance"),
    ("renal ca, using the walls to walk", "gait_disturbance"),
    ("melanoma; now wheelchair-bound, was walking a week ago", "gait_disturbance"),
    ("pros ca pt - wife sez hes fallin lots", "gait_disturbance"),
    (
        "- son called\n- mum (lung ca) weeing herself overnight, never had this",
        "bladder_bowel_dysfunction",
    ),
    ("prostate ca, wetting hisself at nite", "bladder_bowel_dysfunction"),
    ("breast ca, walking v wobbly + incont x1", "bladder_bowel_dysfunction"),
    ("thyroid ca, not been able to pass urine properly for a day", "bladder_bowel_dysfunction"),
    ("lung ca, has to strain to start passing urine", "bladder_bowel_dysfunction"),
    ("kidney ca, has no feeling below the chest", "sensory_loss"),
    ("prostate ca, cannot feel the toilet paper when wiping", "sensory_loss"),
    ("myeloma, tone on PR reduced", "cord_signs"),
    ("pros ca, reflexes 3+, toes up", "cord_signs"),
    ("breast ca, reflexes very brisk", "cord_signs"),
    ("lung ca, 2/52 pain wrapping round chest at T6", "radicular_pain"),
    ("bowel ca, zappy pain round chest", "radicular_pain"),
    ("myeloma pt, pain shootin down R leg", "radicular_pain"),
    ("ovarian ca, no urinary symptoms, no saddle numbness, left foot drop", "limb_weakness"),
    # round-8 follow-ups: a finding at the very end of the message
    ("prostate ca, legs weak and he keeps tripping", "gait_disturbance"),
    ("lung ca, 1/52 back pain, bad at night", "pain_night"),
]


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("prostate ca, MSCC, on dex 16mg daily", "dexamethasone_given", "yes"),
        ("not on dex", "dexamethasone_given", "no"),
        ("myeloma, ?cord comp", "mscc", "suspected"),
        ("myeloma, cord comp at T10 on MRI", "mscc", "confirmed"),
        ("prostate ca, no cord comp on MRI", "mscc", "none"),
    ],
)
def test_ward_abbreviations_for_treatment_and_status(text, fact, value):
    assert extract(text).facts.get(fact) == value


def test_a_question_about_dex_records_nothing():
    read = extract("should he be on dex?")
    assert "dexamethasone_given" not in read.facts


@pytest.mark.parametrize(("text", "fact"), FOUND)
def test_everyday_wording_is_read_as_the_finding(text, fact):
    assert extract(text).facts.get(fact) == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("breast ca, she can move her legs", "limb_weakness"),
        ("prostate ca. wife has a bad back and keeps falling", "gait_disturbance"),
        ("breast ca, legs gone numb", "limb_weakness"),
        ("breast ca, no weakness, numbness or retention", "sensory_loss"),
    ],
)
def test_it_is_not_read_where_it_is_not_said(text, fact):
    assert extract(text).facts.get(fact) != "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("breast ca, no numbness and can still feel her legs", "sensory_loss"),
        ("breast ca, not unable to walk", "gait_disturbance"),
        ("breast ca, no weakness, numbness or retention", "limb_weakness"),
    ],
)
def test_a_denial_is_still_read_as_no(text, fact):
    assert extract(text).facts.get(fact) == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("ca kidney, upgoin plantars bilat", "cord_signs"),
        ("Renal ca. Pantars upgoing bilateraly", "cord_signs"),
        ("Lymphoma pt, clonnus both ankles", "cord_signs"),
        ("Breast cancr with bone mets, numbnes in both feet", "sensory_loss"),
        ("Ca prostate. Pins and neeldes both legs", "sensory_loss"),
    ],
)
def test_a_one_letter_typo_of_a_short_clinical_word_is_read(text, fact):
    read = extract(text)
    assert read.facts.get(fact) == "yes"
    assert any("Possible typos" in n for n in read.notices)  # said, never silent


@pytest.mark.parametrize(
    "text", ["cancel the MRI", "single fraction 8 Gy", "the plantar fasciitis", "calling the team"]
)
def test_ordinary_short_words_are_not_corrected_into_findings(text):
    read = extract(text)
    assert not read.facts
    assert not any("Possible typos" in n for n in read.notices)


# --- the three red flags round 9's first run recorded absent, each a class ------------------


def test_a_habitual_normal_is_not_a_denial_now():
    """'walking with a frame today, usually walks unaided' (rf9-012)."""
    read = extract("lymphoma. walking with a frame today, usually walks unaided")
    assert read.facts.get("gait_disturbance") == "yes"
    assert extract("lymphoma. usually walks unaided").facts.get("gait_disturbance") != "no"
    assert extract("lymphoma. walks unaided").facts.get("gait_disturbance") == "no"


def test_a_walking_aid_is_a_finding_only_when_said_to_be_new():
    assert extract("prostate ca, now walking with a stick").facts.get("gait_disturbance") == "yes"
    rehab = extract("MSCC treated with RT, walking with a frame, very motivated")
    assert "gait_disturbance" not in rehab.facts


def test_an_inline_numbered_list_ends_a_negation_at_each_number():
    """'1 ca prostate 2 back pain 3 no fever 4 clonus R ankle 5 pwr ok' (rf9-051)."""
    read = extract("1 ca prostate 2 back pain 3 no fever 4 clonus R ankle 5 pwr ok")
    assert read.facts.get("cord_signs") == "yes"
    # numbers that are not a 1, 2, 3 … run change nothing
    plain = extract("breast ca 2 weeks back pain, no weakness or numbness").facts
    assert plain.get("limb_weakness") == "no" and plain.get("sensory_loss") == "no"


def test_band_pain_is_radicular_and_a_resolved_old_pain_does_not_deny_it():
    """'Old sciatica resolved. Now: 1) band pain T6' (rf9-328)."""
    text = "Lung ca. Old sciatica resolved. Now: 1) band pain T6, 2) ?subtle weakness L leg"
    read = extract(text)
    assert read.facts.get("radicular_pain") == "yes"
    assert "limb_weakness" in read.uncertain
    assert extract("lung ca, no band pain").facts.get("radicular_pain") == "no"
