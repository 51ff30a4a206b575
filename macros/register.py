"""The macros a page can call. Each returns a short token (macros/stash.py); the HTML goes in after Markdown.

{{ fig("qwen3_235b.total_params") }}     a figure: value, unit, status, link to its register row
{{ fig("…", "bare") }}                   styles: bare, exact, compact, fraction, percent, gib
{{ formula("qwen3_235b.active_share") }} a derived figure's formula, in words and numbers
{{ chart("params") }}                    charts: params, tokens, flops, kv-cache, memory
{{ diagram("qwen3-pretraining") }}       diagrams: data/diagrams.yml
{{ comparison_table("at_a_glance") }}    tables: data/tables.yml
{{ corrections_for("architecture") }}    the chapter's "what this chapter corrects" box
{{ key_corrections(3) }}                 the most important corrections, one line each
{{ ratio("a", "b") }}                    a ÷ b, computed and formatted (macros/render/relations.py)
{{ agrees("a", "b") }}, {{ check("a", ">", "b") }}   assertions: print nothing, fail the build when false
{{ chapter_cards() }}                    the home page's card per chapter (title, takeaway, link)
{{ corrections_page() }}, {{ glossary_table() }}, {{ status_legend() }}, {{ sources_list() }},
{{ figure_register() }}                  the bodies of the reference pages
{{ calculator() }}, {{ calculator_table() }}, {{ calculator_formulas() }}, {{ calculator_presets() }}
                                         the serving calculator page (macros/render/calculator.py)
{{ calculator_link("article_30b_h20") }} a link to the calculator filled in for one of the article's claims
{{ open_data_files() }}, {{ cite_box() }} the sources page's downloads and citation (CITATION.cff)
{{ data_changelog() }}                   the data changelog page (git history of data/facts.yml)
"""

from __future__ import annotations

from pathlib import Path

from . import freshness
from .changelog import data_history
from .citation import load_citation
from .data import load_data
from .page import Page, page_for
from .render import open_data, sources
from .render.calculator import Calculator
from .render.cards import chapter_cards as cards_html
from .render.corrections import Corrections
from .render.figures import Figures
from .render.glossary import glossary_page
from .render.relations import Relations
from .render.tables import comparison_table as table_html
from .stash import STASH
from .visuals.charts import chart_html
from .visuals.diagrams import diagram_html

# The only names a page's template tags may call (macros/checks.py refuses any other template code).
MACROS = (
    "fig",
    "formula",
    "chart",
    "diagram",
    "comparison_table",
    "corrections_for",
    "key_corrections",
    "corrections_page",
    "glossary_table",
    "status_legend",
    "sources_list",
    "figure_register",
    "ratio",
    "agrees",
    "check",
    "calculator",
    "calculator_table",
    "calculator_formulas",
    "calculator_presets",
    "calculator_link",
    "open_data_files",
    "cite_box",
    "data_changelog",
    "chapter_cards",
)


def register(env) -> None:
    root = Path(env.conf.config_file_path).resolve().parent
    freshness.register(env)

    def page() -> Page:
        lang = env.conf["theme"]["language"]
        return page_for(load_data(root), lang, env.page.file.src_uri if env.page else "index.md")

    def figures() -> Figures:
        return Figures(page())

    def macro(function):
        if function.__name__ not in MACROS:
            raise RuntimeError(f"macros/register.py: add {function.__name__!r} to MACROS so pages may call it")
        return env.macro(function)

    @macro
    def fig(key: str, style: str | None = None) -> str:
        """A figure with its unit, its status (visible unless official) and a link to its register row."""
        return STASH.inline(figures().fig(key, style))

    @macro
    def formula(key: str) -> str:
        return STASH.inline(figures().formula(key))

    @macro
    def ratio(a: str, b: str, style: str | None = None) -> str:
        """a ÷ b as a derived figure: value, marker, formula in the tooltip."""
        return STASH.inline(Relations(figures()).ratio(a, b, style))

    @macro
    def agrees(a: str, b: str, within: float | None = None) -> str:
        """Nothing; the build fails unless a and b agree (within their precision, or `within`)."""
        return Relations(figures()).agrees(a, b, within)

    @macro
    def check(a: str, op: str, b: str, factor: float = 1) -> str:
        """Nothing; the build fails unless `a op factor × b` holds."""
        return Relations(figures()).check(a, op, b, factor)

    @macro
    def chart(name: str) -> str:
        return STASH.block(chart_html(name, figures()))

    @macro
    def diagram(name: str) -> str:
        return STASH.block(diagram_html(name, figures()))

    @macro
    def comparison_table(name: str) -> str:
        return STASH.block(table_html(name, figures()))

    @macro
    def corrections_for(chapter: str) -> str:
        return STASH.block(Corrections(figures(), STASH).for_chapter(chapter))

    @macro
    def key_corrections(count: int = 3) -> str:
        return STASH.block(Corrections(figures(), STASH).key_list(count))

    @macro
    def chapter_cards() -> str:
        return STASH.block(cards_html(page()))

    @macro
    def corrections_page() -> str:
        return Corrections(figures(), STASH).page_markdown()

    @macro
    def glossary_table() -> str:
        p = page()
        return glossary_page(p.data.glossary, p.words, p.lang, STASH)

    @macro
    def status_legend() -> str:
        return STASH.block(sources.status_legend(figures()))

    @macro
    def sources_list() -> str:
        return STASH.block(sources.sources_list(figures()))

    @macro
    def figure_register() -> str:
        return STASH.block(sources.figure_register(figures()))

    @macro
    def calculator() -> str:
        return STASH.block(Calculator(figures()).widget())

    @macro
    def calculator_table() -> str:
        return STASH.block(Calculator(figures()).table())

    @macro
    def calculator_formulas() -> str:
        return STASH.block(Calculator(figures()).formulas())

    @macro
    def calculator_presets() -> str:
        return STASH.block(Calculator(figures()).presets())

    @macro
    def calculator_link(name: str) -> str:
        return STASH.inline(Calculator(figures()).link(name))

    @macro
    def open_data_files() -> str:
        return STASH.block(open_data.data_files(figures(), data_history(root)))

    @macro
    def cite_box() -> str:
        return STASH.block(open_data.cite_box(figures(), load_citation(root)))

    @macro
    def data_changelog() -> str:
        return open_data.Changelog(figures(), data_history(root)).page_markdown(STASH)
