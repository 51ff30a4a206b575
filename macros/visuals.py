"""Registers the chart, diagram, corrections and glossary macros (called from define_env).

    {{ chart("params") }}                 macros/charts.py    (params, tokens, flops, kv-cache, memory)
    {{ diagram("qwen3-pretraining") }}    macros/diagrams.py  (qwen3-pretraining, qwen3-post-training,
                                                               gpt4-post-training)
    {{ corrections_for("architecture") }} macros/corrections.py: the chapter's box of corrections
    {{ corrections_page() }}              the corrections page body
    {{ glossary_table() }}                macros/glossary.py: the glossary page body
Glossary tooltips are appended to every page by a post-render hook (see macros/glossary.py).
"""

from __future__ import annotations

from . import charts, corrections, diagrams, glossary
from .facts import Facts
from .visual_common import Context


def register(env, facts: Facts, renderer) -> None:
    """renderer(): the page's macros.render.Renderer (fig/formula for the current page and language)."""

    def language() -> str:
        return env.conf["theme"]["language"]

    def context() -> Context:
        page = env.page
        return Context(facts, language(), page.url if page else "")

    terms = glossary.load_glossary()
    errata = corrections.load_corrections(facts=facts)

    @env.macro
    def chart(name: str) -> str:
        """An SVG chart drawn from data/facts.yml (names in macros/charts.py CHARTS)."""
        return charts.chart_html(name, context())

    @env.macro
    def diagram(name: str) -> str:
        """A pipeline diagram (names in macros/diagrams.py DIAGRAMS)."""
        return diagrams.diagram_html(name, context())

    def corrections_renderer() -> corrections.CorrectionsRenderer:
        r = renderer()
        return corrections.CorrectionsRenderer(
            errata, facts, r.lang, r.page_src, corrections.template_renderer(r.fig, r.formula)
        )

    @env.macro
    def corrections_for(chapter: str) -> str:
        """The chapter's list of corrections, linking to the corrections page."""
        return corrections_renderer().for_chapter(chapter)

    @env.macro
    def corrections_page() -> str:
        return corrections_renderer().page()

    glossary.register(env, terms, language)
