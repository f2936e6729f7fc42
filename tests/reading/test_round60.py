"""Session 30 (#12): round 60's reading classes, fixed as classes and tested both ways: a denial
whose sentence turns to the other part of bladder-and-bowels, an item past a turn word or a
repeated denial, a state with its side, an exam finding as a clause, findings in everyday and
misspelt words, Urdu mixed with English, spinal involvement of a haematological cancer, a
yes-no question about a plan, and a relative named by their relation to the patient."""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


def test_a_denial_whose_sentence_turns_to_bladder_words_is_never_absent() -> None:
    read = extract(
        "Bowel cancer with spinal disease. Not incontinent, although she has had to strain and "
        "wait a long time to start passing urine since Monday."
    )
    assert read.facts["bladder_bowel_dysfunction"] == "yes"
    # the turn alone, in words the reader lacks, still keeps it from absent (H02)
    read = extract("Lung ca. Not incontinent, although she is constipated from the morphine.")
    assert read.facts.get("bladder_bowel_dysfunction") != "no"
    assert "bladder_bowel_dysfunction" in read.uncertain
    # a denial with no turn, or a turn to something else, still denies
    assert (
        facts("Prostate ca. Not incontinent. Back pain at night.")["bladder_bowel_dysfunction"]
        == "no"
    )
    assert (
        facts("Prostate ca. Not incontinent, but his back pain is worse at night.")[
            "bladder_bowel_dysfunction"
        ]
        == "no"
    )


def test_an_item_after_only_or_after_a_repeated_denial_is_stated() -> None:
    read = facts(
        "Myeloma patient. Our patient has no bladder problems and no weakness, only pins and "
        "needles in his feet."
    )
    assert read["sensory_loss"] == "yes"
    assert read["limb_weakness"] == "no"
    read = facts("Prostate ca - no bladder symptoms and no bowel symptoms, numb R foot.")
    assert read["sensory_loss"] == "yes"
    assert read["bladder_bowel_dysfunction"] == "no"
    # one denial's plain list still denies every item
    assert facts("Prostate ca. No weakness, numbness or retention.")["sensory_loss"] == "no"


def test_a_state_with_its_side_past_a_denials_comma_is_asked_never_absent() -> None:
    read = extract("Breast ca. No pain down the legs, numb R foot, weak left leg.")
    assert read.facts.get("sensory_loss") != "no"
    assert read.facts.get("limb_weakness") != "no"


