"""Session 22 (#13): a case stated in sentences of its own before "What does NG234 say?" is a
case, not a general question (round 41); a general question stating nothing about a patient
stays a question."""

from __future__ import annotations

from chat_helpers import last


def test_findings_stated_before_what_does_ng234_say_are_a_case(conversation) -> None:
    answer = last(
        conversation,
        "Cervical ca, widespread bone mets on PET including asymptomatic T12 and L2 deposits. "
        "No back pain, neuro intact. My consultant asked whether we should book 3-monthly "
        "spine MRIs to catch cord compression early. What does NG234 say?",
    )
    assert answer.turn == "case"
    assert answer.facts["spinal_metastases"] == "confirmed"
    assert "1.2.2" in {r.cites[0] for r in answer.recommendations}


def test_a_general_question_naming_a_population_is_still_a_question(conversation) -> None:
    answer = last(
        conversation,
        "general q - for prostate ca with spinal mets, when should they have an MRI? What "
        "does NG234 say?",
    )
    assert answer.turn == "question" and dict(answer.facts) == {}


def test_a_corrected_interval_of_a_recurrence_brings_further_radiotherapy(conversation) -> None:
    answer = last(
        conversation,
        "Oncology clinic: 64F breast cancer, spinal metastasis at L2 treated with 8 Gy "
        "radiotherapy, pain settled completely afterwards. Pain is back in the same place, "
        "started 2 months after the radiotherapy.",
        "sorry, I got that wrong - it came back 7 months after the radiotherapy, not 2",
    )
    assert answer.turn == "correction"
    assert answer.facts["recurrence_3_months_after_rt"] == "yes"
    assert "1.10.9" in {r.cites[0] for r in answer.recommendations}


def test_the_next_caller_is_a_new_patient(conversation) -> None:
    answer = last(
        conversation,
        "111: caller is 66F with breast cancer on letrozole, back pain that wakes her at "
        "night, no weakness.",
        "Next caller: 81M, known myeloma, can't pass urine since last night and his legs are weak.",
    )
    assert answer.turn == "new_patient" and "pain_night" not in answer.facts
    assert answer.facts["limb_weakness"] == "yes"


def test_a_callers_question_about_the_same_patient_is_no_switch(conversation) -> None:
    answer = last(
        conversation,
        "111: caller is 66F with breast cancer on letrozole, back pain that wakes her at night.",
        "the caller says she also has numb feet now",
    )
    assert answer.turn != "new_patient" and answer.facts["pain_night"] == "yes"


def test_ignore_that_corrects_only_what_it_names(conversation) -> None:
    answer = last(
        conversation,
        "Hospice: 55M with oesophageal cancer and known spinal mets, back pain that wakes him "
        "at night. Bladder and bowels normal, no numbness.",
        "ignore that, he does have numbness - in both feet since this evening",
    )
    assert answer.turn == "correction"
    assert answer.facts["sensory_loss"] == "yes"
    assert answer.facts["bladder_bowel_dysfunction"] == "no"


def test_what_the_nice_guideline_says_mid_case_is_a_question(conversation) -> None:
    answer = last(
        conversation,
        "My uncle has lung cancer that spread to his bones. For the last week his back has "
        "been really painful, it's there all the time, and he can't sleep at night because of "
        "it.",
        "What does the NICE guideline say about bladder problems being a warning sign?",
    )
    assert answer.turn == "question"
    assert "bladder_bowel_dysfunction" not in answer.facts
