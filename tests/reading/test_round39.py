"""Session 20 (#12, H02): round 39's two red flags recorded absent and the reading classes of
its cases, scope set and follow-ups, fixed as classes after its first run, each tested both
ways.

- "Not incontinent, but she has to strain a lot to pass urine and the stream is weak": a
  voiding difficulty is bladder dysfunction beside a denial of incontinence.
- "No falls, no incontinence, weak legs, numb feet": a writer who denies item by item (the
  first in its own words, "No falls") states the items without a denial.
- "Back then I had numb legs …, it got better after radiotherapy": a resolved past episode.
- Everyday phrasings: "hurt in one spot … sore when I press it", "no problems going to the
  toilet", "night sweats and weight loss", "night back pain", "wakes me at nite", "kidny",
  "his legs are weakening", "not in any trial"; "caring for him at home" says nothing of an
  admission.
- "When we sat him up his pain shot up": a question word opening what happened is a statement.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.answers.intent import stated_outside_questions


@pytest.mark.parametrize(
    "text",
    [
        "Not incontinent, but she has to strain a lot to pass urine and the stream is weak - new "
        "this week. Bowel cancer.",
        "poor stream and hesitancy this week, prostate ca",
    ],
)
def test_a_voiding_difficulty_is_bladder_dysfunction(text: str) -> None:
    assert facts(text).get("bladder_bowel_dysfunction") == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Kidney ca. No falls, no incontinence, weak legs, numb feet.", "limb_weakness"),
        ("Kidney ca. No falls, no incontinence, weak legs, numb feet.", "sensory_loss"),
    ],
)
def test_items_without_a_denial_after_repeated_denials_are_stated(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("No falls, no incontinence, numbness or weakness.", "limb_weakness"),
        ("No falls, no incontinence, numbness or weakness.", "sensory_loss"),
        ("No falls, no incontinence.", "bladder_bowel_dysfunction"),
    ],
)
def test_a_list_closed_by_or_is_still_denied(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "no"


def test_a_resolved_episode_back_then_is_not_a_finding_now() -> None:
    said = facts(
        "I had lung cancer treated in 2021. Back then I had numb legs from a tumour pressing in "
        "my spine, it got better after radiotherapy. Now I have new back pain."
    )
    assert "sensory_loss" not in said and said["back_pain"] == "yes"


def test_back_then_without_an_end_keeps_the_finding() -> None:
    assert facts("Back then I had numb legs. Now they are numb again.")["sensory_loss"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("my back has hurt in one spot between my shoulder blades", "localised_tenderness", "yes"),
        ("one spot on my back is sore when I press it", "localised_tenderness", "yes"),
        ("I have no problems going to the toilet", "bladder_bowel_dysfunction", "no"),
        ("drenching night sweats and weight loss, no known cancer", "cancer_suspected", "yes"),
        ("61M, thyroid cancer, night back pain", "pain_night", "yes"),
        ("back pain for 2 months, wakes me at nite", "pain_night", "yes"),
        ("i hav kidny cancer", "primary_tumour", "kidney"),
        ("Rang back - his legs are weakening fast", "limb_weakness", "yes"),
        ("She's not in any trial.", "in_trial", "no"),
    ],
)
def test_round39_everyday_phrasings(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("His wife will be caring for him at home - what support should she get?", "admitted"),
        ("no night sweats or weight loss", "cancer_suspected"),
        ("is she in any trial?", "in_trial"),
        ("a spot on the MRI report", "localised_tenderness"),
    ],
)
def test_round39_phrasings_that_state_nothing(text: str, fact: str) -> None:
    assert fact not in facts(text)


def test_a_question_word_opening_what_happened_states_it() -> None:
    text = "When we sat him up his pain shot up and his legs got weaker."
    assert stated_outside_questions(text, [0]) == [True]


def test_a_question_word_opening_a_question_asks() -> None:
    assert stated_outside_questions("When should we sit him up?", [0]) == [False]
    assert stated_outside_questions("When we sit him up, what do we watch for?", [0]) == [False]
