"""Night-shift spelling, tight slash pairs, 'low suspicion' labels and ward normals (round 11).

Text-speak and dropped-g words are read as the word they stand for (data: synonyms.json
`respellings`); two words for one finding joined by a tight "/" are one denied finding, while
two different findings so joined stay asked (H02); a 'low suspicion MSCC' label records no MSCC
status; and the ward's normal shorthand ("PU/BO normal", "MAEW", "stick as usual") reads as
the normal it states.
"""

from __future__ import annotations

import pytest

from assistant.reading.extract import extract

READ = [
    ("lung ca, bk pain gettin worse, wakes him at nite, worse wen he coughs",
     {"pain_progressive": "yes", "pain_night": "yes", "pain_straining": "yes"}),
    ("ca lung, bk pain keepin him up most of nite, 3/52 and gettin worse",
     {"pain_night": "yes", "pain_progressive": "yes"}),
    ("breast ca. no numbness/tingling", {"sensory_loss": "no"}),
    ("prostate ca. no retention/incontinence", {"bladder_bowel_dysfunction": "no"}),
    ("lung ca. moving all 4 limbs normally", {"limb_weakness": "no"}),
    ("lung ca. PU/BO normal", {"bladder_bowel_dysfunction": "no"}),
    ("lung ca. mobilising with her stick as usual", {"gait_disturbance": "no"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), READ)
def test_it_is_read_as_written(text: str, expected: dict[str, str]) -> None:
    facts = extract(text).facts
    assert {k: facts.get(k) for k in expected} == expected, extract(text).evidence


def test_two_different_findings_joined_by_a_tight_slash_stay_asked() -> None:
    reading = extract("breast ca. no weakness/numbness")
    assert reading.facts.get("limb_weakness") == "no"
    assert "sensory_loss" not in reading.facts and "sensory_loss" in reading.uncertain


@pytest.mark.parametrize(
    "text",
    [
        "breast ca, low suspicion MSCC",
        "Labelled 'low suspicion MSCC' by ED. breast ca",
        "breast ca, low index of suspicion for cord compression",
    ],
)
def test_a_low_suspicion_label_records_no_mscc_status(text: str) -> None:
    assert "mscc" not in extract(text).facts


NOT_READ = [
    ("breast ca, MSCC at T9 within the old field", "pain_night"),  # 'within' is no respelling
    ("lung ca. walking with a frame today, usually walks unaided", "gait_disturbance"),
    ("lung ca. PU normal, BO 3 days ago", "bladder_bowel_dysfunction"),
]


@pytest.mark.parametrize(("text", "fact"), NOT_READ)
def test_it_is_not_read_as_a_normal_or_a_feature_it_is_not(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) in (None, "yes"), extract(text).evidence


def test_a_stated_red_flag_beside_text_speak_is_never_absent() -> None:
    facts = extract("pros ca, no fever, legs gettin weaker, cant walk").facts
    assert facts.get("limb_weakness") == "yes"
    assert facts.get("gait_disturbance") == "yes"
