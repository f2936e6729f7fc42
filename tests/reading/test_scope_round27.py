"""Session 15 (#13): round-27 scope classes, each tested both ways.

- Outside topics NG234 does not answer: chemotherapy and hormone regimens, opioid and patch
  conversions, local anaesthetic doses, trauma (an RTA, clearing a collar, a diving accident,
  autonomic dysreflexia), anatomy revision, pay bands, scanners, curative treatment, labour.
- A metastasis that has spread to another bone ("spread to my hip bone") is that bone's.
- A message that names NG234's population (MSCC or spinal metastases) is NG234's even when it
  names an outside topic ("clots and pressure sores in MSCC patients", "our MRI scanner for
  suspected MSCC"), unless the message says there is no cancer ("?CES after a discectomy").
"""

from __future__ import annotations

import pytest
from chat_helpers import last


@pytest.mark.parametrize(
    "text",
    [
        "How many cycles of R-CHOP are given for diffuse large B-cell lymphoma?",
        "How long do men usually stay on hormone injections for prostate cancer?",
        "How do I convert 60 mg oral morphine a day to oxycodone?",
        "What fentanyl patch strength is equivalent to 120 mg oral morphine daily?",
        "How much lidocaine can I safely use for local anaesthetic infiltration?",
        "RTA with suspected cervical spine injury - when can I clear the collar?",
        "Tetraplegic after a diving accident with a pounding headache - autonomic dysreflexia?",
        "Explain the anatomy of the spinal cord tracts for my neuro exam",
        "What pay band is an acute oncology nurse specialist in the NHS?",
        "How do I write a business case for a new CT scanner?",
        "What radiotherapy fractionation is used for curative prostate cancer treatment?",
        "How should I look after a patient with an epidural for labour?",
        "The cancer has spread to my hip bone - will I be able to walk on it?",
        "Post-op discectomy day 2, new urinary retention, ?CES. No cancer hx. What do we do?",
        "cauda equina syndrome after epidural steroid injection for disc bulge - what now?",
    ],
)
def test_round27_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "What complications should we be preventing in MSCC patients, e.g. clots and pressure "
        "sores?",
        "Our DGH has an MRI scanner but the team wants to send the patient with suspected MSCC "
        "to the tertiary centre for the scan. Is that right?",
        "Writing a business case - why does NICE want the coordinator role covered 24/7?",
        "The cancer has spread to my spine and hip - will I be able to walk?",
    ],
)
def test_round27_ng234_questions_near_outside_topics_are_answered(conversation, text) -> None:
    assert not last(conversation, text).out_of_scope
