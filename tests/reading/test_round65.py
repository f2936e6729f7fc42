"""Session 32 (#12): round 65's reading classes, fixed as classes and tested both ways: a lost
temperature sense beside a normal touch, walking that has gone, unawareness that is no denial,
a caller's relative who is the patient, Hindi, Urdu and Gujarati denials after what they deny,
a reporting clause after a comma, and new words for Box 1 findings and case facts."""

from __future__ import annotations

import pytest
from chat_helpers import facts


def test_a_lost_temperature_sense_is_sensory_loss_beside_a_normal_touch() -> None:
    read = facts(
        "Dad has lung cancer. He says his legs feel normal to touch, but he can't tell hot from "
        "cold bath water with his feet any more."
    )
    assert read["sensory_loss"] == "yes"  # rf65-096: recorded absent on the first run
    assert "sensory_loss" not in facts("lung ca. he can tell hot from cold fine")


def test_walking_that_has_gone_is_a_gait_disturbance() -> None:
    read = facts(
        "Not unable to walk, but not far from it - she manages three steps with a frame. Myeloma."
    )
    assert read["gait_disturbance"] == "yes"  # rf65-160: recorded absent on the first run
    read = facts(
        "breast ca. over the last week she has gone from walking with one stick to not being able "
        "to walk at all."
    )
    assert read["gait_disturbance"] == "yes"
    assert "complete_paralysis" not in read  # the walking she went from is no sign of power
    assert facts("Myeloma. She is not unable to walk.")["gait_disturbance"] == "no"


def test_unawareness_is_no_denial() -> None:
    read = facts(
        "bowel ca. I've had two times where I didn't realise I'd wet myself until I stood up."
    )
    assert read["bladder_bowel_dysfunction"] == "yes"  # rf65-005: asked on the first run
    assert facts("bowel ca. she didn't wet herself")["bladder_bowel_dysfunction"] == "no"


def test_a_callers_relative_is_the_patient() -> None:
    read = facts(
        "Caller's husband has lung cancer and has pins and needles in both feet since this "
        "morning - can this wait until Monday?"
    )
    assert read["cancer_diagnosis"] == "yes" and read["sensory_loss"] == "yes"
    # someone else's relative stays someone else's
    assert "limb_weakness" not in facts("Grandad's friend has prostate cancer and weak legs")
    read = facts(
        "Her husband uses a frame and has numb feet from his diabetes. She herself (breast ca) is "
        "walking independently."
    )
    assert read.get("sensory_loss") != "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("prostate ca. legs mein koi kamzori nahi, sunn bhi nahi hotay", "sensory_loss", "no"),
        ("Legs ma koi weakness nathi (no weakness). lung ca", "limb_weakness", "no"),
        ("Na, legs ma weakness nathi - no weakness.", "limb_weakness", "no"),
    ],
)
def test_denials_after_what_they_deny_in_hindi_urdu_and_gujarati(
    text: str, fact: str, value: str
) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("prostate ca. taangon mein jaan nahi hai", "limb_weakness"),
        ("prostate ca. peshab nahi ho raha", "bladder_bowel_dysfunction"),
        ("prostate ca. woh chal nahi sakte", "gait_disturbance"),
    ],
)
def test_a_finding_said_with_nahi_stays_a_finding(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


def test_a_reporting_clause_after_a_comma_is_a_clause_of_its_own() -> None:
    read = facts(
        "lung ca. he has not passed urine since morning, he says he is feeling full but nothing is "
        "coming."
    )
    assert read["bladder_bowel_dysfunction"] == "yes"  # rf65-011: asked on the first run
    assert "sensory_loss" not in read  # "feeling full" is no sensation
    assert facts("lung ca. Feeling: full")["sensory_loss"] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("renal ca. since Thursday his right leg has been dragging", "gait_disturbance"),
        ("renal ca. he has caught his toe on the carpet twice", "gait_disturbance"),
        ("myeloma. she couldn't balance on her feet", "gait_disturbance"),
        ("Melanoma, L1 met. Walking 10 m with two sticks (new).", "gait_disturbance"),
        ("lung ca pt c/o weekness in bth legs + fel twice 2day", "gait_disturbance"),
        ("Dad has bowel cancer. He's not got any strength in his legs.", "limb_weakness"),
        ("bowel ca. can't even lift them onto the bed", "limb_weakness"),
        ("abu ko cancer hai prostate wala. lgs vry weak", "limb_weakness"),
        ("I have lung cancer. I can't feel the bath water below my belly button.", "sensory_loss"),
        ("I have lung cancer. The bottom half of me feels wooden.", "sensory_loss"),
        ("My sister has cervical cancer and she's lost feeling between her legs", "sensory_loss"),
        ("Met RCC. c/o N+T BLE & unsteady gait x3/7.", "sensory_loss"),
        ("pt w lung ca c/o numbess both feet + diff PU.", "bladder_bowel_dysfunction"),
        ("Cervical ca: shooting pain to the heel", "radicular_pain"),
        ("Ca lung. Also c/o RP down R arm.", "radicular_pain"),
        ("met breast ca, pain shootin dwn bth legs", "radicular_pain"),
    ],
)
def test_new_words_for_box_1_findings(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


def test_balance_and_passing_urine_said_to_be_fine_are_normals() -> None:
    assert facts("lung ca. she can balance fine")["gait_disturbance"] == "no"
    assert facts("lung ca. no difficulty passing urine")["bladder_bowel_dysfunction"] == "no"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("MSCC at L1. surgery was never an option", "suitable_for_surgery", "no"),
        ("MSCC at T6. He is not a candidate for spinal surgery.", "suitable_for_surgery", "no"),
        (
            "MSCC at T6. Radiotherapy and further systemic anticancer treatment are not "
            "recommended.",
            "oncology_treatment_inappropriate",
            "yes",
        ),
        (
            "lung cancer. only 2 spots of spread, one in the T5 vertebra",
            "spinal_metastases",
            "confirmed",
        ),
        ("lung cancer. only 2 spots of spread, one in the T5 vertebra", "oligometastases", "yes"),
        (
            "myeloma, lytic lesion L1\nPain: 3/10 at rest, 8/10 on rolling and sitting up",
            "pain_mechanical",
            "yes",
        ),
        (
            "70F, spinal metastases at T10. The primary has not been identified on CT.",
            "primary_tumour",
            "not_identified",
        ),
        (
            "spinal surgeons say he's suitable for surgery, op tomorrow.",
            "awaiting_definitive_treatment",
            "yes",
        ),
        (
            "physio says a specialist rehab unit would likely benefit her",
            "rehab_benefit_likely",
            "yes",
        ),
        (
            "MSCC treated with radiotherapy. Started graded sitting today and there was a "
            "significant increase in her pain when she sat up.",
            "mobilisation_deterioration",
            "yes",
        ),
    ],
)
def test_new_words_for_case_facts(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


def test_a_benign_cause_of_cord_compression_is_no_mscc() -> None:
    assert "mscc" not in facts("Spinal epidural abscess with cord compression")
    assert (
        facts("lung ca, MRI shows epidural disease with cord compression at T6")["mscc"]
        == "confirmed"
    )
