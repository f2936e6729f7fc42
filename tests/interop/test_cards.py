"""Cards from a record (cards.py): urgency to indicator, NICE's words, scope, pending questions."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.interop.bundle import case_bundle, read_bundle
from assistant.interop.cards import SUMMARY_LIMIT, cards_for, scope, shorten

TODAY = date(2026, 12, 3)
RED_FLAG = {"cancer_diagnosis": "yes", "limb_weakness": "yes"}


def cards(facts: dict, birth_date: str | None = "1960-01-01", passages=None):
    return cards_for(read_bundle(case_bundle(facts, birth_date=birth_date), TODAY), passages)


def kinds(result) -> list[str]:
    return [c["extension"]["ng234"]["kind"] for c in result.cards]


def test_a_red_flag_leads_with_a_critical_card_quoting_1_3_2(passage_map) -> None:
    result = cards(RED_FLAG, passages=passage_map)
    first = result.cards[0]
    assert first["indicator"] == "critical"
    assert first["source"] == {
        "label": "NICE NG234 1.3.2",
        "url": "https://www.nice.org.uk/guidance/ng234",
    }
    assert passage_map["1.3.2"].text in first["detail"]
    assert "- Limb weakness: yes" in first["detail"]
    assert len(first["summary"]) < SUMMARY_LIMIT


def test_indicators_follow_urgency(passage_map) -> None:
    result = cards(RED_FLAG, passages=passage_map)
    by_rule = {
        c["extension"]["ng234"]["rule"]: c["indicator"]
        for c in result.cards
        if c["extension"]["ng234"]["kind"] == "recommendation"
    }
    assert by_rule["R1.3.2-contact-coordinator"] == "critical"  # immediate
    assert by_rule["R1.5.2-mri-within-24h"] == "warning"  # within 24 hours
    assert by_rule["R1.12.5-supportive-care"] == "info"  # routine
    order = [c["indicator"] for c in result.cards]
    assert order == sorted(order, key=["critical", "warning", "info"].index)


def test_unknowns_are_one_pending_card_with_the_questions(passage_map) -> None:
    result = cards({"cancer_diagnosis": "yes", "back_pain": "yes"}, passages=passage_map)
    pending = [c for c in result.cards if c["extension"]["ng234"]["kind"] == "pending"]
    assert len(pending) == 1
    assert "Is there any weakness in the arms or legs?" in pending[0]["detail"] or (
        "limb_weakness" in pending[0]["extension"]["ng234"]["questions"]
    )
    assert pending[0]["indicator"] == "warning"  # 1.3.2 (immediate) depends on the answers
    assert "R1.3.2-contact-coordinator" not in result.applies
    # Answered: the red flag is no longer pending, and 1.3.2 applies.
    answered = cards(
        {"cancer_diagnosis": "yes", "back_pain": "yes", "limb_weakness": "yes"},
        passages=passage_map,
    )
    assert "R1.3.2-contact-coordinator" in answered.applies
    assert "limb_weakness" not in answered.questions


def test_every_summary_fits_and_every_card_quotes_its_numbers(passage_map) -> None:
    result = cards(
        {**RED_FLAG, "mscc": "confirmed", "spinal_metastases": "confirmed", "prognosis": "good"},
        passages=passage_map,
    )
    for card in result.cards:
        assert 0 < len(card["summary"]) < SUMMARY_LIMIT
        for cite in card["extension"]["ng234"].get("cites", []):
            assert passage_map[cite].text in card["detail"]


def test_a_declined_treatment_is_set_aside_not_an_action(passage_map) -> None:
    facts = {**RED_FLAG, "mscc": "confirmed", "spinal_metastases": "confirmed"}
    offered = cards(facts, passages=passage_map)
    declined = cards({**facts, "surgery_declined": "yes"}, passages=passage_map)
    assert "R1.11.3-surgery-as-soon-as-possible" in offered.applies
    assert "R1.11.3-surgery-as-soon-as-possible" not in declined.applies
    assert "R1.11.3-surgery-as-soon-as-possible" in declined.set_aside
    aside = [c for c in declined.cards if c["extension"]["ng234"]["kind"] == "set_aside"]
    assert aside and all(c["indicator"] == "info" for c in aside)


@pytest.mark.parametrize(
    ("facts", "birth_date", "expected"),
    [
        (RED_FLAG, "1960-01-01", "in_scope"),
        (RED_FLAG, "2015-06-01", "child"),
        (RED_FLAG, None, "in_scope"),  # no birth date: never refused for that alone
        (RED_FLAG, "2010-12-03", "in_scope"),  # 16 today
        ({"cancer_diagnosis": "yes"}, "1960-01-01", "not_ng234"),  # no spinal fact
        ({}, "1960-01-01", "not_ng234"),
        (
            {"back_pain": "yes", "cancer_diagnosis": "no", "cancer_suspected": "no"},
            "1960-01-01",
            "no_cancer",
        ),
        (
            {"back_pain": "yes", "cancer_diagnosis": "no", "cancer_suspected": "yes"},
            "1960-01-01",
            "in_scope",
        ),
        ({"back_pain": "yes", "cancer_diagnosis": "no"}, "1960-01-01", "in_scope"),
    ],
)
def test_scope_as_in_the_app(facts, birth_date, expected) -> None:
    assert scope(read_bundle(case_bundle(facts, birth_date=birth_date), TODAY)) == expected


def test_a_child_gets_one_scope_card_and_no_advice(passage_map) -> None:
    child = cards(RED_FLAG, birth_date="2015-06-01", passages=passage_map)
    assert kinds(child) == ["scope"] and child.applies == ()
    assert cards({}, birth_date="2015-06-01", passages=passage_map).cards == []
    adult = cards(RED_FLAG, passages=passage_map)
    assert "scope" not in kinds(adult) and adult.applies


def test_outside_ng234_there_are_no_cards(passage_map) -> None:
    assert cards({"cancer_diagnosis": "yes"}, passages=passage_map).cards == []


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("short") == "short"
    cut = shorten("word " * 60)
    assert len(cut) <= SUMMARY_LIMIT - 1 and cut.endswith("word…")


def test_a_question_on_an_applying_rules_exception_names_that_rule(passage_map) -> None:
    """1.10.4 applies while its 'unless' is not recorded, and the pending card asks the
    exception ('complete paralysis?') as bearing on 1.10.4 (it raised KeyError: the card
    looked the rule up among the undetermined ones only)."""
    facts = {"cancer_diagnosis": "yes", "spinal_metastases": "confirmed", "mscc": "confirmed",
             "suitable_for_surgery": "no", "back_pain": "no"}  # fmt: skip
    result = cards(facts, passages=passage_map)
    assert "R1.10.4-urgent-radiotherapy" in result.applies
    pending = next(c for c in result.cards if c["extension"]["ng234"]["kind"] == "pending")
    line = next(x for x in pending["detail"].splitlines() if "complete_paralysis" in x)
    assert "bears on 1.10.4" in line
