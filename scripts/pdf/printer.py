"""Print the built print views with Chromium (Playwright's page.pdf): A4, tagged, with bookmarks.

For each document a draft is printed with the installed fonts. It tells which characters were drawn
as Type 3 (scripts/pdf/fonts.py) and, for the booklet, on which page each contents entry starts (the
PDF's named destinations). The final print adds the TrueType subsets, which have the same metrics
as the installed faces and so keep the layout, and writes the page numbers into the contents; it is
repeated if a number moved. A handout is printed at smaller type steps until it fits one page.
"""

from __future__ import annotations

import io
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from scripts.chromium import launch
from scripts.local_server import LocalServer

from . import checks, fonts
from .documents import Document

HANDOUT_SCALES = (1.0, 0.96, 0.92, 0.88, 0.84)  # --print-view-scale steps, largest first
PASSES = 3  # final prints of the booklet at most, until its page numbers hold

NUMBERED = "[...document.querySelectorAll('[data-page-of]')].map(e => e.dataset.pageOf)"
FILL_NUMBERS = """numbers => document.querySelectorAll('[data-page-of]').forEach(e => {
    e.textContent = numbers[e.dataset.pageOf] ?? ''; })"""
SET_SCALE = "s => document.documentElement.style.setProperty('--print-view-scale', String(s))"
SETTLE = "() => { document.body.getBoundingClientRect(); return document.fonts.ready.then(() => true); }"


@dataclass
class Result:
    document: Document
    file: Path
    pages: int
    seconds: float  # this file's own print passes

    @property
    def bytes(self) -> int:
        return self.file.stat().st_size


class View:
    """One print view open in a tab, printed as often as needed."""

    def __init__(self, browser, url: str, document: Document):
        self.document = document
        self.page = browser.new_page()
        self.page.goto(url, wait_until="load")
        self.page.emulate_media(media="print")
        self.page.evaluate(SETTLE)
        self.seconds = 0.0
        self.scale = HANDOUT_SCALES[0]

    def print(self) -> bytes:
        began = time.perf_counter()
        self.page.evaluate(SETTLE)
        pdf = self.page.pdf(prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
        self.seconds += time.perf_counter() - began
        return pdf

    def text(self) -> str:
        return self.page.evaluate("document.documentElement.textContent")

    def add_fonts(self, css: str) -> None:
        if css:
            self.page.add_style_tag(content=css)

    # booklet: page numbers in the contents

    def numbered(self) -> list[str]:
        return self.page.evaluate(NUMBERED)

    def fill(self, numbers: dict[str, int]) -> None:
        self.page.evaluate(FILL_NUMBERS, {k: str(v) for k, v in numbers.items()})

    # handout: one page

    def fit(self) -> bytes:
        for scale in HANDOUT_SCALES:
            self.scale = scale
            self.page.evaluate(SET_SCALE, scale)
            pdf = self.print()
            if pages(pdf) == 1:
                break
        return pdf


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def destination_pages(pdf: bytes, anchors: list[str]) -> dict[str, int]:
    """Anchor -> page (1-based) of the named destinations Chromium writes for linked ids."""
    reader = PdfReader(io.BytesIO(pdf))
    named = {name.lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    return {a: reader.get_destination_page_number(named[a]) + 1 for a in anchors if a in named}


def log(message: str) -> None:
    print(f"pdf: {message}", file=sys.stderr, flush=True)


def make_pdfs(site_dir: Path, out: Path, docs: list[Document]) -> list[Result]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    results, failures = [], []
    with LocalServer(site_dir) as server, sync_playwright() as playwright:
        began = time.perf_counter()
        browser = launch(playwright)
        views = [View(browser, server.url + doc.url_path, doc) for doc in docs]
        log(f"{len(views)} print views open in {time.perf_counter() - began:.1f} s")

        drafts, numbers = {}, {}
        for view in views:
            if view.document.kind == "booklet":
                drafts[view] = view.print()
                numbers[view] = destination_pages(drafts[view], view.numbered())
            else:
                drafts[view] = view.fit()
            log(f"{view.document.name}: draft, {pages(drafts[view])} pages")

        began = time.perf_counter()
        written = set("".join(view.text() for view in views))
        css = fonts.font_face_css(fonts.type3_characters(drafts.values()), written)
        log(f"font subsets in {time.perf_counter() - began:.1f} s")

        for view in views:
            view.add_fonts(css)
            if view in numbers:
                for _ in range(PASSES):
                    view.fill(numbers[view])
                    pdf = view.print()
                    found = destination_pages(pdf, view.numbered())
                    if found == numbers[view]:
                        break
                    numbers[view] = found
                missing = [a for a in view.numbered() if a not in numbers[view]]
            else:
                pdf = view.fit() if view.document.kind in checks.ONE_PAGE_KINDS else view.print()
                missing = []
            target = out / view.document.file_name
            target.write_bytes(pdf)
            for problem in checks.problems(pdf, view.document.kind, server.url, missing):
                failures.append(f"{target.name}: {problem}")
            results.append(Result(view.document, target, pages(pdf), view.seconds))
        browser.close()
    if failures:
        raise SystemExit("pdf: the PDFs are not right:\n  " + "\n  ".join(failures))
    return results
