"""The answer's order (issue #14): asked first, Do now, actions, pending, the rest folded.

Every placement rule has a case where it fires and one where it must not; the data table's
words are verbatim NICE fragments; the order is the same in JSON, text and Markdown.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from assistant.answers import render
from assistant.answers.handover import MAX_LINES, to_handover
from assistant.answers.order import grouped, load_order
from assistant.case import catalogue, make_case
from assistant.rules import evaluate, load_rules
from assistant.rules.exclusions import exclusions_for, load_exclusions

CORD = "known prostate ca, new leg weakness since yesterday, back pain at night"


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()


def rows(answer) -> list:
    return [r for _, items in grouped(answer) for r in items]


def ids(row) -> list[str]:
    return list(row.cites) if hasattr(row, "cites") else [row.id]


# --- the table ---------------------------------------------------------------------------------


def test_every_do_now_phrase_is_a_verbatim_fragment_of_its_recommendation(passage_map) -> None:
    rules = {r.id: r for r in load_rules()}
    for key in load_order().key_actions:
        rule = rules[key.rule]  # KeyError: a key action names no rule
        text = _flat(" ".join(passage_map[c].text for c in rule.cites))
        for part in key.words.split(" … "):
            assert _flat(part) in text, f"{key.rule}: {part!r} is not NICE's words"


def test_the_table_names_only_real_rules_recommendations_and_groups(passage_map) -> None:
    order = load_order()
    ids = {r.id for r in load_rules()}
    named = [*order.supporting, *(p.rule for p in order.promoted)]
    named += [s.rule for s in order.superseded] + [s.by for s in order.superseded]
    assert set(named) <= ids, set(named) - ids
    cites = [*order.standing_care, *(p.cite for p in order.prohibitions_about)]
    assert all(passage_map[c].kind == "recommendation" for c in cites)
    assert {p.cite for p in order.prohibitions_about} <= {
        c for r in load_rules() if r.strength == "do-not" for c in r.cites
    }
    assert len(set(order.group_ids)) == len(order.group_ids)
    assert order.group_ids[:3] == ("asked", "act", "pending")  # shown before anything folded
    assert not any(g.folded for g in order.groups[:3])


def test_exclusions_name_real_recommendations_and_their_alternatives(passage_map) -> None:
    for row in load_exclusions():
        for cite in (*row.set_aside, *row.instead):
            assert passage_map[cite].kind == "recommendation", (row.id, cite)
        assert not set(row.set_aside) & set(row.instead)


# --- ranks, groups and Do now ------------------------------------------------------------------


def test_json_rows_carry_group_and_rank_in_one_order(conversation) -> None:
    answer = conversation.run([CORD])
    data = json.loads(answer.to_json())
    ranked = [
        *data["recommendations"],
        *data["conditional"],
        *data["lookups"],
        *data["set_aside"],
    ]
    assert sorted(r["rank"] for r in ranked) == list(range(1, len(ranked) + 1))
    group_ids = load_order().group_ids
    by_rank = sorted(ranked, key=lambda r: r["rank"])
    positions = [group_ids.index(r["group"]) for r in by_rank]
    assert positions == sorted(positions), "groups appear in the table's order"
    assert [g["id"] for g in data["groups"]] == list(dict.fromkeys(r["group"] for r in by_rank))
    assert sum(g["count"] for g in data["groups"]) == len(ranked)
    # every list is still there (public JSON is only added to)
    assert {"recommendations", "conditional", "lookups", "questions", "facts"} <= set(data)


def test_a_cord_case_leads_with_coordinator_dexamethasone_and_mri(conversation) -> None:
    answer = conversation.run([CORD])
    assert [a.cites[0] for a in answer.do_now][:3] == ["1.3.2", "1.8.1", "1.5.2"]
    assert [a.timing for a in answer.do_now][:3] == [
        "Immediately",
        "Immediately",
        "Within 24 hours",
    ]
    first_six = [c for r in rows(answer)[:6] for c in ids(r)]
    assert {"1.3.2", "1.8.1", "1.5.2"} <= set(first_six)
    assert len(answer.do_now) <= load_order().max_do_now
    # 1.3.3 applies too (night pain) but is not repeated in Do now: 1.3.2 supersedes it
    assert "1.3.3" in {c for r in answer.recommendations for c in r.cites}
    assert "1.3.3" not in {c for a in answer.do_now for c in a.cites}
    assert (
        answer.message.startswith("Updated:") and "Do now (NG234): Immediately:" in answer.message
    )


def test_pain_only_case_does_now_advice_and_mri_within_a_week(conversation) -> None:
    answer = conversation.run(
        ["lung ca, back pain at night, no weakness, walking fine, no numbness, bladder and "
         "bowels normal, no radicular pain, no neurological signs"]
    )  # fmt: skip
    assert [a.cites for a in answer.do_now] == [["1.3.3"], ["1.5.3"]]
    assert [a.timing for a in answer.do_now] == ["Within 24 hours", "Within 1 week"]


def test_nothing_applies_means_no_do_now(conversation) -> None:
    assert conversation.run(["dose of dex?"]).do_now == []
    assert conversation.run(["known breast ca"]).do_now == []


def test_standing_care_is_folded_for_a_case_but_leads_when_asked_about(conversation) -> None:
    case = conversation.run([CORD])
    standing = [r for r in case.recommendations if "1.2.2" in r.cites]
    assert standing and standing[0].group == "standing"
    assert next(g for g in case.groups if g.id == "standing").folded
    asked = conversation.run([CORD, "who should the family contact if his symptoms get worse?"])
    row = next(r for r in rows(asked) if "1.2.2" in ids(r))
    assert row.group == "asked" and row.rank <= 3


def test_a_question_on_a_live_case_puts_what_was_asked_first(conversation) -> None:
    answer = conversation.run(["known breast ca, weak legs", "dose of dex?"])
    first = rows(answer)[0]
    assert first.group == "asked" and "1.8.1" in first.cites
    # and the emergency still leads Do now
    assert answer.do_now[0].cites == ["1.3.2"]


def test_a_case_that_asks_what_to_do_is_ordered_by_the_case(conversation) -> None:
    answer = conversation.run(
        ["71 year old lady, breast ca 2015, can't feel her feet, what do I do?"]
    )
    assert not any(r.group == "asked" for r in rows(answer))
    assert rows(answer)[0].cites == ["1.3.2"]


def test_a_prohibition_joins_the_actions_only_when_the_message_is_about_it(conversation) -> None:
    plain = conversation.run([CORD])
    xray = next(r for r in plain.recommendations if "1.5.9" in r.cites)
    assert xray.group == "cautions"
    about = conversation.run([CORD + ", had a plain x-ray of the spine in ED"])
    xray = next(r for r in about.recommendations if "1.5.9" in r.cites)
    assert xray.group == "act"
    urgent = [r for r in about.recommendations if r.group == "act" and r.urgency == "immediate"]
    assert all(r.rank < xray.rank for r in urgent if r.strength != "do-not")


def test_pending_rows_are_those_one_or_two_answers_decide_with_their_questions(
    conversation,
) -> None:
    answer = conversation.run([CORD])
    shown = [c for c in answer.conditional if c.group == "pending"]
    assert 0 < len(shown) <= load_order().max_shown_pending
    for cond in shown:
        assert 1 <= len(cond.deciding) <= 2 and cond.ask
        assert cond.ask == [catalogue()[f].question for f in cond.deciding]
    folded = [c for c in answer.conditional if c.group == "pending_more"]
    assert folded and next(g for g in answer.groups if g.id == "pending_more").folded


def test_deciding_is_the_fewest_answers_that_could_make_a_rule_apply() -> None:
    evaluation = evaluate(make_case({"cancer_diagnosis": "yes"}))
    hit = next(h for h in evaluation.undetermined if h.rule_id == "R1.3.2-contact-coordinator")
    # any one Box 1 cord item decides 1.3.2; all six are still missing
    assert len(hit.deciding) == 1 and len(hit.missing) == 6
    assert catalogue()[hit.deciding[0]].red_flag
    both = evaluate(make_case({}))
    hit = next(h for h in both.undetermined if h.rule_id == "R1.3.2-contact-coordinator")
    assert set(hit.deciding) >= {"cancer_diagnosis"} and len(hit.deciding) == 2


# --- what the case rules out --------------------------------------------------------------------


@pytest.mark.parametrize("exclusion", load_exclusions(), ids=lambda x: x.id)
def test_each_exclusion_fires_on_its_fact_and_not_without_it(exclusion) -> None:
    fact = exclusion.when.fact  # every exclusion is one fact today
    value = exclusion.when.is_[0]
    assert exclusions_for(make_case({fact: value})) == [exclusion]
    other = next(v for v in catalogue()[fact].values if v not in (value, "unknown"))
    assert exclusions_for(make_case({fact: other})) == []
    assert exclusions_for(make_case({})) == []  # unknown is not "yes"


def test_not_fit_for_surgery_sets_surgery_aside_and_shows_urgent_radiotherapy(conversation) -> None:
    answer = conversation.run(["breast ca, MRI confirmed MSCC T8, legs weak, not fit for surgery"])
    applying = {c for r in answer.recommendations for c in r.cites}
    aside = {c for r in answer.set_aside for c in r.cites}
    assert {"1.11.3", "1.11.4"} <= aside and not {"1.11.3", "1.11.4"} & applying
    assert all("not suitable" in r.because and "1.10.4" in r.instead for r in answer.set_aside)
    # NICE's alternative applies (its 'unless' exceptions are asked) and is shown to do now
    radiotherapy = next(r for r in answer.recommendations if "1.10.4" in r.cites)
    assert radiotherapy.group == "act"
    assert any("1.10.4" in d.cites for d in answer.do_now)
    # the same case fit for surgery keeps surgery among the actions
    fit = conversation.run(["breast ca, MRI confirmed MSCC T8, legs weak, fit for surgery"])
    assert "1.11.3" in {c for r in fit.recommendations for c in r.cites}
    assert fit.set_aside == []
    surgery = next(r for r in fit.recommendations if "1.11.3" in r.cites)
    assert surgery.group == "act"  # promoted: surgery is suitable


def test_comfort_care_only_sets_surgery_and_radiotherapy_aside(conversation) -> None:
    answer = conversation.run(
        ["lung ca, MRI confirmed MSCC, legs weak, too frail for surgery or radiotherapy"]
    )
    aside = {c for r in answer.set_aside for c in r.cites}
    applying = {c for r in answer.recommendations for c in r.cites}
    assert "1.11.3" in aside and not aside & applying


@pytest.mark.parametrize(
    ("text", "fact", "aside"),
    [
        ("prostate ca, MRI confirmed MSCC, legs weak, he declines surgery", "surgery_declined",
         "1.11.3"),
        ("prostate ca, MRI confirmed MSCC, legs weak, she doesn't want an operation",
         "surgery_declined", "1.11.3"),
        ("prostate ca, MRI confirmed MSCC, legs weak, not fit for surgery, not paralysed, "
         "prognosis good, refused radiotherapy", "radiotherapy_declined", "1.10.4"),
    ],
)  # fmt: skip
def test_a_declined_treatment_is_read_and_set_aside(
    conversation, text: str, fact: str, aside: str
) -> None:
    answer = conversation.run([text])
    assert answer.facts.get(fact) == "yes"
    row = next(r for r in answer.set_aside if aside in r.cites)
    assert "declined" in row.because
    assert aside not in {c for r in answer.recommendations for c in r.cites}
    # without the refusal the same treatment is an action
    kept = conversation.run([text.rsplit(",", 1)[0]])
    assert aside in {c for r in kept.recommendations for c in r.cites}


def test_surgeons_declining_is_not_the_person_declining(conversation) -> None:
    answer = conversation.run(["prostate ca, MSCC on MRI, spinal surgeons declined"])
    assert "surgery_declined" not in answer.facts
    assert answer.facts.get("suitable_for_surgery") == "no"


# --- the same order in text, Markdown and the handover ------------------------------------------


def test_text_and_markdown_follow_the_groups_in_order(conversation) -> None:
    answer = conversation.run([CORD])
    text = render.to_text(answer)
    titles = [g.title.upper() for g in answer.groups if not g.folded]
    assert [text.index(t) for t in titles] == sorted(text.index(t) for t in titles)
    assert text.index("DO NOW") < text.index(titles[0])
    assert "FOLDED (ng234 ask --all shows them in full)" in text
    full = render.to_text(answer, full=True)
    assert all(f"{g.title.upper()} ({g.count})" in full for g in answer.groups)
    markdown = render.to_markdown(answer)
    heads = [f"## {g.title} ({g.count})" for g in answer.groups]
    assert [markdown.index(h) for h in heads] == sorted(markdown.index(h) for h in heads)


def test_handover_is_sbar_at_most_40_lines_with_details_and_a_timestamp(conversation) -> None:
    answer = conversation.run(
        [
            "71M known prostate ca, back pain x 2/52 worse at night, new leg weakness since "
            "this morning, MRI awaited, T10 tender",
            "dex 16 mg given at 0600",
        ]
    )
    at = datetime(2026, 12, 3, 4, 5, tzinfo=UTC)
    text = to_handover(answer, at=at)
    lines = text.splitlines()
    assert len(lines) <= MAX_LINES
    assert lines[0] == "NG234 handover · 2026-12-03 04:05 UTC"
    heads = ["S - Situation", "B - Background", "A - Assessment", "R - Recommendation"]
    assert [next(i for i, ln in enumerate(lines) if ln.startswith(h)) for h in heads] == sorted(
        next(i for i, ln in enumerate(lines) if ln.startswith(h)) for h in heads
    )
    for said in ("Age: 71", "Sex: male", "x 2/52", "since this morning", "T10", "at 0600"):
        assert said in text, said
    assert "contact the MSCC coordinator [NG234 1.3.2]" in text
    assert answer.guideline in lines[-1]
    assert to_handover(answer, at=at) == text  # same answer, same time: same text


def test_handover_stays_within_40_lines_for_a_long_case(conversation) -> None:
    long_case = (
        "64F metastatic breast ca with bone mets, on letrozole and denosumab, MSCC T4 on MRI, "
        "legs weak, numb to the umbilicus, retention with catheter, band-like chest pain, "
        "upgoing plantars, severe mechanical pain not controlled by oramorph, SINS 14, "
        "poor prognosis, not fit for surgery, previous radiotherapy to T4 in 2024, on dex"
    )
    answer = conversation.run([long_case])
    text = to_handover(answer, at=datetime(2026, 1, 1, tzinfo=UTC))
    assert len(text.splitlines()) <= MAX_LINES
    assert text.splitlines()[-1].startswith(answer.guideline)


def test_details_are_read_as_said_and_only_from_case_statements(conversation) -> None:
    answer = conversation.run(["known breast ca, 67F, weak legs for 3 days, T8 collapse"])
    assert answer.details == {
        "age": "67",
        "sex": "female",
        "duration": "for 3 days",
        "level": "T8",
    }
    asked = conversation.run(["known breast ca, weak legs", "what if she is 67?"])
    assert "age" not in asked.details  # a question never writes into the case
    assert re.fullmatch(r"[\w ;/:.-]*", " ".join(answer.details.values()))


@pytest.mark.parametrize(
    ("message", "rule"),
    [
        (
            "MSCC T9 from lung ca, prognosis a few weeks, no surgery or RT, best supportive care",
            "R1.2.8-end-of-life-care",
        ),
        (
            "MSCC T8 treated with RT 2 weeks ago, improving, would benefit from specialist rehab",
            "R1.12.5-supportive-care",
        ),
    ],
)
def test_standing_care_is_shown_when_the_case_is_about_it(conversation, message, rule) -> None:
    """End-of-life care for someone whose prognosis is poor or who is for comfort care only,
    supportive care for someone in rehabilitation: promoted out of the folded standing care."""
    answer = conversation.run([message])
    row = next(r for r in answer.recommendations if r.rule == rule)
    assert row.group != "standing"
    plain = conversation.run(["known breast ca, spinal mets T8, new back pain"])
    same = next(r for r in plain.recommendations if r.rule == rule)
    assert same.group == "standing"  # not promoted without it
