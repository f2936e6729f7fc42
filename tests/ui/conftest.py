"""Fixtures of the real-browser tests (session-scoped: one Streamlit server and one chromium for
every browser test module). The constants and page helpers are in browser_kit.py."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMINGS,
    VIEWPORT,
    Server,
    in_ci,
    start_server,
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
    """The app for every browser test module (one server per test session)."""
    with start_server(tmp_path_factory.mktemp("streamlit") / "streamlit.log") as running:
        yield running


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
