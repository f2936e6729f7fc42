"""Session 20 (#12, H02): round 38's three red flags recorded absent, and the reading classes of
its cases and scope set, fixed as classes after its first run, each tested both ways.

- "equivocal plantar on the left … No clonus": an equivocal plantar response is a possible
  cord sign, asked, never absent because another cord sign is denied.
- "I wouldn't say her legs aren't weak": a double negation whose second denial is the
  finding's own words doubts the finding (asked), never records it absent.
- "There isn't a time now when she doesn't have the pins and needles": the denials cancel.
- "cancer in her back bones": spinal metastases in lay words.
- "NICE says no steroids without neuro symptoms": what a guideline is said to say is a topic.
- "has prescribed a short dexamethasone course": corticosteroids being taken.
- "my wife reminds me I had a melanoma": the writer's own history, not the wife's.
- "PSA is very high", "lost loads of weight": cancer suspected; "has to stay lying down":
  immobilised.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        "Exam: equivocal plantar on the left, downgoing on the right. No clonus. Tone normal. "
        "Power full. Sensation intact. Pt has breast ca with vertebral mets.",
        "Plantars equivocal bilaterally, no clonus.",
        "left plantar response equivocal, no clonus",
    ],
)
def test_an_equivocal_plantar_is_asked_never_absent(text: str) -> None:
    read = extract(text)
    assert read.facts.get("cord_signs") != "no"
    assert "cord_signs" in read.uncertain


def test_downgoing_plantars_and_no_clonus_still_deny_cord_signs() -> None:
    assert facts("downgoing plantars, no clonus") == {"cord_signs": "no"}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "I wouldn't say her legs aren't weak - they are, a bit, left more than right.",
            "limb_weakness",
        ),
        ("I can't say her legs aren't weak. Breast ca.", "limb_weakness"),
        ("There's no time now when her legs aren't weak.", "limb_weakness"),
    ],
)
def test_a_denied_denial_is_asked_never_absent(text: str, fact: str) -> None:
    read = extract(text)
    assert read.facts.get(fact) != "no"
    assert fact in read.uncertain


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "There isn't a time now when she doesn't have the pins and needles in her feet.",
            "sensory_loss",
        ),
        ("there's no night he isn't up with the back pain", "back_pain"),
        ("There isn't a day when she doesn't have weakness in her legs.", "limb_weakness"),
    ],
)
def test_there_isnt_a_time_when_not_asserts(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Her legs aren't weak.", "limb_weakness"),
        ("No day off work. She doesn't have numbness.", "sensory_loss"),
        ("She doesn't have pins and needles.", "sensory_loss"),
    ],
)
def test_plain_denials_still_deny(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "no"


@pytest.mark.parametrize(
    "text",
    [
        "nan got cancer in her back bones n shes really scared",
        "he has cancer in the bones of his back",
        "cancer in her backbone",
    ],
)
def test_cancer_in_the_back_bones_is_spinal_metastases(text: str) -> None:
    assert facts(text).get("spinal_metastases") == "confirmed"


def test_cancer_in_other_bones_is_not_spinal() -> None:
    assert "spinal_metastases" not in facts("she has cancer in the bones of her hip")


def test_what_a_guideline_says_is_no_fact_about_the_patient() -> None:
    text = (
        "Oncologist has prescribed a short dexamethasone course as part of the RT regimen. The "
        "ward team say NICE says no steroids without neuro symptoms - who's right?"
    )
    said = facts(text)
    assert said.get("on_corticosteroids") == "yes"
    assert "dexamethasone_given" not in said


def test_the_writers_own_denial_of_steroids_still_counts() -> None:
    assert facts("No steroids yet. Weak legs, breast ca.").get("dexamethasone_given") == "no"


@pytest.mark.parametrize(
    "text",
    [
        "he has been prescribed dexamethasone",
        "started on a course of dex",
        "on a short steroid course",
    ],
)
def test_a_prescribed_or_started_course_is_taken(text: str) -> None:
    assert facts(text).get("on_corticosteroids") == "yes"


def test_a_question_whether_to_prescribe_takes_nothing() -> None:
    assert "on_corticosteroids" not in facts("should he be prescribed dex?")


@pytest.mark.parametrize(
    "text",
    [
        "my wife reminds me I had a melanoma cut off",
        "my husband told me I had breast cancer years ago",
    ],
)
def test_a_relative_reminding_the_writer_of_their_own_history(text: str) -> None:
    assert facts(text).get("cancer_diagnosis") == "yes"


def test_a_relatives_own_history_stays_theirs() -> None:
    assert "cancer_diagnosis" not in facts("I have back pain. My wife had a melanoma cut off.")


@pytest.mark.parametrize(
    "text",
    [
        "never had cancer. GP says his PSA is very high",
        "no cancer history, his psa was really raised",
        "no cancer diagnosis, back pain at night, lost loads of weight",
    ],
)
def test_a_high_psa_or_weight_loss_in_lay_words_is_suspected_cancer(text: str) -> None:
    assert facts(text).get("cancer_suspected") == "yes"


def test_a_normal_psa_suspects_nothing() -> None:
    assert "cancer_suspected" not in facts("PSA was normal, no cancer history")


@pytest.mark.parametrize(
    "text",
    ["she has cord compression and has to stay lying down", "he needs to stay flat in bed"],
)
def test_having_to_stay_lying_down_is_immobilised(text: str) -> None:
    assert facts(text).get("immobilised") == "yes"


@pytest.mark.parametrize("text", ["does she have to stay flat?", "she gets breathless lying flat"])
def test_asking_or_breathless_lying_flat_is_not_immobilised(text: str) -> None:
    assert "immobilised" not in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "MDT agree surgery, radiotherapy and other oncology treatment are not appropriate.",
        "Family and MDT agree surgery and radiotherapy aren't appropriate - comfort care only.",
        "surgeons and oncologists agree surgery is not in her best interests",
    ],
)
def test_an_agreement_that_surgery_is_not_appropriate_is_no_surgery(text: str) -> None:
    assert facts(text).get("suitable_for_surgery") != "yes"


def test_an_agreement_for_surgery_is_still_surgery() -> None:
    assert facts("MDT agree surgery tomorrow, 62M MSCC T9").get("suitable_for_surgery") == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("no, his bladder's fine", "bladder_bowel_dysfunction", "no"),
        ("her waterworks are ok", "bladder_bowel_dysfunction", "no"),
        ("no, his blood pressure stayed stable", "orthostatic_hypotension", "no"),
        ("sat her on edge of bed, BP fine no dizziness", "orthostatic_hypotension", "no"),
        ("55M with night-time thoracic back pain and weight loss.", "pain_night", "yes"),
        ("my back is sore when i move and i cant sleep at night with it", "pain_mechanical", "yes"),
        ("my back is sore when i move and i cant sleep at night with it", "pain_night", "yes"),
        ("cramping in his legs walking to the gate", "claudication", "yes"),
        (
            "His back has been hurting for weeks and it is getting steadily worse",
            "pain_progressive",
            "yes",
        ),
        ("His pain is non-mechanical, not worse with movement, but severe", "pain_severe", "yes"),
    ],
)
def test_round38_everyday_phrasings(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("does his bladder work ok?", "bladder_bowel_dysfunction"),
        ("the pain is mild, but not severe", "pain_severe"),
        ("cramping in his legs at night", "claudication"),
    ],
)
def test_round38_phrasings_that_state_nothing(text: str, fact: str) -> None:
    assert facts(text).get(fact) in (None, "no")


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("really bad 8/10 when he stands or tries to sit up", "pain_mechanical", "yes"),
        ("back pain 8/10 on the ward, eases lying flat", "pain_mechanical", "yes"),
        ("tender when I press over his lower spine", "localised_tenderness", "yes"),
        ("74M, haematuria, no cancer diagnosis yet. Severe back pain.", "cancer_suspected", "yes"),
        (
            "Pain 9/10 even though her oxycodone has been increased twice",
            "pain_opioid_unresponsive",
            "yes",
        ),
        (
            "sat her on edge of bed, BP fine no dizziness, but pain went up a lot",
            "mobilisation_deterioration",
            "yes",
        ),
        (
            "8 Gy to L3 7 months ago. Same pain back at L3 over the last 3 weeks.",
            "recurrence_3_months_after_rt",
            "yes",
        ),
        ("what about the dexamethasone he's currently taking", "on_corticosteroids", "yes"),
    ],
)
def test_round38_case_phrasings(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("she gets breathless, eases lying flat", "pain_mechanical"),
        ("no cancer diagnosis", "cancer_suspected"),
        ("pain is better now that her oxycodone has been increased", "pain_opioid_unresponsive"),
        ("84F osteoporosis confirmed on DEXA, on weekly alendronate", "dexamethasone_given"),
        ("her DEXA scan showed osteoporosis", "on_corticosteroids"),
    ],
)
def test_round38_case_phrasings_that_state_nothing(text: str, fact: str) -> None:
    assert fact not in facts(text)


def test_dexa_for_dexamethasone_is_still_read() -> None:
    assert facts("on dexa 16mg od").get("on_corticosteroids") == "yes"


def test_a_finding_of_the_person_in_another_bed_is_not_the_patients() -> None:
    said = facts("Bed 3: 70M prostate ca, back pain at night. The man in bed 5 has weak legs.")
    assert "limb_weakness" not in said and said["cancer_diagnosis"] == "yes"


def test_the_same_bed_named_again_is_the_patient() -> None:
    said = facts("Mrs P in room 6 has lung cancer. The lady in room 6 now has numb legs.")
    assert said.get("sensory_loss") == "yes"
