"""Session 26 (#12): rounds 50 and 51's reading classes, fixed as classes and tested both ways:
the one relative a message speaks of is the patient, a double negation with "there", a power
grade below full stated past a denial's comma, an item marked "+", "no less", a statement after
a question's dash, a worry about what has already happened, and new words for Box 1 findings."""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract

A_AND_E = (
    "We're sat in the A&E waiting room, been here 3 hours. My husband Dave has myeloma, "
    "diagnosed last year. This week his feet feel like they're wrapped in cotton wool and it's "
    "crept up to his knees now. His legs have gone weak."
)


def test_the_one_relative_a_message_speaks_of_is_the_patient() -> None:
    read = facts(A_AND_E)
    assert read["cancer_diagnosis"] == "yes" and read["primary_tumour"] == "myeloma"
    assert read["limb_weakness"] == "yes"
    assert extract(A_AND_E).patient_relative == "husband"
    assert (
        facts("is it bad that grandma can't feel her legs?? she's got breast cancer")[
            "sensory_loss"
        ]
        == "yes"
    )
    read = facts("brother w melanoma cancer numb from chest down n cnt move legs")
    assert read["cancer_diagnosis"] == "yes" and read["limb_weakness"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        # a relative in the past: a family history, not the patient
        "Known prostate ca, new back pain. Brother had cord compression and couldn't walk.",
        # someone else's relative
        "She has breast ca. Her sister has numb legs.",
        # another patient named
        "Pt 68M, back pain. Wife has numb legs from her diabetes.",
        # the writer speaks of their own illness
        "We're at home tonight. My dad has numb legs and I have breast cancer.",
        # two relatives: neither alone is the patient
        "My mum has lung cancer and my dad has numb legs.",
    ],
)
def test_a_relative_who_is_not_the_only_one_or_not_now_stays_a_relative(text) -> None:
    read = extract(text)
    assert read.patient_relative in (None, "mother")
    if "Brother had" in text:
        assert read.facts.get("limb_weakness") != "yes" and "gait_disturbance" not in read.facts
    if "Her sister" in text or "Wife has" in text:
        assert "sensory_loss" not in read.facts
    if "I have breast cancer" in text:  # the sole-relative rule stands aside for the writer
        assert read.patient_relative is None


def test_a_double_negation_with_there_states_the_finding() -> None:
    read = facts("It's not that there's no weakness - there is, 4/5 on the right. Lung cancer.")
    assert read["limb_weakness"] == "yes"
    assert facts("There's no weakness. Lung cancer.")["limb_weakness"] == "no"


def test_a_power_grade_below_full_is_stated_past_a_denials_comma() -> None:
    read = facts("No radicular pain, weakness of right ankle dorsiflexion 4/5. Lung cancer.")
    assert read["limb_weakness"] == "yes" and read["radicular_pain"] == "no"
    # a full grade is no weakness stated
    assert facts("No radicular pain, weakness 5/5 throughout.").get("limb_weakness") != "yes"


def test_an_item_marked_plus_is_stated_and_new_words_affirm() -> None:
    read = facts("No urinary symptoms, + saddle paraesthesia, + unsteady gait. Ovarian ca.")
    assert read["bladder_bowel_dysfunction"] == "no"
    assert read["cord_signs"] == "yes" and read["gait_disturbance"] == "yes"
    read = facts("Not incontinent, not numb, walking with new difficulty. Ovarian cancer.")
    assert read["gait_disturbance"] == "yes" and read["sensory_loss"] == "no"
    assert facts("No urinary symptoms, saddle paraesthesia. Ovarian ca.").get("cord_signs") != (
        "yes"
    )


def test_no_less_keeps_the_finding() -> None:
    assert facts("No less unsteady than yesterday. Lung ca.")["gait_disturbance"] == "yes"
    assert facts("No unsteadiness. Lung ca.").get("gait_disturbance") == "no"


