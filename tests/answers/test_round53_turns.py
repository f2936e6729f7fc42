"""Session 27 (#12, #13): rounds 52 and 53's conversation classes, tested both ways through the
whole conversation: spinal metastases with a new cord symptom are suspected MSCC whatever the
cancer history; a scan other than an MRI does not rule MSCC out; pain when moved and a patient
kept flat bring the immobilisation rows; a question label, a patient named in a general
question's words and an apology are read as what they are; other conditions' doses are
refused on a live case."""

from __future__ import annotations

from chat_helpers import cited, last

UNKNOWN_PRIMARY = (
    "Haem on-call. 70F, no cancer history. MRI for 2 months of progressive back pain waking her "
    "at night: multiple vertebral lesions T5-L3, no epidural disease, cord fine. Neuro intact."
)


def test_spinal_metastases_with_a_new_cord_symptom_are_suspected_mscc(conversation) -> None:
    first = last(conversation, UNKNOWN_PRIMARY)
    assert "1.5.2" not in cited(first) and "1.8.1" not in cited(first)
    answer = last(
        conversation,
        UNKNOWN_PRIMARY,
        "Overnight update: she now has new weakness in both legs (4/5) and numbness up to the "
        "umbilicus.",
    )
    assert {"1.5.2", "1.8.1"} <= cited(answer)


def test_a_scan_other_than_mri_does_not_rule_mscc_out(conversation) -> None:
    answer = last(
        conversation,
        "71M day 2 post anterior resection for rectal ca (staging CT no mets). Tonight: new "
        "numbness over both inner thighs and his bottom, hasn't passed urine since, bladder scan "
        "900ml.",
    )
    assert {"1.3.2", "1.5.2", "1.8.1"} <= cited(answer)
    assert answer.facts["mscc"] == "none"
    answer = last(conversation, "Prostate ca. MRI whole spine: no mets, no cord compression.")
    assert answer.facts["mscc"] == "ruled_out"


def test_pain_when_moved_and_a_patient_kept_flat_bring_the_immobilisation_rows(
    conversation,
) -> None:
    answer = last(
        conversation,
        "999 call handler. Caller says her dad, 78, has prostate cancer that's spread to his "
        "bones. Today he can't lift his legs off the bed and he screams whenever anyone tries to "
        "move him because of his back.",
    )
    assert {"1.3.2", "1.4.2"} <= cited(answer)
    answer = last(
        conversation,
        "Mr B, 77, bowel cancer, has gone weak in both legs today. The 111 clinician told us to "
        "keep him lying flat, but he gets very breathless lying flat.",
    )
    assert "1.4.3" in cited(answer)
    answer = last(conversation, "Mr B, 77, bowel cancer, has gone weak in both legs today.")
    assert "1.4.2" not in cited(answer)


def test_a_question_label_a_named_patient_and_an_apology(conversation) -> None:
    case = "Prostate ca, new weakness in both legs since this morning."
    answer = last(
        conversation, case, "random q but does leg weakness always mean cord compression?"
    )
    assert answer.turn == "question"
    answer = last(
        conversation, case, "ok. for this man - what does the guideline say about steroids?"
    )
    assert answer.turn == "follow_up"
    answer = last(
        conversation, "Lung ca, numb legs.", "Apologies - not lung, it's a breast primary."
    )
    assert answer.turn == "correction" and answer.facts["primary_tumour"] == "breast"


def test_another_conditions_dose_is_refused_on_a_live_case(conversation) -> None:
    case = "Paramedic. 75M, prostate cancer, weak legs and incontinent of urine."
    answer = last(conversation, case, "He's also hypoglycaemic at 2.8 - how much glucagon?")
    assert answer.out_of_scope
    answer = last(conversation, case, "Sorted. For transport, flat or sitting up?")
    assert not answer.out_of_scope


def test_other_conditions_and_topics_are_refused_and_ng234s_are_not(conversation) -> None:
    for text in (
        "Gabapentin maximum dose in CKD stage 4?",
        "Spinal meningioma found on MRI, benign, compressing the cord slightly. Radiotherapy or "
        "surgery?",
        "What's the radiotherapy fractionation for early glottic cancer?",
        "How many CPD hours do I need for HCPC re-registration?",
    ):
        assert last(conversation, text).out_of_scope, text
    assert not last(
        conversation, "What radiotherapy dose is used for MSCC from prostate cancer?"
    ).out_of_scope


AUNT = (
    "me again lol different relative. wifes aunt 70, had breast cancer, got back pain that wakes "
    "her at night and its worse when she coughs. legs fine walking fine"
)


