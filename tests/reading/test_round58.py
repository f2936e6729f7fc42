"""Session 29 (#12): round 58's reading classes, fixed as classes and tested both ways: a denial
of one half of a two-part finding, a message typed in capitals, a relative who only informs the
writer or is the one with the findings, a why-question put on the patient's finding, and new
words for findings, decisions and imaging."""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


def test_a_denial_of_the_bladder_does_not_deny_the_bowels_the_message_speaks_of() -> None:
    # H02: the bowels are spoken of outside the bladder's denial: never absent
    read = extract(
        "No bladder problems. Her bowels, on the other hand, are a worry. Breast cancer."
    )
    assert "bladder_bowel_dysfunction" not in read.facts
    assert "bladder_bowel_dysfunction" in read.uncertain
    assert (
        facts(
            "No bladder problems. Her bowels, on the other hand, she hasn't been able to "
            "control since Sunday. Breast cancer."
        )["bladder_bowel_dysfunction"]
        == "yes"
    )
    # a denial of both, or of one with nothing said of the other, still denies
    assert facts("No bladder problems, bowels fine")["bladder_bowel_dysfunction"] == "no"
    assert facts("no bladder issues. breast cancer")["bladder_bowel_dysfunction"] == "no"


def test_a_message_typed_in_capitals_reads_as_written_in_lower_case() -> None:
    read = facts(
        "MUM IS 70, HAD BREAST CANCER 10 YEARS AGO, ALL CLEAR SINCE. HER SISTER (MY AUNT) HAS "
        "WEAK LEGS AND A WHEELCHAIR BUT THATS FROM HER STROKE. NO NUMBNESS, LEGS FINE, WEEING "
        "FINE."
    )
    assert "haematological_malignancy" not in read  # 'ALL CLEAR' is no leukaemia
    assert read["limb_weakness"] == "no"  # the aunt's weak legs are hers
    # capitals in an ordinary message keep their meaning
    assert facts("Known ALL, new leg weakness")["haematological_malignancy"] == "confirmed"


def test_a_relative_who_informs_or_has_the_findings_is_not_the_patient() -> None:
    read = facts(
        "Przepraszam, I make mistake - I ask my mother and it is not prostate, it is kidney "
        "cancer (rak nerki)."
    )
    assert read["primary_tumour"] == "kidney"
    read = facts(
        "Mrs P, 58, breast ca. Her husband came with her - he's the one with numb feet and a "
        "dodgy bladder, but he's diabetic, no cancer, and not our patient."
    )
    assert "sensory_loss" not in read and "bladder_bowel_dysfunction" not in read
    read = facts(
        "My own legs are numb from my diabetes, but it's my husband I'm worried about: he has "
        "prostate cancer and since yesterday he can't pass water."
    )
    assert read["bladder_bowel_dysfunction"] == "yes"


def test_a_why_question_put_on_the_patients_finding_states_it() -> None:
    read = facts("why cant she feel her legs?? she has cancer in her spine, it started tonight")
    assert read["sensory_loss"] == "yes"
    assert facts("why can't he walk? prostate ca")["gait_disturbance"] == "yes"
    # a question about someone in general stays a topic
    assert "sensory_loss" not in facts(
        "Why would a lady with breast cancer suddenly be unable to feel her legs?"
    )
    assert facts("can she walk?") == {}


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("a burning pain that shoots from her left buttock right down the outside of her leg",
         "radicular_pain", "yes"),
        ("Sharp shooting pain from my back down to my right foot. Prostate cancer.",
         "radicular_pain", "yes"),
        ("She's gone all floppy in the legs, the cancer's in her back.", "limb_weakness", "yes"),
        ("her legs were weak in January but that got better. Now since Tuesday they are weak "
         "again", "limb_weakness", "yes"),
        ("She's walking, albeit with a frame she's never needed before.", "gait_disturbance",
         "yes"),
        ("Nana keeps ending up on the floor, three times this week.", "gait_disturbance", "yes"),
        ("Stumbling about like a newborn foal. Prostate cancer.", "gait_disturbance", "yes"),
        ("Checked as asked: she can't feel the pin on the soles of either foot.", "sensory_loss",
         "yes"),
        ("she passed urine this afternoon without knowing it", "bladder_bowel_dysfunction",
         "yes"),
        ("she's very tender when I press over her lower thoracic spine", "localised_tenderness",
         "yes"),
        ("shes got a sore spot on her spine when u press it", "localised_tenderness", "yes"),
        ("every night he cannot sleep from pain", "pain_night", "yes"),
        ("he says it kills when he coughs", "pain_straining", "yes"),
        ("the back pain is very strong", "pain_severe", "yes"),
        ("Her pain is really difficult to get on top of", "pain_difficult", "yes"),
        ("He says his legs and his waterworks are fine.", "limb_weakness", "no"),
        ("Still walking round the house with her frame like before", "gait_disturbance", "no"),
    ],
)  # fmt: skip
def test_new_words_for_findings_are_read(text, name, value) -> None:
    assert facts(text).get(name) == value


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("they told her the lymphoma is pressing on his spinal cord", "mscc", "confirmed"),
        ("she had an MRI today. Report: degenerative disc disease L4/5, no spinal metastases",
         "spinal_metastases", "ruled_out"),
        ("CT CAP shows no pelvic or other primary", "primary_tumour", "not_identified"),
        ("Nobody knows the primary.", "primary_tumour", "not_identified"),
        ("Mam's never been told she's had cancer.", "cancer_diagnosis", "no"),
        ("treated with radical radiotherapy to the neck in 2023", "previous_radiotherapy", "yes"),
        ("oropharyngeal SCC (chemoRT 2022, recurrence)", "previous_radiotherapy", "yes"),
        ("collecting his stem cells for a transplant", "stem_cell_harvest_considered", "yes"),
        ("somebody mentioned radiotherapy to his lower back", "radiotherapy_considered", "yes"),
        ("radiotherapy has been suggested for the spine", "radiotherapy_considered", "yes"),
        ("The team have told him to lie completely flat", "immobilised", "yes"),
        ("Tonight when i sat him up he said the pain in his back is much worse and both legs "
         "have gone tingly", "mobilisation_deterioration", "yes"),
        ("when they raised the head of the bed to about sixty degrees, his back pain shot up",
         "mobilisation_deterioration", "yes"),
    ],
)  # fmt: skip
def test_decisions_and_imaging_in_new_words_are_read(text, name, value) -> None:
    assert facts(text).get(name) == value


def test_new_words_keep_their_limits() -> None:
    assert "primary_tumour" not in facts("no primary care input")
    assert "recurrence_3_months_after_rt" not in facts("2 months later pain has come back")
    assert facts("we sat him up and the pain is no worse").get("mobilisation_deterioration") != (
        "yes"
    )
    # a past episode dated in text-speak is history; how the legs are now is read
    read = facts(
        "last yr his legs went weak and he had radiotherapy and he got better. legs r fine."
    )
    assert read["limb_weakness"] == "no"
