"""Session 20 (#13, #14): round 39's conversation and scope classes fixed after its first run,
each tested both ways.

- A take-back after an unreadable message ("Przepraszam …" then "sorry that was my mum
  typing") has nothing to undo: the case stands.
- A case that asks whether the MRI can wait shows 1.5.4 (overnight MRI), the rule its own
  doubt decides; a case that asks nothing of the kind does not.
- "While I've got you, … what dose of amlodipine?" mid-case is refused, the case kept.
- Outside NG234: a child's leukaemia, dexamethasone as an appetite stimulant, mastectomy,
  overtime, a rota with MSCC cover, immunotherapy for melanoma, drugs for sciatica.
"""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

from assistant.evaluation.cases import mentioned_ids

NAN = "My nan has myeloma and her back hurts whenever she sneezes."


def test_a_take_back_after_an_unreadable_message_keeps_the_case(conversation) -> None:
    answer = last(
        conversation,
        NAN,
        "Przepraszam, nie wiem co mam robić z babcią, proszę o pomoc.",
        "sorry that was my mum typing. what should we do?",
    )
    assert answer.facts["pain_straining"] == "yes" and "1.3.3" in cited(answer)


def test_a_take_back_after_a_case_message_still_takes_it_back(conversation) -> None:
    answer = last(
        conversation,
        "71M lung ca, back pain at night.",
        "Now weak legs and retention.",
        "sorry, that was a different patient",
    )
    assert answer.facts.get("limb_weakness") != "yes"
    assert answer.facts["pain_night"] == "yes"


def test_asking_whether_the_mri_can_wait_shows_overnight_mri(conversation) -> None:
    answer = last(
        conversation,
        "ED, 02:40. 63M known oesophageal ca. Over the last 6 hours rapidly worsening leg "
        "weakness and new saddle numbness. Radiographer asking if the MRI can wait until the "
        "morning list. Can it?",
    )
    assert "1.5.4" in mentioned_ids(answer) and "1.5.2" in cited(answer)


def test_a_case_asking_nothing_of_timing_does_not_show_overnight_mri(conversation) -> None:
    answer = last(conversation, "63M known oesophageal ca, new leg weakness. Dex dose?")
    assert "1.5.4" not in {c for r in answer.conditional for c in r.cites}


def test_while_ive_got_you_an_outside_drug_is_refused(conversation) -> None:
    answer = last(
        conversation,
        "Mr G, 77, prostate cancer, legs weak and numb since yesterday.",
        "While I've got you, his BP is 180/100 - what dose of amlodipine should I start?",
    )
    assert answer.out_of_scope and answer.facts["limb_weakness"] == "yes"


@pytest.mark.parametrize(
    "message",
    [
        "My little brother is 12 and has leukaemia - can he get back problems from it?",
        "Can dexamethasone be used as an appetite stimulant in palliative care, and what dose?",
        "Patient with newly diagnosed breast cancer, what's the surgery vs mastectomy choice?",
        "How do I claim overtime for the weekend emergency MRI lists?",
        "Can you draft next month's registrar rota with MSCC on-call cover?",
        "Which immunotherapy is used for advanced melanoma?",
        "Is pregabalin or amitriptyline better for sciatica?",
    ],
)
def test_round39_outside_ng234_is_refused(conversation, message: str) -> None:
    assert last(conversation, message).out_of_scope


@pytest.mark.parametrize(
    "message",
    [
        "My brother is 52 and has myeloma, his legs went weak today - what now?",
        "Dex 16mg given for suspected MSCC - does it help her appetite too or just the cord?",
        "Who covers the MSCC on-call rota overnight if the coordinator is off? Weak legs, lung ca.",
    ],
)
def test_round39_near_misses_stay_in_scope(conversation, message: str) -> None:
    assert not last(conversation, message).out_of_scope
