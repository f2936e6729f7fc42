"""Session 40 (#12): round 78's reading classes, fixed as classes and tested both ways.

The two stated red flags recorded absent: a symptom's match that began inside another finding's
denial and ran on past a comma ("Denies leg pain, pain shoots around the right chest wall",
rf78-240) now starts where the finding does; a walking aid taken up since a weekday, however
written ("uses a frame since Tues (new)", rf78-227), is difficulty walking. Also: new walking
aids and legs giving way in lay words, radiation drawn with an arrow, "radic pn", shorthand
upper motor neurone signs, loss of the feeling of the bowels opening, urgency with leaking,
named muscles' grades, a form's "sensory change", a certainty said with a doubt denied, an
"if" over a state that began at a time already past, a worry opened by a colon, a cancer of
unknown primary by name, "lytic T9", "MSCC screen" (a form, not a diagnosis), the spread of
the patient's own cancer that a worry or question is about, a relative who calls about a
clinician's patient, a finding said to be someone else's, the mother's pronoun when the
patient is the writer's brother, "it's pressing on his spinal cord" after the cancer is named,
and the words of a treatment plan (declined, not appropriate, needed tonight).
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


def test_a_finding_begun_inside_a_denial_starts_after_the_comma() -> None:
    read = facts("Prostate ca. Denies leg pain, pain shoots around the right chest wall along T6.")
    assert read["radicular_pain"] == "yes"  # rf78-240: had been recorded absent
    # the denial still governs a list it opens
    assert facts("Prostate ca. Denies leg pain, numbness or weakness.").get("limb_weakness") != (
        "yes"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Denies falls, uses a frame since Tues (new). Breast ca.",
        "No falls, uses a frame (new). Breast ca.",
        "Using a stick since Sun. Lung ca.",
        "He's got bowel cancer and he's had to start using Grandad's old walking stick.",
        "Metastatic prostate ca. He has had to start using his late wife's walking stick.",
        "Breast ca. Her right leg has been giving way on the stairs this week.",
        "Lung ca. He tried to get up and his legs just went and he's on the floor now.",
        "Breast ca. She's now holding the banister with both hands.",
        "Myeloma. I had to help him up the stairs today.",
        "Breast cancer. I have difficulty to walk.",
        "Lung ca. He walks well but only with a frame now.",
    ],
)
def test_walking_difficulty_in_lay_words(text) -> None:
    assert facts(text)["gait_disturbance"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Breast ca. Uses a frame (usual).",
        "Breast ca. Walks with a stick since 2019.",
    ],
)
def test_a_usual_walking_aid_is_not_new_difficulty(text) -> None:
    assert facts(text).get("gait_disturbance") != "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("HCC w/ spinal mets. c/o ++ LBP → both legs (shooting).", "radicular_pain"),
        ("Pt (NSCLC) c/o radic pn R C7.", "radicular_pain"),
        ("Myeloma. Pain shooting down posterior R thigh to the calf.", "radicular_pain"),
        ("Myeloma pt. brisk KJs, ↑plantars.", "cord_signs"),
        ("Without any doubt the plantars are upgoing. Breast cancer.", "cord_signs"),
        ("Melanoma. Biceps and brachioradialis 4/5.", "limb_weakness"),
        ("Myeloma. She can't feel when her bowels are opening.", "bladder_bowel_dysfunction"),
        ("pt ca prostate, cant feel when hes goin for a poo", "bladder_bowel_dysfunction"),
        (
            "Lung ca. I rush to the toilet and sometimes I don't make it.",
            "bladder_bowel_dysfunction",
        ),
        ("Lung ca. The urgency and leaking is new.", "bladder_bowel_dysfunction"),
        ("MSCC screen (lung ca):\n sensory change: YES", "sensory_loss"),
    ],
)
def test_round_78_red_flag_words(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Myeloma. He can feel when his bowels are opening.", "bladder_bowel_dysfunction"),
        ("Breast ca. I doubt the plantars are upgoing.", "cord_signs"),
        ("Melanoma. Biceps and brachioradialis 5/5.", "limb_weakness"),
        ("MSCC screen (lung ca):\n sensory change: NO", "sensory_loss"),
    ],
)
def test_round_78_words_that_do_not_state_the_red_flag(text, fact) -> None:
    assert facts(text).get(fact) != "yes"


def test_bowels_opening_inside_a_lost_feeling_is_no_normal_habit() -> None:
    read = extract(
        "Myeloma. Mild stress incontinence for years, unchanged. New this week: she can't "
        "feel when her bowels are opening and has soiled herself twice."
    )
    assert read.facts["bladder_bowel_dysfunction"] == "yes"
    assert not any(e.fact == "bladder_bowel_dysfunction" and e.value == "no" for e in read.evidence)


def test_an_if_over_a_state_begun_at_a_past_time_is_the_patients() -> None:
    read = facts(
        "How urgent is it if my father (bladder cancer) can't lift his left leg onto the bed "
        "since this morning?"
    )
    assert read["limb_weakness"] == "yes"
    # a supposition with no such time stays asked
    supposed = extract("What should I do if my patient develops weakness? Lung cancer.")
    assert supposed.facts.get("limb_weakness") is None
    assert "limb_weakness" in supposed.uncertain


def test_a_worry_opened_by_a_colon_states_the_clause_after_it() -> None:
    read = facts(
        "Our neighbour with MS uses a wheelchair. My mum (lung cancer) is the one I'm worried "
        "about: her legs are numb and she's started falling."
    )
    assert read["sensory_loss"] == "yes"
    # a worry about something not stated stays a worry
    assert "mscc" not in facts("Lung cancer. I'm worried about MSCC.") or (
        facts("Lung cancer. I'm worried about MSCC.")["mscc"] != "confirmed"
    )


def test_a_cancer_of_unknown_primary_is_a_cancer() -> None:
    read = facts("CUP w/ lytic T9. Neuro: sens level T10 on exam, pwr 5/5.")
    assert read["cancer_diagnosis"] == "yes"
    assert read["primary_tumour"] == "not_identified"
    assert read["spinal_metastases"] == "confirmed"
    # 'no known primary' alone is only the primary, and a cup of tea is no cancer
    assert "cancer_diagnosis" not in facts("Lytic lesion on CT, no known primary.")
    assert "cancer_diagnosis" not in facts("Had a cup of tea, back pain.")


@pytest.mark.parametrize(
    "text", ["MSCC screen (lung ca): back pain YES", "Referral for MSCC screening"]
)
def test_an_mscc_form_is_no_diagnosis(text) -> None:
    assert "mscc" not in facts(text)


def test_the_spread_of_the_patients_own_cancer_is_what_is_asked() -> None:
    for text in (
        "Could his numb feet be the diabetes, or should we worry about his prostate cancer "
        "spreading to his spine?",
        "Could his prostate cancer have spread to his spine?",
    ):
        read = facts(text)
        assert read["cancer_diagnosis"] == "yes"  # his own cancer: stated
        assert read["spinal_metastases"] == "suspected"  # the spread: asked
    assert facts("His prostate cancer has spread to his spine.")["spinal_metastases"] == (
        "confirmed"
    )


def test_the_relative_of_a_clinicians_patient_is_the_informant() -> None:
    read = facts(
        "Call from the daughter of one of my SCLC patients (59M, on 2nd line chemo). She says "
        "since yesterday he's 'walking funny'."
    )
    assert read["cancer_diagnosis"] == "yes"
    assert read["primary_tumour"] == "lung"
    assert read["gait_disturbance"] == "yes"


def test_a_finding_said_to_be_someone_elses_is_not_the_patients() -> None:
    read = extract(
        "Ovarian ca. Her husband mentioned numb feet but that's HIS diabetic neuropathy, not "
        "hers. She has full strength in her legs."
    )
    assert read.facts.get("sensory_loss") != "yes"
    # never recorded absent on his account: asked
    assert "sensory_loss" not in read.facts or read.facts["sensory_loss"] != "no"
    assert facts("Ovarian ca. She has numb feet.")["sensory_loss"] == "yes"


def test_the_mothers_pronoun_is_not_the_brothers() -> None:
    read = extract(
        "It's about my brother Mark, he's got bowel cancer. Our mum had a cord compression "
        "from her cancer last year — her legs went weak and she couldn't wee. Now Mark's got "
        "back pain that's worse at night."
    )
    assert read.facts.get("limb_weakness") != "yes"
    assert read.facts.get("bladder_bowel_dysfunction") != "yes"
    assert "limb_weakness" in read.uncertain  # asked, never recorded absent
    # the patient's own pronoun keeps the finding
    assert (
        facts("It's about my brother Mark, he's got bowel cancer and his legs went weak.")[
            "limb_weakness"
        ]
        == "yes"
    )


@pytest.mark.parametrize(
    "text",
    [
        "He has pancreatic cancer and the doctors say it's pressing on his spinal cord now.",
        "The scan showed the cancer has spread to my spine at L1 and it's pressing on the nerves.",
    ],
)
def test_it_pressing_on_the_cord_after_the_cancer_is_mscc(text) -> None:
    assert facts(text)["mscc"] == "confirmed"


@pytest.mark.parametrize(
    "text",
    ["My disc is bulging and it's pressing on the nerves.", "It's pressing on the nerves."],
)
def test_it_pressing_on_the_nerves_without_spinal_cancer_is_not_mscc(text) -> None:
    assert "mscc" not in facts(text)


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "The surgeon offered an operation but I've thought hard and I don't want it.",
            "surgery_declined",
            "yes",
        ),
        ("He was offered surgery but doesn't want it.", "surgery_declined", "yes"),
        (
            "They've said no radiotherapy, no operation and no more chemo because he's too poorly.",
            "oncology_treatment_inappropriate",
            "yes",
        ),
        ("They think he's only got weeks.", "prognosis", "poor"),
        (
            "He needs decompression tonight, no time to wait for a biopsy - agree?",
            "immediate_treatment_needed",
            "yes",
        ),
        ("MRI shows MSCC at T11, SINS 13 so query unstable.", "spinal_instability", "suspected"),
        ("My legs are working fine.", "limb_weakness", "no"),
        ("Now he has no pain, walks good.", "gait_disturbance", "no"),
        ("He walks to the café every day.", "gait_disturbance", "no"),
        ("No problem with xixi or cocó.", "bladder_bowel_dysfunction", "no"),
        (
            "Prostate cancer with przerzuty (metastases) in the spine bones.",
            "spinal_metastases",
            "confirmed",
        ),
    ],
)
def test_round_78_plan_and_history_words(text, fact, value) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("He's only got weeks of pain.", "prognosis"),
        ("SINS 14.", "spinal_instability"),
        ("I don't want to wait for the operation.", "surgery_declined"),
    ],
)
def test_round_78_words_that_do_not_say_it(text, fact) -> None:
    read = facts(text)
    assert (
        read.get(fact)
        not in {
            "prognosis": ("poor",),
            "spinal_instability": ("suspected",),
            "surgery_declined": ("yes",),
        }[fact]
    )


def test_an_overnight_scanner_not_staffed_asks_whether_overnight_mri_is_needed() -> None:
    read = extract("Their MRI scanner isn't staffed overnight and they want to transfer him.")
    assert read.facts.get("urgent_diagnosis_for_immediate_treatment") != "no"
    assert "urgent_diagnosis_for_immediate_treatment" in read.uncertain


def test_claudication_is_not_mechanical_pain() -> None:
    read = facts(
        "70M, lung ca, cramping leg pain when he walks (claudication), back pain at night."
    )
    assert read["claudication"] == "yes"
    assert "pain_mechanical" not in read


def test_a_graded_finding_is_never_restarted_after_its_comma() -> None:
    # rf47-035: the restart after a comma must not drop the left leg's grade
    read = facts("O/E: left leg 4/5 throughout, right leg 5/5. Hx NSCLC.")
    assert read["limb_weakness"] == "yes"
