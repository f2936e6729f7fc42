"""Session 35 (#13): round 71's turns, tested both ways: a question about the writer's own
resident is that resident's case; pain said to be "now well controlled" withdraws 1.10.4 for
a person paraplegic for 3 weeks."""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

from assistant.answers.chat import new_session


def test_a_question_about_our_resident_is_her_case(conversation) -> None:
    answer = last(
        conversation,
        "Can dexamethasone be started in the home for our resident with bowel cancer who can't "
        "pass urine and whose legs have gone weak?",
    )
    assert answer.facts["limb_weakness"] == "yes"  # rf71-124: a general question, unread
    assert "1.3.2" in cited(answer)
    general = last(conversation, "Can dexamethasone be started in a care home?")
    assert "limb_weakness" not in general.facts


HOSPICE = (
    "Hospice consultant. 73F, renal cell ca, MSCC at T9 diagnosed 3 weeks ago. Complete "
    "paraplegia since onset 3 weeks ago. Spinal surgeons have said not suitable. "
)


def test_pain_now_well_controlled_withdraws_urgent_radiotherapy(conversation) -> None:
    answer = last(conversation, HOSPICE + "Pain now well controlled on oral morphine.")
    assert answer.facts["pain_controlled"] == "yes"  # b143: 1.10.4 was offered
    assert "1.10.4" not in cited(answer)
    poor = last(conversation, HOSPICE + "Pain now poorly controlled on oral morphine.")
    assert "1.10.4" in cited(poor)


def test_a_next_referral_is_a_new_patient(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state,
        "Referral 1: 57M, myeloma diagnosed last year, new tingling and numbness in both feet.",
    )
    state, answer = conversation.respond(
        state,
        "Next referral: 72F with thyroid cancer, asymptomatic spinal metastases found on staging "
        "CT.",
    )
    assert answer.turn == "new_patient"  # fu68-020: read as a correction of the first
    assert "sensory_loss" not in answer.facts
    state, answer = conversation.respond(state, "the next referral letter is attached")
    assert answer.turn != "new_patient"


@pytest.mark.parametrize(
    "aside",
    [
        "He's also diabetic, BM 2.8 - how much glucose gel do we give?",
        "Can his furosemide be increased for his ankle swelling?",
    ],
)
def test_round_71_asides_are_refused_and_the_case_kept(conversation, aside) -> None:
    answer = last(
        conversation,
        "Crew: 63M with known kidney cancer, back pain and new weakness of the right leg.",
        aside,
    )
    assert answer.out_of_scope  # fu68-035, fu68-052
    assert answer.facts["limb_weakness"] == "yes"


def test_a_child_given_an_age_in_words_is_refused(conversation) -> None:
    child = last(
        conversation,
        "Hello, my son 11 years, he fall from the bicycle yesterday, his back hurt when he bend. "
        "No cancer nothing, he is healthy boy. Must we go to hospital?",
    )
    assert child.out_of_scope  # b144: answered on the first run
    adult = last(
        conversation, "My son 11 years ago had leukaemia; now I have breast cancer and weak legs."
    )
    assert not adult.out_of_scope
