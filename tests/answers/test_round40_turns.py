"""Session 21 (#13, #14): the conversation and scope classes left from round 39 and found by
round 40's first run, fixed as classes, each tested both ways.

- A learner's question that supposes a person ("Revising for finals - … if someone with known
  cancer has only that sort of pain …, how soon …?") is a question: it writes no case.
- A second question joined to the first ("… and does it need PPI cover?") gets its own
  passage when that passage is decisive; one that names nothing ("can I rely on it alone?")
  adds nothing.
- A take-back that goes on about the same patient ("I mixed him up with another patient. This
  man has NO numbness …") changes only what it names; one that describes a patient afresh by
  age and sex ("sorry wrong patient, this is a 70F …") is a new patient.
- Outside NG234: clearing the cervical spine after a fall, mpMRI before a prostate biopsy, a
  football result. Inside: "16mg of 'dex' … the hospital said something about his cord".
"""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.evaluation.cases import mentioned_ids

MELANOMA = (
    "Plastics reg. 58M, stage IIIC melanoma, on adjuvant nivolumab. Progressive thoracic back "
    "pain for 3 weeks, worse at night. Also numbness in both legs."
)


def test_a_learners_supposition_is_a_question_not_a_case(conversation) -> None:
    answer = last(
        conversation,
        "Revising for finals - what back pain features does NG234 list as suggesting spinal "
        "mets, and if someone with known cancer has only that sort of pain (no neuro "
        "symptoms), how soon should they be scanned?",
    )
    assert answer.turn == "question" and dict(answer.facts) == {}


def test_a_patient_described_with_known_cancer_is_still_a_case(conversation) -> None:
    answer = last(conversation, "known prostate ca with new back pain at night - how soon to scan?")
    assert answer.turn == "case" and answer.facts["cancer_diagnosis"] == "yes"


def test_a_second_question_gets_its_own_passage(conversation) -> None:
    answer = last(
        conversation,
        "Quick one - what dose of dexamethasone does NICE recommend for suspected MSCC with "
        "neuro symptoms, oral or IV, and does it need PPI cover?",
    )
    assert {"1.8.1", "1.8.8"} <= mentioned_ids(answer)


def test_a_second_question_naming_nothing_adds_nothing(conversation) -> None:
    answer = last(
        conversation,
        "65M with metastatic prostate cancer, MRI shows MSCC at T11 and a lytic collapsed "
        "vertebra, legs 4/5",
        "which score should I use to decide if the spine is stable, and can I rely on it alone?",
    )
    assert "1.11.6" not in mentioned_ids(answer)


def test_a_take_back_going_on_about_the_same_patient_changes_only_what_it_names(
    conversation,
) -> None:
    answer = last(
        conversation,
        MELANOMA,
        "Correction - I mixed him up with another patient on my list. This man has NO "
        "numbness, legs are strong, bladder and bowels normal. Just the back pain.",
    )
    assert answer.turn == "correction"
    assert answer.facts["sensory_loss"] == "no"
    assert answer.facts["pain_night"] == "yes" and answer.facts["pain_progressive"] == "yes"
    assert {"1.3.3", "1.5.3"} <= cited(answer) and "1.5.2" not in cited(answer)


def test_a_take_back_naming_nothing_still_undoes_the_last_message(conversation) -> None:
    answer = last(conversation, MELANOMA, "sorry that was another patient")
    assert answer.facts.get("sensory_loss") != "yes" and "pain_night" not in answer.facts


def test_a_take_back_describing_a_patient_afresh_is_a_new_patient(conversation) -> None:
    answer = last(
        conversation,
        "65M prostate ca, night back pain, weak legs",
        "sorry wrong patient, this is a 70F breast ca with no weakness",
    )
    assert answer.turn == "new_patient"
    assert answer.facts["primary_tumour"] == "breast" and answer.facts["cancer_diagnosis"] == "yes"
    assert "pain_night" not in answer.facts and answer.facts["limb_weakness"] == "no"


def test_outside_ng234_is_refused(conversation) -> None:
    for message in (
        "Elderly care cons. 86M fell down the stairs at home, now neck pain, no cancer history, "
        "GCS 15, on apixaban. Does he need a CT C-spine or can I clear him clinically?",
        "Urol reg. 63M, asymptomatic, PSA 9.8, benign-feeling prostate. Should he have an "
        "mpMRI before biopsy?",
        "Who won the FA Cup last year?",
    ):
        assert last(conversation, message).out_of_scope, message


