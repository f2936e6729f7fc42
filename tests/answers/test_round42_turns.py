"""Session 22 (#13): a case stated in sentences of its own before "What does NG234 say?" is a
case, not a general question (round 41); a general question stating nothing about a patient
stays a question."""

from __future__ import annotations

import pytest
from chat_helpers import last

from assistant.evaluation.cases import mentioned_ids


def test_findings_stated_before_what_does_ng234_say_are_a_case(conversation) -> None:
    answer = last(
        conversation,
        "Cervical ca, widespread bone mets on PET including asymptomatic T12 and L2 deposits. "
        "No back pain, neuro intact. My consultant asked whether we should book 3-monthly "
        "spine MRIs to catch cord compression early. What does NG234 say?",
    )
    assert answer.turn == "case"
    assert answer.facts["spinal_metastases"] == "confirmed"
    assert "1.2.2" in {r.cites[0] for r in answer.recommendations}


def test_a_general_question_naming_a_population_is_still_a_question(conversation) -> None:
    answer = last(
        conversation,
        "general q - for prostate ca with spinal mets, when should they have an MRI? What "
        "does NG234 say?",
    )
    assert answer.turn == "question" and dict(answer.facts) == {}


def test_a_corrected_interval_of_a_recurrence_brings_further_radiotherapy(conversation) -> None:
    answer = last(
        conversation,
        "Oncology clinic: 64F breast cancer, spinal metastasis at L2 treated with 8 Gy "
        "radiotherapy, pain settled completely afterwards. Pain is back in the same place, "
        "started 2 months after the radiotherapy.",
        "sorry, I got that wrong - it came back 7 months after the radiotherapy, not 2",
    )
    assert answer.turn == "correction"
    assert answer.facts["recurrence_3_months_after_rt"] == "yes"
    assert "1.10.9" in {r.cites[0] for r in answer.recommendations}


def test_the_next_caller_is_a_new_patient(conversation) -> None:
    answer = last(
        conversation,
        "111: caller is 66F with breast cancer on letrozole, back pain that wakes her at "
        "night, no weakness.",
        "Next caller: 81M, known myeloma, can't pass urine since last night and his legs are weak.",
    )
    assert answer.turn == "new_patient" and "pain_night" not in answer.facts
    assert answer.facts["limb_weakness"] == "yes"


def test_a_callers_question_about_the_same_patient_is_no_switch(conversation) -> None:
    answer = last(
        conversation,
        "111: caller is 66F with breast cancer on letrozole, back pain that wakes her at night.",
        "the caller says she also has numb feet now",
    )
    assert answer.turn != "new_patient" and answer.facts["pain_night"] == "yes"


def test_ignore_that_corrects_only_what_it_names(conversation) -> None:
    answer = last(
        conversation,
        "Hospice: 55M with oesophageal cancer and known spinal mets, back pain that wakes him "
        "at night. Bladder and bowels normal, no numbness.",
        "ignore that, he does have numbness - in both feet since this evening",
    )
    assert answer.turn == "correction"
    assert answer.facts["sensory_loss"] == "yes"
    assert answer.facts["bladder_bowel_dysfunction"] == "no"


def test_what_the_nice_guideline_says_mid_case_is_a_question(conversation) -> None:
    answer = last(
        conversation,
        "My uncle has lung cancer that spread to his bones. For the last week his back has "
        "been really painful, it's there all the time, and he can't sleep at night because of "
        "it.",
        "What does the NICE guideline say about bladder problems being a warning sign?",
    )
    assert answer.turn == "question"
    assert "bladder_bowel_dysfunction" not in answer.facts


@pytest.mark.parametrize(
    "text",
    [
        "Is immunotherapy recommended for stage 4 melanoma?",
        "How is newly diagnosed myeloma treated first line - which drug combination?",
        "Syringe driver: how much diamorphine for someone on 40 mg MST twice a day?",
        "What's the survival rate for stage 3 pancreatic cancer?",
        "Elderly man with leg pain walking that eases when he leans forward on a trolley - "
        "lumbar canal stenosis. What's the management?",
        "Patient with breast cancer has a lytic lesion in the femoral neck. When should we fix "
        "it prophylactically?",
    ],
)
def test_other_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "Myeloma with spinal mets at T12 - how is it treated first line, and does she need "
        "dexamethasone?",
        "MSCC at T10 from breast cancer - what's the survival rate with radiotherapy?",
        "Breast cancer with a lytic lesion in the femoral neck and new numb legs.",
    ],
)
def test_the_same_words_with_ng234_population_stay_in_scope(conversation, text: str) -> None:
    assert not last(conversation, text).out_of_scope


