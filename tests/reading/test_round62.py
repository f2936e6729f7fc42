"""Session 31 (#12): round 62's reading classes, fixed as classes and tested both ways: a
denial the pattern itself is made of, a reporting verb after a denial's comma, a denial header
over bulleted or indented lines, a denial wrapped onto the next line, a comparison with the
person's baseline, a comma that sets a clause of now apart from a past cue, dictated
punctuation, Turkish mixed with English, and new words for Box 1 findings."""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.text import spoken_punctuation

BB = "bladder_bowel_dysfunction"


def test_a_denial_the_pattern_is_made_of_is_the_finding_not_its_denial() -> None:
    read = facts(
        "Prostate ca. Pain in his back, every night he cannot sleep from it and it is getting "
        "worse."
    )
    assert read["pain_night"] == "yes"  # rf62/b125: was recorded absent
    assert read["pain_progressive"] == "yes"  # "and it is" opens a clause the cue cannot reach
    assert facts("Prostate ca. pain does not radiate down the leg")["radicular_pain"] == "no"
    assert facts("Prostate ca. Pain is not getting worse")["pain_progressive"] == "no"
    # a denial opening the match modifies it, whatever the pattern lists there
    read = facts("Prostate ca. The report says no pressure on the spinal cord or nerves.")
    assert read.get("mscc") != "confirmed"


def test_a_reporting_verb_after_a_denials_comma_opens_a_clause_of_its_own() -> None:
    read = facts("Breast ca: denies pain down the legs, reports numb feet and weak ankles.")
    assert read["limb_weakness"] == "yes"  # rf62-239: was recorded absent
    assert read["sensory_loss"] == "yes"
    assert read["radicular_pain"] == "no"
    assert facts("Breast ca: denies pain down the legs or weakness.")["limb_weakness"] == "no"


def test_a_person_found_soaked_is_incontinent_whatever_she_denies() -> None:
    read = facts(
        "She denies any bladder problems, but I found her soaked this morning and she hadn't "
        "noticed. Breast cancer."
    )
    assert read["bladder_bowel_dysfunction"] == "yes"  # rf62-092: was recorded absent
    assert "bladder_bowel_dysfunction" not in facts("Lung ca. Found him soaked with sweat, fever.")
    assert "bladder_bowel_dysfunction" not in facts(
        "Lung ca. He came in from the rain wet through."
    )


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("NHL. LL power MRC 3", "limb_weakness"),
        ("Prostate CA. C/O reduced LL power, increased falls", "limb_weakness"),
        ("Ca lung. His grip on the left has gone weak", "limb_weakness"),
        ("Breast ca her legs r numb up 2 her waist n shes weak", "limb_weakness"),
        ("Ca lung. Gait: Trendelenburg on R, requiring a stick today", "gait_disturbance"),
        ("Ca breast. Mob: WZF, SBA, x2 LOB today.", "gait_disturbance"),
        ("Ovarian ca. Is the tumour in her back making her fall over?", "gait_disturbance"),
        ("Breast ca. Her fingertips feel fuzzy", "sensory_loss"),
        ("Gran w/ breast canser. no wee since mornin", "bladder_bowel_dysfunction"),
        ("Prostate ca. He hasn't opened his bowels or felt any urge for 5 days", BB),
        ("Breast ca in spine, she cannot make urine since last night", "bladder_bowel_dysfunction"),
        ("Breast ca. She can't feel when she needs a poo, and is having accidents", BB),
        ("Bowel ca, just shootin pain in my side round 2 my belly", "radicular_pain"),
        ("Mets ca lung. New motor/sensory deficit in both legs.", "sensory_loss"),
    ],
)  # fmt: skip
def test_new_words_for_box1_findings_are_read(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Lung ca. Power MRC 5 throughout", "limb_weakness", "no"),
        ("Lung ca. no LOB", "gait_disturbance", "no"),
        ("Lung ca. No motor/sensory deficit.", "limb_weakness", "no"),
        ("Lung ca. No motor/sensory deficit.", "sensory_loss", "no"),
        ("Lung ca. no motor / sensory deficit", "sensory_loss", "no"),
    ],
)
def test_their_denials_and_normals_still_deny(text, fact, value) -> None:
    assert facts(text)[fact] == value


def test_near_misses_are_not_findings() -> None:
    assert "bladder_bowel_dysfunction" not in facts(
        "Lung ca. He had an accident in the car in 2019."
    )
    assert "gait_disturbance" not in facts(
        "Lung ca. Placed in Trendelenburg position for the line."
    )


def test_a_denial_header_denies_each_item_under_it() -> None:
    read = facts("Lung ca\nDenies:\n- weakness\n- numbness\nNew:\n- retention")
    assert read["limb_weakness"] == "no"
    assert read["sensory_loss"] == "no"
    assert read["bladder_bowel_dysfunction"] == "yes"  # a new header ends the denials
    read = facts("Hx: myeloma\nC/O:\n  numb L leg\n  weak L leg\nDenies:\n  bladder issues")
    assert read["bladder_bowel_dysfunction"] == "no"
    assert read["limb_weakness"] == "yes"  # items under another header are stated
    assert facts("Lung ca. \u2205 weakness")["limb_weakness"] == "no"  # the empty-set sign


