"""SINS and revised Tokuhashi calculators (NG234 1.9): points, total, band, source, caveat.

The arithmetic is `assistant.rules.scores`; "Apply to case" sets only the facts that
`scores.facts_from_score` derives (SINS 7-12 suspected, 13-18 confirmed instability) and says so
when a score sets nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from assistant.case import catalogue
from assistant.errors import AssistantError
from assistant.rules import scores
from assistant.ui import case_panel, resources, session
from assistant.ui.markup import escape, value_label

#: Component -> (title, category -> label), in the published forms' wording.
SINS_FORM: dict[str, tuple[str, dict[str, str]]] = {
    "location": (
        "Location",
        {
            "junctional": "Junctional (occiput–C2, C7–T2, T11–L1, L5–S1)",
            "mobile": "Mobile spine (C3–C6, L2–L4)",
            "semi_rigid": "Semi-rigid (T3–T10)",
            "rigid": "Rigid (S2–S5)",
        },
    ),
    "pain": (
        "Pain",
        {
            "mechanical": "Mechanical pain (relieved lying down, worse on movement or loading)",
            "occasional_non_mechanical": "Occasional pain, not mechanical",
            "pain_free": "Pain-free lesion",
        },
    ),
    "bone_lesion": (
        "Bone lesion",
        {"lytic": "Lytic", "mixed": "Mixed (lytic and blastic)", "blastic": "Blastic"},
    ),
    "alignment": (
        "Radiographic spinal alignment",
        {
            "subluxation_translation": "Subluxation or translation present",
            "de_novo_deformity": "De novo deformity (kyphosis or scoliosis)",
            "normal": "Normal alignment",
        },
    ),
    "collapse": (
        "Vertebral body collapse",
        {
            "over_50": "More than 50% collapse",
            "under_50": "Less than 50% collapse",
            "none_over_50_involved": "No collapse, more than 50% of the body involved",
            "none": "None of the above",
        },
    ),
    "posterolateral": (
        "Posterolateral involvement of spinal elements",
        {"bilateral": "Bilateral", "unilateral": "Unilateral", "none": "None of the above"},
    ),
}

TOKUHASHI_FORM: dict[str, tuple[str, dict[str, str]]] = {
    "general_condition": (
        "General condition (Karnofsky performance status)",
        {
            "poor": "Poor (KPS 10–40%)",
            "moderate": "Moderate (KPS 50–70%)",
            "good": "Good (KPS 80–100%)",
        },
    ),
    "extraspinal_bone_metastases": (
        "Number of extraspinal bone metastases",
        {"3+": "3 or more", "1-2": "1 or 2", "0": "None"},
    ),
    "vertebral_metastases": (
        "Number of metastases in the vertebral bodies",
        {"3+": "3 or more", "2": "2", "1": "1"},
    ),
    "visceral_metastases": (
        "Metastases to major internal organs",
        {"unremovable": "Unremovable", "removable": "Removable", "none": "None"},
    ),
    "primary_site": (
        "Primary site of the cancer",
        {site: site.capitalize() for site in scores.TOKUHASHI_POINTS["primary_site"]},
    ),
    "palsy": (
        "Palsy",
        {
            "complete": "Complete (Frankel A or B)",
            "incomplete": "Incomplete (Frankel C or D)",
            "none": "None (Frankel E)",
        },
    ),
}

CALCULATORS: dict[str, tuple[str, dict, Mapping, Callable[[Mapping], scores.ScoreResult]]] = {
    "sins": ("SINS", SINS_FORM, scores.SINS_POINTS, scores.score_sins),
    "tokuhashi": (
        "Revised Tokuhashi score",
        TOKUHASHI_FORM,
        scores.TOKUHASHI_POINTS,
        scores.score_tokuhashi,
    ),
}

NOTHING_SET = {
    "sins": (
        "Nothing was set: a SINS of 0–6 (stable), or a partial score that cannot yet reach 7, "
        "does not by itself rule out spinal instability (NG234 1.9.1 and 1.9.3: use it with "
        "the full clinical assessment), so the case's spinal instability is left as it is."
    ),
    "tokuhashi": (
        "Nothing was set: the revised Tokuhashi score sets no case facts. Whether the overall "
        "prognosis is poor (which withholds urgent radiotherapy, NG234 1.10.4) is a judgement "
        "for the full clinical assessment (NG234 1.9.3), not for a score alone."
    ),
}


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def component_key(score: str, component: str) -> str:
    """The widget key of one component's selectbox."""
    return f"{score}-{component}"


