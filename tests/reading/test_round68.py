"""Session 34 (#12, #13): round 68's reading classes, fixed as classes and tested both ways: a
relative's restrictive clause ("his brother Tony who had …"), a second object after "and the",
a cancer heading a familiar relative's sentence, a reply "no" before the patient's body, a
finding as a label over its sites, "is there any point … if", a site "down" a limb after a
denial's comma, romanised Bengali, second-language and voice-to-text words for Box 1 findings,
suspicion of two haematological cancers, and the facts behind 1.10.3, 1.11.1, 1.4.3 and 1.10.9."""

from __future__ import annotations

import pytest
from chat_helpers import facts

BROTHER = (
    "he's got bowel cancer. His legs are fine, no weakness. It was his brother Tony who had the "
    "leg weakness and the numbness, that was the spine thing last year, not Pete."
)


def test_a_relatives_restrictive_clause_and_its_second_object_are_the_relatives() -> None:
    read = facts(BROTHER)  # b138: the brother's weakness and numbness became the patient's
    assert read["limb_weakness"] == "no" and read.get("sensory_loss") != "yes"
    # the patient's own: "and the" with a verb after it opens a clause of its own
    assert facts("prostate ca. no weakness and the numbness is worse")["sensory_loss"] == "yes"
    assert facts("prostate ca, leg weakness and the numbness.")["sensory_loss"] == "yes"
    assert (
        facts("bowel ca. his brother who had cord compression is worried. now his legs are weak")[
            "limb_weakness"
        ]
        == "yes"
    )


def test_a_cancer_heading_a_familiar_relatives_sentence_is_theirs() -> None:
    read = facts("myeloma, dad cant feel his legs below the nees, been incontinant of poo")
    assert read["sensory_loss"] == "yes"  # rf68-318: read as family history
    assert "gait_disturbance" not in facts("Known prostate ca. Wife has MS and can't walk")


def test_a_reply_no_before_the_patients_body_answers_the_question_before() -> None:
    assert facts("no her legs are fine no weakness")["limb_weakness"] == "no"  # fu65-045
    assert facts("no her legs are weak")["limb_weakness"] == "yes"


def test_a_finding_as_a_label_over_its_sites() -> None:
    assert facts("Breast cancer.\nWeak: L leg, R arm")["limb_weakness"] == "yes"
    assert facts("Breast cancer.\nWeak: none")["limb_weakness"] == "no"
    assert facts("no weakness no numbness or tingling")["limb_weakness"] == "no"
    # the label's "no" governs only a value that ends the item (rf58-147, caught by the sweep)
    read = facts("Nothing but weakness: no numbness, no bladder or bowel problems. Lung cancer.")
    assert read["limb_weakness"] == "yes" and read["sensory_loss"] == "no"


def test_whether_it_is_worth_doing_something_if_takes_the_condition_as_given() -> None:
    read = facts(
        "Is there any point scanning if his legs have been completely paralysed for two days "
        "and he can't stand? Lung cancer."
    )
    assert read["limb_weakness"] == "yes"  # rf68-134: asked on the first run
    assert "limb_weakness" not in facts("what if his legs go weak? lung cancer")


