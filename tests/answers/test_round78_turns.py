"""Session 40 (#12, #13): round 78's answer classes, each tested both ways on the real
conversation.

- Two patients under bed labels, the question closing the last one's line ("… What does NG234
  say for bed 4?"): only bed 4 is read, so her known spinal metastases with no symptoms get
  1.5.6, not bed 6's stroke weakness and 1.3.2.
- "Our MSCC coordinator has gone home - can this wait?" on a live case quotes 1.1.6 (who
  covers the coordinator), which no rule of the case decides.
- A general question about a pacemaker patient who cannot have an MRI, asked on a live case,
  is answered with 1.5.7; a question about stopping metformin for a contrast CT is refused.
- "back to Mary - …" is a change of patient.
- A radiologically suspected lymphoma with a stem cell harvest mentioned gets 1.10.3.
- Surgery declined in the patient's words gets 1.10.4's radiotherapy; "it's pressing on his
  spinal cord" after the cancer is named is MSCC, and with every treatment ruled out and
  weeks to live, 1.2.8 and 1.6.5 apply.
"""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.evaluation.cases import mentioned_ids

TWO_BEDS = (
    "Two patients I'm worried about on the ward. Bed 6: 80M, no cancer history, sudden R arm "
    "and leg weakness this morning, CT head confirms an acute stroke, stroke team involved. "
    "Bed 4: 77F, metastatic breast ca with known spinal mets (T7, L3), in for cellulitis - no "
    "back pain, no weakness, no numbness, continent, walking independently. Bed 4's daughter "
    "is asking for an MRI of the spine 'to catch it early'."
)


def test_the_bed_the_question_names_is_read_alone(conversation) -> None:
    answer = last(conversation, TWO_BEDS + " What does NG234 say for bed 4?")
    assert "1.5.6" in cited(answer)
    assert "1.3.2" not in cited(answer)
    assert answer.facts.get("limb_weakness") == "no"
    assert any("Bed 6" in n for n in answer.notices)


def test_two_beds_with_no_bed_asked_about_are_read_together(conversation) -> None:
    # whose the weakness is cannot be told: it is read (over-calling costs a question)
    answer = last(conversation, TWO_BEDS + " What does NG234 say?")
    assert answer.facts.get("limb_weakness") == "yes"


SCLC = (
    "Call from the daughter of one of my SCLC patients (59M, on 2nd line chemo). She says since "
    "yesterday he's 'walking funny' - shuffling, holding onto the walls - and he's had mid-back "
    "pain for 2 weeks that wakes him at night."
)


def test_the_coordinator_gone_home_quotes_who_covers_the_role(conversation) -> None:
    answer = last(
        conversation,
        SCLC,
        "It's 9pm and our MSCC coordinator has gone home. Can this wait until he comes to "
        "clinic tomorrow morning?",
    )
    assert "1.3.2" in cited(answer)
    assert "1.1.6" in {q.id for q in answer.lookups}


def test_a_question_a_rule_answers_quotes_no_extra_passage(conversation) -> None:
    answer = last(conversation, SCLC, "Should I give dexamethasone now?")
    assert "1.8.1" in cited(answer)
    assert not answer.lookups


MRS_P = (
    "FY2 on the ward. Mrs P, 70, breast cancer, 3 weeks of progressive mid-back pain that is "
    "worse when she coughs. No weakness, no numbness, bladder fine."
)


def test_a_general_question_on_mri_contraindication_is_answered_on_a_live_case(
    conversation,
) -> None:
    answer = last(
        conversation,
        MRS_P,
        "General question while I have you: if someone has a pacemaker and can't have an MRI, "
        "what does NICE suggest instead?",
    )
    assert not answer.out_of_scope
    assert "1.5.7" in mentioned_ids(answer)


def test_stopping_metformin_for_a_contrast_ct_is_refused_on_a_live_case(conversation) -> None:
    answer = last(
        conversation,
        "Radiographer. Inpatient 73M, prostate ca, ?MSCC, weakness in his legs, booked for an "
        "urgent MRI tonight.",
        "he's also on metformin - do I need to stop it for an iodinated contrast CT of his chest?",
    )
    assert answer.out_of_scope


def test_back_to_an_earlier_patient_by_name_is_a_change_of_patient(conversation) -> None:
    answer = last(
        conversation,
        "Hospice nurse. Mary, 84, breast cancer with spinal mets, comfort care only now.",
        "different pt - John, 79, prostate cancer, his legs have gone weak this morning and he "
        "has wet himself, which is new.",
        "back to Mary - she's now complaining her legs are numb",
    )
    assert answer.turn == "new_patient"
    assert answer.facts.get("bladder_bowel_dysfunction") is None  # John's, not carried over
    assert answer.facts["sensory_loss"] == "yes"


def test_a_lower_case_back_to_is_no_change_of_patient(conversation) -> None:
    answer = last(
        conversation,
        "Hospice nurse. Mary, 84, breast cancer with spinal mets, comfort care only now.",
        "back to normal - her pain is controlled",
    )
    assert answer.turn != "new_patient"
    assert answer.facts["cancer_diagnosis"] == "yes"


LYMPHOMA = (
    "Acute medicine reg. 45M, MRI shows spinal lesions at T9 and L1 that the radiologist thinks "
    "are lymphoma - radiologically suspected, no biopsy yet. No weakness, no numbness, no "
    "bladder or bowel symptoms, walking normally."
)


def test_a_harvest_considered_for_suspected_lymphoma_gets_1_10_3(conversation) -> None:
    answer = last(
        conversation,
        LYMPHOMA,
        "haematology mention a possible stem cell harvest later, and radiotherapy is being "
        "considered for his spinal pain",
    )
    assert "1.10.3" in cited(answer)


def test_no_harvest_no_1_10_3(conversation) -> None:
    answer = last(conversation, LYMPHOMA, "radiotherapy is being considered for his spinal pain")
    assert "1.10.3" not in cited(answer)


def test_surgery_declined_in_the_patients_words_raises_radiotherapy(conversation) -> None:
    answer = last(
        conversation,
        "Hello, this is Tom Fielding, the kidney cancer patient. The scan showed the cancer has "
        "spread to my spine at L1 and it's pressing on the nerves, and my legs have been a bit "
        "weak and wobbly this week. The surgeon offered an operation but I've thought hard and "
        "I don't want it. What other options are there for me?",
    )
    assert "1.10.4" in mentioned_ids(answer)
    assert answer.facts["mscc"] == "confirmed"


def test_cord_compression_with_every_treatment_ruled_out(conversation) -> None:
    answer = last(
        conversation,
        "Hello, it's about my brother Dave. He has pancreatic cancer and the doctors say it's "
        "pressing on his spinal cord now. They've said no radiotherapy, no operation and no "
        "more chemo because he's too poorly — they think he's only got weeks. Can he still get "
        "up into a chair?",
    )
    assert {"1.2.8", "1.6.5"} <= cited(answer)
    # the same cancer with treatment still planned: no 1.6.5
    planned = last(
        conversation,
        "Hello, it's about my brother Dave. He has pancreatic cancer and the doctors say it's "
        "pressing on his spinal cord now. Radiotherapy is planned for tomorrow.",
    )
    assert "1.6.5" not in cited(planned)
