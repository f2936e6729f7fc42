"""The notice shown on every page and under the latest answer, and where the purpose is stated."""

from __future__ import annotations

#: README anchor of the intended purpose (rendered by the About page).
PURPOSE_ANCHOR = "README.md#intended-purpose"
#: The link to the About page on every page (plain words, not a file path).
PURPOSE_LABEL = "Intended purpose and limits"
NOTICE = (
    "Supports, does not replace, clinical judgement; in an emergency contact the MSCC coordinator."
)