def test_a_site_down_a_limb_after_a_denials_comma_is_stated() -> None:
    read = facts("Nil bladder symptoms, shooting pain down R leg. Lung cancer.")
    assert read["radicular_pain"] == "yes" and read["bladder_bowel_dysfunction"] == "no"
    read = facts("no weakness, numbness or tingling down the left leg")
    assert read["sensory_loss"] == "no"  # a list "or" closes stays denied


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "Abba has myeloma. He has no weakness, walking ok, kintu pain khub beshi, "
            "raate ghumate "
            "pare na.",
            "pain_night",
            "yes",
        ),
        (
            "Ammu, lung cancer, komor byatha 3 weeks, ekhon hatte parche na",
            "gait_disturbance",
            "yes",
        ),
        ("Ammu, lung cancer, prosrab atke geche", "bladder_bowel_dysfunction", "yes"),
        ("breast ca, pa obosh lagche", "sensory_loss", "yes"),
        ("prostate ca, pa duto durbol", "limb_weakness", "yes"),
    ],
)
def test_romanised_bengali_inside_an_english_message(text, fact, value) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Breast ca with bone mets. Over the past two nights the carers have found her bed wet, "
            "which has never happened.",
            "bladder_bowel_dysfunction",
        ),
        (
            "Pancreatic ca, lumbar mets. She said she could not feel the wipe at all around her "
            "bottom.",
            "sensory_loss",
        ),
        (
            "Lung ca with spine mets. He can still walk but slowly, holding my arm.",
            "gait_disturbance",
        ),
        ("Ca lung w/ bone mets. Mob: needs 2x assist (baseline indep).", "gait_disturbance"),
        (
            "I have prostate cancer. I can't lift my left foot properly and it slaps on the floor "
            "when I walk.",
            "gait_disturbance",
        ),
        (
            "my dad has bone mets from his prostate cancer and he says he can't feel his feat",
            "sensory_loss",
        ),
        (
            "my husband's got prostate cancer and he's been wedding himself at night",
            "bladder_bowel_dysfunction",
        ),
        (
            "From 2 months she has very strong pain in back, all the time. Breast ca.",
            "pain_severe_unremitting",
        ),
        ("breast ca, also in night she cannot sleep from it", "pain_night"),
    ],
)
def test_box_1_findings_in_round_68_words(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Breast ca. No problems with her bed, no incontinence.", "bladder_bowel_dysfunction"),
        ("Lung ca. Walking fine, not holding onto anything.", "gait_disturbance"),
    ],
)
def test_the_same_findings_denied_stay_denied(text, fact) -> None:
    assert facts(text)[fact] == "no"


def test_a_cancer_only_wondered_about_is_suspected_not_diagnosed() -> None:
    read = facts(
        "She never had cancer, nobody say cancer before. Now family doctor is worried it can be "
        "cancer because she lost 9 kg."
    )
    assert read["cancer_diagnosis"] == "no" and read["cancer_suspected"] == "yes"  # b137
    assert facts("Known lung cancer, back pain")["cancer_diagnosis"] == "yes"
    read = facts("No cancer diagnosis yet but GP sent a 2-week-wait referral for ?lung cancer.")
    assert read["cancer_diagnosis"] == "no"


def test_either_of_two_haematological_cancers_named_as_suspicious_is_suspected() -> None:
    read = facts(
        "Baba, 71, no cancer before. MRI showed several lesions in spine, radiologist report "
        "says 'appearances suspicious for lymphoma or myeloma'."
    )
    assert read["haematological_malignancy"] == "radiologically_suspected"  # b138
    assert read["cancer_diagnosis"] == "no"
    assert facts("known myeloma, on treatment")["haematological_malignancy"] == "confirmed"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("myeloma. MRI showed lesions in his spine T12 and L4", "spinal_metastases", "confirmed"),
        (
            "myeloma. Haematology team says later stem cell transplant",
            "stem_cell_harvest_considered",
            "yes",
        ),
        (
            "MSCC at T11. A colleague says there's no point operating after 48 hours of "
            "paraplegia.",
            "invasive_intervention_considered",
            "yes",
        ),
        (
            "MSCC. Nursing staff have laid her completely flat but she is breathless.",
            "immobilised",
            "yes",
        ),
        ("47M, lung ca, MSCC at T12 decompressed last week.", "had_spinal_surgery", "yes"),
        ("He's still on the dexamethasone they started.", "dexamethasone_given", "yes"),
        ("She's walking with her stick same as always.", "gait_disturbance", "no"),
    ],
)
def test_the_facts_behind_round_68s_recommendations(text, fact, value) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("he will be decompressed tomorrow", "had_spinal_surgery"),
        ("needs to be decompressed today", "had_spinal_surgery"),
        ("radiology say no MRI slot till 9am tomorrow, is that ok?", "mri_contraindicated"),
        ("myeloma, stem cells not discussed", "stem_cell_harvest_considered"),
    ],
)
def test_what_those_words_do_not_say(text, fact) -> None:
    assert fact not in facts(text)


def test_radiology_saying_no_mri_for_a_reason_is_still_a_contraindication() -> None:
    assert facts("radiology say no MRI - he has a pacemaker")["mri_contraindicated"] == "yes"
    assert facts("radiology says no MRI.")["mri_contraindicated"] == "yes"