def test_a_denial_wrapped_onto_the_next_line_denies_it_unless_it_answers_a_question() -> None:
    assert facts("Hx renal ca.\nNo\nweakness.\nUnsteady on feet.")["limb_weakness"] == "no"
    assert facts("Breast ca.\n- Not\n  incontinent\n- Is weak")["bladder_bowel_dysfunction"] == (
        "no"
    )
    # a label's value ends its line: "no" there is no denial of the next line
    form = facts("Lung ca\nleg weakness: no\nnumbness/paraesthesia: no\nbladder/bowel: normal")
    assert form["limb_weakness"] == "no"
    assert form["sensory_loss"] == "no"
    values = facts("Ca breast - numbness:\nno\nweakness:\nyes (L leg)\nbladder:\nno issues")
    assert values["limb_weakness"] == "yes"  # rf57-260: a label's value on its own line
    answered = facts("Breast ca. Any weakness?\nNo\nnumb feet though")
    assert answered["sensory_loss"] == "yes"  # H02: the next line is news, never denied
    assert answered.get("limb_weakness") != "no"


def test_symptoms_unchanged_from_baseline_are_asked_never_absent_nor_a_new_red_flag() -> None:
    read = facts(
        "Prostate ca. Power, sensation and reflexes normal, no change in his urinary symptoms "
        "from baseline, walking normally."
    )
    assert "bladder_bowel_dysfunction" not in read  # asked
    assert read["limb_weakness"] == "no"  # 'from baseline' is a comparison, not an earlier time
    assert read["gait_disturbance"] == "no"
    no_change = facts("Prostate ca. back pain. no change in bladder or bowel function")
    assert no_change["bladder_bowel_dysfunction"] == "no"


def test_a_comma_sets_a_clause_of_now_apart_from_a_past_cue() -> None:
    read = facts(
        "Prostate ca. Ache in his back since digging the garden three weeks ago, his legs are "
        "fine, he's walking the dog, no problems with his waterworks or bowels, and the "
        "hospital scanned his spine last week and the MRI was clear."
    )
    assert read["limb_weakness"] == "no"
    assert read["bladder_bowel_dysfunction"] == "no"
    assert read["mscc"] == "ruled_out"
    assert "limb_weakness" not in facts("Prostate ca. On admission, his legs were fine.")


def test_dictated_punctuation_is_read_as_the_marks() -> None:
    said = "he's got prostate cancer comma his legs are fine full stop any advice question mark"
    written = spoken_punctuation(said)
    assert len(written) == len(said)
    assert written.split() == ["he's", "got", "prostate", "cancer,", "his", "legs", "are", "fine.",
                               "any", "advice?"]  # fmt: skip
    assert spoken_punctuation("a comma-separated list") == "a comma-separated list"


def test_turkish_mixed_with_english_is_read_and_its_denials_deny() -> None:
    read = facts(
        "He is 70, never had cancer, hiç kanser tanısı yok. Ama 2 aydır sırt ağrısı çok kötü, "
        "geceleri ağrıdan uyuyamıyor. 6 kilo verdi. Bacakları güçlü, tuvalet normal."
    )
    assert read["cancer_diagnosis"] == "no"
    assert read["cancer_suspected"] == "yes"
    assert read["back_pain"] == "yes"
    assert read["pain_night"] == "yes"
    assert read["limb_weakness"] == "no"
    read = facts("Teyzem myeloma. Omurgada lezyonlar var. Bacaklarında güçsüzlük yok, uyuşma var.")
    assert read["spinal_metastases"] == "confirmed"
    assert read["limb_weakness"] == "no"
    assert read["sensory_loss"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Breast ca, 2015, no known metastases. Low back ache.", "spinal_metastases", "none"),
        ("Bowel ca, MSCC. The team said surgery and radiotherapy wouldn't help her.",
         "oncology_treatment_inappropriate", "yes"),
        ("Lung ca. Bad mechanical pain when he moves that isn't controlled by his oxycodone.",
         "pain_controlled", "no"),
        ("Oesophageal ca, MSCC T6. Complete paraplegia, no movement or sensation below T6, for "
         "about 3 weeks now.", "paralysis_2_weeks", "yes"),
        ("CT: bulky retroperitoneal nodes extending into the L2 vertebral body.",
         "spinal_metastases", "confirmed"),
        ("NSCLC. Pain at L2, 8/10 when moving, 3/10 lying still.", "pain_on_movement", "yes"),
        ("Prostate ca. MRI of his spine came back clear.", "mscc", "ruled_out"),
        ("Renal ca, MSCC T9. Spinal surgeons will operate tomorrow.",
         "awaiting_definitive_treatment", "yes"),
        ("Myeloma. He says he'd like more children in future.", "fertility_concern", "yes"),
        ("Kidney cancer. Her back pain very bad, severe all the time, also at night.", "pain_night",
         "yes"),
        ("Lung ca. Sore back for 3 weeks that's getting worse.", "pain_progressive", "yes"),
        ("Lung ca. One spot on my spine that's really tender to touch.", "localised_tenderness",
         "yes"),
        ("L3 lytic lesion. Oncology say nothing needs to be done immediately.",
         "immediate_treatment_needed", "no"),
        ("Bowel ca. He keeps crying out at night holding his back.", "pain_night", "yes"),
        ("Bowel ca. He yells when we move him in bed.", "pain_on_movement", "yes"),
        ("No previous cancer diagnosis. I'm worried about an upper GI malignancy.",
         "cancer_diagnosis", "no"),
    ],
)  # fmt: skip
def test_round62_case_words_are_read(text, fact, value) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact", "wrong"),
    [
        ("Lung ca. MRI brain came back clear.", "mscc", "ruled_out"),
        ("Lung ca, MSCC. Surgery would help her.", "oncology_treatment_inappropriate", "yes"),
        ("Lung ca. No mass extending into the vertebral body.", "spinal_metastases", "confirmed"),
        ("Breast ca. No known allergies. Back pain.", "spinal_metastases", "none"),
    ],
)
def test_round62_case_words_near_misses(text, fact, wrong) -> None:
    assert facts(text).get(fact) != wrong
