"""Session 35 (#12): round 70's reading classes, fixed as classes and tested both ways: a denial
the writer denies, a loss of control said with "nil" or "no", a numbered item in brackets, a
"never … before" that ends with when it started, a negative before a verb of reporting, a
question put in the negative that the writer's answer contradicts, a second relative whose
finding is put down to their own condition, a young writer about a grandparent, a dog walked
rather than treated, and everyday words for Box 1 bladder, sensory, weakness and gait findings."""

from __future__ import annotations

import pytest
from chat_helpers import facts


def test_a_denial_the_writer_denies_is_asked_never_absent() -> None:
    read = facts(
        "It's not that there's no pain down the leg - it's shooting right down to his foot. "
        "Lung ca."
    )
    assert read.get("radicular_pain") != "no"  # rf70-199: recorded absent on the first run
    assert facts("No pain down the leg. Lung ca.")["radicular_pain"] == "no"
    read = facts("I wouldn't say his legs aren't weak - they definitely are. Colorectal cancer.")
    assert read.get("limb_weakness") != "no"
    assert facts("His legs aren't weak. Colorectal cancer.")["limb_weakness"] == "no"


def test_no_control_of_the_bladder_is_dysfunction() -> None:
    assert (
        facts("Nil bladder control since midnight. Prostate ca.")["bladder_bowel_dysfunction"]
        == "yes"
    )  # rf70-095: recorded absent on the first run
    assert facts("No bowel control today. Prostate ca.")["bladder_bowel_dysfunction"] == "yes"
    # a denial of control problems is still a denial
    read = facts("Bladder control normal, no bowel control issues. Prostate ca.")
    assert read["bladder_bowel_dysfunction"] == "no"


def test_a_bracketed_numbered_item_ends_the_denial_before_it() -> None:
    read = facts(
        "Findings (1) no radicular pain (2) sensation normal (3) weakness R leg 3/5 "
        "(4) catheterised for retention. Ovarian ca."
    )
    assert read["bladder_bowel_dysfunction"] == "yes"  # rf70-033: the "no" reached it
    assert read["radicular_pain"] == "no"
    # a bracket that is no item of a numbered list is not a boundary
    assert facts("no weakness (3) or numbness. lung ca").get("sensory_loss") == "no"


@pytest.mark.parametrize(
    "text",
    [
        "Never been incontinent before - until last night. Ca cervix with sacral mets.",
        "never had any numbness before, until yesterday. lung ca",
    ],
)
def test_never_before_until_says_the_finding_is_new(text) -> None:
    read = facts(text)
    assert "yes" in {read.get("bladder_bowel_dysfunction"), read.get("sensory_loss")}


def test_never_without_an_until_is_still_a_denial() -> None:
    assert facts("Never incontinent. Lung ca.").get("bladder_bowel_dysfunction") != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "She isn't complaining of any numbness. Breast ca",
        "She isn't reporting any numbness. lung ca",
        "she hasn't mentioned any numbness. lung ca",
    ],
)
def test_a_negative_before_a_verb_of_reporting_denies(text) -> None:
    assert facts(text)["sensory_loss"] == "no"  # rf70-027: read as stated on the first run


def test_a_verb_of_reporting_alone_still_states() -> None:
    assert facts("She is complaining of numbness in both feet. lung ca")["sensory_loss"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Not unsteady? No, she is - she's been weaving down the corridor. Breast ca.",
            "gait_disturbance",
        ),
        (
            "Negative for clonus? Not quite - 3 beats on the right, sustained on the left. "
            "Melanoma.",
            "cord_signs",
        ),
    ],
)
def test_a_negative_question_the_answer_contradicts_states_the_finding(text, fact) -> None:
    assert facts(text)[fact] == "yes"  # rf70-114, rf70-065: asked on the first run


def test_a_negative_question_answered_in_agreement_is_no_finding() -> None:
    assert facts("Not unsteady? No. Breast ca").get("gait_disturbance") != "yes"
    assert facts("Not weak? No, she isn't. Breast ca").get("limb_weakness") != "yes"
    assert facts("Negative for clonus? Yes. lung ca")["cord_signs"] == "no"


def test_a_relative_whose_finding_is_their_own_condition_is_family_history() -> None:
    read = facts(
        "hi im 15 and my grandma lives with us. she had bowel cancer 2 yrs ago. her back has "
        "been hurting for like a month and its worse at night. she can walk fine and she says "
        "her legs feel normal. my grandad had numb legs last year but that was his diabetes not "
        "her. what should we do"
    )
    assert read["sensory_loss"] == "no"  # b142: the grandad's numb legs were read as hers
    assert read["cancer_diagnosis"] == "yes"


