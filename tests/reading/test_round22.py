"""Session 13 (#12, #13): round-22 failures fixed as classes, each tested both ways.

- A normal said of the arms or hands only ("Arms fine", "Arms 5/5", "no weakness in her
  hands") says nothing of the legs: the weakness is asked, never recorded absent.
- A discourse marker set after a clause's subject ("Legs, though, are getting weaker", "her
  legs on the other hand buckled") no longer hides the finding; a denial before it still ends
  where it ended.
- A negated change ("no sign of the weakness getting better", "no let-up in the weakness")
  denies the improvement, not the finding.
- A leading "?" doubts the finding it prefixes, not a measurement after it ("?retention
  bladder scan 800ml").
- Everyday and ward words of round 22 for the red flags and for facts the rules use.
- Scope: whom to call about a cord symptom, and a red flag asked about as a possibility, are
  NG234's; coding, pensions, falls clinics, wound dressings, chiropractors, GBS, a disc with
  no cancer and calcium dosing are not; a bare "different patient now" switches patient.
"""

from __future__ import annotations

import pytest
from chat_helpers import cited, facts, last

from assistant.reading import scope
from assistant.reading.extract import extract

# --- a normal for one site only -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Arms fine.", "Arms 5/5.", "Arms not weak.", "No weakness in arms.", "no numbness in hands"],
)
def test_a_normal_of_the_arms_only_leaves_the_legs_asked(text: str) -> None:
    read = facts(text)
    assert read.get("limb_weakness") != "no" and read.get("sensory_loss") != "no"


@pytest.mark.parametrize(
    "text",
    [
        "Legs fine.",
        "Arms and legs fine.",
        "No weakness in arms or legs.",
        "Arms and legs 5/5",
        "Power 5/5 in all four limbs.",
        "No weakness in upper or lower limbs",
    ],
)
def test_a_normal_that_names_the_legs_still_reads_absent(text: str) -> None:
    assert facts(text)["limb_weakness"] == "no"


def test_arms_fine_then_weaker_legs_is_present() -> None:
    text = "Bladder and bowels normal. Arms fine. Legs, though, are getting weaker by the day."
    assert facts(text)["limb_weakness"] == "yes"


# --- discourse markers after a subject ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Legs, though, are getting weaker by the day.", "limb_weakness"),
        ("His legs though are weak", "limb_weakness"),
        ("Mum's bladder is fine. Her legs on the other hand buckled three times today.",
         "gait_disturbance"),
        ("Her feet, however, are numb.", "sensory_loss"),
    ],
)  # fmt: skip
def test_a_marker_after_the_subject_does_not_hide_the_finding(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


def test_a_marker_after_a_denial_is_left_in_place() -> None:
    # "No weakness, however, he is numb": the denial ends at the marker as before.
    read = facts("No weakness, however, he is numb.")
    assert read["limb_weakness"] == "no" and read["sensory_loss"] == "yes"
    assert facts("Legs, however, are fine.")["limb_weakness"] == "no"


def test_the_marker_is_quoted_as_typed() -> None:
    evidence = extract("Legs, though, are weak.").evidence
    assert any(ev.text.startswith("Legs, though,") for ev in evidence)


# --- a negated change ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("No sign of the leg weakness getting better; if anything it's worse.", "limb_weakness"),
        ("No sign of her numbness easing", "sensory_loss"),
        ("No let-up in the weakness in his legs", "limb_weakness"),
        ("nothing to suggest the weakness is improving", "limb_weakness"),
    ],
)
def test_a_negated_improvement_keeps_the_finding(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    "text", ["No sign of leg weakness.", "No sign of leg weakness, pain getting better"]
)
def test_a_plain_no_sign_of_still_denies(text: str) -> None:
    assert facts(text)["limb_weakness"] == "no"


def test_a_list_after_no_sign_of_is_not_read_as_a_change() -> None:
    # "and" ends the reach: the improvement is the pain's, the weakness stays denied.
    assert facts("No signs of weakness and pain improving")["limb_weakness"] == "no"


# --- a leading question mark --------------------------------------------------------------


def test_a_leading_question_mark_doubts_only_the_finding_it_prefixes() -> None:
    read = extract("58F breast ca, ?retention bladder scan 800ml")
    assert read.facts["bladder_bowel_dysfunction"] == "yes"
    assert extract("?MSCC weak legs").facts["limb_weakness"] == "yes"


@pytest.mark.parametrize("text", ["?weak legs", "? bilateral leg weakness and numbness"])
def test_a_leading_question_mark_still_doubts_its_own_finding(text: str) -> None:
    read = extract(text)
    assert "limb_weakness" not in read.facts and "limb_weakness" in read.uncertain


def test_a_question_mark_opening_a_list_doubts_the_list() -> None:
    read = extract("?cord compression or cauda equina")
    assert read.facts.get("mscc") == "suspected"


