"""Training cases: valid facts, correct options exactly the applying rules, wrong distractors;
partial credit, the mistakes first in plain words, and the results summary of a set."""

from __future__ import annotations

import json

import pytest

from assistant import rules, training
from assistant.case import catalogue
from assistant.errors import InvalidInputError

CASES = training.load_cases()
SECTIONS = {f"1.{n}" for n in range(3, 12)}


def _section(rule: rules.Rule) -> str:
    return rule.section


def test_at_least_twenty_cases_with_unique_ids() -> None:
    assert len(CASES) >= 20
    assert len({c.id for c in CASES}) == len(CASES)


def test_cases_cover_sections_1_3_to_1_11() -> None:
    """Every section 1.3-1.11 is asked about, with at least one right action to find."""
    asked = {s for c in CASES for s in c.sections}
    assert asked >= SECTIONS
    assert training.sections_covered(CASES) >= SECTIONS


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_is_valid_and_its_options_come_from_the_rules(case: training.TrainingCase) -> None:
    evaluation = rules.evaluate(case.case())  # the facts are valid (else make_case raises)
    assert not evaluation.conflicts, [c.message for c in evaluation.conflicts]
    options = training.options(case)
    correct = [o for o in options if o.correct]
    # The right options are exactly the rules that apply in what the case asks about: its
    # sections, narrowed to its recommendations if it lists any.
    applying = {
        hit.rule_id: hit for hit in evaluation.applies
        if _section(rules.rule_by_id(hit.rule_id)) in case.sections
        and (not case.recommendations or set(hit.cites) & set(case.recommendations))
    }  # fmt: skip
    assert correct, f"{case.id}: no rule applies in {case.sections}"
    assert {o.text for o in correct} == {h.action for h in applying.values()}
    assert {o.rule for o in correct} <= set(applying)
    for option in correct:
        assert option.kind == "applies"
        assert option.text == rules.rule_by_id(option.rule).action
    # Distractors: a rule that does not apply, or the opposite of a "do not" that does.
    for option in (o for o in options if not o.correct):
        rule = rules.rule_by_id(option.rule)
        status = evaluation.status(rule.id)
        if option.kind == "does-not-apply":
            assert status == "not", f"{case.id}: distractor {rule.id} is {status}"
            assert option.text == rule.action
        else:
            assert option.kind == "prohibited"
            assert rule.strength == "do-not" and status == "applies", (case.id, rule.id)
            assert rule.section in case.sections
            assert not option.text.lower().startswith("do not")
    texts = [o.text for o in options]
    assert len(texts) == len(set(texts)), f"{case.id}: two options read the same"


def test_do_not_recommendations_appear_as_wrong_actions() -> None:
    """Some cases offer a forbidden action ('plain X-ray' against 1.5.9) as a wrong choice."""
    prohibited = {o.rule for c in CASES for o in training.options(c) if o.kind == "prohibited"}
    assert "R1.5.9-no-plain-x-ray" in prohibited
    assert len(prohibited) >= 4


def test_options_are_shuffled_deterministically() -> None:
    case = CASES[0]
    assert training.options(case) == training.options(case)


def test_full_marks_for_exactly_the_right_actions(passage_map) -> None:
    case = CASES[1]
    right = [o.key for o in training.options(case) if o.correct]
    result = training.score(case, right, passage_map)
    assert result.score == result.max_score == result.right == len(right)
    assert result.credit == result.fraction == 1.0 and result.percent == 100
    assert {f.verdict for f in result.feedback} == {"correct", "avoided"}
    assert result.trace and all(line.because for line in result.trace)


