"""Session 31 (#12): round 63's reading classes, fixed as classes and tested both ways: a
relative named in the possessive, a habit of before ("which I never used to"), an episode that
"has never come back", a finding said to be the person's usual, and new words for case facts."""

from __future__ import annotations

import pytest
from chat_helpers import facts


def test_a_relative_named_in_the_possessive_keeps_their_findings() -> None:
    assert facts("Bowel cancer. Her brother's legs are weak.").get("limb_weakness") != "yes"
    read = facts(
        "Bowel cancer 2017. She is worried because her husband's legs went weak last year "
        "(slipped disc). She herself: no weakness, no numbness or tingling."
    )
    assert read["limb_weakness"] == "no"
    # the one relative a message speaks of is still the patient
    own = facts("My husband's legs went weak. He has prostate cancer.")
    assert own["limb_weakness"] == "yes"
    # the writer's relative named again, another relative between (rf62-172, rf59-064): H02
    read = facts(
        "My dad has myeloma. He's not the one who's incontinent - that's my grandad in the care "
        "home. Dad's legs are getting weak though."
    )
    assert read["limb_weakness"] == "yes"


def test_a_habit_of_before_denies_nothing_after_it() -> None:
    read = facts(
        "NO PAIN IN MY BACK AT ALL BUT BOTH FEET GONE NUMB SINCE MONDAY AND I DRIBBLE URINE NOW "
        "WHICH I NEVER USED TO PROSTATE CANCER 2019 THEY SAID IT HAD GONE IN MY HIP BONE"
    )
    assert read["cancer_diagnosis"] == "yes"  # b127: was read as no cancer
    assert read["bladder_bowel_dysfunction"] == "yes"
    assert facts("He is 70 and has never had cancer.")["cancer_diagnosis"] == "no"


def test_an_episode_that_never_came_back_is_history() -> None:
    read = facts(
        "63F breast ca, T8 met treated with 8 Gy SF in 2023; at the time she had some leg "
        "numbness which fully resolved and has never come back. Neuro exam normal today."
    )
    assert read.get("sensory_loss") != "yes"
    back = facts("Breast ca. Weak legs at the time I saw him this morning.")
    assert back["limb_weakness"] == "yes"  # 'at the time' of now is not a past episode


def test_a_finding_said_to_be_the_persons_usual_is_asked_never_new() -> None:
    assert "gait_disturbance" not in facts(
        "Prostate ca. Mobility: walks with a stick, same as his baseline"
    )
    assert facts("Prostate ca. New weak legs, walking with a frame, not his usual")[
        "limb_weakness"
    ] == ("yes")


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Prostate ca, MSCC at T6 - complete paraplegia, no sensation or movement below the "
         "level, present for 3 weeks now.", "paralysis_2_weeks", "yes"),
        ("71F. MRI spine shows multiple lesions through thoracic and lumbar spine.",
         "spinal_metastases", "confirmed"),
        ("Lung primary. Just discharged after radiotherapy for spinal cord compression.",
         "mscc_radiotherapy_given", "yes"),
        ("My dad is 82 and he's got cancer in his prostate.", "primary_tumour", "prostate"),
        ("Kidney ca, post-op. They're talking about sending him home.", "discharge_planned",
         "yes"),
    ],
)  # fmt: skip
def test_round63_case_words_are_read(text, fact, value) -> None:
    assert facts(text)[fact] == value


def test_round63_case_words_near_misses() -> None:
    assert facts("Prostate ca. Lesions in the liver.").get("spinal_metastases") != "confirmed"
    assert facts("Cancer in her family. Back pain.").get("primary_tumour") is None


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Known Ca prostate. c/o BLE weakness x2/7, PINS both feet.", "sensory_loss"),
        ("Breast ca\nPINs hands+feet", "sensory_loss"),
        ("Why can't she feel anything below her belly button? Breast cancer.", "sensory_loss"),
        ("Myeloma. She's tripping over her own feet and her right leg drags.", "limb_weakness"),
        ("I have ovarian cancer. I keep falling because my legs just go.", "limb_weakness"),
        ("My wife's been tottering about, grabbing the furniture. Ovarian cancer.",
         "gait_disturbance"),
    ],
)  # fmt: skip
def test_round63_words_for_box1_findings(text, fact) -> None:
    assert facts(text)[fact] == "yes"


def test_round63_words_near_misses() -> None:
    assert "sensory_loss" not in facts("Lung ca. Pins inserted in the hip last year.")
    assert facts("Lung ca. My legs go numb at night.").get("limb_weakness") != "yes"


def test_polish_mixed_with_english_and_its_case_words_are_read() -> None:
    read = facts("Mama ma rak piersi, od 2020. Now 3 weeks she has ból pleców very strong.")
    assert read["primary_tumour"] == "breast"
    assert read["back_pain"] == "yes"
    read = facts(
        "Mój tata has szpiczak - myeloma. The MRI show it is in few bones of the spine. He is "
        "planned for stem cells collection in summer."
    )
    assert read["spinal_metastases"] == "confirmed"
    assert read["stem_cell_harvest_considered"] == "yes"
    clear = facts("Breast cancer 2020. She had MRI of the spine because of back pain and it show "
                  "no cancer there.")  # fmt: skip
    assert clear["spinal_metastases"] == "ruled_out"
    assert facts("Breast ca. The MRI shows it is in the liver.").get("spinal_metastases") != (
        "confirmed"
    )