def _values(score: str) -> dict[str, str | None]:
    _, form, _, _ = CALCULATORS[score]
    return {c: st.session_state.get(component_key(score, c)) for c in form}


def result(score: str) -> scores.ScoreResult:
    """The score from the components chosen so far (missing ones reported, never filled in)."""
    _, _, _, compute = CALCULATORS[score]
    return compute({k: v for k, v in _values(score).items() if v is not None})


def apply(score: str) -> None:
    """'Apply to case': the facts the score establishes, set through the conversation."""
    outcome = result(score)
    facts = scores.facts_from_score(outcome)
    if not facts:
        st.session_state[f"{score}-applied"] = ("info", NOTHING_SET[score])
        return
    title = CALCULATORS[score][0]
    total = outcome.total if outcome.total is not None else f"at least {outcome.possible_range[0]}"
    note = f"{title} {total} applied from the calculator: " + session.describe_change(facts)
    session.set_facts(facts, note)
    error = st.session_state.get(session.ERROR)
    if error:
        st.session_state[f"{score}-applied"] = ("error", error)
        return
    labels = catalogue()
    shown = "; ".join(f"{labels[k].label} = {value_label(v)}" for k, v in facts.items())
    st.session_state[f"{score}-applied"] = (
        "success",
        f"Set in the case: {shown}. The chat shows the updated recommendations.",
    )


def _forget_applied(score: str) -> None:
    st.session_state.pop(f"{score}-applied", None)


def _form(score: str) -> None:
    _, form, points, _ = CALCULATORS[score]
    for component, (label, options) in form.items():
        st.selectbox(
            label,
            [None, *options],
            format_func=lambda c, o=options, p=points[component]: (
                "— not assessed —" if c is None else f"{o[c]} ({_points(p[c])})"
            ),
            key=component_key(score, component),
            on_change=_forget_applied,
            args=(score,),
        )


def _result(score: str, *, can_apply: bool) -> None:
    title, form, _, _ = CALCULATORS[score]
    try:
        outcome = result(score)
    except AssistantError as exc:  # the form only offers valid values; kept for safety
        st.error(escape(exc.user_message()))
        return
    if outcome.total is None:
        low, high = outcome.possible_range
        st.metric(f"{title} total", "incomplete", help="Every component is needed for a total.")
        missing = ", ".join(form[c][0] for c in outcome.missing)
        st.caption(f"Not yet assessed: {escape(missing)}. The given parts allow {low}–{high}.")
    else:
        st.metric(f"{title} total", outcome.total)
        st.markdown(f"**Band:** {escape(outcome.band or '')}")
    rows = [{"Component": form[c][0], "Points": outcome.components[c]} for c in outcome.components]
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    st.caption(f"NG234 {', '.join(outcome.cites)}. Source: {escape(outcome.source)}")
    st.info(escape(outcome.caveat), icon=":material/info:")
    st.button(
        "Apply to case",
        key=f"apply-{score}",
        icon=":material/input:",
        on_click=apply,
        args=(score,),
        type="primary",
        disabled=not can_apply,
        help=None if can_apply else "The assistant is not loaded (see the message above).",
    )
    applied = st.session_state.get(f"{score}-applied")
    if applied:
        kind, text = applied
        getattr(st, kind)(escape(text))


def render() -> None:
    """The calculators page."""
    st.title("Scores: SINS and revised Tokuhashi")
    st.caption(
        "NG234 1.9.1 (consider SINS for spinal stability) and 1.9.2 (consider the revised "
        "Tokuhashi score for prognosis); 1.9.3: only as part of a full clinical assessment."
    )
    can_apply = resources.conversation() is not None
    if can_apply:
        case_panel.render()
    for tab, score in zip(st.tabs(["SINS", "Revised Tokuhashi"]), CALCULATORS, strict=True):
        with tab:
            left, right = st.columns(2, gap="large")
            with left:
                _form(score)
            with right:
                _result(score, can_apply=can_apply)
