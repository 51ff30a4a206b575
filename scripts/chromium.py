"""Debian's Chromium and the flags it needs here (root, no GPU, a closed network): the one place the
PDF step, the benchmark and the browser tests find it. CHROME_PATH overrides the location."""

import os
import shutil

CHROMIUM = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    """This Chromium through Playwright (Playwright's own browser download is never used)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
