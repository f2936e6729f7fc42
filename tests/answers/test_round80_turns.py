"""Session 42 (#12, #13): round 80's answer classes, each tested both ways on the real
conversation.

- A student's text-speak question about the red flags of cord compression "4 my essay" is
  answered (the essay is the purpose, cord compression the subject); "write me an essay on
  the history of the NHS" is still refused.
- A patient in Bengali-English whose cancer has gone to the backbone and whose painkillers do
  not work is answered with 1.7.5; a son asking about a brace for an unstable backbone gets
  1.11.9.
- Opioid conversion, another guideline's referral criteria, research training and radioiodine
  precautions are refused.
- A suspected lymphoma not yet confirmed, with no neurological deficit, gets 1.8.6 (haematology
  advice before steroids), not 1.8.5.
- Radiotherapy on 2 March with a good response and pain back in mid-July gets 1.10.9.
- "Who picks up MSCC referrals out of hours?" is answered with 1.1.6 and 1.1.7.
- After a general question, "ok, back to Mr P - …" is the live case; after a patient switch
  it still clears the case. "ok real case: …" after general questions only is a case, not a
  new patient.
- "sorry, not left - the RIGHT leg" keeps the weakness and says the side changed.
- An aside about oxygen and nebulised salbutamol on a live case is refused; the case stays.
"""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

from assistant.evaluation.cases import mentioned_ids


def test_a_students_essay_question_about_cord_compression_is_answered(conversation) -> None:
    answer = last(
        conversation,
        "wat r the red flag signs of cord compression in cancer pts?? need it 4 my essay due tmrw",
    )
    assert not answer.out_of_scope
    assert answer.facts == {}
    assert {"1.3.1", "1.3.2"} <= mentioned_ids(answer)
    assert last(conversation, "Can you write me an essay on the history of the NHS?").out_of_scope
    # on a live case too (seen in the browser check): the question is NG234's, the case stays
    on_case = last(
        conversation,
        "known breast ca, new back pain",
        "wat r the red flag signs of cord compression in cancer pts?? need it 4 my essay",
    )
    assert not on_case.out_of_scope
    assert on_case.facts.get("cancer_diagnosis") == "yes"
    assert last(
        conversation,
        "known breast ca, new back pain",
        "unrelated - essay tips for my nursing degree?",
    ).out_of_scope


def test_bengali_english_spread_to_the_backbone_gets_the_pain_service(conversation) -> None:
    answer = last(
        conversation,
        "Amar cancer ta backbone e chole geche, painkiller kaj korche na, rate ghumate parina. "
        "Doctor ki amake specialist pain clinic e refer korte pare?",
    )
    assert not answer.out_of_scope
    assert answer.facts["spinal_metastases"] == "confirmed"
    assert "1.7.5" in mentioned_ids(answer)


def test_an_unstable_backbone_too_frail_for_surgery_gets_a_brace(conversation) -> None:
    answer = last(
        conversation,
        "they say my dads backbone is unstable cos of the cancer but hes too frail for an op. "
        "is there anything else they can do, like a brace or something?",
    )
    assert not answer.out_of_scope
    assert "1.11.9" in mentioned_ids(answer)


@pytest.mark.parametrize(
    "text",
    [
        "Palliative ward nurse: patient is on 60 mg oral morphine a day, we want to switch to "
        "oral oxycodone. What's the equivalent daily dose?",
        "GP: under the NICE suspected cancer guideline, which patients with a cough should get "
        "an urgent chest X-ray?",
        "Clinical trial coordinator: how often do research staff need to renew their Good "
        "Clinical Practice training?",
        "Nuclear medicine nurse: how long should staff keep their distance from a patient after "
        "radioiodine therapy for thyroid cancer?",
    ],
)
def test_other_topics_are_refused(conversation, text) -> None:
    answer = last(conversation, text)
    assert answer.out_of_scope
    assert not cited(answer)


def test_switching_to_oxycodone_beside_new_weakness_is_answered(conversation) -> None:
    answer = last(
        conversation,
        "Prostate ca with spinal mets, switched from morphine to oxycodone yesterday, now his "
        "legs are weak.",
    )
    assert not answer.out_of_scope
    assert "1.3.2" in cited(answer)


def test_an_unconfirmed_lymphoma_gets_haematology_advice_before_steroids(conversation) -> None:
    answer = last(
        conversation,
        "Dzien dobry, my dziadek (grandfather) is 76. CT scan show some spots in his spine "
        "bones, doctors say maybe it is chloniak - lymphoma - but not confirmed, biopsy next "
        "week. He has back pain but walking ok, no weakness, no numb, toilet normal. Today the "
        "nurse want give him steroid tablets (dexamethasone). Is this correct??",
    )
    assert "1.8.6" in cited(answer)
    assert "1.8.5" not in {r.cites[0] for r in answer.recommendations}
    confirmed = last(
        conversation,
        "76M, confirmed DLBCL, MRI shows spinal metastases at T9, no neurological symptoms. "
        "Dexamethasone?",
    )
    assert "1.8.5" in cited(confirmed)


