"""Session 36 (#12): round 73's reading classes, fixed as classes and tested both ways.

A finding said as found in the middle of a denial's list ends the list ("no radicular pain, brisk
reflexes, weak legs": the weak legs had been recorded absent, rf73-229); a worry about what the
patient has been doing is stated; "nil by mouth" denies nothing; "spinal stability" alone is a
topic; Bengali-English and Greek-English words for Box 1 findings and pain.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


def test_a_finding_found_mid_list_ends_the_denial() -> None:
    read = facts(
        "Oesophageal cancer with spine mets: no radicular pain, brisk reflexes, weak legs."
    )
    assert read["limb_weakness"] == "yes"
    assert read["radicular_pain"] == "no"
    read = extract("Oesophageal cancer: no radicular pain, upgoing plantars, weakness.")
    assert read.facts.get("limb_weakness") != "no"  # asked, never absent
    assert facts("Oesophageal cancer: no radicular pain, no weakness.")["limb_weakness"] == "no"


FOUND = [
    ("Breast ca. I keep catching my toes and I stumbled on the stairs twice.", "gait_disturbance"),
    ("Prostate ca. Since two days his pa (legs) are khub weak.", "limb_weakness"),
    ("Ca breast. Pt reports new diff walking, needing 1 x assist.", "gait_disturbance"),
    ("Son says dad (prostate ca) feels a hot wire down the back of his leg.", "radicular_pain"),
    ("Lung cancer. He cannot feel the coins in his pocket.", "sensory_loss"),
    ("Oesophageal ca. On repeat testing both plantars were clearly upgoing.", "cord_signs"),
    (
        "My brother has prostate cancer. He cannot make pipi since this morning.",
        "bladder_bowel_dysfunction",
    ),
    ("Metastatic prostate cancer. LLs: 3/5 L, 3/5 R.", "limb_weakness"),
    (
        "Oesophageal cancer. Nursing staff concerned he has been incontinent of faeces twice.",
        "bladder_bowel_dysfunction",
    ),
    ("Breast cancer. Not unsteady? No - she is, she veered into the wall.", "gait_disturbance"),
    (
        "Breast cancer. I couldn't get any wee out even though I'm bursting.",
        "bladder_bowel_dysfunction",
    ),
    ("Breast ca. Q: waterworks? A: can't go.", "bladder_bowel_dysfunction"),
    ("Pt has cancer (lung)\nCan walk - NO", "gait_disturbance"),
    ("Breast cancer. Berg balance 28/56 (fall risk).", "gait_disturbance"),
    ("breast cancer in spine. my left leg is dragin n its weak", "limb_weakness"),
    ("cant sleep. my cancers in my back. i keep fallin over tonite", "gait_disturbance"),
]


@pytest.mark.parametrize(("text", "fact"), FOUND)
def test_round_73_findings_are_read(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Breast ca. I stumbled across the guideline online.", "gait_disturbance"),
        ("Prostate ca. His legs are not weak.", "limb_weakness"),
        ("Breast ca. Walking independently, no assist needed.", "gait_disturbance"),
        ("Lung cancer. He can feel the coins in his pocket.", "sensory_loss"),
        ("Breast ca. Q: waterworks? A: fine.", "bladder_bowel_dysfunction"),
        ("Pt has cancer (lung)\nCan walk - YES", "gait_disturbance"),
        ("Breast cancer. Berg balance 52/56.", "gait_disturbance"),
        ("My legs aren't numb but they're so weak I can't stand. Breast cancer.", "sensory_loss"),
    ],
)
def test_the_same_words_without_the_finding_are_not_read(text, fact) -> None:
    assert facts(text).get(fact) != "yes"


def test_nil_by_mouth_denies_nothing() -> None:
    read = facts("Patient with MSCC is nil by mouth and vomiting.")
    assert read["mscc"] == "confirmed"  # sc70-159: MSCC had been read as none
    assert facts("Breast ca, no MSCC on MRI.")["mscc"] in ("none", "ruled_out")


def test_spinal_stability_alone_is_a_topic() -> None:
    assert "spinal_instability" not in facts(
        "General question: which spinal stability scoring system does NICE mention?"
    )
    assert facts("MSCC T8, spinal stability confirmed on CT.")["spinal_instability"] == "none"


def test_a_myelopathy_risk_is_no_finding() -> None:
    read = facts("Spinal mets, recurrent pain after RT: what about radiation myelopathy risk?")
    assert "cord_signs" not in read
    assert facts("Breast ca. Radiation myelopathy.")["cord_signs"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "Prostate ca. Painkiller - ekhon morphine - kichui kaaj korche na.",
            "pain_controlled",
            "no",
        ),
        ("Prostate ca, spine mets. Pain khub beshi.", "pain_severe", "yes"),
        ("Prostate ca, spine mets. Raat e ghumote pare na.", "pain_night", "yes"),
        (
            "Prostate ca in the bones. The pain is all the time, not from moving.",
            "pain_mechanical",
            "no",
        ),
        ("MRI: metastasis at L3, NO pressure on the nerves or the spinal cord.", "mscc", "none"),
        ("MSCC at T7 confirmed. Radiotherapy given last week.", "mscc_radiotherapy_given", "yes"),
        ("yes, the doctors already gave me dexamethasone yesterday", "dexamethasone_given", "yes"),
        ("Breast ca. Her legs cramp whenever she walks to the shops.", "claudication", "yes"),
        ("Breast ca.\n- walking: same as usual with his frame", "gait_disturbance", "no"),
        ("Prostate ca. He walk normal.", "gait_disturbance", "no"),
        ("Breast ca. Legs are at her usual baseline.", "limb_weakness", "no"),
    ],
)
def test_round_73_case_facts_are_read(text, fact, value) -> None:
    assert facts(text)[fact] == value


def test_her_usual_baseline_is_now() -> None:
    read = facts("Breast ca. Legs are at her usual baseline, no new numbness, bladder normal.")
    assert read["sensory_loss"] == "no"  # b147: 'baseline' had made the sentence of before
    assert read["bladder_bowel_dysfunction"] == "no"
    before = extract("Breast ca. At baseline no numbness; now numb feet.")
    assert before.facts.get("sensory_loss") != "no"


def test_round_73_case_facts_are_not_read_from_other_words() -> None:
    assert "mscc_radiotherapy_given" not in facts("Prostate ca. Radiotherapy given 2 years ago.")
    moving = facts("Prostate ca in the bones. The pain is worse when moving.")
    assert moving.get("pain_mechanical") != "no"
