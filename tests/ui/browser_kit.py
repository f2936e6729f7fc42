"""The real-browser kit shared by the browser test modules: the Streamlit server and Debian's
chromium (fixtures in conftest.py, session-scoped: one server and one browser for them all),
the timings file, and small page helpers.

Runs in CI (CI=true) without exception; elsewhere the browser tests are skipped, with a message,
only when /usr/bin/chromium is missing (`make browser` installs it). It never downloads a browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.localhost import free_port, stop

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


@contextmanager
def start_server(log: Path) -> Iterator[Server]:
    """`streamlit run app.py` on a free port, ready when /_stcore/health says ok; stopped after."""
    port = free_port()
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
        stop(process, grace_s=20)