def test_a_transplant_raised_for_later_is_a_harvest_considered(conversation) -> None:
    answer = last(
        conversation,
        "Mother-in-law, 67, myeloma diagnosed last week. MRI shows lesions in T12 and L2, no "
        "cord compression, no weakness or numbness, just back pain.",
        "They've mentioned a stem cell transplant later on. The pain team suggested "
        "radiotherapy to L2 for the pain - anything we should watch for?",
    )
    assert answer.facts["stem_cell_harvest_considered"] == "yes"
    assert "1.10.3" in {r.cites[0] for r in answer.recommendations}
    done = last(conversation, "Myeloma at T12. He had a stem cell transplant in 2021.")
    assert "stem_cell_harvest_considered" not in done.facts


def test_a_discharge_planned_is_from_hospital(conversation) -> None:
    answer = last(
        conversation,
        "88M, prostate ca. Complete paraplegia from T9 MSCC for 3 weeks. Pain well controlled "
        "on oral morphine. He wants to go home to his wife.",
    )
    assert answer.facts["admitted"] == "yes"
    assert "1.12.3" in {r.cites[0] for r in answer.recommendations}
    home = last(conversation, "88M, prostate ca, T9 MSCC. He is at home with his wife.")
    assert home.facts.get("admitted") != "yes"


def test_a_why_on_a_paraplegic_case_takes_the_radiotherapy_exception_rationale(
    conversation,
) -> None:
    answer = last(
        conversation,
        "Mrs K, lung cancer, diagnosed with MSCC 3 weeks ago. She has been completely "
        "paralysed from the waist down since then - no movement or feeling - and her pain is "
        "well controlled on her patches. She's at home with us now.",
        "The family keep asking why she isn't being offered radiotherapy. What's the "
        "reasoning in the guidance?",
    )
    assert "rationale-1.10.4-1.10.6" in mentioned_ids(answer)


def test_a_destructive_lesion_with_no_cancer_history_is_referred_to_oncology(
    conversation,
) -> None:
    answer = last(
        conversation,
        "Referral from a DGH: 55F, no cancer history, 6 weeks of progressive thoracic back "
        "pain. MRI: destructive T10 lesion, no epidural disease, no cord compression. Neuro "
        "intact, pain controlled on paracetamol and codeine.",
    )
    assert "1.3.5" in {r.cites[0] for r in answer.recommendations}
    none = last(
        conversation,
        "55F, no cancer history, 6 weeks of progressive thoracic back pain. MRI: no "
        "metastases, disc degeneration only.",
    )
    assert "1.3.5" not in {r.cites[0] for r in none.recommendations}


def test_a_take_back_after_an_unreadable_message_is_a_follow_up(conversation) -> None:
    answer = last(
        conversation,
        "My grandad has prostate cancer and since yesterday he can't pee and his legs are weak.",
        "Mój dziadek bardzo się boi, co mamy teraz robić?",
        "sorry that was my mum typing. Should we call 999?",
    )
    assert answer.turn == "follow_up" and answer.facts["limb_weakness"] == "yes"


def test_actually_also_adds_rather_than_corrects(conversation) -> None:
    answer = last(
        conversation,
        "Bladder cancer patient, 69F, new back pain over the past month, no leg weakness.",
        "Actually she has also noticed tingling in her feet since yesterday.",
    )
    assert answer.turn == "follow_up" and answer.facts["sensory_loss"] == "yes"
    corrected = last(
        conversation,
        "Bladder cancer patient, 69F, new back pain over the past month, no leg weakness.",
        "Actually she does have leg weakness.",
    )
    assert corrected.turn == "correction" and corrected.facts["limb_weakness"] == "yes"


def test_steroids_before_a_biopsy_for_suspected_lymphoma_is_ng234(conversation) -> None:
    answer = last(
        conversation,
        "Why does NICE caution against steroids before biopsy when lymphoma is suspected on "
        "the spinal MRI?",
    )
    assert not answer.out_of_scope
    assert last(
        conversation,
        "Urol reg. 63M, asymptomatic, PSA 9.8, benign-feeling prostate. Should he have an "
        "mpMRI before biopsy?",
    ).out_of_scope
