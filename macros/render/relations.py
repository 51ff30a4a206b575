"""Relations between figures, computed when a page is built.

A sentence that compares two figures ("matches the official figure", "about 13× less", "does not
fit") either prints the comparison from the data or carries an assertion, so the words fail the
build as soon as data/facts.yml no longer supports them:

    {{ ratio("a", "b") }}              a ÷ b, formatted like a figure of unit `times` (2 significant
                                       figures, ≈ when rounded), marked derived, formula in the tooltip
    {{ ratio("a", "b", "fraction") }}  the same as a fraction (1/13); also "percent"
    {{ agrees("a", "b") }}             renders nothing; fails unless a and b agree within the
                                       precision they are given at (235,093,634,560 agrees with 235B)
    {{ agrees("a", "b", 0.05) }}       renders nothing; fails unless they are within 5 % of each other
    {{ check("a", ">", "b") }}         renders nothing; fails unless a > b (also >=, <, <=, ==, !=);
    {{ check("a", "<", "b", 4) }}      a < 4 × b; dates (ISO strings) compare as dates

A failed assertion names the page, the figures and their values.
"""

from __future__ import annotations

import html
import operator
from decimal import Decimal

from .. import derived
from ..facts import Fact
from ..numbers import as_text
from .figures import Figures, attr

OPERATORS = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}
RATIO_STYLES = (None, "fraction", "percent")


class RelationError(ValueError):
    """The data no longer supports a sentence of a page."""


def half_unit(value: float) -> float:
    """Half a unit in the last significant digit, as the value is written: 235e9 -> 5e8, 0.35 -> 0.005."""
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    return 0.5 * 10.0**exponent


def agreement(a: float, b: float, within: float | None = None) -> bool:
    """Within the coarser figure's precision, or within a relative tolerance (0.05 = 5 %)."""
    if within is None:
        return abs(a - b) <= max(half_unit(a), half_unit(b))
    return abs(a - b) <= within * max(abs(a), abs(b))


class Relations:
    """The relation macros for one page."""

    def __init__(self, figures: Figures):
        self.figures = figures
        self.page = figures.page
        self.facts = figures.facts

    def where(self) -> str:
        return f"docs/{self.page.site.source_file(self.page.src, self.page.lang)}"

    def fail(self, call: str, message: str) -> RelationError:
        return RelationError(
            f"{self.where()}: {call}: {message}. The sentence next to it says otherwise: change the words,"
            " or check data/facts.yml"
        )

    def number(self, call: str, key: str) -> float:
        value = self.facts[key].value
        if isinstance(value, str):
            raise self.fail(call, f"{key} is not a number ({value!r})")
        return value

    def shown(self, key: str) -> str:
        return f"{key} = {self.facts[key].value!r}"

    # --- ratio: printed ------------------------------------------------------------------

    def ratio_fact(self, a: str, b: str) -> Fact:
        """a ÷ b as a derived figure (not in the register: it exists only in the sentence)."""
        call = f"ratio({a!r}, {b!r})"
        top, bottom = self.number(call, a), self.number(call, b)
        if bottom == 0:
            raise self.fail(call, f"division by zero ({self.shown(b)})")
        expr = derived.div(derived.Ref(a, qualified=True), derived.Ref(b, qualified=True))
        return Fact(
            key=f"{a}/{b}",
            value=top / bottom,
            unit="times",
            status="derived",
            sources=tuple(dict.fromkeys(self.facts[a].sources + self.facts[b].sources)),
            formula=expr,
            basis=derived.basis_of(expr, self.facts),
        )

    def ratio(self, a: str, b: str, style: str | None = None) -> str:
        if style not in RATIO_STYLES:
            raise self.fail(f"ratio({a!r}, {b!r}, {style!r})", f"style must be one of {RATIO_STYLES[1:]}")
        fact = self.ratio_fact(a, b)
        page, lang = self.page, self.page.lang
        value = page.data.formatter.figure(fact.value, fact.unit, lang, style)
        words = html.escape(derived.render_words(fact.formula, page.words, lang))
        numbers = derived.render(
            fact.formula, lambda e: self.figures.formula_number(self.facts[e.key].value, self.facts[e.key].unit)
        )
        colon = page.t("punct.colon")
        sources = page.t("punct.semicolon").join(self.figures.source_title(s) for s in fact.sources)
        tooltip = derived.spaced_join(
            "·",
            [
                f"{self.figures.status_name(fact)}{colon}{page.t('status.derived.long')}",
                f"{page.t('relation.ratio')}{colon}{as_text(derived.spaced_join('=', [words, numbers, value]))}",
                f"{page.t('figure.source')}{colon}{sources}",
            ],
        )
        mark = f'<span class="fig__mark" data-search-exclude>{html.escape(self.figures.marker(fact))}</span>'
        classes = " ".join(dict.fromkeys(("fig", "fig--derived", f"fig--{fact.evidence}", "fig--ratio")))
        return (
            f'<span class="{classes}" data-ratio="{attr(a)} {attr(b)}" data-status="derived"'
            f' title="{attr(tooltip)}"><span class="fig__value">{value}</span>{mark}</span>'
        )

    # --- assertions: nothing printed -----------------------------------------------------

    def agrees(self, a: str, b: str, within: float | None = None) -> str:
        call = f"agrees({a!r}, {b!r}" + (f", {within!r})" if within is not None else ")")
        if within is not None and not 0 < within < 1:
            raise self.fail(call, "the tolerance is a fraction between 0 and 1 (0.05 = 5 %)")
        va, vb = self.number(call, a), self.number(call, b)
        if not agreement(va, vb, within):
            limit = f"{within:.0%}" if within is not None else "the precision they are given at"
            raise self.fail(call, f"{self.shown(a)} and {self.shown(b)} differ by more than {limit}")
        return ""

    def check(self, a: str, op: str, b: str, factor: float = 1) -> str:
        call = f"check({a!r}, {op!r}, {b!r}" + (f", {factor!r})" if factor != 1 else ")")
        try:
            compare = OPERATORS[op]
        except KeyError:
            raise self.fail(call, f"unknown comparison {op!r} (use {', '.join(OPERATORS)})") from None
        fa, fb = self.facts[a], self.facts[b]
        if (fa.unit == "date") != (fb.unit == "date"):
            raise self.fail(call, f"a date can only be compared with a date ({a}: {fa.unit}, {b}: {fb.unit})")
        if fa.unit == "date":
            if factor != 1:
                raise self.fail(call, "dates take no factor")
            left, right = fa.value, fb.value  # ISO dates order as strings
        else:
            left, right = self.number(call, a), factor * self.number(call, b)
        if not compare(left, right):
            scaled = f" × {factor!r}" if factor != 1 else ""
            raise self.fail(call, f"false: {self.shown(a)} {op} {self.shown(b)}{scaled}")
        return ""
