"""The order of an answer (issue #14): what was asked first, then what to do now, the rest folded.

The order is data (`assistant/data/answer_order.json`, printed in docs/RULES.md) and the same
everywhere: JSON (`group` and `rank` on every row), CLI text, the app and the exports.

1. **asked**: rows the question is about (its retrieved passages), in retrieval order; never
   for a case statement, whose retrieval hits are not a question. On a live case at most
   `max_asked_first` of them lead; the rest fold under **asked_more** after the pending rows.
2. **act**: the key actions that apply to this case: key before supporting, then urgency, then
   strength, then the clinical priority of `key_actions`; a prohibition joins them only when the
   message is about that act, and then after every other action.
3. **pending**: at most `max_shown_pending` undetermined rules that one or two answers would
   decide (red-flag answers first), each with its deciding questions, and NICE's alternative to a
   treatment the case rules out.
4. Folded, with counts: other actions for this case, prohibitions nobody asked about, standing
   care for everyone with spinal metastases, other undetermined rules, and the treatments the
   case rules out (rules/exclusions.json), each with its reason.

**Do now** is at most `max_do_now` applying key actions (immediate, within 24 hours, within
1 week), each as a verbatim fragment of its recommendation, with its number and timing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assistant.answers.answer import (
    URGENCY_LABELS,
    ConditionalOut,
    DoNowOut,
    GroupOut,
    Intent,
    LookupOut,
    RecommendationOut,
    SetAsideOut,
)
from assistant.case import Case
from assistant.reading.mentions import RED_FLAGS
from assistant.rules.engine import YES, check, describe
from assistant.rules.exclusions import Exclusion, set_aside_by
from assistant.rules.tables import URGENCY_ORDER, Condition
from assistant.settings import DATA_DIR

#: The passage id of Box 1, and the recommendation that says what its factors call for.
BOX_1 = "box-1"
BOX_1_REC = "1.3.1"

ORDER_FILE = DATA_DIR / "answer_order.json"
#: Groups whose applying rows lead an answer: what was asked (shown or folded) and the actions.
LEADING_GROUPS = ("asked", "act", "asked_more")
_STRENGTH_ORDER = ("offer", "consider", "do-not")
_LAST = 10_000


class Group(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    folded: bool


class KeyAction(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    words: str = Field(min_length=3, description="A verbatim fragment of the cited passage.")


class Prohibition(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    cite: str
    words: tuple[str, ...] = Field(min_length=1)
    instead: tuple[str, ...] = Field(
        (),
        description="What NG234 does for the person instead, shown with the prohibition when "
        "the message asks about its act (no screening MRI: who to contact if symptoms start).",
    )
    exceptions: tuple[str, ...] = Field(
        (),
        description="NG234's exceptions to the prohibition, answered beside it when the message "
        "asks about its act and the case meets one (no routine corticosteroids, 1.8.7, but "
        "consider them for severe pain, 1.8.3): the same question, the other half of its answer.",
    )


class Promotion(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    when: Condition
    #: shown after the key actions rather than among them by urgency: prompt pain relief
    #: (1.7.1, "immediately") for pain without a cord symptom follows the 24-hour advice
    after_key_actions: bool = False


class Supersession(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    by: str


class AskedTogether(BaseModel):
    """A passage a question about another is answered with (the other half of one answer)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    passage: str
    adds: str
    note: str = ""


