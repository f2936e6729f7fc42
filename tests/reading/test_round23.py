"""Session 13 (#12, #13): round-23 failures fixed as classes, each tested both ways.

- Stacked negations that assert a finding ("doesn't have NO weakness", "not without difficulty
  walking", "nobody could say he isn't struggling") are ConText pseudo-triggers: the finding is
  present, never absent.
- Round-23 words for the red flags (accidents, a bladder letting him down, an up-going plantar,
  a new frame, a timed up-and-go, legs that won't push or hold him up, a bottom that feels dead,
  a positive straight leg raise) and for a suspicion of cancer (weight loss written as
  '8 kg wt loss' or 'nearly a stone without trying', a lobe mass).
- Scope: an adult who wants children is not a child; the dexamethasone of a live case asked
  about with the MRI result is the case's (1.8.2); tuberculosis, breast and prostate
  radiotherapy, atlantoaxial screening, references, neutropenic sepsis are not NG234's.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts, last

from assistant.reading import scope
from assistant.reading.extract import extract


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("He doesn't have NO weakness - there's definitely some in the right leg.",
         "limb_weakness"),
        ("Not without difficulty walking - she manages, but barely.", "gait_disturbance"),
        ("Nobody could say he isn't struggling to walk.", "gait_disturbance"),
        ("I wouldn't say he has no weakness", "limb_weakness"),
        ("Can't say she isn't numb", "sensory_loss"),
        ("She's not stopped being incontinent since Friday.", "bladder_bowel_dysfunction"),
    ],
)  # fmt: skip
def test_a_stacked_negation_asserts_the_finding(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("He has no weakness.", "limb_weakness"),
        ("He doesn't have weakness.", "limb_weakness"),
        ("walking without difficulty", "gait_disturbance"),
        ("Denies any weakness in his legs.", "limb_weakness"),
    ],
)
def test_a_single_negation_still_denies(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("wife says he's had urine accidents this week", "bladder_bowel_dysfunction"),
        ("didn't make it to the toilet twice", "bladder_bowel_dysfunction"),
        ("his bladder is letting him down - wet twice overnight", "bladder_bowel_dysfunction"),
        ("Can't hold my wee any more, it just comes.", "bladder_bowel_dysfunction"),
        ("Not confused, not septic-looking; up-going plantar on the left.", "cord_signs"),
        ("Perianal sensation ok, anal tone however reduced.", "cord_signs"),
        ("Now mobilising w/ ZF, new.", "gait_disturbance"),
        ("Ambulating with difficulty, new since yesterday", "gait_disturbance"),
        ("Walked 10 m with frame today; a week ago 500 m unaided.", "gait_disturbance"),
        ("Timed up-and-go 32 s (was 11 s last month).", "gait_disturbance"),
        ("my legs have gone to sleep and they won't hold me up", "gait_disturbance"),
        ("Ca prostat, wobbely gait, falln x3 this wk", "gait_disturbance"),
        ("pt w ?ca - legs givin way", "gait_disturbance"),
        ("He can't get out of his chair any more, his legs won't push him up.", "limb_weakness"),
        ("Pain better since the dex, but she's weaker in both legs.", "limb_weakness"),
        ("suddenly not able to lift her arm above her head", "limb_weakness"),
        ("her legs gone numb n heavy", "limb_weakness"),
        ("thyriod ca, neck pain + arm tinglin + gripp weak", "limb_weakness"),
        ("hes got prostrate cancer and now hes numm in both legs", "sensory_loss"),
        ("Hasn't been able to feel the bed under her legs since lunch.", "sensory_loss"),
        ("says his bottom feels dead", "sensory_loss"),
        ("Straight leg raise positive R at 40 degrees", "radicular_pain"),
        ("a burning pain that runs from my lower back down the outside of my left leg",
         "radicular_pain"),
    ],
)  # fmt: skip
def test_round23_red_flag_words(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("mobilising with a frame as usual", "gait_disturbance"),
        ("Timed up-and-go 9 s", "gait_disturbance"),
        ("the shelves won't hold them up", "gait_disturbance"),
        ("his bladder is fine", "bladder_bowel_dysfunction"),
        ("wet the flannel", "bladder_bowel_dysfunction"),
        ("plantars down-going", "cord_signs"),
        ("anal tone normal", "cord_signs"),
        ("can lift her arm above her head", "limb_weakness"),
        ("straight leg raise negative", "radicular_pain"),
        ("it's in the bones of her hands", "spinal_metastases"),
    ],
)
def test_round23_red_flag_near_misses(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "57F, no known cancer hx. 8 kg wt loss, some hemoptysis.",
        "unintentional wt loss ~8kg",
        "I've lost nearly a stone without trying",
        "no known cancer. CXR in the ER: RUL mass.",
    ],
)
def test_round23_suspicion_of_cancer(text: str) -> None:
    read = facts(text)
    assert read["cancer_suspected"] == "yes" and read.get("cancer_diagnosis") != "yes"


@pytest.mark.parametrize("text", ["lost 2 kg on purpose, dieting", "weight stable"])
def test_round23_no_suspicion_of_cancer(text: str) -> None:
    assert "cancer_suspected" not in facts(text)


def test_an_adult_who_wants_children_is_not_a_child(conversation) -> None:
    text = (
        "I'm 29 and have Ewing sarcoma - one of my spine bones has a tumour pressing on my "
        "spinal cord and they want to start radiotherapy tomorrow. I really want children one day."
    )
    assert not last(conversation, text).out_of_scope
    assert last(conversation, "my 9 year old has back pain and a lump on his spine").out_of_scope


def test_the_dex_of_a_live_case_asked_with_the_mri_result_is_the_case(conversation) -> None:
    answer = last(
        conversation,
        "gave 16mg dex in ED at 2am for ?MSCC - 69M prostate ca, new L leg weakness",
        "mri whole spine back: no mets anywhere, no cord compression, L4/5 disc prolapse "
        "compressing L5 root. do we carry on the dex or wean it?",
    )
    assert not answer.out_of_scope


def test_a_disc_question_without_the_dex_in_a_live_case_is_still_off_topic() -> None:
    assert scope.off_topic_for_case("how long should a disc prolapse take to settle?")


@pytest.mark.parametrize(
    "text",
    [
        "tb spine (potts) - how long is treatment?",
        "breast RT after wide local excision - is 26 Gy in 5 fractions ok?",
        "Down syndrome teen, screen for atlantoaxial instability before football?",
        "can you write a reference for my student nurse",
        "how do i grade a pressure ulcer on a care home resident's heel",
        "radical prostate RT, 60Gy in 20 fractions still standard?",
        "48F day 9 after FEC-T for breast ca, temp 38.6 with rigors. no back pain. what abx?",
    ],
)
def test_round23_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


# --- from the round-23 follow-ups (fu20; tuned on after its first run) ---------------------


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("she's started having trouble holding her wee", "bladder_bowel_dysfunction", "yes"),
        ("shes had a sore back for weeks now, she cant sleep with it", "pain_night", "yes"),
        ("thoracic back pain, progressive over 6 wks", "pain_progressive", "yes"),
        ("My wife (62) has myeloma with lesions in her spine.", "spinal_metastases", "confirmed"),
    ],
)
def test_round23_follow_up_words(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("can't sleep with the noise", "pain_night"),
        ("no trouble holding her wee", "bladder_bowel_dysfunction"),
        ("myeloma with lesions in her skull", "spinal_metastases"),
    ],
)
def test_round23_follow_up_near_misses(text: str, fact: str) -> None:
    assert facts(text).get(fact) in (None, "no")


def test_a_trailing_question_mark_doubts_only_the_finding_before_it() -> None:
    read = extract("numb and weak legs?")
    assert read.facts["sensory_loss"] == "yes" and "limb_weakness" in read.uncertain
    assert "limb_weakness" in extract("weak legs?").uncertain


def test_a_general_question_mid_case_writes_nothing(conversation) -> None:
    answer = last(
        conversation,
        "70F breast ca with spinal mets T10, pain controlled",
        "general q - for prostate ca with spinal mets, when are bisphosphonates indicated?",
    )
    assert answer.turn == "question" and answer.facts["primary_tumour"] == "breast"


def test_a_general_marker_with_the_patient_still_writes_the_finding(conversation) -> None:
    answer = last(
        conversation,
        "70F breast ca with spinal mets T10, pain controlled",
        "in general, his legs are weak now - what next?",
    )
    assert answer.facts["limb_weakness"] == "yes"


def test_real_pt_after_general_questions_is_a_case(conversation) -> None:
    answer = last(
        conversation,
        "what does NICE say about CT?",
        "ok real pt: 79M myeloma, ICD that isn't MR conditional, new back pain, tender over T9",
    )
    assert answer.facts["mri_contraindicated"] == "yes" and answer.turn in ("case", "new_patient")
