"""The NG234 parser: every recommendation, verbatim, typed; loud failure on a malformed source."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

import pytest

from assistant.cli import main
from assistant.errors import CorpusParseError
from assistant.guideline import corpus
from assistant.guideline.corpus import normalise, parse

CORPUS_SHA256 = "6d7be7c516e76fadf45c843ed462ab75ec474df6002f53dbbceecdd21ad396e3"

SECTION_COUNTS = {
    "1.1": 28, "1.2": 10, "1.3": 6, "1.4": 4, "1.5": 10, "1.6": 6,
    "1.7": 14, "1.8": 8, "1.9": 3, "1.10": 10, "1.11": 9, "1.12": 5,
}  # fmt: skip

RATIONALE_COVERS = {
    "rationale-1.1.1-1.1.4": ("1.1.1", "1.1.4"),
    "rationale-1.1.5-1.1.14": ("1.1.5", "1.1.14"),
    "rationale-1.1.15-1.1.18": ("1.1.15", "1.1.18"),
    "rationale-1.1.19-1.1.21": ("1.1.19", "1.1.21"),
    "rationale-1.1.22-1.1.28": ("1.1.22", "1.1.28"),
    "rationale-1.2.1-1.2.8": ("1.2.1", "1.2.8"),
    "rationale-1.2.9-1.2.10": ("1.2.9", "1.2.10"),
    "rationale-1.3.1-1.3.6": ("1.3.1", "1.3.6"),
    "rationale-1.4.1-1.4.4": ("1.4.1", "1.4.4"),
    "rationale-1.5.1-1.5.6": ("1.5.1", "1.5.6"),
    "rationale-1.5.7-1.5.10": ("1.5.7", "1.5.10"),
    "rationale-1.6.1-1.6.6": ("1.6.1", "1.6.6"),
    "rationale-1.7.1-1.7.5": ("1.7.1", "1.7.5"),
    "rationale-1.7.6-1.7.10": ("1.7.6", "1.7.10"),
    # The 1.7.11-1.7.13 block also discusses denosumab (1.7.14).
    "rationale-1.7.11-1.7.13": ("1.7.11", "1.7.14"),
    "rationale-1.8.1-1.8.8": ("1.8.1", "1.8.8"),
    "rationale-1.9.1-1.9.3": ("1.9.1", "1.9.3"),
    "rationale-1.10.1": ("1.10.1", "1.10.1"),
    "rationale-1.10.2-1.10.3": ("1.10.2", "1.10.3"),
    "rationale-1.10.4-1.10.6": ("1.10.4", "1.10.6"),
    "rationale-1.10.7": ("1.10.7", "1.10.7"),
    "rationale-1.10.8-1.10.10": ("1.10.8", "1.10.10"),
    "rationale-1.11.1-1.11.5": ("1.11.1", "1.11.5"),
    "rationale-1.11.6-1.11.9": ("1.11.6", "1.11.9"),
    "rationale-1.12.1-1.12.5": ("1.12.1", "1.12.5"),
}

STRENGTHS = {
    "1.3.1": "consider",  # "Think about"
    "1.3.2": "offer",  # directive: "Immediately contact"
    "1.4.1": "offer",
    "1.4.2": "consider",
    "1.5.2": "offer",
    "1.5.6": "do-not",
    "1.5.9": "do-not",
    "1.7.11": "offer",
    "1.7.13": "do-not",
    "1.8.1": "offer",
    "1.8.3": "consider",
    "1.8.7": "do-not",  # "Do not routinely offer"
    "1.10.2": "offer",  # mixed: "offer 8 Gy ... or consider SABR"
    "1.10.7": "consider",
    "1.11.5": "do-not",
    "1.11.6": "consider",
    "1.11.8": "offer",
}

FURNITURE = re.compile(
    r"Page \d+|© NICE|All rights reserved|notice-of-rights|https?://|"
    r"Spinal metastases and metastatic spinal cord compression \(NG234\)"
)


def _rec_ids(first: str, last: str) -> tuple[str, ...]:
    a, b = first.rsplit(".", 1), last.rsplit(".", 1)
    return tuple(f"{a[0]}.{n}" for n in range(int(a[1]), int(b[1]) + 1))


def _source_segment(raw: str, rec_id: str) -> str:
    """The source text of one recommendation, found independently of the parser."""
    lines = [ln for ln in raw.splitlines() if not corpus.is_furniture(ln)]
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith(f"{rec_id} "))
    out = []
    for ln in lines[start:]:
        out.append(ln)
        if re.search(r"\[(2008|2023)\]\s*$", ln):
            break
    text = " ".join(" ".join(out).split())
    return text.removeprefix(f"{rec_id} ")


def test_corpus_is_the_verbatim_nice_text(raw_corpus: str) -> None:
    assert hashlib.sha256(raw_corpus.encode("utf-8")).hexdigest() == CORPUS_SHA256


def test_113_recommendations_with_per_section_counts(passages) -> None:
    recs = [p for p in passages if p.kind == "recommendation"]
    assert len(recs) == 113
    assert Counter(p.section for p in recs) == SECTION_COUNTS
    for section, count in SECTION_COUNTS.items():
        ids = [p.id for p in recs if p.section == section]
        assert ids == [f"{section}.{n}" for n in range(1, count + 1)]


def test_section_titles(passage_map) -> None:
    assert passage_map["1.8.1"].section_title == "Corticosteroid therapy"
    assert passage_map["1.10.4"].section_title == "Radiotherapy"
    assert passage_map["1.7.11"].heading == "Bisphosphonates"
    assert passage_map["1.7.14"].heading == "Denosumab"
    assert passage_map["1.5.2"].heading == "MRI assessment"


@pytest.mark.parametrize(
    "rec_id", ["1.1.5", "1.7.3", "1.10.4", "1.11.6", "1.8.1", "1.3.2", "1.4.1"]
)
def test_long_recommendations_equal_the_source(raw_corpus, passage_map, rec_id) -> None:
    assert normalise(passage_map[rec_id].text) == _source_segment(raw_corpus, rec_id)


def test_every_quote_is_a_substring_of_the_normalised_source(raw_corpus, passages) -> None:
    source = normalise(raw_corpus)
    for p in passages:
        if p.kind in ("recommendation", "rationale", "box", "term", "research"):
            body = p.text.removeprefix(p.heading or "") if p.kind == "box" else p.text
            for line in body.splitlines():
                assert normalise(line) in source, (p.id, line[:80])


def test_no_passage_contains_page_furniture(passages) -> None:
    for p in passages:
        assert not FURNITURE.search(p.text), p.id
        assert "\n\n" not in p.text and "  " not in p.text, p.id


def test_bullets_are_kept_as_list_items(passage_map) -> None:
    lines = passage_map["1.8.8"].text.splitlines()
    assert lines[0] == "For people taking corticosteroid treatment:"
    assert [ln[:2] for ln in lines[1:]] == ["• "] * 3
    sub = [ln for ln in passage_map["1.7.3"].text.splitlines() if ln.startswith("－")]
    assert len(sub) == 9


def test_rationale_covers(passages) -> None:
    rationale = {p.id: p for p in passages if p.kind == "rationale"}
    assert set(rationale) == set(RATIONALE_COVERS)
    for rid, (first, last) in RATIONALE_COVERS.items():
        assert rationale[rid].covers == _rec_ids(first, last), rid
        assert rationale[rid].text.startswith("Why the committee made the recommendation")


def test_every_recommendation_has_its_rationale(passages, passage_map) -> None:
    for p in passages:
        if p.kind == "recommendation":
            assert p.rationale_id is not None, p.id
            assert p.id in passage_map[p.rationale_id].covers
    assert passage_map["1.7.14"].rationale_id == "rationale-1.7.11-1.7.13"


def test_year_matches_the_tag(passages) -> None:
    years = Counter()
    for p in passages:
        if p.kind == "recommendation":
            assert p.text.endswith(f"[{p.year}]"), p.id
            years[p.year] += 1
    assert years[2008] == 3  # the retained bisphosphonate recommendations
    assert years[2023] == 110


@pytest.mark.parametrize(("rec_id", "strength"), sorted(STRENGTHS.items()))
def test_strength_from_nice_wording(passage_map, rec_id, strength) -> None:
    assert passage_map[rec_id].strength == strength


def test_evidence_reviews(passage_map) -> None:
    assert passage_map["1.10.4"].evidence_review == "M: radiotherapy"
    assert passage_map["1.8.1"].evidence_review == "J: corticosteroids"
    assert passage_map["1.5.2"].evidence_review == (
        "A: service configuration and delivery – investigations; F: investigations – diagnosis"
    )
    assert passage_map["rationale-1.10.4-1.10.6"].evidence_review == "M: radiotherapy"
    assert passage_map["research-1"].evidence_review == "M: radiotherapy"


def test_box_1_has_its_three_groups(passage_map) -> None:
    box = passage_map["box-1"]
    assert box.kind == "box" and box.section == "1.3"
    lines = box.text.splitlines()
    groups = [ln for ln in lines if ln.endswith(":")]
    assert groups == [
        "Cancer:",
        "Pain characteristics suggesting spinal metastases:",
        "Symptoms and signs suggesting cord compression:",
    ]
    assert sum(ln.startswith("• ") for ln in lines) == 2 + 7 + 6


def test_research_terms_and_context(passages, passage_map) -> None:
    kinds = Counter(p.kind for p in passages)
    assert kinds["research"] == 4 and kinds["term"] == 3 and kinds["rationale"] == 25
    assert passage_map["research-2"].text.startswith(
        "What are the effective forms of immobilisation for people with MSCC? [2023]"
    )
    assert passage_map["research-1"].section == "1.10"
    assert passage_map["term-holistic-needs-assessment"].heading == "Holistic needs assessment"
    assert passage_map["context-overview"].text.startswith("This guideline covers recognition")
    assert "March 2026" in passage_map["context-minor-changes-since-publication"].text
    assert len({p.id for p in passages}) == len(passages)


def test_parse_is_pure_and_deterministic(raw_corpus) -> None:
    assert parse(raw_corpus) == parse(raw_corpus)


# --- malformed sources fail loudly, naming the line ----------------------------------------

MUTATIONS = [
    # (description, old, new, message fragment)
    ("duplicated number", "1.8.3 Consider giving", "1.8.2 Consider giving", "duplicated"),
    ("out of order", "1.8.3 Consider giving", "1.8.4 Consider giving", "expected 1.8.3"),
    ("number missing", "1.8.3 Consider giving", "Consider giving", "expected 1.8.3"),
    (
        "last of a section missing",
        "1.8.8 For people taking",
        "For people taking",
        "1.8.8, which does not exist",
    ),
    (
        "rationale names an unknown id",
        "Recommendations 1.9.1 to 1.9.3",
        "Recommendations 1.9.1 to 1.9.4",
        "1.9.4, which does not exist",
    ),
    ("section out of order", "1.9 Tools for assessing", "1.19 Tools for assessing", "section"),
    (
        "year tag missing",
        "reduced. See recommendations on managing glucocorticoid withdrawal in NICE's \n"
        "guideline on adrenal insufficiency. [2023]",
        "reduced. See recommendations on managing glucocorticoid withdrawal in NICE's \n"
        "guideline on adrenal insufficiency.",
        "year tag",
    ),
    ("rationale part missing", "Rationale and impact", "Rationale & impact", "not found"),
]


@pytest.mark.parametrize(
    ("what", "old", "new", "message"), MUTATIONS, ids=[m[0] for m in MUTATIONS]
)
def test_malformed_source_fails_naming_the_line(raw_corpus, what, old, new, message) -> None:
    assert raw_corpus.count(old) == 1, f"mutation anchor not unique: {old!r}"
    with pytest.raises(CorpusParseError) as info:
        parse(raw_corpus.replace(old, new))
    assert message in str(info.value)
    assert re.search(r"line \d+", str(info.value))
    assert info.value.line > 0


# --- CLI --------------------------------------------------------------------------------------


def test_cli_corpus_json(capsys) -> None:
    assert main(["corpus", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len([p for p in data if p["kind"] == "recommendation"]) == 113
    fields = {
        "id", "kind", "section", "section_title", "heading", "text", "year", "strength",
        "covers", "evidence_review", "rationale_id", "line",
    }  # fmt: skip
    assert all(set(p) == fields for p in data)
    one = next(p for p in data if p["id"] == "rationale-1.2.9-1.2.10")
    assert one["covers"] == ["1.2.9", "1.2.10"]


def test_cli_corpus_id_prints_text(capsys) -> None:
    assert main(["corpus", "--id", "1.8.1"]) == 0
    out = capsys.readouterr().out
    assert "NG234 1.8.1" in out and "Offer 16 mg of oral dexamethasone" in out


def test_cli_unknown_id_is_a_clear_message_not_a_traceback(capsys) -> None:
    assert main(["corpus", "--id", "9.9.9"]) == 2
    err = capsys.readouterr().err
    assert "no passage with id '9.9.9'" in err and "Traceback" not in err
