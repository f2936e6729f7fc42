"""Session 25 (#13, #14): rounds 48's and 49's conversation classes, tested both ways through the
whole conversation (reader, scope, rules and answer): a correction that gives findings to a
mistake or to someone else takes back only those, whichever turn recorded them; a take-back that
restates a fact corrects it; a case is never refused for an outside topic it mentions when it
names a cancer being looked for and cord signs; scope's new words."""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.answers.session import new_session

RADIOLOGY = (
    "Radiology reg, overnight. Request for urgent MRI whole spine: '68M, colorectal ca with "
    "liver mets, bilateral leg weakness, retention'."
)
COPIED = (
    "Update: rang the F1. The weakness and retention were copied from the previous patient's "
    "request by mistake. This man has NO leg weakness, NO retention, neuro exam normal. He has "
    "thoracic back pain for 10 days, worse on sneezing and lying flat at night. Does he still "
    "need scanning tonight?"
)


def test_findings_copied_from_another_request_are_corrected(conversation) -> None:
    answer = last(conversation, RADIOLOGY, COPIED)
    assert answer.turn == "correction"
    assert answer.facts["limb_weakness"] == "no"
    assert answer.facts["bladder_bowel_dysfunction"] == "no"
    assert "1.5.3" in cited(answer) and "1.5.2" not in cited(answer)
    # without the take-back the stated weakness stands: never recorded absent by a new turn
    # that only adds pain
    answer = last(conversation, RADIOLOGY, "He also has thoracic back pain for 10 days.")
    assert answer.facts["limb_weakness"] == "yes" and "1.5.2" in cited(answer)


def test_a_relatives_finding_named_in_a_correction_is_taken_back_alone(conversation) -> None:
    answer = last(
        conversation,
        "My husband, 70, has kidney cancer (had the kidney out 2 years ago). He's got back "
        "pain and numb legs.",
        "Sorry, I've muddled that - the numb legs were his brother last year, nothing to do "
        "with us. He's just got this pain in the middle of his back for about 3 weeks, "
        "getting worse, wakes him at night.",
    )
    assert "sensory_loss" not in answer.facts
    assert answer.facts["back_pain"] == "yes" and answer.facts["cancer_diagnosis"] == "yes"
    assert "1.5.2" not in cited(answer)


def test_a_take_back_names_a_finding_of_an_earlier_turn(conversation) -> None:
    answer = last(
        conversation,
        "Known prostate ca. His legs are numb.",
        "Back pain for 3 weeks, worse at night.",
        "ignore the numbness, that was another patient's",
    )
    assert "sensory_loss" not in answer.facts
    assert answer.facts["back_pain"] == "yes" and answer.facts["pain_night"] == "yes"
    assert any(n.startswith("Retracted the findings you named") for n in answer.notices)


def test_a_take_back_that_restates_a_fact_corrects_it(conversation) -> None:
    answer = last(
        conversation,
        "55M, kidney cancer, back pain worse on movement, tender over L1.",
        "lkjh lkjh 8888 ////",
        "sorry! it's not kidney, it's thyroid cancer - wrong patient notes",
    )
    assert answer.facts["cancer_diagnosis"] == "yes"
    assert answer.facts["primary_tumour"] == "thyroid"
    assert answer.facts["localised_tenderness"] == "yes"


def test_an_orthopaedic_case_with_cord_signs_is_answered(conversation) -> None:
    answer = last(
        conversation,
        "Ortho F1 at 02:30. Seeing a 67M on the ward, day 2 post hip hemiarthroplasty for a "
        "pathological fracture - biopsy pending but the femoral lesion looks like a "
        "metastasis, primary unknown. He's gone into retention, bladder scan 700 ml. Both "
        "legs feel numb from the knees down, new since the evening. Plantar upgoing on the "
        "left. What should I do?",
    )
    assert not answer.out_of_scope
    assert answer.facts["cancer_suspected"] == "yes"
    assert "had_spinal_surgery" not in answer.facts  # the hip's operation, not the spine's
    assert "1.5.2" in cited(answer)
    # the hip operation asked about on its own is still not NG234's
    answer = last(conversation, "Day 2 post hip hemiarthroplasty - when can he weight bear?")
    assert answer.out_of_scope


