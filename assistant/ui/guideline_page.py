"""The guideline browser: every NG234 passage by section, a forgiving search, deep links.

`?rec=1.8.1` (or `?rec=rationale-1.8.1-1.8.8`, `?rec=box-1`, …) opens that passage at the top,
with links to its rationale, the recommendations a rationale covers and the rules citing it.
The search box takes words (typos, abbreviations and "8Gy" included: the project's own
retrieval, `assistant/search/browse.py`) or a number (1.8 opens section 1.8, 1.8.1 that
recommendation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import streamlit as st

from assistant import rules
from assistant.errors import UnknownPassageError
from assistant.guideline.corpus import Passage, get
from assistant.search import browse
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


def _lazy(label: str, name: str):
    """An expander rendered only while open."""
    return st.expander(label, key=css_key(f"g-{name}"), on_change="rerun")


def _head(passage: Passage) -> str:
    parts = [badge(passage.strength), f"**{escape(passage.title)}**"]
    if passage.year:
        parts.append(f"· {passage.year}")
    return " ".join(p for p in parts if p)


def _selected(wanted: str, passages: Mapping[str, Passage]) -> None:
    try:
        passage = get(passages.values(), wanted)
    except UnknownPassageError:
        st.warning(
            f"This link asks for NG234 “{escape(wanted)}”, which the guideline does not have: "
            "the link may be mistyped or out of date. Recommendations are numbered like 1.8.1 "
            "and boxes like box-1; search below or browse the sections.",
            icon=":material/search_off:",
        )
        st.button("Close", on_click=_close, key="close-missing")
        return
    with st.container(border=True, key="selected-passage"):
        st.markdown(f"## {_head(passage)}")
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
                st.caption(f"{escape(rule.id)}: {escape(rules.describe(rule))}.")


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


def _sections(shown: list[Passage], passages: Mapping[str, Passage]) -> None:
    sections: dict[str, list[Passage]] = {}
    for p in shown:
        if p.kind in ("recommendation", "box", "context") and p.section:
            sections.setdefault(p.section, []).append(p)
    for section in sorted(sections, key=_section_key):
        items = sections[section]
        count = sum(1 for p in items if p.kind == "recommendation")
        box = _lazy(f"{section} {items[0].section_title} ({count})", f"section-{section}")
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
                    st.markdown(f"**{escape(heading)}**")
                if p.kind == "box":
                    with st.container(border=True):
                        st.markdown(f"**{escape(p.title)}**")
                        st.markdown(blockquote(p.text))
                else:
                    _recommendation(p, passages)


def _blocks(title: str, shown: Iterable[Passage]) -> None:
    items = list(shown)
    if not items:
        return
    st.header(title)
    for p in items:
        label = p.title if p.kind != "research" else f"{p.id}: {p.title}"
        box = _lazy(label, p.id)
        if not box.open:
            continue
        with box:
            if p.evidence_review:
                st.caption(f"Evidence review {escape(p.evidence_review)}")
            st.markdown(blockquote(p.text))
            st.markdown(_permalink(p.id))


def _search() -> browse.SearchFn | None:
    """The retriever's search once the model and index have loaded (None until then)."""
    if resources.status() != "ready":
        return None
    return resources.load_conversation().retriever.search


def _result(passage: Passage, passages: Mapping[str, Passage]) -> None:
    with st.container(border=True, key=css_key(f"found-{passage.id}")):
        where = f"{passage.section} {passage.section_title}" if passage.section else ""
        if passage.kind == "recommendation":
            if where:
                st.caption(escape(where))
            _recommendation(passage, passages)
            return
        st.markdown(f"**{escape(passage.title)}**")
        if where:
            st.caption(escape(where))
        st.markdown(blockquote(passage.text))
        st.markdown(_permalink(passage.id))


def _results(query: str, passages: Mapping[str, Passage]) -> None:
    found = browse.find(query, passages, _search())
    st.header("Search results")
    if found.found == "nothing":
        st.info(escape(found.message), icon=":material/search_off:")
        return
    st.caption(escape(found.message))
    for pid in found.ids:
        _result(passages[pid], passages)


def render() -> None:
    """The guideline page."""
    st.title("NG234 guideline")
    passages = resources.passages()
    wanted = st.query_params.get(REC)
    if wanted:
        _selected(wanted, passages)
    query = st.text_input(
        "Search NG234",
        key=FILTER,
        placeholder="Words, an abbreviation or a number: dexamethasone, dex, 8Gy, 1.8 or 1.8.1",
    ).strip()
    if query:
        _results(query, passages)
        return
    about = [passages[i] for i in _ABOUT_IDS if i in passages]
    box = _lazy("About the guideline", "about")
    if box.open:
        with box:
            for p in about:
                st.markdown(f"**{escape(p.title)}**")
                st.markdown(blockquote(p.text))
    st.header("Recommendations")
    shown = list(passages.values())
    _sections(shown, passages)
    _blocks("Rationale and impact", (p for p in shown if p.kind == "rationale"))
    _blocks("Recommendations for research", (p for p in shown if p.kind == "research"))
    _blocks("Terms used in this guideline", (p for p in shown if p.kind == "term"))
