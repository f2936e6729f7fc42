"""Session 17 (#12, #14): round-30 conversation classes, each tested both ways.

- A take-back names what it denies or gives to someone else, and only that is undone: "sorry
  wrong pt!! this guy has NO cancer hx, the lung ca was the man in the next bed" takes back the
  cancer, not the night pain; "not prostate - I mixed him up with another patient, Mr P's
  primary is bladder" corrects the primary and keeps his MSCC and weak legs. A take-back that
  names nothing still undoes the whole last message.
- Known spinal metastases with Box 1 pain now and no suspicion of MSCC: MRI within 1 week
  (1.5.3, the people of 1.3.3).
- Suspected MSCC already given dexamethasone: continue 16 mg daily (1.8.1).
- Cancer suspected, no diagnosis, with cord symptoms: suspected MSCC, MRI within 24 hours
  (1.5.2); with Box 1 pain and no diagnosis recorded: urgent oncology assessment (1.3.5).
"""

from __future__ import annotations

from chat_helpers import cited, last


def test_a_take_back_of_the_cancer_keeps_the_pain(conversation) -> None:
    answer = last(
        conversation,
        "pt 55M hx lung ca, new back pain worse at nite, wot do i do",
        "omg sorry wrong pt!! this guy has NO cancer hx, the lung ca was the man in the next bed.",
    )
    assert answer.facts.get("cancer_diagnosis") == "no"
    assert "primary_tumour" not in answer.facts
    assert answer.facts.get("pain_night") == "yes" and answer.facts.get("back_pain") == "yes"


def test_a_corrected_primary_keeps_the_rest_of_the_case(conversation) -> None:
    answer = last(
        conversation,
        "Mr P, 68, MSCC at T11 confirmed on MRI yesterday, weak legs, on dex 16 mg daily. Not for "
        "surgery; he had his 8 Gy single fraction this afternoon. Primary is prostate.",
        "Sorry, not prostate - I mixed him up with another patient, Mr P's primary is bladder.",
    )
    assert answer.facts.get("primary_tumour") == "other_solid"
    assert answer.facts.get("cancer_diagnosis") == "yes"
    assert answer.facts.get("mscc") == "confirmed" and answer.facts.get("limb_weakness") == "yes"


def test_wrong_patient_naming_nothing_still_undoes_all(conversation) -> None:
    answer = last(conversation, "known breast ca, new numbness in both legs", "sorry wrong patient")
    assert answer.facts.get("sensory_loss", "unknown") == "unknown"


def test_ignoring_a_finding_takes_it_back_but_trying_to_ignore_it_does_not(conversation) -> None:
    took_back = last(
        conversation,
        "known breast ca, back pain at night, new numbness in both legs",
        "ignore the numbness, that was another patient's",
    )
    assert took_back.facts.get("sensory_loss", "unknown") == "unknown"
    assert took_back.facts.get("pain_night") == "yes"
    kept = last(conversation, "breast ca, she has been trying to ignore the numbness in her legs")
    assert kept.facts.get("sensory_loss") == "yes"


def test_known_spinal_metastases_with_new_box1_pain_get_the_1_week_mri(conversation) -> None:
    answer = last(
        conversation,
        "66F, lung adenocarcinoma, T8 met seen on staging CT last month. Back pain at T8, worse "
        "lying flat at night. No leg weakness, no numbness, bladder and bowels normal.",
    )
    assert "1.5.3" in cited(answer) and "1.5.2" not in cited(answer)


def test_known_spinal_metastases_without_pain_get_no_mri(conversation) -> None:
    answer = last(
        conversation,
        "70M prostate ca, bone scan shows mets in thoracic and lumbar spine. No back pain, no "
        "leg symptoms, bladder fine, walking normally.",
    )
    assert "1.5.3" not in cited(answer)


def test_suspected_mscc_given_dex_continues_it(conversation) -> None:
    answer = last(
        conversation,
        "81M metastatic prostate ca, known T-spine mets. Progressive leg weakness, can't stand, "
        "new urinary retention. MSCC coordinator contacted and he's had dex.",
    )
    rows = {r.rule for r in answer.recommendations}
    assert "R1.8.1-continue-dexamethasone-then-reduce" in rows
    assert "R1.8.1-dexamethasone-16mg" not in rows


def test_suspected_cancer_with_cord_symptoms_is_suspected_mscc(conversation) -> None:
    answer = last(
        conversation,
        "70F, no known cancer. Progressive low back pain, both legs weak, bladder scan 900 mL. "
        "I'm thinking myeloma.",
    )
    assert "1.5.2" in cited(answer)


def test_cord_symptoms_without_cancer_known_or_suspected_are_asked(conversation) -> None:
    answer = last(conversation, "70M, both legs weak since this morning, back pain.")
    assert "1.5.2" not in cited(answer)
    assert {q.fact for q in answer.questions} >= {"cancer_diagnosis", "cancer_suspected"}


def test_suspected_cancer_with_night_pain_is_referred(conversation) -> None:
    answer = last(
        conversation,
        "63M, CT shows a pancreatic head mass, no tissue diagnosis yet. Severe back pain, worse "
        "at night. Legs fine, no bladder change, no numbness.",
    )
    assert "1.3.5" in cited(answer) and "1.3.3" not in cited(answer)


def test_a_question_naming_a_different_patient_pathway_takes_nothing_back(conversation) -> None:
    answer = last(
        conversation,
        "54F breast ca, back pain at night",
        "is it a different patient pathway if she has myeloma too?",
    )
    assert answer.facts.get("primary_tumour") == "breast"
    assert answer.turn != "correction"


def test_a_statement_of_the_wrong_patient_still_takes_back(conversation) -> None:
    answer = last(conversation, "54F breast ca, weak legs", "ok so that was the wrong patient")
    assert answer.facts.get("limb_weakness", "unknown") == "unknown"


def test_another_person_set_off_as_an_aside_is_a_new_patient(conversation) -> None:
    answer = last(
        conversation,
        "54F breast ca, back pain at night",
        "Also asking for my grandad - different person - he has prostate cancer and since "
        "yesterday he can't feel his feet properly.",
    )
    assert answer.turn == "new_patient"
    assert answer.facts.get("primary_tumour") == "prostate"
    assert "pain_night" not in answer.facts


def test_back_to_the_first_man_is_a_switch(conversation) -> None:
    answer = last(
        conversation,
        "lung ca, weak legs",
        "next patient: 60F myeloma, back pain",
        "Back to the first man - lung cancer, both legs weak, suspected MSCC. What dex dose?",
    )
    assert answer.turn == "new_patient"
    assert answer.facts.get("primary_tumour") == "lung"
    assert "haematological_malignancy" not in answer.facts


def test_asking_about_a_relative_instead_is_a_new_patient(conversation) -> None:
    answer = last(
        conversation,
        "62F breast ca, back pain worse at night for 3 weeks, getting worse.",
        "Actually can I ask about my uncle instead? He has prostate cancer and since yesterday "
        "he can't feel his legs properly.",
    )
    assert answer.turn == "new_patient"
    assert "pain_progressive" not in answer.facts
    assert answer.facts.get("primary_tumour") == "prostate"
