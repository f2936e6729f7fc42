"""Keyboard and screen-reader aids Streamlit does not give by itself (issue #15).

- A skip link to the chat input, the first thing a Tab reaches on the chat page (every page also
  has Streamlit's own "Skip to main content", whose missing target id is added here).
- A polite live region (role=status), created once and kept across reruns, so an assistive
  technology announces "Answer ready: 3 actions, 2 questions" when a new answer arrives.
- Focus moves to the new answer (never left on the page body after a follow-up click).

Streamlit renders into its own DOM, so these are small scripts run from a same-origin iframe
(`st.iframe` with raw HTML) that add elements to the parent document once and reuse them. The
words announced are built by a pure function (`announcement`) and passed as JSON.
"""

from __future__ import annotations

import json

import streamlit as st

from assistant.answers.answer import Answer

#: The live region, the skip link and their styles, added to the parent document once.
_AIDS_SCRIPT = """<script>(function(){
const doc = window.parent.document;
if (!doc.getElementById('ng234-aids-style')) {
  const style = doc.createElement('style');
  style.id = 'ng234-aids-style';
  style.textContent = `
    .ng234-sr {position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;
      clip:rect(0 0 0 0);white-space:nowrap;border:0;}
    #ng234-skip {position:fixed;left:8px;top:-100px;z-index:1000002;padding:8px 14px;
      background:#1a1a1a;color:#fff;border-radius:6px;font:600 16px sans-serif;}
    #ng234-skip:focus {top:8px;outline:3px solid #f5a623;}
    [data-testid="stChatMessage"] h2 {font-size:1.2rem;padding:0.5rem 0 0.25rem;}`;
  doc.head.appendChild(style);
}
if (!doc.getElementById('ng234-live')) {
  const live = doc.createElement('div');
  live.id = 'ng234-live';
  live.className = 'ng234-sr';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  doc.body.appendChild(live);
}
// Streamlit's own "Skip to main content" link points at #stMain: give its target that id.
if (!doc.getElementById('stMain')) {
  const main = doc.querySelector('[data-testid="stMainBlockContainer"]');
  if (main && !main.id) { main.id = 'stMain'; main.setAttribute('tabindex', '-1'); }
}
let skip = doc.getElementById('ng234-skip');
if (!CHAT) { if (skip) skip.remove(); return; }
if (!skip) {
  skip = doc.createElement('a');
  skip.id = 'ng234-skip';
  skip.href = '#ng234-chat-input';
  skip.textContent = 'Skip to the chat input';
  doc.body.insertBefore(skip, doc.body.firstChild);
  skip.addEventListener('click', ev => {
    ev.preventDefault();
    const input = doc.querySelector(INPUT);
    if (input) input.focus();
  });
}
// The chat input is re-created by Streamlit now and then: keep the link's target named.
let ticks = 0;
const name = () => {
  const input = doc.querySelector(INPUT);
  if (input && input.id !== 'ng234-chat-input') input.id = 'ng234-chat-input';
};
name();
const timer = setInterval(() => { name(); if (++ticks > 600) clearInterval(timer); }, 500);
})();</script>"""

#: Focus the new answer and announce it (ANCHOR: the answer's container key).
_ANSWER_SCRIPT = """<script>(function(){
const doc = window.parent.document;
const say = MESSAGE;
let tries = 0;
const timer = setInterval(() => {
  const el = doc.querySelector('.st-key-ANCHOR');
  if (!el && ++tries < 100) return;
  clearInterval(timer);
  if (!el) return;
  el.setAttribute('tabindex', '-1');
  el.setAttribute('role', 'region');
  el.setAttribute('aria-label', 'Latest answer');
  const active = doc.activeElement;
  // A next message already being typed is never interrupted; otherwise (the emptied chat box,
  // a clicked follow-up that is gone after the rerun, the page body) focus goes to the answer.
  if (!(active && active.matches('textarea') && active.value)) el.focus({preventScroll: true});
  const live = doc.getElementById('ng234-live');
  if (live) { live.textContent = ''; setTimeout(() => { live.textContent = say; }, 150); }
}, 100);
})();</script>"""

CHAT_INPUT = '[data-testid="stChatInputTextArea"]'


def page_aids(*, chat: bool) -> None:
    """The live region, and on the chat page the skip link to the chat input (other pages have
    Streamlit's own "Skip to main content", whose target this names)."""
    script = _AIDS_SCRIPT.replace("CHAT", json.dumps(chat)).replace("INPUT", json.dumps(CHAT_INPUT))
    st.iframe(script, height=1, tab_index=-1, alt="Keyboard and screen-reader aids")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


#: The groups whose rows are actions for this person (assistant/data/answer_order.json).
ACTION_GROUPS = ("act", "more_actions")


def announcement(answer: Answer) -> str:
    """What the live region says when an answer arrives: 'Answer ready: 2 to do now, 5 actions,
    3 questions.' (the passages quoted, for a question about the guideline)."""
    if answer.out_of_scope:
        return "Answer ready: outside NG234's scope."
    counts = {g.id: g.count for g in answer.groups}
    actions = sum(counts.get(g, 0) for g in ACTION_GROUPS)
    parts = [_plural(actions, "action"), _plural(len(answer.questions), "question")]
    if answer.do_now:
        parts.insert(0, f"{len(answer.do_now)} to do now")
    if not actions and counts.get("asked"):
        parts[0] = _plural(counts["asked"], "passage") + " quoted"
    return "Answer ready: " + ", ".join(parts) + "."


def focus_answer(anchor: str, answer: Answer) -> None:
    """Move focus to the new answer (unless the reader is typing) and announce it."""
    script = _ANSWER_SCRIPT.replace("ANCHOR", anchor).replace(
        "MESSAGE", json.dumps(announcement(answer))
    )
    st.iframe(script, height=1, tab_index=-1, alt="Announces the new answer")
