"""Session 19 (#12, #13, #14): round 35's case, follow-up and scope failures fixed as classes,
each tested both ways.

- A relative who is the patient named with where they live ("my uncle in Leeds has prostate
  cancer ... his legs are weak"); a relative described in a clause of their own ("Her sister,
  who has myeloma, has just been admitted with cord compression") is someone else.
- Declining both surgery and radiotherapy (or unfit for surgery and declining radiotherapy) is,
  for 1.6.5, like their not being appropriate: mobilise if possible.
- Radiotherapy had on a recent day in words is the MSCC's radiotherapy; radiotherapy booked is
  radiotherapy being considered (1.10.1).
- "Whether he should be on dexamethasone" asks; it records no dexamethasone.
- A primary corrected from myeloma to a solid tumour takes the haematological malignancy it
  implied with it.
- Non-malignant cord compression ("spondylotic cervical cord compression", "cord compression from
  a disc") is not MSCC.
"""

from __future__ import annotations

import pytest
from chat_helpers import cited, facts, last


def test_a_relative_named_with_where_they_live_is_the_patient() -> None:
    said = facts(
        "hi, my uncle in Leeds has prostate cancer (had it 3 yrs). my aunt says since yesterday "
        "his legs are weak and he cant pee properly."
    )
    assert said["cancer_diagnosis"] == "yes" and said["primary_tumour"] == "prostate"


def test_a_relatives_cancer_elsewhere_in_a_message_about_someone_else_is_not_the_patients() -> None:
    said = facts("My dad has prostate cancer. My uncle in Leeds had bowel cancer. Dad's legs weak.")
    assert said["primary_tumour"] == "prostate"


def test_a_relative_in_a_clause_of_their_own_is_someone_else() -> None:
    said = facts(
        "Mrs K is stable. Her sister, who has myeloma, has just been admitted with cord "
        "compression, so the family want Mrs K to have a spine MRI every 3 months."
    )
    assert "mscc" not in said and "haematological_malignancy" not in said


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("His wife, who is a nurse, says his legs are weak", "limb_weakness", "yes"),
        ("My mum, who has breast cancer, has weak legs", "limb_weakness", "yes"),
        ("My mum, who has breast cancer, has weak legs", "primary_tumour", "breast"),
    ],
)
def test_a_relatives_clause_that_reports_on_the_patient_keeps_the_patients_findings(
    text: str, fact: str, value: str
) -> None:
    assert facts(text).get(fact) == value


def test_declining_surgery_and_radiotherapy_gets_mobilise_if_possible(conversation) -> None:
    answer = last(
        conversation,
        "An elderly gentleman on the ward with prostate cancer and cord compression has decided "
        "he doesn't want surgery or radiotherapy - he wants to go home.",
    )
    assert "1.6.5" in cited(answer)
    answer = last(
        conversation,
        "Mr T, 83, prostate ca with MSCC at T11. MDT said not fit for surgery and he declined "
        "radiotherapy. On dexamethasone 16 mg daily.",
    )
    assert "1.6.5" in cited(answer)


def test_declining_only_surgery_is_not_mobilise_if_possible(conversation) -> None:
    answer = last(
        conversation,
        "Prostate ca with MSCC at T11. He declined surgery; radiotherapy is booked for tomorrow.",
    )
    assert "1.6.5" not in cited(answer)


def test_recent_radiotherapy_in_words_is_the_msccs_radiotherapy() -> None:
    said = facts(
        "MSCC at T6 from breast ca. She had a single fraction of radiotherapy last Tuesday."
    )
    assert said.get("mscc_radiotherapy_given") == "yes"
    assert "mscc_radiotherapy_given" not in facts("She had radiotherapy last week.")
    assert "mscc_radiotherapy_given" not in facts(
        "MSCC at T6. Had radiotherapy to the lung last week."
    )


def test_radiotherapy_booked_is_radiotherapy_considered() -> None:
    said = facts("Sarcoma with MSCC. Radiotherapy to his spine is booked for tomorrow.")
    assert said.get("radiotherapy_considered") == "yes"
    assert said.get("awaiting_definitive_treatment") == "yes"
    assert "radiotherapy_considered" not in facts(
        "Sarcoma with MSCC. Surgery is booked for tomorrow."
    )


def test_the_patient_and_partner_wanting_children_is_the_patients_concern() -> None:
    assert facts("him and his wife want kids")["fertility_concern"] == "yes"
    assert "fertility_concern" not in facts("his wife wants kids")


