"""Session 30 (#12): round 61's reading classes, fixed as classes and tested both ways: a
question the message answers itself, a label's value on the next line, a new need for a walking
aid past a denial's comma, lost bladder sensation, sensory levels by landmark, Tagalog and
Spanish mixed with English (their denials too), and spinal involvement in a radiologist's
words."""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


def test_a_question_the_message_answers_itself_is_read_by_its_answer() -> None:
    read = facts("Prostate cancer. Negative Babinski? No, it's positive on the right.")
    assert read["cord_signs"] == "yes"  # H02: never absent
    assert (
        facts("Prostate cancer. Upgoing plantars? No, they're downgoing.").get("cord_signs")
        != "yes"
    )


def test_a_labels_value_on_the_next_line_is_the_labels() -> None:
    read = facts("Breast cancer patient\nPlantars:\nR up\nL down\nClonus: none")
    assert read["cord_signs"] == "yes"  # H02: the denial of clonus does not make it absent
    read = facts("Lung ca\nPower:\n5/5 throughout\nSensation:\nintact")
    assert read["limb_weakness"] == "no"
    assert read["sensory_loss"] == "no"


def test_a_new_need_for_a_walking_aid_past_a_denial_is_stated() -> None:
    read = facts("Myeloma. No falls reported, new need for a walking frame since Monday.")
    assert read["gait_disturbance"] == "yes"
    assert facts("Myeloma. No need for a walking frame.")["gait_disturbance"] == "no"
    assert facts("Myeloma. 10 m walk test 45 s today; needs a stick now.")["gait_disturbance"] == (
        "yes"
    )


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Oesophageal ca. He says he hasn't felt the need to pass urine since yesterday.",
            "bladder_bowel_dysfunction",
        ),
        (
            "Breast cancer. She can't tell when she's passed urine.",
            "bladder_bowel_dysfunction",
        ),
        ("Lung ca, MSCC. He has not walked for 24 hours.", "gait_disturbance"),
        (
            "Melanoma. Loss of pain and temperature sensation in the right leg up to T9.",
            "sensory_loss",
        ),
        ("Lymphoma. PR: he can't feel the examining finger.", "sensory_loss"),
        ("Melanoma. Anesthesia to pinprick below the umbilicus on exam.", "cord_signs"),
        ("DLBCL. New numbness up to the umbilicus.", "cord_signs"),
        ("Prostate cancer patient, 4 beats at the right ankle today.", "cord_signs"),
        ("Mets ca unknown primary. LL pwr 4/5, DTRs ↑.", "cord_signs"),
        ("Ca breast. Pt reports urgency & new UI.", "bladder_bowel_dysfunction"),
        (
            "Lung cancer. Bladder fine. Bowels not: new faecal incontinence twice today.",
            "bladder_bowel_dysfunction",
        ),
        ("DLBCL. New bilateral leg heaviness.", "limb_weakness"),
        ("lolo q my cancer, d mkaihi since kgabi, nanghihina legs nya", "limb_weakness"),
        ("Yung lola ko po, may cancer, nahihirapan siyang maglakad.", "gait_disturbance"),
        ("BP dropped from 130 to 85 systolic on sitting up.", "orthostatic_hypotension"),
    ],
)
def test_findings_in_the_examiners_and_everyday_words_are_read(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes", text


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Oesophageal ca. He passes urine normally and feels the need to go.",
            "bladder_bowel_dysfunction",
        ),
        ("Lung ca. He has walked to the shop today.", "gait_disturbance"),
        ("Prostate cancer. No clonus at the ankles.", "cord_signs"),
        ("Myeloma. He is on the UI team.", "bladder_bowel_dysfunction"),
    ],
)
def test_the_same_words_without_the_finding_are_not_read_as_it(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes", text


def test_tagalog_and_spanish_denials_deny() -> None:
    read = facts(
        "Hi po, asking for my lolo, 74. Wala siyang cancer history as far as we know. Pero 2 "
        "months na yung sakit ng likod niya. Nakakalakad pa naman siya normal, walang "
        "pamamanhid, ok naman pag-ihi. Sabi ng doctor sa clinic baka cancer daw."
    )
    assert read["cancer_diagnosis"] == "no"
    assert read["cancer_suspected"] == "yes"
    assert read["gait_disturbance"] == "no"
    assert read["sensory_loss"] == "no"
    assert read["bladder_bowel_dysfunction"] == "no"
    read = facts(
        "My lolo has prostate cancer na kumalat na sa spine niya, walang cord compression."
    )
    assert read["spinal_metastases"] == "confirmed"
    assert read.get("mscc") != "confirmed"
    assert (
        facts("Hola, mi madre, 70 años. Nunca tuvo cáncer before.").get("cancer_diagnosis") != "yes"
    )


def test_spinal_involvement_in_the_radiologists_words_is_spinal_disease() -> None:
    assert (
        facts("Myeloma. MRI shows infiltration of T11 and L2 vertebral bodies.")[
            "spinal_metastases"
        ]
        == "confirmed"
    )
    assert (
        facts("DLBCL. PET: a T10 paravertebral mass extending into the spinal canal.")[
            "spinal_metastases"
        ]
        == "confirmed"
    )
    assert facts("Myeloma. It shows myeloma in 3 of my vertebrae.")["spinal_metastases"] == (
        "confirmed"
    )


def test_a_plan_to_talk_about_radiotherapy_and_steroids_started() -> None:
    assert (
        facts("Myeloma. They're also talking about radiotherapy to my spine for the pain.")[
            "radiotherapy_considered"
        ]
        == "yes"
    )
    assert facts("MSCC. Steroids started this morning.")["on_corticosteroids"] == "yes"
    assert "on_corticosteroids" not in extract("MSCC. Steroids not started yet.").facts or (
        facts("MSCC. Steroids not started yet.")["on_corticosteroids"] != "yes"
    )


def test_vertebrae_is_a_word_not_a_typo() -> None:
    read = extract("Myeloma. It shows myeloma in 3 of my vertebrae.")
    assert not any("vertebrae" in notice for notice in read.notices)


def test_not_only_after_its_verb_states_the_finding() -> None:
    assert facts("Myeloma. She is not only numb in both feet but weak too.")["sensory_loss"] == (
        "yes"
    )
    assert facts("Myeloma. She is not numb.")["sensory_loss"] == "no"
