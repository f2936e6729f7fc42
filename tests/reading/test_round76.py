"""Session 38 (#12): round 76's reading classes, fixed as classes and tested both ways.

A stated red flag had been recorded absent: a state of a body part past a denial's comma ("No
numbness, weak legs, difficulty walking", rf76-221) stayed asked only while it was the list's
last item, and a join word of two findings ("numb n weak legs") matched inside a word
("numbness, weak legs" had been one sensory mention). Also: little power in the legs, the legs
then "they have been weak", a form's "weak? yes", new walking aids, "cath'd for ret", "so why
is he falling?", a pain score in words, tenderness, unremitting and night pain in everyday
words, dexamethasone started or taken daily, a service named after MSCC, cancer patients in
general, and chest pain that radiates to the arm.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


def test_a_state_past_a_denials_comma_is_never_absent_whatever_follows() -> None:
    read = extract("No numbness, weak legs, difficulty walking. Lung cancer.")
    assert read.facts.get("limb_weakness") != "no"  # rf76-221: had been recorded absent
    assert "limb_weakness" in read.uncertain
    assert read.facts["sensory_loss"] == "no"
    # a plain list of denials is still one
    denied = facts("No numbness, weakness, difficulty walking. Lung cancer.")
    assert denied["limb_weakness"] == denied["gait_disturbance"] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("numb n weak legs, prostate ca", "limb_weakness"),
        ("legs numb n weak, breast ca", "limb_weakness"),
        ("numb,weak legs. ca breast", "sensory_loss"),
        ("weak & numb feet, myeloma", "sensory_loss"),
    ],
)
def test_two_findings_joined_are_both_read(text, fact) -> None:
    assert facts(text)[fact] == "yes"


def test_a_join_word_never_matches_inside_a_word() -> None:
    # "numbness, weak legs": the "n" of "numb n weak" is a word, not the end of "numb-n-ess"
    read = extract("No numbness, weak legs. Lung cancer.")
    assert read.facts["sensory_loss"] == "no"
    assert "limb_weakness" in read.uncertain


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Hardly any power in his legs now. Myeloma.", "limb_weakness"),
        ("very little strength in her legs, breast ca", "limb_weakness"),
        (
            "he can't feel his legs from mid-thigh down and they have been weak for two days. "
            "myeloma",
            "limb_weakness",
        ),
        (
            "It isn't true that his legs are fine: both are weaker than last week. Prostate ca.",
            "limb_weakness",
        ),
        ("numb? no\nweak? yes, R leg\nca: renal", "limb_weakness"),
        ("walking? with stick (new)\nca: renal", "gait_disturbance"),
        ("metastatic prostate cancer, now ambulating with a new walker", "gait_disturbance"),
        ("prostate ca, using a walker since Monday", "gait_disturbance"),
        ("Ca bowel w/ mets. Cath'd for ret 14:00, 900 ml.", "bladder_bowel_dysfunction"),
        (
            "Is he weak? No, 5/5. So why is he falling? Prostate cancer, T12 met.",
            "gait_disturbance",
        ),
    ],
)
def test_round_76_findings_are_read(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("his legs are fine and they are not weak. prostate ca", "limb_weakness"),
        ("Prostate ca. Power in his legs is full.", "limb_weakness"),
        ("weak? no\nca: renal", "limb_weakness"),
        ("prostate ca, has used a walker for years", "gait_disturbance"),
    ],
)
def test_the_same_words_without_the_finding_are_not_read(text, fact) -> None:
    assert facts(text).get(fact) != "yes"


def test_why_asked_of_something_not_so_stays_a_doubt() -> None:
    read = extract("So is it possible he is falling because of the met? Prostate ca")
    assert read.facts.get("gait_disturbance") != "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("the pain in my back is dreadful nine out of ten", "pain_severe", "yes"),
        ("back pain, three out of ten", "pain_severe", "no"),
        ("severe back pain that hasn't let up for days", "pain_severe_unremitting", "yes"),
        ("she's tender over the middle of her spine", "localised_tenderness", "yes"),
        (
            "The pain in the middle of my spine is very tender when I press it",
            "localised_tenderness",
            "yes",
        ),
        ("bad back pain, worse in the evening, it wakes her", "pain_night", "yes"),
        ("Started dexamethasone 8mg today.", "on_corticosteroids", "yes"),
        ("He gets dexamethasone 16 mg every day.", "on_corticosteroids", "yes"),
    ],
)
def test_round_76_case_facts_are_read(text, fact, value) -> None:
    assert facts(text)[fact] == value


def test_dexamethasone_not_started_is_not_taken() -> None:
    assert facts("we have not started dexamethasone").get("on_corticosteroids") != "yes"


def test_a_service_named_after_mscc_is_no_compression() -> None:
    read = facts("lung ca, tingling in both feet. No treatment before the morning MSCC meeting.")
    assert "mscc" not in read and "spinal_metastases" not in read
    assert read["sensory_loss"] == "yes"
    assert facts("MRI shows MSCC at T9, prostate ca")["mscc"] == "confirmed"


def test_cancer_patients_in_general_are_not_this_patient() -> None:
    read = facts(
        "47F, no cancer diagnosis on record, breast lump, weak legs. The radiographer says "
        "overnight MRI is only for known cancer patients."
    )
    assert read["cancer_diagnosis"] == "no"
    assert facts("Bed 4, known cancer patient, new weak legs")["cancer_diagnosis"] == "yes"
    one = "One of my head and neck cancer patients mentioned numbness in both legs"
    assert facts(one)["cancer_diagnosis"] == "yes"  # sc60-199: one patient, not patients


def test_chest_pain_to_the_arm_is_no_radicular_pain() -> None:
    read = facts("central crushing chest pain radiating to left arm, no back pain")
    assert "radicular_pain" not in read
    assert facts("shooting pain radiating to the left leg, prostate ca")["radicular_pain"] == "yes"
    assert facts("Lung ca, band-like pain radiating round to the front")["radicular_pain"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "They also offered radiotherapy and I've turned that down as well.",
            "radiotherapy_declined",
            "yes",
        ),
        ("Discharge to a hospice is now being planned.", "discharge_planned", "yes"),
        ("myeloma, walking is much harder than this morning", "gait_disturbance", "yes"),
        (
            "severe back pain whenever she stands or sits up, settling when she lies down",
            "pain_mechanical",
            "yes",
        ),
    ],
)
def test_round_76_follow_up_facts_are_read(text, fact, value) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("myeloma, walking is not harder", "gait_disturbance"),
        ("back pain, it does not settle when she lies down", "pain_mechanical"),
        ("They offered radiotherapy and she has accepted it.", "radiotherapy_declined"),
    ],
)
def test_round_76_follow_up_facts_without_the_words_are_not_read(text, fact) -> None:
    assert facts(text).get(fact) != "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "Myeloma. Any new weakness in arms or legs? Yes, both legs since this morning.",
            "limb_weakness",
            "yes",
        ),
        ("Myeloma. Able to walk? Only with his wife holding him.", "gait_disturbance", "yes"),
        (
            "I've got prostate cancer. I can't feel it when my bowels want to go.",
            "bladder_bowel_dysfunction",
            "yes",
        ),
        ("he had a bowl accident n didnt kno, prostate cancer", "bladder_bowel_dysfunction", "yes"),
        (
            "Prostate cancer. A shooting ache from my backside down to my knee.",
            "radicular_pain",
            "yes",
        ),
    ],
)
def test_round_76_answers_and_lay_words_are_read(text, fact, value) -> None:
    assert facts(text)[fact] == value


def test_a_long_question_opened_by_any_is_asked_not_stated() -> None:
    # rf76-017: "? No." after a long question had been read as the finding stated
    read = extract("Myeloma. Any numbness or altered feeling in the legs or around the bottom? No.")
    assert read.facts.get("sensory_loss") != "yes"
    answered = facts("Myeloma. Any numbness or altered feeling in the legs? Yes, saddle.")
    assert answered["sensory_loss"] == "yes"
    assert facts("Myeloma with weak legs. Any advice?")["limb_weakness"] == "yes"


def test_a_denial_header_ends_at_the_next_header() -> None:
    read = facts(
        "- Ca lung\n- no:\n  - leg weakness\n  - walking difficulty\n- yes:\n  - saddle numbness"
    )
    assert read["sensory_loss"] == "yes"  # rf76-249: the "yes:" items had been denied
    assert read["limb_weakness"] == read["gait_disturbance"] == "no"
    denied = facts("Ca lung\nDenies:\n- leg weakness\n- numbness\n- retention")
    assert denied["limb_weakness"] == denied["sensory_loss"] == "no"
