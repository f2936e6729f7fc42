"""The rule engine: Kleene three-valued logic, traces, questions, conflicts, safety invariants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from assistant.case import UNKNOWN, catalogue, make_case
from assistant.errors import InvalidInputError
from assistant.rules import (
    Evaluation,
    check,
    describe,
    evaluate,
    load_conflicts,
    load_definitions,
    load_rules,
    rule_by_id,
)
from assistant.rules.tables import URGENCY_ORDER, FactIs, all_, any_, fact, not_, ref, walk

FACTS = catalogue()
RED_FLAGS = sorted(name for name, spec in FACTS.items() if spec.red_flag)
DEX_RECS = {f"1.8.{n}" for n in range(1, 9)} - {"1.8.2"}

# --- Kleene logic, spelled out -------------------------------------------------------------------

Y, N, U = "yes", "no", "unknown"
#: (a, b) -> (a and b, a or b), Kleene's strong three-valued logic.
KLEENE = {
    (Y, Y): (Y, Y), (Y, N): (N, Y), (Y, U): (U, Y),
    (N, Y): (N, Y), (N, N): (N, N), (N, U): (N, U),
    (U, Y): (U, Y), (U, N): (N, U), (U, U): (U, U),
}  # fmt: skip
NOT = {Y: N, N: Y, U: U}


@pytest.mark.parametrize(("a", "b"), sorted(KLEENE))
def test_all_any_not_follow_kleene(a: str, b: str) -> None:
    case = make_case({"limb_weakness": a, "gait_disturbance": b})
    left, right = fact("limb_weakness"), fact("gait_disturbance")
    want_and, want_or = KLEENE[(a, b)]
    assert check(all_(left, right), case).value == want_and
    assert check(any_(left, right), case).value == want_or
    assert check(not_(left), case).value == NOT[a]
    assert check(not_(all_(left, right)), case).value == NOT[want_and]


def test_unknown_is_never_no() -> None:
    empty = make_case({})
    assert check(fact("limb_weakness", "no"), empty).value == U
    assert check(not_(fact("limb_weakness")), empty).value == U
    assert check(ref("no_neuro_symptoms"), make_case({"limb_weakness": "no"})).value == U


def test_an_explicit_unknown_value_matches_only_an_unknown_fact() -> None:
    cond = fact("mscc", "none", UNKNOWN)
    assert check(cond, make_case({})).value == Y
    assert check(cond, make_case({"mscc": "none"})).value == Y
    assert check(cond, make_case({"mscc": "confirmed"})).value == N
    assert check(cond, make_case({})).why == (
        "Metastatic spinal cord compression (MSCC): not yet known",
    )


def test_outcome_names_only_the_facts_that_could_decide() -> None:
    case = make_case({"cancer_diagnosis": "yes", "gait_disturbance": "no"})
    outcome = check(rule_by_id("R1.3.2-contact-coordinator"), case)
    assert outcome.value == U
    assert outcome.missing == frozenset(set(RED_FLAGS) - {"gait_disturbance"})
    decided = check(
        rule_by_id("R1.3.2-contact-coordinator"), case.updated({"cancer_diagnosis": "no"})
    )
    assert decided.value == N and decided.missing == frozenset()


def test_enum_conditions_take_one_value_or_a_list() -> None:
    assert FactIs.model_validate({"fact": "mscc", "is": "confirmed"}).is_ == ("confirmed",)
    two = FactIs.model_validate({"fact": "mscc", "is": ["suspected", "confirmed"]})
    assert check(two, make_case({"mscc": "suspected"})).value == Y
    assert check(two, make_case({"mscc": "ruled_out"})).value == N


# --- the evaluation ------------------------------------------------------------------------------

CORD_CASE = {"cancer_diagnosis": "yes", "limb_weakness": "yes", "back_pain": "yes"}


def test_cancer_with_a_cord_sign_is_an_immediate_emergency_with_its_trace() -> None:
    result = evaluate(make_case(CORD_CASE))
    first = result.applies[0]
    assert first.rule_id == "R1.3.2-contact-coordinator"
    assert first.urgency == "immediate" and first.strength == "offer"
    assert first.trace == ("Past or current diagnosis of cancer: yes", "Limb weakness: yes")
    assert {"1.3.2", "1.5.2", "1.8.1", "1.5.9"} <= result.cited()
    assert result.status("R1.5.2-mri-within-24h") == "applies"
    assert result.status("R1.5.3-mri-within-1-week") == "not"
    assert result.status("R1.4.1-immobilise-without-delay") == "undetermined"
    with pytest.raises(KeyError):
        result.status("R0-nothing")


def _key(hit) -> tuple:
    return URGENCY_ORDER.index(hit.urgency), [tuple(map(int, c.split("."))) for c in hit.cites]


def test_applies_is_ordered_by_urgency_then_cited_id() -> None:
    result = evaluate(make_case({**CORD_CASE, "spinal_metastases": "confirmed"}))
    keys = [_key(hit) for hit in result.applies]
    assert keys == sorted(keys)
    ids = [hit.rule_id for hit in result.applies]
    assert ids.index("R1.2.9-access-to-support") < ids.index("R1.2.10-care-techniques-training")
    assert result.applies[-1].urgency == "routine"


def test_undetermined_rules_carry_their_missing_facts_and_questions_ask_red_flags_first() -> None:
    result = evaluate(make_case({"cancer_diagnosis": "yes", "back_pain": "yes"}))
    hit = next(h for h in result.undetermined if h.rule_id == "R1.3.2-contact-coordinator")
    assert set(hit.missing) == set(RED_FLAGS)
    asked = [q.fact for q in result.questions]
    by_priority = sorted(RED_FLAGS, key=lambda n: (FACTS[n].priority, list(FACTS).index(n)))
    assert asked[: len(RED_FLAGS)] == by_priority
    assert all(q.red_flag for q in result.questions[: len(RED_FLAGS)])
    assert not any(q.red_flag for q in result.questions[len(RED_FLAGS) :])
    assert result.questions[0].text == FACTS[asked[0]].question
    assert "R1.3.2-contact-coordinator" in result.questions[0].rules


def test_questions_are_few_unknown_and_cover_every_undetermined_rule() -> None:
    result = evaluate(make_case({"spinal_metastases": "confirmed", "cancer_diagnosis": "yes"}))
    asked = {q.fact for q in result.questions}
    missing = {name for hit in result.undetermined for name in hit.missing}
    assert asked <= missing
    assert len(asked) < len(missing)
    for hit in result.undetermined:
        assert asked & set(hit.missing), hit.rule_id


def test_a_complete_answer_leaves_nothing_to_ask() -> None:
    result = evaluate(make_case({"mscc": "ruled_out", "spinal_metastases": "ruled_out",
                                 "cancer_diagnosis": "no", "cancer_suspected": "no",
                                 "dexamethasone_given": "no", "had_spinal_surgery": "no",
                                 "recovered_from_surgery": "no", **dict.fromkeys(RED_FLAGS, "no"),
                                 **{n: "no" for n in ("pain_severe_unremitting", "pain_progressive",
                                                      "pain_mechanical", "pain_straining",
                                                      "pain_night", "localised_tenderness",
                                                      "claudication")}}))  # fmt: skip
    assert result.applies == () and result.undetermined == () and result.questions == ()


def test_conflicts_are_reported_and_nothing_is_resolved() -> None:
    facts = {"mscc": "confirmed", "spinal_metastases": "ruled_out", "cancer_diagnosis": "yes"}
    result = evaluate(make_case(facts))
    assert [c.id for c in result.conflicts] == ["C-mscc-confirmed-without-spinal-metastases"]
    conflict = result.conflicts[0]
    assert "Check both findings" in conflict.message
    assert set(conflict.facts) == {"Metastatic spinal cord compression (MSCC): confirmed",
                                   "Spinal metastases: ruled out"}  # fmt: skip
    # the recorded facts stand: MSCC rules still apply
    assert result.status("R1.11.7-interventions-with-mscc") == "applies"
    more = evaluate(
        make_case(
            {
                "complete_paralysis": "no",
                "paralysis_2_weeks": "yes",
                "haematological_malignancy": "none",
                "primary_tumour": "myeloma",
            }
        )
    )
    assert {c.id for c in more.conflicts} == {
        "C-paralysis-duration-without-paralysis",
        "C-haematological-none-with-haematological-primary",
    }
    assert evaluate(make_case(CORD_CASE)).conflicts == ()


def test_evaluate_takes_a_subset_of_rules() -> None:
    rules = [rule_by_id("R1.5.9-no-plain-x-ray")]
    result = evaluate(make_case({"spinal_metastases": "suspected"}), rules)
    assert [h.rule_id for h in result.applies] == ["R1.5.9-no-plain-x-ray"]
    assert result.undetermined == () and result.not_applicable == ()


def test_results_are_frozen_values() -> None:
    result = evaluate(make_case(CORD_CASE))
    with pytest.raises(ValidationError):
        result.applies = ()  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Evaluation.model_validate({**result.model_dump(), "extra": 1})
    assert Evaluation.model_validate_json(result.model_dump_json()) == result


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"limb_weaknes": "yes"}, "unknown fact 'limb_weaknes'"),
        ({"mscc": "likely"}, "fact 'mscc': 'likely' is not one of none, suspected, confirmed"),
        ({"limb_weakness": "maybe"}, "fact 'limb_weakness': 'maybe' is not one of yes, no"),
    ],
)
def test_invalid_facts_raise_invalid_input_naming_the_field(facts: dict, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        make_case(facts)


# --- safety invariants over random cases ---------------------------------------------------------

FACT_NAMES = sorted(FACTS)
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def random_facts(
    draw, exclude: frozenset[str] = frozenset(), focus: tuple[str, ...] = ()
) -> dict[str, str]:
    """A random subset of facts with random values (including unknown); `focus` facts are
    always drawn, so the cases a property is about are common rather than rare."""
    names = draw(st.lists(st.sampled_from([n for n in FACT_NAMES if n not in exclude]),
                          unique=True, max_size=30))  # fmt: skip
    names = list(dict.fromkeys([*names, *focus]))
    return {name: draw(st.sampled_from(FACTS[name].values)) for name in names}


NEURO_FOCUS = (*RED_FLAGS, "cancer_diagnosis", "mscc", "neuro_instability_symptoms",
               "spinal_metastases")  # fmt: skip
STEROID_FOCUS = ("cancer_diagnosis", "dexamethasone_given", "on_corticosteroids",
                 "haematological_malignancy", "pain_severe", "other_effective_treatment",
                 "awaiting_definitive_treatment", *RED_FLAGS)  # fmt: skip


@PROPERTY
@given(random_facts(focus=("spinal_metastases", "mscc", "cancer_suspected", "pain_night")))
def test_plain_x_ray_is_only_ever_a_prohibition(facts: dict[str, str]) -> None:
    result = evaluate(make_case(facts))
    for hit in (*result.applies, *result.undetermined):
        if "1.5.9" in hit.cites:
            assert hit.strength == "do-not"


@PROPERTY
@given(random_facts(focus=NEURO_FOCUS))
@example(  # found by a random draw in CI (stop 40): suspected spinal metastases, no cancer history
    {
        "cancer_diagnosis": "no",
        "spinal_metastases": "suspected",
        "limb_weakness": "yes",
        "mscc": "none",
        "admitted": "yes",
    }  # fmt: skip
)
def test_dexamethasone_1_8_1_needs_neurological_symptoms_of_mscc(facts: dict[str, str]) -> None:
    case = make_case(facts)
    if any(h for h in evaluate(case).applies if "1.8.1" in h.cites):
        assert any(case.get(flag) == "yes" for flag in RED_FLAGS)
        assert (
            case.get("mscc") in ("suspected", "confirmed")
            or (case.get("cancer_diagnosis") == "yes" and case.get("mscc") in ("none", UNKNOWN))
            # cancer suspected, not yet diagnosed, with a cord sign: suspected MSCC (round 30)
            or (case.get("cancer_suspected") == "yes" and case.get("mscc") == UNKNOWN)
            # spinal metastases suspected or confirmed with a cord sign, whatever the cancer
            # history says (round 53): vertebral metastatic lesions are a cancer
            or (
                case.get("spinal_metastases") in ("suspected", "confirmed")
                and case.get("mscc") in ("none", UNKNOWN)
            )
        )


MRI_FOCUS = (*RED_FLAGS, "cancer_diagnosis", "mscc", "spinal_metastases", "pain_night")


@PROPERTY
@given(random_facts(focus=MRI_FOCUS))
def test_mri_within_1_week_never_stands_in_for_suspected_mscc(facts: dict[str, str]) -> None:
    """1.5.3 (within 1 week) is only for no suspicion of MSCC: never with MSCC suspected or
    confirmed, never for a person with cancer and a Box 1 cord sign unless imaging has ruled
    MSCC out (and then 1.3.2 still applies), never with 1.5.2 (within 24 hours), and with MSCC
    not recorded only when no Box 1 cord item is present and the history has been taken."""
    case = make_case(facts)
    result = evaluate(case)
    if result.status("R1.5.3-mri-within-1-week") != "applies":
        return
    assert case.get("mscc") not in ("suspected", "confirmed")
    flagged = case.get("cancer_diagnosis") == "yes" and any(case.get(f) == "yes" for f in RED_FLAGS)
    # imaging that has ruled MSCC out stands (1.8.2 stops dexamethasone on it); 1.3.2 still applies
    assert not flagged or case.get("mscc") == "ruled_out"
    if flagged:
        assert result.status("R1.3.2-contact-coordinator") == "applies"
    assert result.status("R1.5.2-mri-within-24h") != "applies"
    if case.get("mscc") == UNKNOWN and case.get("asymptomatic_metastases") != "yes":
        # definitions.json mscc_not_suspected: no cord item present and at least three of the
        # four history items known absent; what is not yet known is asked alongside. (Its other
        # path, spinal metastases recorded as asymptomatic, needs no history: rare in random
        # cases, it made this property fail about once in many runs.)
        assert not any(case.get(flag) == "yes" for flag in RED_FLAGS)
        history = ("limb_weakness", "sensory_loss", "gait_disturbance", "bladder_bowel_dysfunction")
        assert sum(case.get(flag) == "no" for flag in history) >= 3


@PROPERTY
@given(random_facts(exclude=frozenset({"mscc", "spinal_metastases"}), focus=STEROID_FOCUS))
def test_when_both_ruled_out_only_1_8_2_speaks_of_corticosteroids(facts: dict[str, str]) -> None:
    case = make_case({**facts, "mscc": "ruled_out", "spinal_metastases": "ruled_out"})
    result = evaluate(case)
    for hit in (*result.applies, *result.undetermined):
        assert not DEX_RECS & set(hit.cites), hit.rule_id


@st.composite
def cancer_back_pain_with_unknown_red_flag(draw) -> dict[str, str]:
    facts = draw(random_facts(exclude=frozenset(RED_FLAGS) | {"cancer_diagnosis", "back_pain"}))
    unknown = draw(st.sampled_from(RED_FLAGS))
    for flag in RED_FLAGS:
        facts[flag] = UNKNOWN if flag == unknown else draw(st.sampled_from(["no", UNKNOWN]))
    return {**facts, "cancer_diagnosis": "yes", "back_pain": "yes"}


@PROPERTY
@given(cancer_back_pain_with_unknown_red_flag())
def test_an_unknown_red_flag_is_always_asked_about(facts: dict[str, str]) -> None:
    result = evaluate(make_case(facts))
    asked = {q.fact for q in result.questions if q.red_flag}
    assert asked, "an unknown cord-compression red flag must never be met with silence"
    assert asked <= {flag for flag in RED_FLAGS if facts[flag] == UNKNOWN}
    assert result.questions[0].red_flag


@PROPERTY
@given(random_facts())
def test_evaluation_is_deterministic(facts: dict[str, str]) -> None:
    first = evaluate(make_case(facts))
    again = evaluate(make_case(dict(reversed(list(facts.items())))))
    assert first == again
    assert first.model_dump_json() == again.model_dump_json()


_EXPLICIT_UNKNOWN = {
    node.fact
    for cond in [r.when for r in load_rules()] + [d.when for d in load_definitions().values()]
    for node in walk(cond)
    if isinstance(node, FactIs) and UNKNOWN in node.is_
}


@PROPERTY
@given(random_facts(), st.data())
def test_learning_a_fact_never_reverses_a_decided_rule(facts: dict[str, str], data) -> None:
    """Kleene monotonicity: a rule that applies (or does not) stays so when an unknown fact
    becomes known, except for facts a table deliberately tests for being unknown."""
    case = make_case(facts)
    unknown = [n for n in FACT_NAMES if case.get(n) == UNKNOWN and n not in _EXPLICIT_UNKNOWN]
    if not unknown:
        return
    name = data.draw(st.sampled_from(unknown))
    later = case.updated({name: data.draw(st.sampled_from(FACTS[name].values[:-1]))})
    before, after = evaluate(case), evaluate(later)
    assert {h.rule_id for h in before.applies} <= {h.rule_id for h in after.applies}
    assert set(before.not_applicable) <= set(after.not_applicable)


@PROPERTY
@given(random_facts(), st.data())
def test_answering_the_missing_facts_decides_the_rule(facts: dict[str, str], data) -> None:
    case = make_case(facts)
    result = evaluate(case)
    for hit in result.undetermined[:5]:
        answers = {n: data.draw(st.sampled_from(FACTS[n].values[:-1])) for n in hit.missing}
        assert all(case.get(n) == UNKNOWN for n in hit.missing)
        answered = case.updated(answers)
        if evaluate(answered).conflicts:
            # answers that contradict the record (asymptomatic spinal metastases, then spinal
            # metastases "none") are reported as a conflict to check, not decided (make explore)
            continue
        assert check(rule_by_id(hit.rule_id), answered).value != U


@PROPERTY
@given(random_facts())
def test_questions_cover_every_undetermined_rule_in_order(facts: dict[str, str]) -> None:
    case = make_case(facts)
    result = evaluate(case)
    for hit in result.undetermined:
        assert {q.fact for q in result.questions} & set(hit.missing)
    flags = [q.red_flag for q in result.questions]
    assert flags == sorted(flags, reverse=True), "red flags come before anything else"
    assert all(case.get(q.fact) == UNKNOWN for q in result.questions)
    assert all(_key(a) <= _key(b) for a, b in zip(result.applies, result.applies[1:], strict=False))


@PROPERTY
@given(random_facts())
def test_every_reported_conflict_holds_in_the_case(facts: dict[str, str]) -> None:
    case = make_case(facts)
    specs = {c.id: c for c in load_conflicts()}
    reported = {c.id for c in evaluate(case).conflicts}
    assert reported == {cid for cid, spec in specs.items() if check(spec.when, case).value == Y}


# --- details that the explanation and the questions depend on ----------------------------------


def test_the_trace_of_a_not_names_what_made_it_hold() -> None:
    facts = {"cancer_diagnosis": "yes", "spinal_metastases": "confirmed", "mscc": "confirmed",
             "suitable_for_surgery": "no", "prognosis": "good", "complete_paralysis": "yes",
             "paralysis_2_weeks": "no", "pain_controlled": "yes"}  # fmt: skip
    outcome = check(rule_by_id("R1.10.4-urgent-radiotherapy"), make_case(facts))
    assert outcome.value == Y
    assert outcome.why == (
        "Metastatic spinal cord compression (MSCC): confirmed",
        "Suitable for spinal surgery: no",
        "Radiotherapy for this MSCC already given: not yet known",
        "Complete tetraplegia or paraplegia for 2 weeks or longer: no",
        "Overall prognosis: good",
    )
    no_symptoms = check(ref("no_neuro_symptoms"), make_case(dict.fromkeys(RED_FLAGS, "no")))
    assert len(no_symptoms.why) == 6 and all(line.endswith(": no") for line in no_symptoms.why)


def test_an_unknown_outcome_carries_no_trace() -> None:
    case = make_case({"limb_weakness": "yes"})
    both = all_(fact("limb_weakness"), fact("gait_disturbance"))
    assert check(both, case).why == ("Limb weakness: yes",)
    assert check(not_(both), case).why == ()
    assert check(any_(fact("gait_disturbance"), fact("cord_signs")), case).why == ()


def test_red_flags_are_asked_first_even_when_they_bear_on_less_urgent_rules() -> None:
    facts = {"cancer_diagnosis": "no", "spinal_metastases": "suspected", "mscc": "ruled_out",
             "back_pain": "yes"}  # fmt: skip
    result = evaluate(make_case(facts))
    bearing = {r for q in result.questions if q.red_flag for r in q.rules}
    assert bearing and all(rule_by_id(r).urgency != "immediate" for r in bearing)
    assert any(h.urgency == "immediate" for h in result.undetermined)
    assert [q.red_flag for q in result.questions[: len(RED_FLAGS)]] == [True] * len(RED_FLAGS)


def test_questions_for_more_urgent_rules_come_before_higher_priority_facts() -> None:
    facts = {"cancer_diagnosis": "yes", "spinal_metastases": "confirmed", "mscc": "ruled_out"}
    asked = [q.fact for q in evaluate(make_case(facts)).questions]
    # immobilised (priority 70) decides 1.4.3 (immediate); spinal_instability (priority 25)
    # decides only routine rules
    assert FACTS["immobilised"].priority > FACTS["spinal_instability"].priority
    assert asked.index("immobilised") < asked.index("spinal_instability")


def test_missing_facts_are_listed_in_asking_order() -> None:
    result = evaluate(make_case({"cancer_diagnosis": "yes", "limb_weakness": "yes"}))
    hit = next(h for h in result.undetermined if h.rule_id == "R1.8.5-dexamethasone-haematological")
    # spinal metastases may also be implied by findings that are spinal metastatic disease
    assert hit.missing == (
        "mscc",
        "spinal_metastases",
        "haematological_malignancy",
        "oligometastases",
        "asymptomatic_metastases",
        "impending_compression_signs",
        "had_spinal_surgery",
    )


def test_evaluate_and_describe_use_the_definitions_they_are_given() -> None:
    definitions = dict(load_definitions())
    narrow = definitions["cord_red_flag"].model_copy(
        update={"when": fact("cord_signs"), "label": "cord signs are present"}
    )
    definitions["cord_red_flag"] = narrow
    rules = [rule_by_id("R1.3.2-contact-coordinator")]
    case = make_case({"cancer_diagnosis": "yes", "limb_weakness": "yes", "cord_signs": "no"})
    assert evaluate(case, rules).status(rules[0].id) == "applies"
    assert evaluate(case, rules, definitions=definitions).status(rules[0].id) == "not"
    assert describe(rules[0], definitions=definitions).endswith("and cord signs are present")


def test_conflicts_carry_their_citations() -> None:
    result = evaluate(
        make_case({"cancer_diagnosis": "yes", "limb_weakness": "yes", "mscc": "none"})
    )
    assert result.conflicts[0].cites == ("1.3.2", "1.5.2")


def test_status_of_an_unknown_rule_names_it() -> None:
    with pytest.raises(KeyError, match="R0-nothing"):
        evaluate(make_case({})).status("R0-nothing")
    with pytest.raises(KeyError, match="R0-nothing"):
        rule_by_id("R0-nothing")


# --- 'offer … unless': the exception is asked while the rule applies ---------------------------


def _urgent_rt(extra: dict[str, str]):
    facts = {"cancer_diagnosis": "yes", "spinal_metastases": "confirmed", "mscc": "confirmed",
             "suitable_for_surgery": "no", **extra}  # fmt: skip
    return evaluate(make_case(facts))


def test_an_unrecorded_exception_leaves_the_rule_applying_and_is_asked() -> None:
    result = _urgent_rt({})
    hit = next(h for h in result.applies if h.rule_id == "R1.10.4-urgent-radiotherapy")
    assert hit.asks[0] == "complete_paralysis" and "prognosis" in hit.asks
    asked = {q.fact: q.rules for q in result.questions}
    assert "R1.10.4-urgent-radiotherapy" in asked["complete_paralysis"]


def test_a_settled_exception_is_not_asked_and_a_recorded_one_withholds_the_rule() -> None:
    settled = _urgent_rt({"complete_paralysis": "no", "prognosis": "good"})
    hit = next(h for h in settled.applies if h.rule_id == "R1.10.4-urgent-radiotherapy")
    assert hit.asks == ()
    assert not any("R1.10.4-urgent-radiotherapy" in q.rules for q in settled.questions)
    withheld = _urgent_rt({"prognosis": "poor"})
    assert withheld.status("R1.10.4-urgent-radiotherapy") == "not"
