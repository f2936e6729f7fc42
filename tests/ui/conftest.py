"""Fixtures of the real-browser tests (session-scoped: one Streamlit server and one chromium for
every browser test module). The constants and page helpers are in browser_kit.py."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    STARTUP_LIMIT,
    TIMINGS,
    VIEWPORT,
    Server,
    free_port,
    in_ci,
)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium; in CI its absence is a failure, not a skip."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (`make browser` installs Debian's chromium)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`streamlit run app.py` on a free port, ready when /_stcore/health says ok."""
    port = free_port()
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


@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
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
