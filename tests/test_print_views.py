"""The print views `make pdf` prints (docs/print/, macros/print_views.py), as the site builds them.

No browser: the built HTML is read directly. tests/test_pdf.py checks the PDFs themselves.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from docs_text import DOCS, FRONT_MATTER, ROOT
from macros.data import load_data
from macros.print_views import Links
from macros.site import Site
from scripts.pdf.documents import documents

SITE_URL = Site.load().site_url
IDS = re.compile(r'\sid="([^"]+)"')


def article(html: str) -> str:
    return re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', html, re.S).group(1)


def booklet_pages(lang: str) -> list:
    """Nav pages in nav order, without those whose front matter says `booklet: false`."""
    site = Site.load()
    kept = []
    for page in site.pages:
        text = (DOCS / site.source_file(page.src, lang)).read_text(encoding="utf-8")
        meta = yaml.safe_load(FRONT_MATTER.match(text).group(0).strip("-\n")) if FRONT_MATTER.match(text) else {}
        if (meta or {}).get("booklet", True):
            kept.append(page)
    return kept


@pytest.fixture(scope="module")
def views(built_site) -> dict:
    """(kind, lang) -> built HTML of each print view."""
    return {
        (doc.kind, doc.lang): (built_site / doc.url_path / "index.html").read_text(encoding="utf-8")
        for doc in documents(built_site)
    }


def test_there_is_a_print_view_per_download_and_language(views):
    site = Site.load()
    assert set(views) == {(kind, lang) for kind in site.downloads for lang in site.codes}
    for (kind, lang), html in views.items():
        assert f'<html lang="{lang}"' in html, f"{kind} ({lang}) is not in its language"
        assert '<meta name="robots" content="noindex">' in html, f"{kind} ({lang}) is not marked noindex"


def test_print_views_stay_out_of_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [d["location"] for d in index["docs"] if "print/" in d["location"]]
    assert not found, f"print views in the search index: {found[:5]}"


def test_booklet_holds_the_nav_pages_in_order_with_their_headings(built_site, views):
    site = Site.load()
    for lang in site.codes:
        body = article(views[("booklet", lang)])
        chapters = re.findall(r'<section class="print-chapter" id="([^"]+)">', body)
        wanted = booklet_pages(lang)
        assert chapters == [p.slug for p in wanted], f"booklet ({lang}) chapters: {chapters}"
        assert "contributing" not in chapters, "the contributors' page belongs on the site only"
        for page in wanted:
            own = article((built_site / site.page_url(page.src, lang) / "index.html").read_text(encoding="utf-8"))
            headings = set(re.findall(r'<h[1-6] id="([^"]+)"', own))
            printed = set(re.findall(rf'<h[1-6] id="{re.escape(page.slug)}--([^"]+)"', body))
            assert headings and headings == printed, f"booklet ({lang}) {page.slug}: headings {headings ^ printed}"


def test_booklet_ids_are_unique_and_every_same_page_reference_resolves(views):
    for (kind, lang), html in views.items():
        ids = IDS.findall(html)
        doubled = [i for i, n in Counter(ids).items() if n > 1]
        assert not doubled, f"{kind} ({lang}): ids used twice: {doubled[:5]}"
        known = set(ids)
        refs = [unescape(h[1:]) for h in re.findall(r'\shref="(#[^"]+)"', html)]
        refs += re.findall(r"url\(#([^)]+)\)", html)
        refs += [r for value in re.findall(r'\saria-labelledby="([^"]+)"', html) for r in value.split()]
        missing = sorted({r for r in refs if r not in known})
        assert not missing, f"{kind} ({lang}): references to no id: {missing[:5]}"


def test_booklet_keeps_the_hatching_of_reported_bars(views):
    for lang in Site.load().codes:
        body = article(views[("booklet", lang)])
        bars = re.findall(r'<rect [^>]*fill="url\(#([^)]+)\)"', body)
        patterns = set(re.findall(r'<pattern id="([^"]+)"', body))
        assert bars, f"booklet ({lang}): no hatched bar"
        assert set(bars) <= patterns, f"booklet ({lang}): bars fill with missing patterns {set(bars) - patterns}"


def test_print_views_link_pages_absolutely_or_inside_themselves(views):
    """A PDF has no site around it: every link in the printed text is an anchor or an absolute URL."""
    for (kind, lang), html in views.items():
        body = article(html)
        body = re.sub(r'<a [^>]*class="md-content__button[^"]*"[^>]*>', "", body)  # screen only:
        body = re.sub(r'<aside class="md-downloads".*?</aside>', "", body, flags=re.S)  # hidden in print
        relative = [h for h in re.findall(r'\shref="([^"]*)"', body) if not re.match(r"#|https?://|mailto:", h)]
        assert not relative, f"{kind} ({lang}): relative links {relative[:5]}"
        assert SITE_URL in body, f"{kind} ({lang}): no link to the site"


def test_printed_calculator_links_keep_their_settings(views):
    """A reader types the printed address: it must open the calculator with the chapter's setup."""
    for lang in Site.load().codes:
        links = re.findall(r'<a class="calc-link" href="([^"]*)"', article(views[("booklet", lang)]))
        assert links, f"booklet ({lang}): no calculator link"
        for href in links:
            assert href.startswith(SITE_URL) and "?model=" in href and "gpus=" in href, f"booklet ({lang}): {href}"


