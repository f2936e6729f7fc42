"""Facts across turns: a turn's findings merged into the case, retracted, re-opened, assumed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from assistant.answers.answer import ChangeOut
from assistant.answers.intent import dated_past, intents, reports_onset
from assistant.answers.session import SessionState
from assistant.case import UNKNOWN, Case, FactSpec, catalogue
from assistant.reading.extract import Extraction
from assistant.reading.pipeline import pipeline
from assistant.reading.scope import box1_pain_facts
from assistant.reading.values import recurred_after

Changed = tuple[Case, list[ChangeOut]]


def apply_facts(case: Case, facts: Mapping[str, str]) -> Changed:
    """The case with these facts set, and what changed (InvalidInputError on a bad fact)."""
    specs = catalogue()
    facts = {**facts, **_no_longer_implied(case, facts, specs)}
    updated = case.updated(facts)  # validates names and values (InvalidInputError)
    changes = [
        ChangeOut(fact=name, label=spec.label, before=case.get(name), after=updated.get(name))
        for name, spec in specs.items()
        if name in facts and case.get(name) != updated.get(name)
    ]
    return updated, changes


def stated_or_new(case: Case, extraction: Extraction) -> dict[str, str]:
    """The turn's facts, less any of `stated_over_implied` (a cancer diagnosis) it only implies
    against a value the case already holds.

    Within a message a fact said in its own words outweighs one its other words imply
    (`stated_over_implied`); across turns the same holds: "no prior cancer diagnosis … suspected
    lymphoma" then "radiotherapy to T10 is being considered" (round 60 fu57-049) keeps the
    case's cancer diagnosis, because radiotherapy only implies a cancer."""
    weighed = pipeline().table.stated_over_implied
    said = {ev.fact for ev in extraction.evidence if not ev.implied and ev.value is not None}
    return {
        name: value
        for name, value in extraction.facts.items()
        if name not in weighed or name in said or case.get(name) in (UNKNOWN, value)
    }


def _no_longer_implied(
    case: Case, facts: Mapping[str, str], specs: Mapping[str, FactSpec]
) -> dict[str, str]:
    """Facts whose recorded value only followed from a fact this change moves elsewhere.

    "Not myeloma, he has bladder cancer": the primary corrected from myeloma to a solid
    tumour takes the confirmed haematological malignancy it implied with it (cleared to
    unknown, shown as a change), unless the same change sets that fact itself. A cancer
    diagnosis corrected to no takes its primary tumour with it (`cleared_by`)."""
    cleared: dict[str, str] = {}
    for name, spec_ in specs.items():
        # "aunt herself never had cancer" after "had breast cancer": the primary was the
        # cancer's, and there is none now (round 52)
        gone = spec_.cleared_by
        if (
            gone is not None
            and name not in facts
            and case.get(name) not in (UNKNOWN, *gone.keep)
            and facts.get(gone.fact) in gone.values
            and case.get(gone.fact) not in gone.values
        ):
            cleared[name] = UNKNOWN
            continue
        link = spec_.implied_by
        if link is None or name in facts or case.get(name) != link.value:
            continue
        new = facts.get(link.fact, UNKNOWN)
        if case.get(link.fact) in link.values and new not in (UNKNOWN, *link.values):
            cleared[name] = UNKNOWN
    return cleared


def retract(
    state: SessionState,
    notices: list[str],
    named: Set[str] = frozenset(),
    restated: Set[str] = frozenset(),
) -> SessionState:
    """'I was thinking of another patient': undo the last turn's findings, keep background.
    A retraction that names findings of the last turn ("ignore the numbness, that was another
    patient's") undoes only those: a correction changes only what it names."""
    vocab = intents().retract
    specs = catalogue()
    undo = {
        name: before
        for name, before in state.last_changes.items()
        if specs[name].group in vocab.groups
    }
    # What the take-back names is undone whatever its group ("NO cancer hx, the lung ca was
    # the man in the next bed" takes back the cancer, not the pain), and whichever turn
    # recorded it: "ignore the numbness, that was another patient's" two turns after the
    # numbness takes back the numbness, not the pain the last turn added. A fact of an earlier
    # turn the message states again ("it's not kidney, it's thyroid cancer - wrong patient
    # notes") is corrected, not taken back (`restated`).
    chosen = {
        name: state.last_changes.get(name, UNKNOWN)
        for name in named
        if state.case.get(name) != UNKNOWN and (name in state.last_changes or name not in restated)
    }
    if chosen:
        undo = chosen
    if not undo:
        notices.append("Nothing from your previous message needed undoing.")
        return state
    case, changes = apply_facts(state.case, undo)
    shown = "; ".join(f"{c.label}: {c.before} → {c.after}" for c in changes)
    kept = [specs[n].label.lower() for n in state.last_changes if n not in undo]
    earlier = any(name not in state.last_changes for name in undo)
    whose = "you named" if earlier else "of your previous message"
    notices.append(
        f"Retracted the findings {whose} ("
        + shown
        + ")."
        + (f" Kept: {', '.join(kept)}." if kept else "")
    )
    return state.model_copy(update={"case": case, "last_changes": {}})


