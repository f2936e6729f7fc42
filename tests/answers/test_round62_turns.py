"""Session 31 (#12, #13): round 62's conversation classes, tested both ways through the whole
conversation: a question that states the person's findings in a that-clause, a handover that
names the patient it is about, dictated punctuation, an indented item under a denial header,
a general question labelled as one on a live case, a patient switch by room, a treatment
named in passing, and outside topics asked on a live case."""

from __future__ import annotations

import pytest
from chat_helpers import cited, last


def test_a_question_stating_the_persons_finding_writes_it(conversation) -> None:
    answer = last(
        conversation,
        "Should I be worried that my husband (lung cancer) is suddenly weak in both legs?",
    )
    assert answer.facts["limb_weakness"] == "yes"  # rf62-123: was asked
    assert "1.3.2" in cited(answer)
    supposed = last(conversation, "Should I be worried if my husband gets weak legs? Lung ca.")
    assert supposed.facts.get("limb_weakness") != "yes"
    general = last(conversation, "Is it normal that dexamethasone is given before radiotherapy?")
    assert not general.facts


def test_an_indented_item_under_a_denial_header_is_denied(conversation) -> None:
    answer = last(
        conversation, "Hx: myeloma\nC/O:\n  numb L leg\n  weak L leg\nDenies:\n  bladder issues"
    )
    assert answer.facts["bladder_bowel_dysfunction"] == "no"  # rf62-258
    assert answer.facts["limb_weakness"] == "yes"


def test_a_handover_reads_the_patient_it_names_only(conversation) -> None:
    answer = last(
        conversation,
        "Night handover, can you help with one of these?\n"
        "Bed 2 - Mr A, prostate ca, pain controlled on MST, no new issues\n"
        "Bed 4 - Mrs B, 71, myeloma with known lytic lesions in the thoracic spine. New since "
        "23:00: can't lift her left leg off the bed, says her left foot is numb like a block.\n"
        "Bed 6 - Mr C, lung ca, chest infection, on abx\n"
        "It's Bed 4 I'm worried about.",
    )
    assert answer.facts["primary_tumour"] == "myeloma"
    assert {"1.3.2", "1.8.5"} <= cited(answer)
    assert any("Bed 4" in n for n in answer.notices)
    # the patient named last is named by the closing line too (found in a real browser)
    last_one = last(
        conversation,
        "Night handover, can you help with one of these?\n"
        "Bed 2 - Mr A, prostate ca, pain controlled, no new issues\n"
        "Bed 4 - Mrs B, 71, myeloma with known lytic lesions in the thoracic spine. New since "
        "23:00: can't lift her left leg off the bed.\n"
        "It's Bed 4 I'm worried about.",
    )
    assert last_one.facts["primary_tumour"] == "myeloma"
    assert any("Read Bed 4 only" in n for n in last_one.notices)


def test_another_bed_named_before_a_patients_header_is_not_read(conversation) -> None:
    answer = last(
        conversation,
        "FY1. Nurse asking: the man in bed 4 has MSCC and is on dex 16 mg, so should bed 6 get "
        "dex too? Bed 6: 72M, prostate ca with known spinal mets on bone scan. No back pain, no "
        "weakness, no numbness, bladder and bowels normal.",
    )
    assert answer.facts.get("mscc") != "confirmed"
    assert answer.facts.get("dexamethasone_given") != "yes"
    assert "1.5.6" in cited(answer)
    # one patient named by the bed is the patient
    alone = last(conversation, "The man in bed 4 has prostate ca and new weak legs since today.")
    assert alone.facts["limb_weakness"] == "yes"


