"""One Answer on screen: urgent actions first, each with its strength, number, year and quote.

Nothing here decides anything: the Answer is the core's, and every NICE sentence is shown
verbatim (escaped, so it reads exactly as in corpus/ng234.txt). Long parts (the committee's
rationale, routine recommendations, the conditional block) are expanders that render their
content only when opened, so a long answer still appears quickly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

import streamlit as st

from assistant.answers.answer import (
    URGENCY_LABELS,
    Answer,
    ConditionalOut,
    LookupOut,
    QuestionOut,
    RecommendationOut,
)
from assistant.case import catalogue
from assistant.guideline.corpus import Passage
from assistant.ui import session
from assistant.ui.markup import (
    badge,
    blockquote,
    css_key,
    escape,
    urgency_title,
    value_label,
    year_text,
)
from assistant.ui.notice import NOTICE

R = TypeVar("R", bound=RecommendationOut)

#: Urgencies whose recommendations are shown open; routine ones sit in an expander.
OPEN_URGENCIES = ("immediate", "24h", "1-week")
#: A case's conditional block opens by itself only when it is this short.
OPEN_CONDITIONAL_UP_TO = 6


def by_urgency(recs: Sequence[R]) -> list[tuple[str, list[R]]]:
    """(urgency, recommendations) most urgent first, as `render.group_by_urgency` orders them."""
    groups = [(u, [r for r in recs if r.urgency == u]) for u in URGENCY_LABELS]
    return [(u, items) for u, items in groups if items]


def _lazy(label: str, key: str, icon: str, *, expanded: bool = False):
    """An expander whose content runs only while it is open (`.open` is then True)."""
    return st.expander(label, expanded=expanded, key=key, icon=icon, on_change="rerun")


def cited(ids: Sequence[str], passages: Mapping[str, Passage]) -> str:
    """'**NG234 1.3.2** · 2023': the numbers cited and their year from the corpus."""
    years = year_text([passages[i].year for i in ids if i in passages])
    return f"**NG234 {escape(', '.join(ids))}**" + (f" · {years}" if years else "")


def rationale(rationale_ids: Sequence[str], passages: Mapping[str, Passage]) -> None:
    """The committee's rationale passages and the evidence reviews behind them."""
    for rid in rationale_ids:
        passage = passages.get(rid)
        if passage is None:
            continue
        st.markdown(f"**{escape(passage.title)}** (`{rid}`)")
        if passage.evidence_review:
            st.caption(f"Evidence review {escape(passage.evidence_review)}")
        st.markdown(blockquote(passage.text))


def _quotes(rec: RecommendationOut | LookupOut) -> None:
    st.markdown(
        "\n\n".join(f"**NG234 {escape(q.id)}**\n\n{blockquote(q.text)}" for q in rec.quotes)
    )


def recommendation(
    rec: RecommendationOut, passages: Mapping[str, Passage], *, key: str, full: bool
) -> None:
    """One recommendation that applies: badge, number, year, action, quote and rationale."""
    with st.container(border=True, key=css_key(f"rec-{key}")):
        head = f"{badge(rec.strength)} {cited(rec.cites, passages)}"
        if rec.strength == "do-not":
            # A prohibition is shown as one: red, with a no-entry sign.
            st.markdown(head)
            st.error(escape(rec.action), icon=":material/block:")
        else:
            st.markdown(f"{head}  \n{escape(rec.action)}")
        if rec.trace:
            st.caption("Applies because: " + escape("; ".join(rec.trace)))
        if not full:
            return
        left, right = st.columns(2, gap="small")
        with left, st.expander("NICE's words (verbatim)", icon=":material/format_quote:"):
            _quotes(rec)
        if rec.rationale:
            with right:
                why = _lazy("Why? The committee's rationale", f"why-{key}", ":material/lightbulb:")
                if why.open:
                    with why:
                        rationale(rec.rationale, passages)


def _compact(recs: Sequence[RecommendationOut], passages: Mapping[str, Passage]) -> None:
    st.markdown(
        "\n".join(
            f"- {badge(r.strength)} {cited(r.cites, passages)}: {escape(r.action)}" for r in recs
        )
    )