class AnswerOrder(BaseModel):
    """The order of an answer, as data."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    about: str
    groups: tuple[Group, ...]
    max_do_now: int = Field(ge=1, le=5)
    max_shown_pending: int = Field(ge=0)
    max_asked_first: int = Field(
        ge=1, description="Rows a question on a live case shows before the case's actions."
    )
    key_actions: tuple[KeyAction, ...]
    supporting: tuple[str, ...] = ()
    promoted: tuple[Promotion, ...] = ()
    superseded: tuple[Supersession, ...] = ()
    standing_care: tuple[str, ...]
    symptom_questions: tuple[str, ...] = Field(
        (),
        description="Patterns of a question about what to look out for: Box 1 leads its answer.",
    )
    circumstances: tuple[str, ...] = Field(
        (),
        description="Facts that say where the person is, not what they have: a message that "
        "adds only these is still ordered by what it asks.",
    )
    prohibitions_about: tuple[Prohibition, ...]
    asked_together: tuple[AskedTogether, ...] = Field(
        (),
        description="A general question whose top passages include `passage` is answered with "
        "`adds` too: the timing of 1.3.2 with 1.3.3's, dexamethasone's dose with its cover.",
    )

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)

    def asks_what_to_look_for(self, text: str) -> bool:
        """The message asks what to look out for or which findings count (`symptom_questions`)."""
        return any(rx.search(text) for rx in _compiled(self.symptom_questions))

    def key_index(self, rule: str) -> int:
        return next((i for i, k in enumerate(self.key_actions) if k.rule == rule), _LAST)

    def superseded_among(self, applying: set[str]) -> set[str]:
        """The rules another applying rule supersedes (`superseded`)."""
        return {s.rule for s in self.superseded if s.by in applying}

    def words(self, rule: str) -> str | None:
        return next((k.words for k in self.key_actions if k.rule == rule), None)


@cache
def load_order(path: Path = ORDER_FILE) -> AnswerOrder:
    """The answer-order table, validated on load."""
    from assistant.reading.lexicon import load_validated

    return load_validated(path, AnswerOrder)


@dataclass(frozen=True)
class Arranged:
    """An answer's rows in order, with their groups, the Do now list and what is set aside."""

    recommendations: list[RecommendationOut]
    conditional: list[ConditionalOut]
    lookups: list[LookupOut]
    set_aside: list[SetAsideOut]
    do_now: list[DoNowOut]
    groups: list[GroupOut]


@cache
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _guideline_order(cites: Sequence[str]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(int(n) for n in c.split(".")) for c in cites)