def test_a_statement_after_a_questions_dash_is_stated() -> None:
    read = facts(
        "What should I do - he's got cancer in his prostate and now he can't pass water and his "
        "legs are numb?"
    )
    assert read["sensory_loss"] == "yes" and read["bladder_bowel_dysfunction"] == "yes"
    # a question about a finding still only asks
    assert "limb_weakness" not in facts("What if his legs go weak?")


def test_a_worry_about_what_has_happened_states_it() -> None:
    read = facts("Should I be worried that my dad's legs have gone weak? He's got prostate cancer.")
    assert read["limb_weakness"] == "yes"
    assert (
        "mscc" not in facts("I'm worried that he has cord compression.")
        or facts("I'm worried that he has cord compression.")["mscc"] != "confirmed"
    )


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Metastatic endometrial ca. New: she's walking unsteadily.", "gait_disturbance"),
        (
            "Her feet are fizzy and she's off balance when she walks. Lung cancer.",
            "gait_disturbance",
        ),
        ("cnt feel my feet, hav breast cancer, walkin like im drunk", "gait_disturbance"),
        (
            "He's got myeloma. Since yesterday I've had to help him walk to the toilet.",
            "gait_disturbance",
        ),
        (
            "He keeps having to grab the worktop to stay upright. Prostate cancer.",
            "gait_disturbance",
        ),
        ("Walked 10 m with 2 stops to steady herself. Ovarian ca.", "gait_disturbance"),
        ("Myeloma patient with gait instability.", "gait_disturbance"),
        ("He's lost the power in his legs. Lung cancer.", "limb_weakness"),
        ("He couldn't push his left foot down against my hand. Bladder ca.", "limb_weakness"),
        ("No incontinence. Weak ankles. Prostate ca.", "limb_weakness"),
        ("Not numb, just weak. Lung cancer.", "limb_weakness"),
        ("Ca lung. New LLW (4/5).", "limb_weakness"),
        ("Mum says she's dead from the waist down. Lymphoma.", "sensory_loss"),
        ("Her legs don't feel like hers. Lymphoma.", "sensory_loss"),
        ("Pt 71M, met Ca prostate, dec sensation L4-S1 bilat.", "sensory_loss"),
        ("Feet feeling like cardboard. Colon cancer.", "sensory_loss"),
        ("He says he's got no feeling when he wipes himself. Prostate ca.", "cord_signs"),
        ("Ca colon. PR: dec AT.", "cord_signs"),
        ("Plantars no longer downgoing - both upgoing today. Prostate cancer.", "cord_signs"),
        ("RCC w/ spinal mets. FI x2 today (new).", "bladder_bowel_dysfunction"),
        ("Sharp shooting pain in a strip round my side from my spine. Myeloma.", "radicular_pain"),
        (
            "Pain radiating to the front of the right thigh (L2/3 dermatome). Ovarian ca.",
            "radicular_pain",
        ),
    ],
)
def test_new_words_for_box_1_findings(text, fact) -> None:
    assert facts(text)[fact] == "yes", text


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Not unsteady, walking normally. Lung ca.", "gait_disturbance"),
        ("Myeloma patient with spinal instability on CT, SINS 13.", "gait_disturbance"),
        ("No weakness in his legs. Lung cancer.", "limb_weakness"),
        ("Numb, but not weak. Lung cancer.", "limb_weakness"),
        ("Sensation intact. Prostate ca.", "sensory_loss"),
        ("PR: normal anal tone. Ca colon.", "cord_signs"),
        ("Plantars downgoing. Prostate cancer.", "cord_signs"),
        ("No band of pain round his chest. Myeloma.", "radicular_pain"),
    ],
)
def test_the_same_findings_denied_or_absent_are_not_read_as_present(text, fact) -> None:
    assert facts(text).get(fact) != "yes", text


