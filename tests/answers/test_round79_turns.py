"""Session 41 (#12, #13): round 79's answer classes, each tested both ways on the real
conversation.

- "MDT outcome, need a plan: …" states the case: confirmed MSCC not suitable for surgery gets
  1.10.4 and 1.10.5.
- Complete paraplegia for about 3 weeks (written with a description, or as "since then" after
  a date 3 weeks ago) with pain controlled is 1.10.4's exception: no urgent radiotherapy, and
  mobilisation still (1.6.5); for 5 days, 1.10.4 applies.
- "fit for and would benefit from surgery" with uncontrolled mechanical pain and suspected
  instability gets 1.11.8.
- A crew about to immobilise a breathless patient get 1.4.3 (adjust the position).
- Pain at night that keeps the family awake, morphine not touching it: 1.7.5.
- Myeloma or lymphoma in the spine's bones, in words or Urdu-English: 1.8.5 (and 1.7.11).
- "No pain on moving" with legs giving way: 1.3.2, not 1.3.3 or 1.4.2.
- Both treatments refused in second-language English: 1.6.5.
- Porters taking a patient with suspected MSCC up in a wheelchair: 1.4.3 is shown.
- A first message asking which antibiotic for an MSCC patient's UTI is refused; with a new
  leg weakness beside it, it is answered.
- "Moving on - side room 3: Mrs G, 75, …" is a new patient; "Moving on - what about his
  steroids?" is not.
"""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

from assistant.evaluation.cases import mentioned_ids


def test_a_plan_asked_for_still_states_the_case(conversation) -> None:
    answer = last(
        conversation,
        "MDT outcome, need a plan: 77F, NSCLC, MRI-confirmed MSCC at T4 only (single level), "
        "partial leg weakness since yesterday, walking with a frame. ECOG 2, oncology estimate "
        "prognosis of several months. Spinal surgeons: not a surgical candidate because of "
        "comorbidities. No previous radiotherapy anywhere. Already on dex 16 mg. What "
        "radiotherapy and how soon?",
    )
    assert {"1.10.4", "1.10.5"} <= cited(answer)


@pytest.mark.parametrize(
    "case",
    [
        "69M, prostate ca. MRI shows MSCC at T10. He has had complete paraplegia with no "
        "sensation below T10 for about 3 weeks. Pain is well controlled on MST. Spinal surgeons "
        "have declined surgery.",
        "Mr P, 77, prostate ca, MSCC at T8 diagnosed 3 weeks ago. He's had complete paraplegia "
        "since then - nothing below the chest - and his pain is well controlled on MST. Spinal "
        "surgeons said surgery is not an option.",
    ],
)
def test_paraplegia_for_weeks_is_the_exception_to_urgent_radiotherapy(conversation, case) -> None:
    answer = last(conversation, case)
    assert answer.facts["paralysis_2_weeks"] == "yes"
    assert "1.10.4" not in cited(answer)
    assert "1.6.5" in cited(answer)


def test_paraplegia_for_days_gets_urgent_radiotherapy(conversation) -> None:
    answer = last(
        conversation,
        "Mr P, 77, prostate ca, MSCC at T8 diagnosed 5 days ago. He's had complete paraplegia "
        "since then and his pain is well controlled on MST. Spinal surgeons said surgery is not "
        "an option.",
    )
    assert answer.facts["paralysis_2_weeks"] == "no"
    assert "1.10.4" in cited(answer)


def test_a_quoted_time_limit_is_not_a_surgical_candidate(conversation) -> None:
    answer = last(
        conversation,
        "69M, prostate ca. MRI shows MSCC at T10, complete paraplegia for about 3 weeks, pain "
        "well controlled. Spinal surgeons have declined surgery.",
        "Also, the surgical note says 'paralysed too long for surgery - over 48 hours'. Is "
        "there a time cut-off in NICE?",
    )
    assert answer.facts.get("suitable_for_surgery") != "yes"
    assert "1.11.5" in mentioned_ids(answer)


def test_fit_for_surgery_in_the_consultants_words(conversation) -> None:
    case = (
        "Spinal on-call CST. 58F, breast ca. MRI: L1 pathological fracture with epidural tumour "
        "compressing the conus. New bilateral leg weakness 4/5 since yesterday. SINS 14. Severe "
        "mechanical pain on any movement despite IV morphine."
    )
    answer = last(
        conversation,
        case + " My consultant says she is fit for and would benefit "
        "from surgery. What does NICE say we should do?",
    )
    assert "1.11.8" in cited(answer)
    assert "1.11.8" not in cited(last(conversation, case))


def test_a_crew_about_to_immobilise_is_told_how_to_position(conversation) -> None:
    answer = last(
        conversation,
        "Crew handover: 70F, lung ca with known pleural effusion. New weakness in both legs since "
        "last night, can only just stand, plus mid-thoracic back pain. We were going to "
        "immobilise her flat on the scoop for transfer but she gets very SOB lying flat, sats "
        "drop from 94 to 88%. How should we position her?",
    )
    assert "1.4.3" in cited(answer)


def test_pain_that_keeps_the_family_awake_gets_the_pain_service(conversation) -> None:
    letter = (
        "Dear Dr Hughes, my husband Alan (prostate cancer, the spinal cord compression in his "
        "back diagnosed last month) has decided he doesn't want the radiotherapy. He is home "
        "now, mostly in bed, can't really walk and has a catheter. He's also in a lot of pain "
        "at night - the morphine isn't touching it"
    )
    assert "1.7.5" in cited(last(conversation, letter + " and neither of us is sleeping."))
    assert "1.7.5" not in cited(last(conversation, letter + "."))