@pytest.mark.parametrize(
    "text",
    [
        "GP asking whether he should be on dexamethasone per NICE.",
        "does she need to be on dex?",
    ],
)
def test_asking_whether_someone_should_be_on_dexamethasone_records_none(text: str) -> None:
    assert "dexamethasone_given" not in facts(text)


def test_a_patient_said_to_be_on_dexamethasone_is_on_it() -> None:
    assert facts("He is on dexamethasone 16 mg.")["dexamethasone_given"] == "yes"
    assert facts("the doctors are now cutting down her steroids")["on_corticosteroids"] == "yes"


def test_a_primary_corrected_from_myeloma_clears_the_malignancy_it_implied(conversation) -> None:
    answer = last(
        conversation,
        "Resident 81M with myeloma and vertebral lesions, no neuro symptoms, moderate back pain.",
        "Apologies - wrong notes. He has bladder cancer with spinal metastases at L2 and L4, not "
        "myeloma. Still no leg weakness or bladder change.",
    )
    assert "haematological_malignancy" not in answer.facts
    assert "1.8.5" not in cited(answer)


def test_a_confirmed_haematological_malignancy_said_again_stays(conversation) -> None:
    answer = last(
        conversation,
        "Resident 81M with myeloma and vertebral lesions, no neuro symptoms.",
        "Correction: his primary is lymphoma, not myeloma.",
    )
    assert answer.facts.get("haematological_malignancy") == "confirmed"


@pytest.mark.parametrize(
    "text",
    [
        "MRI shows spondylotic cervical cord compression, no cancer.",
        "cord compression from a disc prolapse, no cancer",
    ],
)
def test_non_malignant_cord_compression_is_not_mscc(text: str) -> None:
    assert "mscc" not in facts(text)


def test_cord_compression_with_cancer_named_is_still_mscc() -> None:
    assert facts("prostate ca, MRI: cord compression at T4")["mscc"] == "confirmed"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Neuro: nothing - full power, no numbness, bladder/bowel normal.", "no"),
        ("Neuro: nil power in legs", "yes"),
    ],
)
def test_neuro_nothing_is_a_normal_examination_not_nil_power(text: str, value: str) -> None:
    assert facts(text)["limb_weakness"] == value


def test_problems_with_the_toilet_are_bladder_or_bowel() -> None:
    assert facts("no problems with the toilet")["bladder_bowel_dysfunction"] == "no"
    assert facts("she has had problems with the toilet")["bladder_bowel_dysfunction"] == "yes"


def test_imaging_that_favours_lymphoma_is_radiologically_suspected() -> None:
    said = facts("T9-T10 vertebral infiltration with a large mass; appearances favour lymphoma.")
    assert said["haematological_malignancy"] == "radiologically_suspected"
    assert "haematological_malignancy" not in facts("T9-T10 vertebral infiltration with a mass.")


@pytest.mark.parametrize(
    "text",
    [
        "30yo cyclist hit by a car door, brief loss of consciousness, vomited twice since, no "
        "past medical history. Does he need a CT head and how quickly?",
        "My husband's on chemo for his bowel cancer and he's had diarrhoea six times today. His "
        "back and legs are fine. What can he take for it?",
        "What's the best MRI protocol for a suspected meniscal tear of the knee?",
    ],
)
def test_round35_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "prostate ca, diarrhoea and now weak legs",
        "knee pain and weak legs, breast ca",
    ],
)
def test_the_same_words_beside_a_cord_symptom_are_answered(conversation, text: str) -> None:
    assert not last(conversation, text).out_of_scope


# Round 35 follow-ups (fu32), each tested both ways.


@pytest.mark.parametrize(
    "text",
    [
        "man in bed 3 has prostate cancer, legs gone weak. nurse thinks its cord compression",
        "cant move her legs n wet the bed, she thinks its MSCC",
    ],
)
def test_a_diagnosis_someone_thinks_of_is_suspected(text: str) -> None:
    assert facts(text)["mscc"] == "suspected"


