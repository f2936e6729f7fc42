"""Session 18 (#14): round-33 conversation classes, each tested both ways.

- MRI contraindicated: the MRI of 1.5.2 and 1.5.3 is set aside and 1.5.7's CT is the action.
- 1.3.6 (explain what to look out for) after a clear surveillance CT with the cord history
  taken and negative and no Box 1 pain.
"""

from __future__ import annotations

from chat_helpers import cited, last


def test_mri_contraindicated_sets_the_mri_aside_for_ct(conversation) -> None:
    answer = last(
        conversation,
        "MRI radiographer here. Urgent whole spine request, ?MSCC, 79M known myeloma with new leg "
        "weakness since this morning. Old non-MR-conditional pacemaker, cardiology say absolutely "
        "no MRI.",
    )
    assert "1.5.7" in cited(answer)
    assert not any("1.5.2" in d.cites for d in answer.do_now)
    assert any("1.5.2" in s.cites for s in answer.set_aside)


def test_mri_allowed_keeps_the_24_hour_mri(conversation) -> None:
    answer = last(conversation, "known myeloma, new leg weakness since this morning, ?MSCC")
    assert any("1.5.2" in d.cites for d in answer.do_now)


def test_a_clear_surveillance_ct_and_a_negative_history_get_the_safety_net(conversation) -> None:
    answer = last(
        conversation,
        "Practice nurse here. Mrs K, 70, had bowel cancer surgery 2 years ago and her last "
        "surveillance CT was clear. Her lower back has ached since she dug the veg patch - "
        "already easing. No night pain, not getting worse, walking fine, no numbness, waterworks "
        "normal. Anything I should tell her?",
    )
    assert "1.3.6" in cited(answer) and "1.5.2" not in cited(answer)


def test_a_clear_ct_does_not_withhold_the_mri_for_new_night_pain(conversation) -> None:
    answer = last(
        conversation,
        "Breast ca 2019, surveillance CT was clear. Now new back pain waking her at night. "
        "Walking fine, no numbness, bladder ok, legs strong.",
    )
    assert {"1.3.3", "1.5.3"} <= cited(answer) and "1.3.6" not in cited(answer)


def test_a_terse_reply_is_read_with_the_case(conversation) -> None:
    answer = last(conversation, "Breast ca pt, back pain, ?spinal mets", "confirmed on MRI")
    assert answer.facts.get("spinal_metastases") == "confirmed"
    assert any("with the case" in n for n in answer.notices)
    primary = last(conversation, "Dad's got cancer, and since yesterday his legs are numb.", "lung")
    assert primary.facts.get("primary_tumour") == "lung"
    biopsy = last(
        conversation,
        "Patient with radiologically suspected myeloma, MRI shows spinal metastases at T7. "
        "Severe back pain.",
        "confirmed on biopsy today",
    )
    assert biopsy.facts.get("haematological_malignancy") == "confirmed"


def test_a_terse_reply_without_the_case_it_needs_is_not_expanded(conversation) -> None:
    answer = last(conversation, "Breast ca pt, back pain, spinal mets confirmed", "lung")
    assert answer.facts.get("primary_tumour") == "breast"
    none = last(conversation, "known prostate ca, back pain", "confirmed on MRI")
    assert none.facts.get("mscc", "unknown") == "unknown"


def test_a_reading_that_needs_the_case_uses_the_live_case(conversation) -> None:
    answer = last(
        conversation,
        "70F breast cancer, MSCC confirmed at T5 on MRI, leg weakness, not suitable for surgery.",
        "RT given today. Dex plan?",
    )
    assert answer.facts.get("mscc_radiotherapy_given") == "yes"
    alone = last(conversation, "RT given today. Dex plan?")
    assert alone.facts.get("mscc_radiotherapy_given", "unknown") == "unknown"


def test_switches_to_a_resident_a_lettered_patient_and_back_to_a_named_one(conversation) -> None:
    resident = last(
        conversation,
        "Resident in room 7, 91, lung cancer, now can't move her legs properly - they're weak.",
        "Next resident: room 11, 84, no history of cancer, back pain after a fall.",
    )
    assert resident.turn == "new_patient" and "limb_weakness" not in resident.facts
    lettered = last(
        conversation,
        "Patient A: 75F, breast cancer, sudden bilateral leg weakness, MSCC at T8 on MRI.",
        "Patient B, separate: 68M, prostate cancer, spinal metastases, no cord compression.",
    )
    assert lettered.turn == "new_patient" and "limb_weakness" not in lettered.facts
    back = last(
        conversation,
        "Mrs Jones, 70, had bowel cancer, back pain worse on straining.",
        "Different pt - Mr Ali, 49, confirmed lymphoma, new weakness in both legs.",
        "Going back to Mrs Jones - she now says her legs are numb.",
    )
    assert back.turn == "new_patient" and "primary_tumour" not in back.facts


