"""An Answer as readable text (CLI) or Markdown (the full cited answer): in the answer's order.

Every renderer shows the same order (`order.grouped`): Do now, then the groups shown open, then
the folded groups. The CLI prints folded groups as counts with their numbers (`--all` prints
them in full); the Markdown export is the full cited answer, every row with NICE's words.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.answers.answer import (
    STRENGTH_LABELS,
    URGENCY_LABELS,
    Answer,
    ConditionalOut,
    LookupOut,
    SetAsideOut,
)
from assistant.answers.order import Row, grouped
from assistant.case import catalogue

DISCLAIMER = (
    "Supports, does not replace, clinical judgement. In an emergency contact the MSCC "
    "coordinator. Answers come only from NICE NG234; every recommendation is quoted verbatim."
)


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def _ids(row: Row) -> str:
    return row.id if isinstance(row, LookupOut) else ", ".join(row.cites)


def _rec_text(rec: Row) -> list[str]:
    if isinstance(rec, LookupOut):
        lines = [f"  {rec.title}"]
        lines += [_indent(q.text, "    ") for q in rec.quotes]
        return lines
    label = STRENGTH_LABELS[rec.strength].upper()
    timing = URGENCY_LABELS[rec.urgency].lower()
    lines = [f"  [{label}] {rec.action}  (NG234 {', '.join(rec.cites)}; {timing})"]
    for quote in rec.quotes:
        lines.append(f"    NG234 {quote.id}:")
        lines.append(_indent(quote.text, "      "))
    if isinstance(rec, SetAsideOut):
        lines.append(f"    Set aside: {rec.because}")
        if rec.instead:
            lines.append(f"    Instead, see NG234 {', '.join(rec.instead)}.")
    elif rec.trace:
        lines.append("    Because: " + "; ".join(rec.trace))
    if isinstance(rec, ConditionalOut):
        labels = [catalogue()[f].label for f in rec.missing if f in catalogue()]
        lines.append(f"    If: {rec.condition}")
        if rec.ask:
            lines.append("    Would apply on the answer to: " + " / ".join(rec.ask))
        else:
            lines.append("    Not yet known: " + "; ".join(labels))
    return lines


def do_now_lines(answer: Answer) -> list[str]:
    """'  Immediately: contact the MSCC coordinator [1.3.2]' …, one line per action."""
    return [f"  {a.timing}: {a.words} [{', '.join(a.cites)}]" for a in answer.do_now]


def to_text(answer: Answer, *, full: bool = False) -> str:
    """Plain text for a terminal: Do now, open groups in full, folded groups as counts."""
    out: list[str] = []
    if answer.message:
        out.append(answer.message)
    for notice in answer.notices:
        out.append(f"Note: {notice}")
    for conflict in answer.conflicts:
        out.append(f"CONFLICT: {conflict.message}")
    if answer.do_now:
        out.append("\nDO NOW (NICE's words; the quotes follow)")
        out.extend(do_now_lines(answer))
    if answer.questions:
        # Asked first: the answers decide what applies (a possible red flag leads).
        out.append("\nQUESTIONS THAT WOULD CHANGE THE ANSWER")
        out.extend(f"  - {q.text}" for q in answer.questions)
    folded: list[str] = []
    for group, rows in grouped(answer):
        if group.folded and not full:
            folded.append(f"  {group.title} ({group.count}): NG234 " + "; ".join(map(_ids, rows)))
            continue
        out.append(f"\n{group.title.upper()} ({group.count})")
        for row in rows:
            out.extend(_rec_text(row))
    if folded:
        out.append("\nFOLDED (ng234 ask --all shows them in full)")
        out.extend(folded)
    out.append(f"\n{answer.guideline}. {DISCLAIMER}")
    return "\n".join(out).strip() + "\n"


def to_markdown(answer: Answer, facts_labels: Mapping[str, str] | None = None) -> str:
    """The full cited answer as Markdown: the case, Do now, then every group with NICE's words."""
    specs = catalogue()
    out = ["# NG234 assistant: full cited answer", "", f"*{answer.guideline}.* {DISCLAIMER}", ""]
    out.append("## Case as understood")
    if answer.facts:
        for fact, value in answer.facts.items():
            label = (facts_labels or {}).get(fact) or specs[fact].label
            out.append(f"- {label}: **{value}**")
    else:
        out.append("- (no facts recorded)")
    for name, value in answer.details.items():
        out.append(f"- {name} (as said): {value}")
    for conflict in answer.conflicts:
        out.append(f"- ⚠ Conflict: {conflict.message}")
    if answer.do_now:
        out += ["", "## Do now"]
        out += [f"- **{a.timing}**: {a.words} (NG234 {', '.join(a.cites)})" for a in answer.do_now]
    for group, rows in grouped(answer):
        out += ["", f"## {group.title} ({group.count})"]
        for row in rows:
            out.extend(_row_markdown(row, specs))
    if not answer.groups:
        out += ["", "No NG234 recommendation applies on the facts given so far."]
    if answer.questions:
        out += ["", "## Still to establish"]
        out += [f"- {q.text}" for q in answer.questions]
    if answer.notices:
        out += ["", "## How the text was read"]
        out += [f"- {notice}" for notice in answer.notices]
    out.append("")
    return "\n".join(out)


def _row_markdown(row: Row, specs) -> list[str]:
    if isinstance(row, LookupOut):
        return [f"- **{row.title}** ({row.id})"] + [
            "  > " + " ".join(q.text.splitlines()) for q in row.quotes
        ]
    timing = URGENCY_LABELS[row.urgency].lower()
    out = [
        f"- **{STRENGTH_LABELS[row.strength]}** — {row.action} "
        f"(NG234 {', '.join(row.cites)}; {timing})"
    ]
    for quote in row.quotes:
        out.append(f"  > **{quote.id}** " + " ".join(quote.text.splitlines()))
    if isinstance(row, SetAsideOut):
        out.append(f"  - Set aside: {row.because}")
    elif row.trace:
        out.append(f"  - Because: {'; '.join(row.trace)}")
    if isinstance(row, ConditionalOut):
        missing = [specs[f].label for f in row.missing if f in specs]
        out.append(f"  - If: {row.condition}")
        out.append(f"  - Not yet known: {'; '.join(missing)}")
    return out
