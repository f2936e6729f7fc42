"""Text for Streamlit: escaping to show text literally, strength badges, labels of values."""

from __future__ import annotations

import re

from assistant.answers.answer import STRENGTH_LABELS, URGENCY_LABELS

# Every ASCII character with a meaning in Markdown, HTML or Streamlit's directives
# (":red[...]", ":material/x:", "$math$"); a backslash makes CommonMark show it literally.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~:$&=])")
_ORDERED_MARKER = re.compile(r"(?m)^(\s*\d+)\.(?=\s|$)")

STRENGTH_BADGES: dict[str, str] = {
    "offer": f":green-badge[:material/check_circle: {STRENGTH_LABELS['offer']}]",
    "consider": f":blue-badge[:material/help: {STRENGTH_LABELS['consider']}]",
    # A prohibition must not read as an action: red, with a "no entry" sign.
    "do-not": f":red-badge[:material/block: {STRENGTH_LABELS['do-not'].upper()}]",
}

URGENCY_ICONS: dict[str, str] = {
    "immediate": ":red[:material/emergency:]",
    "24h": ":orange[:material/schedule:]",
    "1-week": ":blue[:material/date_range:]",
    "routine": ":gray[:material/event_note:]",
}

_TRI_LABELS = {"yes": "Yes", "no": "No", "unknown": "Not sure"}


def escape(text: str) -> str:
    """`text` escaped so that st.markdown shows it exactly as written (no Markdown, no HTML)."""
    return _ORDERED_MARKER.sub(r"\1\\.", _SPECIAL.sub(r"\\\1", text))


def lines(text: str) -> str:
    """Escaped text keeping its line breaks (NG234's bullets stay one per line)."""
    return "  \n".join(escape(line) for line in text.splitlines())


def blockquote(text: str) -> str:
    """Escaped text as a Markdown block quote: how NG234's verbatim words are shown."""
    return "\n".join(f"> {escape(line)}  " if line else ">" for line in text.splitlines())


def badge(strength: str | None) -> str:
    """The Markdown badge of a strength (offer / consider / do not); empty if none."""
    return STRENGTH_BADGES.get(strength or "", "")


def urgency_title(urgency: str) -> str:
    """'Immediately', 'Within 24 hours', … with its coloured icon."""
    return f"{URGENCY_ICONS[urgency]} {URGENCY_LABELS[urgency]}"


def value_label(value: str, *, unknown: str = "Not sure") -> str:
    """A fact value for people: 'yes' -> 'Yes', 'ruled_out' -> 'Ruled out'."""
    if value == "unknown":
        return unknown
    return _TRI_LABELS.get(value) or value.replace("_", " ").capitalize()


def css_key(text: str) -> str:
    """A widget or container key usable as a CSS class (st-key-…): letters, digits, - and _."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


def year_text(years: list[int | None]) -> str:
    """'2023' or '2008, 2023' for the recommendations cited (unknown years left out)."""
    return ", ".join(str(y) for y in dict.fromkeys(years) if y)