def recommendations(
    recs: Sequence[RecommendationOut], passages: Mapping[str, Passage], *, key: str, full: bool
) -> None:
    """What applies, by urgency; routine recommendations folded (they are not urgent)."""
    for urgency, items in by_urgency(recs):
        if not full:
            st.markdown(f"**{urgency_title(urgency)}**")
            _compact(items, passages)
            continue
        if urgency in OPEN_URGENCIES:
            st.markdown(f"#### {urgency_title(urgency)}")
            for rec in items:
                recommendation(rec, passages, key=f"{key}-{rec.rule}", full=True)
            continue
        prohibitions = sum(1 for r in items if r.strength == "do-not")
        label = f"{URGENCY_LABELS[urgency]}: {len(items)} more recommendation(s)"
        if prohibitions:
            label += f", including {prohibitions} 'do not'"
        box = _lazy(label, f"routine-{key}", ":material/event_note:")
        if box.open:
            with box:
                for rec in items:
                    recommendation(rec, passages, key=f"{key}-{rec.rule}", full=True)


def conditional_block(
    items: Sequence[ConditionalOut], passages: Mapping[str, Passage], *, key: str, expanded: bool
) -> None:
    """Rules that depend on facts not yet known, set apart from what applies."""
    labels = catalogue()
    box = _lazy(
        f"Depends on what is not yet known ({len(items)})",
        f"conditional-{key}",
        ":material/help_center:",
        expanded=expanded,
    )
    if not box.open:
        return
    with box:
        st.caption(
            "These recommendations apply only if their condition holds. Nothing here is advice "
            "yet: answer the questions to decide them."
        )
        for urgency, recs in by_urgency(items):
            st.markdown(f"**{urgency_title(urgency)}**")
            for cond in recs:
                missing = "; ".join(labels[f].label for f in cond.missing if f in labels)
                st.markdown(
                    f"{badge(cond.strength)} {cited(cond.cites, passages)}: {escape(cond.action)}"
                )
                st.caption(f"{escape(cond.condition)}. Not yet known: {escape(missing)}.")


def lookup(item: LookupOut, passages: Mapping[str, Passage], *, key: str) -> None:
    """A quoted passage the question asked for."""
    with st.container(border=True):
        if item.kind == "recommendation":
            st.markdown(f"{badge(item.strength)} {cited([item.id], passages)}")
        else:
            st.markdown(f"**{escape(item.title)}**")
        for quote in item.quotes:
            st.markdown(blockquote(quote.text))
        if item.evidence_review:
            st.caption(f"Evidence review {escape(item.evidence_review)}")
        if item.rationale:
            why = _lazy("Why? The committee's rationale", f"why-{key}", ":material/lightbulb:")
            if why.open:
                with why:
                    rationale(item.rationale, passages)


def questions(items: Sequence[QuestionOut], *, key: str, live: bool) -> None:
    """Follow-up questions; on the latest answer each option is a one-click button."""
    st.markdown("#### :material/quiz: Questions that would change the answer")
    for q in items:
        st.markdown(escape(q.text))
        if not live:
            continue
        with st.container(horizontal=True, gap="small"):
            for value in q.options:
                st.button(
                    value_label(value),
                    key=f"q-{key}-{q.fact}-{value}",
                    on_click=session.answer_question,
                    args=(q.fact, value),
                )


def render(
    answer: Answer, passages: Mapping[str, Passage], *, key: str, live: bool, full: bool
) -> None:
    """An answer: summary, notices, conflicts, recommendations by urgency, the rest."""
    if answer.out_of_scope:
        # Plain and uncited: NG234 does not cover this.
        st.markdown(escape(answer.message))
        return
    if answer.message:
        st.markdown(escape(answer.message))
    for notice in answer.notices:
        st.info(escape(notice), icon=":material/info:")
    for conflict in answer.conflicts:
        st.warning(
            f"**Conflicting facts:** {escape(conflict.message)}  \n"
            f"{escape('; '.join(conflict.facts))}",
            icon=":material/warning:",
        )
    recommendations(answer.recommendations, passages, key=key, full=full)
    if answer.conditional:
        if full:
            # Open when it is the answer to a question, or short; a long list for a case
            # (every urgent rule not yet decided) stays folded under the questions.
            expanded = (
                not answer.recommendations
                or answer.intent not in ("case", "answer")
                or len(answer.conditional) <= OPEN_CONDITIONAL_UP_TO
            )
            conditional_block(answer.conditional, passages, key=key, expanded=expanded)
        else:
            st.caption(f"{len(answer.conditional)} more depend on what was not yet known.")
    if answer.lookups:
        st.markdown("#### :material/menu_book: From NG234")
        for item in answer.lookups:
            lookup(item, passages, key=f"{key}-{item.id}")
    if answer.questions:
        questions(answer.questions, key=key, live=live)
    if full:
        # The notice sits under the latest answer too, where the reader is.
        st.caption(f"{escape(answer.guideline)} · {escape(NOTICE)}")
