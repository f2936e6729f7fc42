"""Session 39 (#12, #13): round 77's answer classes, each tested both ways on the real
conversation.

- No 16 mg of dexamethasone continued when the case records no treatment ahead (no other
  effective treatment options, or oncology treatment not appropriate): 1.8.4 reduces it, and
  radiotherapy only asked about does not make it awaited (b155, paraplegic for 3 weeks).
- "Should I push on to standing?" asks about mobilisation (1.6.3), not the 7-day service.
- A myeloma patient's "MRI showed it in my spine" is spinal involvement: 1.8.5 and 1.7.11.
- "met BrCa" is breast cancer: a case with pins and needles in both legs is answered, not
  refused as a question about the BRCA genes (which still is).
- On a live case a general question about steroids in Urdu-English is answered; "Kya ye
  emergency hai?" is a follow-up; "ok done with him. New lady now - 72F …" is a new patient.
"""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.answers.session import new_session
from assistant.evaluation.cases import mentioned_ids

HOSPICE = (
    "Hospice doctor. 77M, prostate ca, MSCC at T4 diagnosed late - complete paraplegia (no "
    "power, no sensation below T4) for 3 weeks now. Pain well controlled on MR morphine. Not "
    "for surgery given frailty. Oncology think his overall prognosis is poor, likely weeks, "
    "and no further anticancer treatment is planned. He's still on dexamethasone 16 mg daily."
)


def _rules(answer) -> set[str]:
    return {r.rule for r in answer.recommendations}


def test_no_treatment_ahead_reduces_dexamethasone(conversation) -> None:
    answer = last(
        conversation,
        HOSPICE,
        "Oncology have asked whether we want him brought in for palliative RT to the spine. "
        "And what should we do about the dex?",
    )
    assert "R1.8.4-reduce-dexamethasone" in _rules(answer)
    assert "R1.8.1-continue-dexamethasone-then-reduce" not in _rules(answer)


def test_radiotherapy_awaited_keeps_the_daily_dose(conversation) -> None:
    answer = last(
        conversation,
        "78M, prostate ca, MSCC at T4 on MRI, legs weak, on dexamethasone 16 mg daily. Not "
        "for surgery. Awaiting radiotherapy tomorrow.",
    )
    assert "R1.8.1-continue-dexamethasone-then-reduce" in _rules(answer)
    assert "R1.8.4-reduce-dexamethasone" not in _rules(answer)


def test_pushing_on_to_standing_asks_about_mobilisation(conversation) -> None:
    answer = last(
        conversation,
        "Spinal physio. 58M, day 2 after decompression and T9 stabilisation for MSCC (lung "
        "primary); surgeons happy it is stable. First graded sit: BP fell from 128/76 to 96/60 "
        "and he went grey and light-headed. Leg power unchanged.",
        "Should I push on to standing so we don't lose the day?",
    )
    assert "1.6.3" in mentioned_ids(answer)
    assert answer.facts["orthostatic_hypotension"] == "yes"
    assert "1.6.3" not in cited(answer)  # its condition (no orthostatic hypotension) fails


def test_myeloma_shown_in_the_spine(conversation) -> None:
    answer = last(
        conversation,
        "hi, i have myeloma (diagnosed 2 wks ago). MRI yday showed it in my spine at T11 and "
        "L1 but the dr said no pressure on the spinal cord. legs fine no numbness.",
    )
    assert {"1.8.5", "1.7.11"} <= cited(answer)
    assert "1.8.1" not in cited(answer)
    answer = last(conversation, "i have myeloma. MRI did not show it in my spine. back ok.")
    assert "1.7.11" not in cited(answer)


def test_brca_abbreviation_case_is_answered_and_the_gene_is_not(conversation) -> None:
    answer = last(conversation, "ED: 55F, met BrCa, c/o P&N BLLs x2/7, no LL weakness, no B&B sx.")
    assert not answer.out_of_scope
    assert "1.3.2" in cited(answer)
    answer = last(
        conversation,
        "BRCA testing criteria for a woman whose sister had ovarian cancer?",
    )
    assert answer.out_of_scope and not cited(answer)


def test_a_steroid_question_in_urdu_english_on_a_live_case(conversation) -> None:
    case = "Meri ammi ko 2018 mein breast cancer tha. Ab unki back pain bohat barh gayi hai."
    answer = last(
        conversation, case, "NICE guideline mein steroids ke bare mein generally kya likha hai?"
    )
    assert not answer.out_of_scope
    assert any("1.8.8" in r.cites for r in (*answer.recommendations, *answer.conditional))
    # with no case, the same question names no NG234 business of its own
    assert last(conversation, "Theek hai. Kya ye emergency hai?").turn == "unreadable"


def test_is_this_an_emergency_in_urdu_english_is_a_follow_up(conversation) -> None:
    answer = last(
        conversation,
        "Meri ammi ko lung cancer hai. Unki legs weak ho gayi hain.",
        "Theek hai. Kya ye emergency hai?",
    )
    assert answer.turn == "follow_up"
    assert "1.3.2" in cited(answer)


def test_done_with_him_new_lady_now_is_a_new_patient(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state, "Community matron visiting Mr C: 80, prostate cancer, back pain worse on coughing."
    )
    state, answer = conversation.respond(
        state,
        "ok done with him. New lady now - 72F, breast cancer 10 years ago, new numbness in "
        "both feet and unsteady walking.",
    )
    assert answer.turn == "new_patient"
    assert answer.facts["primary_tumour"] == "breast"
    assert "pain_straining" not in answer.facts
    # "done with him" alone moves to no one
    state, answer = conversation.respond(state, "ok done with him. Thanks.")
    assert answer.turn != "new_patient"
