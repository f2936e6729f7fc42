"""The real-browser kit shared by the browser test modules: the Streamlit server and Debian's
chromium (fixtures in conftest.py, session-scoped: one server and one browser for them all),
the timings file, and small page helpers.

Runs in CI (CI=true) without exception; elsewhere the browser tests are skipped, with a message,
only when /usr/bin/chromium is missing (`make browser` installs it). It never downloads a browser.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

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


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    started: float
    process: subprocess.Popen
    log: Path


def settle(page) -> None:
    """Wait until Streamlit has finished the run and the fonts (icons) are loaded."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=ANSWER_LIMIT * 1000,
    )
    page.wait_for_function("() => document.fonts.status === 'loaded'")


def send(page, text: str, expect: str) -> float:
    """Submit a message; seconds until the new answer shows `expect`."""
    count = page.locator(MESSAGE).count()
    box = page.get_by_placeholder(CHAT_INPUT)
    box.fill(text)
    start = time.perf_counter()
    box.press("Enter")
    answer = page.locator(MESSAGE).nth(count + 1)
    answer.get_by_text(expect).filter(visible=True).first.wait_for(timeout=ANSWER_LIMIT * 1000)
    return time.perf_counter() - start


def scroll_to_top_of(locator, margin: int = 70) -> None:
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


def publishing() -> bool:
    return os.environ.get("NG234_PUBLISH_SCREENSHOTS", "").strip() not in ("", "0")


def shoot(page, name: str, tmp_path: Path, *, publish: bool) -> None:
    page.screenshot(path=str(tmp_path / name))
    SHOTS_OUT.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tmp_path / name, SHOTS_OUT / name)
    if publish and publishing():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tmp_path / name, SCREENSHOTS / name)
