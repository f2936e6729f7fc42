"""Session 18 (#12): round-32 reading classes, fixed as data, each tested both ways.

- A relative who is the patient, after a greeting or an apology for typing fast ("hi sorry
  typing fast at work. my mum had breast cancer 6 yrs ago ... she's been walking funny"): her
  cancer is the patient's, not a family history.
- A denied history that names the cancer ("no PMH of cancer") is no cancer, never a cancer.
- A spinal MRI report whose later sentence says "No metastases" rules spinal metastases out.
- Pain scores with words between ("pain still 8/10", "8 out of 10") are scores.
- "Surgery unsuitable", "the construct is stable", "no further cancer treatment to offer",
  "50% collapse and retropulsion", "T8 vertebral and paravertebral mass", "no wee or poo
  problems".
- A writer's job title ("Myeloma consultant.") is not the patient's tumour.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts


def test_a_relative_after_a_greeting_and_an_apology_is_the_patient() -> None:
    read = facts(
        "hi sorry typing fast at work. my mum had breast cancer 6 yrs ago, all clear since. "
        "last few days shes been walking funny like shes drunk and says her bum feels numb."
    )
    assert read["cancer_diagnosis"] == "yes" and read["primary_tumour"] == "breast"
    assert read["gait_disturbance"] == "yes" and read["sensory_loss"] == "yes"


def test_a_relatives_cancer_beside_the_writers_own_symptoms_stays_family_history() -> None:
    read = facts(
        "hi sorry typing fast. I have back pain and my legs feel weak. my mum had breast "
        "cancer years ago, I've never had cancer."
    )
    assert read.get("cancer_diagnosis") == "no"
    assert read["limb_weakness"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "111: 66M, no PMH of cancer. 6 weeks of worsening back pain",
        "no past medical history of malignancy, back pain at night",
        "nil previous hx of cancer. back pain.",
    ],
)
def test_a_denied_history_of_cancer_is_no_cancer(text: str) -> None:
    assert facts(text)["cancer_diagnosis"] == "no"


def test_a_history_of_cancer_is_still_a_cancer() -> None:
    assert facts("PMH of breast cancer, new back pain at night")["cancer_diagnosis"] == "yes"


def test_no_metastases_later_in_a_spinal_mri_report_rules_them_out() -> None:
    read = facts(
        "MRI whole spine now reported: degenerative changes and an L3/4 disc bulge only. "
        "No metastases, no cord or cauda equina compression."
    )
    assert read["spinal_metastases"] == "ruled_out" and read["mscc"] == "ruled_out"


def test_no_metastases_after_another_scan_rules_nothing_out_in_the_spine() -> None:
    read = facts("CT chest today: small effusion. No metastases seen in the lungs.")
    assert "spinal_metastases" not in read


@pytest.mark.parametrize(
    ("text", "severe"),
    [
        ("Back pain still 8/10 despite oxycodone", "yes"),
        ("pain score 9 out of 10", "yes"),
        ("back pain currently 3/10 on paracetamol", "no"),
    ],
)
def test_pain_scores_with_words_between(text: str, severe: str) -> None:
    assert facts(text).get("pain_severe", "no") == severe


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("the MDT judge surgery unsuitable", "suitable_for_surgery", "no"),
        ("surgery was deemed inappropriate", "suitable_for_surgery", "no"),
        ("Surgeons say the construct is stable", "spinal_instability", "none"),
        (
            "her oncologist says there's no further cancer treatment to offer",
            "oncology_treatment_inappropriate",
            "yes",
        ),
        ("MSCC at L1 with 50% collapse and retropulsion", "spinal_instability", "suspected"),
        (
            "MRI: T8 vertebral and paravertebral soft tissue mass, likely lymphoma",
            "spinal_metastases",
            "suspected",
        ),
        ("legs fine, no wee or poo problems", "bladder_bowel_dysfunction", "no"),
        ("peeing and pooing fine", "bladder_bowel_dysfunction", "no"),
    ],
)
def test_round32_phrasings(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("is surgery suitable for him?", "suitable_for_surgery"),
        ("20% collapse, no retropulsion", "spinal_instability"),
        ("she has had wee problems since yesterday", "bladder_bowel_dysfunction"),
        ("further cancer treatment is planned", "oncology_treatment_inappropriate"),
    ],
)
def test_round32_phrasings_do_not_overreach(text: str, fact: str) -> None:
    assert (
        facts(text).get(fact)
        not in {
            "suitable_for_surgery": ("no",),
            "spinal_instability": ("suspected", "confirmed"),
            "bladder_bowel_dysfunction": ("no",),
            "oncology_treatment_inappropriate": ("yes",),
        }[fact]
    )


@pytest.mark.parametrize(
    "text",
    [
        "Myeloma consultant. A trainee asked me why NG234 says to get haematology advice first",
        "I'm a lung cancer nurse specialist - what does NICE say about steroids?",
    ],
)
def test_a_writers_job_title_is_not_the_patients_tumour(text: str) -> None:
    read = facts(text)
    assert "primary_tumour" not in read and "cancer_diagnosis" not in read


def test_a_patient_known_to_a_cancer_team_has_that_cancer() -> None:
    read = facts("known to the lung cancer nurse specialist, new back pain")
    assert read.get("cancer_diagnosis") == "yes"
