"""Findable and shareable: site_url, a description per page in its language, absolute hreflang
alternates with x-default (pages and sitemap), Open Graph, a localized 404, last-updated dates."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from built_pages import built_pages, parse, read
from docs_text import FRONT_MATTER, ROOT, markdown_pages

CJK = re.compile(r"[\u3400-\u9fff]")


def config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/...
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


SITE_URL = config()["site_url"]


def front_matter(source) -> dict:
    match = FRONT_MATTER.match(source.read_text(encoding="utf-8"))
    return yaml.safe_load(match.group(0).strip("-\n")) if match else {}


def hreflang_problems(head, own_url: str, zh_url: str, en_url: str) -> list[str]:
    """What is wrong with a page's language alternates (empty when all is right)."""
    problems = []
    expected = {"zh": zh_url, "en": en_url, "x-default": zh_url}
    for lang, url in expected.items():
        hrefs = head.alternates.get(lang, [])
        if hrefs != [url]:
            problems.append(f"hreflang={lang}: expected [{url}], found {hrefs}")
    for lang, hrefs in head.alternates.items():
        problems += [f"hreflang={lang} href {h!r} is not absolute" for h in hrefs if not h.startswith(SITE_URL)]
    if head.canonical != own_url:
        problems.append(f"canonical {head.canonical!r} != {own_url!r}")
    return problems


def test_site_url_is_absolute_with_the_project_path():
    assert re.fullmatch(r"https://[\w.-]+/[\w.-]+/", SITE_URL), SITE_URL


def test_every_page_was_built_and_checked(built_site):
    assert {p.source for p in built_pages(built_site)} == set(markdown_pages())


@pytest.fixture(scope="module")
def pages(built_site):
    return built_pages(built_site)


def test_each_page_has_a_description_in_its_language(pages):
    for page in pages:
        head = read(page)
        wanted = front_matter(page.source).get("description")
        assert wanted, f"{page.source.name}: no description in front matter"
        assert head.metas.get("description") == wanted, f"{page.url_path}: meta description is not the page's own"
        assert head.lang == page.lang, f"{page.url_path}: <html lang={head.lang!r}>"
        if page.lang == "zh":
            assert CJK.search(wanted), f"{page.source.name}: the description is not in Chinese: {wanted!r}"
        else:
            assert not CJK.search(wanted), f"{page.source.name}: the description is not in English: {wanted!r}"


def test_descriptions_differ_between_the_languages(pages):
    by_source = {p.source: read(p).metas.get("description") for p in pages}
    for page in pages:
        if page.lang == "zh":
            twin = page.source.with_name(page.source.name[:-3] + ".en.md")
            assert by_source[page.source] != by_source.get(twin), f"{page.source.name}: same description in both"


def test_hreflang_alternates_are_absolute_with_x_default(pages, built_site):
    for page in pages:
        zh_path = page.url_path[3:] if page.lang == "en" else page.url_path
        zh_url, en_url = SITE_URL + zh_path, SITE_URL + "en/" + zh_path
        problems = hreflang_problems(read(page), SITE_URL + page.url_path, zh_url, en_url)
        assert not problems, f"{page.url_path}: {problems}"
        for url in (zh_url, en_url):
            assert (built_site / url[len(SITE_URL) :] / "index.html").is_file(), f"{page.url_path}: {url} not built"


def test_the_hreflang_check_can_fail():
    """Material's default tags with static-i18n: relative hrefs and no x-default."""
    head = parse(
        '<html lang="en"><head><link rel="canonical" href="https://example.org/x/">'
        '<link rel="alternate" href="../../architecture/" hreflang="zh">'
        '<link rel="alternate" href="./" hreflang="en"></head></html>'
    )
    problems = hreflang_problems(
        head, SITE_URL + "en/architecture/", SITE_URL + "architecture/", SITE_URL + "en/architecture/"
    )
    assert any("x-default" in p for p in problems)
    assert any("not absolute" in p for p in problems)
    assert any("canonical" in p for p in problems)


def test_open_graph_title_description_url(pages):
    for page in pages:
        head = read(page)
        metas = head.metas
        assert metas.get("og:title"), f"{page.url_path}: no og:title"
        assert metas.get("og:description") == metas.get("description"), f"{page.url_path}: og:description"
        assert metas.get("og:url") == SITE_URL + page.url_path, f"{page.url_path}: og:url {metas.get('og:url')}"
        assert metas.get("og:locale") == {"zh": "zh_CN", "en": "en_US"}[page.lang]
        assert metas.get("og:site_name")


def test_every_page_shows_a_last_updated_date(pages):
    for page in pages:
        dates = read(page).updated
        assert dates, f"{page.url_path}: no last-updated date"
        if page.lang == "zh":
            assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", dates[0]), f"{page.url_path}: {dates[0]!r} is not a zh date"
        else:
            assert re.search(r"[A-Z][a-z]+ \d{1,2}, \d{4}", dates[0]), f"{page.url_path}: {dates[0]!r} not an en date"


def test_sitemap_has_absolute_alternates_and_x_default(built_site, pages):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(built_site / "sitemap.xml").getroot()
    urls = root.findall("s:url", ns)
    locs = set()
    for url in urls:
        loc = url.find("s:loc", ns).text
        locs.add(loc)
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(links) == {"zh", "en", "x-default"}, f"{loc}: alternates {sorted(links)}"
        assert all(href.startswith(SITE_URL) for href in links.values()), f"{loc}: {links}"
        assert links["x-default"] == links["zh"], f"{loc}: x-default should be the Chinese page"
        assert loc in (links["zh"], links["en"])
    noindex = {SITE_URL + p.url_path for p in pages if read(p).metas.get("robots") == "noindex"}
    assert noindex, "the print views (docs/print/) are marked noindex"
    assert {SITE_URL + p.url_path for p in pages} - noindex <= locs, "pages missing from sitemap.xml"
    assert not noindex & locs, f"noindex pages in sitemap.xml: {sorted(noindex & locs)}"


def test_localized_404(built_site):
    page = built_site / "404.html"
    text = page.read_text(encoding="utf-8")
    head = parse(text)
    assert head.lang == "zh", "the one /404.html is the Chinese build (default language)"
    assert head.metas.get("robots") == "noindex"
    assert re.search(r'<section lang="zh"[^>]*>.*页面不存在', text, re.S)
    assert re.search(r'<section lang="en"[^>]*>.*Page not found', text, re.S)
    assert f'href="{SITE_URL}"' in text and f'href="{SITE_URL}en/"' in text, "links to both home pages"
    assert not (built_site / "en" / "404.html").exists() or "页面不存在" in (built_site / "en" / "404.html").read_text()
