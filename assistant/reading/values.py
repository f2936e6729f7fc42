"""Value readers: numbers in a mention (power grades, SINS, durations, levels) as fact values."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from assistant.reading.lexicon import Synonym

#: Thresholds from NG234: complete paralysis for 2 weeks or longer (1.10.4); recurrence at
#: least 3 months after initial radiotherapy (1.10.9, read as >= 90 days); oligometastases are
#: up to 3 discrete metastases (1.10.2).
PARALYSIS_DAYS = 14
RECURRENCE_DAYS = 90
OLIGO_MAX = 3
#: A stated prognosis shorter than this is poor ("prognosis of less than 3 months"); months to
#: years is not "too poor" for radiotherapy (1.10.4) and is read as good.
POOR_PROGNOSIS_DAYS = 90
#: A stated extent of spinal disease or treatment over this many vertebrae or more needs a
#: large radiotherapy field, a high risk of side effects (1.10.6): more than twice the usual
#: field of the involved vertebra and one either side. A project choice, not an NG234 number.
LARGE_FIELD_LEVELS = 7
#: Vertebral levels in order: C1-C7, T1-T12, L1-L5, S1-S5.
_LEVEL_BASE = {"c": 0, "t": 7, "th": 7, "l": 19, "s": 24}
_LEVEL = re.compile(r"\b(th|[ctls])\s?(\d{1,2})\b", re.IGNORECASE)
#: Durations without a count ("prognosis months", "a few weeks"): the unit decides.
_UNIT_ONLY_DAYS = {"day": 1, "week": 7, "wk": 7, "month": 180, "mth": 180, "mo": 180,
                   "year": 365, "yr": 365}  # fmt: skip
# fmt: off
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
}
_UNIT_DAYS = {
    "d": 1, "day": 1, "w": 7, "wk": 7, "week": 7, "fortnight": 14, "mo": 30, "mth": 30,
    "month": 30, "y": 365, "yr": 365, "year": 365,
}
# fmt: on
_FRACTION_DAYS = {"7": 1, "52": 7, "12": 30}  # UK notation: 3/7 days, 2/52 weeks, 3/12 months


@dataclass
class Reading:
    """The facts one mention sets, before mentions are merged."""

    values: dict[str, str]
    number: float | None = None
    notice: str | None = None
    days: int | None = None


def _count(raw: str | None) -> int | None:
    if raw is None:
        return None
    raw = re.sub(r"\s+", " ", raw.lower().strip())
    return int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)


#: Month names by their first three letters, for an interval between two named months.
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LAST_DAY = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: A part of a month in words ("mid-July", "the end of March"): the day it stands for.
_PART_OF_MONTH = {"early": 5, "start": 1, "beginning": 1, "mid": 15, "middle": 15, "late": 25}
_PART_OF_MONTH_END = 28  # "the end of March"


def _day_of_month(groups: dict[str, str | None], which: str) -> int | None:
    """The day of month `which` ("1" or "2") a date gives: its number (group d1/d2) or its
    part in words (group p1/p2: "mid", "the end of"); None when it names the month only."""
    number = groups.get(f"d{which}")
    if number and 1 <= int(number) <= 31:
        return int(number)
    part = (groups.get(f"p{which}") or "").lower()
    if not part:
        return None
    if "end" in part:
        return _PART_OF_MONTH_END
    return next((day for word, day in _PART_OF_MONTH.items() if word in part), None)


def _days(m: re.Match[str]) -> int | None:
    groups = m.groupdict()
    if groups.get("fn") and groups.get("fd"):
        return int(groups["fn"]) * _FRACTION_DAYS[groups["fd"]]
    if groups.get("m1") and groups.get("m2"):
        # "8 Gy … in January … Now in May" (b139): months forward from the first to the second,
        # within a year (the later month is now)
        first, then = (_MONTHS.index(groups[k][:3].lower()) for k in ("m1", "m2"))
        day1, day2 = _day_of_month(groups, "1"), _day_of_month(groups, "2")
        if day1 is not None and day2 is not None:
            # "8 Gy on 2 March … the pain came back in mid-July" (b162): days between the two
            # dates, within a year (a non-leap one: a day either way decides nothing here)
            start = date(2001, first + 1, min(day1, _LAST_DAY[first]))
            end = date(2001 if then >= first else 2002, then + 1, min(day2, _LAST_DAY[then]))
            return (end - start).days
        return ((then - first) % 12) * _UNIT_DAYS["month"]
    n = _count(groups.get("n"))
    per = _UNIT_DAYS.get((groups.get("unit") or "").lower().rstrip("s"))
    return None if n is None or per is None else n * per


def recurred_after(days: int) -> str:
    """Whether symptoms recurring `days` after radiotherapy count for 1.10.9: 'yes' or 'no'."""
    return "yes" if days >= RECURRENCE_DAYS else "no"


#: An episode this many days back or more is a past one, not the present (H24): three months.
PAST_EPISODE_DAYS = 90
#: Vague counts before "ago" ("a few months ago"), for past episodes only: other readers leave
#: them unread.
_VAGUE_COUNTS = {"a few": 3, "few": 3, "several": 3, "many": 6}
#: "N units" at the end of the words before an "ago" cue.
_AGO = re.compile(
    r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+few|few|several|many)\s*(?P<unit>years?|yrs?|y|months?|mths?|mos?|weeks?|wks?)\s*$"
)


def days_ago(before: str) -> int | None:
    """Days of the 'N units' that `before` (the words before an 'ago') ends with, or None."""
    m = _AGO.search(before.lower())
    if m is None:
        return None
    raw = " ".join(m.group("n").split())
    n = _VAGUE_COUNTS.get(raw) or _count(raw)
    per = _UNIT_DAYS.get(m.group("unit").rstrip("s"))
    return None if n is None or per is None else n * per


def _read_sins(m: re.Match[str], e: Synonym) -> Reading:
    n = int(m.group("n"))
    if n > 18:
        return Reading({}, n, f"SINS {n} is outside 0-18; not read.")
    value = "none" if n <= 6 else "suspected" if n <= 12 else "confirmed"
    return Reading({e.fact: value}, n)


def _read_power(m: re.Match[str], e: Synonym) -> Reading:
    body = m.group("body")
    grades = re.findall(r"([0-5])\s*([+-]?)\s*/\s*5" if "/" in body else r"([0-5])([+-]?)", body)
    if not grades:
        return Reading({})
    weak = any(g != "5" or sign == "-" for g, sign in grades)
    values = {e.fact: "yes" if weak else "no"}
    lowest = min(int(g) for g, _ in grades)
    if weak and lowest >= 1:
        values["complete_paralysis"] = "no"  # movement against gravity or more: not complete
    return Reading(values, lowest)


def _read_lesions(m: re.Match[str], e: Synonym) -> Reading:
    n = _count(m.group("n"))
    if n is None or n == 0:
        return Reading({})
    return Reading({e.fact: "yes" if n <= OLIGO_MAX else "no"}, n)


def _read_paralysis(m: re.Match[str], e: Synonym) -> Reading:
    days = _days(m)
    values = {e.fact: e.value, **e.also}
    if days is None:
        return Reading(values, notice="Paralysis mentioned but its duration was not read.")
    values["paralysis_2_weeks"] = "yes" if days >= PARALYSIS_DAYS else "no"
    return Reading(values, days, days=days)


def _read_rt(m: re.Match[str], e: Synonym) -> Reading:
    days = _days(m)
    return Reading({e.fact: e.value}, days, days=days)


def read_recurrence(m: re.Match[str] | None, e: Synonym) -> Reading:
    """Whether symptoms recurred RECURRENCE_DAYS or more after radiotherapy (1.10.9)."""
    days = _days(m) if m is not None else None
    if days is None:
        return Reading({}, days=None)  # resolved later against an 'RT n months ago' mention
    return Reading({e.fact: recurred_after(days)}, days, days=days)


def _read_pain_score(m: re.Match[str], e: Synonym) -> Reading:
    n = _count(m.group("n"))  # "8/10", "nine out of ten" (b153)
    if n is None or n > 10:
        return Reading({}, n)
    return Reading({e.fact: "yes" if n >= 7 else "no"}, n)


def _read_prognosis(m: re.Match[str], e: Synonym) -> Reading:
    days = _days(m)
    if days is None:
        days = _UNIT_ONLY_DAYS.get((m.groupdict().get("unit") or "").lower().rstrip("s"))
    if days is None:
        return Reading({})
    return Reading({e.fact: "poor" if days < POOR_PROGNOSIS_DAYS else "good"}, days, days=days)


def _read_level_span(m: re.Match[str], e: Synonym) -> Reading:
    levels = [_LEVEL_BASE[a.lower()] + int(n) for a, n in _LEVEL.findall(m.group("body"))]
    if len(levels) < 2:
        return Reading({})
    span = max(levels) - min(levels) + 1
    return Reading({e.fact: "yes"} if span >= LARGE_FIELD_LEVELS else {}, span)


def _read_tokuhashi(m: re.Match[str], e: Synonym) -> Reading:
    n = int(m.group("n"))
    if n > 15:
        return Reading({}, n, f"Tokuhashi {n} is outside 0-15; not read.")
    if 9 <= n <= 11:
        return Reading({}, n, f"Tokuhashi {n} (9-11) suggests 6-12 months; prognosis not set.")
    return Reading({e.fact: "poor" if n <= 8 else "good"}, n)


def _read_pain_rise(m: re.Match[str], e: Synonym) -> Reading:
    """A pain score from one value to another (groups `a` and `b`): the entry's fact only
    when it rises ("went from 3 to 8/10"); one that falls ("from 8/10 to 1/10" after
    radiotherapy, round 47) says nothing of it."""
    before, after = int(m.group("a")), int(m.group("b"))
    if before > 10 or after > 10 or after <= before:
        return Reading({})
    return Reading({e.fact: e.value, **e.also}, after)


#: How far a measure of strength or walking must fall from its earlier value to be a loss
#: ("grip 12 kg, was 30 kg"): a fifth, beyond the scatter of repeated bedside measures.
MEASURE_FALL = 0.8


def _read_measure_fall(m: re.Match[str], e: Synonym) -> Reading:
    """A measure now (group `b`) against its earlier value (group `a`): the entry's fact only
    when it has fallen by a fifth or more ("grip 12 kg R (was 30 kg)", "walked 2 m, was
    100 m"); one that held or rose says nothing of it."""
    before, after = float(m.group("a")), float(m.group("b"))
    if before <= 0 or after >= before * MEASURE_FALL:
        return Reading({})
    return Reading({e.fact: e.value, **e.also}, after)


READERS: dict[str, Callable[[re.Match[str], Synonym], Reading]] = {
    "sins": _read_sins,
    "power": _read_power,
    "lesion_count": _read_lesions,
    "paralysis_duration": _read_paralysis,
    "rt_interval": _read_rt,
    "recurrence": read_recurrence,
    "pain_score": _read_pain_score,
    "tokuhashi": _read_tokuhashi,
    "prognosis": _read_prognosis,
    "level_span": _read_level_span,
    "pain_rise": _read_pain_rise,
    "measure_fall": _read_measure_fall,
}
