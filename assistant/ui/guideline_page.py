"""The guideline browser: every NG234 passage by section, filterable, with deep links.

`?rec=1.8.1` (or `?rec=rationale-1.8.1-1.8.8`, `?rec=box-1`, …) opens that passage at the top,
with links to its rationale, the recommendations a rationale covers and the rules citing it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping

import streamlit as st

from assistant import rules
from assistant.errors import UnknownPassageError
from assistant.guideline.corpus import Passage, get
from assistant.ui import resources
from assistant.ui.markup import badge, blockquote, css_key, escape

FILTER = "guideline_filter"
REC = "rec"

_ABOUT_IDS = (
    "context-overview",
    "context-who-is-it-for",
    "context-your-responsibility",
    "context-update-information",
    "context-minor-changes-since-publication",
)


def _section_key(section: str) -> tuple[int, ...]:
    return tuple(int(n) for n in section.split("."))


def _open(passage_id: str) -> None:
    st.query_params[REC] = passage_id


def _close() -> None:
    st.query_params.pop(REC, None)


def _lazy(label: str, name: str, expand: bool):
    """An expander rendered only while open; a new filter opens (or closes) them all afresh."""
    query = st.session_state.get(FILTER, "").strip().lower()
    key = css_key(f"g-{name}-{zlib.crc32(query.encode()):08x}")
    return st.expander(label, expanded=expand, key=key, on_change="rerun")


def _head(passage: Passage) -> str:
    parts = [badge(passage.strength), f"**{escape(passage.title)}**"]
    if passage.year:
        parts.append(f"· {passage.year}")
    return " ".join(p for p in parts if p)


def _selected(wanted: str, passages: Mapping[str, Passage]) -> None:
    try:
        passage = get(passages.values(), wanted)
    except UnknownPassageError as exc:
        st.warning(escape(exc.user_message()), icon=":material/search_off:")
        st.button("Close", on_click=_close, key="close-missing")
        return
    with st.container(border=True, key="selected-passage"):
        st.markdown(f"### {_head(passage)}")
        where = " · ".join(
            escape(x)
            for x in (
                f"{passage.section} {passage.section_title}" if passage.section else "",
                passage.heading if passage.kind != "rationale" else "",
            )
            if x
        )
        if where:
            st.caption(where)
        st.markdown(blockquote(passage.text))
        if passage.evidence_review:
            st.caption(f"Evidence review {escape(passage.evidence_review)}")
        with st.container(horizontal=True, gap="small"):
            if passage.rationale_id:
                st.button(
                    f"Why? {passages[passage.rationale_id].title}",
                    key="open-rationale",
                    icon=":material/lightbulb:",
                    on_click=_open,
                    args=(passage.rationale_id,),
                )
            for covered in passage.covers:
                st.button(
                    f"NG234 {covered}",
                    key=f"open-{covered}",
                    icon=":material/article:",
                    on_click=_open,
                    args=(covered,),
                )
            st.button("Close", key="close-selected", icon=":material/close:", on_click=_close)
        citing = rules.rules_citing(passage.id) if passage.kind == "recommendation" else []
        if citing:
            st.markdown("**How the assistant applies it** (rules citing it)")
            for rule in citing:
                st.caption(f"`{rule.id}`: {escape(rules.describe(rule))}.")


def _matches(passage: Passage, query: str) -> bool:
    if not query:
        return True
    haystack = " ".join(
        x or "" for x in (passage.id, passage.title, passage.heading, passage.section_title)
    )
    return query in (haystack + " " + passage.text).lower()


def _permalink(passage_id: str) -> str:
    """A Markdown link to the deep link of a passage (`?rec=…`, opens in a new tab)."""
    return f"[:material/link: Link to {escape(passage_id)}](?{REC}={passage_id})"


def _why_popover(passage: Passage, passages: Mapping[str, Passage], key: str) -> None:
    """The recommendation's rationale, in place; rendered only while open."""
    rationale = passages[passage.rationale_id or ""]
    box = st.popover(
        f"Why? {rationale.title}",
        icon=":material/lightbulb:",
        key=key,
        on_change="rerun",
    )
    if box.open:
        with box:
            st.markdown(f"**{escape(rationale.title)}** (`{rationale.id}`)")
            if rationale.evidence_review:
                st.caption(f"Evidence review {escape(rationale.evidence_review)}")
            st.markdown(blockquote(rationale.text))
            st.markdown(_permalink(rationale.id))


def _recommendation(passage: Passage, passages: Mapping[str, Passage]) -> None:
    st.markdown(_head(passage))
    st.markdown(blockquote(passage.text))
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        if passage.rationale_id:
            _why_popover(passage, passages, key=f"why-{passage.id}")
        st.markdown(_permalink(passage.id))


def _sections(shown: list[Passage], passages: Mapping[str, Passage], expand: bool) -> None:
    sections: dict[str, list[Passage]] = {}
    for p in shown:
        if p.kind in ("recommendation", "box", "context") and p.section:
            sections.setdefault(p.section, []).append(p)
    for section in sorted(sections, key=_section_key):
        items = sections[section]
        count = sum(1 for p in items if p.kind == "recommendation")
        box = _lazy(f"{section} {items[0].section_title} ({count})", f"section-{section}", expand)
        if not box.open:
            continue
        with box:
            heading = None
            for p in items:
                if p.kind == "context":
                    st.markdown(blockquote(p.text))
                    continue
                if p.kind == "recommendation" and p.heading and p.heading != heading:
                    heading = p.heading
                    st.markdown(f"##### {escape(heading)}")
                if p.kind == "box":
                    with st.container(border=True):
                        st.markdown(f"**{escape(p.title)}**")
                        st.markdown(blockquote(p.text))
                else:
                    _recommendation(p, passages)


def _blocks(title: str, shown: Iterable[Passage], expand: bool) -> None:
    items = list(shown)
    if not items:
        return
    st.subheader(title)
    for p in items:
        label = p.title if p.kind != "research" else f"{p.id}: {p.title}"
        box = _lazy(label, p.id, expand)
        if not box.open:
            continue
        with box:
            if p.evidence_review:
                st.caption(f"Evidence review {escape(p.evidence_review)}")
            st.markdown(blockquote(p.text))
            st.markdown(_permalink(p.id))


def render() -> None:
    """The guideline page."""
    st.title("NG234 guideline")
    passages = resources.passages()
    wanted = st.query_params.get(REC)
    if wanted:
        _selected(wanted, passages)
    query = st.text_input(
        "Filter",
        key=FILTER,
        placeholder="Words or a number, e.g. dexamethasone, 1.8 or plain X-ray",
    )
    query = query.strip().lower()
    shown = [p for p in passages.values() if _matches(p, query)]
    if query:
        st.caption(f"{len(shown)} passage(s) match “{escape(query)}”.")
    expand = bool(query)
    about = [passages[i] for i in _ABOUT_IDS if i in passages and passages[i] in shown]
    box = _lazy("About the guideline", "about", expand) if about else None
    if box is not None and box.open:
        with box:
            for p in about:
                st.markdown(f"**{escape(p.title)}**")
                st.markdown(blockquote(p.text))
    st.subheader("Recommendations")
    _sections(shown, passages, expand)
    _blocks("Rationale and impact", (p for p in shown if p.kind == "rationale"), expand)
    _blocks("Recommendations for research", (p for p in shown if p.kind == "research"), expand)
    _blocks("Terms used in this guideline", (p for p in shown if p.kind == "term"), expand)
