"""Session 27 (#12): rounds 52 and 53's reading classes, fixed as classes and tested both ways:
an interview written out (a question answered yes), a question that presupposes what it asks
about (why, "does it matter that"), denials written item by item, a clause of its own after a
denial's first item with no comma typed, a '?' that doubts one finding and not its list, a
denial that starts right at the finding, a relative by marriage, a relative the writer says is
the patient, and new words for Box 1 findings."""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


def test_a_question_answered_yes_states_the_finding_and_no_leaves_it_unsaid() -> None:
    read = facts("Breast ca\n\nQ: any weakness?\nA: no\nQ: any numbness?\nA: yes, both feet")
    assert read["sensory_loss"] == "yes"
    assert read.get("limb_weakness") != "yes"
    assert (
        facts("Weakness? Not absent - definitely there, 4/5 on the right.")["limb_weakness"]
        == "yes"
    )
    # a question with no answer after it stays asked
    assert "sensory_loss" in extract("Breast ca. Any numbness?").uncertain


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "I've got thyroid cancer. Why do I get a burning band of pain around my chest "
            "every time I cough?",
            "radicular_pain",
        ),
        (
            "does it matter that shes suddenly started wetting herself? never done it before. shes "
            "got bowel cancer",
            "bladder_bowel_dysfunction",
        ),
    ],
)
def test_a_question_that_presupposes_the_finding_states_it(text, fact) -> None:
    assert facts(text)[fact] == "yes"


def test_a_question_about_a_finding_or_about_people_in_general_does_not_state_it() -> None:
    assert "limb_weakness" not in facts(
        "Why should he get MRI within 24 hours if his legs are weak?"
    )
    assert facts("Why do people with MSCC get numb legs?").get("sensory_loss") != "yes"
    assert "bladder_bowel_dysfunction" in extract("is she wetting herself?").uncertain


def test_an_alternative_asked_about_is_not_denied() -> None:
    read = extract(
        "Is it possible that dad's numbness in his legs is from the chemo rather than the "
        "cancer in his spine?"
    )
    assert read.facts.get("spinal_metastases") not in ("none", "ruled_out")


@pytest.mark.parametrize(
    ("text", "stated", "denied"),
    [
        (
            "Nil weakness nil numbness walking with difficulty. Thyroid Ca.",
            "gait_disturbance",
            ("limb_weakness", "sensory_loss"),
        ),
        ("no weakness no numbness legs feel heavy", "limb_weakness", ("sensory_loss",)),
        ("no numbness legs weak", "limb_weakness", ("sensory_loss",)),
        ("no back pain legs weak", "limb_weakness", ("back_pain",)),
        ("denies numbness legs feel like jelly", "limb_weakness", ("sensory_loss",)),
    ],
)
def test_a_finding_after_a_denials_item_without_a_denial_of_its_own_is_stated(
    text, stated, denied
) -> None:
    read = facts(text)
    assert read[stated] == "yes"
    assert all(read[name] == "no" for name in denied)


def test_a_list_a_denial_governs_stays_denied() -> None:
    read = facts("no weakness no numbness or tingling")
    assert read["limb_weakness"] == "no" and read["sensory_loss"] == "no"
    assert facts("no weakness in his legs")["limb_weakness"] == "no"


def test_a_question_mark_doubts_its_own_finding_not_the_list() -> None:
    read = extract("moves all limbs, ?weakness left leg, plantars clearly upgoing bilaterally")
    assert read.facts["cord_signs"] == "yes"
    assert "limb_weakness" in read.uncertain or read.facts.get("limb_weakness") != "yes"
    assert "sensory_loss" in extract("weak legs, numb feet?").uncertain


def test_a_long_finding_past_a_short_denials_window_is_asked_never_absent() -> None:
    # "cannot walk even with two people helping" (rf49-004) is a gait disturbance: a short
    # denial reaching only the start of a long finding never records it absent
    read = extract("now cannot walk even with two people helping")
    assert read.facts.get("gait_disturbance") != "no"
    assert (
        extract("- NOT weak in his legs, stood with his frame this morning").facts.get(
            "limb_weakness"
        )
        != "yes"
    )
    assert "radicular_pain" in extract("nil chest pain and pain shooting down the leg").uncertain