# --- round-22 words for the red flags -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Kidney ca. Assessment: ankle DF 2/5 R, 5/5 L.", "limb_weakness"),
        ("Breast ca. 0/5 power both legs since 06:00 today", "limb_weakness"),
        ("Legs unchanged, still weak", "limb_weakness"),
        ("just can't get his legs to do what he wants, they feel weak", "limb_weakness"),
        ("dad has prostrate cancer n his legs r realy weak 2day", "limb_weakness"),
        ("Grandad (myeloma) is walking like a penguin", "gait_disturbance"),
        ("now can barely make it to the end of the garden", "gait_disturbance"),
        ("Not a single step without the frame now", "gait_disturbance"),
        ("I keep losing my balance when I walk", "gait_disturbance"),
        ("ambulating with walker since yesterday", "gait_disturbance"),
        ("I'm having a hard time walking straight", "gait_disturbance"),
        ("Pt NWB since AM", "gait_disturbance"),
        ("catheterised 1/7 ago, 1.1L drained", "bladder_bowel_dysfunction"),
        ("Can't have a wee even though I'm bursting", "bladder_bowel_dysfunction"),
        ("He's been pooing himself", "bladder_bowel_dysfunction"),
        ("ive got myloma and i keep weting myself", "bladder_bowel_dysfunction"),
        ("she's peeing on herself, which is new", "bladder_bowel_dysfunction"),
        ("she's had no control of her bladder since this morning", "bladder_bowel_dysfunction"),
        ("why would he suddenly not be able to pee?", "bladder_bowel_dysfunction"),
        ("sx: paraesth. bilat feet", "sensory_loss"),
        ("loss of pain sensation in the right leg", "sensory_loss"),
        ("cant feel me feet", "sensory_loss"),
        ("he cant feel nothin below his belly button", "sensory_loss"),
        ("can't feel from the waist down", "sensory_loss"),
    ],
)
def test_round22_red_flag_words(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("ankle DF 5/5 both sides", "limb_weakness"),
        ("5/5 power both legs", "limb_weakness"),
        ("Legs unchanged, still strong", "limb_weakness"),
        ("walking like a champion after physio", "gait_disturbance"),
        ("residual 150ml on the bladder scan", "bladder_bowel_dysfunction"),
        ("bladder scan 120ml", "bladder_bowel_dysfunction"),
        ("can feel his feet fine", "sensory_loss"),
        ("Dad has MS and walks with difficulty", "gait_disturbance"),
    ],
)
def test_round22_red_flag_near_misses(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes"


def test_a_relative_with_cancer_opening_the_message_is_the_patient() -> None:
    read = facts("dad has got lung cancer and cant walk")
    assert read["cancer_diagnosis"] == "yes" and read["gait_disturbance"] == "yes"
    # ... not a relative's past cancer beside the writer's own symptom
    assert "cancer_diagnosis" not in facts(
        "Mum has had breast cancer in the past. I have back pain."
    )


def test_a_calcium_value_is_still_ignored_but_a_power_grade_is_not() -> None:
    assert facts("Ca. 2.9 today") == {}
    assert facts("Breast ca. 0/5 power both legs")["limb_weakness"] == "yes"


# --- round-22 words for facts the rules use -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("fit for op per anaesthetics", "suitable_for_surgery", "yes"),
        ("not fit for theatre", "suitable_for_surgery", "no"),
        ("far too frail for surgery", "suitable_for_surgery", "no"),
        ("had posterior decompression + stabilisation at T7 10 days ago",
         "had_spinal_surgery", "yes"),
        ("uncontrolled mechanical neck pain", "pain_controlled", "no"),
        ("RT booked for tomorrow", "awaiting_definitive_treatment", "yes"),
        ("she's in our RCT of zoledronate", "in_trial", "yes"),
        ("needs RT for a painful T6 met", "radiotherapy_considered", "yes"),
        ("she's asking about fertility", "fertility_concern", "yes"),
        ("also multiple liver and brain mets", "oligometastases", "no"),
        ("Pain not settling despite titrated morphine.", "pain_opioid_unresponsive", "yes"),
        ("pain is NOT controlled despite oxycodone", "strong_opioids", "yes"),
        ("New lumbar back pain, worse standing and moving about.", "pain_mechanical", "yes"),
        ("MRI shows vertebral lesions, radiologist thinks lymphoma",
         "haematological_malignancy", "radiologically_suspected"),
    ],
)  # fmt: skip
def test_round22_fact_words(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("is he fit for surgery?", "suitable_for_surgery"),
        ("PS 1, fit and well", "suitable_for_surgery"),
        ("had a decompression of the ulnar nerve", "had_spinal_surgery"),
        ("does he still need urgent radiotherapy?", "radiotherapy_considered"),
        ("multiple myeloma", "oligometastases"),
        ("pain settled on morphine", "pain_opioid_unresponsive"),
        ("RT department phoned", "radiotherapy_considered"),
    ],
)
def test_round22_fact_near_misses(text: str, fact: str) -> None:
    assert fact not in facts(text)