@pytest.mark.parametrize(
    "turns",
    [
        (
            "Dear Sister Anne, it's George (myeloma, diagnosed in January). The MRI I had last "
            "week shows the myeloma is in two of the bones in my lower back. My legs are fine "
            "and no trouble with the waterworks. Why am I on dexamethasone?",
        ),
        (
            "Salam. Abbu (71) ko multiple myeloma hai, 2025 mein confirm hua tha, aur MRI mein "
            "spine ki haddiyon mein bhi myeloma dikha tha (T12 aur L2). Chemo chal rahi hai.",
            "Aaj subah se woh keh rahe hain ke dono pair sun ho gaye hain aur ghutnay jawab de "
            "rahe hain. Kya hum kal tak wait kar sakte hain?",
        ),
    ],
)
def test_myeloma_in_the_spine_gets_dexamethasone(conversation, turns) -> None:
    assert "1.8.5" in cited(last(conversation, *turns))


def test_myeloma_elsewhere_is_no_spinal_disease(conversation) -> None:
    answer = last(conversation, "Myeloma diagnosed in January; the scan shows it in my ribs.")
    assert "1.8.5" not in cited(answer)


def test_no_pain_on_moving_with_legs_giving_way(conversation) -> None:
    answer = last(
        conversation,
        "Physio on the oncology ward. Pt 64F with ovarian ca, admitted for symptom control. No "
        "back pain at all and no pain on moving, but today on our walk her legs kept giving way "
        "and she's much more unsteady than on Monday. Anything else I should escalate?",
    )
    assert "1.3.2" in cited(answer)
    assert not {"1.3.3", "1.4.2"} & cited(answer)


def test_both_treatments_refused_in_second_language_english(conversation) -> None:
    answer = last(
        conversation,
        "Hello, my father (82) has prostate cancer and the hospital found compression of the "
        "spinal cord in his back. He is very clear in his head and he refuse the operation and "
        "also the radiotherapy, he say he want to go home. He can walk only few steps with the "
        "frame.",
    )
    assert answer.facts["radiotherapy_declined"] == "yes"
    assert "1.6.5" in cited(answer)


def test_porters_and_a_wheelchair_show_how_to_nurse_her(conversation) -> None:
    answer = last(
        conversation,
        "Bed manager, 03:00. Need to move a lady from ED majors to the oncology ward. 66, bowel "
        "ca with known liver mets, came in with new leg weakness and numbness since yesterday, "
        "and she screams with pain whenever she moves or is rolled. MRI not done yet. Porters "
        "want to take her up sitting in a wheelchair because there's no trolley free. OK?",
    )
    assert "1.4.3" in mentioned_ids(answer)
    assert "1.3.2" in cited(answer)


def test_an_antibiotic_for_an_mscc_patients_uti_is_not_ng234(conversation) -> None:
    refused = last(
        conversation,
        "MSCC patient with a long-term catheter now has a febrile UTI. Which antibiotic and "
        "what dose?",
    )
    assert refused.out_of_scope
    kept = last(conversation, "MSCC patient with new leg weakness and a UTI. Which antibiotic?")
    assert not kept.out_of_scope
    assert "1.3.2" in cited(kept) or "1.5.2" in cited(kept)


def test_opioid_switching_and_psa_screening_are_refused(conversation) -> None:
    assert last(
        conversation,
        "Palliative patient on MST 30 mg twice daily, switching to oral oxycodone. What's the "
        "equivalent dose?",
    ).out_of_scope
    assert last(
        conversation, "Should men over 50 be screened with PSA even without symptoms?"
    ).out_of_scope
    # dexamethasone's own equivalent dose is NG234's (1.8.1)
    assert not last(
        conversation, "What's the IV equivalent of 16 mg oral dexamethasone?"
    ).out_of_scope


def test_moving_on_to_a_named_room_is_a_new_patient(conversation) -> None:
    first = (
        "Pharmacist: Mr F, 69, lung cancer, MSCC confirmed at T10, on dexamethasone 16 mg daily, "
        "awaiting radiotherapy tomorrow."
    )
    moved = last(
        conversation,
        first,
        "Moving on - side room 3: Mrs G, 75, no cancer history, osteoporotic wedge fracture, "
        "pain settled.",
    )
    assert moved.turn == "new_patient"
    assert "mscc" not in moved.facts
    stayed = last(conversation, first, "Moving on - what about his blood sugars on the steroids?")
    assert stayed.turn != "new_patient"
    assert stayed.facts.get("mscc") == "confirmed"


def test_a_question_for_ng234s_own_dose_is_not_refused_beside_an_outside_topic(
    conversation,
) -> None:
    # b114: liver metastases named as context, and "what dose/fractionation does NG234
    # recommend?" asks for NG234's own treatment, not another condition's
    answer = last(
        conversation,
        "Rad onc here. 64M, NSCLC with widespread bone and liver mets, PS 2. Painful T8 "
        "vertebral met. MRI whole spine: no epidural disease, no cord compression. Pain is a "
        "constant deep ache, not related to movement or position; SINS 4 (stable). Neuro "
        "intact. Planning palliative RT to T8 - what dose/fractionation does NG234 recommend?",
    )
    assert not answer.out_of_scope
    assert "1.10.2" in cited(answer)