def asked_positions(focus: Sequence[str], covers: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Each passage id the question is about, with its retrieval position (a rationale stands
    for the recommendations it covers)."""
    pos: dict[str, int] = {}
    for i, pid in enumerate(focus):
        pos.setdefault(pid, i)
        for rec in covers.get(pid, ()):
            pos.setdefault(rec, i)
    return pos


def _about(cites: Sequence[str], text: str, order: AnswerOrder) -> bool:
    """The message is about this prohibition's act ("can I X-ray him?" and 1.5.9)."""
    lowered = f" {text.lower()} "
    return any(
        p.cite in cites and any(w in lowered for w in p.words) for p in order.prohibitions_about
    )


def _unasked_prohibition(rec: RecommendationOut, text: str, order: AnswerOrder) -> bool:
    """A "do not" row retrieval found for a message that does not name its act ("no
    radiographer till 8am - can the MRI wait?" and 1.5.9, plain X-ray): not what was asked."""
    named = any(p.cite in rec.cites for p in order.prohibitions_about)
    return rec.strength == "do-not" and named and not _about(rec.cites, text, order)


def arrange(
    recommendations: Sequence[RecommendationOut],
    conditional: Sequence[ConditionalOut],
    lookups: Sequence[LookupOut],
    *,
    intent: Intent,
    asked: Mapping[str, int],
    text: str = "",
    exclusions: Sequence[Exclusion] = (),
    case: Case | None = None,
    order: AnswerOrder | None = None,
    fresh: frozenset[str] = frozenset(),
    withheld: Sequence[SetAsideOut] = (),
) -> Arranged:
    """Group and rank every row of an answer (pure: same rows, same order)."""
    order = order or load_order()
    on_topic: set[str] = set()
    # A case that asks which of its findings NG234 counts ("does that count as a spinal mets
    # feature?", "which features made this suspicious?"): Box 1 and the recommendation that
    # points to it (1.3.1) are answered among its actions, after the key actions (b145, b146).
    features_asked = intent == "case" and order.asks_what_to_look_for(text)
    if intent == "case":
        # A case's retrieved passages are its topic, not a question: they lift a row that would
        # be folded into view after the key actions, never ahead of them.
        on_topic, asked = set(asked), {}
    if features_asked:
        on_topic |= {BOX_1_REC}
    # A prohibition asked about is answered with what NG234 does instead ("can she have an MRI
    # every few months?": 1.5.6, and 1.2.2, who to contact if symptoms start)
    applying = {c for rec in recommendations if rec.strength == "do-not" for c in rec.cites}
    named_acts = [p for p in order.prohibitions_about if _about((p.cite,), text, order)]
    asked_prohibitions = [p for p in named_acts if p.cite in applying]
    on_topic |= {c for p in asked_prohibitions for c in p.instead}
    # ... and with the exception the case meets ("severe pain, no neuro: is dex appropriate?":
    # 1.8.3 beside 1.8.7), among the actions like the prohibition itself
    excepted = {c for p in asked_prohibitions for c in p.exceptions}
    # the same acts asked about while their rows still wait on a fact (pending, shown)
    asked_about = {c for p in named_acts for c in (p.cite, *p.exceptions)}
    holding = [p for p in order.promoted if case is not None and check(p.when, case).value == YES]
    promoted = {p.rule for p in holding if not p.after_key_actions}
    lifted = {p.rule for p in holding if p.after_key_actions}
    supporting = set(order.supporting) - promoted - lifted
    # NICE's alternative is never one the case withholds by its own exception (1.10.4 for a
    # man paralysed 3 weeks with pain controlled is no alternative to surgery for him)
    withheld_cites = {c for row in withheld for c in row.cites}
    instead = {c for x in exclusions for c in x.instead} - withheld_cites
    standing = set(order.standing_care)

    def position(cites: Sequence[str]) -> int:
        return min((asked[c] for c in cites if c in asked), default=_LAST)

    placed: list[tuple[tuple, RecommendationOut | LookupOut]] = []
    # Rules withheld by their own exception are set apart with the rules the case rules out.
    set_aside: list[SetAsideOut] = list(withheld)

    def put(group: str, key: tuple, row: RecommendationOut | LookupOut) -> None:
        placed.append(((order.group_ids.index(group), *key), row))

    for rec in recommendations:
        urgency, strength, *tail = _action_key(rec, order)
        excluded = set_aside_by(rec.cites, exclusions) if rec.strength != "do-not" else None
        if excluded:
            set_aside.append(
                SetAsideOut(
                    **rec.model_dump(),
                    because=excluded.because,
                    instead=[c for c in excluded.instead if c not in withheld_cites],
                )
            )
        elif position(rec.cites) < _LAST and not _unasked_prohibition(rec, text, order):
            put("asked", (position(rec.cites), 1, urgency, strength, *tail), rec)
        elif rec.rule in fresh and rec.strength != "do-not":
            # a later message that adds facts and asks: the rules its facts decide lead
            put("asked", (_LAST, 1, urgency, strength, *tail), rec)
        elif rec.strength == "do-not":
            if _about(rec.cites, text, order):
                # After the urgent actions (immediately, within 24 hours), never ahead of one.
                put("act", (0, max(urgency, 2), strength, *tail), rec)
            else:
                put("cautions", (urgency, *tail), rec)
        elif order.words(rec.rule) is not None or rec.rule in promoted:
            put("act", (0, urgency, strength, *tail), rec)
        elif set(rec.cites) & excepted:
            # where the prohibition it qualifies stands: after the urgent actions
            put("act", (0, max(urgency, 2), strength, *tail), rec)
        elif set(rec.cites) & on_topic or rec.rule in lifted:
            put("act", (1, urgency, strength, *tail), rec)
        elif set(rec.cites) & standing:
            put("standing", (urgency, strength, *tail), rec)
        elif rec.rule in supporting:
            put("more_actions", (urgency, strength, *tail), rec)
        else:
            # after the rows this case's findings or topic call for
            put("act", (2, urgency, strength, *tail), rec)

    pending: list[tuple[tuple, ConditionalOut]] = []
    for cond in conditional:
        urgency = URGENCY_ORDER.index(cond.urgency)
        tail = (order.key_index(cond.rule), _guideline_order(cond.cites))
        if position(cond.cites) < _LAST:
            put("asked", (position(cond.cites), 2, urgency, *tail), cond)
        elif set_aside_by(cond.cites, exclusions):
            put("pending_more", (urgency, *tail), cond)
        elif set(cond.cites) & (instead | asked_about):
            # NICE's alternative to what the case rules out; or a prohibition the message asks
            # about, or its exceptions, shown while they wait on a fact ("can I start
            # zoledronic acid?": 1.7.13, 1.7.12 until spinal metastases are confirmed, b146)
            pending.append(((0, urgency, *tail), cond))
        elif (
            cond.strength != "do-not"
            and not set(cond.cites) & standing
            and 1 <= len(cond.deciding) <= 2
        ):
            red_first = 0 if set(cond.deciding) & RED_FLAGS else 1
            pending.append(((1, red_first, urgency, *tail), cond))
        else:
            put("pending_more", (urgency, *tail), cond)
    for i, (key, cond) in enumerate(sorted(pending, key=lambda p: p[0])):
        shown = i < order.max_shown_pending or key[0] == 0
        put("pending" if shown else "pending_more", (i,), cond)

    for i, item in enumerate(lookups):
        if features_asked and item.id == BOX_1:
            points = next((r for r in recommendations if BOX_1_REC in r.cites), None)
            after = (1, *_action_key(points, order)) if points else (1, len(URGENCY_ORDER))
            put("act", (*after, 1), item)  # straight after 1.3.1, which points to it
        elif intent == "case":
            put("related", (i,), item)  # retrieved for a case that also asked: kept, folded
        else:
            put("asked", (position([item.id]), 0), item)

    placed.sort(key=lambda p: p[0])
    placed = _said_already(placed, recommendations, order)
    if case is not None and case.known():
        placed = _asked_first(placed, order)
    ranked: list[RecommendationOut | LookupOut] = []
    for rank, (key, row) in enumerate(placed, start=1):
        group = order.group_ids[key[0]]
        ranked.append(row.model_copy(update={"group": group, "rank": rank}))
    next_rank = len(ranked) + 1
    set_aside = [
        row.model_copy(update={"group": "set_aside", "rank": next_rank + i})
        for i, row in enumerate(sorted(set_aside, key=lambda r: _guideline_order(r.cites)))
    ]
    recs = [r for r in ranked if type(r) is RecommendationOut]
    conds = [r for r in ranked if isinstance(r, ConditionalOut)]
    looks = [r for r in ranked if isinstance(r, LookupOut)]
    counts = {g: 0 for g in order.group_ids}
    for row in (*ranked, *set_aside):
        counts[row.group] += 1
    groups = [
        GroupOut(id=g.id, title=g.title, folded=g.folded, count=counts[g.id])
        for g in order.groups
        if counts[g.id]
    ]
    return Arranged(recs, conds, looks, set_aside, do_now(recs, order), groups)


def _said_already(
    placed: list[tuple[tuple, Row]],
    recommendations: Sequence[RecommendationOut],
    order: AnswerOrder,
) -> list[tuple[tuple, Row]]:
    """An action another applying action already says is folded with the other actions for
    this case: one superseded by it (1.3.3's "within 24 hours" when 1.3.2's "immediately"
    applies, `superseded`), or a second part of a recommendation whose verbatim text an
    earlier action row already shows (1.8.1's continuing dose after its first dose)."""
    act, more = order.group_ids.index("act"), order.group_ids.index("more_actions")
    applying = {r.rule for r in recommendations}
    superseded = order.superseded_among(applying)
    shown: set[tuple[str, ...]] = set()
    out: list[tuple[tuple, Row]] = []
    for key, row in placed:
        if key[0] == act and isinstance(row, RecommendationOut):
            cites = tuple(row.cites)
            if row.rule in superseded or cites in shown:
                key = (more, *key[1:])
            else:
                shown.add(cites)
        out.append((key, row))
    return sorted(out, key=lambda p: p[0])


def _asked_first(placed: list[tuple[tuple, Row]], order: AnswerOrder) -> list[tuple[tuple, Row]]:
    """On a live case, the question's first `max_asked_first` rows lead; the rest of them are
    folded under `asked_more`, after the case's actions (same order among themselves)."""
    asked, more = order.group_ids.index("asked"), order.group_ids.index("asked_more")
    act = order.group_ids.index("act")
    out: list[tuple[tuple, Row]] = []
    seen = 0
    for key, row in placed:
        if key[0] == asked:
            seen += 1
            if seen > order.max_asked_first:
                key = (more, *key[1:])
                if type(row) is RecommendationOut and order.words(row.rule) is not None:
                    # a key action the question also names stays among the actions: "can the
                    # MRI wait for the 9am list?" never folds the MRI itself (b141)
                    key = (act, 0, *_action_key(row, order))
        out.append((key, row))
    return sorted(out, key=lambda p: p[0])


def _action_key(rec: RecommendationOut, order: AnswerOrder) -> tuple:
    """A key action's place among the actions: urgency, strength, priority, guideline order."""
    return (
        URGENCY_ORDER.index(rec.urgency),
        _STRENGTH_ORDER.index(rec.strength),
        order.key_index(rec.rule),
        _guideline_order(rec.cites),
    )


def do_now(recs: Sequence[RecommendationOut], order: AnswerOrder) -> list[DoNowOut]:
    """The applying key actions with a timing, most urgent first, at most `max_do_now`."""
    rows = [
        r
        for r in recs
        if r.group in LEADING_GROUPS
        and r.strength != "do-not"
        and r.urgency != "routine"
        and order.words(r.rule) is not None
    ]
    applying = {r.rule for r in recs}
    superseded = order.superseded_among(applying)
    rows = [r for r in rows if r.rule not in superseded]
    rows.sort(key=lambda r: (URGENCY_ORDER.index(r.urgency), order.key_index(r.rule)))
    out: list[DoNowOut] = []
    for r in rows:
        words = order.words(r.rule) or ""
        if any(d.cites == r.cites and d.words == words for d in out):
            continue  # one recommendation split into parts is one action
        out.append(
            DoNowOut(
                urgency=r.urgency,
                timing=URGENCY_LABELS[r.urgency],
                words=words,
                cites=list(r.cites),
                rule=r.rule,
            )
        )
    return out[: order.max_do_now]


def do_now_sentence(actions: Sequence[DoNowOut]) -> str:
    """'Immediately: contact the MSCC coordinator [1.3.2]. Within 24 hours: an MRI scan [1.5.2].'"""
    parts: list[str] = []
    for timing in dict.fromkeys(a.timing for a in actions):
        items = "; ".join(
            f"{a.words} [{', '.join(a.cites)}]" for a in actions if a.timing == timing
        )
        parts.append(f"{timing}: {items}.")
    return " ".join(parts)


Row = RecommendationOut | LookupOut


def grouped(answer) -> list[tuple[GroupOut, list[Row]]]:
    """An answer's rows under its groups, both in display order (what every renderer shows)."""
    rows: list[Row] = sorted(
        (*answer.recommendations, *answer.conditional, *answer.lookups, *answer.set_aside),
        key=lambda r: r.rank,
    )
    return [(g, [r for r in rows if r.group == g.id]) for g in answer.groups]


def order_markdown(order: AnswerOrder | None = None) -> str:
    """The answer-order table as a Markdown section of docs/RULES.md."""
    order = order or load_order()
    out = ["## The order of an answer\n", order.about + "\n"]
    out.append("| Group | Title | Shown |")
    out.append("|---|---|---|")
    out += [
        f"| `{g.id}` | {g.title} | {'folded, with its count' if g.folded else 'open'} |"
        for g in order.groups
    ]
    out += [
        "",
        f"Do now: at most {order.max_do_now} actions; pending rows shown: at most "
        f"{order.max_shown_pending} (NICE's alternative to a treatment set aside always).\n",
    ]
    out.append("| Key action (priority order) | Do now shows (NICE's words) |")
    out.append("|---|---|")
    out += [f"| `{k.rule}` | {k.words} |" for k in order.key_actions]
    out.append("")
    out += [
        _listed("Supporting rows, folded unless promoted", (f"`{r}`" for r in order.supporting)),
        _listed(
            "Promoted to the actions when the case holds",
            (
                f"`{p.rule}` ({describe(p.when).removeprefix('If ')}"
                + ("; after the key actions" if p.after_key_actions else "")
                + ")"
                for p in order.promoted
            ),
            "; ",
        ),
        _listed(
            "Folded under the other, and not repeated in Do now, when the other applies",
            (f"`{s.rule}` (by `{s.by}`)" for s in order.superseded),
            "; ",
        ),
        _listed("Standing care, folded unless asked about", order.standing_care),
        _listed(
            "Circumstances, which alone never make a message a case",
            (f"`{c}`" for c in order.circumstances),
        ),
        _listed(
            "Box 1 leads the answer to a question about what to look out for",
            (f"`{p}`" for p in order.symptom_questions),
            "; ",
        ),
    ]
    out.append(
        "Prohibitions shown among the actions when the message names the act: "
        + "; ".join(
            f"{p.cite} ({', '.join(repr(w) for w in p.words)})"
            + (f", with what NG234 does instead: {', '.join(p.instead)}" if p.instead else "")
            + (
                f", with its exception the case meets: {', '.join(p.exceptions)}"
                if p.exceptions
                else ""
            )
            for p in order.prohibitions_about
        )
        + ".\n"
    )
    return "\n".join(out)


def _listed(title: str, items: Iterable[str], sep: str = ", ") -> str:
    """One line of docs/RULES.md: a title and its items."""
    return f"{title}: " + sep.join(items) + ".\n"
