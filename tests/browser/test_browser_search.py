"""Search, typed into the header's search box: each language finds the right chapter, and only in
its own language (static-i18n writes one index for both; overrides/assets/javascripts/i18n.js
filters it per page language)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from browser_helpers import watch
from site_pages import languages

pytestmark = pytest.mark.browser

RESULT_PAGES = """() => [...document.querySelectorAll(".md-search-result__item > .md-search-result__link")]
                        .map(a => a.href)"""


def search(page, query: str) -> list[str]:
    """Type `query` into the search box; return the result pages' paths, best first."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)  # like an IME committing the word...
    box.press("End")  # ...then a key release, which is when Material reads the box
    page.locator(".md-search-result__item").first.wait_for()
    paths = [unquote(urlsplit(href).path) for href in page.evaluate(RESULT_PAGES)]
    return list(dict.fromkeys(paths))  # a page, then its sections: keep each page once, in order


def site_path(served_site: str, path: str) -> str:
    return urlsplit(served_site).path + path


# Each query names its chapter's subject. 专家/experts (mixture of experts) is the architecture
# chapter's; it is a two-character word whose first character is itself an index token, which
# Material's segmentation alone would cut to 专* (fixed in i18n.js). 后训练 contains 后, a lunr.zh
# stop word, and "architecture" is stemmed to "architectur" by the zh default pipeline (both fixed by
# `pipeline: []` in mkdocs.yml).
CASES = [
    ("zh", "专家", "architecture/"),
    ("zh", "后训练", "post-training/"),
    ("zh", "推理成本", "inference-cost/"),
    ("en", "experts", "architecture/"),
    ("en", "architecture", "architecture/"),
    ("en", "post-training", "post-training/"),
]


@pytest.mark.parametrize(("lang", "query", "chapter"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_query_finds_the_chapter_in_the_readers_language(page, served_site, lang, query, chapter):
    default, _ = languages()
    prefix = "" if lang == default else f"{lang}/"
    traffic = watch(page)
    requested = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(served_site + prefix, wait_until="load")
    results = search(page, query)
    # Only the reader's language is downloaded (macros/build.py (split_search_index) writes it).
    assert any(p.endswith(f"/search/search_index.{lang}.json") for p in requested), requested
    assert not any(p.endswith("/search/search_index.json") for p in requested), "the merged index was fetched"
    assert results, f"no results for {query!r}"
    assert results[0] == site_path(served_site, prefix + chapter), f"{query!r} → {results}"
    assert not traffic.problems(), "\n".join(traffic.problems())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_results_are_all_in_the_readers_language(page, served_site, lang):
    default, others = languages()
    prefix = "" if lang == default else f"{lang}/"
    other_prefixes = [site_path(served_site, f"{o}/") for o in others if o != lang]
    page.goto(served_site + prefix + "architecture/", wait_until="load")
    results = search(page, "Qwen3")  # a word both languages share
    assert len(results) > 1, results
    mine = [
        r
        for r in results
        if r.startswith(site_path(served_site, prefix)) and not any(r.startswith(p) for p in other_prefixes)
    ]
    assert mine == results, f"{lang} reader shown other-language results: {sorted(set(results) - set(mine))}"
