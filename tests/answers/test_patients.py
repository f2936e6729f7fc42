"""One patient out of a handover of several (assistant/answers/patients.py; round-6/7 blind
cases): only the named patient's lines are read; with no patient named, everything is read and
the answer says the message seems to describe more than one patient."""

from __future__ import annotations

from assistant.answers.chat import new_session
from assistant.answers.patients import one_patient

HANDOVER = (
    "Handover - bay 3\n"
    "Bed 4 Mr A, 66, small cell lung ca: new lower back pain, worse lying flat at night. "
    "Neuro obs normal, mobilising independently, continent, no tingling or numbness, no leg pain.\n"
    "Bed 5 Mr B (post hip #) has bilateral leg weakness - ortho aware.\n"
    "What do we need to do for bed 4?"
)


def test_the_named_bed_is_read_and_the_other_is_left_out():
    text, notice = one_patient(HANDOVER)
    assert "Bed 4" in text and "Bed 5" not in text and "bilateral leg weakness" not in text
    assert "What do we need to do for bed 4?" in text
    assert notice and "Bed 5" in notice and "not read" in notice


def test_a_patient_named_by_surname_is_chosen():
    text, _ = one_patient(
        "Bed 3 - Mr Adams, T6 complete paraplegia since a crash in 1998.\n"
        "Bed 4 - Mrs Brennan, 66, ovarian ca, new back pain.\n"
        "Question is about Mrs Brennan - what's the pathway?"
    )
    assert "Brennan" in text and "paraplegia" not in text


def test_with_no_patient_named_every_line_is_read_and_the_answer_says_so():
    message = "Bed 3 - lung ca, weak legs\nBed 4 - breast ca, back pain"
    text, notice = one_patient(message)
    assert text == message
    assert notice and "more than one patient" in notice


def test_one_patient_is_left_as_it_is():
    for message in ("known breast ca\nno fever\nweak legs", "Bed 4 - breast ca, new weak legs"):
        assert one_patient(message) == (message, None)


def test_the_other_patients_red_flag_does_not_reach_this_one(conversation):
    _, answer = conversation.respond(new_session(), HANDOVER)
    assert answer.facts.get("limb_weakness") != "yes"
    assert "1.3.2" not in {c for r in answer.recommendations for c in r.cites}
    assert any("not read" in n for n in answer.notices)


def _places() -> tuple[str, ...]:
    from assistant.answers.intent import intents

    return intents().patient_places


def test_every_place_a_patient_is_named_by_opens_a_header():
    # the place words (intents.json `patient_places`) and the header patterns agree
    from assistant.answers.patients import split

    for place in _places():
        _, blocks, _ = split(f"{place.title()} 4 - breast ca, weak legs\nBed 9 - lung ca")
        assert len(blocks) == 2, place


def test_another_patient_named_by_any_place_is_not_read_into_this_one():
    for place in _places():
        message = (
            f"the man in {place} 2 has weak legs, so what about this one? "
            "Bed 6: 72M, prostate ca, new back pain"
        )
        text, notice = one_patient(message)
        assert "weak legs" not in text and "back pain" in text, place
        assert notice and f"{place.split()[-1]} 2" in notice, place


def test_a_place_without_a_number_names_no_other_patient():
    message = "Bed 6: 72M, prostate ca, new back pain, was in the side room with weak legs"
    assert one_patient(message) == (message, None)
