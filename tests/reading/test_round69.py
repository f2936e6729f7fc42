"""Session 34 (#12): round 69's reading classes, fixed as classes and tested both ways: a normal
finding that only seemed so, a premise given with a question, a line of items each closed by
"/ ", the cancer said to be in the spine, a family or notes that say no cancer, lesions the
writer calls suspected, radiotherapy dated by months and its response in the next sentence,
and lay and second-language words for Box 1 findings."""

from __future__ import annotations

import pytest
from chat_helpers import facts


def test_a_normal_that_only_seemed_so_is_asked_never_absent() -> None:
    read = facts(
        "79F with myeloma. She can't stand without two people; power in the legs 3/5; sensation "
        "seemed intact to light touch but she was drowsy so I'm not confident in that."
    )
    assert "sensory_loss" not in read  # rf69-028: recorded absent on the first run
    assert read["limb_weakness"] == "yes"
    assert facts("sensation intact")["sensory_loss"] == "no"
    assert facts("her legs seem weak")["limb_weakness"] == "yes"
    assert facts("Walking and sensation seem normal to me.")["sensory_loss"] == "no"


def test_a_premise_given_with_a_question_is_stated() -> None:
    read = facts(
        "Should she still be walking on her own, given that she keeps falling and has bone "
        "metastases from breast cancer?"
    )
    assert read["gait_disturbance"] == "yes"  # rf69-137: asked on the first run
    # with no question word, the closing '?' does not doubt what "given that" presupposes
    assert facts("still ok to mobilise given that she keeps falling?")["gait_disturbance"] == "yes"
    assert "gait_disturbance" not in facts("Should she still be walking on her own if she falls?")


def test_a_line_of_items_each_closed_by_a_slash() -> None:
    read = facts("Prostate ca/ no numbness/ ?weak legs/ retention 750ml/ walking OK")
    assert read["bladder_bowel_dysfunction"] == "yes"  # rf69-260: the '?' reached it
    assert read["sensory_loss"] == "no"
    assert facts("no weakness/ numbness").get("sensory_loss") != "yes"  # one slash: a list


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Lung ca. Neuro obs: strong grips, but both legs only lift briefly off the bed "
            "and then drop.",
            "limb_weakness",
        ),
        ("dad has panc cancer, legs 2 weak", "limb_weakness"),
        ("mum (ovarian ca) legs weeker", "limb_weakness"),
        (
            "My granny has cancer of lung. Now the poo is coming out alone and she don't know it.",
            "bladder_bowel_dysfunction",
        ),
        (
            "Prostate cancer spread to his spine. Today he had an accident without knowing.",
            "bladder_bowel_dysfunction",
        ),
        ("Ovarian ca. Patient unaware of full bladder.", "bladder_bowel_dysfunction"),
        (
            "Oesophageal cancer. A burning pain that shoots round from his spine to his chest.",
            "radicular_pain",
        ),
        (
            "Bladder cancer in the bones. His legs are more weak and he don't feel his feet.",
            "sensory_loss",
        ),
        ("Lung cancer. Now she no can walk.", "gait_disturbance"),
        (
            "My mother hands are tingling all the time now, from the cancer in her neck bones?",
            "sensory_loss",
        ),
        ("Prostate ca. Pain in the back that is more and more bad every day.", "pain_progressive"),
    ],
)
def test_box_1_findings_in_round_69_words(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Oesophageal cancer. No pain shooting anywhere.",
        "Lung cancer. She can walk, no problem.",
        "Ovarian ca. Bladder scan 50 ml, patient aware.",
    ],
)
def test_the_same_findings_not_said_are_not_read(text) -> None:
    read = facts(text)
    assert read.get("radicular_pain") != "yes" and read.get("gait_disturbance") != "yes"
    assert read.get("bladder_bowel_dysfunction") != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "my scan showed the myeloma is in two of the bones in my spine (L3 and L4)",
        "You know my myeloma is in my spine.",
        "My aabo has the myeloma. The doctor say the bones of his back have damage from it.",
        "57M, query myeloma. MRI whole spine this evening - multiple lesions thought likely "
        "myeloma.",
    ],
)
def test_the_cancer_said_to_be_in_the_spine(text) -> None:
    assert facts(text)["spinal_metastases"] == "confirmed"


def test_the_cancer_said_not_to_be_in_the_spine_is_not_read_as_there() -> None:
    assert "spinal_metastases" not in facts("the cancer is not in his spine")


def test_a_family_or_notes_that_say_no_cancer() -> None:
    read = facts("My mother 52, she never have cancer, nobody in her have cancer. Back pain.")
    assert read["cancer_diagnosis"] == "no"  # b139: cancer was recorded as diagnosed
    read = facts("lady 70, nothing about cancer in her notes, hard lump in her left breast")
    assert read["cancer_diagnosis"] == "no" and read["cancer_suspected"] == "yes"
    assert facts("lady 70, breast cancer in her notes")["cancer_diagnosis"] == "yes"


def test_lesions_the_writer_calls_suspected_metastases_are_suspected() -> None:
    read = facts(
        "58M, MRI shows several spinal lesions - spinal metastases suspected, radiologically "
        "they look like myeloma, not yet confirmed."
    )
    assert read["spinal_metastases"] == "suspected"  # fu66-045: confirmed on the first run
    assert read["haematological_malignancy"] == "radiologically_suspected"
    assert (
        facts("known breast ca, MRI shows lytic lesions at T5 and L1")["spinal_metastases"]
        == "confirmed"
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Had 8 Gy single fraction to T10 in January for painful mets, pain settled completely. "
            "Now in May the same pain is back in the same place.",
            "yes",
        ),
        ("8Gy in March, pain settled. Now (April) pain is back.", "no"),
        (
            "8 Gy single fraction to an L3 met 6 months ago, no MSCC. Pain went away completely, "
            "but "
            "the same pain at the same level came back 2 weeks ago.",
            "yes",
        ),
        (
            "8 Gy single fraction 6 weeks ago. Pain went away completely, but the same pain came "
            "back this week.",
            "no",
        ),
    ],
)
def test_radiotherapy_dated_by_months_and_its_response_in_the_next_sentence(text, value) -> None:
    read = facts(text)
    assert read["previous_rt_good_response"] == "yes"
    assert read["recurrence_3_months_after_rt"] == value


def test_a_response_denied_is_no_good_response() -> None:
    assert "previous_rt_good_response" not in facts(
        "8 Gy 6 months ago. Pain never went away completely."
    )


def test_what_the_writer_is_still_checking_is_not_stated() -> None:
    read = facts(
        "60M, back pain waking him at night. I'm checking now whether he has ever had cancer."
    )
    assert "cancer_diagnosis" not in read  # fu66-041
    assert facts("60M with lung cancer, back pain")["cancer_diagnosis"] == "yes"


def test_surgery_said_to_have_been_and_recovered_from() -> None:
    read = facts("Update: surgery was 3 weeks ago and she has recovered well from it.")
    assert read["had_spinal_surgery"] == "yes" and read["recovered_from_surgery"] == "yes"
    assert "had_spinal_surgery" not in facts("surgery is planned for next week")
