"""Session 36 (#12): round 72's reading classes, fixed as classes and tested both ways.

An exception after a denial that says where, how much or when the finding is states the
finding ("No weakness except in the left leg"); one that names another finding or anything
else leaves it asked. A comma straight after the denied word keeps the exception in its clause
("No weakness, except in the left leg" had been read as no weakness: a stated red flag absent).
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract

RESTATED = [
    ("Breast ca. No weakness except in the left leg.", "limb_weakness"),
    ("Breast ca. No weakness, except in the left leg.", "limb_weakness"),
    ("Prostate ca. No weakness apart from the right leg, which gave way today.", "limb_weakness"),
    ("Lung ca. No weakness except mild, both legs.", "limb_weakness"),
    ("Myeloma. Nil numbness other than both feet.", "sensory_loss"),
    ("Renal ca. No numbness, apart from a small patch on the left thigh.", "sensory_loss"),
    ("Myeloma. No incontinence except when she coughs.", "bladder_bowel_dysfunction"),
    ("Lung ca. Denies weakness except when he walks far.", "limb_weakness"),
]


@pytest.mark.parametrize(("text", "fact"), RESTATED)
def test_an_exception_that_places_the_finding_states_it(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Breast ca. No weakness except possibly the left leg.", "limb_weakness"),
        ("Breast ca. No weakness except he is tired.", "limb_weakness"),
        ("Breast ca. No weakness except numb feet.", "limb_weakness"),
    ],
)
def test_an_exception_naming_anything_else_leaves_the_finding_asked(text, fact) -> None:
    reading = extract(text)
    assert fact not in reading.facts


def test_a_denial_in_another_clause_before_an_exception_still_holds() -> None:
    # "neuro exam normal, no complaints other than back pain": the words after the comma
    # open a clause of their own, so the exception is not the normal examination's
    assert (
        facts("Prostate ca. Neuro exam normal, no complaints other than back pain.")[
            "limb_weakness"
        ]
        == "no"
    )


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Breast ca. No weakness in the legs.", "limb_weakness"),
        ("Myeloma. No numbness anywhere.", "sensory_loss"),
    ],
)
def test_a_denial_without_an_exception_is_still_absent(text, fact) -> None:
    assert facts(text)[fact] == "no"


# Round 72's blind sets (rf72, b145, b146, fu69), each class tested both ways.
FOUND = [
    # a sensory level said with "up to" after the modality (rf72-037: reflexes normal had
    # recorded cord signs absent)
    (
        "Renal ca. Reflexes normal. Pinprick reduced up to the T11 level bilaterally.",
        "cord_signs",
    ),
    # a denial of before that the sentence says has changed, with a comma for the "but"
    (
        "never had numbness before in my life, now i have it in both legs. kidney cancer",
        "sensory_loss",
    ),
    ("Breast cancer. Legs clearly weak.", "limb_weakness"),
    ("My son says I walk funny now. I have prostate cancer.", "gait_disturbance"),
    ("Ca prostate. c/o LBP radiating R leg, shooting, dermatomal.", "radicular_pain"),
    ("Bowel ca. No radicular pain, reduced sensation both feet.", "sensory_loss"),
    ("It's not that he isn't weak — he is, in both legs. Bowel cancer.", "limb_weakness"),
    ("Kidney cancer. I can't tell if the bath water is hot with my feet anymore.", "sensory_loss"),
    ("Prostate ca. He cannot feel when I touch his feet.", "sensory_loss"),
    ("Prostate ca. Still walking but very slow and only with my help.", "gait_disturbance"),
    ("Should we be worried that he keeps falling over? He has kidney cancer.", "gait_disturbance"),
    ("Lung ca. Legs went from 4/5 to 2/5 over the last 12 hours.", "limb_weakness"),
    # Punjabi-English (b146)
    (
        "Meri wife nu breast cancer si. Kal ton ohdiyan dono lattan kamzor ho gaiyan.",
        "limb_weakness",
    ),
    ("Meri wife nu lung cancer aa. Left lat sunn ho gayi aa.", "sensory_loss"),
    ("Meri wife nu breast cancer si. Pair ghasit ke turdi aa.", "gait_disturbance"),
    (
        "Meri wife nu breast cancer si. Peshab theek tarah nahi aa reha.",
        "bladder_bowel_dysfunction",
    ),
]


@pytest.mark.parametrize(("text", "fact"), FOUND)
def test_round_72_findings_are_read(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Renal ca. Vibration sense reduced to the hips.", "cord_signs"),
        ("Breast ca. Never had numbness before, no numbness now either.", "sensory_loss"),
        ("Breast cancer. Weak pulses in both legs.", "limb_weakness"),
        ("Ca prostate. LBP, not radiating.", "radicular_pain"),
        ("Kidney cancer. I can tell if the bath water is hot.", "sensory_loss"),
        ("Prostate ca. He can feel when I touch his feet.", "sensory_loss"),
        ("Lung ca. Legs went from 2/5 to 5/5 after radiotherapy.", "limb_weakness"),
        ("Meri wife nu breast cancer si. Lattan theek ne.", "limb_weakness"),
    ],
)
def test_the_same_words_without_the_finding_are_not_read(text, fact) -> None:
    assert facts(text).get(fact) != "yes"


def test_a_worry_about_what_may_happen_is_still_a_doubt() -> None:
    read = extract("I'm worried that he might start falling. Kidney cancer.")
    assert read.facts.get("gait_disturbance") != "yes"
    assert "gait_disturbance" in read.uncertain


def test_the_writer_who_says_they_are_the_one_with_cancer_is_the_patient() -> None:
    read = facts(
        "my wife has MS and her legs have gone numb again and she is struggling to walk. i'm "
        "the one with kidney cancer. my own back has been aching at night but my legs are fine"
    )
    assert read.get("gait_disturbance") != "yes"  # b145: the wife's findings had been his
    assert read["pain_night"] == "yes"
    wife = facts("My wife has breast cancer and her legs have gone numb.")
    assert wife["sensory_loss"] == "yes"  # a relative with the cancer stays the patient
    # the one with another illness is not the one with the cancer (rf70-023 in the sweep)
    husband = facts(
        "My husband has prostate cancer with bone mets. I'm the one with numb feet (I'm "
        "diabetic) - he's got new weakness in both legs since Sunday."
    )
    assert husband["primary_tumour"] == "prostate"
    assert husband["limb_weakness"] == "yes"


def test_a_relative_named_the_one_written_about_is_the_patient() -> None:
    read = facts(
        "My husband, who has bowel cancer, is the one I'm writing about: he has no pins and "
        "needles or numbness, but he has fallen twice."
    )
    assert read["gait_disturbance"] == "yes"  # rf72-163: asked before


def test_a_cancer_said_to_be_someone_elses_is_not_the_patients() -> None:
    read = facts(
        "No personal history of cancer (her SISTER had breast cancer - that's the cancer in "
        "the notes, not hers)."
    )
    assert read["cancer_diagnosis"] == "no"  # b146: 'the cancer in the notes' had been hers
    assert facts("Breast cancer. Numb legs, not his usual.")["sensory_loss"] == "yes"


def test_an_mscc_history_is_a_past_episode() -> None:
    read = facts("Breast ca. She needs a spinal MRI because of the MSCC history.")
    assert read["spinal_metastases"] == "confirmed"
    assert "mscc" not in read  # b146: had been MSCC now, hiding 1.5.6
    assert facts("Breast ca, MSCC at T4.")["mscc"] == "confirmed"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("CRC. Sensation normal.", "primary_tumour", "other_solid"),
        ("mri found compression of my spinal cord at T12. Kidney cancer.", "mscc", "confirmed"),
        (
            "MSCC. During graded sitting his pain and leg weakness got significantly worse.",
            "mobilisation_deterioration",
            "yes",
        ),
        (
            "Breast ca, suspected MSCC. Urgent diagnosis is needed tonight.",
            "urgent_diagnosis_for_immediate_treatment",
            "yes",
        ),
        ("MSCC at T9. He's had the radiotherapy now.", "mscc_radiotherapy_given", "yes"),
        (
            "Myeloma. I'm booked to have my stem cells collected next month.",
            "stem_cell_harvest_considered",
            "yes",
        ),
        ("the myeloma in my lower spine is really painful", "spinal_metastases", "confirmed"),
    ],
)
def test_round_72_case_facts_are_read(text, fact, value) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("crc screening is due.", "primary_tumour"),
        ("Is it pressing on his spinal cord?", "mscc"),
        ("MSCC. During graded sitting his pain did not get worse.", "mobilisation_deterioration"),
        (
            "Prostate ca, had radiotherapy to the prostate, now back pain.",
            "mscc_radiotherapy_given",
        ),
        ("Breast ca survivor, feet numb - is this a tumour in my spine?", "spinal_metastases"),
    ],
)
def test_round_72_case_facts_are_not_read_from_other_words(text, fact) -> None:
    assert fact not in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "I have pins and needles myself from my diabetes. My husband, who has bowel cancer, is "
        "the one I'm writing about: he has fallen twice.",
        "My own legs are numb from my diabetes, but it's my husband I'm worried about: he has "
        "prostate cancer and since yesterday he can't pass water.",
    ],
)
def test_the_writers_own_finding_is_not_the_relatives(text) -> None:
    read = facts(text)
    assert read.get("sensory_loss") != "yes"  # rf72-163, rf58-161: read as the patient's
    assert read["cancer_diagnosis"] == "yes"  # "worried about: he has …" is no doubt of it


@pytest.mark.parametrize(
    "text",
    [
        "I have breast cancer. I have numb feet myself and my husband has lung cancer too.",
        "I have numb feet myself. Breast cancer.",
        "My own legs are numb. I have myeloma.",
    ],
)
def test_the_writer_with_the_cancer_keeps_their_own_finding(text) -> None:
    assert facts(text)["sensory_loss"] == "yes"


def test_a_label_after_worried_about_is_still_a_worry() -> None:
    assert facts("Worried about: cord compression. Breast ca.")["mscc"] == "suspected"
