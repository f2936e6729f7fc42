"""The words the live region announces (assistant/ui/a11y.py), from real answers."""

from __future__ import annotations

import pytest

from assistant.answers.chat import SessionState
from assistant.ui import a11y


@pytest.fixture(scope="module")
def answer_to(conversation):
    return lambda text: conversation.respond(SessionState(), text)[1]


def test_a_red_flag_answer_announces_do_now_actions_and_questions(answer_to):
    answer = answer_to("known prostate ca, new leg weakness")
    said = a11y.announcement(answer)
    assert said.startswith("Answer ready: ")
    assert f"{len(answer.do_now)} to do now" in said
    assert answer.do_now
    assert f"{len(answer.questions)} question" in said
    counts = {g.id: g.count for g in answer.groups}
    actions = counts.get("act", 0) + counts.get("more_actions", 0)
    assert f"{actions} action" in said


def test_a_guideline_question_announces_the_passages_quoted(answer_to):
    answer = answer_to("why single fraction 8 Gy?")
    said = a11y.announcement(answer)
    assert "to do now" not in said
    assert "quoted" in said or "action" in said


def test_out_of_scope_is_announced_as_such(answer_to):
    answer = answer_to("how do I treat a sprained ankle in a footballer?")
    assert answer.out_of_scope
    assert a11y.announcement(answer) == "Answer ready: outside NG234's scope."


def test_plural_words():
    assert a11y._plural(1, "action") == "1 action"
    assert a11y._plural(0, "question") == "0 questions"