def test_a_right_and_a_wrong_choice_get_partial_credit(passage_map) -> None:
    """The tester's case: one right action and one wrong one must not read as zero."""
    case = next(c for c in CASES if any(d.rule == "R1.5.9-no-plain-x-ray" for d in c.distractors))
    options = training.options(case)
    xray = next(o for o in options if o.kind == "prohibited")
    one_right = next(o for o in options if o.correct)
    result = training.score(case, [xray.key, one_right.key], passage_map)
    total = result.max_score
    assert (result.right, result.wrong, result.missed) == (1, 1, total - 1)
    assert result.credit == pytest.approx(1 / (total + 1)) and result.credit > 0
    assert result.score == 0  # the old right-minus-wrong figure is kept for earlier readers
    assert training.score_text(result) == (
        f"1 of {total} right actions, 1 wrong choice: {round(100 / (total + 1))} %"
    )
    by_key = {f.option.key: f for f in result.feedback}
    assert by_key[xray.key].verdict == "wrong"
    assert "NG234 1.5.9 says not to do it for" in by_key[xray.key].explanation
    # The feedback quotes NG234 verbatim.
    assert by_key[xray.key].quotes == (("1.5.9", passage_map["1.5.9"].text),)
    assert "Do not do a plain X-ray of the spine" in by_key[xray.key].quotes[0][1]


@pytest.mark.parametrize(
    ("right", "total", "wrong", "expected"),
    [
        (3, 3, 0, 1.0),  # all right
        (2, 3, 1, 0.5),  # two right, one wrong
        (1, 3, 1, 0.25),  # one right, one wrong: not zero
        (3, 3, 2, 0.6),  # all right plus two wrong
        (0, 3, 3, 0.0),  # only wrong: zero, never negative
        (0, 3, 0, 0.0),  # nothing chosen
    ],
)
def test_credit_table(right, total, wrong, expected) -> None:
    assert training.credit(right, total, wrong) == pytest.approx(expected)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_wrong_choice_costs_less_than_a_right_one_earns(case) -> None:
    total = sum(1 for o in training.options(case) if o.correct)
    for right in range(total):
        for wrong in range(4):
            base = training.credit(right, total, wrong)
            gain = training.credit(right + 1, total, wrong) - base
            loss = base - training.credit(right, total, wrong + 1)
            assert 0 <= loss < gain


def test_all_wrong_scores_zero_never_negative(passage_map) -> None:
    case = CASES[0]
    wrong = [o.key for o in training.options(case) if not o.correct]
    result = training.score(case, wrong, passage_map)
    assert result.credit == 0.0 and result.percent == 0 and result.fraction == 0.0
    assert result.wrong == len(wrong) and result.right == 0
    assert training.score(case, [], passage_map).credit == 0.0


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_feedback_lists_the_mistakes_first(case, passage_map) -> None:
    """Wrong choices, then missed actions, then right choices, then what was rightly left out."""
    options = training.options(case)
    chosen = [
        next(o for o in options if not o.correct).key,
        next(o for o in options if o.correct).key,
    ]
    result = training.score(case, chosen, passage_map)
    verdicts = [f.verdict for f in result.feedback]
    assert verdicts == sorted(verdicts, key=training.VERDICT_ORDER.index)
    assert verdicts[0] == "wrong" and result.feedback[0].mistake
    assert not any(f.mistake for f in result.feedback if f.verdict in ("correct", "avoided"))


def test_feedback_is_in_plain_words_from_the_case_facts(passage_map) -> None:
    """'You chose X, but NG234 1.8.7 is not for her … she has limb weakness', then the quote."""
    case = next(c for c in CASES if c.id == "01-breast-weak-legs")
    steroids_no = next(o for o in training.options(case) if o.rule.startswith("R1.8.7"))
    result = training.score(case, [steroids_no.key], passage_map)
    item = result.feedback[0]
    assert item.option == steroids_no and item.verdict == "wrong"
    assert item.explanation == "You chose this, but NG234 1.8.7 is not for her."
    assert "no neurological symptoms or signs" in item.reason
    assert "she has" in item.reason and "limb weakness" in item.reason
    # Not the rule-table condition dump.
    assert "If " not in item.reason and " is yes" not in item.reason and "def" not in item.reason
    assert item.quotes == (("1.8.7", passage_map["1.8.7"].text),)
    missed = next(f for f in result.feedback if f.option.rule == "R1.8.1-dexamethasone-16mg")
    assert missed.verdict == "missed"
    assert missed.explanation == "You left this out, but NG234 1.8.1 recommends this for her."
    assert "limb weakness" in missed.reason and "MSCC: suspected" in missed.reason


