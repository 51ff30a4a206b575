"""Figures in a page: the value, its status (quiet when official, visible otherwise), its source.

    <a class="fig fig--reported" href="../sources/#fig-gpt4-total-params" data-fig="gpt4.total_params"
       data-status="reported" title="传闻：媒体或分析机构报道，未经官方证实 · 来源：SemiAnalysis 报道">
       1.8万亿参数<span class="fig__mark" data-search-exclude>传闻</span></a>

Every figure links to its row in the figure register (status, source, formula, report link). The
marker is left out of the search index, so snippets read "1.8万亿参数", never "参数传闻".
"""

from __future__ import annotations

import html
import re

from .. import derived
from ..facts import Fact
from ..numbers import as_text
from ..page import Page

SOURCES_PAGE = "sources.md"


def anchor_for_source(source_id: str) -> str:
    return f"src-{source_id.replace('_', '-')}"


def anchor_for_figure(key: str) -> str:
    return "fig-" + key.replace(".", "-").replace("_", "-")


def status_key(fact: Fact) -> str:
    """The words.yml entry under `status.` for a figure (derived figures say what they rest on)."""
    if fact.status == "derived" and fact.basis in ("reported", "unverified"):
        return f"derived_from_{fact.basis}"
    return fact.status


def attr(text: str) -> str:
    return html.escape(text, quote=True)


class Figures:
    """Figures and formulas for one page."""

    def __init__(self, page: Page):
        self.page = page
        self.facts = page.data.facts
        self.format = page.data.formatter

    # --- values -------------------------------------------------------------------------

    def value(self, key: str, style: str | None = None) -> str:
        """The formatted value as HTML (number and unit)."""
        fact = self.facts[key]
        return self.format.figure(fact.value, fact.unit, self.page.lang, style, fact.sig, fact.form)

    def status_name(self, fact: Fact) -> str:
        return self.page.t(f"status.{status_key(fact)}.name")

    def marker(self, fact: Fact) -> str:
        key = status_key(fact)
        return self.page.t(
            f"status.{key}.marker" if f"status.{key}.marker" in self.page.words else f"status.{key}.name"
        )

    def source_title(self, source_id: str) -> str:
        source = self.facts.sources[source_id]
        return source.label[self.page.lang] + self.page.t("punct.paren", text=self.date(source))

    def date(self, source) -> str:
        return self.format.figure(source.date, "date", self.page.lang)

    def tooltip(self, fact: Fact) -> str:
        """Plain text for the title attribute: status, formula, sources."""
        t, colon = self.page.t, self.page.t("punct.colon")
        long_name = t(f"status.{fact.status}.long")
        parts = [f"{self.status_name(fact)}{colon}{long_name}" if fact.status != "official" else long_name]
        if fact.formula is not None:
            parts.append(f"{t('figure.formula')}{colon}{as_text(self.formula_text(fact.key))}")
        sources = t("punct.semicolon").join(self.source_title(s) for s in fact.sources)
        parts.append(f"{t('figure.source')}{colon}{sources}")
        return derived.spaced_join("·", parts)

    def register_link(self, key: str) -> str:
        return self.page.link(SOURCES_PAGE, anchor_for_figure(key))

    def fig(self, key: str, style: str | None = None) -> str:
        fact = self.facts[key]
        mark = (
            f'<span class="fig__mark" data-search-exclude>{html.escape(self.marker(fact))}</span>'
            if fact.status != "official"
            else ""
        )
        styled = f' data-style="{attr(style)}"' if style else ""
        classes = " ".join(dict.fromkeys(("fig", f"fig--{fact.status}", f"fig--{fact.evidence}")))
        return (
            f'<a class="{classes}" href="{attr(self.register_link(key))}"'
            f' data-fig="{attr(key)}" data-status="{fact.status}"{styled} title="{attr(self.tooltip(fact))}">'
            f'<span class="fig__value">{self.value(key, style)}</span>{mark}</a>'
        )

    # --- formulas -----------------------------------------------------------------------

    def formula_number(self, value, unit: str) -> str:
        """A formula input: written out up to a million (94, 128), compact above (440亿, 44B)."""
        lang = self.page.lang
        if unit == "flop":
            return self.format.figure(value, unit, lang, "bare")
        if abs(value) < 1_000_000:
            return self.format.figure(value, "count", lang, "exact")
        if unit == "bytes":  # 96 GB, not "96B" (which reads as bytes) or 960亿
            return self.format.figure(value, unit, lang)
        return self.format.figure(value, "count", lang, "compact")

    def formula_text(self, key: str) -> str:
        """words = numbers = result, as HTML."""
        fact = self.facts[key]
        if fact.formula is None:
            raise ValueError(f"figure {key!r} is not derived, so it has no formula")
        words = html.escape(derived.render_words(fact.formula, self.page.words, self.page.lang))

        def leaf(expr):
            value = derived.evaluate(expr, self.facts)
            unit = self.facts[expr.key].unit if isinstance(expr, derived.Ref) else "count"
            return self.formula_number(value, unit)

        numbers = derived.render(fact.formula, leaf)
        result = self.value(key)
        if fact.unit == "bytes":
            result = f"{self.value(key, 'exact')} ≈ {result}"
        return derived.spaced_join("=", [words, numbers, result])

    def formula(self, key: str) -> str:
        name = key.rsplit(".", 1)[-1]
        lead = f"{html.escape(self.page.t(f'term.{name}'))} = " if f"term.{name}" in self.page.words else ""
        text = break_after_operators(lead + self.formula_text(key))
        return f'<span class="formula" data-formula="{attr(key)}">{text}</span>'


OPERATOR = re.compile("(\u00a0?)([=×÷+−≈])\u00a0(?!10<sup>)")  # never inside 4.4 × 10<sup>10</sup>


def break_after_operators(markup: str) -> str:
    """A formula's spaces do not break (a number keeps its unit); a line may end only after an operator."""
    return OPERATOR.sub("\\1\\2 ", markup.replace(" ", "\u00a0"))
