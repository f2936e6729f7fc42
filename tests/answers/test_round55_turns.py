"""Session 28 (#12, #13): rounds 54 and 55's conversation classes, tested both ways through the
whole conversation: a case told with a question keeps its urgent rows; the MSCC team's plan
comes before surgery; NG234's own care is in scope and other topics are not; a question said
without its '?' and the question sentence after a case are searched; a message in another
language is not read, English mixed with one is; a short question and a new person are read."""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.evaluation.cases import mentioned_ids

PARAMEDIC = (
    "PP on scene. 64F, NSCLC with known bone mets. Not passed urine since last night, bladder "
    "scan ~600 ml. Says there's a numb band round her lower chest and both legs are weak, she "
    "couldn't weight bear for us. Thoracic back pain, much worse when we try to move her. "
    "Conveying to ED now - any advice on how I should move her?"
)


def test_a_case_told_with_a_question_is_answered_and_a_why_stays_on_its_passages(
    conversation,
) -> None:
    answer = last(conversation, PARAMEDIC)
    assert {"1.3.2", "1.5.2", "1.8.1"} <= cited(answer)
    answer = last(
        conversation,
        "Hospice doctor: can you explain why NG234 moved to a single 8 Gy fraction for MSCC "
        "rather than multiple fractions?",
    )
    assert not {"1.3.2", "1.8.1"} & {c for row in answer.conditional for c in row.cites}


def test_the_mscc_teams_plan_comes_before_surgery_not_after_it(conversation) -> None:
    answer = last(
        conversation,
        "70M, no known cancer. 5 days of progressively weak legs, now can't stand, sensory level "
        "at T6, retaining urine. MRI tonight: T5 vertebral mass with cord compression.",
    )
    assert {"1.8.1", "1.11.1"} <= cited(answer)
    answer = last(
        conversation,
        "Physio. Day 2 after posterior decompression and stabilisation T11-L1 for MSCC (breast "
        "ca), legs weak but improving.",
    )
    assert "1.11.1" not in cited(answer)
    # while MSCC is only suspected the MRI comes first, and a plan for radiotherapy is made
    answer = last(conversation, "known prostate ca, new leg weakness since yesterday")
    assert "1.5.2" in cited(answer) and "1.11.1" not in cited(answer)
    answer = last(
        conversation,
        "Prostate ca, MRI confirmed MSCC at T8, legs weak. Radiotherapy planned for tomorrow.",
    )
    assert "1.11.1" not in cited(answer)


def test_ng234s_own_care_is_answered_and_other_topics_are_refused(conversation) -> None:
    assert not last(
        conversation,
        "What training should carers get before discharge - manual handling, braces, wheelchairs?",
    ).out_of_scope
    assert not last(
        conversation,
        "After discharge, what complications should supportive care cover - pressure sores, "
        "bladder and bowel?",
    ).out_of_scope
    for text in (
        "Sperm banking before chemotherapy for Hodgkin lymphoma - how do I refer?",
        "Facial swelling and distended neck veins in small cell lung cancer - stent first?",
        "im 60 and i smok about 30 a day. no sympums. shud i get a lung scan to chek for canser",
        "Mi mamá está en chemo para breast cancer, day 10 del ciclo. Tiene fiebre 38.7 y "
        "escalofríos since this afternoon. No back pain, camina normal. Qué hacemos?",
        "OOH GP. 28M, rear-ended at traffic lights 2 hours ago, neck pain on turning his head, "
        "no cancer. Does he need c-spine imaging?",
    ):
        assert last(conversation, text).out_of_scope, text
    # a Box 1 symptom after a fever in a person with cancer is still NG234's
    assert not last(
        conversation, "Breast cancer on chemo, fever yesterday, today both legs weak."
    ).out_of_scope


def test_questions_said_without_their_mark_or_after_a_case_are_searched(conversation) -> None:
    answer = last(
        conversation, "i have prostate cancer. no back pain now. what signs. to watch for. spine."
    )
    assert "box-1" in mentioned_ids(answer)
    answer = last(
        conversation,
        "Neuro reg. 68M, no known cancer. MRI today: T5 vertebral mass with cord compression. CT "
        "TAP: lung mass and liver lesions, no histology yet. Legs 4/5 yesterday, 3/5 today. "
        "Should we get a biopsy first to know the primary?",
    )
    assert "1.11.2" in mentioned_ids(answer)
    # a statement after a case is no question
    answer = last(conversation, "Known breast ca. Back pain. What worries me is her legs.")
    assert answer.intent == "case"


def test_a_general_question_for_a_poster_writes_no_case(conversation) -> None:
    answer = last(
        conversation,
        "We're making a poster for our care staff. For residents who have or have had cancer, "
        "which kinds of back pain should make staff worry that it has spread to the spine?",
    )
    assert answer.facts == {}


def test_another_language_is_not_read_but_english_mixed_with_it_is(conversation) -> None:
    answer = last(
        conversation,
        "Mr L, 77, prostate cancer, back pain keeping him awake at night.",
        "Il a mal au dos depuis trois semaines et il ne peut plus marcher.",
    )
    assert answer.turn == "unreadable"
    assert "gait_disturbance" not in answer.facts
    answer = last(
        conversation,
        "Bonjour, ma grand-mère a un cancer du poumon, and since 2 days elle ne peut plus "
        "marcher properly, ses jambes sont très faibles. Et elle a mal au dos.",
    )
    assert {"1.3.2", "1.5.2", "1.8.1"} <= cited(answer)


def test_a_short_question_and_a_new_person_are_read(conversation) -> None:
    answer = last(
        conversation, "Wife. Myeloma. Back pain worse. Now can't lift her legs.", "Ambulance?"
    )
    assert answer.turn == "follow_up"
    answer = last(
        conversation,
        "Wife. Breast cancer. Legs numb since this morning.",
        "Different person. Her sister. Lymphoma. Back pain, worse when she coughs.",
    )
    assert answer.turn == "new_patient"
    assert "sensory_loss" not in answer.facts


def test_another_conditions_treatment_asked_on_a_live_case_is_refused(conversation) -> None:
    case = "Phone line: 52F, breast cancer with known spinal metastases, leg weakness today."
    for aside in (
        "He also wants something for his hay fever - which antihistamine is best for him?",
        "Separately, her potassium is 2.9 - how much IV potassium should I give her?",
        "he also has a hot swollen right knee - how do I manage septic arthritis in him?",
    ):
        answer = last(conversation, case, aside)
        assert answer.out_of_scope, aside
    answer = last(conversation, case, "what dose of dexamethasone for her?")
    assert not answer.out_of_scope
