"""HTML/Markdown that the page macros emit: figures, formulas, the sources page."""

from __future__ import annotations

import html
from posixpath import relpath

from . import derived
from .facts import Fact, Facts
from .i18n import DERIVED_FROM, STATUS, STATUS_LONG, TEXT, colon, parenthesized, t
from .numbers import compact, format_figure, plain


def anchor_for_source(source_id: str) -> str:
    return f"src-{source_id.replace('_', '-')}"


def anchor_for_figure(key: str) -> str:
    return "fig-" + key.replace(".", "-").replace("_", "-")


def link_to(page_src: str, target: str) -> str:
    """Relative Markdown link from one docs file to another (unsuffixed, i18n picks the language)."""
    here = page_src.rsplit("/", 1)[0] if "/" in page_src else "."
    return relpath(target, here)


def figure_target(fact: Fact) -> str:
    """Where a figure's badge points on the Sources page: its source, or for a derived figure its formula row."""
    return anchor_for_figure(fact.key) if fact.status == "derived" else anchor_for_source(fact.sources[0])


def status_label(fact: Fact, lang: str) -> str:
    if fact.status == "derived" and fact.basis in DERIVED_FROM:
        return t(DERIVED_FROM, fact.basis, lang)
    return t(STATUS, fact.status, lang)


class Renderer:
    """Renders figures for one page: knows the facts, the language and where the page sits."""

    def __init__(self, facts: Facts, lang: str, page_src: str):
        self.facts, self.lang, self.page_src = facts, lang, page_src

    def _sources_page(self) -> str:
        return link_to(self.page_src, "sources.md")

    def source_title(self, source_id: str) -> str:
        source = self.facts.sources[source_id]
        return getattr(source.label, self.lang) + parenthesized(source.date, self.lang)

    def text(self, key: str, style: str | None = None) -> str:
        fact = self.facts[key]
        return format_figure(fact.value, fact.unit, self.lang, style)

    def tooltip(self, fact: Fact) -> str:
        c = colon(self.lang)
        parts = [f"{status_label(fact, self.lang)}{c}{t(STATUS_LONG, fact.status, self.lang)}"]
        if fact.formula is not None:
            parts.append(f"{t(TEXT, 'formula', self.lang)}{c}{self.formula_text(fact.key)}")
        sources = ("；" if self.lang == "zh" else "; ").join(self.source_title(s) for s in fact.sources)
        parts.append(f"{t(TEXT, 'source', self.lang)}{c}{sources}")
        return " · ".join(parts)

    def fig(self, key: str, style: str | None = None) -> str:
        fact = self.facts[key]
        link = f"{self._sources_page()}#{figure_target(fact)}"
        return (
            f'<span class="fig fig--{fact.status}" data-fig="{key}" data-status="{fact.status}"'
            f' title="{html.escape(self.tooltip(fact))}">'
            f'<span class="fig__value">{html.escape(self.text(key, style))}</span>'
            f'<sup class="fig__status">[{status_label(fact, self.lang)}]({link})</sup></span>'
        )

    def formula_text(self, key: str) -> str:
        fact = self.facts[key]
        if fact.formula is None:
            raise ValueError(f"figure {key!r} is not derived, so it has no formula")
        words = derived.render_words(fact.formula, self.lang)
        numbers = derived.render_numbers(fact.formula, self.facts, self._formula_number)
        result = self.text(key)
        if fact.unit == "bytes":
            result = self.text(key, "exact") + f" ≈ {self.text(key)}"
        return f"{words} = {numbers} = {result}"

    def _formula_number(self, value) -> str:
        """Inputs up to a million written out (94, 128); larger ones compact (440亿, 44B)."""
        return plain(value, self.lang) if abs(value) < 1_000_000 else compact(value, self.lang)

    def formula(self, key: str) -> str:
        name = derived.TERM_LABELS.get(key.split(".")[-1], {}).get(self.lang)
        lead = f"{name} = " if name else ""
        return f'<span class="formula" data-formula="{key}">{lead}{html.escape(self.formula_text(key))}</span>'

    # --- the sources page -------------------------------------------------

    def status_legend(self) -> str:
        return "\n".join(
            f"- **{t(STATUS, status, self.lang)}**{colon(self.lang)}{t(STATUS_LONG, status, self.lang)}"
            for status in STATUS
        )

    def sources_list(self) -> str:
        lines = []
        for source in self.facts.sources.values():
            users = [k for k, f in self.facts.figures.items() if source.id in f.sources]
            lines.append(
                f"- [{html.escape(source.title)}]({source.url}){{ #{anchor_for_source(source.id)} }}"
                f" — {html.escape(source.publisher)}, {source.date}."
                f" {t(TEXT, 'used_by', self.lang)}{colon(self.lang)}{len(users)}"
            )
        return "\n".join(lines)

    def figure_register(self) -> str:
        head = [t(TEXT, k, self.lang) for k in ("key", "value", "status", "sources")]
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for key, fact in self.facts.figures.items():
            sources = ", ".join(
                f"[{getattr(self.facts.sources[s].label, self.lang)}](#{anchor_for_source(s)})" for s in fact.sources
            )
            value = html.escape(self.text(key))
            if fact.formula is not None:
                value += f"<br><small>{html.escape(self.formula_text(key))}</small>"
            rows.append(
                f'| <span id="{anchor_for_figure(key)}">`{key}`</span> | {value} '
                f"| {status_label(fact, self.lang)} | {sources} |"
            )
        return "\n".join(rows)