def test_dictated_punctuation_and_a_treatment_named_in_passing(conversation) -> None:
    answer = last(
        conversation,
        "this is about my husband Tony comma he's got prostate cancer on hormone injections "
        "comma his brother had that cord compression last year so we're worried sick full stop",
        "Tony just has a niggly ache low down in his back since digging the garden three weeks "
        "ago comma his legs are fine comma no problems with his waterworks or bowels comma and "
        "the hospital scanned his spine last week and the MRI was clear full stop",
    )
    assert not answer.out_of_scope
    assert answer.facts["cancer_diagnosis"] == "yes"
    assert answer.facts.get("mscc") != "confirmed"  # the brother's
    assert "1.3.6" in cited(answer)
    # the same treatment asked about is another topic
    asked = last(conversation, "Prostate cancer. How often are the hormone injections given?")
    assert asked.out_of_scope


def test_a_general_question_labelled_as_one_on_a_live_case_is_general(conversation) -> None:
    answer = last(
        conversation,
        "My aunt has breast cancer, today her legs are weak.",
        "Genel soru - general question: who is the MSCC coordinator, what is their job?",
    )
    assert answer.turn == "question"
    assert answer.facts["limb_weakness"] == "yes"  # the case is kept
    about_her = last(
        conversation, "My aunt has breast cancer, today her legs are weak.", "what now for her?"
    )
    assert about_her.turn == "follow_up"


def test_a_room_named_now_is_a_new_patient(conversation) -> None:
    answer = last(
        conversation,
        "Care home. Mrs A, 92, breast cancer, new back pain when she moves and a tender spot.",
        "Room 9 now: Mr B, 79, never had cancer, fell yesterday, back pain since.",
    )
    assert answer.turn == "new_patient"
    assert answer.facts.get("localised_tenderness") != "yes"


@pytest.mark.parametrize(
    "follow_up",
    [
        "Her INR is 5.1 on warfarin - how much vitamin K should I give?",
        "Can you tell me how to fill in the DoLS form for her?",
    ],
)
def test_an_outside_topic_asked_on_a_live_case_is_refused_and_the_case_kept(
    conversation, follow_up
) -> None:
    answer = last(
        conversation,
        "79F, breast cancer with known spinal metastases, on dexamethasone. Back pain "
        "controlled. No weakness, numbness or bladder/bowel problems.",
        follow_up,
    )
    assert answer.out_of_scope
    assert answer.facts["spinal_metastases"] == "confirmed"


@pytest.mark.parametrize(
    "text",
    [
        "Vascular on call: planning a lumbar CSF drain for a thoracoabdominal aneurysm repair "
        "(TEVAR) to reduce spinal cord ischaemia risk. What CSF pressure? No cancer history.",
        "59F lung ca with brain mets, CT head shows vasogenic oedema. No back pain, staging "
        "showed no spinal disease. What dex dose for the cerebral oedema?",
        "Upper GI bleed in a patient on dexamethasone and a PPI - when to scope?",
        "Is a lumbar corset useful for ordinary mechanical back pain in warehouse workers?",
        "What's the role of chemotherapy before surgery for pancreatic cancer?",
        "MS patient with a new spinal cord lesion on MRI - do we give IV methylprednisolone?",
        "What are the GP partnership rules on sessional pay for locums?",
    ],
)
def test_round62_outside_topics_are_refused(conversation, text) -> None:
    assert last(conversation, text).out_of_scope


def test_suspected_cancer_with_box1_pain_in_a_care_home_is_answered(conversation) -> None:
    answer = last(
        conversation,
        "Senior carer at a care home. Mr K is 84 with dementia. The GP referred him on the 2 week "
        "wait for suspected bowel cancer last week. Now for about 10 days he keeps crying out at "
        "night holding his back, and he yells when we move him in bed. Should we wait?",
    )
    assert not answer.out_of_scope
    assert "1.3.5" in cited(answer)
    assert "1.3.2" not in cited(answer)


def test_a_question_for_no_specific_patient_records_nothing(conversation) -> None:
    answer = last(
        conversation,
        "Quick one for our hotline crib sheet, no specific patient: what dex dose does NG234 "
        "give for MSCC with neuro symptoms, and what cover do they need while on steroids?",
    )
    assert not answer.facts
    assert answer.turn == "question"
