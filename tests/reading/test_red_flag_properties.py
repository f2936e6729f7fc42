"""Generated compositions: a red flag the user stated is never recorded absent (issue #12).

Each example joins a cancer statement, a separator, an unrelated negated finding, another
separator and a red-flag phrasing, optionally with an exception, another person's or another
site's statement, or a time word, and checks the invariants of docs/SAFETY.md H02/H03:
the stated red flag is never "no"; when it is read as present NG234 1.3.2 applies (when it is
left unknown the conversation asks it first: tests/answers/test_chat.py); and no "do not" row
that needs the red flags absent applies. Runs at least 5,000 compositions per run
with a fixed seed (hypothesis derandomised), through the real reader and the real rules.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant import rules
from assistant.case import make_case
from assistant.reading.extract import extract

CANCER = [
    "known breast ca",
    "PMH: prostate cancer 2019",
    "on treatment for myeloma",
    "lung primary with bone mets",
    "Ca prostate",
    "renal cell carcinoma",
]
SEPARATORS = [
    "\n",
    "\r\n",
    "\n\n",
    "\n- ",
    "\n* ",
    "\n• ",
    "\n2. ",
    ". ",
    "; ",
    " / ",
    " and ",
    " but ",
]
UNRELATED = ["no fever", "nil chest pain", "denies SOB", "abdo SNT", "no known allergies",
             "no trauma", "nil cough", "apyrexial, no rigors", "no headache",
             # Normal-state phrasings of other Box 1 items (round-4 blind set): they deny
             # their own finding and must never take the stated one with them, even when they
             # name the same finding (then the stated one wins: yes over no).
             "walking ok", "bladder fine", "pee ok", "sensation normal", "legs not weak",
             "pwr 5/5", "plantars down", "no pain going down the legs", "legs fine yesterday",
             "power and sensation normal", "bld/bwl ok"]  # fmt: skip
#: Red-flag phrasings (fact, words): ward, everyday and text-speak.
RED_FLAGS = [
    ("limb_weakness", "leg weakness"), ("limb_weakness", "weak legs"),
    ("limb_weakness", "legs are weak"), ("limb_weakness", "weakness in both legs"),
    ("limb_weakness", "power 3/5 in both legs"), ("limb_weakness", "his legs feel weak"),
    ("bladder_bowel_dysfunction", "urinary retention"),
    ("bladder_bowel_dysfunction", "unable to pass urine"),
    ("bladder_bowel_dysfunction", "incontinent of urine"),
    ("bladder_bowel_dysfunction", "retaining urine"),
    ("bladder_bowel_dysfunction", "faecal incontinence"),
    ("sensory_loss", "numb feet"), ("sensory_loss", "numbness in both legs"),
    ("sensory_loss", "pins and needles in her legs"), ("sensory_loss", "saddle anaesthesia"),
    ("sensory_loss", "tingling in both legs"),
    ("gait_disturbance", "difficulty walking"), ("gait_disturbance", "unsteady on his feet"),
    ("gait_disturbance", "unable to walk"), ("gait_disturbance", "can't walk"),
    ("cord_signs", "upgoing plantars"), ("cord_signs", "brisk reflexes"),
    ("cord_signs", "clonus"), ("cord_signs", "reduced anal tone"),
    ("radicular_pain", "radicular pain"), ("radicular_pain", "pain shooting down the left leg"),
    ("radicular_pain", "band-like pain around the chest"),
]  # fmt: skip
#: Context that must not turn a stated red flag into "absent".
WRAPPERS = [
    "{rf}",
    "now {rf}",
    "{rf} since yesterday",
    "new {rf}",
    "no neuro deficit except {rf}",
    "nothing else apart from {rf}",
    "no new symptoms besides {rf}",
    "his wife has no weakness. {rf}",
    "arms 5/5, {rf}",
    "MRI normal last year. Now {rf}",
    "previously independent, now {rf}",
]
DO_NOT_IF_ABSENT = ("1.5.6", "1.8.7")


def _check(text: str, fact: str) -> None:
    facts = extract(text).facts
    assert facts.get(fact) != "no", f"{fact} recorded absent in {text!r}"
    evaluation = rules.evaluate(make_case(facts))
    if facts.get(fact) == "yes":
        assert "1.3.2" in evaluation.cited(), f"1.3.2 does not apply to {text!r}"
    do_not = evaluation.cited() & set(DO_NOT_IF_ABSENT)
    assert not do_not, f"{sorted(do_not)} applies to {text!r}"


@settings(
    max_examples=5000,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
@given(
    cancer=st.sampled_from(CANCER),
    sep1=st.sampled_from(SEPARATORS),
    unrelated=st.sampled_from(UNRELATED),
    sep2=st.sampled_from(SEPARATORS),
    red_flag=st.sampled_from(RED_FLAGS),
    wrapper=st.sampled_from(WRAPPERS),
)
@example("known breast ca", "\n", "no fever", "\n", ("limb_weakness", "leg weakness"), "{rf}")
@example("Ca prostate", "/", "nil SOB", "/", ("bladder_bowel_dysfunction", "retention"), "{rf}")
def test_a_stated_red_flag_is_never_recorded_absent(
    cancer: str,
    sep1: str,
    unrelated: str,
    sep2: str,
    red_flag: tuple[str, str],
    wrapper: str,
) -> None:
    fact, words = red_flag
    _check(cancer + sep1 + unrelated + sep2 + wrapper.format(rf=words), fact)


def test_a_lone_denial_is_still_absent() -> None:
    """The invariant cannot pass by never reading "absent": a plain denial is absent."""
    for fact, words in RED_FLAGS[:3] + RED_FLAGS[6:8] + RED_FLAGS[11:13]:
        if fact == "limb_weakness" and words == "power 3/5 in both legs":
            continue
        assert extract(f"known breast ca. no {words}").facts.get(fact) == "no", words
