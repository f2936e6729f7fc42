"""Session 32 (#13): round 65's conversation classes, tested both ways: a reply confirming the
suspected MSCC with its level ("confirmed on MRI, T7"), outside topics on a live case and alone
(the case kept), and an NG234 question beside them still answered."""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

SUSPECTED = "T&O reg. 61F, breast cancer, progressive leg weakness, suspected MSCC, MRI tonight."


def test_a_reply_confirming_mscc_with_its_level_confirms_it(conversation) -> None:
    answer = last(conversation, SUSPECTED, "confirmed on MRI, T7")
    assert answer.facts["mscc"] == "confirmed"  # fu62-043: read as a question, MSCC suspected
    assert "1.3.2" in cited(answer)
    # with no suspected MSCC in the case the reply says nothing of MSCC
    alone = last(conversation, "confirmed on MRI, T7")
    assert alone.facts.get("mscc") != "confirmed"


def test_an_outside_topic_on_a_live_case_is_refused_and_the_case_kept(conversation) -> None:
    answer = last(conversation, SUSPECTED, "Her sodium is 126 - how should I correct it?")
    assert answer.out_of_scope
    assert answer.facts["mscc"] == "suspected" and answer.facts["limb_weakness"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Which bisphosphonate should she start after a fragility vertebral fracture?",
        "How do I look after a new colostomy in the first week?",
        "What doses of anticipatory medications should be prescribed for the last days of life?",
        "Spinal epidural abscess with cord compression – is it surgery or antibiotics?",
        "What high-protein snacks can I suggest to a lady with sore mouth ulcers from her chemo "
        "for breast cancer? She has no back pain or spine problems at all.",
    ],
)
def test_round65_outside_topics_are_refused(conversation, text) -> None:
    answer = last(conversation, text)
    assert answer.out_of_scope and not answer.recommendations


@pytest.mark.parametrize(
    "text",
    [
        "Should people with myeloma and spinal involvement be offered bisphosphonates?",
        "Lung cancer with MSCC confirmed at T6 on MRI - what now?",
        "lung ca with weak legs - what should I do about it?",
    ],
)
def test_ng234_questions_near_those_topics_are_answered(conversation, text) -> None:
    assert not last(conversation, text).out_of_scope


def test_a_question_about_what_a_correction_changes_is_not_an_outside_topic(conversation) -> None:
    # the sweep found it (b129): "Does that change things?" after a part naming the 2WW was
    # read as asking about the 2WW; only a question about treating "it" takes the topic before
    answer = last(
        conversation,
        "BCN here - 52F, previous breast cancer, 6 weeks of progressive upper back pain, waking "
        "her at night, lost 5 kg. No neuro symptoms.",
        "Sorry, I got that wrong - it was her SISTER who had breast cancer. She herself has never "
        "had cancer. She's been referred on the 2WW for a new breast lump, seen next week. Does "
        "that change things?",
    )
    assert not answer.out_of_scope
    assert answer.facts["cancer_diagnosis"] == "no"