def reopen_spinal_metastases(
    case: Case,
    changes: list[ChangeOut],
    said: Mapping[str, str],
    exclusion: str | None,
    notices: list[str],
) -> Changed:
    """Box 1 pain a message reports, with spinal metastases excluded in the same message only
    by imaging it dates in the past ("PSMA PET last yr showed rib and pelvic mets, no spinal
    mets seen then. 2/52 of lumbar pain, worse standing", b139): the old scan no longer
    excludes them, so they are not known (1.3.3 and the 1-week MRI, 1.5.3, then apply). Old
    imaging never overrides a new symptom (issue #12)."""
    if said.get("spinal_metastases") not in ("none", "ruled_out"):
        return case, changes
    if not exclusion or not dated_past(exclusion):
        return case, changes
    pain = sorted(f for f in box1_pain_facts() if said.get(f) == "yes")
    if not pain:
        return case, changes
    case, _ = apply_facts(case, {"spinal_metastases": UNKNOWN})
    was = next((c for c in changes if c.fact == "spinal_metastases"), None)
    changes = [c for c in changes if c.fact != "spinal_metastases"]
    if was is not None and was.before != UNKNOWN:
        changes.append(was.model_copy(update={"after": UNKNOWN}))
    notices.append(
        f"'{exclusion}' is dated in the past, and the pain now has features of box 1 "
        f"({', '.join(catalogue()[f].label.lower() for f in pain)}): the earlier imaging no "
        "longer excludes spinal metastases, so they are treated as not known (NG234 1.3.3)."
    )
    return case, changes


def reopen_mscc(
    before: Case,
    case: Case,
    changes: list[ChangeOut],
    said: Mapping[str, str],
    text: str,
    notices: list[str],
    exclusion: str | None = None,
) -> Changed:
    """A cord symptom or sign reported as new after MSCC was ruled out re-opens the question:
    ruled out in an earlier turn, or in this message by imaging it dates in the past
    (`exclusion`: the words that excluded it).

    Only when the turn reports an onset ("now", "new", "started"): a finding the exclusion
    already explained ("pain down the leg" after "MRI: root involvement, no MSCC") does not.
    """
    excluded = before.get("mscc")
    if said.get("mscc") in ("none", "ruled_out") and exclusion and dated_past(exclusion):
        # "MRI in Feb: no cord compression … since Friday stumbling": the exclusion in this
        # message is dated before a symptom it reports as new, so it no longer excludes MSCC.
        excluded = said["mscc"]
    elif excluded not in ("none", "ruled_out") or "mscc" in said:
        return case, changes
    new = [c for c in changes if catalogue()[c.fact].red_flag and c.after == "yes"]
    if not new:
        return case, changes
    if not reports_onset(text):
        labels = ", ".join(c.label.lower() for c in new)
        notices.append(
            f"{labels[0].upper()}{labels[1:]} is recorded while MSCC is recorded as "
            f"{excluded.replace('_', ' ')}. If it is new since MSCC was excluded, say so "
            "('new …'): MSCC is then suspected again (NG234 1.3.2)."
        )
        return case, changes
    case, more = apply_facts(case, {"mscc": UNKNOWN})
    labels = ", ".join(c.label.lower() for c in new)
    notices.append(
        f"New {labels} reported after MSCC was recorded as {excluded.replace('_', ' ')}: "
        "the earlier finding no longer excludes MSCC, so it is treated as not known "
        "(NG234 1.3.2). Say so if the symptom was already known when MSCC was excluded."
    )
    return case, [*changes, *more]


def assume(
    case: Case, changes: list[ChangeOut], extraction: Extraction, notices: list[str]
) -> Changed:
    """Apply what a global statement ('neuro intact') covers, where the case is silent."""
    assumed = {n: v for n, v in extraction.assumed.items() if case.get(n) == UNKNOWN}
    if not assumed:
        return case, changes
    case, more = apply_facts(case, assumed)
    by_words: dict[str, list[str]] = {}
    for name in assumed:
        words = extraction.assumed_from[name]
        by_words.setdefault(words, []).append(catalogue()[name].label.lower())
    for words, labels in by_words.items():
        notices.append(
            f"'{words}' was read as also meaning no {', no '.join(labels)}. "
            "Say if any of these is present: it would change the answer."
        )
    return case, [*changes, *more]


def time_recurrence(
    case: Case,
    changes: list[ChangeOut],
    extraction: Extraction,
    rt_days: int | None,
    notices: list[str],
    earlier_rt_days: int | None = None,
) -> Changed:
    """Recurrent symptoms in this turn, timed from radiotherapy given in an earlier one; or a
    recurrence timed in an earlier turn, re-timed when this one gives the radiotherapy a new
    date ("sorry, the RT was 6 weeks ago, not 5 months ago")."""
    fact = "recurrence_3_months_after_rt"
    if (
        earlier_rt_days is not None
        and extraction.rt_interval_days is not None
        and extraction.rt_interval_days != earlier_rt_days
        and fact not in extraction.facts
        and case.get(fact) in ("yes", "no")
    ):
        value = recurred_after(extraction.rt_interval_days)
        if value == case.get(fact):
            return case, changes
        case, more = apply_facts(case, {fact: value})
        notices.append(
            f"Recurrence re-timed from the radiotherapy now given as about "
            f"{extraction.rt_interval_days} days ago (was {earlier_rt_days})."
        )
        return case, [*changes, *more]
    if not extraction.recurrence_pending or case.get(fact) != UNKNOWN:
        return case, changes
    if rt_days is None:
        notices.append(
            "Symptoms recurred after radiotherapy, but how long after was not read "
            "(NG234 1.10.9 asks whether it was at least 3 months)."
        )
        return case, changes
    value = recurred_after(rt_days)
    case, more = apply_facts(case, {fact: value})
    notices.append(
        f"Recurrence timed from the radiotherapy given about {rt_days} days ago "
        "(from an earlier message)."
    )
    return case, [*changes, *more]


def note_uncertain(case: Case, uncertain: Sequence[str], notices: list[str]) -> None:
    """Say which hedged findings ('?weakness') stay unknown: asked, not assumed."""
    for fact in uncertain:
        if fact in catalogue() and case.get(fact) == UNKNOWN:
            notices.append(f"Uncertain: {catalogue()[fact].label.lower()}. Asked, not assumed.")
