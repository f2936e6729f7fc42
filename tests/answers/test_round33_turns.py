"""Session 18 (#14): round-33 conversation classes, each tested both ways.

- MRI contraindicated: the MRI of 1.5.2 and 1.5.3 is set aside and 1.5.7's CT is the action.
- 1.3.6 (explain what to look out for) after a clear surveillance CT with the cord history
  taken and negative and no Box 1 pain.
"""

from __future__ import annotations

from chat_helpers import cited, last


def test_mri_contraindicated_sets_the_mri_aside_for_ct(conversation) -> None:
    answer = last(
        conversation,
        "MRI radiographer here. Urgent whole spine request, ?MSCC, 79M known myeloma with new leg "
        "weakness since this morning. Old non-MR-conditional pacemaker, cardiology say absolutely "
        "no MRI.",
    )
    assert "1.5.7" in cited(answer)
    assert not any("1.5.2" in d.cites for d in answer.do_now)
    assert any("1.5.2" in s.cites for s in answer.set_aside)


def test_mri_allowed_keeps_the_24_hour_mri(conversation) -> None:
    answer = last(conversation, "known myeloma, new leg weakness since this morning, ?MSCC")
    assert any("1.5.2" in d.cites for d in answer.do_now)


def test_a_clear_surveillance_ct_and_a_negative_history_get_the_safety_net(conversation) -> None:
    answer = last(
        conversation,
        "Practice nurse here. Mrs K, 70, had bowel cancer surgery 2 years ago and her last "
        "surveillance CT was clear. Her lower back has ached since she dug the veg patch - "
        "already easing. No night pain, not getting worse, walking fine, no numbness, waterworks "
        "normal. Anything I should tell her?",
    )
    assert "1.3.6" in cited(answer) and "1.5.2" not in cited(answer)


def test_a_clear_ct_does_not_withhold_the_mri_for_new_night_pain(conversation) -> None:
    answer = last(
        conversation,
        "Breast ca 2019, surveillance CT was clear. Now new back pain waking her at night. "
        "Walking fine, no numbness, bladder ok, legs strong.",
    )
    assert {"1.3.3", "1.5.3"} <= cited(answer) and "1.3.6" not in cited(answer)
