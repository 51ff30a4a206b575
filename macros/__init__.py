"""mkdocs-macros entry point: load the data once, register the page macros.

The language is read at render time (define_env runs before any page exists,
and static-i18n re-runs the build once per language).
"""

from __future__ import annotations

from pathlib import Path

from .facts import load_facts
from .render import Renderer

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "facts.yml"


def page_language(env) -> str:
    return env.conf["theme"]["language"]


def define_env(env):
    facts = load_facts(DATA_FILE)
    env.variables["facts"] = facts
    from . import freshness  # marks /en/ pages whose Chinese original changed since translation

    freshness.register(env)

    def renderer() -> Renderer:
        page = env.page
        return Renderer(facts, page_language(env), page.file.src_uri if page else "index.md")

    from . import visuals  # chart(), diagram(), corrections_for(), corrections_page(), glossary tooltips

    visuals.register(env, facts, renderer)

    @env.macro
    def fig(key: str, style: str | None = None) -> str:
        """A figure with its unit, status badge and a link to its source."""
        return renderer().fig(key, style)

    @env.macro
    def formula(key: str) -> str:
        """How a derived figure is computed, in words and with the numbers."""
        return renderer().formula(key)

    @env.macro
    def status_legend() -> str:
        return renderer().status_legend()

    @env.macro
    def sources_list() -> str:
        return renderer().sources_list()

    @env.macro
    def figure_register() -> str:
        return renderer().figure_register()
