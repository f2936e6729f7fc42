"""Session 23 (#12, H02): what session 22 noticed and left, and round 44's reading classes,
fixed as classes, each tested both ways.

- A writer who opens on a relative's past ("My dad had cord compression") and then speaks of
  their own cancer and their own body is the patient; the relative's history is not theirs.
- "It's my dad who has weak legs" as the first word on anyone is the patient's (over-calling
  costs a question); after the patient or a cancer is named it is the relative's.
- A modal cue in the free words of a long match, parted from the match's own finding by a
  comma ("MRI looks like lymphoma, no cord compression"), governs its own clause.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts, last


def test_a_writer_with_their_own_cancer_after_a_relatives_past_is_the_patient() -> None:
    said = facts(
        "My dad had cord compression. I'm having chemo for breast cancer and my back hurts."
    )
    assert said.get("mscc") is None and said["primary_tumour"] == "breast"
    assert said["back_pain"] == "yes"


def test_a_relative_opening_the_message_stays_the_patient() -> None:
    # no cancer of the writer's own: the relative is the patient
    said = facts("My dad had cord compression last year and now his legs are weak again.")
    assert said["spinal_metastases"] == "confirmed" and said["limb_weakness"] == "yes"
    # the writer's treatment without findings of their own leaves the relative the patient
    said = facts("My mum had breast cancer and her legs are weak. I'm having chemo myself.")
    assert said["limb_weakness"] == "yes"


def test_a_cleft_relative_as_the_first_word_on_anyone_may_be_the_patient() -> None:
    said = facts("It's my dad who has weak legs. He has prostate cancer.")
    assert said["limb_weakness"] == "yes"
    said = facts("FYI it's her husband (visits daily) who has been struggling to walk")
    assert said.get("gait_disturbance") is None


def test_a_cleft_relative_after_the_patient_is_named_is_not_the_patient() -> None:
    said = facts("Mum (breast cancer) is fine. It's my dad who has weak legs.")
    assert said.get("limb_weakness") is None
    said = facts(
        "I'm the patient - prostate cancer - and I'm fine. It's my neighbour who can't walk."
    )
    assert said.get("gait_disturbance") is None


def test_a_modal_cue_parted_from_a_long_match_governs_its_own_clause() -> None:
    said = facts("MRI looks like lymphoma, no cord compression.")
    assert said["mscc"] == "ruled_out"
    assert said["haematological_malignancy"] == "radiologically_suspected"
    # unparted, the match's own cue still governs it
    said = facts("MRI shows no cord compression.")
    assert said["mscc"] == "ruled_out" and "haematological_malignancy" not in said


def test_a_spine_word_opening_spinal_metastases_is_no_lesion_site() -> None:
    said = facts("CT shows lytic lesions and spinal metastases are suspected.")
    assert said["spinal_metastases"] == "suspected"
    assert facts("CT shows lytic lesions in the spine.")["spinal_metastases"] == "confirmed"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Breast ca. She's needed help from her son to walk in.", "gait_disturbance"),
        ("Breast ca. Walking with a limp.", "gait_disturbance"),
        ("Breast ca. Unable to wt bear.", "gait_disturbance"),
        ("Breast ca. Unable to mob.", "gait_disturbance"),
        ("Breast ca. Non-ambulant.", "gait_disturbance"),
        ("Oesophageal ca. He's no right on his feet since yesterday.", "gait_disturbance"),
        ("Breast ca. Walks unsteadily with a broad base.", "gait_disturbance"),
        ("Lung ca. MRC grade 3 power in both legs.", "limb_weakness"),
        ("Myeloma. Oxford scale 4 for hip flexion both sides.", "limb_weakness"),
        ("Mesothelioma. My legs have stopped listening to me.", "limb_weakness"),
        ("Mesothelioma. I can't make them move properly.", "limb_weakness"),
        ("Lymphoma. My legs have gone numb from the hips down and they're weak.", "limb_weakness"),
        ("Prostate ca. The right is clearly weaker than at 22:00.", "limb_weakness"),
        ("Breast ca. Frankel C.", "limb_weakness"),
        ("Myeloma. JPS impaired at both great toes.", "sensory_loss"),
        ("Bowel ca. No sensation in either foot when I tested.", "sensory_loss"),
        ("Prostate cancer. I don't feel anything down there when I try.", "sensory_loss"),
        ("Kidney cancer. The skin there feels odd, like it isn't mine.", "sensory_loss"),
        ("Lung ca. Inability to feel the floor beneath his feet.", "sensory_loss"),
        ("Kidney ca. Her feet feel like they're wrapped in cling film.", "sensory_loss"),
        ("Lymphoma. sens: ↓ below T10 on exam", "cord_signs"),
        (
            "Oesophageal ca. Sensory loss to light touch and pin below the nipple line.",
            "cord_signs",
        ),
        ("Oesophageal ca. Gait unsteady with a positive Romberg.", "cord_signs"),
        ("HCC. PR: AT ↓.", "cord_signs"),
        ("Melanoma. It burns down the front of his thigh like a hot wire.", "radicular_pain"),
        ("Myeloma. Pain 9/10 shooting from L4 down the front of the shin.", "radicular_pain"),
        ("prostate ca. pain shootin down bak of both legs 2 my heels", "radicular_pain"),
        (
            "Kidney cancer. What's new this week is a shooting pain down my right arm.",
            "radicular_pain",
        ),
        ("Pancreatic cancer. She's had no wee since this morning.", "bladder_bowel_dysfunction"),
        ("Prostate ca. Needing 2 attempts to pass urine; flow poor.", "bladder_bowel_dysfunction"),
        ("Pancreatic ca. Not continent of urine any more.", "bladder_bowel_dysfunction"),
        ("dad prostate cancr cnt wee since lst nite", "bladder_bowel_dysfunction"),
        ("mum hs brest cancer n her legs r realy wek", "limb_weakness"),
        (
            "Continent, though she's stopped feeling the urge to pass urine. Breast cancer.",
            "bladder_bowel_dysfunction",
        ),
        (
            "My legs aren't numb but they're so weak I can't get up the stairs. Breast cancer.",
            "limb_weakness",
        ),
    ],
)
def test_round44_stated_red_flags_are_present(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("COPD, MRC dyspnoea grade 3 on exertion.", "limb_weakness"),
        ("Breast ca. She walks well, no limp.", "gait_disturbance"),
        ("ascending weakness after D&V, areflexic", "cord_signs"),
        ("Breast ca. Sensation normal below the knee.", "cord_signs"),
        ("Breast ca. No sensation problems.", "sensory_loss"),
        ("Mum has had breast cancer in the past. I have back pain.", "cancer_diagnosis"),
    ],
)
def test_round44_words_that_state_no_red_flag(text: str, fact: str) -> None:
    assert facts(text).get(fact) in (None, "no")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("No pain radiating, unsteady walking and falls x2. Prostate ca.", "gait_disturbance"),
        ("Nil incontinence, walking with a frame since Monday (new). Lung ca.", "gait_disturbance"),
        ("No numbness in the legs, saddle anaesthesia present. Colorectal ca.", "sensory_loss"),
        ("No retention (PVR 40 ml), reduced anal tone on PR. Prostate ca.", "cord_signs"),
    ],
)
def test_a_finding_its_own_list_item_affirms_is_stated_past_a_denial(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "No weakness, numbness or retention present. Prostate ca",
        "No weakness, numbness, incontinence present. Prostate ca",
        "No weakness, numbness, incontinence noted. Prostate ca",
    ],
)
def test_a_list_plainly_denied_stays_denied_with_present_at_its_end(text: str) -> None:
    said = facts(text)
    assert said["limb_weakness"] == "no" and said["bladder_bowel_dysfunction"] == "no"


def test_a_walking_distance_is_no_childs_age(conversation) -> None:
    said = "Matron exam, lymphoma patient: able to walk 10 m with a frame (new since Tuesday)."
    assert not last(conversation, said).out_of_scope
    said = "Lung ca. Pain radiating round the chest, band-like. Walking 5 m to the toilet."
    assert not last(conversation, said).out_of_scope
    assert last(conversation, "9 M with back pain at night, what scan?").out_of_scope


def test_cancer_with_a_box1_body_word_is_never_refused_on_retrieval(conversation) -> None:
    said = "Mesothelioma.\nNo numbness\nWeak\nlegs, R>L\nNo retention"
    assert not last(conversation, said).out_of_scope
    assert last(conversation, "Mesothelioma - what is the role of talc pleurodesis?").out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "Pathological fracture of the hip from breast cancer metastasis, what's the best implant?",
        "What's the safe gadolinium contrast approach in a patient on haemodialysis?",
        "How should I taper prednisolone after treating a flare of lupus nephritis?",
        "Lady of 80 with osteoporosis, vertebral compression fracture after lifting shopping. "
        "Should she have vertebroplasty?",
        "Which patients on long-term inhaled steroids need a steroid emergency card?",
        "What are the criteria for referring a dialysis patient for kidney transplant assessment?",
        "Patient is on 60 mg oral morphine a day. What's the equivalent oxycodone dose?",
        "Should a kidney transplant recipient with early prostate cancer have radiotherapy?",
        "What are the urgent referral criteria for suspected lung cancer in a smoker with a cough?",
        "What helps restless legs at night in a dialysis patient?",
    ],
)
def test_round44_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "Why are they cutting my steroid tablets down bit by bit instead of just stopping them, "
        "now my radiotherapy has started?",
        "Myeloma on haemodialysis, new back pain at night and weak legs. What now?",
        "Breast ca with a pathological fracture of T8 and new leg weakness.",
        "Prostate ca, osteoporosis too, new thoracic back pain waking him at night.",
    ],
)
def test_round44_near_misses_in_scope_are_answered(conversation, text: str) -> None:
    assert not last(conversation, text).out_of_scope
