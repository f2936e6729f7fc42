"""How an NG234 recommendation is cited outside the app: its label, NICE's page, its words.

The words are the parsed corpus passages (corpus/ng234.txt, verbatim), looked up by the
recommendation number exactly as the answers quote them (assistant/answers/compose.py):
nothing here retypes NICE's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assistant.guideline.corpus import GUIDELINE, GUIDELINE_TITLE, GUIDELINE_VERSION, Passage

#: NICE's page for the guideline (corpus/README.md names it as the source).
NICE_URL = "https://www.nice.org.uk/guidance/ng234"
#: NICE's notice of rights, as corpus/README.md states it.
COPYRIGHT = (
    "Recommendation text © NICE 2026, reproduced unchanged under NICE's notice of rights "
    "(https://www.nice.org.uk/terms-and-conditions#notice-of-rights)."
)

Passages = Mapping[str, Passage]

__all__ = [
    "COPYRIGHT",
    "GUIDELINE",
    "GUIDELINE_TITLE",
    "GUIDELINE_VERSION",
    "NICE_URL",
    "label",
    "quote",
    "rationale",
]


def label(cites: Iterable[str]) -> str:
    """'NICE NG234 1.3.2' (several numbers joined by commas)."""
    return f"{GUIDELINE} {', '.join(cites)}"


def quote(passages: Passages, cite: str) -> str:
    """NICE's words for one recommendation number, verbatim from the corpus."""
    return passages[cite].text


def rationale(passages: Passages, cite: str) -> tuple[str, str] | None:
    """(id, verbatim text) of the committee's rationale for a recommendation, if it has one."""
    rid = passages[cite].rationale_id
    return (rid, passages[rid].text) if rid and rid in passages else None
