"""Session 19 (#12, #13, #14): round 36's case classes fixed after its first run, each tested
both ways.

- An in-law or step-parent is the patient as a parent is; a first sentence of apology names no
  one ("sorry its 2am and i dont know who else to ask. my father in law has …").
- "No cancer in her spine" denies the spinal metastases, not the cancer.
- A worry about a cancer "with spinal mets" leaves the metastases suspected; something read
  about ("His family have read about cord compression") is a topic.
- Spinal metastases on imaging with no known cancer are NG234's (unknown primary, 1.11.2).
- 1.3.4's 24-hour discussion stands, like 1.3.3, while the cord items are asked.
- A claim someone else made that the writer asks about ("Radiology says MRI can wait until the
  morning … Is that right?") is in question, not stated.
- A relative's findings said with the relative's pronoun, the patient being of the other
  gender ("Mrs J … Her husband … he told us his legs have gone numb"), are asked, never hers.
"""

from __future__ import annotations

import pytest
from chat_helpers import cited, facts, last


@pytest.mark.parametrize(
    "text",
    [
        "sorry its 2am and i dont know who else to ask. my father in law has prostate cancer, had "
        "it 4 yrs. tonight his legs have gone weak.",
        "hi sorry typing from perth. my father in law in leeds has prostate cancer. he cant feel "
        "his bum on the toilet paper and hasnt weed since last nite.",
    ],
)
def test_an_in_law_after_a_preamble_is_the_patient(conversation, text: str) -> None:
    answer = last(conversation, text)
    assert answer.facts["cancer_diagnosis"] == "yes" and "1.3.2" in cited(answer)


def test_the_writers_own_cancer_keeps_an_in_laws_cancer_theirs() -> None:
    said = facts("I have breast cancer. My mother in law had bowel cancer too.")
    assert said["primary_tumour"] == "breast"


def test_no_cancer_in_the_spine_denies_the_metastases_not_the_cancer() -> None:
    said = facts("they did an MRI and said there was no cancer in her spine, just wear and tear")
    # An MRI that found no cancer in the spine rules the metastases out (round 42); the
    # cancer itself is not denied.
    assert said == {"spinal_metastases": "ruled_out", "mscc": "ruled_out"}
    assert facts("no cancer in her spine") == {"spinal_metastases": "none"}
    assert facts("breast cancer in her spine")["spinal_metastases"] == "confirmed"


def test_a_worried_about_cancer_with_spinal_mets_is_suspected() -> None:
    said = facts("58F, never had cancer. I'm worried about a lung primary with spinal mets.")
    assert said["spinal_metastases"] == "suspected" and said["cancer_diagnosis"] == "no"
    assert facts("known lung cancer with spinal mets")["spinal_metastases"] == "confirmed"


def test_something_read_about_is_a_topic() -> None:
    said = facts("His family have read about cord compression and want a routine MRI.")
    assert "mscc" not in said
    assert facts("MRI shows cord compression at T8")["mscc"] == "confirmed"


def test_spinal_metastases_on_imaging_with_no_known_cancer_are_answered(conversation) -> None:
    answer = last(
        conversation,
        "Ortho on call. 72M referred as 'mechanical LBP', no known cancer. MRI whole spine: "
        "multiple lytic lesions T10, L1, L3, no cord compression. Neuro intact. Pain controlled "
        "on codeine. CT CAP shows no obvious primary. Oncology want tissue.",
    )
    assert not answer.out_of_scope and "1.11.2" in cited(answer)


def test_mechanical_back_pain_with_no_cancer_and_no_lesion_is_refused(conversation) -> None:
    answer = last(conversation, "mechanical low back pain after lifting, no cancer, exercises?")
    assert answer.out_of_scope


