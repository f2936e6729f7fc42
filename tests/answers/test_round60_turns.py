"""Session 30 (#12, #13): round 60's conversation classes, tested both ways through the whole
conversation: the writer's ward named with a condition and a normal test result name no other
condition; a body part beside a stated cord symptom is its site, not another topic; outside
topics (a chemotherapy drug's dose, renal dosing, death certification, rotas, a shingles rash)
are refused."""

from __future__ import annotations

import pytest
from chat_helpers import cited, last


def test_the_writers_ward_and_a_normal_scan_name_no_other_condition(conversation) -> None:
    answer = last(
        conversation,
        "Stroke ward doctor. 77F, no history of cancer, admitted with new weakness in both legs "
        "and urinary retention. MRI brain normal.",
    )
    assert not answer.out_of_scope
    assert answer.facts["limb_weakness"] == "yes"
    # a stroke as the patient's own condition is still another condition
    refused = last(conversation, "How long after a stroke can thrombolysis be given?")
    assert refused.out_of_scope


def test_a_body_part_beside_a_stated_cord_symptom_is_its_site(conversation) -> None:
    answer = last(
        conversation,
        "OOH GP home visit. 68F breast ca with known bone mets. 1 week of pain shooting down her "
        "R leg like sciatica, worse on coughing.",
        "Sorry - I meant LEFT leg, not right. On exam now: L ankle dorsiflexion 3/5, EHL weak, "
        "reduced sensation over the L dorsum of foot. Right leg normal.",
    )
    assert not answer.out_of_scope
    assert {"1.3.2", "1.8.1", "1.5.2"} <= cited(answer)
    # an ankle with no cord symptom on a live case is another topic
    other = last(
        conversation,
        "68F breast ca with known bone mets, back pain at night.",
        "Unrelated - she twisted her ankle yesterday, should it be X-rayed?",
    )
    assert other.out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "Which opioid is safest in a patient with eGFR 10 and what dose should I start?",
        "How many on-call nights am I allowed to do in a row under the junior doctor contract?",
        "How do I complete a medical certificate of cause of death for a patient who died of MSCC?",
        "How should a patient with a suspected spinal fracture after trauma be log-rolled in ED?",
        "How should we adjust carboplatin dosing in a patient with an eGFR of 25?",
        "Patient on chemo has a painful band-like rash around his chest - should he get aciclovir "
        "for shingles?",
        # round 61
        "Is sarcoid myelopathy treated with steroids or infliximab?",
        "Hydrocortisone stress dose for a patient on long-term steroids having elective surgery?",
        "How should an MS relapse with spinal cord involvement be treated?",
        "Urology reg. Asymptomatic 55-year-old man, no cancer history, no back pain, wants a PSA "
        "check. What PSA threshold should trigger referral?",
    ],
)
def test_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope, text


def test_band_like_pain_is_still_radicular_and_answered(conversation) -> None:
    answer = last(conversation, "Lung ca, band-like pain around his chest from the spine.")
    assert not answer.out_of_scope
    assert answer.facts.get("radicular_pain") == "yes"


def test_a_fact_only_implied_never_overrides_the_cases_stated_value(conversation) -> None:
    first = (
        "Neurosurg reg: 44M, no prior cancer diagnosis. MRI shows a T10 spinal metastatic lesion "
        "with a paravertebral mass; radiology report it as suspected lymphoma, no biopsy yet. No "
        "neurological symptoms or signs."
    )
    answer = last(
        conversation,
        first,
        "Haematology have seen him - they are considering a stem cell harvest, and radiotherapy "
        "to T10 is being considered.",
    )
    assert answer.turn == "follow_up"
    assert answer.facts["cancer_diagnosis"] == "no"
    assert answer.facts["radiotherapy_considered"] == "yes"
    # said in its own words, the same fact is a correction
    answer = last(conversation, first, "Correction: biopsy now confirms he does have cancer.")
    assert answer.facts["cancer_diagnosis"] == "yes"


def test_both_treatments_declined_by_choice_leave_dexamethasone_to_be_reduced(conversation) -> None:
    answer = last(
        conversation,
        "Community matron. Mr L, 83, prostate ca. MSCC at T8 diagnosed 3 weeks ago, complete "
        "paraplegia since then, pain well controlled on MST. He chose not to have surgery or "
        "radiotherapy and wants to stay at home. Still on dex 16 mg daily.",
    )
    assert {"1.8.4", "1.6.5"} <= cited(answer)
    # awaiting radiotherapy, dexamethasone is not reduced for want of treatment
    answer = last(
        conversation,
        "Prostate ca, MSCC at T8, on dex 16 mg daily. He declined surgery; radiotherapy starts "
        "tomorrow.",
    )
    assert "1.8.4" not in cited(answer)


def test_comfort_care_keeps_no_16_mg_waiting_for_treatment(conversation) -> None:
    answer = last(
        conversation,
        "District nurse. Mrs H, 88, MSCC from breast cancer diagnosed 6 weeks ago. Oncology felt "
        "she was too frail for radiotherapy or surgery, so comfort care only. Bedbound since "
        "discharge. Still on dexamethasone 8 mg a day from hospital.",
    )
    applied = {r.rule for r in answer.recommendations}
    assert "R1.8.1-continue-dexamethasone-then-reduce" not in applied
    assert {"1.8.4", "1.6.5"} <= cited(answer)


def test_on_a_live_case_other_conditions_drugs_are_refused_and_the_case_kept(conversation) -> None:
    case = (
        "78M, prostate cancer, spinal mets on MRI, back pain not controlled by conventional "
        "analgesia, no neuro deficit."
    )
    answer = last(conversation, case, "Should we switch his ADT from goserelin to degarelix?")
    assert answer.out_of_scope
    answer = last(
        conversation,
        "Bed 2: 66F, MRI suggests lymphoma with a T12 spinal deposit, not yet confirmed on biopsy.",
        "Her potassium is 3.1 - how much should I replace?",
    )
    assert answer.out_of_scope
    # a family's question whether it could be spinal cancer is NG234's (1.3.5, 1.3.6)
    answer = last(
        conversation,
        "I am interpreting for a family at the GP. The mother is 55, the family say she has never "
        "had cancer. She has had back pain on and off for 2 years, mostly after lifting at work. "
        "The family read online about cancer in the spine and ask: could this be that, and what "
        "signs should they watch for?",
    )
    assert not answer.out_of_scope
