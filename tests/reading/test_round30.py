"""Session 17 (#12): round-30 reading failures fixed as classes, each tested both ways.

- A guideline or a service named after spinal metastases ("NICE spinal mets guidance",
  "anything from the spinal mets guideline?") is not a finding: it had read confirmed spinal
  metastases, and with them a cancer diagnosis, into a man with no cancer history.
- "They queried MSCC" is a query, not a confirmed MSCC (a later negative MRI rules it out).
- Spinal metastases seen on imaging in several regions ("mets in thoracic and lumbar spine"),
  as a level's involvement ("L3 and sacral involvement") or as lumbar/thoracolumbar lesions; a
  scan that "showed no spread to the bones" rules them out.
- "No leg sx", "worse ... n when he strains", "surgeon has documented the spine as stable",
  "sat him up to 60 degrees ... pain jumped ... new tingling", "primary is bladder",
  "(about 14 months after that radiotherapy) he has developed new pain", "treated with 8 Gy;
  he responded well", "can the MRI wait for the 8am list".
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract as extract_of


@pytest.mark.parametrize(
    "text",
    [
        "34M, low back pain after lifting. No cancer history, no leg symptoms. NICE spinal mets "
        "guidance relevant at all?",
        "63M, back pain worse at night, legs fine. Anything from the spinal mets guideline?",
        "What does the guidance on spinal metastases say about back pain at night? 50F.",
    ],
)
def test_a_guideline_named_after_spinal_metastases_is_no_finding(text: str) -> None:
    read = facts(text)
    assert "spinal_metastases" not in read
    assert read.get("cancer_diagnosis") != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Lung ca with known spinal mets, back pain at night.",
        "Breast ca, spinal mets at T8, now weak legs.",
    ],
)
def test_spinal_metastases_of_the_patient_are_still_read(text: str) -> None:
    assert facts(text)["spinal_metastases"] == "confirmed"


def test_a_queried_mscc_is_not_confirmed() -> None:
    read = facts(
        "Colorectal ca. ED gave 16 mg dexamethasone because of tingling in both legs and they "
        "queried MSCC. MRI whole spine this morning: no spinal metastases, no cord compression."
    )
    assert read["mscc"] == "ruled_out" and read["spinal_metastases"] == "ruled_out"
    assert read["sensory_loss"] == "yes" and read["dexamethasone_given"] == "yes"


def test_a_queried_mscc_alone_stays_a_question() -> None:
    read = facts("Prostate ca, weak legs, they queried MSCC.")
    assert read.get("mscc") != "confirmed"
    assert read["limb_weakness"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Prostate ca, bone scan shows known mets in thoracic and lumbar spine.",
        "DLBCL. PET at diagnosis showed L3 and sacral involvement.",
        "Myeloma. MRI: multiple thoracolumbar lesions, no cord compression.",
    ],
)
def test_spinal_metastases_seen_on_imaging_are_confirmed(text: str) -> None:
    assert facts(text)["spinal_metastases"] == "confirmed"


@pytest.mark.parametrize(
    "text",
    [
        "Cervical cancer with cervical lesions on the smear history.",
        "Lung ca, thoracic lesions on CT chest.",
        "PET showed no sacral involvement. Lymphoma.",
    ],
)
def test_lesions_of_the_cervix_or_chest_or_denied_are_not_spinal(text: str) -> None:
    assert facts(text).get("spinal_metastases") != "confirmed"


def test_a_scan_showing_no_spread_to_the_bones_rules_them_out() -> None:
    read = facts(
        "Bowel cancer 2 yrs ago. Her spine was scanned last month and it showed no spread to "
        "the bones."
    )
    assert read["spinal_metastases"] == "ruled_out"


def test_spread_to_the_bones_is_not_ruled_out() -> None:
    read = facts("Bowel cancer. The scan showed spread to the bones of the spine.")
    assert read.get("spinal_metastases") == "confirmed"


def test_no_leg_sx_denies_weakness_and_numbness() -> None:
    read = facts("hx prostate ca, new lumbar pain. no leg sx, no bladder probs.")
    assert read["limb_weakness"] == "no" and read["sensory_loss"] == "no"


def test_leg_sx_stated_is_not_denied() -> None:
    read = facts("hx prostate ca, new lumbar pain, new leg weakness. no bladder probs.")
    assert read["limb_weakness"] == "yes"


def test_pain_on_straining_after_a_text_speak_and() -> None:
    read = facts("prostate ca, pain worse lyin down at nite n when he strains on the loo")
    assert read["pain_straining"] == "yes" and read["pain_night"] == "yes"


def test_pain_at_night_alone_is_not_straining() -> None:
    assert facts("prostate ca, pain worse lyin down at nite n sitting").get("pain_straining") != (
        "yes"
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("T9 fixation 2 days ago. Surgeon has documented the spine as stable.", "none"),
        ("Post fixation, the construct was confirmed stable by the spinal team.", "none"),
    ],
)
def test_stability_documented(text: str, value: str) -> None:
    assert facts(text)["spinal_instability"] == value


def test_documented_unstable_is_not_stable() -> None:
    assert facts("Surgeon has documented the spine as unstable.").get("spinal_instability") != (
        "none"
    )


def test_sitting_up_with_pain_jumping_and_new_tingling_is_deterioration() -> None:
    read = facts(
        "Sat him up to 60 degrees: BP dropped from 130 to 95 systolic, he went dizzy, and his "
        "back pain jumped to 8/10 with new tingling in both legs."
    )
    assert read["mobilisation_deterioration"] == "yes"


def test_sitting_up_without_change_is_not_deterioration() -> None:
    read = facts("Sat him up to 60 degrees this morning, no new pain, no tingling, tolerated well.")
    assert read.get("mobilisation_deterioration") != "yes"


def test_primary_is_named_after_is() -> None:
    read = facts("Mr P's primary is bladder.")
    assert read["primary_tumour"] == "other_solid" and read["cancer_diagnosis"] == "yes"


def test_bladder_symptoms_are_not_a_primary() -> None:
    assert "primary_tumour" not in facts("Prostate ca. His bladder is fine.") or (
        facts("Prostate ca. His bladder is fine.")["primary_tumour"] == "prostate"
    )


def test_interval_before_the_recurrence_and_response_across_a_semicolon() -> None:
    read = facts(
        "In 2024 he had MSCC at L1 treated with 8 Gy single fraction radiotherapy; he responded "
        "well. Over the last 2 weeks (about 14 months after that radiotherapy) he has developed "
        "new, progressive pain at the same level."
    )
    assert read["previous_rt_good_response"] == "yes"
    assert read["recurrence_3_months_after_rt"] == "yes"


def test_new_pain_weeks_after_radiotherapy_is_not_three_months() -> None:
    read = facts(
        "8 Gy to L1 for MSCC; (about 3 weeks after that radiotherapy) he has developed new pain."
    )
    assert read.get("recurrence_3_months_after_rt") != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Radiology are asking if the MRI can wait for the 8am list.",
        "Can the scan wait until the morning list?",
    ],
)
def test_asking_whether_the_mri_can_wait_names_overnight_mri(text: str) -> None:
    from assistant.reading.extract import extract

    said = extract(text)
    assert "urgent_diagnosis_for_immediate_treatment" in {e.fact for e in said.evidence}


def test_one_treatment_unsuitable_is_not_every_treatment() -> None:
    read = facts("Severe COPD: the MDT have concluded that surgery is not suitable for her.")
    assert read["suitable_for_surgery"] == "no"
    assert "other_effective_treatment" not in read
    assert "oncology_treatment_inappropriate" not in read


@pytest.mark.parametrize(
    "text",
    [
        "The oncologists have said radiotherapy would not help and surgery is not an option.",
        "Surgery and radiotherapy are not appropriate.",
        "Further treatment is not appropriate.",
    ],
)
def test_every_treatment_unsuitable_is_no_other_effective_treatment(text: str) -> None:
    assert facts(text)["other_effective_treatment"] == "no"


def test_surgery_out_but_radiotherapy_helping_is_not_no_treatment() -> None:
    read = facts("Surgery is not an option but radiotherapy will help.")
    assert "other_effective_treatment" not in read


@pytest.mark.parametrize(
    "text",
    [
        "She has been told she'll have just one session of radiotherapy, 8 Gy.",
        "He is going to have 8 Gy next week.",
    ],
)
def test_radiotherapy_to_come_is_being_considered(text: str) -> None:
    assert facts(text)["radiotherapy_considered"] == "yes"


def test_radiotherapy_had_is_not_to_come() -> None:
    read = facts("She had radiotherapy last year.")
    assert read.get("radiotherapy_considered") != "yes"
    assert read["previous_radiotherapy"] == "yes"


@pytest.mark.parametrize(
    "text", ["Spinal team want to operate tomorrow.", "He is listed for theatre in the morning."]
)
def test_surgery_planned_is_an_invasive_intervention_considered(text: str) -> None:
    assert facts(text)["invasive_intervention_considered"] == "yes"


def test_surgeons_not_wanting_to_operate_is_not_considered() -> None:
    assert facts("They don't want to operate.").get("invasive_intervention_considered") != "yes"


def test_a_doubt_inside_the_sign_outweighs_a_denial_of_another() -> None:
    read = extract_of("Reflexes maybe slightly brisk. No clonus. Breast cancer.")
    assert read.facts.get("cord_signs") != "no"
    assert "cord_signs" in read.uncertain


def test_brisk_reflexes_said_plainly_are_present() -> None:
    assert facts("Reflexes slightly brisk. No clonus. Breast cancer.")["cord_signs"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Gran's not been able to hold her water since Sunday. Womb cancer.",
            "bladder_bowel_dysfunction",
        ),
        (
            "The pain shoots from his back right down into his big toe. Prostate ca.",
            "radicular_pain",
        ),
        ("I have lung cancer. My arms have gone weak and my hands tingle.", "sensory_loss"),
        ("Ca lung. Grip 4/5, reduced sens middle finger.", "sensory_loss"),
        ("Ovarian ca. She can't feel when she's sat on the toilet.", "sensory_loss"),
        ("Walks 5 m only with frame (baseline 500 m unaided). Ovarian cancer.", "gait_disturbance"),
        ("ca lung. clonus ++, pwr 4/5 LL", "limb_weakness"),
        ("pt w ca prostate, legs v wek 2day", "limb_weakness"),
    ],
)
def test_round_30_phrasings_are_read_present(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Prostate ca. His hands don't tingle.", "sensory_loss"),
        ("Prostate ca. The pain doesn't go down into his leg.", "radicular_pain"),
        ("Lung ca. He walks 500 m unaided.", "gait_disturbance"),
    ],
)
def test_round_30_phrasings_denied_are_not_present(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes"
