"""The chat page: type a case or a question, get NG234's recommendations, answer follow-ups."""

from __future__ import annotations

import streamlit as st

from assistant.ui import answer_view, case_panel, resources, session
from assistant.ui.markup import escape

EXAMPLES = (
    "known breast ca, new back pain",
    "known prostate ca, new leg weakness",
    "dose of dex?",
    "why single fraction 8 Gy?",
)


def _intro() -> None:
    st.markdown(
        "Describe the case in your own words (for example *known breast ca, new back pain*) or "
        "ask about NG234 (*dose of dex?*, *why single fraction?*). Answers list the NG234 "
        "recommendations that apply, most urgent first, each quoted verbatim."
    )
    with st.container(horizontal=True, gap="small"):
        for i, example in enumerate(EXAMPLES):
            st.button(
                example,
                key=f"example-{i}",
                on_click=session.send_message,
                args=(example,),
                icon=":material/chat_bubble:",
            )


def _user(message: session.Message) -> None:
    if message["kind"] == "action":
        st.caption("Set directly")
    # st.text: the user's words exactly as typed, never Markdown or HTML.
    st.text(message["text"])


@st.fragment(run_every=0.5)
def _loading() -> None:
    """While the conversation loads: say so; when it is ready, answer what was typed meanwhile."""
    if resources.status() == "loading":
        st.info(resources.LOADING, icon=":material/hourglass_top:")
        return
    session.answer_waiting()
    st.rerun()


def render() -> None:
    """The chat page: usable at once, while the model and the index load in the background."""
    st.title("NG234 chat")
    status = resources.status()
    if status == "failed" and resources.conversation() is None:  # says what to do
        return
    if status == "ready" and session.waiting():
        session.answer_waiting()
    case_panel.render(ready=status == "ready")
    passages = resources.passages()
    messages = session.history()
    if not messages:
        _intro()
    last = max((i for i, m in enumerate(messages) if m["role"] == "assistant"), default=-1)
    for i, message in enumerate(messages):
        with st.chat_message(message["role"]):
            if message["role"] == "user":
                _user(message)
                continue
            # Earlier answers replay compactly; their quotes and rationale open on request.
            full = i == last or st.toggle("Show quotes and rationale", key=f"details-{i}")
            answer_view.render(message["answer"], passages, key=str(i), live=i == last, full=full)
    if status == "loading":
        _loading()
    error = st.session_state.get(session.ERROR)
    if error:
        st.error(escape(error), icon=":material/error:")
    st.chat_input(
        "Describe the case or ask about NG234",
        key=session.CHAT_INPUT,
        on_submit=session.on_chat_submit,
    )