def test_a_finding_someone_thinks_they_see_is_still_the_finding() -> None:
    assert facts("she thinks her legs are weak")["limb_weakness"] == "yes"
    assert facts("MRI confirmed cord compression; I think the dex dose is wrong")["mscc"] == (
        "confirmed"
    )


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "We tried graded sitting with her today and her pain increased significantly.",
            "mobilisation_deterioration",
            "yes",
        ),
        ("Not at high risk of radiotherapy side effects.", "high_rt_side_effect_risk", "no"),
        ("47M chondrosarcoma, MSCC at T3.", "primary_tumour", "other_solid"),
        ("He was offered surgery but has declined it.", "surgery_declined", "yes"),
        ("my back has been really bad for a month", "back_pain", "yes"),
        ("His legs have started to feel weak.", "limb_weakness", "yes"),
        ("His legs have started to give way today.", "gait_disturbance", "yes"),
        ("no he's never had radiotherapy", "previous_radiotherapy", "no"),
        ("haem team say radiotherapy is being thought about", "radiotherapy_considered", "yes"),
    ],
)
def test_round35_follow_up_phrasings_are_read(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("We tried graded sitting with her today and it went well.", "mobilisation_deterioration"),
        ("He was offered surgery and has agreed.", "surgery_declined"),
        ("bad posture at work, his back is fine", "back_pain"),
        ("no he is never going to have radiotherapy", "previous_radiotherapy"),
    ],
)
def test_round35_follow_up_phrasings_are_not_over_read(text: str, fact: str) -> None:
    assert facts(text).get(fact) in (None, "no")


def test_a_high_risk_of_radiotherapy_side_effects_stated_stands() -> None:
    said = facts("At high risk of radiotherapy side effects: large field.")
    assert said["high_rt_side_effect_risk"] == "yes"


def test_no_answering_the_question_does_not_negate_a_stated_finding() -> None:
    assert facts("No, she has weak legs")["limb_weakness"] == "yes"
    assert facts("no weakness")["limb_weakness"] == "no"


def test_a_recurrence_interval_corrected_on_its_own_is_read_with_the_case(conversation) -> None:
    first = (
        "Rad onc. 55F breast cancer, had 8 Gy to T10 spinal mets with a good response to that "
        "radiotherapy, now recurrent pain at the same level 2 months after the RT."
    )
    assert last(conversation, first).facts["recurrence_3_months_after_rt"] == "no"
    answer = last(conversation, first, "Sorry, that's 5 months after the RT, not 2.")
    assert answer.facts["recurrence_3_months_after_rt"] == "yes"
    assert "1.10.9" in cited(answer)


def test_an_interval_after_radiotherapy_with_no_recurrence_recorded_is_not_a_recurrence(
    conversation,
) -> None:
    answer = last(conversation, "breast ca, had RT to T10. it is 5 months after the RT now")
    assert "recurrence_3_months_after_rt" not in answer.facts


def test_back_to_a_lettered_patient_is_a_switch(conversation) -> None:
    answer = last(
        conversation,
        "Mr A: 88M prostate cancer, new urinary retention and leg weakness.",
        "Next patient, Mrs B: 76F breast cancer with known spinal metastases, pain controlled.",
        "Back to Mr A - he now also has numbness up to his umbilicus.",
    )
    assert answer.turn == "new_patient" and "primary_tumour" not in answer.facts


def test_back_to_the_spine_is_not_a_switch(conversation) -> None:
    answer = last(
        conversation,
        "Locum GP. 74F breast cancer, new leg weakness today, ?MSCC.",
        "ok, back to the spine - dex dose?",
    )
    assert answer.turn != "new_patient" and answer.facts["primary_tumour"] == "breast"


@pytest.mark.parametrize(
    ("case", "aside"),
    [
        (
            "I'm her carer. She has lung cancer that has spread to her spine, back pain, on "
            "morphine.",
            "She also has dementia - what tablets would help her memory?",
        ),
        (
            "my uncle has prostate cancer that's spread to his spine, back pain all the time",
            "his blood pressure is high as well, what tablet should he be on for that?",
        ),
        (
            "Viva case: 50M thyroid cancer, spinal metastasis at L3 without MSCC.",
            "Also for the viva - how do you manage a scaphoid fracture?",
        ),
    ],
)
def test_an_aside_about_another_condition_is_refused_and_the_case_kept(
    conversation, case: str, aside: str
) -> None:
    answer = last(conversation, case, aside)
    assert answer.out_of_scope and answer.facts.get("spinal_metastases") == "confirmed"


def test_a_condition_of_the_patients_own_beside_the_case_is_answered(conversation) -> None:
    answer = last(
        conversation,
        "my mum has breast cancer with spinal mets and back pain",
        "she has dementia so cant tell us about her legs - what now?",
    )
    assert not answer.out_of_scope
