"""The chat session in st.session_state, and the actions that change it.

The history holds what the user said (or did) and each Answer as returned by the core, so a
rerun replays it exactly. Each action calls one `Conversation` method; they are used as widget
callbacks, so the page that renders next already shows the new answer.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any, Literal

import streamlit as st

from assistant.answers.answer import Answer
from assistant.answers.chat import Conversation, SessionState, new_session
from assistant.answers.render import to_markdown
from assistant.case import catalogue
from assistant.errors import AssistantError
from assistant.ui import resources
from assistant.ui.markup import value_label

STATE = "chat_state"
HISTORY = "chat_history"
ERROR = "chat_error"
CHAT_INPUT = "chat_input"
#: Messages typed while the conversation was still loading, answered in order once it is ready.
WAITING = "chat_waiting"

Message = dict[str, Any]


def state() -> SessionState:
    """The conversation state (the case as understood so far)."""
    if STATE not in st.session_state:
        st.session_state[STATE] = new_session()
    return st.session_state[STATE]


def history() -> list[Message]:
    """The messages so far: {'role': 'user', 'text', 'kind'} or {'role': 'assistant', 'answer'}."""
    if HISTORY not in st.session_state:
        st.session_state[HISTORY] = []
    return st.session_state[HISTORY]


def last_answer() -> Answer | None:
    """The most recent answer, if any."""
    for message in reversed(history()):
        if message["role"] == "assistant":
            return message["answer"]
    return None


def _record(text: str, kind: Literal["message", "action"], new: SessionState, answer: Answer):
    st.session_state[STATE] = new
    history().append({"role": "user", "text": text, "kind": kind})
    _record_answer(new, answer)


def _record_answer(new: SessionState, answer: Answer) -> None:
    st.session_state[STATE] = new
    history().append({"role": "assistant", "answer": answer})
    st.session_state.pop(ERROR, None)


def waiting() -> list[str]:
    """Messages typed before the conversation finished loading, not yet answered."""
    return st.session_state.setdefault(WAITING, [])


def _failed(exc: AssistantError) -> None:
    st.session_state[ERROR] = exc.user_message()


# --- actions (widget callbacks) ------------------------------------------------------------------


def send_message(text: str) -> None:
    """Answer a typed message (Conversation.respond); while the conversation is still loading,
    show the message at once and answer it when loading ends (`answer_waiting`)."""
    if resources.status() == "loading" or waiting():
        history().append({"role": "user", "text": text, "kind": "message"})
        waiting().append(text)
        return
    try:
        new, answer = resources.load_conversation().respond(state(), text)
    except AssistantError as exc:
        _failed(exc)
        return
    _record(text, "message", new, answer)


def answer_waiting() -> None:
    """Answer, in order, the messages typed while the conversation was loading. A message
    leaves the queue only once its answer is recorded: a run stopped while answering it (the
    user sent another message meanwhile) leaves it for the next run, never lost."""
    while waiting():
        text = waiting()[0]
        try:
            new, answer = resources.load_conversation().respond(state(), text)
        except AssistantError as exc:
            _failed(exc)
            waiting().clear()
            return
        _record_answer(new, answer)
        waiting().pop(0)


def on_chat_submit() -> None:
    """Callback of the chat input."""
    text = st.session_state.get(CHAT_INPUT)
    if text:
        send_message(text)


def set_facts(facts: dict[str, str], note: str) -> None:
    """Set facts from a button, the case panel or a calculator (Conversation.update)."""
    try:
        new, answer = resources.load_conversation().update(state(), facts)
    except AssistantError as exc:
        _failed(exc)
        return
    _record(note, "action", new, answer)


def describe_change(facts: dict[str, str]) -> str:
    """'Limb weakness: Yes' for the facts set by one action."""
    specs = catalogue()
    return "; ".join(
        f"{specs[name].label}: {value_label(value, unknown='not known')}"
        for name, value in facts.items()
    )


def answer_question(fact: str, value: str) -> None:
    """A follow-up question answered with one click."""
    set_facts({fact: value}, describe_change({fact: value}))


def edit_fact(fact: str, key: str) -> None:
    """A fact changed in the case panel (the widget's value is in session state under `key`)."""
    value = st.session_state[key]
    if value != state().case.get(fact):
        set_facts({fact: value}, "Case panel: " + describe_change({fact: value}))


def new_patient() -> None:
    """Clear the case and the conversation."""
    st.session_state[STATE] = new_session()
    st.session_state[HISTORY] = []
    st.session_state.pop(ERROR, None)


def export_markdown(conversation: Conversation, snapshot: SessionState) -> str:
    """A case and the recommendations that apply to it, as Markdown (render.to_markdown).

    Takes its inputs explicitly (no session access): the download button runs it on click,
    outside the script run.
    """
    _, answer = conversation.update(snapshot, {})
    return to_markdown(answer)


def export_handover(conversation: Conversation, snapshot: SessionState) -> str:
    """The handover of at most 40 lines in SBAR order (answers/handover.py), stamped now."""
    from datetime import datetime

    from assistant.answers.handover import to_handover

    _, answer = conversation.update(snapshot, {})
    return to_handover(answer, at=datetime.now(UTC))
