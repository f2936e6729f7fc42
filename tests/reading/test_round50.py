"""Session 25 (#12): round 50's reading classes, fixed as classes and tested both ways: a label
answered "no" across a tight slash, another relative's findings, paralysis dated by when it
began, words of usual state, and a person in general."""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract

GP_LIST = (
    "GP reg, quick one:\nPMH: Ca prostate 2020, on ADT\nPC: low back pain 4/52, getting worse\n"
    "- worse at night: yes\n- leg weakness: no\n- numbness/tingling: no\n"
    "- bladder/bowel change: no\n- gait: normal\nWhat now?"
)


def test_a_label_over_a_tight_slash_is_denied_whole() -> None:
    read = facts(GP_LIST)
    assert read["bladder_bowel_dysfunction"] == "no" and read["sensory_loss"] == "no"
    assert read["pain_night"] == "yes"


def test_a_spaced_or_open_slash_still_separates_items() -> None:
    # "nil SOB/retention": the retention is not denied by the "nil" before the slash
    assert facts("prostate ca/nil SOB/retention")["bladder_bowel_dysfunction"] == "yes"
    assert facts("- bladder/bowel change: yes\nprostate ca")["bladder_bowel_dysfunction"] == "yes"


def test_another_relatives_finding_is_not_the_patients() -> None:
    read = facts(
        "I'm asking about my nan - she had breast cancer about 10 years ago. She has back pain "
        "that keeps her up at night. She's walking fine and says no numbness or toilet "
        "problems.\nAlso my grandad has numb feet but that's his diabetes, he's never had "
        "cancer.\nDoes nan need to be seen urgently?"
    )
    assert read["sensory_loss"] == "no" and read["cancer_diagnosis"] == "yes"
    # the relative who is the patient keeps her own findings
    assert facts("my nan has breast cancer and her legs are numb")["sensory_loss"] == "yes"
    assert facts("Nan is 80 with lung cancer. Nan can't feel her feet.")["sensory_loss"] == "yes"


def test_the_same_relative_in_other_words_is_the_patient() -> None:
    read = facts(
        "Writing about my mother, she is 74 and has back pain at night. Mum had breast cancer "
        "15 years ago."
    )
    assert read["cancer_diagnosis"] == "yes" and read["primary_tumour"] == "breast"
    # another relative after her stays a relative
    read = facts("Writing about my mother, she has back pain. My dad had bowel cancer.")
    assert "cancer_diagnosis" not in read
    # the relative an earlier message made the patient
    assert (
        extract("Mum had breast cancer years ago.", patient="mother").facts["cancer_diagnosis"]
        == "yes"
    )
    assert "cancer_diagnosis" not in extract("Mum had breast cancer years ago.").facts


@pytest.mark.parametrize(
    ("text", "two_weeks"),
    [
        ("3 weeks ago he lost all movement and feeling in his legs and it hasn't come back.",
         "yes"),
        ("Three and a half weeks ago he lost all movement and feeling below his chest.", "yes"),
        ("4 days ago she lost all movement in her legs.", "no"),
    ],
)  # fmt: skip
def test_paralysis_dated_by_when_it_began(text: str, two_weeks: str) -> None:
    read = facts(text)
    assert read["complete_paralysis"] == "yes" and read["paralysis_2_weeks"] == two_weeks


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("He's still walking with his frame like normal.", "gait_disturbance", "no"),
        ("his continence is no different to usual.", "bladder_bowel_dysfunction", "no"),
        ("no back pain, no leg or bladder symptoms.", "sensory_loss", "no"),
        ("no back pain, no leg or bladder symptoms.", "bladder_bowel_dysfunction", "no"),
        ("no leg symptoms.", "limb_weakness", "no"),
        ("His pain is now well controlled.", "pain_controlled", "yes"),
        ("MRI: T6 and L1 marrow infiltration with a soft tissue mass.", "spinal_metastases",
         "confirmed"),
        ("theyve had him lying totally flat for 3 days", "immobilised", "yes"),
        ("posterior decompression + instrumented stabilisation T9 for MSCC 10 days ago.",
         "had_spinal_surgery", "yes"),
        ("the cancer team say no more treatment would help", "oncology_treatment_inappropriate",
         "yes"),
    ],
)  # fmt: skip
def test_round50_words(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact", "wrong"),
    [
        ("She's walking worse than usual.", "gait_disturbance", "no"),
        ("his continence is worse than usual.", "bladder_bowel_dysfunction", "no"),
        ("stabilisation T9 planned for next week.", "had_spinal_surgery", "yes"),
        ("new leg symptoms since Monday.", "limb_weakness", "no"),
    ],
)
def test_round50_words_read_only_what_is_said(text: str, fact: str, wrong: str) -> None:
    assert facts(text).get(fact) != wrong


def test_a_person_in_general_is_not_the_patient() -> None:
    read = extract(
        "A consultant said you shouldn't decide against surgery just because someone's been "
        "completely paralysed for more than 48 hours. Is that in the NICE guideline, and why?"
    )
    assert "complete_paralysis" not in read.facts
    assert facts("He has been completely paralysed for 50 hours.")["complete_paralysis"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("omg nan keeps fallin over, she has bowel cancer", "gait_disturbance"),
        ("gran w/ myeloma cant feel her legs frm the waist dwn", "sensory_loss"),
        ("My mum with ovarian cancer walks fine. My sister, who's 40 and healthy, has been "
         "falling over. Mum's new thing is leaking urine.", "bladder_bowel_dysfunction"),
    ],
)  # fmt: skip
def test_a_relative_word_alone_may_be_the_patient(text: str, fact: str) -> None:
    # another relative is someone else only beside the relative the message is about
    assert facts(text)[fact] == "yes"
