"""Round-18 reading: denials that open a list, relatives' clauses, callers, dated asides (#12).

- A symptom written as its own denial ("no pain") reads on through the symptoms it opens
  ("no pain shooting round the chest or down the legs"), never through a new finding ("no pain
  now legs weak") nor the words of the denial ("non-mechanical pain" is still pain).
- A lower-case question after '?' ("advise re MSCC?? who do i call") leaves the first '?' a
  hedge: MSCC is suspected, not confirmed.
- A red flag in a relative's own clause past the short window is asked, not the patient's
  ("her husband had cord compression from his own cancer last year and ended up paralysed").
- "…, but I'm asking about his neighbour in bed 7": what came before is another patient's.
- A carer or relative of unstated relation calling: the relative they name is the patient.
- "the bowel ca was his brother": a finding said afterwards to be someone else's.
- A date in a parenthesis after a cancer ("breast ca (treated 2015)") dates the cancer, not
  the sentence's imaging; a date just before an exclusion dates it ("MRI (2023) no MSCC").
"""

from __future__ import annotations

import pytest

from assistant.reading.extract import extract
from assistant.reading.scope import off_topic_for_case


def facts(text: str) -> dict[str, str]:
    return extract(text).facts


# ----------------------------------------------------------------------------- denial lists


def test_a_denial_reads_on_through_the_symptoms_it_opens():
    e = extract("Neuro: no weakness; no pain shooting round the chest or down the legs")
    assert e.facts.get("radicular_pain") != "yes"
    assert facts("Lung ca. Pt reports no pain down the legs and no numbness.")[
        "radicular_pain"
    ] == ("no")
    assert facts("- prostate ca\n- no pain overnight\n- eating ok").get("pain_night") == "no"
    assert facts("Renal ca, unsteady with a frame, no pain on walking.").get("claudication") == (
        "no"
    )


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Constant dull non-mechanical pain at T9", "back_pain", "yes"),
        ("no pain now legs weak", "limb_weakness", "yes"),
        ("Prostate ca. No pain down the right leg; the shooting pain goes down the left.",
         "radicular_pain", "yes"),
        ("No neuro signs at last admission. Now: sustained clonus L ankle.", "cord_signs", "yes"),
    ],
)  # fmt: skip
def test_a_carried_denial_stops_at_new_findings_and_its_own_words(text, fact, value):
    assert facts(text).get(fact) == value


# ----------------------------------------------------------------------------- questions


def test_a_lower_case_question_after_a_query_keeps_the_query_a_hedge():
    assert facts("known myeloma, advise re MSCC? who do i call")["mscc"] == "suspected"
    assert facts("known myeloma. pls advise re MSCC?? who do i call")["mscc"] == "suspected"


def test_a_plain_statement_before_a_question_stays_stated():
    assert facts("MRI: MSCC at T10 confirmed. who do i call?")["mscc"] == "confirmed"


# ----------------------------------------------------------------------------- experiencers

HUSBAND = (
    "Mrs L (breast ca, 2020) is very frightened because her husband had cord compression from "
    "his own cancer last year and ended up paralysed. She now has thoracic back pain."
)


def test_a_relatives_paralysis_in_their_own_clause_is_not_the_patients():
    e = extract(HUSBAND)
    assert "limb_weakness" not in e.facts
    assert "mscc" not in e.facts and "complete_paralysis" not in e.facts
    # her own denial then answers it
    assert facts(HUSBAND + " She herself has no weakness.")["limb_weakness"] == "no"


def test_a_red_flag_in_a_relatives_own_clause_past_the_window_is_asked():
    e = extract(
        "breast ca. her husband had cord compression from a lymphoma that was treated last "
        "year and ended up with leg weakness"
    )
    assert "limb_weakness" not in e.facts
    assert "limb_weakness" in e.uncertain


@pytest.mark.parametrize(
    "text",
    [
        "Son: dad (lung ca) has wet himself twice, never happened before.",
        "Pre-alert: 70M prostate ca. Found on floor by wife, unable to stand, both legs weak.",
        "her husband has prostate ca and his legs are weak",
    ],
)
def test_the_patients_findings_after_an_informant_stay_stated(text):
    e = extract(text)
    assert {"bladder_bowel_dysfunction", "gait_disturbance", "limb_weakness"} & {
        k for k, v in e.facts.items() if v == "yes"
    }