def test_handout_has_the_key_figures_and_the_legend(views):
    data = load_data()
    for lang in data.site.codes:
        body = article(views[("handout", lang)])
        assert 'data-table="key_figures"' in body, f"handout ({lang}): no key-figures table"
        for row in data.tables.tables["key_figures"].rows:
            assert f'<th scope="row">{row.label[lang]}</th>' in body.replace("&amp;", "&"), row.label[lang]
        legend = re.search(r'<ul class="status-legend">.*?</ul>', body, re.S)
        assert legend, f"handout ({lang}): no status legend"
        for status in data.words.each("status"):
            if f"status.{status}.long" in data.words:
                assert data.words.t(f"status.{status}.long", lang) in unescape(legend.group(0)), status


def test_print_view_furniture_words_come_from_words_yml(views):
    words = load_data().words
    for (kind, lang), html in views.items():
        page_of = words.t("print.page_of", lang, page="{page}", pages="{pages}")
        first_word = re.split(r"\{page\}", page_of)[0].strip()
        assert first_word in unescape(html), f"{kind} ({lang}): page footer words missing"
        assert words.t("print.data_as_of", lang) in unescape(html)
        if kind == "booklet":
            assert words.t("print.contents", lang) in unescape(html)


def test_every_page_links_both_pdfs_in_both_languages(built_site):
    """overrides/partials/downloads.html: the four PDFs under downloads/, the page's language first."""
    site = Site.load()
    every = sorted(site.pdf_name(kind, lang) for kind in site.downloads for lang in site.codes)
    for lang in site.codes:
        for page in site.pages:
            url = site.page_url(page.src, lang)
            html = (built_site / url / "index.html").read_text(encoding="utf-8")
            hrefs = re.findall(r'href="([^"]*downloads/[^"]+\.pdf)"', html)
            names = [h.rsplit("/", 1)[-1] for h in hrefs]
            assert sorted(names) == every, f"{url}: download links {names}"
            assert names[0] == site.pdf_name("booklet", lang), f"{url}: its own language should come first"
            for href, name in zip(hrefs, names):
                resolved = urlsplit(urljoin("http://site.invalid/" + url, href)).path
                assert resolved == f"/downloads/{name}", f"{url}: {href} resolves to {resolved}"


# --- the rewriting itself ---------------------------------------------------------------------

SITE = "https://example.org/p/"


def booklet_links() -> Links:
    links = Links(SITE, "en/print/booklet/")
    links.inside = {"en/": "index", "en/architecture/": "architecture", "en/sources/": "sources"}
    return links


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("#gpt-4", "#architecture--gpt-4"),  # same page
        ("../sources/#fig-x", "#sources--fig-x"),  # another chapter, at a heading
        ("../sources/", "#sources"),  # another chapter, at its top
        ("../", "#index"),  # the home page
        ("../contributing/", SITE + "en/contributing/"),  # not in the booklet: the site
        ("../../downloads/a.pdf", SITE + "downloads/a.pdf"),  # a file of the site
        ("https://other.example/x", "https://other.example/x"),  # another site: as written
        ("mailto:a@b.c", "mailto:a@b.c"),
    ],
)
def test_a_chapter_link_goes_inside_the_booklet_or_to_the_site(href, expected):
    html = booklet_links().chapter(f'<a href="{href}">x</a>', "en/architecture/", "architecture")
    assert html == f'<a href="{expected}">x</a>'


def test_ids_and_their_references_get_the_chapter_prefix():
    html = (
        '<figure id="c"><svg aria-labelledby="t d"><pattern id="h"/><rect fill="url(#h)"/></svg>'
        '<input id="i" name="__tabbed_1"><label for="i">l</label><img src="../img.png"></figure>'
    )
    out = booklet_links().chapter(html, "en/architecture/", "architecture")
    assert out == (
        '<figure id="architecture--c"><svg aria-labelledby="architecture--t architecture--d">'
        '<pattern id="architecture--h"/><rect fill="url(#architecture--h)"/></svg>'
        '<input id="architecture--i" name="architecture--__tabbed_1"><label for="architecture--i">l</label>'
        '<img src="../../img.png"></figure>'
    )


def test_the_handout_gets_absolute_links_and_keeps_its_ids():
    links = Links(SITE, "print/handout/")
    html = '<h2 id="k">K</h2><a href="../../sources/#fig-x">1</a><a href="#k">k</a>'
    assert links.absolute(html, "print/handout/") == (
        f'<h2 id="k">K</h2><a href="{SITE}sources/#fig-x">1</a><a href="#k">k</a>'
    )


def test_the_pdf_step_reads_the_built_site_not_the_macros(built_site):
    """scripts/pdf/ imports nothing from macros/: the build lists the print views for it."""
    import ast

    for path in sorted((ROOT / "scripts" / "pdf").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n == "macros" or n.startswith("macros.") for n in names), f"{path.name} imports {names}"

    site = Site.load()
    listed = {(d.kind, d.lang): (d.url_path, d.file_name) for d in documents(built_site)}
    assert listed == {
        (kind, lang): (site.page_url(f"print/{kind}.md", lang), site.pdf_name(kind, lang))
        for kind in site.downloads
        for lang in site.codes
    }
