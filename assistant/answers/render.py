"""An Answer as readable text (CLI) or Markdown (handover export): urgent actions first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assistant.answers.answer import (
    STRENGTH_LABELS,
    URGENCY_LABELS,
    Answer,
    ConditionalOut,
    RecommendationOut,
)
from assistant.case import catalogue

DISCLAIMER = (
    "Supports, does not replace, clinical judgement. In an emergency contact the MSCC "
    "coordinator. Answers come only from NICE NG234; every recommendation is quoted verbatim."
)


def group_by_urgency(
    recs: Iterable[RecommendationOut],
) -> list[tuple[str, list[RecommendationOut]]]:
    """Recommendations grouped under 'Immediately', 'Within 24 hours', … in that order."""
    groups: dict[str, list[RecommendationOut]] = {u: [] for u in URGENCY_LABELS}
    for rec in recs:
        groups[rec.urgency].append(rec)
    return [(URGENCY_LABELS[u], items) for u, items in groups.items() if items]


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def _rec_text(rec: RecommendationOut) -> list[str]:
    label = STRENGTH_LABELS[rec.strength].upper()
    lines = [f"  [{label}] {rec.action}  (NG234 {', '.join(rec.cites)})"]
    for quote in rec.quotes:
        lines.append(f"    NG234 {quote.id}:")
        lines.append(_indent(quote.text, "      "))
    if rec.trace:
        lines.append("    Because: " + "; ".join(rec.trace))
    if isinstance(rec, ConditionalOut):
        labels = [catalogue()[f].label for f in rec.missing if f in catalogue()]
        lines.append(f"    If: {rec.condition}")
        lines.append("    Not yet known: " + "; ".join(labels))
    return lines


def to_text(answer: Answer) -> str:
    """Plain text for a terminal."""
    out: list[str] = []
    if answer.message:
        out.append(answer.message)
    for notice in answer.notices:
        out.append(f"Note: {notice}")
    for conflict in answer.conflicts:
        out.append(f"CONFLICT: {conflict.message}")
    for title, recs in group_by_urgency(answer.recommendations):
        out.append(f"\n{title.upper()}")
        for rec in recs:
            out.extend(_rec_text(rec))
    if answer.conditional:
        out.append("\nDEPENDS ON WHAT IS NOT YET KNOWN")
        for cond in answer.conditional:
            out.extend(_rec_text(cond))
    for lookup in answer.lookups:
        out.append(f"\n{lookup.title}")
        for quote in lookup.quotes:
            out.append(_indent(quote.text, "  "))
    if answer.questions:
        out.append("\nQUESTIONS THAT WOULD CHANGE THE ANSWER")
        out.extend(f"  - {q.text}" for q in answer.questions)
    out.append(f"\n{answer.guideline}. {DISCLAIMER}")
    return "\n".join(out).strip() + "\n"


def to_markdown(answer: Answer, facts_labels: Mapping[str, str] | None = None) -> str:
    """Markdown for an MDT referral or handover: the case, the actions with citations."""
    specs = catalogue()
    out = ["# NG234 assistant: case summary", "", f"*{answer.guideline}.* {DISCLAIMER}", ""]
    out.append("## Case as understood")
    if answer.facts:
        for fact, value in answer.facts.items():
            label = (facts_labels or {}).get(fact) or specs[fact].label
            out.append(f"- {label}: **{value}**")
    else:
        out.append("- (no facts recorded)")
    for conflict in answer.conflicts:
        out.append(f"- ⚠ Conflict: {conflict.message}")
    out.append("")
    out.append("## Recommendations that apply")
    if not answer.recommendations:
        out.append("None yet on the facts given.")
    for title, recs in group_by_urgency(answer.recommendations):
        out += ["", f"### {title}"]
        for rec in recs:
            out.append(
                f"- **{STRENGTH_LABELS[rec.strength]}** — {rec.action} "
                f"(NG234 {', '.join(rec.cites)})"
            )
            for quote in rec.quotes:
                out.append(f"  > **{quote.id}** " + " ".join(quote.text.splitlines()))
            if rec.trace:
                out.append(f"  - Because: {'; '.join(rec.trace)}")
    if answer.conditional:
        out += ["", "## Depends on what is not yet known"]
        for cond in answer.conditional:
            missing = [specs[f].label for f in cond.missing if f in specs]
            out.append(
                f"- **{STRENGTH_LABELS[cond.strength]}** — {cond.action} "
                f"(NG234 {', '.join(cond.cites)}; {URGENCY_LABELS[cond.urgency].lower()})"
            )
            for quote in cond.quotes:
                out.append(f"  > **{quote.id}** " + " ".join(quote.text.splitlines()))
            out.append(f"  - If: {cond.condition}")
            out.append(f"  - Not yet known: {'; '.join(missing)}")
    if answer.questions:
        out += ["", "## Still to establish"]
        out += [f"- {q.text}" for q in answer.questions]
    if answer.notices:
        out += ["", "## How the text was read"]
        out += [f"- {notice}" for notice in answer.notices]
    out.append("")
    return "\n".join(out)
