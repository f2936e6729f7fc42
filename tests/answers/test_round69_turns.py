"""Session 34 (#12, #13, #14): round 69's turns, tested both ways: a correction that keeps
everything else; old imaging never overrides new Box 1 pain; a scanner down overnight is the
case's business; a general rule asked on a live case is a question; outside topics refused."""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.answers.chat import new_session

ZOL = (
    "71M, prostate ca with L2 and L4 spinal mets, MRI last week showed no cord compression, "
    "neuro intact. Pain poorly controlled despite regular oxycodone and paracetamol. Team asks: "
    "should we start zoledronic acid?"
)


def test_a_correction_that_keeps_everything_else_changes_only_what_it_names(
    conversation,
) -> None:
    state = new_session()
    state, first = conversation.respond(state, ZOL)
    state, answer = conversation.respond(
        state,
        "Correction - I mixed up two patients. This man's primary is urothelial bladder cancer, "
        "not prostate. Everything else the same. Same question.",
    )  # b140: every finding of the first message was taken back
    assert answer.facts["primary_tumour"] == "other_solid"
    assert answer.facts["spinal_metastases"] == first.facts["spinal_metastases"] == "confirmed"
    assert "1.7.13" in cited(answer)
    state = new_session()
    state, _ = conversation.respond(state, ZOL)
    state, answer = conversation.respond(state, "sorry, wrong patient - ignore that")
    assert "spinal_metastases" not in answer.facts  # a take-back still takes back


PSMA = (
    "Uro reg. 69M, metastatic prostate ca, PSMA PET last yr showed rib and pelvic mets, no "
    "spinal mets seen then. 2/52 of lumbar pain, worse standing/sitting and on moving. Full "
    "neuro exam normal."
)


def test_old_imaging_never_overrides_new_box_1_pain(conversation) -> None:
    answer = last(conversation, PSMA)  # b139: spinal metastases were recorded ruled out
    assert "spinal_metastases" not in answer.facts
    assert {"1.3.3", "1.5.3"} <= cited(answer)
    undated = last(conversation, PSMA.replace(" last yr", "").replace(" seen then", ""))
    assert undated.facts["spinal_metastases"] in ("none", "ruled_out")


def test_a_scanner_down_overnight_is_the_cases_business(conversation) -> None:
    answer = last(
        conversation,
        "63M, renal cell carcinoma, spinal metastases confirmed, now new weakness in his left "
        "leg and saddle numbness.",
        "our MRI scanner is down tonight - what then?",
    )
    assert not answer.out_of_scope and "1.3.2" in cited(answer)  # fu66-004: refused


def test_a_general_rule_asked_on_a_live_case_is_a_question(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state, "58F, known renal cancer, MRI confirmed spinal metastasis at L3, no MSCC."
    )
    state, answer = conversation.respond(
        state, "What's the general rule on using plain X-rays to rule out spinal metastases?"
    )
    assert answer.turn == "question" and "1.5.9" in cited(answer)  # fu66-010
    state, answer = conversation.respond(
        state, "For her: they are now considering vertebroplasty. What needs to happen first?"
    )
    assert answer.turn == "follow_up"


def test_round_69_outside_topics_are_refused(conversation) -> None:
    for text in (
        "How long should steroids be tapered after whole brain radiotherapy?",
        "Is it ok to sell ibuprofen gel and co-codamol together for a pulled back muscle?",
        "How many programmed activities should be in a consultant radiographer job plan?",
    ):
        assert last(conversation, text).out_of_scope, text
    inside = last(conversation, "how long should dexamethasone be tapered after RT for MSCC?")
    assert not inside.out_of_scope