# --- scope ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "who am i meant to call if my legs get worse when I'm at home",
        "if his bladder stops working over the weekend, who do we ring?",
        "what should I do if my legs go weak at home?",
    ],
)
def test_a_cord_symptom_asked_about_is_in_scope(conversation, text: str) -> None:
    assert not last(conversation, text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "how does the NHS pension scheme work",
        "grade 3 heel pressure ulcer in a nursing home resident, which dressing",
        "ICD-10 code for cord compression for the discharge summary?",
        "multifactorial falls assessment for an 85 year old on the ward",
        "mucositis management during H&N chemoradiation",
        "is it safe to see a chiropractor for my back",
        "ascending weakness after D&V, areflexic. IVIG?",
        "35M no PMH, big central disc L4/5 with urinary retention - how fast for decompression??",
        "Ca 3.1 in myeloma pt - zoledronate dose for the calcium?",
        "who do I call about my parking permit?",
    ],
)
def test_round22_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


def test_bisphosphonates_for_spinal_pain_stay_in_scope(conversation) -> None:
    text = "prostate ca with spinal mets, should he have zoledronate for pain?"
    answer = last(conversation, text)
    assert not answer.out_of_scope


@pytest.mark.parametrize(
    ("aside", "refused"),
    [
        ("why does he need omeprazole with the dex?", False),
        ("also her K is 6.3 - how do i treat the hyperkalaemia", True),
        ("btw what's the best statin for her cholesterol", True),
        ("what abx for her catheter UTI", True),
    ],
)
def test_an_aside_in_a_live_case(conversation, aside: str, refused: bool) -> None:
    case = "59M kidney ca, ?MSCC waiting for MRI, new weakness both legs, had dex 16mg this am"
    answer = last(conversation, case, aside)
    assert answer.out_of_scope is refused
    if not refused:
        assert "1.8.8" in cited(answer)


def test_omeprazole_alone_is_still_off_topic() -> None:
    assert scope.off_topic_for_case("is omeprazole ok for his reflux?")


def test_a_bare_switch_clears_the_case_without_refusing(conversation) -> None:
    answer = last(
        conversation,
        "42F breast ca, needs RT for a painful T6 met, she's asking about fertility",
        "different patient now",
    )
    assert answer.turn == "new_patient" and not answer.out_of_scope
    assert "primary_tumour" not in answer.facts


# --- from the round-22 cases (b45, b46; tuned on after their first run) --------------------


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Neuro exam documented as normal", "cord_signs", "no"),
        ("neuro exam nonfocal", "limb_weakness", "no"),
        ("She has a pacemaker that is NOT MR conditional.", "mri_contraindicated", "yes"),
        ("pacemaker is MR conditional", "mri_contraindicated", "no"),
        ("he's wondering about myeloma/cancer", "cancer_suspected", "yes"),
        ("No previous cancer. His GP suspects an underlying malignancy.", "cancer_diagnosis", "no"),
        ("Now 9/10, mechanical, can't sleep, despite oxycodone", "pain_limits_life", "yes"),
        ("MDT decided no surgery and no radiotherapy", "oncology_treatment_inappropriate", "yes"),
        ("MDT decided not for RT or surgery", "oncology_treatment_inappropriate", "yes"),
        ("it's my legs that are weak", "limb_weakness", "yes"),
        ("back pain, which is worst when I lie down at night and wakes me up", "pain_night", "yes"),
        ("myeloma; the scan showed it's in the bones of her lower spine", "spinal_metastases",
         "confirmed"),
    ],
)  # fmt: skip
def test_round22_case_words(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("he's wondering about myeloma/cancer", "haematological_malignancy"),
        ("No surgery or RT yet", "oncology_treatment_inappropriate"),
        ("can't sleep since the baby came", "pain_limits_life"),
        ("it's in the bones of her hands", "spinal_metastases"),
        ("the baby wakes me up", "pain_night"),
        ("it was my wife who nearly fell on the ice", "gait_disturbance"),
        ("it is her husband who has been struggling to walk", "gait_disturbance"),
    ],
)
def test_round22_case_near_misses(text: str, fact: str) -> None:
    assert fact not in facts(text)


def test_a_correction_naming_another_persons_fall_clears_the_gait(conversation) -> None:
    answer = last(
        conversation,
        "I've got prostate cancer. My legs have gone like jelly since yesterday and I nearly "
        "fell twice, back is killing me",
        "sorry I typed that badly - my legs are NOT weak, I haven't fallen, it was my wife who "
        "nearly fell on the ice. it's just the back pain, which is worst at night",
    )
    assert answer.facts.get("gait_disturbance") == "no"
    assert answer.facts.get("limb_weakness") == "no"
