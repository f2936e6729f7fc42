"""Session 14 (#12, #13, #14): round-25 failures fixed as classes, each tested both ways.

- A negation straight before "not" ("never not had pins and needles") asserts the finding.
- Round-25 words for the red flags (a tumble, holding the furniture to get around, dragging a
  leg, shaky walking, '↓mob', legs like jelly, heavy legs, hands gone clumsy and weak, legs
  that had given way, 'Lower limbs: flaccid', "PU'd with difficulty", urinary urgency, AUR,
  bowel accidents, 'cant poo', pain down the back of the leg, bands of pain, a sensory level
  written '↓ sensation to T10', tandem gait, a wide base) and another resident's, another
  man's or the lady opposite's findings belong to them, not to the patient.
- Follow-up facts: 'pain ++ at night', 'spinal team have said it's stable', pain not helped by
  increasing the morphine, not sleeping with it, recovered from the op, pain controlled or
  kept on top of, a large RT field, 'no pain, no neuro signs' beside spinal metastases (only
  there: the entry `requires` them), '?lung mass', mets 'in his lumbar spine', spots on a bone
  scan in the spine, 'no problems with his legs, waterworks or bowels'.
- "no red flags" is a statement, not a hypothetical: what follows it is read ("no red flags,
  no history of cancer"); "cheers. next: 88M …" opens a new patient.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts, last

from assistant.reading.extract import extract


def test_never_not_asserts_the_finding() -> None:
    assert facts("Never not had pins and needles since Tuesday. Lymphoma.")["sensory_loss"] == "yes"
    assert facts("Never had pins and needles. Lymphoma.")["sensory_loss"] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Legs are giving way, he's taken a tumble twice.", "gait_disturbance"),
        ("he's had to hold onto furniture to get around at home", "gait_disturbance"),
        ("her left leg has been weak for a week and she drags it when walking", "gait_disturbance"),
        ("now both legs weak and he's shaky walking", "gait_disturbance"),
        ("PC: ↓mob, ?weak R LL", "gait_disturbance"),
        ("her legs had given way", "gait_disturbance"),
        ("staff report her legs are buckling when she walks", "gait_disturbance"),
        ("Tandem gait impossible, walks with a wide base and veers.", "gait_disturbance"),
        ("Was walking 2 miles a day, now manages 10 metres with a frame.", "gait_disturbance"),
        ("I can barely get across the room", "gait_disturbance"),
        ("my legs go like jelly when I stand up", "limb_weakness"),
        ("my legs r weird heavy n i keep trippin", "limb_weakness"),
        ("Mum's hands have gone clumsy and weak", "limb_weakness"),
        ("Lower limbs: flaccid, areflexic, 0/5 throughout", "limb_weakness"),
        ("BLs weak 3/5, PU'd with difficulty, BO normal.", "bladder_bowel_dysfunction"),
        ("weak legs and urgency with two accidents", "bladder_bowel_dysfunction"),
        ("Catheterised for AUR overnight (1.2L).", "bladder_bowel_dysfunction"),
        ("3 accidents today with her bowels", "bladder_bowel_dysfunction"),
        ("numb bum n cant poo, myeloma pt", "bladder_bowel_dysfunction"),
        ("She says she's struggled to pass urine since last night", "bladder_bowel_dysfunction"),
        ("awful pain down the back of my right leg, right into my heel", "radicular_pain"),
        ("Shooting pain from L buttock down back of leg to heel", "radicular_pain"),
        ("radiating down R leg to big toe, electric", "radicular_pain"),
        ("Pain radiating around both flanks at T11 level, bands of pain.", "radicular_pain"),
        ("It feels like there's a band of fire round his middle.", "radicular_pain"),
        ("Mets Ca breast. ↓ sensation LLs to T10.", "cord_signs"),
        ("pt c/o pins n neeedles BLs", "sensory_loss"),
        ("2/7 hx LL paraesth", "sensory_loss"),
    ],
)  # fmt: skip
def test_round25_red_flag_words(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Another resident has dementia and is incontinent.", "bladder_bowel_dysfunction"),
        ("The man in the next bed keeps wetting himself.", "bladder_bowel_dysfunction"),
        ("the lady opposite keeps falling", "gait_disturbance"),
        ("drags the bins out on Mondays", "gait_disturbance"),
        ("no urgency for the MRI", "bladder_bowel_dysfunction"),
        ("pain from the waist down", "cord_signs"),
        ("walked 10 metres to the shop and back, now manages fine", "gait_disturbance"),
        ("his hands are fine", "limb_weakness"),
    ],
)
def test_round25_words_do_not_overreach(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("69F NSCLC, back pain ++ at night, legs ok", "pain_night", "yes"),
        ("T6 met, spinal team have said it's stable.", "spinal_instability", "none"),
        ("shooting pain not helped at all by increasing the morphine", "pain_opioid_unresponsive",
         "yes"),
        ("He's not sleeping at all with it.", "pain_limits_life", "yes"),
        ("decompression for MSCC at T9, recovered well from the op", "recovered_from_surgery",
         "yes"),
        ("her pain's controlled and she's still walking", "pain_controlled", "yes"),
        ("paracetamol and codeine are keeping on top of it", "pain_controlled", "yes"),
        ("MSCC multilevel T8 to L2, would need a large RT field", "high_rt_side_effect_risk",
         "yes"),
        ("no known ca, CT chest earlier ?lung mass", "cancer_suspected", "yes"),
        ("prostate cancer with known bony mets in his lumbar spine", "spinal_metastases",
         "confirmed"),
        ("a bone scan picked up a couple of spots in her spine", "spinal_metastases", "confirmed"),
        ("no problems with his legs, waterworks or bowels", "bladder_bowel_dysfunction", "no"),
        ("walks the dog every day", "gait_disturbance", "no"),
        ("pain isnt at night, its when she stands or moves about", "pain_mechanical", "yes"),
    ],
)  # fmt: skip
def test_round25_follow_up_facts(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


def test_pain_controlled_but_another_pain_is_not_read_as_controlled() -> None:
    text = "Pain is under control with MST but the electric-shock pain down his leg is still there"
    assert facts(text).get("pain_controlled") != "yes"


def test_an_elliptical_posture_needs_the_pain_it_follows() -> None:
    assert "pain_mechanical" not in facts("legs fine, its when she stands")


def test_no_pain_no_neuro_signs_is_asymptomatic_only_beside_spinal_metastases() -> None:
    beside = facts("T7 met found on staging MRI. No pain, no neuro signs.")
    assert beside["asymptomatic_metastases"] == "yes"
    assert beside["back_pain"] == "no"
    alone = facts("Breast ca, day 10 after docetaxel, temp 38.6. No back pain, no neuro symptoms.")
    assert "asymptomatic_metastases" not in alone
    with_pain = facts("T7 met. Severe pain, no neuro signs.")
    assert "asymptomatic_metastases" not in with_pain


def test_the_pain_denied_before_no_other_symptoms_stays_denied() -> None:
    read = facts("Spinal mets. She has no back pain at all and no other symptoms.")
    assert read["back_pain"] == "no"
    assert read["asymptomatic_metastases"] == "yes"


def test_a_queried_primary_stays_hedged() -> None:
    read = extract(
        "Patient with weight loss and a lung mass (?primary lung ca) now has upgoing plantars"
    )
    assert read.facts.get("cancer_diagnosis") != "yes"
    assert read.facts["cancer_suspected"] == "yes"


def test_no_red_flags_is_a_statement_and_what_follows_is_read() -> None:
    read = facts("45yo builder, low back pain after lifting, no red flags, no history of cancer.")
    assert read["cancer_diagnosis"] == "no"
    assert "limb_weakness" in extract("breast ca, red flags such as weakness?").uncertain


def test_a_thanks_before_next_opens_a_new_patient(conversation) -> None:
    answer = last(
        conversation,
        "55F breast, painful T11 met, no MSCC, pain non-mechanical, good overall prognosis",
        "cheers. next: 88M myeloma, sudden numb legs and can't walk",
    )
    assert answer.facts.get("prognosis", "unknown") == "unknown"
    assert answer.facts.get("pain_mechanical", "unknown") == "unknown"
    assert answer.facts["sensory_loss"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "45yo builder, 3 weeks of low back pain after lifting, no red flags, no history of "
        "cancer. Best management?",
        "tearing back pain ?dissection - which CT protocol",
        "SIADH with Na 121 in small cell lung ca - tolvaptan or fluid restrict?",
        "is it ok to take ibuprofen for period pain",
        "spinal epidural haematoma after LP in a pt on apixaban - surgery?",
        "what's the tariff for an outpatient MRI?",
        "What are the 2-week-wait referral criteria for suspected lung cancer?",
    ],
)
def test_round25_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


def test_oligometastases_are_ng234s_word(conversation) -> None:
    assert not last(conversation, "what does NICE mean by oligomets").out_of_scope


def test_an_insulin_dose_on_a_case_is_refused(conversation) -> None:
    answer = last(
        conversation,
        "80M lung ca with MSCC, on dexamethasone 8mg BD, awaiting RT.",
        "His CBG is 19 - how many units of insulin should I give him?",
    )
    assert answer.out_of_scope


def test_a_writer_with_their_own_age_or_history_is_the_patient_not_the_relative() -> None:
    read = facts(
        "My dad had prostate cancer that spread to his spine and he ended up paralysed, so I'm "
        "really scared. I'm 45 and have never had cancer. 4 days ago I lifted a wardrobe."
    )
    assert read["cancer_diagnosis"] == "no"
    assert "spinal_metastases" not in read
    carer = facts("My dad has prostate cancer and his legs have gone weak.")
    assert carer["cancer_diagnosis"] == "yes"
    assert carer["limb_weakness"] == "yes"


def test_a_back_that_gave_way_suggests_instability_and_a_chest_level_is_a_cord_sign() -> None:
    read = facts(
        "known lung ca. says her back 'gave way' when she moved, 2/5 both legs, numb from the "
        "chest down"
    )
    assert read["spinal_instability"] == "suspected"
    assert read["cord_signs"] == "yes"
    assert "spinal_instability" not in facts("back pain, she gave up walking the dog")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ward have her strict flat bed rest 'until RT', which is tomorrow.", "yes"),
        ("surgery booked for tomorrow", "yes"),
        ("known MSCC C7, had 8Gy RT on Monday, still on dex 16mg", None),
        ("radiotherapy, which was yesterday", None),
        ("had RT yesterday", None),
    ],
)
def test_treatment_tomorrow_is_awaited(text: str, expected: str | None) -> None:
    assert facts(text).get("awaiting_definitive_treatment") == expected


def test_dexamethasone_is_reduced_after_radiotherapy_for_mscc(conversation) -> None:
    answer = last(
        conversation,
        "Pharm here. Pt had 8Gy for MSCC T5 yesterday. On dex 16mg since admission 4 days ago.",
    )
    rows = [r for r in answer.recommendations if "1.8.1" in r.cites]
    assert any("reduce the dose gradually" in r.action for r in rows)
    awaiting = last(conversation, "MSCC T5, on dex 16mg, awaiting RT tomorrow.")
    assert not any(
        "reduce the dose gradually" in r.action and r.rule == "R1.8.1-reduce-after-radiotherapy"
        for r in awaiting.recommendations
    )


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Prostate ca. 0/5 both legs since 06:00 today", "limb_weakness"),
        ("Lightning pains down the back of my leg right into my foot.", "radicular_pain"),
        ("shooting pain L buttock -> back of L calf", "radicular_pain"),
        ("breast ca lady, numbnes round saddle area + cnt tell wen bladder full",
         "bladder_bowel_dysfunction"),
        ("can't feel pinprick below L1", "cord_signs"),
        ("Her legs have been giving way and she has been incontinent", "gait_disturbance"),
        ("now my arms r tingly n weak", "limb_weakness"),
        ("kidny cancer here, shootin pain down R leg 2 my foot, cnt feel my big toe",
         "sensory_loss"),
        ("his legs are weak and he's dragging the right one", "gait_disturbance"),
        ("my mum has breast cancr n her legs r rly weak 2day", "limb_weakness"),
    ],
)  # fmt: skip
def test_round26_red_flag_words(text: str, fact: str) -> None:
    """Round 26 is scored (first run on 1500564); these were fixed after it (tuned on)."""
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("LL power 2/5 bilat", "complete_paralysis", "no"),
        ("legs 4/5 bilat", "complete_paralysis", "no"),
        ("Power 5/5 in both legs", "limb_weakness", "no"),
        ("she hasn't been able to stand since this morning", "complete_paralysis", None),
    ],
)
def test_round26_words_leave_the_graded_readings_alone(
    text: str, fact: str, value: str | None
) -> None:
    assert facts(text).get(fact) == value
