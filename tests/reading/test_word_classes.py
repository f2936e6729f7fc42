"""The reader's word classes are data (assistant/data/word_classes.json): each word is one token
as the reader splits text, so none can be dead, and none is listed twice. Words that were dead
as code constants ('+ve', 'broad-based', 'high-stepping') now affirm the finding they follow."""

from __future__ import annotations

import pytest
from chat_helpers import facts
from pydantic import ValidationError

from assistant.reading.words import WordClass, word_classes, words


def test_every_class_loads_and_is_named_in_the_reader() -> None:
    classes = word_classes().classes
    assert len(classes) >= 15
    assert "just" in words("fresh_subject")
    assert words("fresh_onset", "fresh_side") >= {"new", "left"}


@pytest.mark.parametrize(
    ("listed", "reason"),
    [(("+ve",), "one lower-case token"), (("broad-based",), "one lower-case token"),
     (("Left",), "one lower-case token"), (("toes", "toes"), "listed twice")],
)  # fmt: skip
def test_a_word_the_reader_could_never_match_is_refused(listed, reason) -> None:
    with pytest.raises(ValidationError, match=reason):
        WordClass(about="test", words=listed)


def test_an_unknown_class_name_fails_loudly() -> None:
    with pytest.raises(KeyError):
        words("no_such_class")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("No back pain, saddle anaesthesia +ve", "cord_signs"),
        ("No weakness, high-stepping gait", "gait_disturbance"),
        ("No bladder symptoms, wide-based gait", "gait_disturbance"),
        ("No falls, broad based gait", "gait_disturbance"),
    ],
)
def test_a_finding_its_item_affirms_is_stated_past_the_denials_comma(text, fact) -> None:
    assert facts("Breast cancer. " + text)[fact] == "yes"  # H02


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("No saddle anaesthesia", "cord_signs"),
        ("No gait disturbance, no falls", "gait_disturbance"),
    ],
)
def test_the_same_findings_denied_on_their_own_stay_denied(text, fact) -> None:
    assert facts("Breast cancer. " + text)[fact] == "no"
