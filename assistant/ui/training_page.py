"""Training: example cases scored against the rule engine, with NG234's words as feedback.

The cases come in sets of SET_SIZE (or all at once); each answer gets partial credit, the
mistakes first, in plain words with NICE's words a click away; a results summary follows the
last case of a set (or comes on request). Scoring and the summary are `assistant.training`'s;
this page only shows them.
"""

from __future__ import annotations

import random
import re

import streamlit as st

from assistant import training
from assistant.case import catalogue
from assistant.errors import AssistantError
from assistant.ui import resources
from assistant.ui.markup import blockquote, escape, value_label

SEED, MODE, POSITION, RESULTS = "training_seed", "training_mode", "training_position", "training"
SET, VIEW = "training_set", "training_view"
#: Cases per set: a short sitting for a tired doctor, ending in a results summary.
SET_SIZE = 5
ALL = "all"
MODES: dict[str, str] = {"in-order": "In order", "random": "Random order"}
VERDICT_ICONS = {
    "correct": ":green[:material/check_circle:]",
    "avoided": ":green[:material/do_not_disturb_on:]",
    "missed": ":orange[:material/radio_button_unchecked:]",
    "wrong": ":red[:material/cancel:]",
}


# In a widget label, only what Markdown or a Streamlit directive would read inside one line. The
# label is also the control's accessible name (aria-label), so anything escaped here is read
# out with its backslash: escape no more than needed (NICE's brackets and hyphens stay as
# written).
_LABEL_MARKUP = re.compile(r"([\\`*_\[\]<>$~|]|:(?=\S))")
_LABEL_BLOCK = re.compile(r"^(\s*)([#>+-])(?=\s)")
_LABEL_NUMBER = re.compile(r"^(\s*\d+)\.(?=\s)")


def label(text: str) -> str:
    """Text for a widget label: shown as written, with no markup codes in its accessible name."""
    text = _LABEL_MARKUP.sub(r"\\\1", text)
    return _LABEL_NUMBER.sub(r"\1\\.", _LABEL_BLOCK.sub(r"\1\\\2", text))


def _init() -> None:
    if SEED not in st.session_state:
        # One seed per browser session: the random order stays the same across reruns.
        st.session_state[SEED] = random.SystemRandom().randrange(2**31)
    st.session_state.setdefault(MODE, "in-order")
    st.session_state.setdefault(SET, "1")
    st.session_state.setdefault(POSITION, 0)
    st.session_state.setdefault(RESULTS, {})
    st.session_state.setdefault(VIEW, "case")


def _option_key(case_id: str, option_key: str) -> str:
    return f"train-{case_id}-{option_key}"


def _move(step: int, total: int) -> None:
    st.session_state[POSITION] = (st.session_state[POSITION] + step) % total
    st.session_state[VIEW] = "case"


def _restart() -> None:
    st.session_state[POSITION] = 0
    st.session_state[VIEW] = "case"


def _reshuffle() -> None:
    st.session_state[SEED] = random.SystemRandom().randrange(2**31)
    _restart()


def _show(view: str) -> None:
    st.session_state[VIEW] = view


def _submit(case: training.TrainingCase) -> None:
    chosen = [
        o.key for o in training.options(case) if st.session_state.get(_option_key(case.id, o.key))
    ]
    st.session_state[RESULTS][case.id] = training.score(case, chosen, resources.passages())


def _retry(case: training.TrainingCase, position: int | None = None) -> None:
    st.session_state[RESULTS].pop(case.id, None)
    for option in training.options(case):
        st.session_state.pop(_option_key(case.id, option.key), None)
    if position is not None:
        st.session_state[POSITION] = position
    st.session_state[VIEW] = "case"


def _set_label(choice: str, chunks: list[tuple[str, ...]], total: int) -> str:
    if choice == ALL:
        return f"All {total} cases"
    index = int(choice) - 1
    first = index * SET_SIZE + 1
    return f"Set {choice}: cases {first}–{first + len(chunks[index]) - 1}"


def _progress(set_ids: tuple[str, ...]) -> None:
    results = {i: r for i, r in st.session_state[RESULTS].items() if i in set_ids}
    answered, mean = training.progress(results, len(set_ids))
    text = f"{answered} of {len(set_ids)} cases answered in this set"
    if mean is not None:
        text += f" · overall {round(mean * 100)} %"
    st.progress(answered / len(set_ids), text=text)


def _controls(chunks: list[tuple[str, ...]], total: int, size: int) -> None:
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        st.selectbox(
            "Cases",
            [str(n) for n in range(1, len(chunks) + 1)] + [ALL],
            format_func=lambda choice: _set_label(choice, chunks, total),
            key=SET,
            on_change=_restart,
        )
        st.segmented_control(
            "Order",
            list(MODES),
            format_func=MODES.get,
            key=MODE,
            required=True,
            on_change=_restart,
        )
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        st.button(
            "Previous",
            icon=":material/arrow_back:",
            key="train-previous",
            on_click=_move,
            args=(-1, size),
        )
        st.button(
            "Next case",
            icon=":material/arrow_forward:",
            key="train-next",
            on_click=_move,
            args=(1, size),
        )
        st.button(
            "Results summary",
            icon=":material/summarize:",
            key="train-summary",
            on_click=_show,
            args=("summary",),
        )
        if st.session_state[MODE] == "random":
            st.button(
                "Shuffle again", icon=":material/shuffle:", key="train-shuffle", on_click=_reshuffle
            )


def _quote(item: training.Feedback) -> None:
    with st.expander(f"NICE's words, {', '.join(item.option.cites)}"):
        for rec_id, text in item.quotes:
            st.markdown(f"**NG234 {escape(rec_id)}**")
            st.markdown(blockquote(text))