def test_a_distractor_that_does_not_apply_says_why(passage_map) -> None:
    case = CASES[0]
    wrong = next(o for o in training.options(case) if o.kind == "does-not-apply")
    result = training.score(case, [wrong.key], passage_map)
    item = next(f for f in result.feedback if f.option.key == wrong.key)
    assert item.verdict == "wrong" and "It is only for people where" in item.reason
    assert item.because  # the facts that rule it out
    assert result.score == -1 and result.credit == 0.0


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("Limb weakness: yes", "limb weakness"),
        ("Limb weakness: no", "no limb weakness"),
        ("Metastatic spinal cord compression (MSCC): suspected", "MSCC: suspected"),
        ("MRI contraindicated: no", "MRI contraindicated: no"),
        ("Past or current diagnosis of cancer: yes", "a past or current diagnosis of cancer"),
    ],
)
def test_fact_phrases(line, phrase) -> None:
    assert training.fact_phrase(line) == phrase


def test_no_box_1_symptoms_read_as_one_phrase() -> None:
    lines = [f"{spec.label}: no" for spec in catalogue().values() if spec.red_flag]
    assert training.facts_text(lines, "he has") == "no neurological symptoms or signs"


# --- the cases test the whole management ---------------------------------------------------------


def test_the_weak_legs_case_offers_dexamethasone_and_mri_and_they_are_right() -> None:
    case = next(c for c in CASES if c.id == "01-breast-weak-legs")
    assert {"1.3", "1.5", "1.8"} <= set(case.sections)
    correct = {o.rule for o in training.options(case) if o.correct}
    assert {
        "R1.3.2-contact-coordinator",
        "R1.5.2-mri-within-24h",
        "R1.8.1-dexamethasone-16mg",
    } <= correct
    # ... and the wrong MRI and steroid options are there to be left out.
    wrong = {o.rule for o in training.options(case) if not o.correct}
    assert {"R1.5.3-mri-within-1-week", "R1.8.7-no-routine-corticosteroids"} <= wrong


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_suspected_mscc_case_asks_the_whole_first_management(case) -> None:
    """Suspected (not yet confirmed) MSCC: the coordinator, imaging and dexamethasone."""
    evaluation = rules.evaluate(case.case())
    if evaluation.status("R1.3.2-contact-coordinator") != "applies":
        return
    if case.case().get("mscc") == "confirmed":
        return
    correct = [o for o in training.options(case) if o.correct]
    assert any(o.rule == "R1.3.2-contact-coordinator" for o in correct), case.id
    assert any(o.section == "1.5" for o in correct), f"{case.id}: no imaging option"
    assert any(o.rule == "R1.8.1-dexamethasone-16mg" for o in correct), case.id


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_option_lists_stay_short(case) -> None:
    assert 3 <= len(training.options(case)) <= 8, case.id


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_listed_recommendations_exist(case) -> None:
    for rec in case.recommendations:
        assert rules.rules_citing(rec), f"{case.id}: no rule cites {rec}"


def test_unknown_option_keys_are_refused(passage_map) -> None:
    with pytest.raises(InvalidInputError):
        training.score(CASES[0], ["not-an-option"], passage_map)


@pytest.mark.parametrize(
    ("mode", "seed"), [("in-order", 0), ("random", 1), ("random", 2)]
)  # fmt: skip
def test_order_is_deterministic_for_a_seed(mode, seed) -> None:
    first = training.order(CASES, mode, seed)
    assert first == training.order(CASES, mode, seed)
    assert sorted(first) == sorted(c.id for c in CASES)
    if mode == "in-order":
        assert first == [c.id for c in CASES]


def test_random_orders_differ_between_seeds() -> None:
    assert training.order(CASES, "random", 1) != training.order(CASES, "random", 2)


