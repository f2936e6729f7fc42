"""First load of the app (issue #15): from starting the server to a usable chat input.

Each run starts `streamlit run app.py` (what `make run` runs once the index is built) on a free
loopback port, opens the app in Debian's headless chromium the moment the server answers its
health check, and stops the clock when the chat input is visible and enabled. It then types a
message at once and times its answer, which waits for the model and the index still loading
in the background (the page says so meanwhile). Needs the test extras (Playwright) and
/usr/bin/chromium, which `make test` installs; `ng234 bench --only first_load` runs it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.localhost import free_port, stop

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
RUNS = 5
LIMIT_S = 180
CHAT_INPUT = '[data-testid="stChatInputTextArea"]'
FIRST_MESSAGE = "known prostate ca, new leg weakness"
#: The loading message the page shows while the model and index load (assistant/ui/resources).
LOADING_WORDS = "Loading the embedding model"


class BenchUnavailableError(AssistantError):
    """The first-load benchmark cannot run here (no chromium or no Playwright)."""

    hint = "Run `make test` once (it installs Debian's chromium and the test extras)."


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def one_run(browser) -> dict[str, float | bool]:
    """One cold server start: seconds to health, to a usable chat input, to the first answer."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not _healthy(url):
            if process.poll() is not None or time.perf_counter() - start > LIMIT_S:
                raise BenchUnavailableError("the app did not start (streamlit run app.py)")
            time.sleep(0.05)
        healthy = time.perf_counter() - start
        page = browser.new_page()
        page.goto(url)
        box = page.locator(CHAT_INPUT)
        box.wait_for(state="visible", timeout=LIMIT_S * 1000)
        page.wait_for_function(
            "s => { const e = document.querySelector(s); return e && !e.disabled; }",
            arg=CHAT_INPUT,
            timeout=LIMIT_S * 1000,
        )
        usable = time.perf_counter() - start
        loading_shown = page.get_by_text(LOADING_WORDS).count() > 0
        box.fill(FIRST_MESSAGE)
        box.press("Enter")
        page.get_by_text("Do now").first.wait_for(timeout=LIMIT_S * 1000)
        answered = time.perf_counter() - start
        page.close()
    finally:
        stop(process, grace_s=20)
    return {
        "health_s": healthy,
        "chat_input_usable_s": usable,
        "first_answer_s": answered,
        "loading_message_shown": loading_shown,
    }


def measure(runs: int = RUNS) -> dict[str, Any]:
    """Medians over `runs` cold starts (the index must be built: `make run` builds it first)."""
    if not CHROMIUM.exists():
        raise BenchUnavailableError(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise BenchUnavailableError("Playwright is not installed") from exc
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            results = [one_run(browser) for _ in range(runs)]
        finally:
            browser.close()

    def median(key: str) -> float:
        return round(statistics.median(float(r[key]) for r in results), 2)

    return {
        "command": "streamlit run app.py (as make run), chromium headless",
        "runs": runs,
        "server_healthy_median_s": median("health_s"),
        "chat_input_usable_median_s": median("chat_input_usable_s"),
        "chat_input_usable_max_s": round(max(float(r["chat_input_usable_s"]) for r in results), 2),
        "first_answer_median_s": median("first_answer_s"),
        "loading_message_shown_runs": sum(1 for r in results if r["loading_message_shown"]),
        "target_s": 8.0,
    }
