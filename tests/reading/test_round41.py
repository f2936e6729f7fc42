"""Session 21 (#12, H02): round 41's four stated red flags recorded absent on its first run,
and its unread red flags, fixed as classes after the run, each tested both ways.

- "She's not incontinent, but she's struggling to start a wee and it takes ages to come":
  hesitancy in everyday words beside a denial of incontinence.
- "No pins and needles. But numb? Yes, both shins": a question the writer answers yes states
  the finding.
- "there's no pain going down his legs, yet he keeps describing electric shocks into both
  feet": radicular pain in other words after a denial of it.
- "No radicular pain, sensory loss L5 dermatome left": a dermatomal sensory loss is a sign
  described as found, never denied through a list.
- Unread: "stumbling around", "unable to walk more than 10 m", "walks 5 m with a frame",
  "dragging my left leg …, it feels weak", "UR 1L on scan, IDC inserted", "sens lvl T10".
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("She's not incontinent, but she's struggling to start a wee and it takes ages to come. "
         "Bowel cancer.", "bladder_bowel_dysfunction"),
        ("No pins and needles. But numb? Yes, both shins. Melanoma.", "sensory_loss"),
        ("He says there's no pain going down his legs, yet he keeps describing electric shocks "
         "into both feet when he coughs. Sarcoma.", "radicular_pain"),
        ("No radicular pain, sensory loss L5 dermatome left. Sarcoma.", "sensory_loss"),
    ],
)  # fmt: skip
def test_round41_stated_red_flags_are_present(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Not incontinent, no trouble starting a wee.", "bladder_bowel_dysfunction"),
        ("No radicular pain, no sensory loss.", "sensory_loss"),
        ("No electric shocks down the legs.", "radicular_pain"),
    ],
)
def test_round41_plain_denials_still_deny(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"


def test_a_question_answered_no_is_still_asked_never_absent() -> None:
    read = extract("Weak legs? No.")
    assert "limb_weakness" not in read.facts and "limb_weakness" in read.uncertain


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("He is stumbling around like a toddler since Tuesday. Kidney cancer.", "gait_disturbance"),
        ("No weakness. Unable to walk more than 10 m because of unsteadiness.", "gait_disturbance"),
        ("Myeloma. Walks 5 m with a frame (was 200 m unaided last week).", "gait_disturbance"),
        ("now I'm dragging my left leg when I walk, it feels weak", "limb_weakness"),
        ("Ca prostate. UR 1L on scan, IDC inserted.", "bladder_bowel_dysfunction"),
        ("prostate ca pt. sens lvl T10 on exam", "cord_signs"),
    ],
)  # fmt: skip
def test_round41_unread_red_flags_are_read(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("he walks 5 miles a day with the dog", "gait_disturbance"),
        ("no catheter inserted", "bladder_bowel_dysfunction"),
        ("the tea feels weak", "limb_weakness"),
    ],
)
def test_their_neighbours_are_not(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes"


def test_a_query_label_hedges_nothing() -> None:
    assert facts("Planning query: MSCC at T4 from prostate ca")["mscc"] == "confirmed"
    read = facts("Re-treatment query: 8 Gy to T8-T10 nine months ago, excellent pain response.")
    assert read["previous_radiotherapy"] == "yes" and read["radiotherapy_considered"] == "yes"
    assert facts("query MSCC")["mscc"] == "suspected"  # the word itself still hedges


def test_a_nodule_said_benign_is_no_suspicion_of_cancer() -> None:
    read = facts("It was a benign thyroid nodule, FNA benign, she has never had cancer.")
    assert "cancer_suspected" not in read and read["cancer_diagnosis"] == "no"
    assert facts("new thyroid nodule")["cancer_suspected"] == "yes"


def test_a_small_residual_volume_is_no_retention() -> None:
    assert facts("bladder/bowel: normal, PVR 40 ml")["bladder_bowel_dysfunction"] == "no"
    assert facts("PVR 650 ml")["bladder_bowel_dysfunction"] == "yes"
