"""Session 22 (#12, #13, H02): round 43's stated red flag recorded absent on its first run, and
the reading classes it found, fixed as classes, each tested both ways.

- "It's not that she doesn't have pins and needles - she does": a denial denied is no denial.
- A form label answered in words ("Numbness/tingling: she says no") denies; "Bladder/bowel
  control: normal" is a label, not a loss of control.
- A relative said never to have had cancer in a cleft ("its actually my aunt, her sister, who
  has numb feet … my aunt has never had cancer") is not the patient.
- Words: "worse over the last fortnight", "hurts more every week", "deposits in several
  vertebrae", "found a lump in my left breast", "before anyone talks about surgery",
  "declining radiotherapy", "a stem cell harvest isn't being considered", "legs feel week",
  "no symptoms from his spine", "treatment is needed immediately", "planning to discharge".
"""

from __future__ import annotations

import pytest
from chat_helpers import facts


def test_a_denial_denied_is_no_denial() -> None:
    said = facts(
        "It's not that she doesn't have pins and needles - she does, in both feet, she just "
        "doesn't like to complain. Melanoma."
    )
    assert said["sensory_loss"] == "yes"
    assert facts("Melanoma. She doesn't have pins and needles.")["sensory_loss"] == "no"


def test_a_label_answered_in_words_denies() -> None:
    said = facts("Myeloma.\n- Numbness/tingling: she says no\n- Legs: weak")
    assert said["sensory_loss"] == "no" and said["limb_weakness"] == "yes"
    assert facts("Myeloma.\n- Numbness/tingling: she says yes")["sensory_loss"] == "yes"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Oesophageal ca with bone mets\nBladder/bowel control: normal", "no"),
        ("Oesophageal ca with bone mets\nBladder/bowel control: lost", "yes"),
        ("Oesophageal ca with bone mets\nBowels/bladder: incontinent", "yes"),
    ],
)
def test_a_bladder_and_bowel_label(text: str, value: str) -> None:
    assert facts(text)["bladder_bowel_dysfunction"] == value


def test_a_relative_never_to_have_had_cancer_in_a_cleft_is_not_the_patient() -> None:
    said = facts(
        "my mum has bowel cancer (on chemo). its actually my aunt, her sister, who has numb "
        "feet and is struggling to walk - my aunt has never had cancer, shes diabetic. mum "
        "herself has had back pain for 3 weeks that keeps her awake at night but her legs are "
        "totally fine."
    )
    assert said.get("sensory_loss") != "yes" and said.get("gait_disturbance") != "yes"
    assert said["pain_night"] == "yes"


def test_a_cleft_without_a_contrast_leaves_the_relative_possibly_the_patient() -> None:
    said = facts("its actually my aunt who has numb feet. She has breast cancer.")
    assert said.get("sensory_loss") != "no"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Myeloma. Back pain: yes, worse over the last fortnight.", "pain_progressive", "yes"),
        ("Prostate cancer, says his back hurts more every week.", "pain_progressive", "yes"),
        (
            "Myeloma. MRI shows deposits in several vertebrae, no cord compression.",
            "spinal_metastases",
            "confirmed",
        ),
        (
            "im 81. never had cancer. found a lump in my left breast a few weeks ago.",
            "cancer_suspected",
            "yes",
        ),
        (
            "T10 met. The spinal team are talking about surgery.",
            "invasive_intervention_considered",
            "yes",
        ),
        ("MSCC at T12. He's now declining radiotherapy as well.", "radiotherapy_declined", "yes"),
        (
            "Lymphoma with spinal involvement. No, a stem cell harvest isn't being considered.",
            "stem_cell_harvest_considered",
            "no",
        ),
        ("prostate cancer. now my legs feel week and i nearly fell over", "limb_weakness", "yes"),
        (
            "Bladder cancer, 2 spinal metastases. He has no symptoms from his spine at all.",
            "asymptomatic_metastases",
            "yes",
        ),
        (
            "MSCC at T11, primary unknown. The team say treatment is needed immediately.",
            "immediate_treatment_needed",
            "yes",
        ),
        (
            "MSCC from prostate cancer. The hospital are planning to discharge him next week.",
            "discharge_planned",
            "yes",
        ),
    ],
)
def test_words_read(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Myeloma. Back pain better over the last fortnight.", "pain_progressive", "yes"),
        (
            "Breast cancer. Found a lump in her breast - benign on biopsy.",
            "cancer_suspected",
            "yes",
        ),
        (
            "Lymphoma. A stem cell harvest is being considered.",
            "stem_cell_harvest_considered",
            "no",
        ),
        ("Prostate cancer. For a week my legs have been fine.", "limb_weakness", "yes"),
        ("MSCC at T11. Surgery is not planned.", "radiotherapy_considered", "no"),
    ],
)
def test_words_not_read(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) != value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Ovarian cancer. Residual 1,200 ml on catheterisation.", "bladder_bowel_dysfunction"),
        ("Ca bladder. PR: reduced anal tone, reduced perianal sens.", "sensory_loss"),
        ("He wasn't able to feel the catheter being passed. Prostate cancer.", "sensory_loss"),
        (
            "Breast cancer pt says her legs feel like they're asleep from the hips down.",
            "sensory_loss",
        ),
        (
            "Lung cancer. Today managed 10 m with a frame; 3 weeks ago was walking 2 miles "
            "unaided.",
            "gait_disturbance",
        ),
    ],
)
def test_round43_stated_red_flags_are_present(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


def test_a_spreading_tingling_whose_end_is_doubted_is_never_absent() -> None:
    said = facts(
        "Can't say the tingling has stopped - if anything it's crept up to her knees. Lung cancer."
    )
    assert said.get("sensory_loss") != "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("He was able to feel the catheter being passed. Prostate cancer.", "sensory_loss"),
        ("The pain has spread up to her knees. Lung cancer.", "sensory_loss"),
        ("Ovarian cancer. Residual 120 ml on scan.", "bladder_bowel_dysfunction"),
    ],
)
def test_round43_words_that_state_no_red_flag(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes"
