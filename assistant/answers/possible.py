"""Possible red flags: clauses the lexicon could not read, put to the semantic safety net.

A close match never records a fact. It leads the answer as a *possible* Box 1 finding with
its question first, so a red flag said in words the vocabulary lacks is never silently
dropped (issue #12; design 2.8). Only clauses with no red flag read in them are looked at,
and only red flags the case does not know yet are suggested.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answers.answer import PossibleOut
from assistant.case import Case, catalogue
from assistant.reading.extract import RED_FLAGS, Extraction
from assistant.reading.net import SafetyNet, clauses


def unexplained(text: str, extraction: Extraction) -> list[str]:
    """The clauses of `text` in which the reader found no red flag (present, absent or hedged).

    A clause that names only other facts ("legs gone funny since Tuesday": a time, no finding)
    is still put to the net; one where any red flag was read is the lexicon's to decide.
    """
    out: list[str] = []
    cursor = 0
    for clause in clauses(text):
        start = text.find(clause, cursor)
        if start < 0:
            continue
        end = start + len(clause)
        cursor = end
        if not any(
            ev.start < end and ev.end > start and ev.fact in RED_FLAGS for ev in extraction.evidence
        ):
            out.append(clause)
    return out


def possible_red_flags(
    net: SafetyNet, text: str, extraction: Extraction, case: Case
) -> list[PossibleOut]:
    """Red flags the net finds in unexplained clauses, for facts the case does not know."""
    facts = catalogue()
    known = case.known()
    found: dict[str, PossibleOut] = {}
    for s in net.suggest(unexplained(text, extraction)):
        if s.fact in known or s.fact in found:
            continue
        spec = facts[s.fact]
        found[s.fact] = PossibleOut(
            fact=s.fact, label=spec.label, words=s.clause, cosine=s.cosine, question=spec.question
        )
    return list(found.values())


def lead_notice(possible: Sequence[PossibleOut]) -> str | None:
    """The sentence that leads the answer when a possible red flag was found."""
    if not possible:
        return None
    parts = "; ".join(f"'{p.words}' may be {p.label.lower()}" for p in possible)
    return (
        f"Possible Box 1 red flag: {parts}. Please confirm: the question is first below, and "
        "the recommendations that depend on it are listed with NICE's words."
    )
