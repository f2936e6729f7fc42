"""docs/SAFETY.md stays true: every hazard is complete, rated by the matrix and verified by tests.

Also the controls that had no test elsewhere: the version and disclaimer on every rendering,
quotes shown in full, the intended purpose consistent with the README, the audit documented.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answers import render
from assistant.answers.answer import ConditionalOut, Quote, RecommendationOut
from assistant.guideline.corpus import GUIDELINE_VERSION
from assistant.settings import ROOT

SAFETY = ROOT / "docs" / "SAFETY.md"
README = ROOT / "README.md"
FIELDS = (
    "Hazard",
    "Cause",
    "Effect",
    "Severity",
    "Likelihood",
    "Risk",
    "Controls",
    "Tests",
    "Residual likelihood",
    "Residual risk",
)
SEVERITIES = ("Minor", "Significant", "Considerable", "Major", "Catastrophic")
LIKELIHOODS = ("Very low", "Low", "Medium", "High", "Very high")
#: DCB0129's matrix: MATRIX[likelihood][severity] is the risk rating 1-5.
MATRIX = {
    "Very high": (3, 4, 4, 5, 5),
    "High": (2, 3, 3, 4, 5),
    "Medium": (2, 2, 3, 3, 4),
    "Low": (1, 2, 2, 3, 4),
    "Very low": (1, 1, 2, 2, 3),
}
#: Hazards the log must contain (issue #7), each recognised by words in its title.
REQUIRED = {
    "a rule that fails to fire": ("rule", "not fire"),
    "a negated or uncertain red flag misread": ("negated", "red flag"),
    "a synonym not recognised": ("synonym",),
    "unknown treated as absent": ("unknown", "absent"),
    "a quote that does not support the recommendation": ("quote", "support"),
    "an outdated guideline text": ("out of date",),
    "stale index after a corpus change": ("stale", "corpus"),
    "a dependency or model update silently changing retrieval": ("dependency", "model"),
    "automation bias": ("automation bias",),
    "delaying the call to the MSCC coordinator": ("delays", "mscc coordinator"),
    "misleading or truncated display": ("misleading", "truncated"),
    "injected HTML": ("html",),
    "a tampered index or model file": ("tampered",),
    "the service unavailable": ("unavailable",),
}
TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)(?:\[[^\]]*\])?`")


def _hazards() -> dict[str, dict[str, str]]:
    """Hazard id -> {'title': …, field: text} parsed from the log's per-hazard tables."""
    text = SAFETY.read_text(encoding="utf-8")
    hazards: dict[str, dict[str, str]] = {}
    for block in re.split(r"^### ", text, flags=re.MULTILINE)[1:]:
        head, _, body = block.partition("\n")
        match = re.match(r"(H\d\d) (.+)", head)
        if not match:
            continue
        entry = {"title": match.group(2)}
        for row in re.finditer(r"^\| ([^|]+?) \| (.+) \|$", body, flags=re.MULTILINE):
            entry[row.group(1).strip()] = row.group(2).strip()
        hazards[match.group(1)] = entry
    return hazards


def _rating(cell: str) -> int:
    return int(re.match(r"\d", cell).group(0))


HAZARDS = _hazards()


def test_hazard_log_has_at_least_15_complete_hazards() -> None:
    assert len(HAZARDS) >= 15
    assert list(HAZARDS) == [f"H{n:02d}" for n in range(1, len(HAZARDS) + 1)]
    for hid, entry in HAZARDS.items():
        missing = [f for f in FIELDS if not entry.get(f)]
        assert not missing, f"{hid} lacks {missing}"


@pytest.mark.parametrize("hid", HAZARDS)
def test_every_hazard_lists_tests_that_exist(hid: str) -> None:
    refs = TEST_REF.findall(HAZARDS[hid]["Tests"])
    assert refs, f"{hid} lists no test as tests/x.py::test_name"
    for path, name in refs:
        source = ROOT / path
        assert source.is_file(), f"{hid}: no file {path}"
        assert re.search(rf"^def {name}\(", source.read_text(encoding="utf-8"), re.MULTILINE), (
            f"{hid}: {path} has no `def {name}(`"
        )


@pytest.mark.parametrize("hid", HAZARDS)
def test_risk_ratings_follow_the_dcb0129_matrix(hid: str) -> None:
    entry = HAZARDS[hid]
    severity = entry["Severity"]
    assert severity in SEVERITIES, f"{hid}: severity {severity!r}"
    column = SEVERITIES.index(severity)
    for likelihood_field, risk_field in (
        ("Likelihood", "Risk"),
        ("Residual likelihood", "Residual risk"),
    ):
        likelihood = entry[likelihood_field]
        assert likelihood in LIKELIHOODS, f"{hid}: {likelihood_field} {likelihood!r}"
        expected = MATRIX[likelihood][column]
        assert _rating(entry[risk_field]) == expected, (
            f"{hid}: {severity} x {likelihood} is {expected}, the log says {entry[risk_field]}"
        )
    assert LIKELIHOODS.index(entry["Residual likelihood"]) <= LIKELIHOODS.index(
        entry["Likelihood"]
    ), f"{hid}: controls cannot make a hazard more likely"


