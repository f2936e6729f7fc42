"""Session 31 (#13): round 63's conversation classes, tested both ways: patient switches by
referral number, by a different person "now", and back to a lettered patient; an outside drug
asked on a live case; outside topics refused."""

from __future__ import annotations

import pytest
from chat_helpers import last


@pytest.mark.parametrize(
    "switch",
    [
        "Referral 2: 81M prostate ca, MRI shows spinal metastases at L3, pain not controlled.",
        "DIFFERENT PERSON NOW MY MUM SHE HAS HAD BACK PAIN FOR MONTHS AND SHE HAS NEVER HAD CANCER",
    ],
)
def test_a_new_patient_is_a_new_case(conversation, switch) -> None:
    answer = last(
        conversation, "Referral 1: 59F lung ca, MRI shows MSCC at C6, weak hands.", switch
    )
    assert answer.turn == "new_patient"
    assert answer.facts.get("limb_weakness") != "yes"
    same = last(conversation, "59F lung ca, MRI shows MSCC at C6, weak hands.", "now her legs too")
    assert same.turn != "new_patient"


def test_going_back_to_a_lettered_patient_is_a_switch(conversation) -> None:
    answer = last(
        conversation,
        "Patient A: 63M confirmed myeloma, new leg weakness, MRI pending.",
        "Next patient: 70F, biopsy-confirmed lymphoma, MRI shows spinal metastases at L1.",
        "Going back to patient A from before - his MRI is back: MSCC at T9.",
    )
    assert answer.turn == "new_patient"
    assert answer.facts.get("primary_tumour") != "lymphoma"


def test_an_outside_drug_asked_on_a_live_case_is_refused(conversation) -> None:
    answer = last(
        conversation,
        "55F breast ca, MSCC at T5 on MRI, on dexamethasone 16 mg, awaiting radiotherapy.",
        "She's developed oral thrush - what dose of fluconazole?",
    )
    assert answer.out_of_scope
    assert answer.facts["mscc"] == "confirmed"


@pytest.mark.parametrize(
    "text",
    [
        "Switching from gabapentin 900 mg daily to pregabalin - what's the equivalent dose?",
        "How can we arrange a same-day release of the body for a Muslim burial?",
        "What's the going hourly rate for a GP locum session in the Midlands?",
        "How long should adjuvant letrozole be continued after surgery for breast cancer?",
        "How do I calculate the breakthrough oxycodone dose for a patient with bowel cancer?",
        "How should skin be looked after during breast radiotherapy?",
        "Management of a periacetabular metastasis causing pain on weight bearing in the hip?",
    ],
)
def test_round63_outside_topics_are_refused(conversation, text) -> None:
    assert last(conversation, text).out_of_scope