def test_who_to_ring_if_her_legs_go_funny_is_answered(conversation) -> None:
    answer = last(
        conversation,
        "pt's husband asked me who they ring if her legs go funny at home. what should they "
        "have been told",
    )
    assert not answer.out_of_scope and not answer.facts


def test_scope_words_of_round49(conversation) -> None:
    for text in (
        "What dexamethasone course is given for fetal lung maturity before preterm birth?",
        "Should a 55-year-old man with no symptoms have a PSA test?",
        "Management of smouldering myeloma — watch and wait or treat?",
        "BCG intravesical schedule for high-risk non-muscle-invasive bladder cancer?",
        "How do I exception report after staying 3 hours late on my orthopaedic on-call?",
        "Which wheelchair cushion is best for someone with long-standing paraplegia from a "
        "car accident 10 years ago?",
        "Which first-line systemic regimen should we use for HER2-positive metastatic breast "
        "cancer with liver mets only? Bone scan and spine MRI were clear, no back pain.",
        "Patient with NSCLC and new brain metastases on CT - headaches and mild confusion, no "
        "back pain, no spinal symptoms. What dexamethasone dose for the cerebral oedema?",
    ):
        assert last(conversation, text).out_of_scope, text
    # NG234's own words beside them are still answered
    for text in (
        "Smouldering myeloma, now new back pain at night and weak legs - what now?",
        "Metastatic breast cancer with spinal mets on MRI, severe back pain: what does NICE "
        "say about dexamethasone?",
    ):
        assert not last(conversation, text).out_of_scope, text


def test_an_outside_question_on_the_live_case_is_refused_alone(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(state, "74M, kidney cancer, weak legs since this morning.")
    state, answer = conversation.respond(
        state, "he's also got a fractured wrist from the fall, how should I splint it?"
    )
    assert answer.out_of_scope and answer.facts["limb_weakness"] == "yes"
    state, answer = conversation.respond(state, "ok, and his back - is it an emergency?")
    assert not answer.out_of_scope and "1.3.2" in cited(answer)


def test_welsh_is_unreadable_not_a_follow_up(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(state, "59F lymphoma, T12 spinal involvement, severe pain.")
    state, answer = conversation.respond(
        state, "Mae hi'n teimlo ychydig yn well heddiw, diolch yn fawr."
    )
    assert answer.turn == "unreadable" and answer.facts["back_pain"] == "yes"


def test_paraplegia_for_three_weeks_with_pain_controlled_sets_radiotherapy_apart(
    conversation,
) -> None:
    answer = last(
        conversation,
        "Mr R is 82 with prostate cancer. He hasn't been able to move or feel his legs at all "
        "for about three weeks, and the scan this week showed cord compression. His pain is "
        "well controlled on his morphine now. Surgeons say not for an operation.",
    )
    assert "1.10.4" not in cited(answer)
    assert any(row.rule == "R1.10.4-urgent-radiotherapy" for row in answer.set_aside)
    # four days of paraplegia: 1.10.4 is offered
    answer = last(
        conversation,
        "Mr R is 82 with prostate cancer. He hasn't been able to move or feel his legs at all "
        "for 4 days, and the scan this week showed cord compression. His pain is well "
        "controlled on his morphine now. Surgeons say not for an operation.",
    )
    assert "1.10.4" in cited(answer)


def test_a_cancer_suspected_from_its_signs_is_referred_urgently(conversation) -> None:
    answer = last(
        conversation,
        "Frailty unit. 88F, no known malignancy, admitted with falls. Bloods: Hb 92, ALP 410. "
        "Three months of worsening back pain keeping her awake at night. Legs fine, "
        "continent, walking as usual.",
    )
    assert "1.3.5" in cited(answer) and "1.3.3" not in cited(answer)
    answer = last(
        conversation,
        "Frailty unit. 88F, no known malignancy, admitted with falls. Bloods normal. Three "
        "months of worsening back pain keeping her awake at night.",
    )
    assert "1.3.5" not in cited(answer)
