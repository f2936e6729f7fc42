"""Session 25 (#13): round 50's conversation classes, tested both ways through the whole
conversation: the relative a case is about, named in other words in a later message, is the
patient; a family's words for a paraplegia of weeks with pain controlled set 1.10.4 apart."""

from __future__ import annotations

from chat_helpers import cited, last

MOTHER = (
    "My mother is 74. For about a month she has had back pain that keeps getting worse, and it "
    "is worst at night - she is barely sleeping. Her legs are fine, she is walking normally and "
    "has no problems with the toilet. She has never had cancer as far as I am aware."
)


def test_the_patient_named_in_other_words_in_a_later_message(conversation) -> None:
    answer = last(
        conversation,
        MOTHER,
        "Correction: I have just spoken to my uncle. Mum had breast cancer treated about 15 "
        "years ago and never told us. Does that change what should happen, and how quickly?",
    )
    assert answer.facts["cancer_diagnosis"] == "yes" and answer.facts["primary_tumour"] == "breast"
    assert "1.3.3" in cited(answer)
    # another relative's cancer in a later message is not hers
    answer = last(conversation, MOTHER, "My dad had bowel cancer years ago, if that matters.")
    assert answer.facts["cancer_diagnosis"] == "no"


def test_a_familys_words_for_weeks_of_paraplegia_set_radiotherapy_apart(conversation) -> None:
    answer = last(
        conversation,
        "My father (77) has prostate cancer. Three and a half weeks ago he lost all movement and "
        "feeling below his chest because of spinal cord compression and he has been completely "
        "paralysed since. The surgeons said an operation was not suitable. His pain is now well "
        "controlled. Why is radiotherapy no longer recommended?",
    )
    assert "1.10.4" not in cited(answer)
    assert any(row.rule == "R1.10.4-urgent-radiotherapy" for row in answer.set_aside)
    answer = last(
        conversation,
        "My father (77) has prostate cancer. Three days ago he lost all movement and feeling "
        "below his chest because of spinal cord compression. The surgeons said an operation was "
        "not suitable. His pain is now well controlled.",
    )
    assert "1.10.4" in cited(answer)
