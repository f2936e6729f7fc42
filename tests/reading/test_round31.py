"""Session 17 (#12): round-31 red flags recorded absent, fixed as classes, each tested both ways.

- A sensory level with the modality or side between ("reduced sensation to pinprick below the
  umbilicus", "sens reduced below T10") is a cord sign too: normal reflexes or anal tone said
  after it had recorded cord signs absent.
- A run after a denial is no list of denials when an item is counted ("nil bladder sx,
  unsteady gait, falls x2") or the denial closes a symptom group ("nil bladder sx, ..."): the
  items past the comma are asked, never absent.
- Double negations that assert: "there's no way she isn't incontinent", "none of the numbness
  has gone away".
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        "Breast Ca with T6 met: reduced sensation to pinprick below the umbilicus bilaterally. "
        "Reflexes normal, plantars flexor, no clonus. Power full.",
        "Lung cancer / T10 met / Power 4/5 LLs / sens reduced below T10 on exam / PR normal tone",
    ],
)
def test_a_sensory_level_is_a_cord_sign_whatever_follows(text: str) -> None:
    read = facts(text)
    assert read["cord_signs"] == "yes" and read["sensory_loss"] == "yes"


def test_reduced_sensation_without_a_level_is_no_cord_sign() -> None:
    read = facts("Breast ca. Reduced sensation to pinprick in both feet. Reflexes normal.")
    assert read["sensory_loss"] == "yes" and read["cord_signs"] == "no"


@pytest.mark.parametrize(
    "text",
    [
        "Myeloma - nil bladder sx, unsteady gait, falls x2.",
        "Myeloma - no numbness, unsteady gait, falls x2.",
        "Myeloma - no bladder symptoms, weakness, numbness.",
    ],
)
def test_a_run_that_is_no_list_of_denials_is_never_absent(text: str) -> None:
    read = extract(text)
    for fact in ("gait_disturbance", "limb_weakness"):
        assert read.facts.get(fact) != "no"
    assert {"gait_disturbance", "limb_weakness"} & (set(read.uncertain) | set(read.facts))


@pytest.mark.parametrize(
    "text",
    [
        "Myeloma - no numbness, weakness, falls.",
        "Myeloma - nil bladder sx, weakness or numbness.",
        "Denies weakness, numbness, incontinence. Breast ca.",
    ],
)
def test_a_list_of_denials_is_still_denied(text: str) -> None:
    assert facts(text)["limb_weakness"] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Myeloma. There's no way she isn't incontinent - the pads are soaked.",
            "bladder_bowel_dysfunction",
        ),
        (
            "Prostate ca: none of the numbness has gone away, it's still there in both feet.",
            "sensory_loss",
        ),
    ],
)
def test_a_double_negation_asserts(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Myeloma. She is not incontinent.", "bladder_bowel_dysfunction"),
        ("Prostate ca. None of the weakness is left now.", "limb_weakness"),
    ],
)
def test_a_plain_negation_still_denies(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"


@pytest.mark.parametrize(
    "text",
    [
        "My husband Peter has kidney cancer that has spread to his bones.",
        "My husband has kidney cancer. I'm 74 and I'm frightened about lifting him.",
    ],
)
def test_a_relative_writing_about_the_patient_keeps_the_cancer(text: str) -> None:
    assert facts(text)["cancer_diagnosis"] == "yes"


def test_a_patient_writing_about_a_relative_keeps_the_relative_s_cancer_apart() -> None:
    read = facts(
        "My dad had cord compression from his prostate cancer two years ago. I'm 52 and I'm "
        "having chemo for bowel cancer. My legs are strong."
    )
    assert read["primary_tumour"] == "other_solid"
    assert "mscc" not in read


def test_found_pressing_on_the_cord_is_mscc_but_asking_is_not() -> None:
    assert facts("They found it is pressing on his spinal cord.")["mscc"] == "confirmed"
    assert "mscc" not in facts("Is it pressing on his spinal cord?")


def test_walking_funny_is_gait_disturbance() -> None:
    assert facts("Kidney ca. He's been walking funny since yesterday.")["gait_disturbance"] == "yes"
    assert facts("Kidney ca. He isn't walking funny.").get("gait_disturbance") != "yes"


def test_a_doubted_suspicion_is_still_a_suspicion() -> None:
    assert facts("No known cancer. I'm thinking myeloma??")["cancer_suspected"] == "yes"


def test_a_worry_about_what_it_is_hedges_the_primary() -> None:
    read = extract("66M, no previous cancer. Night pain. I'm worried this is lung ca.")
    assert read.facts.get("primary_tumour") != "lung"


@pytest.mark.parametrize(
    "text",
    [
        "MRI: T7 vertebral body and paravertebral soft-tissue mass, likely lymphoma.",
        "CT: paravertebral mass at T6-7 with vertebral body involvement.",
    ],
)
def test_a_vertebral_body_mass_is_spinal_disease_without_naming_a_cancer(text: str) -> None:
    read = facts(text)
    assert read["spinal_metastases"] == "suspected"
    assert read.get("cancer_diagnosis") != "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Myeloma, L3 met. Radiotherapy to L3 being considered.", "radiotherapy_considered", "yes"),
        (
            "Unknown primary, nothing needs treating immediately.",
            "immediate_treatment_needed",
            "no",
        ),
        ("Lung cancer, night-time back pain waking him.", "pain_night", "yes"),
        (
            "Never had cancer. Back pain for 6 weeks that's getting worse.",
            "pain_progressive",
            "yes",
        ),
        ("Not fit for surgery. Her overall prognosis is otherwise good.", "prognosis", "good"),
        ("MSCC from lung ca. I also don't want radiotherapy.", "radiotherapy_declined", "yes"),
        (
            "During graded sitting today his pain went up a lot and his legs felt weaker.",
            "mobilisation_deterioration",
            "yes",
        ),
    ],
)
def test_round_31_follow_up_phrasings(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("MSCC from lung ca. Do you want radiotherapy?", "radiotherapy_declined"),
        ("During graded sitting today his pain was no worse.", "mobilisation_deterioration"),
        ("Back pain for 6 weeks, not getting worse.", "pain_progressive"),
    ],
)
def test_round_31_follow_up_phrasings_not_said(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes"


def test_hesitancy_after_a_denied_incontinence_is_stated() -> None:
    read = facts(
        "Not incontinent, though he is struggling to start passing urine and has to strain. "
        "Prostate cancer."
    )
    assert read["bladder_bowel_dysfunction"] == "yes"


def test_no_difficulty_starting_to_pass_urine_is_denied() -> None:
    assert (
        facts("Prostate ca. No difficulty starting to pass urine.")["bladder_bowel_dysfunction"]
        == "no"
    )
