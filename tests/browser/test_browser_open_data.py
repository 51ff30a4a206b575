"""The register's copy buttons and the cite box's BibTeX button copy what they promise (Material's clipboard)."""

from __future__ import annotations

import pytest

from macros.data import load_data

pytestmark = pytest.mark.browser


@pytest.fixture
def clipboard_page(browser):
    ctx = browser.new_context(
        viewport={"width": 1280, "height": 800}, permissions=["clipboard-read", "clipboard-write"]
    )
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_copy_buttons_copy_the_permalink_and_the_bibtex(clipboard_page, served_site, lang):
    site = load_data().site
    page = clipboard_page
    page.goto(served_site + site.page_url("sources.md", lang))
    row = page.locator("tr[id^='fig-']").nth(3)
    row_id = row.get_attribute("id")
    row.locator(".register__copy").click()
    page.wait_for_function("() => document.querySelector('.md-dialog--active')")
    assert page.evaluate("navigator.clipboard.readText()") == site.absolute_url("sources.md", lang, row_id)
    page.locator(".cite-box__copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{") and copied == page.locator(".cite-box pre code").inner_text()


def test_without_javascript_no_copy_button_that_cannot_copy(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served_site + load_data().site.page_url("sources.md", "zh"))
        assert page.locator(".register__permalink").first.is_visible()
        assert page.locator(".register__copy, .cite-box__copy").count() > 1
        assert not page.locator(".register__copy, .cite-box__copy").first.is_visible()
        assert not page.locator(".cite-box__copy").is_visible()
    finally:
        context.close()
