"""Session 36 (#13): round 73's turns, tested both ways: an in-scope dexamethasone question
about a patient with MSCC who is nil by mouth is answered (it had been refused as multiple
sclerosis); a header naming the bed asked about drops the other bed's findings; a confirmed
haematological malignancy's dexamethasone comes with its cover (1.8.8); 1.5.6 is not shown beside
1.5.3 for new Box 1 pain; "thanks. Bed 6:" switches patient; a general question on a live case
writes nothing."""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.answers.chat import new_session


def test_a_dexamethasone_question_for_mscc_nil_by_mouth_is_answered(conversation) -> None:
    answer = last(
        conversation,
        "Patient with MSCC is nil by mouth and vomiting - can the dexamethasone be given "
        "parenterally instead?",
    )
    assert not answer.out_of_scope  # sc70-159: "patient with ms" had matched "patient with mscc"
    assert "1.8.1" in cited(answer) | {c for r in answer.conditional for c in r.cites}
    multiple_sclerosis = last(conversation, "Known MS, new leg numbness - is this a relapse?")
    assert multiple_sclerosis.out_of_scope


def test_the_bed_asked_about_is_read_alone(conversation) -> None:
    answer = last(
        conversation,
        "HaN, 23:40. Bed 12 is the lady with the weak right arm and leg - she's a stroke patient "
        "with no cancer, NOT my question. My question is bed 14: 70F, myeloma diagnosed 3 weeks "
        "ago. MRI last week showed myeloma deposits at T6 and L1, no cord compression. Back pain "
        "stable, neuro exam completely normal, bladder fine. What dose of dex, and then what?",
    )
    assert answer.facts.get("limb_weakness") != "yes"  # b148: bed 12's weakness had been read
    assert {"1.8.5", "1.8.8"} <= cited(answer)
    assert not {"1.5.2", "1.8.1"} & cited(answer)


def test_new_box_1_pain_years_after_a_treated_mscc_is_not_a_screening_question(
    conversation,
) -> None:
    answer = last(
        conversation,
        "81F, breast ca treated 2015. Had MSCC at T8 in 2021, treated with radiotherapy, "
        "recovered fully. Today: NEW L1 back pain for 10 days, severe and unremitting, "
        "disturbing her sleep. Legs are at her usual baseline, no new numbness, bladder and "
        "bowels normal.",
    )
    assert {"1.3.3", "1.5.3"} <= cited(answer)
    assert "1.5.6" not in cited(answer)  # b147: shown beside the MRI it said not to do
    screening = last(
        conversation,
        "Breast ca with known spinal mets, no pain, no weakness, no numbness, bladder fine. "
        "Should she have an MRI every 3 months?",
    )
    assert "1.5.6" in cited(screening)


def test_thanks_then_a_bed_header_is_a_new_patient(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state,
        "Bed 5: 59M, oesophageal cancer, back pain worse on coughing and sneezing, getting "
        "progressively worse over 2 weeks.",
    )
    state, answer = conversation.respond(
        state, "thanks. Bed 6: 68F with myeloma, weakness in both legs and new faecal incontinence."
    )
    assert answer.turn == "new_patient"  # fu70-024: bed 5's pain had been carried
    assert "pain_straining" not in answer.facts
    state, same = conversation.respond(state, "thanks. She also has numb feet.")
    assert same.turn != "new_patient"


def test_a_general_question_on_a_live_case_changes_nothing(conversation) -> None:
    state = new_session()
    state, first = conversation.respond(
        state,
        "On call: 55M, known thyroid cancer, MRI confirms MSCC at C6. Severe weakness in all four "
        "limbs. Mechanical neck pain not controlled on oxycodone, CT suggests instability.",
    )
    state, answer = conversation.respond(
        state,
        "General question, not about him: which spinal stability scoring system does NICE mention?",
    )
    assert answer.facts["spinal_instability"] == "suspected"  # fu70-011: had become none
    assert answer.facts == first.facts
