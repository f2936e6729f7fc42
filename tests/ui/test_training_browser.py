"""The training page in a real browser: `streamlit run app.py`, Playwright and Debian's chromium
(the kit and the session-scoped server are in browser_kit.py and conftest.py).

A trainee chooses one right action and one wrong one, gets partial credit with the mistake
first and NICE's words a click away, then finishes a set and sees the results summary.
Screenshots go to test-output/screenshots/; `make screenshots` publishes training.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_kit import STARTUP_LIMIT, VIEWPORT, Server, scroll_to_top_of, settle, shoot
from playwright.sync_api import expect

from assistant import training
from assistant.ui.training_page import SET_SIZE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FEEDBACK = '[class*="st-key-feedback-"]'
#: The heading levels of the page, in document order.
LEVELS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(h => h.offsetParent !== null).map(h => Number(h.tagName[1]))"""


def _headings_in_order(page) -> None:
    """One h1 first, then no level skipped on the way down (h1 -> h3 is a jump)."""
    levels = page.evaluate(LEVELS)
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def _choose(page, options: list[training.Option]) -> None:
    for option in options:
        page.get_by_text(option.text, exact=True).click()
    page.get_by_role("button", name="Submit answers").click()


def test_training_in_a_real_browser(server: Server, browser, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(f"{server.url}/training")
    cases = training.load_cases()[:SET_SIZE]
    case = cases[0]
    page.get_by_text(case.title).first.wait_for(timeout=STARTUP_LIMIT * 1000)
    settle(page)
    options = training.options(case)
    _headings_in_order(page)
    # Each checkbox is named by the option's text as written (no markup codes).
    for option in options:
        expect(page.get_by_role("checkbox", name=option.text, exact=True)).to_have_count(1)
    # The tester's attempt: one right action and one wrong choice (no routine steroids).
    right = [o for o in options if o.correct]
    wrong = next(o for o in options if o.rule == "R1.8.7-no-routine-corticosteroids")
    _choose(page, [right[0], wrong])
    percent = round(100 / (len(right) + 1))
    score = f"1 of {len(right)} right actions, 1 wrong choice: {percent} %"
    page.get_by_text(score).wait_for(timeout=30_000)
    settle(page)
    page.get_by_role("heading", name=f"Score: {percent} %").wait_for()
    page.get_by_text(f"1 of {SET_SIZE} cases answered in this set").first.wait_for()
    # The first feedback item is the mistake, in plain words, with NICE's words on a click.
    first = page.locator(FEEDBACK).first
    assert "st-key-feedback-wrong-" in (first.get_attribute("class") or "")
    assert "You chose this, but NG234 1.8.7 is not for her." in first.inner_text()
    _headings_in_order(page)
    first.get_by_text("NICE's words, 1.8.7").click()
    first.get_by_text("Do not routinely offer corticosteroids").first.wait_for(timeout=10_000)
    scroll_to_top_of(page.get_by_text("cases answered").first, margin=12)
    page.mouse.move(VIEWPORT["width"] - 20, 20)
    page.wait_for_timeout(300)
    shoot(page, "training.png", tmp_path, publish=True)

    # Finish the set: the right actions for the other cases, then the results summary.
    for number, case in enumerate(cases[1:], start=2):
        page.get_by_role("button", name="Next case").click()
        page.get_by_role("heading", name=f"Case {number} of {SET_SIZE}: {case.title}").wait_for(
            timeout=30_000
        )
        settle(page)
        _choose(page, [o for o in training.options(case) if o.correct])
        page.get_by_role("heading", name="Score: 100 %").wait_for(timeout=30_000)
        settle(page)
    summary = page.get_by_role("heading", name="Results for this set")
    summary.wait_for(timeout=30_000)
    overall = round((1 / (len(right) + 1) + SET_SIZE - 1) / SET_SIZE * 100)
    page.get_by_text(f"{SET_SIZE} of {SET_SIZE} cases done · overall {overall} %").wait_for()
    page.get_by_role("button", name=f"Retry: {cases[0].title}").wait_for()
    _headings_in_order(page)
    scroll_to_top_of(summary, margin=12)
    page.wait_for_timeout(300)
    shoot(page, "training-summary.png", tmp_path, publish=False)
