"""Charts, diagrams and glossary tooltips in Chromium: colours follow the scheme, print is grey,
terms show their definition on focus, and a page with every chart passes axe.

Uses a temporary copy of the project with one extra page holding every chart and diagram
(so the test does not depend on where the chapters place them).
"""

from __future__ import annotations

import re

import pytest
from browser_helpers import describe, run_axe, shown_tooltip
from chart_pages import add_preview_page
from project import copy_project, run_build

from scripts.local_server import LocalServer

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """Base URL of a built copy with /zz-charts/ and /en/zz-charts/ (every chart, every diagram, some terms)."""
    project = tmp_path_factory.mktemp("charts-project")
    copy_project(project)
    add_preview_page(project, extra="MoE and GQA shrink compute and the KV cache; BF16 weights.\n")
    site = tmp_path_factory.mktemp("charts-site")
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with LocalServer(site) as server:
        yield server.url


def rgb(css: str) -> tuple[int, int, int]:
    return tuple(int(x) for x in re.findall(r"\d+", css)[:3])


def luminance(css: str) -> float:
    r, g, b = rgb(css)
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def colours(page) -> dict:
    return page.evaluate(
        """() => {
            const svg = document.querySelector('figure.chart svg');
            const label = svg.querySelector('text.chart__label');
            const bar = svg.querySelector('rect.chart__bar--qwen.chart__bar--strong');
            const box = document.querySelector('li.pipeline__step');
            return {label: getComputedStyle(label).fill, bar: getComputedStyle(bar).fill,
                    box: getComputedStyle(box).borderTopColor, text: getComputedStyle(box).color};
        }"""
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_colours_follow_the_colour_scheme(browser, preview, lang):
    url = preview + ("en/" if lang == "en" else "") + "zz-charts/"
    seen = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url, wait_until="load")
        seen[scheme] = colours(page)
        context.close()
    assert luminance(seen["light"]["label"]) < 0.35, f"light scheme: chart text not dark: {seen['light']}"
    assert luminance(seen["dark"]["label"]) > 0.6, f"dark scheme: chart text not light: {seen['dark']}"
    assert seen["light"]["bar"] != seen["dark"]["bar"]
    assert luminance(seen["dark"]["text"]) > 0.6, "dark scheme: diagram text not light"


def test_charts_and_diagrams_print_in_grey(page, preview):
    page.goto(preview + "zz-charts/", wait_until="load")
    page.emulate_media(media="print")
    fills = page.evaluate(
        """() => Array.from(document.querySelectorAll('rect.chart__bar, circle.chart__mark'))
                      .map(e => getComputedStyle(e).fill)"""
    )
    assert fills
    for fill in fills:
        r, g, b = rgb(fill)
        assert r == g == b, f"a coloured bar in print: {fill}"
    for chart in page.locator("figure.chart, figure.pipeline").all():
        assert chart.is_visible()
    # the data tables open in print (Material prints <details> open)
    assert page.locator("details.chart__data table").first.is_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terms_show_their_definition_on_focus(page, preview, lang):
    page.goto(preview + ("en/" if lang == "en" else "") + "zz-charts/", wait_until="load")
    term = page.locator("article abbr[tabindex='0']", has_text="GQA").first
    assert shown_tooltip(term) == ""
    term.focus()
    text = shown_tooltip(term)
    assert "GQA" in text
    assert bool(re.search(r"[\u4e00-\u9fff]", text)) == (lang == "zh"), text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_with_every_chart_passes_axe(browser, preview, axe_source, lang, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(preview + ("en/" if lang == "en" else "") + "zz-charts/", wait_until="load")
    violations = [v for v in run_axe(page, axe_source) if v["impact"] in SERIOUS]
    context.close()
    assert not violations, describe(violations)