def _item(item: training.Feedback) -> None:
    with st.container(border=True, key=f"feedback-{item.verdict}-{item.option.key}"):
        st.markdown(f"{VERDICT_ICONS[item.verdict]} **{escape(item.explanation)}**")
        chosen = "You chose" if item.selected else "You left out"
        st.markdown(f"{chosen}: {escape(item.option.text)}")
        if item.reason:
            st.markdown(escape(item.reason))
        _quote(item)


def _feedback(case: training.TrainingCase, result: training.Result) -> None:
    st.subheader(f"Score: {result.percent} %")
    st.markdown(f"**{escape(training.score_text(result))}**")
    mistakes = [f for f in result.feedback if f.mistake]
    right = [f for f in result.feedback if f.verdict == "correct"]
    left_out = [f for f in result.feedback if f.verdict == "avoided"]
    if mistakes:
        st.subheader(f"Mistakes ({len(mistakes)})")
        for item in mistakes:  # wrong choices first, then missed actions
            _item(item)
    if right:
        st.subheader(f"Right choices ({len(right)})")
        for item in right:
            _item(item)
    if left_out:
        label = f"Rightly left out ({len(left_out)})"
        with st.expander(label, icon=":material/do_not_disturb_on:"):
            for item in left_out:
                _item(item)
    with st.expander("Rule trace: why these are the right actions", icon=":material/account_tree:"):
        for line in result.trace:
            st.markdown(f"`{line.rule}` (NG234 {', '.join(line.cites)}): {escape(line.action)}")
            st.caption("Because: " + escape("; ".join(line.because)))
    st.button(
        "Try this case again",
        icon=":material/replay:",
        key=f"train-retry-{case.id}",
        on_click=_retry,
        args=(case,),
    )


def _case(case: training.TrainingCase, number: int, total: int) -> None:
    st.header(f"Case {number} of {total}: {case.title}", anchor=False)
    titles = training.section_titles()
    asked = ", ".join(f"{s} {titles.get(s, '')}".strip() for s in case.sections)
    st.caption(escape(f"Asks about NG234 {asked} · case {case.id}"))
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
            "person, and leave out what it does not."
        )
        for option in training.options(case):
            st.checkbox(label(option.text), key=_option_key(case.id, option.key))
        st.form_submit_button(
            "Submit answers", on_click=_submit, args=(case,), type="primary", icon=":material/done:"
        )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _mistake_line(mistakes: training.SectionMistakes) -> str:
    """'- NG234 1.8 Corticosteroid therapy: 1 wrong choice, 2 missed actions (2 cases)'."""
    counts = [
        _plural(n, noun)
        for n, noun in ((mistakes.wrong, "wrong choice"), (mistakes.missed, "missed action"))
        if n
    ]
    where = f"NG234 {mistakes.section} {mistakes.title}"
    return f"- {escape(where)}: {', '.join(counts)} ({_plural(len(mistakes.cases), 'case')})"


def _summary(cases: list[training.TrainingCase], positions: dict[str, int]) -> None:
    summary = training.summarise(cases, st.session_state[RESULTS])
    with st.container(border=True, key="training-summary"):
        heading = "Results for this set" if summary.complete else "Results so far"
        st.header(heading, anchor=False)
        if summary.percent is None:
            st.markdown("No case of this set has been answered yet.")
            return
        st.markdown(
            f"**{summary.answered} of {summary.total} cases done · overall {summary.percent} %**"
        )
        st.subheader("Per case")
        st.markdown(
            "\n".join(
                f"- {escape(line.title)}: "
                + (escape(line.text) if line.answered else "not answered yet")
                for line in summary.cases
            )
        )
        st.subheader("Where the mistakes were")
        if summary.sections:
            st.markdown("\n".join(_mistake_line(m) for m in summary.sections))
        else:
            st.markdown("No mistakes: every right action chosen and nothing wrong.")
        if summary.weakest:
            st.subheader("Try again")
            by_id = {c.id: c for c in cases}
            for case_id in summary.weakest:
                case = by_id[case_id]
                st.button(
                    f"Retry: {label(case.title)}",
                    icon=":material/replay:",
                    key=f"train-summary-retry-{case_id}",
                    on_click=_retry,
                    args=(case, positions[case_id]),
                )


def render() -> None:
    """The training page."""
    st.title("Training", anchor=False)
    st.caption(
        "Example cases scored against the NG234 rules: the right actions are the "
        "recommendations that apply to the case's facts. " + escape(training.SCHEME)
    )
    try:
        cases = {c.id: c for c in training.load_cases()}
    except AssistantError as exc:
        st.error(escape(exc.user_message()))
        return
    _init()
    ids = training.order(list(cases.values()), st.session_state[MODE], st.session_state[SEED])
    chunks = training.sets(ids, SET_SIZE)
    if st.session_state[SET] != ALL and int(st.session_state[SET]) > len(chunks):
        st.session_state[SET] = "1"
    choice = st.session_state[SET]
    set_ids = tuple(ids) if choice == ALL else chunks[int(choice) - 1]
    set_cases = [cases[i] for i in set_ids]
    positions = {case_id: n for n, case_id in enumerate(set_ids)}
    _progress(set_ids)
    _controls(chunks, len(ids), len(set_ids))
    if st.session_state[VIEW] == "summary":
        _summary(set_cases, positions)
        st.button(
            "Back to the cases",
            icon=":material/arrow_back:",
            key="train-back",
            on_click=_show,
            args=("case",),
        )
        return
    position = st.session_state[POSITION] % len(set_ids)
    case = set_cases[position]
    _case(case, position + 1, len(set_ids))
    answered = all(i in st.session_state[RESULTS] for i in set_ids)
    if answered and case.id in st.session_state[RESULTS]:
        _summary(set_cases, positions)