def test_summary_table_matches_the_entries() -> None:
    text = SAFETY.read_text(encoding="utf-8")
    rows = dict(
        (m.group(1), (int(m.group(2)), int(m.group(3))))
        for m in re.finditer(r"^\| (H\d\d) \| [^|]+ \| (\d) \| (\d) \|$", text, re.MULTILINE)
    )
    assert set(rows) == set(HAZARDS)
    for hid, entry in HAZARDS.items():
        assert rows[hid] == (_rating(entry["Risk"]), _rating(entry["Residual risk"])), hid


@pytest.mark.parametrize("topic", REQUIRED)
def test_required_hazards_are_in_the_log(topic: str) -> None:
    words = REQUIRED[topic]
    titles = [e["title"].lower() for e in HAZARDS.values()]
    assert any(all(w in t for w in words) for t in titles), f"no hazard for {topic}"


# --- intended purpose and version -----------------------------------------------------------------


def _purpose(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index('<a id="intended-purpose"></a>')
    return text[start : text.index("\n## ", start)]


@pytest.mark.parametrize(
    "statement",
    [
        "Supports, never replaces",
        "do not wait",
        "MSCC coordinator",
        "NG234 does not cover this",
        "Adults",
        "spinal metastases",
        "September 2023, last updated March 2026",
        "corpus/ng234.txt",
        "Unknown is not",
        "Tokuhashi",
        "1.9.3",
    ],
)
def test_intended_purpose_matches_the_readme(statement: str) -> None:
    for path in (README, SAFETY):
        assert statement.lower() in _purpose(path).lower(), f"{path.name}: {statement!r}"


def test_not_a_medical_device_and_linked_from_the_readme() -> None:
    assert "not a registered medical device" in SAFETY.read_text(encoding="utf-8")
    assert "not a registered medical device" in README.read_text(encoding="utf-8")
    assert "docs/SAFETY.md" in README.read_text(encoding="utf-8")


def test_guideline_version_is_stated_consistently() -> None:
    dates = re.search(r"\((.+)\)", GUIDELINE_VERSION).group(1)
    assert GUIDELINE_VERSION.startswith("NICE NG234")
    for path in (README, SAFETY):
        assert dates.replace(",", "") in path.read_text(encoding="utf-8").replace(",", "")
    assert GUIDELINE_VERSION in SAFETY.read_text(encoding="utf-8")


# --- what every rendering shows ---------------------------------------------------------------


@pytest.fixture(scope="module")
def red_flag_answer(conversation):
    return conversation.run(["known prostate ca, new back pain", "dose of dex?"])


def test_rendered_answers_carry_the_disclaimer_and_version(conversation, red_flag_answer):
    out_of_scope = conversation.run(["what's the capital of France"])
    for answer in (red_flag_answer, out_of_scope):
        for text in (render.to_text(answer), render.to_markdown(answer)):
            assert GUIDELINE_VERSION in text
            assert render.DISCLAIMER in text
    assert "does not replace, clinical judgement" in render.DISCLAIMER
    assert "MSCC coordinator" in render.DISCLAIMER


def test_markdown_export_keeps_what_is_pending_and_how_the_text_was_read(
    conversation, passage_map
) -> None:
    answer = conversation.run(["known breast ca, back pain at night, neuro intact"])
    markdown = render.to_markdown(answer)
    flat = " ".join(markdown.split())
    assert answer.conditional and "## Depends on more that is not yet known" in markdown
    for cond in answer.conditional:
        for quote in cond.quotes:
            assert " ".join(passage_map[quote.id].text.split()) in flat, quote.id
    assert "## How the text was read" in markdown and "'neuro intact' was read" in markdown


def test_text_render_shows_every_quote_in_full(conversation, passage_map) -> None:
    answer = conversation.run(["known breast ca, weak legs", "dose of dex?"])
    assert answer.recommendations and any(r.strength == "do-not" for r in answer.recommendations)
    text = render.to_text(answer, full=True)
    flat = " ".join(text.split())
    for rec in (*answer.recommendations, *answer.conditional):
        for quote in rec.quotes:
            assert " ".join(passage_map[quote.id].text.split()) in flat, quote.id
        if rec.strength == "do-not":
            assert f"[DO NOT] {rec.action}" in text
    # A rule that depends on unknown facts is never shown as applying.
    # (issue #14: under a question or a pending group, never among the actions)
    question_or_pending = ("asked", "asked_more", "pending", "pending_more")
    assert all(c.group in question_or_pending for c in answer.conditional)
    cond = ConditionalOut(
        rule="R-test",
        action="Act",
        strength="offer",
        urgency="immediate",
        cites=["1.3.2"],
        quotes=[Quote(id="1.3.2", text=passage_map["1.3.2"].text)],
        rationale=[],
        trace=[],
        condition="If x",
        missing=["limb_weakness"],
    )
    rendered = "\n".join(render._rec_text(cond))
    assert "Not yet known: " in rendered and "If: If x" in rendered
    assert isinstance(cond, RecommendationOut)


# --- dependency audit ---------------------------------------------------------------------------


def test_dependency_audit_is_documented() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^audit: ", makefile, re.MULTILINE)
    assert (ROOT / "scripts" / "audit.py").is_file()
    benchmarks = (ROOT / "docs" / "BENCHMARKS.md").read_text(encoding="utf-8")
    for doc in (SAFETY.read_text(encoding="utf-8"), benchmarks):
        section = doc[doc.index("## Dependency audit") :]
        assert re.search(r"\b20\d\d-\d\d-\d\d\b", section), "the audit's date"
        assert "make audit" in section and "pip-audit" in section
        assert "streamlit" in section and "torch" in section
