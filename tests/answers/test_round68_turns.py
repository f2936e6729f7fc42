"""Session 34 (#13, #14): round 68's turns, tested both ways: a writer's role before a dash's
question records nothing; another condition asked about on a live case is refused and the
case kept; a wait for an MRI slot is no contraindication; walking as always with a stick
leaves the 1-week MRI; further radiotherapy after a good response; surgery debated asks for the
MDT plan (1.11.1); a staff-laid-flat patient is nursed supine (1.4.3)."""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.answers.chat import new_session

NP = (
    "NP in walk-in centre - which back pain features does NICE list as suggesting spinal "
    "metastases? Want a quick checklist for triage."
)


def test_a_writers_role_before_a_dashs_question_records_nothing(conversation) -> None:
    answer = last(conversation, NP)  # b138: back pain and suspected metastases were recorded
    assert answer.turn == "question" and answer.facts == {}
    assert "box-1" in {lookup.id for lookup in answer.lookups}


def test_a_statement_before_a_dashs_question_is_still_stated(conversation) -> None:
    answer = last(conversation, "breast ca, back pain - which scan does she need?")
    assert answer.facts.get("back_pain") == "yes"


CASE = "Referral: 63M, renal ca, MSCC at L2 confirmed on MRI, cauda equina signs, retention."


def test_another_condition_asked_about_on_a_live_case_is_refused_and_the_case_kept(
    conversation,
) -> None:
    state = new_session()
    state, first = conversation.respond(state, CASE)
    state, answer = conversation.respond(
        state, "He also has a small subdural from a fall last week - how should I manage it?"
    )
    assert answer.out_of_scope and answer.facts == first.facts  # fu65-035
    state, answer = conversation.respond(
        state, "Fine. For the MSCC: he's fit for surgery - decompression?"
    )
    assert not answer.out_of_scope and answer.facts["suitable_for_surgery"] == "yes"


def test_a_wait_for_an_mri_slot_keeps_the_24_hour_mri(conversation) -> None:
    answer = last(
        conversation,
        "ED: 58M with lung cancer. Back pain worse on coughing, today he can't lift his left leg.",
        "radiology say no MRI slot till 9am tomorrow, is that ok?",
    )
    assert "mri_contraindicated" not in answer.facts  # fu65-003: CT (1.5.7) was shown instead
    assert "1.5.2" in cited(answer) and "1.5.7" not in cited(answer)


def test_the_1_week_mri_for_pain_with_walking_as_always(conversation) -> None:
    text = (
        "Jean, 80, has lung cancer. For 2 weeks she's had back pain that's getting worse and "
        "wakes her at night. She's walking with her stick same as always, no new weakness, and "
        "no change with her continence. Is an X-ray the right test?"
    )
    answer = last(conversation, text)  # b137: 1.5.3 was neither shown nor pending
    assert {"1.3.3", "1.5.3", "1.5.9"} <= cited(answer) and "1.5.2" not in cited(answer)
    answer = last(conversation, text.replace("no new weakness", "new weak legs today"))
    assert "1.5.2" in cited(answer)


RT_AGAIN = (
    "dave here kidney cancer. they gave me one radiotherapy zap on my lower back about 8 months "
    "ago and the pain went completely. past 2 weeks same pain back in the exact same spot. legs "
    "fine, no trouble weeing. can they do the radiotherapy again"
)


def test_further_radiotherapy_after_a_good_response_and_symptoms_back(conversation) -> None:
    answer = last(conversation, RT_AGAIN)  # b137: spinal metastases were not recorded
    assert {"1.10.9", "1.10.10"} <= cited(answer)
    soon = RT_AGAIN.replace("about 8 months ago", "about 6 weeks ago")
    assert "1.10.9" not in cited(last(conversation, soon))


def test_surgery_debated_asks_for_the_mdt_plan(conversation) -> None:
    answer = last(
        conversation,
        "Neurosurg reg. 64M, lung ca, MRI-confirmed MSCC at T11, complete paraplegia for 4 days. "
        "A colleague says there's no point operating after 48 hours of paraplegia.",
    )
    assert {"1.11.1", "1.11.5"} <= cited(answer)
    plain = last(conversation, "64M, lung ca, back pain, legs weak since today.")
    assert "1.11.1" not in cited(plain)


def test_a_patient_the_staff_have_laid_flat_is_nursed_supine(conversation) -> None:
    text = (
        "58F, breast ca, new weakness in both legs since this afternoon and severe back pain "
        "whenever she moves. Nursing staff have laid her completely flat but she is breathless."
    )
    assert "1.4.3" in cited(last(conversation, text))


def test_the_1_week_mri_waits_on_the_cord_questions_beside_the_24_hour_one(conversation) -> None:
    answer = last(
        conversation, "lung cancer. back pain waking her at night. no weakness, walk fine"
    )
    pending = {c for row in answer.conditional for c in row.cites}
    assert {"1.5.3", "1.3.2"} <= pending  # which MRI: decided by the cord symptoms not asked
    answer = last(conversation, "lung cancer with spinal mets, no back pain, no symptoms at all")
    assert "1.5.3" not in {c for row in answer.conditional for c in row.cites}
