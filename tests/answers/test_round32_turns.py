"""Session 18 (#12, #13, #14): round-32 conversation classes, each tested both ways.

- "that was my MUM last night": a take-back that gives the last message to a relative undoes
  it, and the take-back is answered, never refused as outside NG234, even when it leaves
  nothing recorded.
- A question that also describes a particular patient ("... for a man with MSCC at L2 from
  prostate ca - not for surgery") is a case: its rules apply.
- 1.5.6 (no MRI solely for early detection) once the cord history is taken and negative.
- 1.11.2 (guided biopsy) when no cancer has been diagnosed and the spine shows a suspected
  metastasis: no primary is identified.
"""

from __future__ import annotations

from chat_helpers import cited, last


def test_that_was_my_mum_takes_back_the_last_message(conversation) -> None:
    answer = last(
        conversation,
        "my legs went numb last night and i couldnt stand up properly",
        "sorry got muddled typing on my phone. that was my MUM last night, shes 84 and had a "
        "stroke before, ambulance took her",
    )
    assert not answer.out_of_scope
    assert answer.facts.get("sensory_loss", "unknown") == "unknown"
    assert answer.facts.get("gait_disturbance", "unknown") == "unknown"
    then = last(
        conversation,
        "my legs went numb last night and i couldnt stand up properly",
        "sorry got muddled typing on my phone. that was my MUM last night",
        "me - i have lung cancer. my back is getting worse every week and wakes me up at "
        "night. my legs are fine, no numbness, peeing ok. do i need a scan?",
    )
    assert {"1.3.3", "1.5.3"} <= cited(then) and "1.5.2" not in cited(then)


def test_speaking_of_my_mum_without_taking_anything_back_keeps_the_case(conversation) -> None:
    answer = last(
        conversation,
        "known breast ca, my legs went numb last night",
        "my mum is with me now and says I should ask: do I need a scan?",
    )
    assert answer.facts.get("sensory_loss") == "yes"


def test_a_take_back_on_an_empty_conversation_is_still_read_for_scope(conversation) -> None:
    answer = last(conversation, "sorry wrong patient - what's the dose of amoxicillin?")
    assert answer.out_of_scope


def test_a_why_question_about_a_described_patient_applies_its_rules(conversation) -> None:
    answer = last(
        conversation,
        "Why does NICE say a single 8 Gy fraction for MSCC rather than 20 Gy in 5? Our "
        "consultant still wants 5 fractions for a man with MSCC at L2 from prostate ca - not "
        "for surgery, single level, never had RT before.",
    )
    assert {"1.10.4", "1.10.5"} <= cited(answer)


def test_a_general_why_question_writes_no_case(conversation) -> None:
    answer = last(
        conversation,
        "Why does NG234 recommend 8 Gy in a single fraction rather than multiple fractions for "
        "MSCC radiotherapy?",
    )
    assert answer.turn == "question" and not answer.facts


def test_no_screening_mri_once_the_history_is_taken_and_negative(conversation) -> None:
    answer = last(
        conversation,
        "My wife has breast cancer that spread to her spine - found on a scan in January and "
        "she had radiotherapy for it. She's been well since: no back pain, walking normally, no "
        "numbness, toilet fine. Shouldn't she have an MRI every few months to catch any cord "
        "compression early?",
    )
    assert any("1.5.6" in r.cites and r.strength == "do-not" for r in answer.recommendations)


def test_no_screening_mri_rule_waits_for_the_history(conversation) -> None:
    answer = last(
        conversation,
        "My wife has breast cancer that spread to her spine, treated with radiotherapy. Should "
        "she have an MRI every few months?",
    )
    assert "1.5.6" not in cited(answer)


def test_a_suspected_spinal_mass_without_a_cancer_diagnosis_gets_the_biopsy(conversation) -> None:
    answer = last(
        conversation,
        "No known cancer. 45M, 2 months back pain and night sweats. MRI today: T8 vertebral and "
        "paravertebral soft tissue mass, radiologist says likely lymphoma. No cord compression, "
        "neuro exam normal. Should I start dex?",
    )
    assert {"1.8.6", "1.11.2"} <= cited(answer)


def test_a_known_cancer_with_its_primary_unrecorded_is_not_assumed_unidentified(
    conversation,
) -> None:
    answer = last(
        conversation,
        "Known cancer, new T8 vertebral mass on MRI, no cord compression, neuro exam normal.",
    )
    assert "1.11.2" not in cited(answer)
