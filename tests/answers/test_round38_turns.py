"""Session 20 (#12, #13, #14): round 38's conversation and rule classes fixed after its first
run, each tested both ways.

- An aside outside NG234 about the patient of the live case ("what dose of amoxicillin for
  her chest infection?") is a follow-up on the case, refused; one that names no patient
  ("unrelated - first line for cellulitis?") is a general question, refused.
- "Does NG234 recommend …?" mid-case is a general question, never a case fact.
- Confirmed MSCC given its first dexamethasone dose, nothing yet said of surgery or
  radiotherapy: 1.8.1's daily dose continues.
- 1.8.3 and 1.8.6 read "no weakness, no numbness, bladder and bowels normal" as no
  neurological symptoms or signs, as 1.5.3 does; the 'do not' row 1.8.7 still needs every
  cord item known.
- A grandchild's "nan got cancer in her back bones … what support is she meant to get" is
  NG234's (1.2), never refused.
"""

from __future__ import annotations

import pytest
from chat_helpers import cited, last

CASE = "69M, renal cell cancer, leg weakness and back pain."


@pytest.mark.parametrize(
    "aside",
    [
        "What's the gentamicin dose for his pyelonephritis?",
        "She also has a chest infection - which antibiotic should we give her?",
        "His CBG is 19 - how many units of insulin should I give him?",
    ],
)
def test_an_aside_about_the_patient_is_a_refused_follow_up(conversation, aside: str) -> None:
    answer = last(conversation, CASE, aside)
    assert answer.out_of_scope and answer.turn == "follow_up"
    assert answer.facts["limb_weakness"] == "yes"  # the case is kept


@pytest.mark.parametrize(
    "aside",
    [
        "unrelated - what's first line for uncomplicated cellulitis?",
        "what's the weather in Leeds tomorrow",
    ],
)
def test_an_aside_naming_no_patient_is_a_refused_question(conversation, aside: str) -> None:
    answer = last(conversation, CASE, aside)
    assert answer.out_of_scope and answer.turn == "question"


def test_a_question_about_the_case_is_answered(conversation) -> None:
    answer = last(conversation, CASE, "dex dose?")
    assert not answer.out_of_scope and answer.turn == "follow_up"
    assert "1.8.1" in cited(answer)


@pytest.mark.parametrize(
    "question",
    [
        "Does NG234 recommend a plain X-ray to rule out spinal metastases?",
        "And what does box 1 mean by claudication?",
        "Does NICE recommend routine MRI surveillance to pick up cord compression early?",
    ],
)
def test_asking_what_ng234_recommends_mid_case_is_a_question(conversation, question) -> None:
    case = "62F, history of thyroid cancer. Back pain for 6 weeks, worse when she coughs."
    answer = last(conversation, case, question)
    assert answer.turn == "question"
    assert "claudication" not in answer.facts and answer.facts["pain_straining"] == "yes"


def test_a_question_about_her_is_still_a_follow_up(conversation) -> None:
    case = "62F, history of thyroid cancer. Back pain for 6 weeks, worse when she coughs."
    answer = last(conversation, case, "ok so for her I need to get advice within 24 hours?")
    assert answer.turn == "follow_up"


def test_confirmed_mscc_given_dex_continues_the_daily_dose(conversation) -> None:
    answer = last(
        conversation,
        "71F, breast ca, back pain and leg weakness, ?MSCC.",
        "confirmed on MRI - cord compression at T5",
        "yes, already given 16mg dex",
    )
    rows = {r.rule for r in answer.recommendations}
    assert "R1.8.1-continue-dexamethasone-then-reduce" in rows
    assert "R1.8.1-dexamethasone-16mg" not in rows  # the first dose is given


def test_comfort_care_only_continues_nothing(conversation) -> None:
    answer = last(
        conversation,
        "84M, lung cancer, MSCC at L1 confirmed, weak in both legs, had 16mg dex this morning. "
        "MDT agree surgery, radiotherapy and other oncology treatment are not appropriate.",
    )
    rows = {r.rule for r in answer.recommendations}
    assert "R1.8.1-continue-dexamethasone-then-reduce" not in rows


def test_severe_pain_with_a_negative_history_considers_steroids(conversation) -> None:
    answer = last(
        conversation,
        "Lady with breast cancer, known mets in L2 and L3 vertebrae. No weakness, no numbness, "
        "bladder and bowels normal. Pain is severe, 9/10 despite oxycodone.",
    )
    assert "1.8.3" in cited(answer)
    assert "1.8.7" not in cited(answer)  # the 'do not' row needs every cord item known


def test_severe_pain_with_radicular_pain_does_not_consider_steroids(conversation) -> None:
    answer = last(
        conversation,
        "Lady with breast cancer, known mets in L2 and L3 vertebrae. No weakness, no numbness, "
        "bladder and bowels normal, but band-like pain round her chest. Pain is severe, 9/10.",
    )
    assert "1.8.3" not in cited(answer) and "1.3.2" in cited(answer)


def test_a_grandchilds_question_about_support_is_answered(conversation) -> None:
    answer = last(
        conversation,
        "nan got cancer in her back bones n shes really scared about whats gonna happen. what "
        "support is she meant to get",
    )
    assert not answer.out_of_scope
    assert answer.facts["spinal_metastases"] == "confirmed"


@pytest.mark.parametrize(
    "message",
    [
        "Ce patient a mal au dos depuis trois semaines et ne dort plus",
        "El paciente tiene dolor de espalda desde hace tres semanas",
        "Er hat seit drei Wochen Rückenschmerzen und kann nicht gehen",
    ],
)
def test_another_language_in_a_live_case_is_unreadable_and_keeps_the_case(
    conversation, message: str
) -> None:
    answer = last(conversation, CASE, message)
    assert answer.turn == "unreadable"
    assert answer.facts["limb_weakness"] == "yes" and "1.3.2" in cited(answer)


@pytest.mark.parametrize(
    "message",
    [
        "Pt with colon cancer, now paraparetic, 2/5 bilateral LE.",
        "Lymphoma pt. LE weakness 3/5 bilaterally. Bowel/bladder function intact.",
        "non-mechanical pain, ER+ breast ca, mets at T4, OS poor",
    ],
)
def test_english_with_abbreviations_is_read(conversation, message: str) -> None:
    answer = last(conversation, message)
    assert answer.turn == "case" and answer.facts.get("cancer_diagnosis") == "yes"
