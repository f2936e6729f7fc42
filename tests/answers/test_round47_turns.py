"""Session 24 (#13, #14): round 46's and 47's conversation classes, fixed as classes and tested
both ways through the whole conversation (reader, scope, rules and answer): a rule withheld by
its own exception is shown apart with why, a general question is answered with the other half
of its answer, a statement about a service or a group writes no case, a "why does NICE say
that … him?" on a live case is about the patient, and scope's new words."""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.evaluation.cases import mentioned_ids

PARAPLEGIC = (
    "64M, oesophageal ca, T10 MSCC. Complete paraplegia - no motor or sensory function below "
    "T10 - for 3 weeks, he presented late. Pain well controlled on MST 30 mg BD. Spinal "
    "surgeons declined because of his poor general condition. The family are asking whether "
    "he should still have radiotherapy."
)


def test_a_rule_withheld_by_its_own_exception_is_set_apart_with_why(conversation) -> None:
    answer = last(conversation, PARAPLEGIC)
    aside = {row.rule: row for row in answer.set_aside}
    row = aside["R1.10.4-urgent-radiotherapy"]
    assert row.cites == ["1.10.4"] and row.strength == "offer"
    assert "exception in 1.10.4" in row.because and "Pain" in row.because
    assert row.quotes and row.quotes[0].id == "1.10.4"  # NICE's words, verbatim
    assert "1.10.4" not in cited(answer)  # never an action
    assert "1.10.4" in mentioned_ids(answer)
    # no treatment for the MSCC is left: mobilise if possible (1.6.5)
    assert "1.6.5" in cited(answer)
    # and 1.10.4 is named as no alternative to the surgery set aside
    surgery = aside["R1.11.3-surgery-as-soon-as-possible"]
    assert "1.10.4" not in surgery.instead and "1.6.5" in surgery.instead


def test_no_exception_recorded_no_row_set_apart(conversation) -> None:
    answer = last(
        conversation,
        "64M, lung ca, T10 MSCC on MRI. Complete paraplegia for 4 days. Pain well controlled. "
        "Spinal surgeons declined.",
    )
    assert "1.10.4" in cited(answer)
    assert all(row.rule != "R1.10.4-urgent-radiotherapy" for row in answer.set_aside)
    surgery = {row.rule: row for row in answer.set_aside}["R1.11.3-surgery-as-soon-as-possible"]
    assert "1.10.4" in surgery.instead  # radiotherapy is his alternative to surgery
    # paralysed for 3 weeks but MSCC not confirmed: 1.10.4 would not apply anyway
    answer = last(
        conversation,
        "Lung ca, complete paraplegia for 3 weeks, pain controlled, ?MSCC - MRI awaited.",
    )
    assert all(row.rule != "R1.10.4-urgent-radiotherapy" for row in answer.set_aside)


def test_why_does_nice_say_that_about_him_on_a_live_case_is_a_follow_up(conversation) -> None:
    answer = last(
        conversation,
        PARAPLEGIC,
        "The family feel he's being written off. Why does NICE say that, and what should we "
        "still be offering him?",
    )
    assert answer.turn == "follow_up" and not answer.out_of_scope
    assert {"1.12.5", "1.2.1"} <= cited(answer)
    # with no live case the same words are a general question
    answer = last(conversation, "Why does NICE say that about radiotherapy?")
    assert answer.turn == "question"


def test_a_dexamethasone_dose_question_is_answered_with_its_cover(conversation) -> None:
    answer = last(conversation, "Quick one - what dose of dexamethasone for suspected MSCC?")
    assert {"1.8.1", "1.8.8"} <= mentioned_ids(answer)
    # a question about bisphosphonates brings no dexamethasone cover
    answer = last(conversation, "When are bisphosphonates used in prostate cancer?")
    assert "1.8.8" not in mentioned_ids(answer)


def test_how_quickly_to_act_on_box1_is_answered_for_both_halves(conversation) -> None:
    answer = last(
        conversation,
        "Care home manager: we look after several residents whose cancer has spread to their "
        "bones. What warning signs of spinal metastases or spinal cord compression should my "
        "carers be trained to spot and report, and how quickly should they act on each?",
    )
    assert answer.turn == "question" and not answer.facts
    assert {"1.3.2", "1.3.3"} <= mentioned_ids(answer)


