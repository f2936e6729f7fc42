"""The follow-up questions of an answer: the few unknown facts that would change it."""

from __future__ import annotations

from collections.abc import Sequence

from assistant import rules
from assistant.answers.answer import QuestionOut
from assistant.case import UNKNOWN, Case, catalogue

#: Follow-up questions per answer: "the one or two questions that would change the answer".
MAX_QUESTIONS = 3

#: Cases in which every unknown Box 1 cord red flag is asked, whether or not a rule needs it.
RED_FLAG_CONTEXT = {
    "cancer_diagnosis": ("yes",),
    "cancer_suspected": ("yes",),
    "spinal_metastases": ("suspected", "confirmed"),
    "mscc": ("none", "ruled_out"),
}


def unasked_red_flags(case: Case) -> list[str]:
    """Box 1 cord red flags not yet known, for a person with cancer or spinal metastases.

    Asked until one is found: once a red flag is present (or MSCC is suspected or confirmed)
    the emergency rules already apply, and the rules ask what would still change the answer.
    """
    context = any(case.get(name) in values for name, values in RED_FLAG_CONTEXT.items())
    flags = [n for n, spec in catalogue().items() if spec.red_flag]
    if not context or case.get("mscc") in ("suspected", "confirmed"):
        return []
    if any(case.get(n) == "yes" for n in flags):
        return []
    return [n for n in flags if case.get(n) == UNKNOWN]


def follow_up_questions(
    candidates: Sequence[rules.Question],
    uncertain: Sequence[str],
    skip: set[str],
    red_flags: Sequence[str] = (),
) -> list[QuestionOut]:
    """At most MAX_QUESTIONS questions: uncertain mentions, then red flags, then the rest."""
    facts = catalogue()
    # An uncertain mention ("?weakness") is asked first: uncertainty produces a question.
    # Then the red flags: those the rules need, then any other not yet known (never assumed
    # absent, even when no undetermined rule needs it), then the rest.
    flagged = [q.fact for q in candidates if facts[q.fact].red_flag]
    order = (
        [f for f in uncertain if f in facts]
        + flagged
        + list(red_flags)
        + [q.fact for q in candidates]
    )
    out: list[QuestionOut] = []
    for fact in dict.fromkeys(order):
        if fact in skip:
            continue
        spec = facts[fact]
        out.append(QuestionOut(fact=fact, text=spec.question, options=list(spec.values)))
        if len(out) == MAX_QUESTIONS:
            break
    return out
