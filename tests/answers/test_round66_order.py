"""Session 33 (#13, #14): a question framed by its topic before a comma records nothing; a
question followed by a statement is answered as a question; a screening MRI asked about is
answered with 1.5.6 and who to contact (1.2.2); 1.3.1 leads for a person with no cancer
diagnosis. Each tested both ways."""

from __future__ import annotations

import pytest
from chat_helpers import last

from assistant.answers.order import grouped


def _rows(answer) -> list:
    return [r for _, items in grouped(answer) for r in items]


def _rank(answer, cite: str) -> int:
    return next(i for i, r in enumerate(_rows(answer), start=1) if cite in getattr(r, "cites", ()))


@pytest.mark.parametrize(
    "text",
    [
        "for suspected MSCC, what MRI sequences does NICE actually want?",
        "In suspected cord compression, how much dex?",
        "regarding weak legs in cancer, who do I call?",
    ],
)
def test_a_question_framed_by_its_topic_records_nothing(conversation, text) -> None:
    answer = last(conversation, text)
    assert answer.turn == "question" and answer.facts == {}


@pytest.mark.parametrize(
    "text",
    ["for a 70M with weak legs, what now?", "prostate ca, weak legs, what now?"],
)
def test_a_patient_before_the_question_is_still_a_case(conversation, text) -> None:
    answer = last(conversation, text)
    assert answer.facts.get("limb_weakness") == "yes"


def test_a_question_then_a_statement_leads_with_what_it_asks(conversation) -> None:
    text = (
        "Quick one, no specific patient - for suspected MSCC, what MRI sequences does NICE "
        "actually want? Our radiology protocol is sagittal T2 of the thoracic spine only."
    )
    answer = last(conversation, text)
    assert answer.intent == "question" and answer.facts == {}
    assert _rank(answer, "1.5.5") <= 2  # was folded among 35 pending rows (b131)


SCREEN = (
    "74F with breast ca and known spinal mets, treated. No change in her back pain, legs "
    "strong, walking as usual, bladder and bowels fine. Her daughter asks if she can have an "
    "MRI every few months to catch cord compression early. What should I tell them?"
)


def test_a_screening_mri_asked_about_leads_with_1_5_6_and_who_to_contact(conversation) -> None:
    answer = last(conversation, SCREEN)
    assert _rank(answer, "1.5.6") <= 6 and _rank(answer, "1.2.2") <= 6
    row = next(r for r in answer.recommendations if "1.2.2" in r.cites)
    assert row.group == "act"


def test_who_to_contact_stays_standing_care_when_no_scan_is_asked_about(conversation) -> None:
    plain = SCREEN.split(" Her daughter")[0]
    answer = last(conversation, plain)
    row = next(r for r in answer.recommendations if "1.2.2" in r.cites)
    assert row.group == "standing"


def test_think_about_spinal_metastases_leads_without_a_cancer_diagnosis(conversation) -> None:
    answer = last(
        conversation,
        "67M, never had cancer, 2 stone weight loss, back pain keeping him up all night",
    )
    row = next(r for r in answer.recommendations if "1.3.1" in r.cites)
    assert row.group == "act" and _rank(answer, "1.3.1") <= 6
    known = last(conversation, "67M, prostate cancer, back pain keeping him up all night")
    row = next(r for r in known.recommendations if "1.3.1" in r.cites)
    assert row.group == "standing"
