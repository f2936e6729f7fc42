"""Session 26 (#12, #13): rounds 50 and 51's conversation classes, tested both ways through the
whole conversation: a case about the one relative it names is answered (never refused for a
body part that is only the extent of a symptom); a correction that swaps a value reads the last
statement again; a statement in a general question's words is a case; a question asking for the
other condition's own treatment is refused; news of the evening is a follow-up."""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.answers.substitution import swapped

A_AND_E = (
    "We're sat in the A&E waiting room, been here 3 hours. My husband Dave has myeloma, diagnosed "
    "last year. This week he started saying his feet feel like they're wrapped in cotton wool and "
    "it's crept up to his knees now. His legs have gone weak and he's walking like he's drunk. "
    "Should I be telling the triage nurse something specific?"
)


def test_a_case_about_the_one_relative_named_is_answered_with_its_urgent_actions(
    conversation,
) -> None:
    answer = last(conversation, A_AND_E)
    assert not answer.out_of_scope
    assert answer.facts["cancer_diagnosis"] == "yes" and answer.facts["limb_weakness"] == "yes"
    assert "1.3.2" in cited(answer)
    answer = last(conversation, "brother w melanoma cancer numb from chest down n cnt move legs")
    assert not answer.out_of_scope and "1.3.2" in cited(answer)


def test_a_knee_is_another_domain_only_without_a_cord_symptom(conversation) -> None:
    assert last(conversation, "How should I manage knee pain after a fall?").out_of_scope
    answer = last(
        conversation, "Numbness from his feet up to his knees since Monday, and his legs are weak."
    )
    assert not answer.out_of_scope


PARAPLEGIA = (
    "GP locum at a nursing home. 81M, lung ca, complete paraplegia, has been like this for 3 "
    "days. Pain well controlled."
)


def test_a_correction_that_swaps_a_value_reads_the_last_statement_again(conversation) -> None:
    answer = last(conversation, PARAPLEGIA, "sorry, typo - 3 weeks, not 3 days")
    assert answer.turn == "correction"
    assert answer.facts["paralysis_2_weeks"] == "yes"
    answer = last(
        conversation,
        "Coordinator: 63F, breast ca, had radiotherapy to a T10 metastasis 2 months ago with a "
        "good response; pain now back at T10, no neuro deficit.",
        "Sorry, the radiotherapy was 7 months ago, not 2.",
    )
    assert answer.facts["recurrence_3_months_after_rt"] == "yes"
    # a value the last statement does not say changes nothing
    answer = last(conversation, PARAPLEGIA, "sorry, 5 weeks not 4 weeks")
    assert answer.facts["paralysis_2_weeks"] == "no"


def test_swapped_completes_a_shortened_old_value_and_needs_it_said() -> None:
    earlier = "had radiotherapy to a T10 metastasis 2 months ago"
    assert swapped(earlier, "it was 7 months ago, not 2") == (
        "had radiotherapy to a T10 metastasis 7 months ago",
        "2 months ago",
        "7 months ago",
    )
    assert swapped(earlier, "7 months ago, not 3") is None
    assert swapped(earlier, "the left leg, not the right") is None


def test_a_statement_in_a_general_questions_words_is_a_case(conversation) -> None:
    answer = last(
        conversation,
        "Cauda equina screen in a patient with known metastatic colorectal cancer: saddle "
        "sensation reduced to pinprick over S3-5, anal tone reduced.",
    )
    assert answer.turn == "case" and answer.facts["cord_signs"] == "yes"
    answer = last(conversation, "In a patient with known prostate cancer, what MRI timing applies?")
    assert answer.turn == "question" and "cancer_diagnosis" not in answer.facts


HOSPICE = (
    "Hospice: 71F breast ca, MRI-confirmed spinal metastases without cord compression, her pain "
    "has neuropathic features."
)


def test_a_question_for_the_other_conditions_own_treatment_is_refused(conversation) -> None:
    answer = last(
        conversation,
        HOSPICE,
        "She's also having a flare of her rheumatoid arthritis - which DMARD should she be on?",
    )
    assert answer.out_of_scope
    # the patient's own condition as context for NG234's treatment is answered
    answer = last(
        conversation, HOSPICE, "She also has rheumatoid arthritis - does that change the dex dose?"
    )
    assert not answer.out_of_scope


def test_news_of_the_evening_is_a_follow_up_not_a_correction(conversation) -> None:
    answer = last(
        conversation,
        "My wife, 63, has myeloma. For two weeks she has had back pain at night that wakes her. "
        "She has no weakness and no numbness.",
        "This evening she says her feet feel numb and she is unsteady on her feet.",
    )
    assert answer.turn == "follow_up" and answer.facts["sensory_loss"] == "yes"
    assert "1.3.2" in cited(answer)