def test_recurrence_months_after_a_good_response_gets_further_radiotherapy(conversation) -> None:
    answer = last(
        conversation,
        "Pt on my list tomorrow: had 8 Gy single fraction to T9 on 2 March for a painful met, "
        "and the pain settled completely. Pain came back at the same level in mid-July. No "
        "neuro symptoms and the new MRI shows no cord compression. Consultant is asking about "
        "re-treating, what does NICE want us to weigh up?",
    )
    assert {"1.10.9", "1.10.10"} <= cited(answer)
    early = last(
        conversation,
        "had 8 Gy single fraction to T9 on 2 March, pain settled completely, came back in "
        "mid-April. No neuro symptoms. Re-treat?",
    )
    assert "1.10.9" not in {r.cites[0] for r in early.recommendations}


def test_who_covers_the_coordinator_out_of_hours(conversation) -> None:
    answer = last(
        conversation,
        "MSCC coordinator cover question: I work Mon-Fri 9-5. Who's supposed to pick up MSCC "
        "referrals out of hours according to NICE, and why did they insist the role sits in "
        "oncology?",
    )
    assert {"1.1.6", "1.1.7"} <= mentioned_ids(answer)


CASE = (
    "Lung CNS. Mr P, 66, NSCLC, has new night pain in his lower back that wakes him and he is "
    "tender over L3."
)


def test_back_to_the_one_patient_after_a_general_question(conversation) -> None:
    answer = last(
        conversation,
        CASE,
        "General question while I have you: what does NG234 say about bisphosphonates for "
        "spinal mets from prostate cancer?",
        "ok, back to Mr P - how quickly does he need to be discussed?",
    )
    assert answer.turn != "new_patient"
    assert answer.facts.get("primary_tumour") == "lung"
    assert "1.3.3" in cited(answer)


def test_back_to_an_earlier_patient_after_a_switch_clears_the_case(conversation) -> None:
    answer = last(
        conversation,
        CASE,
        "next patient: 70F, breast ca, new weakness in both legs.",
        "ok, back to Mr P - 66M NSCLC, night pain, tender over L3.",
    )
    assert answer.turn == "new_patient"
    assert "limb_weakness" not in answer.facts


def test_a_real_case_after_general_questions_only_is_a_case(conversation) -> None:
    answer = last(
        conversation,
        "What does NG234 say about plain X-rays for spinal mets?",
        "ok real case: 63M prostate ca, cramping in his legs when he walks and severe "
        "unremitting low back pain.",
    )
    assert answer.turn == "case"
    assert not any("cleared" in n for n in answer.notices)
    switched = last(
        conversation,
        CASE,
        "ok real case: 63M prostate ca, cramping in his legs when he walks.",
    )
    assert switched.turn == "new_patient"


def test_a_side_correction_keeps_the_weakness_and_says_so(conversation) -> None:
    answer = last(
        conversation,
        "Dzień dobry, moja mama 74 lata, ma breast cancer od 2021. Od 2 dni ma weakness w "
        "lewej nodze (left leg). Co robić?",
        "przepraszam, not left - prawa noga, the RIGHT leg",
    )
    assert answer.turn == "correction"
    assert answer.facts["limb_weakness"] == "yes"
    assert any("side now right" in n for n in answer.notices)
    plain = last(conversation, "known breast ca, weak legs", "sorry, I meant something else")
    assert any("Nothing in the case changed" in n for n in plain.notices)
    # an apology all in Polish is another language, not a correction (fu71-037)
    polish = last(
        conversation,
        "59F, kidney cancer, suspected MSCC, new urinary retention and bilateral leg weakness.",
        "Przepraszam, nie rozumiem, proszę powtórzyć.",
    )
    assert polish.turn == "unreadable"
    assert polish.facts["limb_weakness"] == "yes"


def test_an_oxygen_and_nebuliser_aside_is_refused_and_the_case_kept(conversation) -> None:
    case = "Resp reg. 70M lung ca, numbness from the nipple line down, back pain."
    aside = last(
        conversation,
        case,
        "his sats are 86% with a COPD exacerbation - what oxygen target and how much nebulised "
        "salbutamol?",
    )
    assert aside.out_of_scope
    assert aside.facts["sensory_loss"] == "yes"
    kept = last(conversation, case, "he's on 2L oxygen - can he lie flat for the MRI?")
    assert not kept.out_of_scope