def test_an_adult_writer_who_gives_their_age_is_still_the_patient() -> None:
    read = facts("im 45 and my back hurts and my legs are numb, I had breast cancer")
    assert read["sensory_loss"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "No bladder problems, no bowel problems - except that since yesterday he has had "
            "to strain a lot to get his urine started. Ca prostate.",
            "bladder_bowel_dysfunction",
        ),
        (
            "I have myeloma. I went to the loo and it took ages to start going, I had to "
            "really push.",
            "bladder_bowel_dysfunction",
        ),
        (
            "Prostate cancer. He's now having to wait a long time before his urine starts.",
            "bladder_bowel_dysfunction",
        ),
        (
            "He's walking fine, though he says his bladder isn't emptying properly since "
            "Sunday. Prostate cancer.",
            "bladder_bowel_dysfunction",
        ),
        (
            "Breast cancer in the bones. She cannot go to toilet properly, urine is stopping.",
            "bladder_bowel_dysfunction",
        ),
        (
            "Colon cancer w/ sacral mets: constipation with no urge sensation.",
            "bladder_bowel_dysfunction",
        ),
        (
            "prostate ca / back pain / no numbness / not weeing properly",
            "bladder_bowel_dysfunction",
        ),
        (
            "Breast cancer patient here. My legs feel like they belong to someone else.",
            "sensory_loss",
        ),
        ("NSCLC pt, dex 16mg started. reduced vib sense to ASIS.", "sensory_loss"),
        ("my wife have cancer of breast. her legs is not good, very weak", "limb_weakness"),
        ("my father has lung cancer. his legs are very kamzor, he cannot get up", "limb_weakness"),
        (
            "Kal se unki dono legs mein dard hai aur woh theek se walk nahi kar pa rahin. "
            "Breast cancer.",
            "gait_disturbance",
        ),
        ("Pt w/ HCC + spinal mets. Now WC-bound since Mon (was walking).", "gait_disturbance"),
        (
            "Breast ca. She cannot get from her chair to the toilet without two staff.",
            "gait_disturbance",
        ),
        (
            "Melanoma with spinal mets. New right leg weakness and a brisk right knee jerk.",
            "cord_signs",
        ),
        (
            "Frailty unit, prostate ca with spinal mets. Pain is constant, not related to "
            "movement, and severe despite regular MST.",
            "pain_severe",
        ),
    ],
)
def test_box_1_findings_in_round_70_words(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Prostate cancer. He had to strain his back lifting the shopping.",
            "bladder_bowel_dysfunction",
        ),
        ("Breast cancer. The car took ages to start this morning.", "bladder_bowel_dysfunction"),
        ("Lung ca. Bladder is emptying fine.", "bladder_bowel_dysfunction"),
        ("Breast cancer. Her legs feel like her own again, strong.", "sensory_loss"),
        ("Lung ca. Vibration sense normal.", "sensory_loss"),
        ("Lung ca. His legs are fine, not weak.", "limb_weakness"),
        ("Lung ca. Reflexes normal, knee jerks present.", "cord_signs"),
        ("Lung ca with spinal mets. Pain is constant but not severe.", "pain_severe"),
    ],
)
def test_the_same_findings_not_said_are_not_read(text, fact) -> None:
    assert facts(text).get(fact) != "yes"


def test_a_dog_walked_is_no_animal_patient() -> None:
    read = facts(
        "Kidney cancer patient. Everything below my belly button feels like it's been to the "
        "dentist - numb. Legs still work fine and I walked the dog with no trouble."
    )
    assert read["sensory_loss"] == "yes"


def test_a_wrong_cancer_corrected_needs_a_cancer_named_first() -> None:
    assert "primary_tumour" not in facts(
        "And bladder, I was wrong also, she is not wetting, bladder is okay. Only the legs."
    )  # fu67-015: read as bladder cancer
    assert facts("not prostate, his bladder ca")["primary_tumour"] == "other_solid"


def test_surgery_ruled_out_on_time_alone_is_surgery_debated() -> None:
    read = facts(
        "55M renal cell ca. Complete paraplegia below T10 for 3 weeks. MRI shows MSCC at T10. "
        "Referring team say surgery is 'off the table because it's way past 48 hours'."
    )
    assert read["invasive_intervention_considered"] == "yes"  # b141
    assert "invasive_intervention_considered" not in facts(
        "55M renal cell ca, MSCC at T10. Surgery is off the table because of his heart."
    )


def test_a_clinical_colleague_proposing_a_procedure_is_no_other_person() -> None:
    read = facts(
        "Lung ca with a single lytic L2 lesion, no MSCC. IR colleague is keen to do a "
        "vertebroplasty straight away."
    )
    assert read["invasive_intervention_considered"] == "yes"  # b142
    assert facts("My colleague has lung cancer and weak legs")["limb_weakness"] == "yes"


def test_postoperative_radiotherapy_is_radiotherapy_not_surgery_done() -> None:
    read = facts("Lung ca, MSCC. We are considering postoperative radiotherapy.")
    assert read["radiotherapy_considered"] == "yes"  # fu67-022
    assert "had_spinal_surgery" not in read
    assert facts("Lung ca, MSCC, day 3 post-op.")["had_spinal_surgery"] == "yes"
    assert facts("Lung ca, MSCC. Spine now stabilised surgically.")["had_spinal_surgery"] == "yes"


def test_surgery_now_not_suitable_is_unsuitable() -> None:
    assert (
        facts("Lung ca, MSCC. Surgery is now not suitable for her.")["suitable_for_surgery"] == "no"
    )  # b141
    assert "suitable_for_surgery" not in facts("Lung ca, MSCC. Surgery is now being planned.")