def test_a_statement_about_a_service_writes_no_case(conversation) -> None:
    answer = last(
        conversation,
        "Our MSCC service currently only accepts referrals once there's cord compression on "
        "MRI. NG234 now says the MSCC coordinator should be contacted within 24 hours for "
        "people with cancer and suspicious back pain alone. What's the reasoning behind that?",
    )
    assert answer.turn == "question" and not answer.facts
    assert "1.3.3" in mentioned_ids(answer)
    # one of our patients is a case
    answer = last(conversation, "One of our patients, 70M prostate ca, has new weak legs.")
    assert answer.turn == "case" and answer.facts["limb_weakness"] == "yes"


def test_cancer_gone_to_the_bones_is_kept_as_the_case_begins(conversation) -> None:
    answer = last(
        conversation,
        "my dad is 71 he has prostate cancer, they said last yr its gone to his bones",
        "since yesterday his legs r realy weak he nearly fell goin to the toilet",
    )
    assert not answer.out_of_scope and answer.facts["cancer_diagnosis"] == "yes"
    assert {"1.3.2", "1.5.2"} <= cited(answer)
    # a bone named, no spine: still refused
    answer = last(conversation, "Pathological humeral fracture from renal cancer - nail or plate?")
    assert answer.out_of_scope


def test_scope_words_of_round47(conversation) -> None:
    prison = (
        "Healthcare nurse in a Cat B prison. Man of 60, prostate cancer, MRI last week showed "
        "mets at L3 and L4, no cord compression. Legs strong, no numbness, no bladder issues. "
        "His pain is 9/10 despite regular oxycodone. Should we start steroids?"
    )
    assert not last(conversation, prison).out_of_scope
    assert last(
        conversation, "My cat has back pain and weak back legs, what should I do?"
    ).out_of_scope
    for text in (
        "Hep reg: 54M, cirrhosis, grade 2 hepatic encephalopathy, no cancer, no back or spinal "
        "problems. How should I titrate lactulose?",
        "CTG shows variable decelerations suggesting umbilical cord compression - what next?",
        "Rehab goals for a young man paraplegic after falling off scaffolding?",
        "Sciatica down the leg after lifting a sofa, no other history - what painkillers?",
    ):
        assert last(conversation, text).out_of_scope, text


def test_a_follow_up_naming_the_mscc_coordinator_is_never_refused(conversation) -> None:
    case = (
        "GP partner in Cardiff. 68F, no cancer history, night pain in the thoracic spine for a "
        "month, tender at T8, lost 6 kg. I'm suspicious of an underlying cancer."
    )
    answer = last(conversation, case, "2WW or MSCC coordinator?")
    assert not answer.out_of_scope and "1.3.5" in cited(answer)
    # an outside topic alone on the live case is still refused
    assert last(conversation, case, "Also, does she need a 2WW for a breast lump?").out_of_scope


def test_a_general_question_said_not_to_be_about_him_stays_general(conversation) -> None:
    case = "Patient at home, 66M, lung cancer with confirmed spinal metastases."
    answer = last(
        conversation,
        case,
        "Quick general one, not about him: which tumour types does NG234 recommend "
        "bisphosphonates for?",
    )
    assert answer.turn == "question"
    answer = last(conversation, case, "Quick general one: does NICE say he needs a PPI?")
    assert answer.turn == "follow_up"


def test_one_of_our_residents_is_a_case_several_residents_are_not(conversation) -> None:
    answer = last(
        conversation,
        "One of our residents came back from hospital yesterday: MSCC at T10 from lung cancer, "
        "discharge letter says 'nurse flat until reviewed'. What should we do?",
    )
    assert answer.turn == "case" and answer.facts["mscc"] == "confirmed"


def test_a_cause_denied_in_its_own_clause_is_no_cause(conversation) -> None:
    answer = last(
        conversation,
        "ENP in a minor injuries unit. 57F walked in with back pain, no cancer history that she "
        "knows of. Pain 3 months, progressive, bad at night, lost about a stone, night sweats. "
        "Today says her right leg keeps 'giving way'. No trauma. Where does she need to go?",
    )
    assert not answer.out_of_scope and "1.3.5" in cited(answer)
    answer = last(
        conversation,
        "55F, no known cancer, fell off a ladder yesterday, back pain. What should I do?",
    )
    assert answer.out_of_scope
