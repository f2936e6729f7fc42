"""Session 23 (#12, #13, #14): round 44's case and follow-up classes, fixed as classes and
tested both ways, through the whole conversation (reader, scope, rules and answer)."""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.evaluation.cases import applied_ids, mentioned_ids

PARAPLEGIC = (
    "Lung CNS. 66M NSCLC with MSCC at T4, complete paraplegia since he was found 3 weeks ago, "
    "sensory level T5. Pain now well controlled on MST. Team discussing whether to refer for "
    "radiotherapy or to the spinal surgeons."
)


def test_no_point_in_surgery_after_paraplegia_is_a_question_that_writes_nothing(
    conversation,
) -> None:
    answer = last(
        conversation,
        PARAPLEGIC,
        "One of the doctors said there's no point in surgery after 48 hours of paraplegia. Is "
        "that what NICE says, and why?",
    )
    assert answer.turn == "question"
    assert answer.facts["complete_paralysis"] == "yes"
    assert {"1.11.1", "1.11.5"} <= cited(answer)
    # a paralysis the writer denies is still corrected
    answer = last(conversation, PARAPLEGIC, "Sorry, no paraplegia - he can move his legs.")
    assert answer.facts["complete_paralysis"] != "yes"


def test_a_general_question_marked_at_its_end_is_a_question(conversation) -> None:
    case = (
        "My uncle is 70 and has lung cancer. For the last week his back pain has been getting "
        "worse every day and now he says both his legs feel numb."
    )
    assert last(conversation, case, "What is an MSCC coordinator, generally?").turn == "question"
    assert last(conversation, case, "Should I take him to A&E tonight?").turn == "follow_up"


def test_a_daily_dose_after_the_drugs_name_records_dexamethasone(conversation) -> None:
    case = "Prostate cancer, MSCC at T11 confirmed on MRI, not suitable for surgery."
    answer = last(
        conversation,
        case,
        "So what about his dexamethasone? He's been taking 16mg a day for 4 days.",
    )
    assert answer.facts["dexamethasone_given"] == "yes"
    assert "1.8.8" in cited(answer)
    answer = last(conversation, case, "So what about dexamethasone?")
    assert answer.facts.get("dexamethasone_given", "unknown") == "unknown"


def test_an_outside_topic_in_passing_beside_box1_back_pain_is_kept(conversation) -> None:
    first = (
        "Ortho ward nurse. 78M admitted for elective knee replacement tomorrow. Tells me he's "
        "had low back pain for 3 weeks that is getting worse and wakes him at night. No history "
        "of cancer on the pre-op sheet. Legs fine, bladder fine, walking ok apart from the knee."
    )
    assert not last(conversation, first).out_of_scope
    answer = last(
        conversation,
        first,
        "Correction - his daughter says he had a kidney removed for kidney cancer in 2019, it "
        "just isn't on our paperwork.",
    )
    assert {"1.3.3", "1.5.3"} <= applied_ids(answer)
    # the outside topic asked about is still refused
    assert last(conversation, "78M for knee replacement, what VTE prophylaxis?").out_of_scope


def test_a_query_diagnosis_that_a_plan_is_for_is_suspected(conversation) -> None:
    answer = last(
        conversation,
        "Renal SpR. 61M with AKI, corrected Ca 3.1, and 5 weeks of progressively worsening low "
        "back pain now disturbing his sleep. No known cancer. Neuro intact. Medics keen to start "
        "high-dose dex for ?myeloma. Thoughts re NG234?",
    )
    assert not answer.out_of_scope and answer.facts["cancer_suspected"] == "yes"
    assert "1.3.5" in cited(answer)
    hypothetical = last(conversation, "if she had ?MSCC what would you do")
    assert hypothetical.facts.get("mscc", "unknown") == "unknown"


def test_a_question_about_warning_signs_names_box1_and_131(conversation) -> None:
    answer = last(
        conversation,
        "wat kind of back pain is a warning sign that cancer has spread to the spine? not about "
        "anyone, its for my uni project",
    )
    assert answer.turn == "question" and not answer.facts
    assert {"box-1", "1.3.1"} <= mentioned_ids(answer)


def test_a_corrected_primary_with_its_histology_in_brackets_replaces_the_old(
    conversation,
) -> None:
    case = (
        "Renal reg. 71M, known metastatic prostate cancer with spinal mets at T10 and L3. Back "
        "pain not controlled despite regular paracetamol, codeine and now oxycodone. Neuro "
        "intact. Should we start a bisphosphonate for the pain?"
    )
    assert "1.7.12" in applied_ids(last(conversation, case))
    answer = last(
        conversation,
        case,
        "Sorry - I misread the clinic letter. It's NOT prostate, it's metastatic bladder "
        "(urothelial) cancer. Everything else the same.",
    )
    assert "1.7.12" not in applied_ids(answer)
    assert answer.facts["primary_tumour"] == "other_solid"


