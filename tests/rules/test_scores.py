"""SINS and revised Tokuhashi: published point tables, reported gaps, citations, safe facts."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.cli import main
from assistant.errors import InvalidInputError
from assistant.rules.scores import (
    CAVEAT_1_9_3,
    SINS_POINTS,
    TOKUHASHI_POINTS,
    facts_from_score,
    score_sins,
    score_text,
    score_tokuhashi,
    sins_location,
)

# Fisher CG et al., Spine 2010;35(22):E1221-9, table 1, transcribed independently of the module.
SINS_PUBLISHED = [
    ("location", "junctional", 3), ("location", "mobile", 2), ("location", "semi_rigid", 1),
    ("location", "rigid", 0),
    ("pain", "mechanical", 3), ("pain", "occasional_non_mechanical", 1), ("pain", "pain_free", 0),
    ("bone_lesion", "lytic", 2), ("bone_lesion", "mixed", 1), ("bone_lesion", "blastic", 0),
    ("alignment", "subluxation_translation", 4), ("alignment", "de_novo_deformity", 2),
    ("alignment", "normal", 0),
    ("collapse", "over_50", 3), ("collapse", "under_50", 2),
    ("collapse", "none_over_50_involved", 1), ("collapse", "none", 0),
    ("posterolateral", "bilateral", 3), ("posterolateral", "unilateral", 1),
    ("posterolateral", "none", 0),
]  # fmt: skip

# Tokuhashi Y et al., Spine 2005;30(19):2186-91, table 1.
TOKUHASHI_PUBLISHED = [
    ("general_condition", "poor", 0), ("general_condition", "moderate", 1),
    ("general_condition", "good", 2),
    ("extraspinal_bone_metastases", "3+", 0), ("extraspinal_bone_metastases", "1-2", 1),
    ("extraspinal_bone_metastases", "0", 2),
    ("vertebral_metastases", "3+", 0), ("vertebral_metastases", "2", 1),
    ("vertebral_metastases", "1", 2),
    ("visceral_metastases", "unremovable", 0), ("visceral_metastases", "removable", 1),
    ("visceral_metastases", "none", 2),
    *[("primary_site", s, 0) for s in ("lung", "osteosarcoma", "stomach", "bladder", "oesophagus",
                                       "pancreas")],
    *[("primary_site", s, 1) for s in ("liver", "gallbladder", "unidentified")],
    ("primary_site", "other", 2), ("primary_site", "kidney", 3), ("primary_site", "uterus", 3),
    ("primary_site", "rectum", 4),
    *[("primary_site", s, 5) for s in ("thyroid", "breast", "prostate", "carcinoid")],
    ("palsy", "complete", 0), ("palsy", "incomplete", 1), ("palsy", "none", 2),
]  # fmt: skip

SINS_ZERO = {"location": "rigid", "pain": "pain_free", "bone_lesion": "blastic",
             "alignment": "normal", "collapse": "none", "posterolateral": "none"}  # fmt: skip
TOKU_ZERO = {"general_condition": "poor", "extraspinal_bone_metastases": "3+",
             "vertebral_metastases": "3+", "visceral_metastases": "unremovable",
             "primary_site": "lung", "palsy": "complete"}  # fmt: skip


def test_point_tables_are_exactly_the_published_ones() -> None:
    assert {(c, v, p) for c, table in SINS_POINTS.items() for v, p in table.items()} == set(
        SINS_PUBLISHED
    )
    assert {(c, v, p) for c, table in TOKUHASHI_POINTS.items() for v, p in table.items()} == set(
        TOKUHASHI_PUBLISHED
    )


@pytest.mark.parametrize(("component", "value", "points"), SINS_PUBLISHED)
def test_each_sins_category_scores_its_points(component: str, value: str, points: int) -> None:
    result = score_sins({**SINS_ZERO, component: value})
    assert result.total == points and result.components[component] == points


@pytest.mark.parametrize(("component", "value", "points"), TOKUHASHI_PUBLISHED)
def test_each_tokuhashi_category_scores_its_points(component: str, value: str, points: int) -> None:
    result = score_tokuhashi({**TOKU_ZERO, component: value})
    assert result.total == points and result.components[component] == points


@pytest.mark.parametrize(
    ("changes", "total", "band"),
    [
        ({}, 0, "stable"),
        ({"location": "junctional", "pain": "mechanical"}, 6, "stable"),
        ({"location": "junctional", "pain": "mechanical", "posterolateral": "unilateral"}, 7,
         "indeterminate (possibly impending instability)"),
        ({"location": "junctional", "pain": "mechanical", "alignment": "subluxation_translation",
          "bone_lesion": "lytic"}, 12, "indeterminate (possibly impending instability)"),
        ({"location": "junctional", "pain": "mechanical", "alignment": "subluxation_translation",
          "bone_lesion": "lytic", "posterolateral": "unilateral"}, 13, "unstable"),
        ({"location": "junctional", "pain": "mechanical", "alignment": "subluxation_translation",
          "bone_lesion": "lytic", "collapse": "over_50", "posterolateral": "bilateral"}, 18,
         "unstable"),
    ],
)  # fmt: skip
def test_sins_bands_at_their_boundaries(changes: dict, total: int, band: str) -> None:
    result = score_sins({**SINS_ZERO, **changes})
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(
    ("changes", "total", "band"),
    [
        ({}, 0, "predicted survival < 6 months"),
        ({"primary_site": "breast", "palsy": "none", "general_condition": "moderate"}, 8,
         "predicted survival < 6 months"),
        ({"primary_site": "breast", "palsy": "none", "general_condition": "good"}, 9,
         "predicted survival >= 6 months"),
        ({"primary_site": "breast", "palsy": "none", "general_condition": "good",
          "visceral_metastases": "removable", "vertebral_metastases": "2"}, 11,
         "predicted survival >= 6 months"),
        ({"primary_site": "breast", "palsy": "none", "general_condition": "good",
          "visceral_metastases": "none", "vertebral_metastases": "2"}, 12,
         "predicted survival >= 1 year"),
        ({"primary_site": "thyroid", "palsy": "none", "general_condition": "good",
          "visceral_metastases": "none", "vertebral_metastases": "1",
          "extraspinal_bone_metastases": "0"}, 15, "predicted survival >= 1 year"),
    ],
)  # fmt: skip
def test_tokuhashi_bands_at_their_boundaries(changes: dict, total: int, band: str) -> None:
    result = score_tokuhashi({**TOKU_ZERO, **changes})
    assert (result.total, result.band) == (total, band)


def test_a_missing_component_is_reported_never_filled_in() -> None:
    result = score_sins({"location": "mobile", "pain": "mechanical", "bone_lesion": None})
    assert result.total is None and result.band is None
    assert result.missing == ("bone_lesion", "alignment", "collapse", "posterolateral")
    assert result.components == {"location": 2, "pain": 3}
    assert result.possible_range == (5, 5 + 2 + 4 + 3 + 3)
    empty = score_tokuhashi({})
    assert empty.total is None and len(empty.missing) == 6 and empty.possible_range == (0, 15)


def test_every_score_cites_ng234_and_its_source(passage_map) -> None:
    sins = score_sins(SINS_ZERO)
    toku = score_tokuhashi(TOKU_ZERO)
    assert sins.cites == ("1.9.1", "1.9.3") and toku.cites == ("1.9.2", "1.9.3")
    assert "Spine 2010;35(22):E1221-9" in sins.source and "Fisher CG" in sins.source
    assert "Spine 2005;30(19):2186-91" in toku.source and "Tokuhashi Y" in toku.source
    quoted = CAVEAT_1_9_3.removeprefix("NG234 1.9.3: ")
    assert passage_map["1.9.3"].text.startswith(quoted)
    assert sins.caveat == toku.caveat == CAVEAT_1_9_3


@pytest.mark.parametrize(
    ("level", "location"),
    [("occiput", "junctional"), ("C1", "junctional"), ("C2", "junctional"), ("C3", "mobile"),
     ("C6", "mobile"), ("C7", "junctional"), ("T2", "junctional"), ("T3", "semi_rigid"),
     ("T10", "semi_rigid"), ("T11", "junctional"), ("l1", "junctional"), ("L2", "mobile"),
     ("L4", "mobile"), ("L5", "junctional"), ("S1", "junctional"), ("S2", "rigid"),
     ("S5", "rigid")],
)  # fmt: skip
def test_spinal_level_gives_sins_location(level: str, location: str) -> None:
    assert sins_location(level) == location
    assert score_sins({"level": level}).components == {
        "location": SINS_POINTS["location"][location]
    }


def test_kps_gives_general_condition() -> None:
    for kps, points in ((10, 0), (40, 0), (50, 1), (70, 1), ("80%", 2), (100, 2)):
        assert score_tokuhashi({"kps": kps}).components == {"general_condition": points}


@pytest.mark.parametrize(
    ("scorer", "values", "message"),
    [
        (score_sins, {"colour": "red"}, "colour: not a SINS component"),
        (score_sins, {"location": "lumbar"}, "location: 'lumbar' is not one of junctional"),
        (score_sins, {"collapse": "60%"}, "collapse: '60%' is not one of over_50"),
        (score_sins, {"level": "T13"}, "level: 'T13' is not a spinal level"),
        (score_sins, {"level": "T5", "location": "mobile"}, "contradicts level T5 (semi_rigid)"),
        (score_tokuhashi, {"palsy": "frankel_a"}, "palsy: 'frankel_a' is not one of complete"),
        (score_tokuhashi, {"vertebral_metastases": 4}, "vertebral_metastases: '4' is not one of"),
        (score_tokuhashi, {"kps": 85}, "kps: 85 is not a Karnofsky score"),
        (score_tokuhashi, {"kps": "good"}, "kps: 'good' is not a Karnofsky score"),
        (score_tokuhashi, {"kps": 90, "general_condition": "poor"}, "contradicts kps 90 (good)"),
        (score_tokuhashi, {"frankel": "A"}, "frankel: not a Tokuhashi component"),
    ],
)
def test_invalid_input_names_the_field(scorer, values: dict, message: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        scorer(values)


@pytest.mark.parametrize(
    ("changes", "facts"),
    [
        ({}, {}),
        ({"location": "junctional", "pain": "mechanical"}, {}),
        ({"location": "junctional", "pain": "mechanical", "posterolateral": "unilateral"},
         {"spinal_instability": "suspected"}),
        ({"location": "junctional", "pain": "mechanical", "alignment": "subluxation_translation",
          "bone_lesion": "lytic", "posterolateral": "unilateral"},
         {"spinal_instability": "confirmed"}),
    ],
)  # fmt: skip
def test_facts_from_sins_only_ever_widen(changes: dict, facts: dict) -> None:
    assert facts_from_score(score_sins({**SINS_ZERO, **changes})) == facts


def test_facts_from_a_partial_sins_use_only_what_is_certain() -> None:
    reaches_7 = score_sins({"alignment": "subluxation_translation", "pain": "mechanical"})
    assert reaches_7.total is None and facts_from_score(reaches_7) == {
        "spinal_instability": "suspected"
    }
    could_be_stable = score_sins({"pain": "mechanical", "location": "junctional"})
    assert facts_from_score(could_be_stable) == {}


def test_tokuhashi_never_sets_prognosis() -> None:
    best = {k: max(v, key=v.get) for k, v in TOKUHASHI_POINTS.items()}
    assert facts_from_score(score_tokuhashi(best)) == {}
    assert facts_from_score(score_tokuhashi(TOKU_ZERO)) == {}


@settings(deadline=None)
@given(st.fixed_dictionaries({k: st.sampled_from([None, *v]) for k, v in SINS_POINTS.items()}))
def test_sins_total_is_the_sum_of_its_parts(values: dict) -> None:
    result = score_sins(values)
    given_parts = {k: v for k, v in values.items() if v is not None}
    assert result.components == {k: SINS_POINTS[k][v] for k, v in given_parts.items()}
    low, high = result.possible_range
    assert 0 <= low <= high <= 18
    if len(given_parts) == 6:
        assert result.total == low == high == sum(result.components.values())
    else:
        assert result.total is None and set(result.missing) == set(values) - set(given_parts)


def test_score_text_shows_total_or_what_is_missing() -> None:
    seven = {
        **SINS_ZERO,
        "pain": "mechanical",
        "alignment": "de_novo_deformity",
        "location": "mobile",
    }
    text = score_text(score_sins(seven))
    assert text.startswith("SINS: 7 (indeterminate") and "spinal_instability = suspected" in text
    assert "NG234 1.9.1, 1.9.3" in text and CAVEAT_1_9_3 in text
    partial = score_text(score_tokuhashi({"kps": 60}))
    assert partial.startswith("Revised Tokuhashi score: incomplete, missing extraspinal")
    assert "from 1 to 14" in partial


def test_cli_score_sins_and_tokuhashi(capsys) -> None:
    args = [
        "score",
        "sins",
        "--level",
        "T12",
        "--pain",
        "mechanical",
        "--bone-lesion",
        "lytic",
        "--alignment",
        "normal",
        "--collapse",
        "under_50",
        "--posterolateral",
        "unilateral",
    ]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("SINS: 11 (indeterminate")
    assert main([*args, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["total"] == 11 and payload["facts"] == {"spinal_instability": "suspected"}
    assert main(["score", "tokuhashi", "--kps", "80", "--primary-site", "breast", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["total"] is None and "palsy" in payload["missing"]
    assert main(["score", "sins", "--pain", "sometimes"]) == 2
    assert "pain: 'sometimes' is not one of" in capsys.readouterr().err


def test_error_messages_in_full() -> None:
    with pytest.raises(InvalidInputError) as err:
        score_sins({"location": "lumbar", "pain": "aching", "colour": "red"})
    assert str(err.value) == (
        "invalid SINS input: location: 'lumbar' is not one of junctional, mobile, semi_rigid, "
        "rigid; pain: 'aching' is not one of mechanical, occasional_non_mechanical, pain_free; "
        "colour: not a SINS component (components: location, pain, bone_lesion, alignment, "
        "collapse, posterolateral)"
    )
    with pytest.raises(InvalidInputError) as err:
        sins_location("L6")
    assert str(err.value) == (
        "invalid SINS input: level: 'L6' is not a spinal level (occiput, C1-C7, T1-T12, L1-L5, "
        "S1-S5)"
    )
    assert sins_location("C0") == sins_location(" Occiput ") == "junctional"


def test_score_text_in_full() -> None:
    unstable = {**SINS_ZERO, "location": "junctional", "pain": "mechanical",
                "alignment": "subluxation_translation", "bone_lesion": "lytic",
                "posterolateral": "unilateral"}  # fmt: skip
    assert score_text(score_sins(unstable)).split("\n")[:9] == [
        "SINS: 13 (unstable)",
        "  location: 3",
        "  pain: 3",
        "  bone_lesion: 2",
        "  alignment: 4",
        "  collapse: 0",
        "  posterolateral: 1",
        "Sets case facts: spinal_instability = confirmed",
        "NG234 1.9.1, 1.9.3; source: " + score_sins(unstable).source,
    ]
    partial = score_text(score_tokuhashi({"palsy": "none"})).split("\n")
    assert partial[:3] == [
        "Revised Tokuhashi score: incomplete, missing general_condition, "
        "extraspinal_bone_metastases, vertebral_metastases, visceral_metastases, primary_site",
        "  the given components allow a total from 2 to 15",
        "  palsy: 2",
    ]
    assert partial[-1] == CAVEAT_1_9_3 and len(partial) == 5
