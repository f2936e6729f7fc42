"""Session 35 (#12): round 71's reading classes, fixed as classes and tested both ways: what
the writer wants to report is reported, "no stranger to" is no denial, a relative clause about
the writer's own patient inside a question is stated, and examination, care-home, Tamil-English
and lay words for Box 1 findings."""

from __future__ import annotations

import pytest
from chat_helpers import facts

CASES = [
    (
        "Melanoma with spinal metastases. Numb inner thighs, and she feels she could not tell "
        "when she had opened her bowels.",
        "bladder_bowel_dysfunction",
    ),
    (
        "Ovarian cancer. I had to help her onto the toilet and she couldn't pass any urine at "
        "all, even though she was bursting.",
        "bladder_bowel_dysfunction",
    ),
    ("kidny cancer. also had an accident wiv poo n didnt feel it", "bladder_bowel_dysfunction"),
    (
        "Prostate cancer. He couldn't tell which way I was moving his big toes with his eyes "
        "closed.",
        "sensory_loss",
    ),
    ("Myeloma. He has lost sensation over both soles.", "sensory_loss"),
    ("Metastatic colon cancer. Anesthetic to pinprick below T10 on exam.", "sensory_loss"),
    (
        "Myeloma. The problem now is her legs - they've been weak since the weekend.",
        "limb_weakness",
    ),
    ("amma breast cancer, now legs weakk-aa, she cant walk without holdng", "limb_weakness"),
    (
        "Rectal cancer with a T11 lesion. Difficulty standing and stepping with the physio.",
        "gait_disturbance",
    ),
    ("Met Ca breast. Ambulating w/ assist x1 (baseline indep).", "gait_disturbance"),
    (
        "Mr J (lung cancer). Since Monday he can't get past the front door without holding on "
        "to something.",
        "gait_disturbance",
    ),
    ("Renal ca. Walked 2 m with frame (was 100 m with stick yesterday).", "gait_disturbance"),
    ("Breast ca. Mobility: was independent, now 2 assist to walk.", "gait_disturbance"),
    ("Suspected myeloma. She's no stranger to falls lately - three this week.", "gait_disturbance"),
    ("Metastatic renal cancer: spastic weakness of both legs, hyperreflexic.", "cord_signs"),
    ("Melanoma. Plantars: not downgoing - both extensor.", "cord_signs"),
    ("Lung ca. Biceps reflex 3+ L.", "cord_signs"),
    (
        "As a man with prostate cancer, I want to report that I couldn't pee at all this morning.",
        "bladder_bowel_dysfunction",
    ),
    (
        "Enga appa ku lung cancer irukku. Rendu naala avaroda rendu kaalum romba weak ah irukku.",
        "limb_weakness",
    ),
    (
        "Appa ku lung cancer. Innaiku kaalai la irundhu urine pogave illa.",
        "bladder_bowel_dysfunction",
    ),
    (
        "Colorectal ca. For 5 days a shooting pain wrapping round from his mid-back to the front "
        "of his chest.",
        "radicular_pain",
    ),
    ("Renal ca with MSCC. Pain now well controlled on oral morphine.", "pain_controlled"),
]


@pytest.mark.parametrize(("text", "fact"), CASES)
def test_box_1_findings_in_round_71_words(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Myeloma. She can tell when she has opened her bowels.", "bladder_bowel_dysfunction"),
        ("Prostate cancer. He could tell which way I moved his toes.", "sensory_loss"),
        ("Myeloma. Sensation over both soles normal.", "sensory_loss"),
        ("Breast ca. Ambulating independently, as at baseline.", "gait_disturbance"),
        ("Lung ca. Plantars downgoing.", "cord_signs"),
        ("Lung ca. I want to know what to do if her legs go weak.", "limb_weakness"),
        ("Renal ca with MSCC. Pain now poorly controlled on oral morphine.", "pain_controlled"),
        ("Suspected myeloma. She has no falls and walks well.", "gait_disturbance"),
        ("Lung ca. Her legs go tingly when she sits up.", "gait_disturbance"),
    ],
)
def test_the_same_findings_not_said_are_not_read(text, fact) -> None:
    assert facts(text).get(fact) != "yes"


def test_a_post_op_day_after_bowel_surgery_is_no_spinal_surgery() -> None:
    read = facts("Post-op day 3 review, 62M, low anterior resection for rectal cancer.")
    assert "had_spinal_surgery" not in read  # rf71-016
    assert facts("Post-op day 3 after decompression, lung ca MSCC.")["had_spinal_surgery"] == "yes"


def test_a_relative_clause_about_the_writers_own_patient_is_stated() -> None:
    read = facts(
        "Can dexamethasone be started in the home for our resident with bowel cancer who can't "
        "pass urine and whose legs have gone weak?"
    )
    assert read["bladder_bowel_dysfunction"] == read["limb_weakness"] == "yes"  # rf71-124
    assert "limb_weakness" not in facts("Can dex be given to a patient who has weak legs?")


def test_a_tamil_denial_follows_what_it_denies() -> None:
    read = facts(
        "Appa ku cancer history edhuvum illa (he never had cancer). Last 6 weeks ah back pain "
        "getting worse and worse."
    )
    assert read["cancer_diagnosis"] == "no"  # fu68-050: read as a cancer history
    assert facts("Appa ku lung cancer irukku. Back pain.")["cancer_diagnosis"] == "yes"


def test_turkish_son_before_a_time_is_no_relative() -> None:
    read = facts(
        "Merhaba, my husband has prostate cancer. Son 2 haftadır (for 2 weeks) his back pain is "
        "very bad. Bugün (today) his legs are weak."
    )
    assert read["cancer_diagnosis"] == "yes"  # fu68-033: "Son" read as a second relative
    assert read["limb_weakness"] == "yes"
    # a son who is a son is still someone else beside the husband
    assert "limb_weakness" not in facts(
        "My husband has prostate cancer and back pain. My son has weak legs from a rugby injury."
    )
