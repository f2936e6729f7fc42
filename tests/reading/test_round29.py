"""Session 16 (#12): round-29 reading failures fixed as classes, each tested both ways.

- A writer who denies item by item ("no retention, no incontinence, ...") states the item that
  has no denial of its own; a list closed by "or", or a tight "/" pair, is still denied.
- Overlapping mentions ("radicular pain" and the "pain" in it) are one list item, so two items
  are no run of three.
- A denial said of before ("never had any numbness before, but has it now") is no denial now;
  "as before" and "never before" keep their clause in the present.
- Retention said through its treatment: "she's had to be catheterised", "catheterised, 900 ml".
- "Like electric shocks" down a leg is radicular pain (the writers' reading), not sensory loss.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "No retention, no incontinence, radicular pain L5 on the left. Myeloma.",
            "radicular_pain",
        ),
        (
            "No B/B dysfunction, no LL weakness, radicular pain both legs. Lung ca.",
            "radicular_pain",
        ),
        ("No fever, no cough, weak legs. Lung ca.", "limb_weakness"),
    ],
)
def test_an_item_without_its_own_denial_is_stated(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "No weakness, no numbness, retention or incontinence. Lung ca.",
            "bladder_bowel_dysfunction",
        ),
        ("Lung ca. No weakness, no numbness/tingling, walking ok.", "sensory_loss"),
        ("Breast ca. Denies weakness, numbness, incontinence.", "bladder_bowel_dysfunction"),
    ],
)
def test_a_closed_list_and_a_tight_pair_are_still_denied(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"


def test_a_denial_of_before_is_not_a_denial_now() -> None:
    assert (
        facts("Never had any numbness before, but has it now in both feet. Myeloma.")[
            "sensory_loss"
        ]
        == "yes"
    )
    read = extract("Lung ca. No weakness before. Now weak.")
    assert read.facts.get("limb_weakness") != "no"
    assert (
        facts(
            "Never known her to be incontinent before, but she has been twice this week. "
            "Ovarian ca."
        )["bladder_bowel_dysfunction"]
        == "yes"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Lung ca. No weakness, mobilising with stick as before.",
        "Myeloma. Soiled himself overnight, never before. No leg weakness.",
    ],
)
def test_as_before_and_never_before_are_about_now(text: str) -> None:
    assert facts(text)["limb_weakness"] == "no"


@pytest.mark.parametrize(
    "text",
    [
        "Bowels normal. Bladder, though - she's had to be catheterised, 900 ml. Myeloma.",
        "Prostate ca. He had to be catheterised last night.",
        "Lung ca. Catheterised this morning, 1100 ml.",
    ],
)
def test_retention_said_through_its_treatment(text: str) -> None:
    assert facts(text)["bladder_bowel_dysfunction"] == "yes"


def test_a_catheter_alone_is_not_retention() -> None:
    assert "bladder_bowel_dysfunction" not in facts("Prostate ca. Long-term catheter in situ.")


def test_electric_shocks_down_a_leg_are_radicular_not_numbness() -> None:
    read = facts("Breast ca. Pain shoots down her leg like an electric shock.")
    assert read["radicular_pain"] == "yes"
    assert "sensory_loss" not in read
    assert facts("Lung ca. Legs feel electric and numb.")["sensory_loss"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Prostate ca. I don't have any pain going down my legs.", "radicular_pain"),
        ("Lung ca. She hasn't got any weakness in her legs.", "limb_weakness"),
    ],
)
def test_first_person_and_hasnt_got_denials_reach_the_clause(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"


def test_a_denial_does_not_reach_a_finding_after_a_new_clause() -> None:
    read = facts("Prostate ca. I don't have any weakness but I've got numb feet.")
    assert read["limb_weakness"] == "no"
    assert read["sensory_loss"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Caller 55M, no medical history, never been told he has cancer. Back pain.",
        "I've never been told I have cancer. Back pain for a month.",
    ],
)
def test_never_told_of_cancer_is_no_cancer(text: str) -> None:
    assert facts(text)["cancer_diagnosis"] == "no"


def test_told_of_cancer_is_cancer() -> None:
    assert facts("He was told he has cancer last year. Back pain.")["cancer_diagnosis"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "MSCC T9. Op went fine yesterday (T8-10 decompression and fixation), wound OK.",
        "MSCC T9. Had T8-10 decompression and fixation yesterday.",
    ],
)
def test_surgery_done_in_ward_words(text: str) -> None:
    assert facts(text)["had_spinal_surgery"] == "yes"


def test_surgery_hoped_for_is_not_done() -> None:
    assert "had_spinal_surgery" not in facts("MSCC T9. Hoping the op goes well tomorrow.")


def test_a_bracketed_denial_inside_a_treatment_is_the_brackets() -> None:
    read = facts(
        "Breast ca, had 8 Gy single fraction to a painful L2 metastasis (no MSCC) 5 months ago."
    )
    assert read["previous_radiotherapy"] == "yes"
    assert facts("Breast ca. No previous radiotherapy.")["previous_radiotherapy"] == "no"


def test_pain_said_to_be_severe() -> None:
    assert facts("Breast ca. Her pain is now severe.")["pain_severe"] == "yes"
    assert facts("Breast ca. Her pain is not severe.")["pain_severe"] == "no"


def test_no_diagnosis_yet_beside_a_suspected_cancer_is_an_unidentified_primary() -> None:
    read = facts(
        "49F, no cancer diagnosis yet. CT shows a paravertebral mass at T9 infiltrating the "
        "vertebra, radiologist says likely lymphoma. No histology yet."
    )
    assert read["primary_tumour"] == "not_identified"
    assert facts("Lung ca. Awaiting histology.")["primary_tumour"] == "lung"


def test_a_relative_writer_who_first_says_where_they_write_from() -> None:
    read = facts(
        "texting from toronto. my mum has breast cancer that's spread to the bones incl her "
        "spine. toilet fine."
    )
    assert read["cancer_diagnosis"] == "yes"
    assert read["spinal_metastases"] == "confirmed"
    assert read["bladder_bowel_dysfunction"] == "no"


def test_walking_to_the_toilet_is_no_bladder_statement() -> None:
    assert "bladder_bowel_dysfunction" not in facts("Lung ca. Walking to the toilet ok.")


def test_the_back_getting_worse_is_progressive_pain_and_sleep_is_night_pain() -> None:
    read = facts(
        "Breast ca. Her back has been getting worse for a month and it's stopping her sleeping."
    )
    assert read["back_pain"] == read["pain_progressive"] == read["pain_night"] == "yes"
    assert "pain_progressive" not in facts("Lung ca. His back is no worse.")


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Prostate ca. He's tender over his lower spine.", "localised_tenderness", "yes"),
        ("Had kidney cancer. Sore back, really tender on one spot.", "localised_tenderness", "yes"),
        ("Kidney ca. It aches worse when I'm moving around.", "pain_mechanical", "yes"),
        ("68M prostate ca, back pain, progressive over 2wks", "pain_progressive", "yes"),
        ("Breast ca. My back has started hurting at night.", "back_pain", "yes"),
        ("Prostate ca. Back pain that his painkillers don't control.", "pain_controlled", "no"),
        ("Oncology say immediate treatment is needed.", "immediate_treatment_needed", "yes"),
        ("He has kids already and doesnt want more.", "fertility_concern", "no"),
        (
            "The dexamethasone hasn't been given. It was prescribed but not given.",
            "dexamethasone_given",
            "no",
        ),
        (
            "Prostate ca. The team offered me surgery but I've decided I don't want it.",
            "surgery_declined",
            "yes",
        ),
        (
            "66F, confirmed MSCC at L1, had her radiotherapy for it last week.",
            "mscc_radiotherapy_given",
            "yes",
        ),
        ("Lung ca. He is going to the toilet fine.", "bladder_bowel_dysfunction", "no"),
    ],
)
def test_round29_follow_up_words(text: str, fact: str, value: str) -> None:
    assert facts(text)[fact] == value


def test_their_negative_twins_are_not_read() -> None:
    assert "mscc_radiotherapy_given" not in facts("Breast ca. Had her radiotherapy for it.")
    assert "dexamethasone_given" not in facts("Dexamethasone prescribed.")
    assert "surgery_declined" not in facts("Prostate ca. The team offered me surgery.")
    assert facts("Prostate ca. Not tender over his spine.").get("localised_tenderness") != "yes"


def test_a_worry_about_cancer_is_a_suspicion_not_a_diagnosis() -> None:
    read = facts("Caller 66M, no known cancer, his GP is worried he has cancer.")
    assert read["cancer_suspected"] == "yes"
    assert read.get("cancer_diagnosis") != "yes"
    assert facts("Caller 66M, he has cancer.")["cancer_diagnosis"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Exam: no clonus, left plantar equivocal, ?upgoing. Power 5/5. Bowel ca.", "cord_signs"),
        (
            "Urinary hesitancy? Maybe. Definitely no incontinence. Prostate cancer.",
            "bladder_bowel_dysfunction",
        ),
    ],
)
def test_a_hedged_red_flag_outweighs_a_denial_of_the_same_finding(text: str, fact: str) -> None:
    read = extract(text)
    assert fact not in read.facts
    assert fact in read.uncertain


def test_a_hypothetical_red_flag_leaves_the_denial() -> None:
    assert facts("Prostate ca. No weakness. If weakness develops, call.")["limb_weakness"] == "no"
    assert facts("Prostate ca. No clonus.")["cord_signs"] == "no"


def test_tottering_is_a_walking_difficulty() -> None:
    read = facts(
        "He denies that he is walking normally - says he has been tottering about. Melanoma."
    )
    assert read["gait_disturbance"] == "yes"
