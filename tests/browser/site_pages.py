"""The site's pages, found from docs/ (never a hard-coded list), with their URLs in the built site."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from macros.site import Site

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


@cache
def languages() -> tuple[str, tuple[str, ...]]:
    """(default locale, other locales), from the site model (macros/site.py)."""
    site = Site.load()
    return site.default.code, tuple(code for code in site.codes if code != site.default.code)


@dataclass(frozen=True)
class Page:
    lang: str
    path: str  # URL path under the site root: "" (home), "architecture/", "en/architecture/", "404.html"
    key: str  # the page's name shared by both languages: "index", "architecture", "404"

    @property
    def id(self) -> str:
        return f"{self.lang}:{self.path or '/'}"

    @property
    def is_404(self) -> bool:
        return self.key == "404"


@cache
def pages() -> tuple[Page, ...]:
    """Every page of both languages, from docs/ (URLs from the site model), plus the theme's 404."""
    site = Site.load()
    found = []
    for source in sorted(DOCS.rglob("*.md")):
        name = source.relative_to(DOCS).as_posix()
        lang = site.lang_of(name)
        key = site.base_src(name).removesuffix(".md")
        found.append(Page(lang, "404.html" if key == "404" else site.page_url(name, lang), key))
    if not any(p.is_404 for p in found):  # Material renders 404.html from the theme, once, at the root
        found.append(Page(site.default.code, "404.html", "404"))
    return tuple(found)


def reading() -> tuple[Page, ...]:
    """The pages people read on screen: not the print views (docs/print/), which are documents the PDF
    step prints (tests/test_print_views.py, tests/test_pdf.py), nor the 404."""
    return tuple(p for p in pages() if not p.key.startswith("print/") and not p.is_404)


def twin(page: Page) -> Page | None:
    """The same page in the other language (None for a page that exists in one language only)."""
    return next((p for p in pages() if p.key == page.key and p.lang != page.lang), None)


def switchable() -> list[Page]:
    """Pages that have a twin: the language switcher must land on it."""
    return [p for p in pages() if not p.is_404 and twin(p) is not None]
