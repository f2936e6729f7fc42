"""Training: example cases scored against the rule engine, with NG234's words as feedback."""

from __future__ import annotations

import random

import streamlit as st

from assistant import training
from assistant.case import catalogue
from assistant.errors import AssistantError
from assistant.ui import resources
from assistant.ui.markup import blockquote, escape, value_label

SEED, MODE, POSITION, RESULTS = "training_seed", "training_mode", "training_position", "training"
MODES: dict[str, str] = {"in-order": "In order", "random": "Random order"}
VERDICT_ICONS = {
    "correct": ":green[:material/check_circle:]",
    "avoided": ":green[:material/do_not_disturb_on:]",
    "missed": ":orange[:material/radio_button_unchecked:]",
    "wrong": ":red[:material/cancel:]",
}


def _init() -> None:
    if SEED not in st.session_state:
        # One seed per browser session: the random order stays the same across reruns.
        st.session_state[SEED] = random.SystemRandom().randrange(2**31)
    st.session_state.setdefault(MODE, "in-order")
    st.session_state.setdefault(POSITION, 0)
    st.session_state.setdefault(RESULTS, {})


def _option_key(case_id: str, option_key: str) -> str:
    return f"train-{case_id}-{option_key}"


def _move(step: int, total: int) -> None:
    st.session_state[POSITION] = (st.session_state[POSITION] + step) % total


def _reshuffle() -> None:
    st.session_state[SEED] = random.SystemRandom().randrange(2**31)
    st.session_state[POSITION] = 0


def _submit(case: training.TrainingCase) -> None:
    chosen = [
        o.key for o in training.options(case) if st.session_state.get(_option_key(case.id, o.key))
    ]
    st.session_state[RESULTS][case.id] = training.score(case, chosen, resources.passages())


def _retry(case: training.TrainingCase) -> None:
    st.session_state[RESULTS].pop(case.id, None)
    for option in training.options(case):
        st.session_state.pop(_option_key(case.id, option.key), None)


def _progress(total: int) -> None:
    answered, mean = training.progress(st.session_state[RESULTS], total)
    text = f"{answered} of {total} cases answered"
    if mean is not None:
        text += f" · mean score {mean:.0%}"
    st.progress(answered / total, text=text)


def _controls(total: int) -> None:
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        st.segmented_control(
            "Order",
            list(MODES),
            format_func=MODES.get,
            key=MODE,
            required=True,
            on_change=lambda: st.session_state.update({POSITION: 0}),
        )
        st.button("Previous", icon=":material/arrow_back:", on_click=_move, args=(-1, total))
        st.button("Next case", icon=":material/arrow_forward:", on_click=_move, args=(1, total))
        if st.session_state[MODE] == "random":
            st.button("Shuffle again", icon=":material/shuffle:", on_click=_reshuffle)


def _feedback(case: training.TrainingCase, result: training.Result) -> None:
    st.subheader(f"Score: {result.score} of {result.max_score}")
    st.caption(
        f"{result.count('correct')} right, {result.count('missed')} missed, "
        f"{result.count('wrong')} wrong, {result.count('avoided')} rightly left out "
        "(+1 for each right action chosen, −1 for each wrong one)."
    )
    for item in result.feedback:
        with st.container(border=True):
            chosen = "You chose" if item.selected else "You left out"
            st.markdown(f"{VERDICT_ICONS[item.verdict]} **{escape(item.explanation)}**")
            st.markdown(f"{chosen}: {escape(item.option.text)}")
            if item.because:
                lead = "Because: " if item.option.correct else "Here: "
                st.caption(lead + escape("; ".join(item.because)))
            with st.expander(f"NG234 {', '.join(item.option.cites)} (verbatim)"):
                for rec_id, text in item.quotes:
                    st.markdown(f"**NG234 {escape(rec_id)}**")
                    st.markdown(blockquote(text))
    with st.expander("Rule trace: why these are the right actions", icon=":material/account_tree:"):
        for line in result.trace:
            st.markdown(f"`{line.rule}` (NG234 {', '.join(line.cites)}): {escape(line.action)}")
            st.caption("Because: " + escape("; ".join(line.because)))
    st.button("Try this case again", icon=":material/replay:", on_click=_retry, args=(case,))


def _case(case: training.TrainingCase, number: int, total: int) -> None:
    st.subheader(f"Case {number} of {total}: {case.title}")
    st.caption("Asks about NG234 section(s) " + ", ".join(case.sections) + f" · case `{case.id}`")
    st.markdown(escape(case.vignette))
    labels = catalogue()
    with st.expander("The case as structured facts"):
        st.markdown(
            "  \n".join(
                f"{escape(labels[k].label)}: **{escape(value_label(v))}**"
                for k, v in case.facts.items()
            )
        )
    result = st.session_state[RESULTS].get(case.id)
    if result is not None:
        _feedback(case, result)
        return
    with st.form(f"form-{case.id}"):
        st.markdown(
            "**Which of these would you do?** Choose every action NG234 recommends for this "
            "person in these sections, and leave out what it does not."
        )
        for option in training.options(case):
            st.checkbox(escape(option.text), key=_option_key(case.id, option.key))
        st.form_submit_button(
            "Submit answers", on_click=_submit, args=(case,), type="primary", icon=":material/done:"
        )


def render() -> None:
    """The training page."""
    st.title("Training")
    st.caption(
        "Example cases scored against the NG234 rules: the right actions are the "
        "recommendations that apply to the case's facts."
    )
    try:
        cases = {c.id: c for c in training.load_cases()}
    except AssistantError as exc:
        st.error(escape(exc.user_message()))
        return
    _init()
    total = len(cases)
    _progress(total)
    _controls(total)
    ids = training.order(list(cases.values()), st.session_state[MODE], st.session_state[SEED])
    position = st.session_state[POSITION] % total
    _case(cases[ids[position]], position + 1, total)
