"""The case panel (sidebar): the facts understood so far, editable, and the export.

Facts are grouped as in assistant/data/facts.json; what the last turn changed is marked.
Changing a fact, adding one or starting a new patient calls the core and appends its answer.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from assistant.case import FactSpec, catalogue
from assistant.ui import resources, session
from assistant.ui.markup import escape, value_label

GROUP_TITLES: dict[str, str] = {
    "cancer": "Cancer",
    "pain": "Back pain (box 1)",
    "cord": "Cord compression symptoms and signs (box 1)",
    "diagnosis": "Diagnosis and imaging",
    "stability": "Spinal stability and mobilisation",
    "pain_management": "Pain management",
    "treatment": "Treatment",
    "radiotherapy": "Radiotherapy",
    "prognosis": "Prognosis and rehabilitation",
}
ADD_GROUP, ADD_FACT, ADD_VALUE = "add_fact_group", "add_fact_name", "add_fact_value"
PREVIEW = "export_preview"


def group_title(group: str) -> str:
    """The heading of a fact group."""
    return GROUP_TITLES.get(group, group.replace("_", " ").capitalize())


def groups() -> dict[str, list[FactSpec]]:
    """Fact specs by group, in catalogue order."""
    out: dict[str, list[FactSpec]] = {}
    for spec in catalogue().values():
        out.setdefault(spec.group, []).append(spec)
    return out


def fact_key(name: str) -> str:
    """The widget key of a fact's selectbox."""
    return f"fact-{name}"


def _known_facts() -> None:
    case = session.state().case
    known = case.known()
    answer = session.last_answer()
    changed = {c.fact: c for c in answer.changes} if answer else {}
    if not known:
        st.caption("No facts yet. Describe the case in the chat, or add a fact below.")
    for group, specs in groups().items():
        present = [s for s in specs if s.name in known]
        if not present:
            continue
        st.markdown(f"**{escape(group_title(group))}**")
        for spec in present:
            key = fact_key(spec.name)
            # The case is the source of truth: show its value whatever the widget held before.
            st.session_state[key] = case.get(spec.name)
            change = changed.get(spec.name)
            st.selectbox(
                # Plain words: a label is read aloud as written (no colour or icon codes).
                spec.label + (" (changed in the last turn)" if change else ""),
                options=spec.values,
                format_func=lambda v: value_label(v, unknown="Not known (remove)"),
                key=key,
                on_change=session.edit_fact,
                args=(spec.name, key),
            )
            if change:
                before = value_label(change.before, unknown="not known")
                after = value_label(change.after)
                st.caption(f":orange[Changed in the last turn: {escape(before)} → {escape(after)}]")
    removed = [c for c in changed.values() if c.after == "unknown"]
    for change in removed:
        st.caption(f":orange[Removed in the last turn: {escape(change.label)}]")


def _add_fact() -> None:
    known = session.state().case.known()
    with st.expander("Add a fact not yet known", icon=":material/add_circle:"):
        unknown_groups = {
            group: [s for s in specs if s.name not in known] for group, specs in groups().items()
        }
        choices = [g for g, specs in unknown_groups.items() if specs]
        if not choices:
            st.caption("Every fact is recorded.")
            return
        group = st.selectbox("Group", choices, format_func=group_title, key=ADD_GROUP)
        specs = {s.name: s for s in unknown_groups[group]}
        # Keys depend on the choice above, so a stale choice never meets a new option list.
        name = st.selectbox(
            "Fact", list(specs), format_func=lambda n: specs[n].label, key=f"{ADD_FACT}-{group}"
        )
        spec = specs[name]
        value = st.selectbox(
            "Value",
            [v for v in spec.values if v != "unknown"],
            format_func=value_label,
            key=f"{ADD_VALUE}-{name}",
        )
        st.button(
            "Add to the case",
            icon=":material/add:",
            key="add_fact_button",
            on_click=session.set_facts,
            args=({name: value}, "Case panel: " + session.describe_change({name: value})),
        )


#: The two downloads: (label, exporter, file name, MIME type, icon, widget key). The handover
#: is pasteable into a referral; the full cited answer is the same text as the preview below.
DOWNLOADS = (
    ("Download handover (SBAR, 40 lines)", session.export_handover, "ng234-handover.txt",
     "text/plain", ":material/assignment:", "export_handover"),
    ("Download full cited answer (Markdown)", session.export_markdown, "ng234-case-summary.md",
     "text/markdown", ":material/download:", "export"),
)  # fmt: skip


def _export() -> None:
    conversation = resources.load_conversation()
    snapshot = session.state()
    for label, exporter, file_name, mime, icon, key in DOWNLOADS:
        st.download_button(
            label,
            data=partial(exporter, conversation, snapshot),  # built on click, from this run
            file_name=file_name,
            mime=mime,
            icon=icon,
            key=key,
            on_click="ignore",
        )
    preview = st.expander(
        "Preview the summary", key=PREVIEW, icon=":material/preview:", on_change="rerun"
    )
    if preview.open:
        with preview:
            st.code(
                session.export_markdown(conversation, snapshot),
                language="markdown",
                wrap_lines=True,
            )


def render(*, ready: bool = True) -> None:
    """The sidebar: case facts, add a fact, new patient, and (once NG234 has loaded) export."""
    with st.sidebar:
        st.header("Case", divider="gray")
        _known_facts()
        _add_fact()
        st.button(
            "New patient",
            icon=":material/person_add:",
            on_click=session.new_patient,
            key="new_patient",
            help="Clears every fact and the conversation.",
        )
        if ready:
            _export()
