"""A relative who is the patient, a side between 'weak' and the limb, and ward shorthand.

A relative writing about their parent ("my mum is 84 and has breast cancer", "hi pls help -
dad is 79 …", "daughter on the phone, mum 84 …") describes the patient: the family cue is a
pseudo-cue there. A relative named in a case about someone else still keeps their findings
apart ("prostate ca. his wife has weak legs")."""

from __future__ import annotations

import pytest

from assistant.reading.extract import extract

READ = [
    ("my mum is 84 and has breast cancer, her legs are weak",
     {"cancer_diagnosis": "yes", "limb_weakness": "yes"}),
    ("Daughter on the phone: mum has lung ca, legs weak",
     {"cancer_diagnosis": "yes", "limb_weakness": "yes"}),
    ("Nurse: daughter on the phone, mum 84, lung ca with spinal mets, going home tomorrow.",
     {"cancer_diagnosis": "yes", "spinal_metastases": "confirmed"}),
    ("hi pls help - dad is 79, has bowel cancer, keeps falling",
     {"cancer_diagnosis": "yes", "gait_disturbance": "yes"}),
    ("prostate ca, weak R leg + numb L leg", {"limb_weakness": "yes", "sensory_loss": "yes"}),
    ("prostate ca, weak left leg", {"limb_weakness": "yes"}),
    ("71M oesophageal ca, new unsteadiness walking", {"gait_disturbance": "yes"}),
    ("bowel ca, new back pain worse at nite + on straining", {"pain_straining": "yes"}),
    ("bowel ca, back pain. no neuro", {"limb_weakness": "no", "sensory_loss": "no"}),
    ("bowel ca. no neuro but weak legs", {"limb_weakness": "yes"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), READ)
def test_it_is_read_as_the_patients(text: str, expected: dict[str, str]) -> None:
    facts = extract(text).facts
    assert {k: facts.get(k) for k in expected} == expected, extract(text).evidence


@pytest.mark.parametrize(
    "text",
    ["prostate ca. his wife has weak legs", "prostate ca. My wife has weak legs too"],
)
def test_a_relatives_finding_in_someone_elses_case_stays_theirs(text: str) -> None:
    assert extract(text).facts.get("limb_weakness") is None


def test_a_relatives_longer_clause_keeps_its_findings() -> None:
    """A relative's clause may run past eight words before naming a finding; a comma-free
    clause about them keeps it theirs (the patient's own is asked, never assumed)."""
    text = (
        "74M with prostate cancer. It's actually his wife who's been unsteady on her feet and "
        "had a weak leg"
    )
    assert extract(text).facts.get("limb_weakness") is None
    assert extract("prostate ca, his legs are weak").facts.get("limb_weakness") == "yes"
