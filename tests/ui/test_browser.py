"""The app in a real browser: `streamlit run app.py` driven by Playwright and Debian's chromium.

Measures the time from `streamlit run` to an interactive page and from submitting a message to
the answer on screen (written to test-output/browser_timings.json and printed). Screenshots go
to test-output/screenshots/ (ignored by git), so `make test` leaves tracked files untouched;
`make screenshots` (NG234_PUBLISH_SCREENSHOTS=1) refreshes the README's docs/screenshots/.

Runs in CI (CI=true) without exception; elsewhere it is skipped, with a message, only when
/usr/bin/chromium is missing (`make browser` installs it). It never downloads a browser.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant import training

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "docs" / "screenshots"
#: Where every run's screenshots go (untracked); published to SCREENSHOTS only when asked.
SHOTS_OUT = ROOT / "test-output" / "screenshots"
TIMINGS = ROOT / "test-output" / "browser_timings.json"
VIEWPORT = {"width": 1360, "height": 900}
#: Bounded waits (seconds): start-up includes loading the model and the index.
STARTUP_LIMIT = 180
ANSWER_LIMIT = 60
#: A sanity bound for a warm answer on a loaded CI machine; the aim (1 s) is recorded, not
#: asserted, because other jobs share the CPU.
WARM_ANSWER_LIMIT = 10.0

CHAT_INPUT = "Describe the case or ask about NG234"
MESSAGE = '[data-testid="stChatMessage"]'

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def chromium() -> Path:
    """Debian's chromium; in CI its absence is a failure, not a skip."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (`make browser` installs Debian's chromium)"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    started: float
    process: subprocess.Popen
    log: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`streamlit run app.py` on a free port, ready when /_stcore/health says ok."""
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
    ]  # fmt: skip
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    health = f"http://127.0.0.1:{port}/_stcore/health"
    try:
        deadline = started + STARTUP_LIMIT
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(health, timeout=2) as response:
                    if response.status == 200 and response.read().strip() == b"ok":
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.perf_counter() > deadline:
                pytest.fail(f"streamlit not healthy after {STARTUP_LIMIT} s:\n{log.read_text()}")
            time.sleep(0.25)
        yield Server(f"http://127.0.0.1:{port}", started, process, log)
    finally:
        process.terminate()  # SIGTERM to this pid only
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium: Path, tmp_path_factory: pytest.TempPathFactory):
    """Headless Debian chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(chromium),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def timings() -> Iterator[dict]:
    """Figures collected by the tests, written to test-output/browser_timings.json."""
    figures: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_1min_before": round(os.getloadavg()[0], 2),
            "python": platform.python_version(),
        }
    }
    yield figures
    figures["machine"]["load_average_1min_after"] = round(os.getloadavg()[0], 2)
    TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nbrowser timings ({TIMINGS}):\n{json.dumps(figures, indent=2)}")


def _settle(page) -> None:
    """Wait until Streamlit has finished the run and the fonts (icons) are loaded."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=ANSWER_LIMIT * 1000,
    )
    page.wait_for_function("() => document.fonts.status === 'loaded'")


def _send(page, text: str, expect: str) -> float:
    """Submit a message; seconds until the new answer shows `expect`."""
    count = page.locator(MESSAGE).count()
    box = page.get_by_placeholder(CHAT_INPUT)
    box.fill(text)
    start = time.perf_counter()
    box.press("Enter")
    answer = page.locator(MESSAGE).nth(count + 1)
    answer.get_by_text(expect).filter(visible=True).first.wait_for(timeout=ANSWER_LIMIT * 1000)
    return time.perf_counter() - start


def _scroll_to_top_of(locator, margin: int = 70) -> None:
    """Scroll the app's scrolling container so that `locator` sits near the top of the view."""
    locator.evaluate(
        """(el, margin) => {
            // leave Streamlit's stick-to-bottom the way a reader does (a wheel event)
            const main = document.querySelector('[data-testid="stAppScrollToBottomContainer"]');
            if (main) main.dispatchEvent(new WheelEvent("wheel", {deltaY: -1}));
            el.scrollIntoView({block: "start"});
            let box = el.parentElement;
            while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
            if (box) box.scrollBy(0, -margin);
        }""",
        margin,
    )


def _publishing() -> bool:
    return os.environ.get("NG234_PUBLISH_SCREENSHOTS", "").strip() not in ("", "0")


def _shoot(page, name: str, tmp_path: Path, *, publish: bool) -> None:
    page.screenshot(path=str(tmp_path / name))
    SHOTS_OUT.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tmp_path / name, SHOTS_OUT / name)
    if publish and _publishing():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tmp_path / name, SCREENSHOTS / name)