def test_a_cancer_corrected_to_no_takes_its_primary_with_it(conversation) -> None:
    answer = last(
        conversation,
        AUNT,
        "scratch that just spoke to the wife. it was the aunts SISTER that had breast cancer, aunt "
        "herself never had cancer. but shes lost loads of weight and the gp said hes worried it "
        "could be cancer",
    )
    assert answer.turn == "correction"
    assert answer.facts["cancer_diagnosis"] == "no" and "primary_tumour" not in answer.facts
    assert "1.3.5" in cited(answer) and "1.3.3" not in cited(answer)
    # a primary said in the same message stands ("no cancer history … no obvious primary")
    answer = last(
        conversation, "70F, no cancer history, vertebral lesions, CT: no obvious primary."
    )
    assert answer.facts["primary_tumour"] == "not_identified"


def test_reduce_dexamethasone_when_no_other_treatment_is_left(conversation) -> None:
    text = (
        "82M, metastatic prostate ca, MSCC at L1 six weeks ago treated with radiotherapy. Oncology "
        "say more radiotherapy isn't an option, he's not a surgical candidate and hormone options "
        "are exhausted. He's been on dexamethasone 16 mg daily ever since."
    )
    assert "1.8.4" in cited(last(conversation, text))
    still = text.replace("and hormone options are exhausted", "and he starts new hormone therapy")
    assert "1.8.4" not in cited(last(conversation, still))


def test_symptoms_worse_when_sat_up_bring_return_and_reassess(conversation) -> None:
    case = "Mrs T, 70, breast ca, MSCC at C6 treated with 8 Gy 3 days ago, spine judged stable."
    answer = last(
        conversation,
        case,
        "Physio sat her up to 60 degrees this morning and her neck pain got much worse and her "
        "arms tingled more than before; they laid her back and it settled.",
    )
    assert "1.6.4" in cited(answer)
    answer = last(conversation, case, "Physio sat her up to 60 degrees this morning, no problems.")
    assert "1.6.4" not in cited(answer)


def test_an_animal_patient_is_refused_but_a_patient_with_a_dog_is_not(conversation) -> None:
    assert last(
        conversation,
        "My own spaniel has suspected IVDD, wobbly back legs since this morning. What "
        "dexamethasone dose per kg would you use?",
    ).out_of_scope
    answer = last(
        conversation,
        "I have bowel cancer with a spinal met. My legs are strong and I'm walking my dog every "
        "day. Only issue is a numb patch on my thigh.",
    )
    assert not answer.out_of_scope and answer.facts["sensory_loss"] == "yes"
    answer = last(
        conversation,
        "My uncle's CT suggests lymphoma in his spine, no biopsy yet. In dogs we'd reach for "
        "pred straight away - why does NICE say wait?",
    )
    assert not answer.out_of_scope


def test_a_primary_not_identified_stands_when_cancer_is_said_to_be_none(conversation) -> None:
    answer = last(
        conversation,
        "Case: 55F, back pain, tender over T10, MRI shows a lesion suspicious for a spinal "
        "metastasis, primary not identified.",
        "no, never had cancer before",
    )
    assert answer.turn == "follow_up"
    assert answer.facts["primary_tumour"] == "not_identified"


def test_a_relative_who_had_cancer_and_is_spoken_of_now_is_the_patient(conversation) -> None:
    answer = last(
        conversation,
        "hi quick one im on a job. my nan had breast cancer few yrs back, they said all clear. "
        "since yesterday her legs gone wobbly and shes nearly fell twice, says her back is "
        "killing her. what do we do??",
    )
    assert answer.facts["cancer_diagnosis"] == "yes"
    assert {"1.3.2", "1.5.2", "1.8.1"} <= cited(answer)
    # the writer ill themselves: the relative's cancer stays family history
    answer = last(conversation, "I'm on chemo for my bowel. My nan had breast cancer years ago.")
    assert answer.facts.get("primary_tumour") != "breast"


def test_an_undiagnosed_malignancy_is_suspected_not_diagnosed(conversation) -> None:
    answer = last(
        conversation,
        "74F, 5 days of progressive weakness of both legs, sensory level around T8 and urinary "
        "retention. 2 months of back pain waking her at night. No known cancer, but she's lost "
        "weight. I think this is cord compression "
        "from an undiagnosed malignancy.",
    )
    assert answer.facts["cancer_diagnosis"] == "no" and answer.facts["cancer_suspected"] == "yes"
    assert {"1.3.5", "1.5.2"} <= cited(answer) and "1.3.3" not in cited(answer)


def test_an_old_finding_said_to_have_completely_gone_is_history(conversation) -> None:
    text = (
        "Mrs A, 63, breast ca, had MSCC at T10 in 2023, full recovery. The leg numbness she had "
        "back then has completely gone, legs strong, bladder fine. NEW low back pain for 3 weeks, "
        "worse when she coughs and waking her at night."
    )
    answer = last(conversation, text)
    assert answer.facts.get("sensory_loss") != "yes" and "1.5.2" not in cited(answer)
    answer = last(conversation, text.replace("has completely gone", "has come back"))
    assert answer.facts["sensory_loss"] == "yes"