def test_progress_counts_and_averages(passage_map) -> None:
    assert training.progress({}, len(CASES)) == (0, None)
    results = {}
    for case in CASES[:2]:
        right = [o.key for o in training.options(case) if o.correct]
        results[case.id] = training.score(case, right, passage_map)
    results[CASES[2].id] = training.score(CASES[2], [], passage_map)
    answered, mean = training.progress(results, len(CASES))
    assert answered == 3
    assert mean == pytest.approx(2 / 3)


def test_sets_are_consecutive_and_cover_every_case() -> None:
    ids = [c.id for c in CASES]
    chunks = training.sets(ids, 5)
    assert [i for chunk in chunks for i in chunk] == ids
    assert all(len(chunk) == 5 for chunk in chunks[:-1]) and 1 <= len(chunks[-1]) <= 5
    with pytest.raises(InvalidInputError):
        training.sets(ids, 0)


def _answer(case, passage_map, *, right: int | None = None, wrong: int = 0):
    options = training.options(case)
    good = [o.key for o in options if o.correct]
    bad = [o.key for o in options if not o.correct]
    return training.score(case, good[:right] + bad[:wrong], passage_map)


def test_summary_of_a_finished_set(passage_map) -> None:
    cases = list(CASES[:3])
    results = {
        cases[0].id: _answer(cases[0], passage_map),  # all right
        cases[1].id: _answer(cases[1], passage_map, right=1, wrong=1),
        cases[2].id: _answer(cases[2], passage_map, right=0, wrong=1),
    }
    summary = training.summarise(cases, results)
    assert summary.complete and summary.answered == summary.total == 3
    assert summary.credit == pytest.approx(sum(r.credit for r in results.values()) / 3)
    assert [line.case_id for line in summary.cases] == [c.id for c in cases]
    assert summary.cases[0].credit == 1.0 and summary.cases[0].mistake_sections == ()
    assert summary.cases[1].text == training.score_text(results[cases[1].id])
    # The weakest first, and never a case with full marks.
    assert summary.weakest == (cases[2].id, cases[1].id)
    # Sections with mistakes: exactly those of the wrong and missed options, most first.
    expected = {f.option.section for r in results.values() for f in r.feedback if f.mistake}
    assert {m.section for m in summary.sections} == expected
    totals = [m.wrong + m.missed for m in summary.sections]
    assert totals == sorted(totals, reverse=True)
    assert all(m.title for m in summary.sections)
    assert sum(m.wrong for m in summary.sections) == 2


def test_summary_before_the_set_is_finished() -> None:
    summary = training.summarise(list(CASES[:3]), {})
    assert not summary.complete and summary.answered == 0
    assert summary.credit is None and summary.percent is None
    assert summary.sections == () and summary.weakest == ()
    assert not any(line.answered for line in summary.cases)


def test_summary_of_a_perfect_set_has_nothing_to_retry(passage_map) -> None:
    cases = list(CASES[:2])
    summary = training.summarise(cases, {c.id: _answer(c, passage_map) for c in cases})
    assert summary.complete and summary.percent == 100
    assert summary.sections == () and summary.weakest == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"facts": {"no_such_fact": "yes"}}, "unknown fact"),
        ({"facts": {"limb_weakness": "maybe"}}, "not one of"),
        ({"sections": ["1.1"]}, "not an NG234 section"),
        ({"distractors": []}, "at least 2"),
        ({"surprise": 1}, "Extra inputs"),
        ({"recommendations": ["1.9.1"]}, "outside the sections"),
        ({"recommendations": ["1.3"]}, "not an NG234 recommendation"),
        ({"pronoun": "it"}, "Input should be"),
    ],
)
def test_invalid_case_files_are_refused(tmp_path, change, message) -> None:
    raw = json.loads((training.TRAINING_DIR / f"{CASES[0].id}.json").read_text(encoding="utf-8"))
    raw.update(change)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(InvalidInputError, match="bad.json") as err:
        training.load_case(path)
    assert message in str(err.value) or message in str(err.value.__cause__)