def test_the_24_hour_discussion_stands_while_cord_items_are_asked(conversation) -> None:
    answer = last(
        conversation,
        "63F, Ca lung on pembrolizumab. back pain T8 x 2/52, worse at night. NO leg weakness. "
        "NO numbness. bladder + bowels normal.",
    )
    assert {"1.3.3", "1.3.4"} <= cited(answer)
    answer = last(conversation, "63F, Ca lung. Back pain worse at night. New leg weakness.")
    assert "1.3.4" in cited(answer)  # the immediate form


def test_a_claim_the_writer_questions_is_not_stated() -> None:
    said = facts(
        "Radiology on-call says MRI can wait until the morning list as 'NICE says within 24 "
        "hours'. Is that right?"
    )
    assert "urgent_diagnosis_for_immediate_treatment" not in said
    said = facts("Radiology says it can wait until the morning.")
    assert said["urgent_diagnosis_for_immediate_treatment"] == "no"


def test_a_relatives_findings_in_the_relatives_pronoun_are_asked(conversation) -> None:
    answer = last(
        conversation,
        "Care home manager. Our resident Mrs J, 81, had breast cancer with spine secondaries. "
        "Today she's her usual self.\nHer husband visits daily (he hasn't got cancer) and he "
        "told us his legs have gone numb and weak this week.",
    )
    assert "limb_weakness" not in answer.facts and "1.8.1" not in cited(answer)


@pytest.mark.parametrize(
    "text",
    [
        "My husband's mother had back pain like this before she died of her cancer. My husband "
        "has kidney cancer and now his legs are getting weaker.",
        "Mrs J, breast ca. Her husband (who visits daily) says her legs have gone numb.",
    ],
)
def test_the_patients_findings_beside_a_relative_stay_the_patients(text: str) -> None:
    said = facts(text)
    assert said.get("limb_weakness") == "yes" or said.get("sensory_loss") == "yes"


def test_a_big_jump_in_pain_at_an_angle_is_a_deterioration_on_sitting() -> None:
    said = facts("At about 60 degrees he got a big jump in back pain (from 3 to 8/10).")
    assert said["mobilisation_deterioration"] == "yes"
    assert "mobilisation_deterioration" not in facts("At about 60 degrees he was comfortable.")


# Round 36 follow-ups (fu33) and scope (sc33), each tested both ways.


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "45M, no prior cancer diagnosis. CT shows spinal metastases at T10.",
            "cancer_diagnosis",
            "no",
        ),
        (
            "MRI: no spinal metastases and no cord compression - spinal mets and MSCC ruled out.",
            "spinal_metastases",
            "ruled_out",
        ),
        ("no, his legs aren't weak and he's walking normally", "limb_weakness", "no"),
        ("She's walking the same as usual", "gait_disturbance", "no"),
        (
            "tried graded sitting this morning - his pain shot right up",
            "mobilisation_deterioration",
            "yes",
        ),
        ("i said no to the operation", "surgery_declined", "yes"),
        ("No previous radiotherapy, small single-level field.", "high_rt_side_effect_risk", "no"),
    ],
)
def test_round36_follow_up_phrasings_are_read(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


def test_metastases_imply_a_cancer_unless_its_diagnosis_is_denied_in_its_own_words() -> None:
    assert facts("CT shows spinal metastases at T10.")["cancer_diagnosis"] == "yes"
    assert facts("MRI: spinal mets, MSCC ruled out.")["spinal_metastases"] == "confirmed"
    assert facts("his legs aren't weak but they're numb").get("limb_weakness") != "no"


def test_asymptomatic_alone_is_the_metastases_only_beside_them() -> None:
    assert "asymptomatic_metastases" not in facts("Should I PSA-test an asymptomatic 55-year-old?")
    assert facts("T10 mets, asymptomatic")["asymptomatic_metastases"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Radiotherapy dose for a painful pelvic bone metastasis from prostate cancer?",
        "My 10-year-old patient has back pain at night - what are the red flags in children?",
        "How do we reduce falls among our residents?",
        "What's the current pay scale for a specialty registrar?",
        "Should I PSA-test an asymptomatic 55-year-old man?",
    ],
)
def test_round36_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


