"""Helpers shared by the charts, diagrams, glossary and corrections modules.

Everything here is language-aware but page-independent; the page (for relative
links) is passed in explicitly so that the modules can be tested without MkDocs.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass

from .facts import Fact, Facts
from .i18n import STATUS, t
from .render import Renderer, figure_target, status_label


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def page_url_for(lang: str, slug: str) -> str:
    """Site URL (directory URLs) of a page: zh at /, en at /en/."""
    prefix = "en/" if lang == "en" else ""
    return prefix if slug in ("", "index") else f"{prefix}{slug}/"


def relative_url(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs ("architecture/" -> "../sources/")."""
    base = from_url or "."
    rel = posixpath.relpath(to_url or ".", base)
    return "./" if rel == "." else rel + "/"


@dataclass(frozen=True)
class Context:
    """What a visual needs to know about the page it is drawn on."""

    facts: Facts
    lang: str
    page_url: str = "architecture/"  # env.page.url, e.g. "architecture/" or "en/architecture/"

    def link(self, slug: str, anchor: str = "") -> str:
        url = relative_url(self.page_url, page_url_for(self.lang, slug))
        return url + (f"#{anchor}" if anchor else "")

    def source_link(self, fact: Fact) -> str:
        return self.link("sources", figure_target(fact))

    def status_text(self, fact: Fact) -> str:
        return status_label(fact, self.lang)

    def evidence(self, fact: Fact) -> str:
        """official | reported | unverified: how far a figure can be trusted (derived → its basis)."""
        if fact.status == "derived":
            return fact.basis or "official"
        return fact.status

    def fig_title(self, fact: Fact) -> str:
        """The same tooltip as a figure in the page text (status, formula, sources)."""
        return Renderer(self.facts, self.lang, "index.md").tooltip(fact)

    def fig_span(self, key: str, text: str, cls: str = "") -> str:
        """A figure inside raw HTML: the value, its key (for tests and tools) and a tooltip."""
        fact = self.facts[key]
        klass = f"fig fig--{fact.status}" + (f" {cls}" if cls else "")
        return f'<span class="{klass}" data-fig="{esc(key)}" title="{esc(self.fig_title(fact))}">{esc(text)}</span>'

    def status_word(self, status: str) -> str:
        return t(STATUS, status, self.lang)


def text_width(text: str, size: float) -> float:
    """Rough width of a label in px (CJK glyphs are square, Latin about half as wide)."""
    width = 0.0
    for ch in text:
        if ord(ch) >= 0x2E80:
            width += 1.0
        elif ch in " .,:;'|·()[]/-":
            width += 0.32
        elif ch.isupper() or ch.isdigit():
            width += 0.64
        else:
            width += 0.54
    return width * size
