"""One Answer on screen, in the answer's order (issue #14): Do now, then the groups.

The top of a new answer is brought into view: what changed, the notices, and Do now (each
action's verbatim quote one click away), then the groups shown open (what was asked, the
actions for this case, what one or two answers would decide), the questions, and the folded
groups with their counts. Nothing here decides anything: the Answer is the core's, and every
NICE sentence is shown verbatim (escaped, so it reads exactly as in corpus/ng234.txt). Folded
parts are expanders that render their content only when opened, so a long answer appears fast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from assistant.answers.answer import (
    URGENCY_LABELS,
    Answer,
    ConditionalOut,
    LookupOut,
    QuestionOut,
    RecommendationOut,
    SetAsideOut,
)
from assistant.answers.order import Row, grouped
from assistant.case import catalogue
from assistant.guideline.corpus import Passage
from assistant.ui import a11y, session
from assistant.ui.markup import (
    badge,
    blockquote,
    css_key,
    escape,
    value_label,
    year_text,
)
from assistant.ui.notice import NOTICE


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


def words_label(cites: Sequence[str]) -> str:
    """The label of a quote's expander, telling the quotes apart: "NICE's words, NG234 1.3.2"."""
    return f"NICE's words, NG234 {', '.join(cites)} (verbatim)"


def why_label(cites: Sequence[str]) -> str:
    """The label of a rationale's expander: "Why? The committee's rationale for NG234 1.3.2"."""
    return f"Why? The committee's rationale for NG234 {', '.join(cites)}"


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
        with left, st.expander(words_label(rec.cites), icon=":material/format_quote:"):
            _quotes(rec)
        if rec.rationale:
            with right:
                why = _lazy(why_label(rec.cites), f"why-{key}", ":material/lightbulb:")
                if why.open:
                    with why:
                        rationale(rec.rationale, passages)


def pending(cond: ConditionalOut, passages: Mapping[str, Passage], *, key: str) -> None:
    """An undetermined rule one or two answers would decide, with its deciding questions."""
    with st.container(border=True, key=css_key(f"pending-{key}")):
        st.markdown(
            f"{badge(cond.strength)} {cited(cond.cites, passages)} · "
            f"{escape(URGENCY_LABELS[cond.urgency].lower())}  \n{escape(cond.action)}"
        )
        ask = cond.ask or [catalogue()[f].question for f in cond.missing if f in catalogue()]
        st.caption("Would apply on the answer to: " + escape(" / ".join(ask)))
        with st.expander(words_label(cond.cites), icon=":material/format_quote:"):
            _quotes(cond)


def set_aside(item: SetAsideOut, passages: Mapping[str, Passage], *, key: str) -> None:
    """A rule that applies on NICE's conditions but that the case rules out, with the reason."""
    with st.container(border=True, key=css_key(f"aside-{key}")):
        st.markdown(
            f"{badge(item.strength)} {cited(item.cites, passages)}  \n{escape(item.action)}"
        )
        st.caption("Not an action for this person: " + escape(item.because))
        if item.instead:
            st.caption("NICE's alternative: NG234 " + escape(", ".join(item.instead)))
        with st.expander(words_label(item.cites), icon=":material/format_quote:"):
            _quotes(item)


def row(item: Row, passages: Mapping[str, Passage], *, key: str) -> None:
    """One row of an answer, in the form its kind needs."""
    if isinstance(item, LookupOut):
        lookup(item, passages, key=f"{key}-{item.id}")
    elif isinstance(item, SetAsideOut):
        set_aside(item, passages, key=f"{key}-{item.rule}")
    elif isinstance(item, ConditionalOut):
        pending(item, passages, key=f"{key}-{item.rule}")
    else:
        recommendation(item, passages, key=f"{key}-{item.rule}", full=True)


def do_now(answer: Answer, passages: Mapping[str, Passage], *, key: str) -> None:
    """The few urgent actions first, in NICE's words; each quote is one click away."""
    quotes = {r.rule: r for r in answer.recommendations}
    with st.container(border=True, key=css_key(f"do-now-{key}")):
        st.header(":material/emergency: Do now", anchor=False)
        for action in answer.do_now:
            label = (
                f"**{escape(action.timing)}:** {escape(action.words)} · "
                f"NG234 {escape(', '.join(action.cites))}"
            )
            with st.expander(label, key=css_key(f"do-{key}-{action.rule}")):
                _quotes(quotes[action.rule])


def groups(answer: Answer, passages: Mapping[str, Passage], *, key: str, folded: bool) -> None:
    """The answer's groups in order: open ones in full, or the folded ones as expanders."""
    for group, rows in grouped(answer):
        if group.folded != folded:
            continue
        title = f"{group.title} ({group.count})"
        if not group.folded:
            st.header(escape(title), anchor=False)
            for item in rows:
                row(item, passages, key=key)
            continue
        box = _lazy(escape(title), f"group-{key}-{group.id}", ":material/unfold_more:")
        if box.open:
            with box:
                for item in rows:
                    row(item, passages, key=key)


