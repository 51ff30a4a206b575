"""The macros a page can call. Each returns a short token (macros/stash.py); the HTML goes in after Markdown.

{{ fig("qwen3_235b.total_params") }}     a figure: value, unit, status, link to its register row
{{ fig("…", "bare") }}                   styles: bare, exact, compact, fraction, percent, gib
{{ formula("qwen3_235b.active_share") }} a derived figure's formula, in words and numbers
{{ chart("params") }}                    charts: params, tokens, flops, kv-cache, memory
{{ diagram("qwen3-pretraining") }}       diagrams: data/diagrams.yml
{{ comparison_table("at_a_glance") }}    tables: data/tables.yml
{{ corrections_for("architecture") }}    the chapter's "what this chapter corrects" box
{{ key_corrections(3) }}                 the most important corrections, one line each
{{ chapter_cards() }}                    the home page's card per chapter (title, takeaway, link)
{{ corrections_page() }}, {{ glossary_table() }}, {{ status_legend() }}, {{ sources_list() }},
{{ figure_register() }}                  the bodies of the reference pages
"""

from __future__ import annotations

from pathlib import Path

from . import freshness
from .data import load_data
from .page import Page, page_for
from .render import sources
from .render.cards import chapter_cards as cards_html
from .render.corrections import Corrections
from .render.figures import Figures
from .render.glossary import glossary_page
from .render.tables import comparison_table as table_html
from .stash import STASH
from .visuals.charts import chart_html
from .visuals.diagrams import diagram_html


def register(env) -> None:
    root = Path(env.conf.config_file_path).resolve().parent
    freshness.register(env)

    def page() -> Page:
        lang = env.conf["theme"]["language"]
        return page_for(load_data(root), lang, env.page.file.src_uri if env.page else "index.md")

    def figures() -> Figures:
        return Figures(page())

    macro = env.macro

    @macro
    def fig(key: str, style: str | None = None) -> str:
        """A figure with its unit, its status (visible unless official) and a link to its register row."""
        return STASH.inline(figures().fig(key, style))

    @macro
    def formula(key: str) -> str:
        return STASH.inline(figures().formula(key))

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
