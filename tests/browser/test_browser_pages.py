"""Every page of both languages, in Chromium: it loads cleanly, stays on localhost, and passes axe."""

from __future__ import annotations

import pytest
from browser_helpers import WCAG_TAGS, describe, run_axe, watch
from site_pages import Page, languages, pages

pytestmark = pytest.mark.browser

PAGES = pages()
SERIOUS = {"serious", "critical"}
# WCAG 2.1 A/AA, WCAG 2.2 AA (target size) and axe's best-practice rules (Lighthouse scores
# accessibility with some of them, e.g. a named search dialog); serious and critical findings fail,
# and so do the rules below at any impact: Lighthouse's accessibility score drops for them.
AXE_TAGS = (*WCAG_TAGS, "wcag22aa", "best-practice")
ANY_IMPACT = {"aria-allowed-role", "target-size"}


def test_every_built_page_is_covered(built_site):
    """The page list comes from docs/; make sure the build has no page it would miss."""
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    expected = {p.path + "index.html" if not p.path.endswith(".html") else p.path for p in PAGES}
    assert built == expected, (
        f"built but not tested: {sorted(built - expected)}; expected but not built: {sorted(expected - built)}"
    )


def check_page(browser, url: str, scheme: str, axe_source: str, expect_lang: str) -> list[str]:
    # A fresh context per check; the colour scheme follows the reader's system setting (Material's
    # palette has media queries) until toggled, so emulating it selects the light or dark palette.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        traffic = watch(page)
        response = page.goto(url, wait_until="load")
        problems = [] if response is not None and response.ok else [f"HTTP {response and response.status}"]
        # Material fetches the search index and starts its worker after load: include that traffic.
        page.wait_for_load_state("networkidle")
        problems += traffic.problems()
        if (lang := page.evaluate("document.documentElement.lang")) != expect_lang:
            problems.append(f"<html lang={lang!r}>, expected {expect_lang!r}")
        palette = page.evaluate("document.body.dataset.mdColorScheme")
        if palette != ("slate" if scheme == "dark" else "default"):
            problems.append(f"palette {palette!r} under prefers-color-scheme: {scheme}")
        violations = [v for v in run_axe(page, axe_source, AXE_TAGS) if v["impact"] in SERIOUS or v["id"] in ANY_IMPACT]
        if violations:
            problems.append("axe (WCAG 2.1 A/AA, 2.2 AA, best practices):\n" + describe(violations))
        return problems
    finally:
        context.close()


@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.id)
def test_page_loads_cleanly_and_is_accessible(browser, served_site, axe_source, site_page: Page):
    """No console error, no failed request, no request off localhost, no serious axe violation."""
    problems = check_page(browser, served_site + site_page.path, "light", axe_source, site_page.lang)
    assert not problems, f"{site_page.id}:\n" + "\n".join(problems)


# The dark palette changes colours only, and both languages share the stylesheet, so one language
# is enough to check contrast in dark mode (status badges, links, admonitions, footer).
@pytest.mark.parametrize("site_page", [p for p in PAGES if p.lang == languages()[0]], ids=lambda p: p.id)
def test_page_in_dark_mode_is_accessible(browser, served_site, axe_source, site_page: Page):
    problems = check_page(browser, served_site + site_page.path, "dark", axe_source, site_page.lang)
    assert not problems, f"{site_page.id} (dark):\n" + "\n".join(problems)