def test_new_weakness_after_an_mscc_treated_months_ago_is_suspected_mscc(conversation) -> None:
    answer = last(
        conversation,
        "Pt in hospice for respite: lung adenocarcinoma, MSCC at L1 treated with radiotherapy in "
        "January. Since then mild numbness in both feet that hasn't changed, walks with a stick. "
        "Tonight his right leg is suddenly much weaker than this morning.",
    )
    assert {"1.3.2", "1.5.2"} <= cited(answer)
    # an MSCC treated days ago is the compression now: no second MRI within 24 hours
    answer = last(
        conversation,
        "Lung ca, MSCC at L1 treated with radiotherapy 3 days ago. Legs still weak.",
    )
    assert answer.facts["mscc"] == "confirmed" and "1.5.2" not in cited(answer)


def test_a_longstanding_chemotherapy_neuropathy_is_asked_not_a_new_cord_symptom(
    conversation,
) -> None:
    answer = last(
        conversation,
        "54F, breast ca, completed adjuvant paclitaxel in 2022 and left with tingling in "
        "fingertips and toes since then (CIPN, unchanged at every clinic). Today she reports 4 "
        "weeks of thoracic back pain, waking her at night and worse when she coughs. Legs "
        "strong, gait normal, bladder and bowels fine.",
    )
    assert answer.facts.get("sensory_loss") != "no"
    assert "1.5.3" in cited(answer) and "1.3.2" not in cited(answer)
    answer = last(
        conversation,
        "54F, breast ca. New tingling in both feet since yesterday. Thoracic back pain at night.",
    )
    assert "1.3.2" in cited(answer)


def test_lymphoma_favoured_on_imaging_is_radiologically_suspected(conversation) -> None:
    answer = last(
        conversation,
        "ED referral: 48M, no previous diagnosis, MRI spine shows several vertebral lesions and "
        "a paraspinal soft tissue mass, report says 'lymphoma or myeloma favoured'. Back pain "
        "but no weakness, no numbness, no bladder/bowel symptoms. ED want to give dex 16 mg now.",
    )
    assert answer.facts["haematological_malignancy"] == "radiologically_suspected"
    assert {"1.8.6", "1.11.2"} <= cited(answer)
    assert "1.8.5" not in applied_ids(answer)


def test_an_xray_to_rule_out_mets_is_a_suspicion_of_spinal_metastases(conversation) -> None:
    answer = last(
        conversation,
        "Practice nurse: one of our GPs wants to send a patient with breast cancer and new back "
        "pain for a lumbar spine X-ray first 'to rule out mets'. I thought NICE said no?",
    )
    assert answer.facts["spinal_metastases"] == "suspected" and "1.5.9" in cited(answer)


def test_declining_the_operation_and_the_radiotherapy_in_one_phrase(conversation) -> None:
    answer = last(
        conversation,
        "I've got lung cancer and they found cord compression in my back last week. I don't "
        "want the operation or the radiotherapy, I'd rather be at home.",
    )
    assert answer.facts["radiotherapy_declined"] == "yes" and "1.6.5" in cited(answer)


def test_a_biopsy_wanted_is_an_invasive_intervention_considered(conversation) -> None:
    case = (
        "Neurosurg SHO. 59M, no known malignancy. Progressive bilateral leg weakness, sensory "
        "level T6, urinary retention. MRI: T6 lesion with epidural extension compressing the "
        "cord. CXR: right hilar mass. No tissue diagnosis."
    )
    answer = last(conversation, case, "Oncology want a CT-guided biopsy first. Should we wait?")
    assert "1.11.1" in cited(answer)


def test_whether_someone_counts_as_a_cancer_patient_is_asked_not_stated(conversation) -> None:
    answer = last(
        conversation,
        "Called to 55M. No cancer diagnosis yet but GP sent a 2-week-wait referral for ?lung "
        "cancer last week. Tonight: severe back pain keeping him awake, and since this afternoon "
        "both legs numb from the knees down. Not sure if this counts as a cancer patient for the "
        "MSCC stuff?",
    )
    assert answer.facts["cancer_diagnosis"] == "no" and "1.3.5" in cited(answer)


def test_a_questions_best_passage_leads_what_it_supposes(conversation) -> None:
    answer = last(
        conversation,
        "What MRI sequences does NG234 say the spine protocol should include for suspected "
        "spinal mets / MSCC? Whole spine or just the symptomatic level?",
    )
    rows = sorted(
        [*answer.recommendations, *answer.conditional, *answer.lookups], key=lambda r: r.rank
    )
    first = rows[0]
    assert (getattr(first, "cites", None) or [first.id])[0] == "1.5.5"