def test_an_aside_about_a_vaccine_or_alcohol_is_refused_and_the_case_kept(conversation) -> None:
    answer = last(
        conversation,
        "Mr Lee, prostate cancer, severe unremitting back pain for a week, walking normally.",
        "He's also due his flu jab - can he have it today?",
    )
    assert answer.out_of_scope and answer.facts.get("primary_tumour") == "prostate"
    kept = last(
        conversation,
        "Mr Lee, prostate cancer, MSCC confirmed, on dexamethasone.",
        "can he have it with food?",
    )
    assert not kept.out_of_scope


def test_round33_outside_topics_are_refused(conversation) -> None:
    for text in (
        "How is small cell lung cancer staged?",
        "What hypofractionated radiotherapy schedule is used after breast-conserving surgery?",
        "A resident with cancer is confused and thirsty and her calcium came back high. Treatment?",
        "Which MRI sequences best show MS plaques in the spinal cord?",
        "Maximum daily dose of pregabalin in renal impairment?",
        "How can I best support a family after a stillbirth?",
        "my back's been killing me since i lifted a sofa, what painkiller should i take",
    ):
        assert last(conversation, text).out_of_scope, text


def test_the_same_words_inside_an_ng234_case_are_answered(conversation) -> None:
    for text in (
        "staging CT showed spinal mets - what next?",
        "breast ca, back pain since she lifted a box, worse at night",
        "breast ca, MSCC at T6, she has renal impairment - can she have dex?",
        "Resident with breast cancer fell and now can't feel her legs",
    ):
        assert not last(conversation, text).out_of_scope, text


def test_a_suspicion_only_asked_about_is_a_topic_not_a_recorded_suspicion(conversation) -> None:
    answer = last(
        conversation,
        "Placement question: 64F with known renal cell carcinoma, cramping pain in both calves "
        "when she walks, tender over L2. Gait normal, power, tone, reflexes and sensation all "
        "normal, bladder fine. Is this MSCC or spinal mets in NG234 terms?",
    )
    assert "mscc" not in answer.facts
    assert {"1.3.3", "1.5.3"} <= cited(answer) and "1.5.2" not in cited(answer)


def test_a_suspicion_written_as_shorthand_or_with_cord_signs_stands(conversation) -> None:
    stated = last(conversation, "?MSCC - bowel ca hx, new weakness in both legs since yesterday")
    assert stated.facts.get("mscc") == "suspected" and "1.5.2" in cited(stated)
    asked = last(conversation, "Is this MSCC? Known prostate ca, sudden weakness in both legs")
    assert "1.5.2" in cited(asked)


def test_asking_whether_the_case_can_wait_is_never_refused(conversation) -> None:
    answer = last(
        conversation,
        "known prostate ca, new weakness in both legs since this afternoon",
        "Weather's bad. Can it wait till morning?",
    )
    assert not answer.out_of_scope and "1.3.2" in cited(answer)


def test_an_aside_about_another_drug_dose_is_refused_but_not_the_ng234_drug(conversation) -> None:
    gout = last(
        conversation,
        "breast ca, MSCC at T6, on dex, weak legs",
        "She's also got a gout flare in her big toe - what colchicine dose should she take?",
    )
    assert gout.out_of_scope and gout.facts.get("mscc") == "confirmed"
    dex = last(
        conversation, "breast ca, MSCC at T6, weak legs", "she's diabetic - what dose of dex?"
    )
    assert not dex.out_of_scope


def test_asking_whether_ng234_applies_is_answered_even_with_a_non_malignant_cause(
    conversation,
) -> None:
    asked = last(
        conversation,
        "34M, lifted a sofa 10 days ago, low back pain worse sitting and bending. No cancer "
        "history, no night pain, no leg symptoms. NICE spinal mets guidance relevant at all?",
    )
    assert not asked.out_of_scope and "1.3.1" in cited(asked)
    plain = last(conversation, "no cancer history, lifted a sofa, back pain - which painkiller?")
    assert plain.out_of_scope


def test_a_context_reply_may_only_fill_slots_its_case_must_know() -> None:
    import pytest
    from pydantic import ValidationError

    from assistant.answers.intent import ContextReply, intents

    assert intents().context_replies  # the shipped data validates
    with pytest.raises(ValidationError):
        ContextReply(
            pattern="x", when={"primary_tumour": ("unknown",)}, reads_as="{primary_tumour}"
        )
    ok = ContextReply(pattern="(lung)", when={"cancer_diagnosis": ("yes",)}, reads_as="{0} cancer")
    assert ok.reads_as == "{0} cancer"