def compact(answer: Answer, passages: Mapping[str, Passage]) -> None:
    """An earlier answer replayed short: Do now and the counts of its groups."""
    for action in answer.do_now:
        st.markdown(
            f"- **{escape(action.timing)}:** {escape(action.words)} "
            f"({cited(action.cites, passages)})"
        )
    counts = "; ".join(f"{g.title} ({g.count})" for g in answer.groups)
    if counts:
        st.caption(escape(counts))


#: The script behind `scroll_to` (ANCHOR is replaced by the answer's container key).
_SCROLL_SCRIPT = """<script>(function(){
const doc = window.parent.document;
const box = doc.querySelector('[data-testid="stAppScrollToBottomContainer"]');
const native = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTop');
let done = false, ticks = 0;
// While the answer settles, Streamlit's stick-to-bottom writes scrollTop to follow the chat's
// end; those writes are held back so the reader stays at the top of the new answer.
if (box) Object.defineProperty(box, 'scrollTop', {configurable: true,
  get() { return native.get.call(this); },
  set(v) { if (done) native.set.call(this, v); }});
const release = () => { if (done) return; done = true; if (box) delete box.scrollTop; };
['wheel', 'touchstart', 'keydown', 'mousedown'].forEach(e => doc.addEventListener(e,
  ev => { if (ev.isTrusted) release(); }, {capture: true, once: true}));
window.addEventListener('pagehide', release);
const go = () => {
  const el = doc.querySelector('.st-key-ANCHOR');
  if (!done && el && Math.abs(el.getBoundingClientRect().top) > 2)
    el.scrollIntoView({block: 'start'});
};
const timer = setInterval(() => {
  go();
  if (done || ++ticks >= 300) { clearInterval(timer); release(); }
}, 100);
go();
})();</script>"""


def scroll_to(anchor: str) -> None:
    """Bring the top of the new answer into view and keep it there while the page settles,
    until the reader scrolls, clicks or types (at most 30 s; once per new answer).

    Streamlit keeps a chat stuck to its bottom: while the answer's height still changes it
    writes the scroll position back to the end. The script holds those writes back (and only
    those: the reader's own scrolling is native and never blocked) until the reader's first
    scroll, touch, key or click, then lets go.
    """
    st.iframe(
        _SCROLL_SCRIPT.replace("ANCHOR", anchor),
        height=1,
        tab_index=-1,  # a script, nothing to reach by keyboard
        alt="Brings the new answer into view",
    )


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
            why = _lazy(why_label([item.id]), f"why-{key}", ":material/lightbulb:")
            if why.open:
                with why:
                    rationale(item.rationale, passages)


def questions_anchor(key: str) -> str:
    """The id of an answer's questions heading (the target of its "Go to the questions" link)."""
    return css_key(f"questions-{key}").lower()


def questions(items: Sequence[QuestionOut], *, key: str, live: bool) -> None:
    """Follow-up questions; on the latest answer each option is a one-click button."""
    st.header(":material/quiz: Questions that would change the answer", anchor=False)
    # The target of "Go to the questions": the next Tab from here is the first answer button.
    st.html(f'<span id="{questions_anchor(key)}"></span>')
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
    """An answer in its order: what changed, Do now, the open groups, the questions, the rest."""
    anchor = css_key(f"answer-top-{key}")
    with st.container(key=anchor):
        if answer.out_of_scope:
            # Plain and uncited: NG234 does not cover this.
            st.markdown(escape(answer.message))
            return
        if answer.do_now and answer.changes:
            st.markdown(escape(answer.message.split(" Do now (NG234): ")[0]))
        elif not answer.do_now and answer.message:
            st.markdown(escape(answer.message))
        for notice in answer.notices:
            st.info(escape(notice), icon=":material/info:")
        for conflict in answer.conflicts:
            st.warning(
                f"**Conflicting facts:** {escape(conflict.message)}  \n"
                f"{escape('; '.join(conflict.facts))}",
                icon=":material/warning:",
            )
        if live and answer.questions:
            # Keyboard users reach the one-click answers without tabbing through every card.
            count = len(answer.questions)
            st.markdown(
                f"[:material/south: Go to the {count} question{'s' if count > 1 else ''} that "
                f"would change the answer](#{questions_anchor(key)})"
            )
        if answer.do_now:
            do_now(answer, passages, key=key)
    if not full:
        compact(answer, passages)
        return
    if answer.possible and answer.questions:
        questions(answer.questions, key=key, live=live)  # a possible red flag is asked first
    groups(answer, passages, key=key, folded=False)
    if answer.questions and not answer.possible:
        questions(answer.questions, key=key, live=live)
    groups(answer, passages, key=key, folded=True)
    # The notice sits under the latest answer too, where the reader is.
    st.caption(f"{escape(answer.guideline)} · {escape(NOTICE)}")
    if live:
        scroll_to(anchor)
        a11y.focus_answer(anchor, answer)
