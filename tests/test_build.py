"""The strict build of both languages: every chapter exists in zh at / and en at /en/."""

from __future__ import annotations

import re

import pytest
from project import ROOT

from docs_text import zh_pages
from macros.site import Site

CHAPTERS = [
    "architecture",
    "principles",
    "training-data",
    "workflow",
    "pros-cons",
    "inference-cost",
    "post-training",
    "summary",
]


def nav_pages() -> list[str]:
    return [page.src for page in Site.load().pages]


def page_html(site, slug: str, lang: str) -> str:
    """The built HTML of a page ("architecture", "index") in one language."""
    return (site / Site.load().page_url(f"{slug}.md", lang) / "index.html").read_text(encoding="utf-8")


def test_nav_follows_the_article_order():
    pages = nav_pages()
    chapters = [p[:-3] for p in pages if p[:-3] in CHAPTERS]
    assert chapters == CHAPTERS
    assert pages[0] == "index.md"


def test_every_page_is_built_in_both_languages(built_site):
    for page in zh_pages():
        slug = page.relative_to(ROOT / "docs").with_suffix("").as_posix()
        if slug == "404":
            continue
        for lang in ("zh", "en"):
            html = page_html(built_site, slug.removesuffix("/index") if slug != "index" else "index", lang)
            assert f'<html lang="{lang}"' in html, f"{slug} ({lang}) has the wrong lang attribute"


def test_pages_render_their_own_language(built_site):
    zh = page_html(built_site, "architecture", "zh")
    en = page_html(built_site, "architecture", "en")
    assert re.search(r"<h1[^>]*>架构设计", zh)
    assert re.search(r"<h1[^>]*>Architecture", en)
    assert "参数" in zh and "parameters" in en


# A macro call or variable left in the output ({{ fig(…) }}, {{ page.title }}, {% if %}); BibTeX's
# {{Group name}} in the cite box is not one.
UNRENDERED = re.compile(r"\{\{-?\s*[\w.]+\s*(?:\(|-?\}\})|\{%")


def test_no_unrendered_jinja_in_output(built_site):
    for html in built_site.rglob("*.html"):
        text = re.sub(r"<code>.*?</code>", "", html.read_text(encoding="utf-8"), flags=re.S)  # documented syntax
        assert not UNRENDERED.search(text), f"unrendered template syntax in {html}: {UNRENDERED.search(text)[0]}"


def test_the_unrendered_check_tells_macros_from_bibtex():
    assert (
        UNRENDERED.search('x {{ fig("a.b") }}') and UNRENDERED.search("{{ page.title }}") and UNRENDERED.search("{% if")
    )
    assert not UNRENDERED.search("author = {{GPT-4 vs Qwen3 contributors}},")


def test_no_third_party_fonts_or_scripts(built_site):
    """Pages must work offline and in mainland China: nothing is loaded from another host."""
    loads = re.compile(
        r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["'](https?:)?//"""
        r"""|<link\b(?=[^>]*\brel=["'](?:stylesheet|preload|modulepreload|icon|preconnect|dns-prefetch|manifest)["'])"""
        r"""[^>]*\bhref=["'](https?:)?//""",
        re.I,
    )
    for html in built_site.rglob("*.html"):
        found = loads.findall(html.read_text(encoding="utf-8"))
        assert not found, f"{html.relative_to(built_site)} loads something from another host"
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="ignore")
        assert not re.search(r"@import\s+url\(\s*[\"']?https?:|fonts\.googleapis", text), css.name


def test_the_host_check_catches_a_cdn_script(tmp_path):
    page = tmp_path / "x.html"
    page.write_text('<script src="https://unpkg.com/mermaid.js"></script>', encoding="utf-8")
    with pytest.raises(AssertionError):
        test_no_third_party_fonts_or_scripts(tmp_path)
