"""Round-20 reading and 1.11.2 (#12): each change tested where it fires and where it must not.

- Imaging that says the cord is not compressed rules MSCC out ("cord and cauda equina not
  compressed", "no compression of the cord"); "cord compressed at T8" is still MSCC.
- A primary that staging has not found is a primary not identified ("CT hasn't found a
  primary", "no primary seen"); a primary that has been found is not.
- 1.11.2 (guided biopsy) applies to an unknown primary with no need for immediate treatment
  read from the case (no MSCC, neurology normal), and never with a cord red flag.
"""

from __future__ import annotations

import pytest
from chat_helpers import cited as _cited
from chat_helpers import facts
from chat_helpers import last as _last


@pytest.mark.parametrize(
    "text",
    [
        "MRI: destructive L2 lesion, cord and cauda equina not compressed",
        "MRI whole spine: T9 met, the spinal cord is not compressed",
        "MRI: no compression of the cord",
        "MRI - no cord or cauda equina compression",
    ],
)
def test_imaging_saying_the_cord_is_not_compressed_rules_mscc_out(text: str) -> None:
    assert facts(text).get("mscc") == "ruled_out"


@pytest.mark.parametrize(
    "text",
    ["known breast ca, MRI: cord compressed at T8", "MRI shows compression of the cord at T4"],
)
def test_a_compressed_cord_is_still_mscc(text: str) -> None:
    assert facts(text).get("mscc") == "confirmed"


@pytest.mark.parametrize(
    "text",
    [
        "CT chest/abdo/pelvis hasn't found a primary",
        "staging CT did not show any obvious primary",
        "CT CAP: no primary seen",
        "PET-CT negative for a primary",
    ],
)
def test_a_primary_staging_has_not_found_is_not_identified(text: str) -> None:
    assert facts(text).get("primary_tumour") == "not_identified"


@pytest.mark.parametrize(
    "text",
    ["CT CAP found the primary: a lung mass", "CT chest shows a primary lung cancer"],
)
def test_a_primary_that_was_found_is_not_unknown(text: str) -> None:
    assert facts(text).get("primary_tumour") != "not_identified"


UNKNOWN_PRIMARY = (
    "62F, no cancer history, MRI for 6/52 back pain shows a destructive L2 lesion, cord and "
    "cauda equina not compressed, neuro exam normal. CT CAP - no obvious primary."
)


def test_guided_biopsy_applies_without_a_need_for_immediate_treatment(conversation) -> None:
    answer = _last(conversation, UNKNOWN_PRIMARY, "biopsy first or straight to radiotherapy?")
    assert "1.11.2" in _cited(answer)


def test_guided_biopsy_is_not_offered_with_a_cord_red_flag(conversation) -> None:
    answer = _last(
        conversation,
        "62F, MRI: destructive L2 lesion, no cord compression. CT CAP no obvious primary. "
        "Legs weak since this morning.",
    )
    assert "1.11.2" not in _cited(answer)
