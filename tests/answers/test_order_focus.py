"""Session 15 (#14): what leads an answer on a live case, each placement tested both ways.

- A question on a live case shows at most `max_asked_first` of its rows before the case's
  actions; the rest fold under "More on what you asked" (a question with no case shows all).
- Surgery rows lead only while surgery is a next step: 1.11.3 with MSCC confirmed or surgery
  suitable, 1.11.4 and 1.11.7 with surgery suitable, none once surgery or radiotherapy for the
  MSCC is recorded as done.
- Supportive care (1.12.5) leads with immobilisation or MSCC with bladder or bowel dysfunction.
- A later message that adds a fact and asks ("she's asking about having children - who do we
  refer to?") leads with the rules that fact decides; one that adds a red flag is ordered by
  the case.
"""

from __future__ import annotations

from assistant.answers.order import grouped, load_order

CORD = "known breast ca, new leg weakness since yesterday, back pain at night"


def rows(answer) -> list:
    return [r for _, items in grouped(answer) for r in items]


def cites_of(row) -> set[str]:
    return set(row.cites) if hasattr(row, "cites") else {row.id}


def top(answer, n: int = 6) -> set[str]:
    return {c for r in rows(answer)[:n] for c in cites_of(r)}


def group_of(answer, rule: str) -> str:
    return next(r.group for r in rows(answer) if getattr(r, "rule", None) == rule)


def test_a_question_on_a_live_case_shows_a_few_asked_rows_then_the_urgent_actions(
    conversation,
) -> None:
    answer = conversation.run([CORD, "dex dose? when do we reduce it?"])
    asked = [r for r in rows(answer) if r.group == "asked"]
    assert 1 <= len(asked) <= load_order().max_asked_first
    assert "1.8.1" in cites_of(rows(answer)[0])
    assert {"1.3.2", "1.5.2"} <= top(answer)
    assert any(r.group == "asked_more" for r in rows(answer))
    assert next(g for g in answer.groups if g.id == "asked_more").folded


def test_a_question_without_a_case_shows_every_row_it_asks_about(conversation) -> None:
    answer = conversation.run(["dex dose? when do we reduce it?"])
    assert not any(r.group == "asked_more" for r in rows(answer))
    assert len([r for r in rows(answer) if r.group == "asked"]) > load_order().max_asked_first


def test_surgery_leads_when_mscc_is_confirmed_and_folds_once_operated(conversation) -> None:
    confirmed = conversation.run([CORD, "MRI: MSCC at T10, surgeons keen to operate"])
    assert group_of(confirmed, "R1.11.3-surgery-as-soon-as-possible") == "act"
    assert group_of(confirmed, "R1.11.4-urgency-of-surgery") == "act"
    operated = conversation.run(
        [CORD, "MRI: MSCC at T10. Day 3 post T10 decompression and posterior stabilisation."]
    )
    assert group_of(operated, "R1.11.3-surgery-as-soon-as-possible") == "more_actions"
    assert "1.10.8" in {c for r in operated.recommendations for c in r.cites}


def test_urgency_and_options_of_surgery_fold_until_surgery_is_suitable(conversation) -> None:
    answer = conversation.run([CORD, "MRI: MSCC at T10"])
    assert group_of(answer, "R1.11.3-surgery-as-soon-as-possible") == "act"
    assert group_of(answer, "R1.11.4-urgency-of-surgery") == "more_actions"


def test_surgery_folds_after_radiotherapy_for_the_mscc(conversation) -> None:
    answer = conversation.run(
        [CORD, "MRI: MSCC at T10, not for surgery. 8Gy x1 given Tues, dex weaning, now 8mg"]
    )
    facts = answer.facts
    assert facts["mscc_radiotherapy_given"] == "yes"
    assert facts["on_corticosteroids"] == "yes" and facts["dexamethasone_given"] == "yes"
    assert "1.10.4" not in {c for r in answer.recommendations for c in r.cites}
    assert "R1.8.1-dexamethasone-16mg" not in {r.rule for r in answer.recommendations}


def test_radiotherapy_on_a_day_is_the_msccs_only_beside_mscc(conversation) -> None:
    answer = conversation.run(["breast ca with spinal mets, had 8 Gy 3 days ago for pain"])
    assert answer.facts.get("mscc_radiotherapy_given") is None


def test_supportive_care_leads_with_mscc_and_bladder_dysfunction(conversation) -> None:
    with_bladder = conversation.run(["prostate ca, MSCC T9 on MRI, catheterised for retention"])
    assert group_of(with_bladder, "R1.12.5-supportive-care") == "act"
    without = conversation.run([CORD, "MRI: MSCC at T10"])
    assert group_of(without, "R1.12.5-supportive-care") == "standing"


def test_a_later_fact_with_a_question_leads_with_what_it_decides(conversation) -> None:
    answer = conversation.run(
        [
            "27F breast ca, MSCC T8 on MRI, legs 4/5, not for surgery",
            "She's asking about having children in future - who should she see?",
        ]
    )
    assert "1.10.1" in top(answer, 3)
    assert "1.3.2" in top(answer)


def test_a_later_red_flag_with_a_question_is_ordered_by_the_case(conversation) -> None:
    answer = conversation.run(
        [
            "62M renal ca, back pain at night, MRI booked for 8am",
            "Now numbness below his nipples and both legs weaker - ok to sit him up?",
        ]
    )
    assert rows(answer)[0].cites == ["1.3.2"]
