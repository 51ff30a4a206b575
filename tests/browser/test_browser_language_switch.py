"""The language switcher, used as a reader does (open the menu, click the other language), lands on
the same page in the other language at the same heading."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from browser_helpers import watch
from site_pages import Page, switchable, twin

pytestmark = pytest.mark.browser

HEADING_IDS = """() => [...document.querySelectorAll(".md-content__inner :is(h2, h3)[id]")].map(h => h.id)"""
IN_VIEW = """id => { const box = document.getElementById(id).getBoundingClientRect();
                     return box.top >= 0 && box.top < window.innerHeight; }"""


def switch_language(page, lang: str) -> None:
    """Open the language menu in the header and choose `lang`."""
    page.locator(".md-header .md-select").hover()
    link = page.locator(f".md-header .md-select__link[hreflang='{lang}']")
    with page.expect_navigation(wait_until="load"):
        link.click()


def path_of(url: str) -> str:
    return unquote(urlsplit(url).path)


@pytest.mark.parametrize("site_page", switchable(), ids=lambda p: p.id)
def test_switcher_keeps_page_and_heading(page, built_site, served_site, site_page: Page):
    other = twin(site_page)
    traffic = watch(page)
    html = (built_site / (site_page.path or "") / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h[23] id="([^"]+)"', html)
    # A heading from the middle of the page: neither the top (trivial) nor the last one (a short
    # last section cannot scroll to the top of the window).
    anchor = headings[len(headings) // 2] if headings else ""
    page.goto(f"{served_site}{site_page.path}{'#' + anchor if anchor else ''}", wait_until="load")
    switch_language(page, other.lang)

    landed = urlsplit(page.url)
    assert path_of(page.url) == path_of(served_site + other.path), f"{site_page.id} switched to {page.url}"
    assert page.evaluate("document.documentElement.lang") == other.lang
    if anchor:
        assert unquote(landed.fragment) == anchor, f"{site_page.id}: heading #{anchor} lost, got {page.url}"
        assert page.evaluate("id => !!document.getElementById(id)", anchor), f"{other.id} has no #{anchor}"
        page.wait_for_function(IN_VIEW, arg=anchor)
    assert not traffic.problems(), "\n".join(traffic.problems())


def test_switcher_follows_the_heading_scrolled_to(page, served_site):
    """Without an #anchor in the URL, the heading the reader has scrolled to (Material's active
    table-of-contents entry) is carried over."""
    for candidate in (p for p in switchable() if p.key != "index"):
        page.goto(served_site + candidate.path, wait_until="load")
        headings = page.evaluate(HEADING_IDS)
        if len(headings) >= 3:
            break
    else:
        pytest.fail("no page with three headings to scroll through")
    page.evaluate("id => document.getElementById(id).scrollIntoView()", headings[len(headings) // 2])
    active = page.wait_for_function(
        "() => document.querySelector('[data-md-component=toc] .md-nav__link--active')?.hash"
    ).json_value()
    assert unquote(active[1:]) in headings
    switch_language(page, twin(candidate).lang)
    assert path_of(page.url) == path_of(served_site + twin(candidate).path)
    assert "#" + urlsplit(page.url).fragment == active, f"expected {active}, landed on {page.url}"
