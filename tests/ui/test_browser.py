"""The app in a real browser: `streamlit run app.py` driven by Playwright and Debian's chromium.

Measures the time from `streamlit run` to an interactive page and from submitting a message to
the answer on screen (written to test-output/browser_timings.json and printed). Screenshots go
to test-output/screenshots/ (ignored by git), so `make test` leaves tracked files untouched;
`make screenshots` (NG234_PUBLISH_SCREENSHOTS=1) refreshes the README's docs/screenshots/.

Runs in CI (CI=true) without exception; elsewhere it is skipped, with a message, only when
/usr/bin/chromium is missing (`make browser` installs it). It never downloads a browser.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from browser_kit import (
    ANSWER_LIMIT,
    CHAT_INPUT,
    MESSAGE,
    STARTUP_LIMIT,
    VIEWPORT,
    WARM_ANSWER_LIMIT,
    Server,
    scroll_to_top_of,
    send,
    settle,
    shoot,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_chat_in_a_real_browser(server: Server, browser, timings: dict, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(server.url)
    page.get_by_placeholder(CHAT_INPUT).wait_for(timeout=STARTUP_LIMIT * 1000)
    timings["startup_to_interactive_s"] = round(time.perf_counter() - server.started, 2)
    settle(page)
    # The notice is on the page before anything is typed.
    page.get_by_text("Supports, does not replace, clinical judgement").first.wait_for()
    page.get_by_text("Intended purpose and limits").first.wait_for()

    first = send(page, "known breast ca, new back pain", "Questions that would change the answer")
    timings["first_answer_s"] = round(first, 2)
    settle(page)
    warm = send(page, "she has weak legs", "Immediately contact the MSCC coordinator")
    timings["warm_answer_s"] = round(warm, 2)
    settle(page)
    answer = page.locator(MESSAGE).last
    card = answer.locator('[class*="st-key-rec-"][class*="-R1_3_2-contact-coordinator"]')
    assert card.get_by_text("NG234 1.3.2 · 2023").is_visible()
    # The verbatim quote opens from its expander.
    card.get_by_text("NICE's words, NG234 1.3.2 (verbatim)").click()
    quote = card.get_by_text("Treat this as an oncological emergency. [2023]")
    quote.wait_for(timeout=10_000)
    assert "Immediately contact the MSCC coordinator" in card.inner_text()
    scroll_to_top_of(page.locator(MESSAGE).nth(-2))
    page.mouse.move(VIEWPORT["width"] - 20, 20)  # no hover highlight in the picture
    page.wait_for_timeout(300)
    shoot(page, "chat-quote.png", tmp_path, publish=False)

    # A follow-up question answered with one click.
    count = page.locator(MESSAGE).count()
    button = answer.get_by_role("button", name="Suspected", exact=True)
    start = time.perf_counter()
    button.click()
    page.locator(MESSAGE).nth(count + 1).get_by_text("Updated").first.wait_for(
        timeout=ANSWER_LIMIT * 1000
    )
    timings["follow_up_button_s"] = round(time.perf_counter() - start, 2)
    assert page.locator(MESSAGE).nth(count).get_by_text("Metastatic spinal cord compression")
    settle(page)

    more = []
    for text in ("no bladder or bowel problems", "she is awaiting radiotherapy"):
        more.append(send(page, text, "Updated"))
        settle(page)
    timings["warm_answers_s"] = [round(t, 2) for t in (warm, *more)]
    timings["warm_answer_median_s"] = round(statistics.median([warm, *more]), 2)

    # Typed HTML and Markdown are shown as typed, never rendered.
    typed = "<b>not bold</b> **nor this** <script>window.pwned=1</script>"
    send(page, typed, "NG234")
    page.get_by_text(typed, exact=True).wait_for()
    assert page.evaluate("() => window.pwned === undefined")
    shoot(page, "chat-after.png", tmp_path, publish=False)
    assert warm < WARM_ANSWER_LIMIT, timings


def test_guideline_deep_link_in_a_real_browser(server: Server, browser, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(f"{server.url}/?rec=1.8.1")
    page.get_by_text("Offer 16 mg of oral dexamethasone").first.wait_for(timeout=30_000)
    assert "/guideline" in page.url and "rec=1.8.1" in page.url
    page.get_by_role("button", name="Why? Rationale for 1.8.1–1.8.8").click()
    page.wait_for_url("**rec=rationale-1.8.1-1.8.8**", timeout=30_000)
    page.get_by_text("Why the committee made the recommendations").first.wait_for()
    settle(page)
    shoot(page, "guideline.png", tmp_path, publish=False)


#: The two screens issue #14 names: a laptop and a phone.
SCREENS = {"laptop": (1366, 900), "phone": (390, 844)}


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_first_action_in_view_after_a_red_flag_answer(
    server: Server, browser, tmp_path: Path, screen: str
) -> None:
    """After the answer, its first action is on screen, above the chat box, without scrolling."""
    width, height = SCREENS[screen]
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(server.url)
    page.get_by_placeholder(CHAT_INPUT).wait_for(timeout=STARTUP_LIMIT * 1000)
    settle(page)
    # An earlier long answer first, so the view has somewhere to be.
    send(page, "known breast ca, new back pain", "Questions that would change the answer")
    settle(page)
    send(page, "she now has weak legs and can't pass urine", "Do now")
    settle(page)
    answer = page.locator(MESSAGE).last
    first = answer.locator('[class*="st-key-do-now-"] summary').first
    assert "contact the MSCC coordinator" in first.inner_text()

    # The page settles (icons, fonts, the earlier answer folding) for a moment: the settled
    # view is what the reader sees, so wait up to 5 s for it, then measure.
    def in_view() -> tuple[dict | None, dict | None, bool]:
        box = first.bounding_box()
        chat = page.get_by_placeholder(CHAT_INPUT).bounding_box()
        ok = bool(box and chat and 0 <= box["y"] <= min(height, chat["y"]) - box["height"])
        return box, chat, ok

    box = chat = None
    for _ in range(50):
        page.wait_for_timeout(100)
        box, chat, ok = in_view()
        if ok:
            break
    assert box is not None and chat is not None
    assert box["y"] >= 0, f"first action above the view on {screen}: {box}"
    assert box["y"] + box["height"] <= min(height, chat["y"]), (
        f"first action below the view or under the chat box on {screen}: {box}, chat {chat}"
    )
    # It stays there: a second later it is still in view.
    page.wait_for_timeout(1000)
    box, chat, ok = in_view()
    assert ok, f"the first action moved out of view on {screen}: {box}, chat {chat}"
    # The README's picture: the top of a red-flag answer, Do now first, as a reader lands on it.
    name = "chat.png" if screen == "laptop" else f"chat-{screen}.png"
    shoot(page, name, tmp_path, publish=True)
    box, chat, ok = in_view()
    assert ok, f"taking the picture moved the first action on {screen}: {box}, chat {chat}"