OTHER_BED = (
    "Quick one - the man in bed 6 is the one going for urgent MRI with new leg weakness and "
    "retention, but I'm asking about his neighbour in bed 7: 70M, colorectal ca, new low back "
    "pain over 2/52."
)


def test_findings_before_but_im_asking_about_another_patient_are_not_this_patients():
    e = extract(OTHER_BED)
    assert e.facts.get("limb_weakness") != "yes"
    assert e.facts.get("bladder_bowel_dysfunction") != "yes"
    assert e.facts["back_pain"] == "yes"


def test_the_same_findings_without_the_switch_are_the_patients():
    e = extract("the man in bed 6 has new leg weakness and retention, colorectal ca")
    assert e.facts["limb_weakness"] == "yes"


def test_a_carer_calling_names_the_patient():
    text = (
        "Nurse relaying for a carer on the phone: her husband has prostate cancer, back pain "
        "all week, and tonight his legs gave way"
    )
    assert facts(text)["cancer_diagnosis"] == "yes"
    # with no caller, a husband's cancer is his own, not the patient's
    assert "cancer_diagnosis" not in facts("Her husband has prostate cancer.")


def test_a_finding_said_to_be_a_relatives_is_not_the_patients():
    e = extract("correction: no cancer history - the bowel ca was his brother.")
    assert e.facts["cancer_diagnosis"] == "no"
    assert facts("PMH: the bowel ca was diagnosed in 2019.")["cancer_diagnosis"] == "yes"


# ----------------------------------------------------------------------------- dated imaging


def test_a_cancers_dated_aside_does_not_date_todays_scan():
    text = (
        "67F breast ca (treated 2015), came in with leg numbness, MRI whole spine back: no mets, "
        "no cord compression, degenerative only"
    )
    assert facts(text)["mscc"] == "ruled_out"


def test_a_date_just_before_an_exclusion_dates_it_whatever_else_the_sentence_says():
    e = extract("breast ca, MRI (2023) no MSCC, now weak legs")
    assert e.facts["limb_weakness"] == "yes"
    assert "mscc" not in e.facts


# ----------------------------------------------------------------------------- vocabulary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BLs 4/5, sensory level T10", {"limb_weakness": "yes"}),
        ("BLs 5/5", {"limb_weakness": "no"}),
        ("cardiology confirm it's MRI-conditional, so MRI is fine", {"mri_contraindicated": "no"}),
        ("Pain on any movement, not controlled despite PCA.", {"pain_controlled": "no"}),
        ("She has myeloma with known spinal lesions.", {"spinal_metastases": "confirmed"}),
        ("MRI: diffuse marrow infiltration through T and L spine ?lymphoma",
         {"spinal_metastases": "suspected"}),
        ("MRI: T8 paravertebral soft tissue mass extending into the epidural space, likely "
         "lymphoma", {"spinal_metastases": "suspected"}),
        ("MSCC at L2, SINS 14 - suspected unstable.", {"spinal_instability": "confirmed"}),
        ("Treatment will depend on histology.", {"primary_affects_treatment": "yes"}),
        ("66M bowel ca, says his back hurts more when he opens his bowels or coughs.",
         {"back_pain": "yes", "pain_straining": "yes"}),
        ("Pain is a constant dull ache, not worse on moving, keeps her awake.",
         {"pain_mechanical": "no", "pain_on_movement": "no", "pain_night": "yes"}),
        ("Lung ca. Retention ongoing. Pain - settled.", {"pain_controlled": "yes"}),
    ],
)  # fmt: skip
def test_round_18_words(text, expected):
    got = facts(text)
    assert {k: got.get(k) for k in expected} == expected


def test_pain_that_settled_after_radiotherapy_and_came_back_is_a_recurrence():
    e = extract(
        "she had palliative RT 20 Gy in 5# to T11-L2 eight months ago - pain settled completely "
        "afterwards and only came back in the last few weeks."
    )
    assert e.facts["recurrence_3_months_after_rt"] == "yes"
    assert e.facts.get("pain_controlled") != "yes"


# ----------------------------------------------------------------------------- scope


def test_a_separate_question_about_a_relative_is_off_topic_for_the_case():
    assert off_topic_for_case("also separate q - dex dose for croup in her grandson?")
    assert not off_topic_for_case("what if she's diabetic?")