def test_chat_in_a_real_browser(server: Server, browser, timings: dict, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(server.url)
    page.get_by_placeholder(CHAT_INPUT).wait_for(timeout=STARTUP_LIMIT * 1000)
    timings["startup_to_interactive_s"] = round(time.perf_counter() - server.started, 2)
    _settle(page)
    # The notice is on the page before anything is typed.
    page.get_by_text("Supports, does not replace, clinical judgement").first.wait_for()
    page.get_by_text("README.md#intended-purpose").first.wait_for()

    first = _send(page, "known breast ca, new back pain", "Questions that would change the answer")
    timings["first_answer_s"] = round(first, 2)
    _settle(page)
    warm = _send(page, "she has weak legs", "Immediately contact the MSCC coordinator")
    timings["warm_answer_s"] = round(warm, 2)
    _settle(page)
    answer = page.locator(MESSAGE).last
    card = answer.locator('[class*="st-key-rec-"][class*="-R1_3_2-contact-coordinator"]')
    assert card.get_by_text("NG234 1.3.2 · 2023").is_visible()
    # The verbatim quote opens from its expander.
    card.get_by_text("NICE's words (verbatim)").click()
    quote = card.get_by_text("Treat this as an oncological emergency. [2023]")
    quote.wait_for(timeout=10_000)
    assert "Immediately contact the MSCC coordinator" in card.inner_text()
    _scroll_to_top_of(page.locator(MESSAGE).nth(-2))
    page.mouse.move(VIEWPORT["width"] - 20, 20)  # no hover highlight in the picture
    page.wait_for_timeout(300)
    _shoot(page, "chat-quote.png", tmp_path, publish=False)

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
    _settle(page)

    more = []
    for text in ("no bladder or bowel problems", "she is awaiting radiotherapy"):
        more.append(_send(page, text, "Updated"))
        _settle(page)
    timings["warm_answers_s"] = [round(t, 2) for t in (warm, *more)]
    timings["warm_answer_median_s"] = round(statistics.median([warm, *more]), 2)

    # Typed HTML and Markdown are shown as typed, never rendered.
    typed = "<b>not bold</b> **nor this** <script>window.pwned=1</script>"
    _send(page, typed, "NG234")
    page.get_by_text(typed, exact=True).wait_for()
    assert page.evaluate("() => window.pwned === undefined")
    _shoot(page, "chat-after.png", tmp_path, publish=False)
    assert warm < WARM_ANSWER_LIMIT, timings


def test_training_in_a_real_browser(server: Server, browser, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(f"{server.url}/training")
    case = training.load_cases()[0]
    page.get_by_text(case.title).first.wait_for(timeout=STARTUP_LIMIT * 1000)
    _settle(page)
    options = training.options(case)
    # A plausible attempt: every right action but one, and one wrong choice.
    right = [o for o in options if o.correct]
    chosen = [*right[:-1], next(o for o in options if not o.correct)]
    for option in chosen:
        page.get_by_text(option.text, exact=True).click()
    page.get_by_role("button", name="Submit answers").click()
    page.get_by_text(f"Score: {len(right) - 2} of {len(right)}").wait_for(timeout=30_000)
    _settle(page)
    page.get_by_text(f"1 of {len(training.load_cases())} cases answered").first.wait_for()
    page.get_by_text("(verbatim)").first.click()  # NICE's words under the first verdict
    _scroll_to_top_of(page.get_by_text("cases answered").first, margin=12)
    page.mouse.move(VIEWPORT["width"] - 20, 20)
    page.wait_for_timeout(300)
    _shoot(page, "training.png", tmp_path, publish=True)


def test_guideline_deep_link_in_a_real_browser(server: Server, browser, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(f"{server.url}/?rec=1.8.1")
    page.get_by_text("Offer 16 mg of oral dexamethasone").first.wait_for(timeout=30_000)
    assert "/guideline" in page.url and "rec=1.8.1" in page.url
    page.get_by_role("button", name="Why? Rationale for 1.8.1–1.8.8").click()
    page.wait_for_url("**rec=rationale-1.8.1-1.8.8**", timeout=30_000)
    page.get_by_text("Why the committee made the recommendations").first.wait_for()
    _settle(page)
    _shoot(page, "guideline.png", tmp_path, publish=False)


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
    _settle(page)
    # An earlier long answer first, so the view has somewhere to be.
    _send(page, "known breast ca, new back pain", "Questions that would change the answer")
    _settle(page)
    _send(page, "she now has weak legs and can't pass urine", "Do now")
    _settle(page)
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
    name = "chat.png" if screen == "laptop" else f"first-action-{screen}.png"
    _shoot(page, name, tmp_path, publish=screen == "laptop")
    box, chat, ok = in_view()
    assert ok, f"taking the picture moved the first action on {screen}: {box}, chat {chat}"