def test_gait_instability_is_not_spinal_instability() -> None:
    assert "spinal_instability" not in facts("Myeloma patient with gait instability.")


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "She's 67, never had cancer. Back pain 2 months. She's lost weight.",
            "cancer_suspected",
            "yes",
        ),
        ("No history of cancer. Bloods: Ca 2.9, ESR 92. Back pain.", "cancer_suspected", "yes"),
        ("hes 63 never had cancer, back kills him at night cant sleep", "pain_night", "yes"),
        ("Continuous back pain, it wakes her at about 03:00.", "pain_night", "yes"),
        ("Back pain barely touched by paracetamol. Bowel ca.", "pain_controlled", "no"),
        ("Breast ca, back pain and tender over one vertebra.", "localised_tenderness", "yes"),
        (
            "Lymphoma. MRI shows T5 mets. They are talking about radiotherapy.",
            "radiotherapy_considered",
            "yes",
        ),
        (
            "MSCC. Dex 16mg started this morning and he's continuing on it daily.",
            "on_corticosteroids",
            "yes",
        ),
    ],
)
def test_round51_case_words(text, fact, value) -> None:
    assert facts(text)[fact] == value, text


def test_signs_of_a_cancer_not_yet_known_stand_aside_for_a_diagnosis() -> None:
    assert "cancer_suspected" not in facts("Known breast cancer with bone mets. She's lost weight.")
    assert "cancer_suspected" not in facts("Known myeloma. Ca 2.9 today.")
    assert "cancer_suspected" not in facts("Never had cancer. Calcium 2.4, ESR 12.")


def test_a_distance_after_a_comparison_is_no_childs_age() -> None:
    read = extract("MM, IgA. Unable to mobilise >5m. Urinary retention (bladder scan 800ml).")
    assert read.facts["gait_disturbance"] == "yes"
    from assistant.reading import scope

    assert not scope.about_a_child("Unable to mobilise >5m.")
    assert scope.about_a_child("5m with a fever and back pain")


def test_a_relative_who_asks_the_patient_is_the_informant() -> None:
    read = facts(
        "my nan is 79, had womb cancer in 2022. mum asked her and she said she keeps tripping "
        "over and her feet feel like cotton wool since last week."
    )
    assert read["gait_disturbance"] == "yes" and read["sensory_loss"] == "yes"
    # a relative's own finding in her own clause is still asked, not the patient's
    read = extract("my nan has womb cancer. mum has numb feet from her diabetes.")
    assert read.facts.get("sensory_loss") != "yes"


def test_a_mate_is_someone_else() -> None:
    read = facts(
        "my grandad has bowel ca, no weakness no numbness. its his mate at the care home whos got "
        "weak legs (mate doesnt have cancer)."
    )
    assert read.get("limb_weakness") != "yes" and read["cancer_diagnosis"] == "yes"
    # "mate" as a greeting is nobody
    assert facts("cheers mate, he has prostate ca and weak legs")["limb_weakness"] == "yes"


def test_a_patient_described_after_a_plan_is_stated() -> None:
    read = facts(
        "Med reg wants to start dex for a 49M with renal cell ca and a known L2 metastasis on CT."
    )
    assert read["cancer_diagnosis"] == "yes" and read["spinal_metastases"] == "confirmed"
    # what the plan is for stays hypothetical
    assert "limb_weakness" not in facts("Plan to start dex if he develops weak legs.")


def test_a_relative_named_after_the_patients_case_is_someone_else() -> None:
    read = extract("Known prostate ca, back pain. Wife has MS and can't walk.")
    assert read.patient_relative is None
    assert read.facts.get("gait_disturbance") != "yes"


def test_a_finding_the_writer_is_not_sure_of_is_asked_never_recorded() -> None:
    read = extract("I'm not sure his legs are as strong as they were. Prostate cancer.")
    assert "limb_weakness" not in read.facts and "limb_weakness" in read.uncertain
    read = extract("Power full. Not numb exactly, he's not sure what. Prostate cancer.")
    assert "sensory_loss" not in read.facts and "sensory_loss" in read.uncertain
    # a plain denial still denies; a stated finding after an unsure opener is still stated
    assert facts("Not numb. Lung ca.")["sensory_loss"] == "no"
    assert facts("I'm not sure. His legs are weak.")["limb_weakness"] == "yes"