def test_a_pelvic_metastasis_with_a_spinal_one_is_answered(conversation) -> None:
    answer = last(conversation, "prostate ca, pelvic bone metastasis and T10 met, back pain")
    assert not answer.out_of_scope


def test_back_to_the_man_from_before_is_a_switch(conversation) -> None:
    answer = last(
        conversation,
        "62M kidney cancer, T9 met, new leg weakness.",
        "Different pt - 70F breast ca, asymptomatic oligometastatic spinal mets.",
        "Back to the kidney cancer man from before - he's now in urinary retention.",
    )
    assert answer.turn == "new_patient" and "oligometastases" not in answer.facts


def test_an_apology_then_a_question_is_no_correction(conversation) -> None:
    answer = last(
        conversation,
        "breast ca, new leg weakness, ?MSCC",
        "sorry, pocket typed. can it wait till morning?",
    )
    assert answer.turn == "follow_up" and answer.facts["limb_weakness"] == "yes"
    answer = last(
        conversation,
        "breast ca, new leg weakness, ?MSCC",
        "sorry, correction: she is not weak, it is her back that hurts",
    )
    assert answer.turn == "correction"


def test_an_antiemetic_aside_is_refused_and_the_case_kept(conversation) -> None:
    answer = last(
        conversation,
        "prostate ca with spinal mets, pain not controlled",
        "what dose of haloperidol for his nausea?",
    )
    assert answer.out_of_scope and answer.facts["spinal_metastases"] == "confirmed"


# Round 37 (scope and follow-ups), each tested both ways.


def test_who_to_ring_if_the_back_or_legs_get_worse_is_answered(conversation) -> None:
    answer = last(conversation, "who r we meant to ring if nana's back or legs get worse?")
    assert not answer.out_of_scope


def test_a_garbled_message_in_a_live_case_keeps_its_urgent_actions(conversation) -> None:
    answer = last(
        conversation,
        "72F, breast cancer, can't walk since this morning and new urinary incontinence.",
        "jjjjjjkkkkk;;;;;lll",
    )
    assert answer.turn == "unreadable" and "1.3.2" in cited(answer)
    assert not answer.out_of_scope and answer.facts["gait_disturbance"] == "yes"


def test_a_garbled_message_with_no_case_is_told_so(conversation) -> None:
    answer = last(conversation, "jjjjjjkkkkk;;;;;lll")
    assert answer.turn == "unreadable" and not answer.recommendations


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "Oncology and the spinal team agreed that surgery, radiotherapy and further "
            "anticancer drugs aren't appropriate as she's too frail",
            "oncology_treatment_inappropriate",
            "yes",
        ),
        ("Since last night mild heaviness in both legs.", "limb_weakness", "yes"),
        ("she can still walk fine, no numbness", "gait_disturbance", "no"),
        ("she couldnt feel herself wee properly", "bladder_bowel_dysfunction", "yes"),
        (
            "sorry on nights so quick text. wife 58 had breast cancer 2019",
            "cancer_diagnosis",
            "yes",
        ),
    ],
)
def test_round37_case_phrasings_are_read(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Surgery and radiotherapy are appropriate; she is keen.",
            "oncology_treatment_inappropriate",
        ),
        ("no weakness in his legs", "limb_weakness"),
        ("she can feel herself wee", "bladder_bowel_dysfunction"),
    ],
)
def test_round37_case_phrasings_are_not_over_read(text: str, fact: str) -> None:
    assert facts(text).get(fact) in (None, "no")


def test_the_writers_own_cancer_keeps_a_bare_relatives_theirs() -> None:
    assert facts("I'm 60 with prostate cancer; wife 58 had breast cancer")["primary_tumour"] == (
        "prostate"
    )