def test_an_exam_finding_with_its_own_predicate_past_a_denial_is_stated() -> None:
    assert facts("Prostate ca. Neuro: no clonus, plantars up bilaterally.")["cord_signs"] == "yes"
    assert facts("Prostate ca. No clonus, plantars.")["cord_signs"] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Renal ca, L1 met. She has needed a wheelchair to come in, which is new.",
            "gait_disturbance",
        ),
        (
            "Prostate ca. Pain in back is going like electric down to his left leg.",
            "radicular_pain",
        ),
        ("Breast ca. A burning pain running along it from my spine.", "radicular_pain"),
        ("Kidney cancer. Pain shooting down the anterior thigh.", "radicular_pain"),
        (
            "Oesophageal ca. He could not step onto the scales without holding on.",
            "gait_disturbance",
        ),
        ("Breast ca. Mobilising with frame (baseline independent).", "gait_disturbance"),
        ("78M, mCRPC, bony mets. PC: BLLW x3/7.", "limb_weakness"),
        ("Bowel cancer: he says his legs have no oomph left.", "limb_weakness"),
        ("Breast cancer. She's not steady on her pins.", "gait_disturbance"),
        ("Breast cancer. She feels like she's walking on sponges.", "sensory_loss"),
        ("Lung ca. Not a day goes by now without him having a fall.", "gait_disturbance"),
        ("Lung cancer. He says he can't feel where his feet are.", "sensory_loss"),
        ("Kidney cancer. I'm catching my toe on the carpet when I walk.", "gait_disturbance"),
        ("Colorectal ca. Sensation on testing: reduced L1 downwards.", "sensory_loss"),
        ("My husband has prostrate cancer and his legs are weal.", "limb_weakness"),
        ("My husband has myeloma and his feet feel numbed.", "sensory_loss"),
        ("Prostate ca. TWOC failed, re-cath'd, RV 650 ml.", "bladder_bowel_dysfunction"),
        (
            "Breast ca. No incontinence, but she waits ages for the wee to come.",
            "bladder_bowel_dysfunction",
        ),
        ("Myeloma. Denies any improvement in his leg weakness.", "limb_weakness"),
        (
            "Myeloma. It's not that she doesn't want to walk - she can't, her legs are too "
            "weak to hold her.",
            "limb_weakness",
        ),
    ],
)
def test_findings_in_everyday_and_misspelt_words_are_read(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes", text


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Renal ca. She doesn't need a wheelchair.", "gait_disturbance"),
        ("Prostate ca. He can step onto the scales without holding on.", "gait_disturbance"),
        ("Breast cancer. She's steady on her feet.", "gait_disturbance"),
        ("Prostate ca. His legs are fine this week.", "limb_weakness"),
        ("Myeloma. Denies leg weakness.", "limb_weakness"),
    ],
)
def test_the_same_words_without_the_finding_are_not_read_as_it(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes", text


def test_urdu_mixed_with_english_is_read() -> None:
    read = facts(
        "Mere chacha ko prostate cancer hai. Pichle 2 hafte se kamar mein bohat dard hai. "
        "Legs mein koi kamzori nahi, chal phir theek hai, peshab aur potty bhi normal hai."
    )
    assert read["back_pain"] == "yes"
    assert read["gait_disturbance"] == "no"
    assert read["bladder_bowel_dysfunction"] == "no"
    read = facts("Meri khala ko lymphoma hai. Doctor ne kaha tha spine mein bhi lymphoma hai.")
    assert read["spinal_metastases"] == "confirmed"
    assert facts("Lung ca with MSCC. Hospital wale keh rahe hain ke lete raho.")["immobilised"] == (
        "yes"
    )
    read = facts("Meri khala ko lymphoma hai. Khari nahi ho pa rahin.")
    assert read["gait_disturbance"] == "yes"
    # a relative glossed with the writer's own word is still the patient
    read = facts("meri khala (my aunt) ko breast cancer tha 5 saal pehle. Ab unki kamar mein dard")
    assert read["cancer_diagnosis"] == "yes"
    assert read["back_pain"] == "yes"


def test_spinal_involvement_of_a_haematological_cancer_is_spinal_disease() -> None:
    read = facts("DLBCL. Staging PET-CT showed T10 vertebral and paraspinal involvement.")
    assert read["spinal_metastases"] == "confirmed"
    assert facts("DLBCL. PET-CT: no vertebral involvement.").get("spinal_metastases") != (
        "confirmed"
    )


def test_dexamethasone_with_its_dose_in_words_is_given() -> None:
    read = facts("Myeloma. Haematology started him on high-dose dexamethasone.")
    assert read["dexamethasone_given"] == "yes"
    assert read["on_corticosteroids"] == "yes"


def test_a_yes_no_question_about_a_plan_writes_no_plan_into_the_case() -> None:
    read = facts(
        "Clin onc SpR. Man with prostate ca. Does he need an MRI tonight or within the week?"
    )
    assert "urgent_diagnosis_for_immediate_treatment" not in read
    assert (
        facts("Prostate ca, weak legs. He needs an MRI tonight.")[
            "urgent_diagnosis_for_immediate_treatment"
        ]
        == "yes"
    )


def test_a_relative_named_by_their_relation_to_the_patient_only_informs() -> None:
    read = facts(
        "Lung CNS, phone call from a patient's wife: 67M, known lung cancer with spinal mets, "
        "weakness in both legs."
    )
    assert read["spinal_metastases"] == "confirmed"
    assert read["limb_weakness"] == "yes"
    # a relative's own illness is still theirs
    assert (
        facts("Lung ca. His wife has spinal mets from breast cancer.").get("spinal_metastases")
        != "confirmed"
    )


def test_the_cord_pressed_on_imaging_is_mscc_and_no_pressure_is_not() -> None:
    read = facts("Myeloma. The MRI shows myeloma in my spine pressing on the cord at T9.")
    assert read["mscc"] == "confirmed"
    read = facts(
        "Myeloma. An MRI last week showed myeloma deposits in my spine at T12 and L1 but no "
        "pressure on the spinal cord."
    )
    assert read.get("mscc") != "confirmed"


def test_progressive_and_difficult_pain_in_a_clause_of_their_own() -> None:
    read = facts("Lung ca, thoracic back pain for 3 weeks that is steadily getting worse.")
    assert read["pain_progressive"] == "yes"
    assert (
        facts("Prostate ca. His pain is getting hard to manage even on morphine.")["pain_difficult"]
        == "yes"
    )
    assert facts("Lung ca, back pain for 3 weeks that is getting better.").get(
        "pain_progressive"
    ) != ("yes")
