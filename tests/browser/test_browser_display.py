"""Colour scheme toggle (works, persists across reloads and languages) and print styles."""

from __future__ import annotations

import pytest
from site_pages import switchable, twin

pytestmark = pytest.mark.browser

SCHEME = "document.body.dataset.mdColorScheme"


def chapter():
    """A representative chapter: the first page with a twin that is not a home page."""
    return next(p for p in switchable() if p.key != "index")


def toggle_scheme(page) -> None:
    # Two labels, one per palette; only the one that switches away from the current scheme shows.
    page.locator("label.md-header__button[for^='__palette_']:visible").click()


def test_colour_scheme_toggle_works_and_persists(page, served_site):
    start = chapter()
    page.goto(served_site + start.path, wait_until="load")
    assert page.evaluate(SCHEME) == "default"  # the context prefers light
    toggle_scheme(page)
    page.wait_for_function(f"{SCHEME} === 'slate'")
    page.reload(wait_until="load")
    assert page.evaluate(SCHEME) == "slate", "dark scheme lost on reload"
    page.goto(served_site + twin(start).path, wait_until="load")
    assert page.evaluate(SCHEME) == "slate", "dark scheme lost when switching language"
    toggle_scheme(page)
    page.wait_for_function(f"{SCHEME} === 'default'")
    page.goto(served_site + start.path, wait_until="load")
    assert page.evaluate(SCHEME) == "default", "light scheme not kept"


@pytest.mark.parametrize("lang_index", [0, 1], ids=["first-language", "second-language"])
def test_print_shows_the_text_without_navigation(page, served_site, lang_index):
    target = chapter() if lang_index == 0 else twin(chapter())
    page.goto(served_site + target.path, wait_until="load")
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
        ".md-top",
        ".md-skip",
    ):
        for element in page.locator(selector).all():
            assert element.is_hidden(), f"{selector} is visible in print ({target.id})"
    assert page.locator("article.md-content__inner h1").is_visible()
    assert page.locator("article.md-content__inner").inner_text().strip()
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()
