"""Session 34 (#14): prompt pain relief (1.7.1) is among the actions for spinal pain without a
cord symptom, and folded when the cord symptom's actions lead; advance care planning (1.2.7)
is among the actions when the person declines both treatments; a correction re-answers the
question of the message it corrects. Each tested both ways."""

from __future__ import annotations

from chat_helpers import last

from assistant.answers.chat import new_session
from assistant.answers.order import grouped


def _rows(answer) -> list:
    return [r for _, items in grouped(answer) for r in items]


def _rank(answer, cite: str) -> int:
    return next(i for i, r in enumerate(_rows(answer), start=1) if cite in getattr(r, "cites", ()))


def _group(answer, cite: str) -> str:
    return next(r.group for r in answer.recommendations if cite in r.cites)


PAIN = (
    "66F, breast ca 2019. 6 weeks of progressive mid-thoracic back pain, wakes her at night, "
    "worse when she coughs. Power 5/5, sensation normal, walking normally, no bladder change."
)


def test_pain_relief_follows_the_24_hour_advice_for_pain_without_a_cord_symptom(
    conversation,
) -> None:
    answer = last(conversation, PAIN)
    assert _group(answer, "1.7.1") == "act"
    assert _rank(answer, "1.3.3") < _rank(answer, "1.7.1") <= 6


def test_pain_relief_stays_folded_when_a_cord_symptom_leads(conversation) -> None:
    answer = last(conversation, "66F, breast ca, thoracic back pain, new weak legs since today")
    assert _group(answer, "1.7.1") == "more_actions"
    assert _rank(answer, "1.3.2") == 1


DECLINED = (
    "mum is 82, breast cancer, and the scan showed the cancer pressing on her spinal cord. She "
    "doesn't want the radiotherapy or an operation, she just wants to come home."
)


def test_advance_care_planning_is_an_action_when_both_treatments_are_declined(
    conversation,
) -> None:
    answer = last(conversation, DECLINED)
    assert _group(answer, "1.2.7") == "act" and _rank(answer, "1.2.7") <= 6


def test_advance_care_planning_stays_standing_care_otherwise(conversation) -> None:
    answer = last(
        conversation,
        "mum is 82, breast cancer, and the scan showed the cancer pressing on her spinal cord.",
    )
    assert _group(answer, "1.2.7") == "standing"


ASKED = (
    "dr says hubbys spine mets r from his prostate ca. pain still v bad even on morphine n "
    "paracetamol, 8/10. they mentioned zolendronic acid drip. is that rite?"
)


def test_a_correction_re_answers_the_question_it_corrects(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(state, ASKED)
    state, answer = conversation.respond(state, "sorry!! not prostate, its his BLADDER ca")
    assert answer.turn == "correction"
    assert _group(answer, "1.7.13") == "act" and _rank(answer, "1.7.13") <= 6


def test_a_correction_after_a_plain_statement_keeps_the_prohibition_folded(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state, "hubbys spine mets r from his prostate ca. pain still v bad even on morphine, 8/10"
    )
    state, answer = conversation.respond(state, "sorry!! not prostate, its his BLADDER ca")
    assert answer.turn == "correction"
    assert _group(answer, "1.7.13") == "cautions"
