"""Training cases: valid facts, correct options exactly the applying rules, wrong distractors."""

from __future__ import annotations

import json

import pytest

from assistant import rules, training
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
    # The right options are exactly the rules that apply in the case's sections.
    applying = {
        hit.rule_id: hit for hit in evaluation.applies if _section(rules.rule_by_id(hit.rule_id))
        in case.sections
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
    assert result.score == result.max_score == len(right)
    assert result.fraction == 1.0
    assert {f.verdict for f in result.feedback} == {"correct", "avoided"}
    assert result.trace and all(line.because for line in result.trace)


def test_wrong_choices_cost_a_point_and_quote_ng234(passage_map) -> None:
    case = next(c for c in CASES if any(d.rule == "R1.5.9-no-plain-x-ray" for d in c.distractors))
    options = training.options(case)
    xray = next(o for o in options if o.kind == "prohibited")
    one_right = next(o for o in options if o.correct)
    result = training.score(case, [xray.key, one_right.key], passage_map)
    assert result.score == 0
    by_key = {f.option.key: f for f in result.feedback}
    assert by_key[xray.key].verdict == "wrong"
    assert "1.5.9" in by_key[xray.key].explanation
    # The feedback quotes NG234 verbatim.
    assert by_key[xray.key].quotes == (("1.5.9", passage_map["1.5.9"].text),)
    assert "Do not do a plain X-ray of the spine" in by_key[xray.key].quotes[0][1]
    missed = [f for f in result.feedback if f.verdict == "missed"]
    assert len(missed) == result.max_score - 1
    assert result.fraction == 0.0


def test_a_distractor_that_does_not_apply_says_why(passage_map) -> None:
    case = CASES[0]
    wrong = next(o for o in training.options(case) if o.kind == "does-not-apply")
    result = training.score(case, [wrong.key], passage_map)
    item = next(f for f in result.feedback if f.option.key == wrong.key)
    assert item.verdict == "wrong" and "applies only if" in item.explanation
    assert item.because  # the facts that rule it out
    assert result.score == -1 and result.fraction == 0.0


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


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"facts": {"no_such_fact": "yes"}}, "unknown fact"),
        ({"facts": {"limb_weakness": "maybe"}}, "not one of"),
        ({"sections": ["1.1"]}, "not an NG234 section"),
        ({"distractors": []}, "at least 2"),
        ({"surprise": 1}, "Extra inputs"),
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