def test_its_neighbours_inside_ng234_are_answered(conversation) -> None:
    for message in (
        "why is my dad on 16mg of 'dex' and a stomach tablet for his back thing? the hospital "
        "said something about his cord",
        "65M prostate ca with MSCC at C5, fell down the stairs, weak arms. CT C-spine?",
    ):
        assert not last(conversation, message).out_of_scope, message


KIDNEY = "i had kidney cancer two years ago and now i have terrible back pain at night"


def test_a_transcription_that_heard_nothing_is_unreadable(conversation) -> None:
    answer = last(conversation, KIDNEY, "mm uh the the ... ... [inaudible] ...")
    assert answer.turn == "unreadable" and answer.facts["pain_night"] == "yes"


def test_sorry_after_an_unreadable_message_apologises_for_it(conversation) -> None:
    answer = last(
        conversation,
        KIDNEY,
        "mm uh the the ... ... [inaudible] ...",
        "sorry the phone, what I meant is should I call my cancer nurse",
    )
    assert answer.turn == "follow_up" and answer.facts["pain_night"] == "yes"


def test_sorry_after_a_readable_message_still_corrects(conversation) -> None:
    answer = last(conversation, "65M prostate ca, weak legs", "sorry, I meant he has no weak legs")
    assert answer.turn == "correction" and answer.facts["limb_weakness"] == "no"


def test_what_a_word_means_mid_case_is_a_question(conversation) -> None:
    answer = last(
        conversation,
        "My dad is 78 and has prostate cancer. He has had bad back pain for 2 weeks that keeps "
        "getting worse and it keeps him up at night.",
        "What is an MSCC coordinator?",
    )
    assert answer.turn == "question" and answer.facts["pain_night"] == "yes"


def test_a_question_about_the_patient_mid_case_is_a_follow_up(conversation) -> None:
    for question in ("what is his MRI timing?", "What's the timescale for imaging?"):
        answer = last(conversation, "65M prostate ca, weak legs", question)
        assert answer.turn == "follow_up", question


def test_a_room_or_a_vignette_number_opens_a_new_patient(conversation) -> None:
    answer = last(
        conversation,
        "Room 3: 88F with breast cancer, new back pain, tender over her spine.",
        "room 7 - 90M, prostate cancer, his legs have gone weak since lunch",
    )
    assert answer.turn == "new_patient" and "localised_tenderness" not in answer.facts
    answer = last(
        conversation,
        "Vignette 1: 62M with known prostate cancer, band-like pain around the chest.",
        "Vignette 2: 34F, no cancer history, mechanical low back pain after lifting a box.",
    )
    assert answer.turn == "new_patient" and "primary_tumour" not in answer.facts


def test_a_room_named_inside_a_sentence_is_no_switch(conversation) -> None:
    answer = last(conversation, "65M prostate ca, weak legs", "he was moved to room 7 today")
    assert answer.turn != "new_patient" and answer.facts["limb_weakness"] == "yes"


def test_we_are_thinking_cord_compression_is_a_suspicion(conversation) -> None:
    answer = last(
        conversation,
        "72-year-old man, known prostate cancer, 3 days of back pain and now both legs are "
        "weak. We're thinking cord compression.",
        "can it wait till morning?",
    )
    assert answer.facts["mscc"] == "suspected" and "1.5.2" in cited(answer)
    assert last(conversation, "MRI confirmed MSCC at T10, weak legs.").facts["mscc"] == "confirmed"


def _asked_rationales(answer) -> list[str]:
    return [lk.id for lk in answer.lookups if lk.id.startswith("rationale-")]


def test_a_why_on_a_live_case_takes_the_rationale_the_case_turns_on(conversation) -> None:
    answer = last(
        conversation,
        "my grandad has lung cancer and it pressed on his spinal cord. hes been completely "
        "paralysed from the waist down for 3 weeks now. his pain is ok on the morphine. the "
        "surgeons said no operation",
        "the doctors said radiotherapy wont help him now. why?? isnt it worth trying anyway",
    )
    assert _asked_rationales(answer)[:1] == ["rationale-1.10.4-1.10.6"]


def test_a_why_with_no_case_keeps_the_retrieved_rationale(conversation) -> None:
    answer = last(conversation, "why single fraction 8 Gy?")
    assert _asked_rationales(answer)[:1] == ["rationale-1.10.4-1.10.6"]
