"""Session 18 (#12): round-33 reading classes, fixed as data, each tested both ways.

- Red flags recorded absent on the first run: arm weakness said as a movement ("weak finger
  abduction 4/5 bilaterally") beside "Legs: normal power"; "Plantars not downgoing - both
  upgoing" (the negation is the finding).
- A finding that "has gone" is resolved; "has gone down his leg" and "have gone weak" are not.
- A denial is said of an earlier time only with no "now" between it and the past cue ("I had
  breast cancer three years ago ... for a month now ... my legs are fine").
- A list of findings said normal together ("power, sensation and bladder/bowel are all normal").
- The relative the writer turns to after someone else ("... but my dad (lung cancer) has ...") is
  the patient; a relative's own findings said with emphasis ("HER OWN legs") are not.
- A clear surveillance CT: spinal metastases not suspected (never ruled out).
"""

from __future__ import annotations

import pytest
from chat_helpers import facts


def test_arm_weakness_as_a_movement_beside_normal_legs_is_weakness() -> None:
    read = facts(
        "Known lung cancer with C5 metastasis. Examination: wasting of hand intrinsics with weak "
        "finger abduction 4/5 bilaterally, brisk reflexes, Hoffmann positive. Legs: normal power."
    )
    assert read["limb_weakness"] == "yes" and read["cord_signs"] == "yes"


def test_full_power_in_the_arms_is_no_weakness_there() -> None:
    assert facts("finger abduction 5/5, grip 5/5").get("limb_weakness") != "yes"


@pytest.mark.parametrize("text", ["Plantars not downgoing - both upgoing.", "plantars not flexor"])
def test_plantars_not_downgoing_are_upgoing(text: str) -> None:
    assert facts(text)["cord_signs"] == "yes"


@pytest.mark.parametrize(
    "text", ["plantars not upgoing", "plantars downgoing, not upgoing", "babinski not positive"]
)
def test_plantars_not_upgoing_are_no_cord_sign(text: str) -> None:
    assert facts(text)["cord_signs"] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("The leg weakness from 2023 has gone - none now.", "limb_weakness"),
        ("the numbness has completely gone away", "sensory_loss"),
    ],
)
def test_a_finding_that_has_gone_is_resolved(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("his legs have gone weak", "limb_weakness"),
        ("his legs have just gone", "limb_weakness"),
        ("Prostate ca: none of the numbness has gone away, it's still there.", "sensory_loss"),
    ],
)
def test_gone_weak_and_none_of_it_gone_are_findings(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


def test_a_now_between_a_past_date_and_a_denial_makes_it_current() -> None:
    read = facts(
        "I had breast cancer three years ago and finished all my treatment and for about a month "
        "now I have had pain in my back that wakes me at night but my legs are fine and I can "
        "walk normally and no problems with my waterworks or my bowels and no numbness"
    )
    for fact in ("limb_weakness", "gait_disturbance", "bladder_bowel_dysfunction", "sensory_loss"):
        assert read[fact] == "no"


def test_a_denial_dated_in_the_past_without_now_is_still_asked() -> None:
    read = facts("Power 5/5 on admission; now 3/5 in both legs")
    assert read["limb_weakness"] == "yes"
    assert facts("walking normally until 2 days ago").get("gait_disturbance") != "no"


def test_a_list_said_normal_together() -> None:
    read = facts("She has back pain but power, sensation and bladder/bowel are all normal.")
    assert read["limb_weakness"] == read["sensory_loss"] == "no"
    assert read["bladder_bowel_dysfunction"] == "no"
    walking = facts("Walking and sensation seem normal to me.")
    assert walking["gait_disturbance"] == walking["sensory_loss"] == "no"


def test_a_list_with_one_abnormal_item_is_not_normal() -> None:
    read = facts("power normal but sensation reduced")
    assert read["limb_weakness"] == "no" and read["sensory_loss"] == "yes"
    assert facts("bladder and bowels are not normal").get("bladder_bowel_dysfunction") != "no"


def test_the_relative_turned_to_after_someone_else_is_the_patient() -> None:
    read = facts(
        "the man in the next bed is noisy but my dad has prostate cancer and his legs have "
        "gone numb"
    )
    assert read["cancer_diagnosis"] == "yes" and read["sensory_loss"] == "yes"


def test_a_relatives_cancer_beside_the_writers_own_illness_is_not_theirs() -> None:
    assert "cancer_diagnosis" not in facts("I have back pain but my mum has bowel cancer")


def test_a_relatives_own_findings_said_with_emphasis_are_not_the_patients() -> None:
    read = facts(
        "Mrs K has known spinal mets. Her daughter visiting today mentioned that HER OWN legs "
        "have gone numb."
    )
    assert "sensory_loss" not in read


def test_her_own_legs_without_emphasis_after_a_husband_are_the_patients() -> None:
    assert facts("Her husband says her own legs have gone numb")["sensory_loss"] == "yes"


def test_a_clear_surveillance_ct_is_no_suspicion_not_a_ruling_out() -> None:
    assert facts("her last surveillance CT was clear")["spinal_metastases"] == "none"
    assert facts("staging CT showed no mets")["spinal_metastases"] == "ruled_out"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("her lower back has ached since she dug the veg patch", "back_pain", "yes"),
        ("her back pain has gone from a niggle to severe over 3 weeks", "pain_progressive", "yes"),
        ("operation on his spine because it was squashing his spinal cord", "mscc", "confirmed"),
        (
            "MRI: diffuse marrow infiltration and a paravertebral soft tissue mass at T5",
            "spinal_metastases",
            "suspected",
        ),
    ],
)
def test_round33_phrasings(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


def test_bone_marrow_biopsy_infiltration_is_no_spinal_finding() -> None:
    assert "spinal_metastases" not in facts("bone marrow biopsy: diffuse marrow infiltration")


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("MSCC at L1, primary prostate, complete paraplegia", "primary_tumour", "prostate"),
        (
            "He's fit for surgery, going to theatre tomorrow.",
            "awaiting_definitive_treatment",
            "yes",
        ),
        ("He's also said no to radiotherapy.", "radiotherapy_declined", "yes"),
        ("16mg dex was already given this morning", "dexamethasone_given", "yes"),
        ("bk pain worse w coughing n sneezing", "pain_straining", "yes"),
        ("his legs cramp when he walks to the shops", "claudication", "yes"),
        (
            "Sorry - the myeloma is not confirmed yet, it's radiologically suspected only.",
            "haematological_malignancy",
            "radiologically_suspected",
        ),
    ],
)
def test_round33_follow_up_phrasings(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("primary care referral for back pain", "primary_tumour", None),
        ("Patient with a lung mass (?primary lung ca)", "cancer_diagnosis", None),
        ("confirmed myeloma on biopsy", "haematological_malignancy", "confirmed"),
        ("recovered well from it", "recovered_from_surgery", None),
    ],
)
def test_round33_follow_up_phrasings_do_not_overreach(text: str, fact: str, value) -> None:
    assert facts(text).get(fact) == value


def test_pain_that_has_returned_months_after_radiotherapy_is_a_recurrence() -> None:
    late = facts("8 Gy to T4 for a painful metastasis 8 months ago. The pain has now returned.")
    assert late["recurrence_3_months_after_rt"] == "yes"
    early = facts("8 Gy to T4 6 weeks ago. The pain has now returned.")
    assert early["recurrence_3_months_after_rt"] == "no"