def test_a_relative_by_marriage_is_one_relative() -> None:
    text = (
        "hi quick one between fares. mother in law 71 has lung cancer, since saturday her legs "
        "gone numb from the waist down and she cant tell when shes weeing."
    )
    read = extract(text)
    assert read.facts["cancer_diagnosis"] == "yes" and read.facts["sensory_loss"] == "yes"
    assert read.facts["bladder_bowel_dysfunction"] == "yes"
    # someone else's relative by marriage stays a relative
    other = extract("Known prostate ca. His sister in law has numb legs.")
    assert "sensory_loss" not in other.facts


def test_the_relative_the_writer_says_is_the_patient() -> None:
    read = facts(
        "Niece: my aunt with breast cancer (she's the patient) is tingly from the waist down. "
        "My uncle, her husband, has prostate cancer."
    )
    assert read["primary_tumour"] == "breast" and read["sensory_loss"] == "yes"
    # a patient's case said first keeps the relative a relative
    read = facts("Known prostate ca, back pain. My aunt with breast cancer is tingly.")
    assert read["primary_tumour"] == "prostate"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "he has twice been unable to reach the lavatory in time to open his bowels",
            "bladder_bowel_dysfunction",
        ),
        ("I've started having to push really hard to get my wee out.", "bladder_bowel_dysfunction"),
        (
            "he hasn't opened his bowels or passed urine since this morning",
            "bladder_bowel_dysfunction",
        ),
        ("She's been caught short with her bowels three times today", "bladder_bowel_dysfunction"),
        (
            "he's had this pain like an electric shock going down the same leg when he coughs",
            "radicular_pain",
        ),
        (
            "a sharp pain travelling from the left buttock down the back of the left thigh",
            "radicular_pain",
        ),
        ("Sensation to pinprick is lost below the level of the nipples.", "sensory_loss"),
        ("Patient can no longer ambulate", "gait_disturbance"),
        ("now needs 2x assist + frame to walk (was indep 1/52 ago)", "gait_disturbance"),
        ("Gait: needs 1 stick (new, day 3).", "gait_disturbance"),
        ("Hx: fall x2 in 24h", "gait_disturbance"),
        ("Mum keeps falling.", "gait_disturbance"),
        ("not steady on his feet either", "gait_disturbance"),
        ("my right leg just isn't strong anymore", "limb_weakness"),
        (
            "I wouldn't say his legs are strong any more - they're properly weak now.",
            "limb_weakness",
        ),
        ("legs not OK: weak, tingling", "limb_weakness"),
        ("Power (MRC): deltoid 5, hip flexion 3, knee extension 3, bilaterally.", "limb_weakness"),
        ("power for out of five in both legs, plant as up going bilaterally", "cord_signs"),
    ],
)
def test_new_words_for_box1_findings(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("his legs are strong, no falls", "limb_weakness"),
        ("he used to use a stick but hasn't needed one for years", "limb_weakness"),
        ("he had two accidents on the motorway in his twenties", "cord_signs"),
        ("Power (MRC): hip flexion 5, knee extension 5, bilaterally.", "limb_weakness"),
        ("uses a frame at home, has done since her hip replacement", "gait_disturbance"),
    ],
)
def test_near_misses_are_not_read_as_box1_findings(text, fact) -> None:
    assert facts(text).get(fact) != "yes"


def test_a_pain_course_is_read_in_its_own_clause_not_across_a_denials_dash() -> None:
    read = facts(
        "Denies ever having this kind of pain before - a pain shooting down the right leg, "
        "present now for 3 days. Myeloma."
    )
    assert read["radicular_pain"] == "yes"


@pytest.mark.parametrize(
    ("text", "primary"),
    [
        ("Patient is 55F with recurrent oropharyngeal SCC", "other_solid"),
        ("MSCC alert: 59M, mPC.", "prostate"),
    ],
)
def test_cancers_named_by_abbreviation_or_site(text, primary) -> None:
    read = facts(text)
    assert read["cancer_diagnosis"] == "yes" and read["primary_tumour"] == primary


def test_abbreviations_that_are_not_a_cancer() -> None:
    assert "cancer_diagnosis" not in facts("?SCC at T10, legs weak")
    assert facts("MM pt, ?MSCC")["cancer_diagnosis"] == "yes"
    assert "cancer_diagnosis" not in facts("a 12 mm lesion on the scan")
