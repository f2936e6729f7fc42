"""Session 15 (#12): round-27 failures fixed as classes, each tested both ways.

- A measured abnormal finding ("weakness 4/5", "retention of 900 ml") is a record of what was
  found: a denial before it in a list never makes it absent (`observations`).
- A sign said as found ("upgoing plantars", "clonus at both ankles", "sensory level T6", "numb
  to the umbilicus") that a negation reaches only through other findings of a list no "or"
  closes is not denied (`described_signs`); "no upgoing plantars" and a list closed by "or"
  still deny it.
- A cleft statement ("What's new is the weakness in her legs") is not a question.
- Round-27 words: hesitancy in any words, a lost urge to go, constipation said to be new,
  '↓AT', '↑reflexes', a positive Hoffmann sign, perianal sensation 0/2, 'BLL N/T', 'MMT 4/5',
  decreased grip strength, 'walking is a struggle', a frame since a day, 'mBC'.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

BLADDER = "bladder_bowel_dysfunction"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Denies numbness, weakness 4/5 in right leg. Renal ca.", "limb_weakness"),
        ("No saddle anaesthesia, retention of 900 ml on scan. Myeloma.", BLADDER),
        ("Prostate ca. No pain, no numbness, power 3/5 both legs.", "limb_weakness"),
        ("Breast ca. Nil weakness, bladder scan 1.2 L residual.", BLADDER),
    ],
)
def test_a_measured_finding_is_never_denied_by_a_list(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Breast ca. No weakness, power 5/5 throughout.", "limb_weakness", "no"),
        ("Denies numbness, weakness 4/5 in right leg. Renal ca.", "sensory_loss", "no"),
        ("Prostate ca. No retention, bladder scan 50 ml.", BLADDER, "no"),
    ],
)
def test_a_normal_measurement_and_the_other_denials_stay(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("No incontinence, upgoing plantars, brisk reflexes. Prostate ca.", "cord_signs"),
        ("Not incontinent, clonus at both ankles, power 5/5. Lung ca.", "cord_signs"),
        ("No pain down the legs, no bladder issues, sensory level T6. Myeloma.", "cord_signs"),
        ("Denies bladder symptoms, numb to the umbilicus. Breast ca.", "sensory_loss"),
        ("Cervix ca, no leg weakness, no numbness, brisk reflexes in legs.", "cord_signs"),
    ],
)
def test_a_sign_said_as_found_is_not_denied_through_a_list(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Breast ca. No upgoing plantars, brisk reflexes or clonus.",
        "Breast ca. No upgoing plantars.",
        "Lung ca. Reflexes not brisk, no clonus.",
    ],
)
def test_a_sign_denied_in_its_own_words_or_a_closed_list_stays_denied(text: str) -> None:
    assert facts(text)["cord_signs"] == "no"


def test_a_cleft_statement_is_not_a_question() -> None:
    said = "Lung ca. No numbness now. What's new is the weakness in her legs since yesterday."
    assert facts(said)["limb_weakness"] == "yes"
    assert facts("Breast ca. What worries me is the numbness in her feet.")["sensory_loss"] == "yes"
    asked = facts("what's new in the treatment of weak legs in MSCC?")
    assert "limb_weakness" not in asked


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("She's had real trouble starting to pass urine since Tuesday.", BLADDER),
        ("Ex-bowel ca. New difficulty starting to pee.", BLADDER),
        ("Prostate ca, finds it hard to get the stream going", BLADDER),
        ("Breast ca. Can't feel the urge to go any more.", BLADDER),
        ("Breast ca.\n- Constipated 5 days, new", BLADDER),
        ("mets lung ca. o/e: ↓AT (anal tone)", "cord_signs"),
        ("55F mBC, ↑reflexes ULs+LLs", "cord_signs"),
        ("Colon ca with liver mets; positive Hoffman sign", "cord_signs"),
        ("Myeloma, L1 lesion: perianal sensation 0/2 on pinprick", "sensory_loss"),
        ("?ca lung mass. BLL N/T ascending over 48h", "sensory_loss"),
        ("Ca prostate. LL MMT: 4/5 bilat.", "limb_weakness"),
        ("Thyroid ca with C-spine mets, decreased grip strength bilaterally", "limb_weakness"),
        ("Colorectal ca. Now: walking is a struggle, new since last week", "gait_disturbance"),
        ("Breast ca, T7 met: walks 10 m with a frame, was walking 500 m", "gait_disturbance"),
        ("prostate ca - walkng w frame since tues", "gait_disturbance"),
        ("prostate cancer, he can now only manage a few steps", "gait_disturbance"),
    ],
)
def test_round27_red_flag_words(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Lung ca, reflexes N/T (not tested).", "sensory_loss"),
        ("Breast ca. Constipated on the morphine, as usual.", BLADDER),
        ("Prostate ca. Walks with a stick, as he has for years.", "gait_disturbance"),
        ("Breast ca. Grip strong both hands.", "limb_weakness"),
        ("Lung ca. AT normal on PR.", "cord_signs"),
    ],
)
def test_round27_words_do_not_overreach(text: str, fact: str) -> None:
    assert facts(text).get(fact) in (None, "no")


def test_metastatic_breast_cancer_abbreviated() -> None:
    assert facts("55F mBC, back pain")["primary_tumour"] == "breast"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Ovarian ca\nLeg weakness: no\nBladder: no change", "limb_weakness"),
        ("Ca kidney\nLeg weakness - denies\nNumbness - confirms, both feet", "limb_weakness"),
        ("Prostate ca\nWeakness: yes\nRetention - nil", BLADDER),
        ("Ca prostate. Pain down leg: Y. Weakness: N.", "limb_weakness"),
    ],
)
def test_a_label_whose_value_denies_it_is_absent(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Ovarian ca\nLeg weakness: yes, both legs\nBladder: no change", "limb_weakness"),
        ("Ca prostate\nNumbness: no change from last week, still both feet", "sensory_loss"),
        ("Lung ca. Weakness: new since Sat, no falls.", "limb_weakness"),
    ],
)
def test_a_label_value_that_is_not_a_denial_leaves_it_present(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


def test_a_relative_the_caller_rings_about_is_the_patient_when_named_again() -> None:
    said = facts(
        "Caller is ringing about her mum, 67. Mum had breast cancer 6 years ago, was given "
        "the all clear. Back ache for a few weeks and now dragging her feet."
    )
    assert said["cancer_diagnosis"] == "yes"
    assert said["gait_disturbance"] == "yes"
    # another person's mother is still a relative
    other = facts("I'm calling about my mum. Her mum had breast cancer.")
    assert "cancer_diagnosis" not in other
    # without the call, a mother named first stays a relative (a family history)
    assert "cancer_diagnosis" not in facts("I have back pain. Mum had breast cancer.")


def test_an_indirect_question_whether_it_could_be_mscc_suspects_it() -> None:
    said = facts("66F breast ca, unsteady. They're asking whether it can even be MSCC.")
    assert said["mscc"] == "suspected"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("pt 67M known prostate ca, new bilat leg weakness. susp MSCC", "mscc", "suspected"),
        ("76M prostate ca, susp. MSCC, bilat leg weakness", "mscc", "suspected"),
        (
            "MSCC T9, not surgical. Radiotherapy given today, 8 Gy.",
            "mscc_radiotherapy_given",
            "yes",
        ),
        ("MSCC T9 confirmed on MRI Mon\n- 8Gy x1 given Tues", "mscc_radiotherapy_given", "yes"),
        ("MSCC T12, had 8 Gy 2 days ago, not for surgery.", "mscc_radiotherapy_given", "yes"),
        ("MSCC T9. dex weaning, now 8mg", "on_corticosteroids", "yes"),
        (
            "Spinal mets, dex being weaned but pain comes back below 4 mg",
            "on_corticosteroids",
            "yes",
        ),
        ("I have lymphoma and my back really hurts at night.", "pain_night", "yes"),
        (
            "MSCC. The doctors said surgery, radiotherapy and other cancer treatments are "
            "not appropriate for him.",
            "oncology_treatment_inappropriate",
            "yes",
        ),
        (
            "Spinal mets at L3, treated with radiotherapy 6 months ago. Her back pain has now "
            "come back.",
            "recurrence_3_months_after_rt",
            "yes",
        ),
    ],
)
def test_round27_follow_up_facts(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "MSCC L2, not for surgery. Planning 8 Gy single fraction this afternoon.",
            "mscc_radiotherapy_given",
        ),
        ("breast ca with spinal mets, had 8 Gy 3 days ago for pain", "mscc_radiotherapy_given"),
        ("weaning steroids when there's no further treatment available", "on_corticosteroids"),
        ("no, nobody suspects cancer either", "cancer_suspected"),
    ],
)
def test_round27_follow_up_facts_do_not_overreach(text: str, fact: str) -> None:
    assert fact not in facts(text)


def test_nobody_denies_a_suspicion_but_never_a_red_flag() -> None:
    assert facts("nobody thinks it's MSCC")["mscc"] == "none"
    assert facts("Nobody has noticed any weakness. Breast ca.")["limb_weakness"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("He can't have MRI - non-compatible pacemaker.", "mri_contraindicated", "yes"),
        ("He has an MRI-conditional pacemaker.", "mri_contraindicated", "no"),
        ("She's just sat up and her pain shot up.", "mobilisation_deterioration", "yes"),
        (
            "Scan confirmed myeloma in her spine, no cord compression.",
            "spinal_metastases",
            "confirmed",
        ),
        (
            "MRI looks like lymphoma in L2, no neuro.",
            "haematological_malignancy",
            "radiologically_suspected",
        ),
        (
            "55M, no known cancer, night pain. Could this be spinal mets?",
            "spinal_metastases",
            "suspected",
        ),
    ],
)
def test_round27_follow_up_facts_in_other_words(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


def test_a_yes_no_question_doubts_a_diagnosis_but_not_a_stated_red_flag_or_cancer() -> None:
    assert "spinal_metastases" not in facts(
        "Breast ca survivor, feet numb - is this a tumour in my spine?"
    )
    said = facts("Is it normal for my legs to feel numb after the hormone injections? Prostate ca.")
    assert said["sensory_loss"] == "yes"
    assert facts("Is it my myeloma if I keep tripping?")["primary_tumour"] == "myeloma"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("I've got myeloma.\n- legs weak: no\n- problems with wee or poo: no", BLADDER, "no"),
        ("Bowel ca. My legs are fine and I can wee and go to the toilet normally.", BLADDER, "no"),
        (
            "67M, no previous medical history. His GP suspects prostate cancer.",
            "cancer_diagnosis",
            "no",
        ),
        (
            "67M, no previous medical history. His GP suspects prostate cancer.",
            "cancer_suspected",
            "yes",
        ),
    ],
)
def test_round27_case_words(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


def test_a_suspected_cancer_is_no_diagnosis_and_a_stated_one_stays() -> None:
    assert facts("GP suspects prostate cancer, PSA pending").get("cancer_diagnosis") is None
    assert facts("Prostate ca. I can't wee properly.")[BLADDER] == "yes"
