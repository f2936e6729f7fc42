"""Session 16 (#14): round-29 order classes, each tested both ways.

- CT reconstruction (1.5.10) is standing care until an intervention or surgery is considered,
  or the spine may be unstable: then it plans that intervention and is an action.
- "Can the MRI wait till morning?" names overnight MRI (1.5.4): it is among the rows asked
  about; said as a statement ("the scan can wait until the morning") it records that no urgent
  diagnosis is needed.
- A "do not" row retrieval found for a message that does not name its act (plain X-ray for
  "no radiographer till 8am") is not put among the rows asked about; asked about by name
  ("can I X-ray his spine?") it still is.
"""

from __future__ import annotations

from chat_helpers import facts, last

KYPHO = (
    "Spinal SpR. 66F, breast ca, MRI shows L3 lytic metastasis with 30% height loss, no cord "
    "compression, neuro intact. Pain not controlled by analgesia. We're thinking kyphoplasty."
)
MSCC = (
    "pt 58F known met breast ca, bk pain 2/52, now saddle numbness, L leg weak 4/5. "
    "wat do i do?? dex dose??"
)


def _group(answer, cite: str) -> str | None:
    rows = sorted((*answer.recommendations, *answer.conditional), key=lambda r: r.rank)
    return next((r.group for r in rows if cite in r.cites), None)


def test_ct_reconstruction_is_an_action_when_an_intervention_is_considered(conversation) -> None:
    assert facts(KYPHO)["invasive_intervention_considered"] == "yes"
    assert _group(last(conversation, KYPHO), "1.5.10") == "act"


def test_ct_reconstruction_is_standing_care_otherwise(conversation) -> None:
    answer = last(conversation, "Breast ca, known L3 metastasis, pain controlled, neuro intact.")
    assert _group(answer, "1.5.10") == "standing"


def test_can_the_mri_wait_till_morning_asks_about_overnight_mri(conversation) -> None:
    answer = last(conversation, MSCC, "mri says no radiographer til 8am. can it wait til morning??")
    assert _group(answer, "1.5.4") == "asked"
    assert _group(answer, "1.5.9") != "asked"
    assert "urgent_diagnosis_for_immediate_treatment" not in answer.facts


def test_a_statement_that_the_scan_can_wait_records_no_urgent_need() -> None:
    read = facts("Lung ca, back pain. The scan can wait until the morning.")
    assert read["urgent_diagnosis_for_immediate_treatment"] == "no"


def test_a_prohibition_asked_about_by_name_is_asked(conversation) -> None:
    answer = last(conversation, "Lung ca with known spinal mets. Can I X-ray his spine instead?")
    assert _group(answer, "1.5.9") in ("asked", "act")
