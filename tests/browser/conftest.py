"""Browser fixtures: Debian's Chromium driven by Playwright (no browser download), one browser per
session, a fresh context per test, and a watcher for console errors and network requests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.chromium import CHROMIUM, launch

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def missing(what: str) -> None:
    """A tool is absent: skip on a workstation, fail in CI (where nothing may be skipped)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} (CI=true: browser tests may not be skipped)", pytrace=False)
    pytest.skip(what)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Python playwright is not installed (pip install -r requirements-dev.txt)")
    if not Path(CHROMIUM).exists():
        missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or scripts/system-deps.sh)")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh profile per test (so a saved colour scheme or search state never leaks)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        missing(f"axe-core not found at {AXE} (make test installs it)")
    return AXE.read_text(encoding="utf-8")
