"""Session 37 (#12): round 75's reading classes, fixed as classes and tested both ways.

A hedged sign had been recorded absent: a normal said of one side only ("Plantars: R flexor, L
equivocal", rf75-036) spoke for both. A label's answer reaches its own label only ("Sx weak legs
numb feet bladder - nil" had denied the legs and the feet), and not across a full stop
("Bilat LL P&N. Uro: NAD", rf49-080). Also: a finding dated to now past a denial's comma, a
relative saying what the writer is doing, a differential written with "vs", a treatment someone
wants to start, "nobody has given me", night pain with the night and the sleep apart, and
everyday words for Box 1 findings.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


def test_a_normal_said_of_one_side_speaks_for_that_side_only() -> None:
    assert "cord_signs" not in facts("Prostate ca. Plantars: R flexor, L equivocal.")
    assert facts("Prostate ca. Plantars: R flexor, L upgoing.")["cord_signs"] == "yes"
    assert facts("Prostate ca. Plantars: R flexor, L flexor.")["cord_signs"] == "no"
    assert facts("Prostate ca. Plantars: flexor bilaterally.")["cord_signs"] == "no"
    assert facts("Prostate ca. Sensation: L normal, R reduced")["sensory_loss"] == "yes"
    assert facts("Prostate ca. Reflexes: R normal, L brisk")["cord_signs"] == "yes"


def test_a_hedged_reflex_exam_is_never_absent() -> None:
    read = extract(
        "Exam: power 5/5 in all groups. Reflexes: knees brisk but symmetrical, ?significance; "
        "ankles normal. Plantars: R flexor, L equivocal. Sensation normal. Known prostate "
        "cancer with an L2 metastasis."
    )
    assert read.facts.get("cord_signs") != "no"  # rf75-036: had been recorded absent
    assert read.facts["limb_weakness"] == read.facts["sensory_loss"] == "no"


def test_a_label_answer_reaches_its_own_label_only() -> None:
    read = facts("Ca prostate. Sx weak legs numb feet bladder - nil")
    assert read["limb_weakness"] == read["sensory_loss"] == "yes"  # had both been absent
    assert facts("Lung ca. Bilat LL P&N. Uro: NAD.")["sensory_loss"] == "yes"  # rf49-080
    joined = facts("Ca prostate. Weak legs and numbness - denies")
    assert joined["limb_weakness"] == joined["sensory_loss"] == "no"
    assert facts("Ca prostate. Leg weakness: no")["limb_weakness"] == "no"
    listed = extract("Ca prostate. weak legs, numbness: denies")
    assert listed.facts.get("limb_weakness") != "no"  # a bare comma: asked (H02)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Denies numbness, has fallen twice this week. Breast cancer.", "gait_disturbance"),
        (
            "No radiating pain, incontinent of urine this morning. Lung cancer.",
            "bladder_bowel_dysfunction",
        ),
    ],
)
def test_a_finding_dated_to_now_past_a_denials_comma_is_stated(text, fact) -> None:
    assert facts(text)[fact] == "yes"


def test_a_list_of_denials_stays_one() -> None:
    read = facts("No weakness, numbness, incontinence. Lung cancer.")
    assert read["limb_weakness"] == read["sensory_loss"] == "no"
    assert read["bladder_bowel_dysfunction"] == "no"


def test_a_relative_saying_what_the_writer_is_doing() -> None:
    read = facts(
        "I've got kidney cancer. my wife says I'm walking funny and I tripped on the kerb "
        "twice yesterday which I never do."
    )
    assert read["gait_disturbance"] == "yes"  # rf75-003: had been the wife's


def test_a_differential_with_vs_is_suspected() -> None:
    read = facts(
        "58M, no cancer history. Radiologist flagged lytic lesions in T12 and L3, "
        "'myeloma vs metastases'."
    )
    assert read["haematological_malignancy"] == "radiologically_suspected"  # had been confirmed
    assert read["cancer_diagnosis"] == "no"
    assert facts("Myeloma confirmed on biopsy.")["haematological_malignancy"] == "confirmed"


def test_a_treatment_someone_wants_to_start_is_not_taken() -> None:
    read = extract("Lung ca. The reg wants to add dexamethasone 16 mg daily just in case.")
    assert "on_corticosteroids" not in read.facts
    assert facts("Prostate ca. Started dexamethasone 16 mg yesterday.")["dexamethasone_given"] == (
        "yes"
    )
    denied = facts("myeloma. no, nobody has given me dexamethasone yet")
    assert denied["dexamethasone_given"] == "no"  # fu72-044: had been yes


@pytest.mark.parametrize(
    "text",
    [
        "My uncle has lung cancer. Strong pain in the back, every night, he can not sleep.",
        "Breast cancer 2016. Back pain, kamar mein dard, especially raat ko at night, she cannot "
        "sleep.",
        "Prostate ca. Severe back pain every night.",
    ],
)
def test_night_pain_with_the_night_and_the_sleep_apart(text) -> None:
    assert facts(text)["pain_night"] == "yes"


FOUND = [
    ("Kidney cancer. My wife says I'm walking funny.", "gait_disturbance"),
    ("Colorectal ca. The leg pain shoots from his buttock to his heel.", "radicular_pain"),
    ("Myeloma. A tight belt being pulled round my ribs.", "radicular_pain"),
    ("Breast ca. It shoots round under her boobs on both sides.", "radicular_pain"),
    (
        "Breast ca with bone mets. Her pad has been soaked every morning.",
        "bladder_bowel_dysfunction",
    ),
    ("Lung cancer. He keeps peeing the bed.", "bladder_bowel_dysfunction"),
    ("Myeloma. I've lost some control of my bladder.", "bladder_bowel_dysfunction"),
    ("Breast ca, T11 collapse: hip flexion L 2/5, R 4/5.", "limb_weakness"),
    ("Prostate ca.\n1. Is he weak? Yes, both legs.", "limb_weakness"),
    ("Prostate ca. He can't feel me pinching his toes.", "sensory_loss"),
    ("Lung cancer. My feet feel like I'm walking on pebbles.", "sensory_loss"),
    ("Endometrial cancer. She has lost all feeling around her bottom.", "cord_signs"),
    ("Prostate ca.\n* walking: can't", "gait_disturbance"),
]


@pytest.mark.parametrize(("text", "fact"), FOUND)
def test_round_75_findings_are_read(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Kidney cancer. He walks normally.", "gait_disturbance"),
        ("Lung cancer. The bed pad is dry.", "bladder_bowel_dysfunction"),
        ("Breast ca: hip flexion L 5/5, R 5/5.", "limb_weakness"),
        ("Prostate ca. He can feel me pinching his toes.", "sensory_loss"),
        ("Myeloma. I have full control of my bladder.", "bladder_bowel_dysfunction"),
    ],
)
def test_the_same_words_without_the_finding_are_not_read(text, fact) -> None:
    assert facts(text).get(fact) != "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "I had my spine operation five days ago for the cord compression from my kidney "
            "cancer.",
            "had_spinal_surgery",
            "yes",
        ),
        (
            "Lung cancer with spinal mets. The team say there are no further effective treatments.",
            "other_effective_treatment",
            "no",
        ),
        (
            "Prostate ca. Legs fine, waterworks no different to usual.",
            "bladder_bowel_dysfunction",
            "no",
        ),
        (
            "Breast ca. Two years ago she had leg weakness and retention, treated with RT, full "
            "neuro recovery.",
            "previous_radiotherapy",
            "yes",
        ),
    ],
)
def test_round_75_case_facts_are_read(text, fact, value) -> None:
    assert facts(text)[fact] == value


def test_a_recovered_episode_is_no_finding_of_now() -> None:
    read = facts(
        "Breast ca. Two years ago she had leg weakness and retention, treated with RT, full "
        "neuro recovery."
    )
    assert "limb_weakness" not in read and "bladder_bowel_dysfunction" not in read
    assert "had_spinal_surgery" not in facts("Kidney cancer. My spine operation is booked.")
