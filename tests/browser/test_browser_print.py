"""Browser print (overrides/assets/stylesheets/print.css): dark on light in both colour schemes,
link targets written out, tables kept whole, figure status markers kept, PDF download links only on screen.
(Hiding the navigation chrome is checked in test_browser_display.py.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# The sources page: external links, a table (the figure register) and figures, in both languages.
PATHS = ["sources/", "en/sources/"]

LUMINANCE = """(element, pseudo) => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const style = getComputedStyle(element, pseudo || null);
  let node = element, bg = [0, 0, 0, 0];
  while (node && (bg.length < 4 || bg[3] === 0)) {  // first non-transparent background up the tree
    bg = parse(getComputedStyle(node).backgroundColor); if (bg.length === 3) bg.push(1);
    node = node.parentElement;
  }
  const lum = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return {fg: lum(parse(style.color)), bg: bg[3] === 0 ? 1 : lum(bg)};
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", PATHS)
def test_print_is_dark_on_light_in_both_schemes(page, served_site, path, scheme):
    page.goto(served_site + path, wait_until="load")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.emulate_media(media="print")
    for selector in ("article.md-content__inner > h1", "article.md-content__inner > p", "article.md-content__inner td"):
        colours = page.locator(selector).first.evaluate(LUMINANCE)
        assert colours["bg"] > 0.9, f"{path} [{scheme}] {selector}: background not light in print ({colours})"
        assert colours["fg"] < 0.35, f"{path} [{scheme}] {selector}: text not dark in print ({colours})"
    # the same page on screen in the dark scheme really is dark (so the check above means something)
    if scheme == "slate":
        page.emulate_media(media="screen")
        assert page.locator("article.md-content__inner > p").first.evaluate(LUMINANCE)["bg"] < 0.3


@pytest.mark.parametrize("path", PATHS)
def test_print_writes_out_link_targets_and_keeps_tables_whole(page, served_site, path):
    page.goto(served_site + path, wait_until="load")
    page.emulate_media(media="print")
    external = page.locator("article.md-content__inner a[href^='http']:not(.md-content__button)")
    assert external.count() > 0, f"{path}: no external link to check"
    href = external.first.get_attribute("href")
    after = external.first.evaluate("a => getComputedStyle(a, '::after').content")
    assert href in after, f"{path}: printed link does not show its target ({after!r})"
    assert page.locator("article.md-content__inner table").count() > 0, f"{path}: no table"
    for row in page.locator("article.md-content__inner tr").all()[:20]:
        value = row.evaluate("e => getComputedStyle(e).breakInside")
        assert value == "avoid", f"{path}: a table row may split across pages (break-inside: {value})"
    head = page.locator("article.md-content__inner thead").first.evaluate("e => getComputedStyle(e).display")
    assert head == "table-header-group", f"{path}: table headers do not repeat on the next page"
    for figure in page.locator("article.md-content__inner figure").all():
        value = figure.evaluate("e => getComputedStyle(e).breakInside")
        assert value == "avoid", f"{path}: a chart or figure may split across pages"


@pytest.mark.parametrize("path", ["summary/", "en/summary/"])
def test_print_keeps_the_status_markers(page, served_site, path):
    page.goto(served_site + path, wait_until="load")
    shown = "els => els.filter(e => e.getClientRects().length > 0).length"
    markers = page.locator("article.md-content__inner a.fig .fig__mark")
    on_screen = markers.evaluate_all(shown)
    page.emulate_media(media="print")
    assert on_screen > 0 and markers.evaluate_all(shown) == on_screen, f"{path}: status markers vanish in print"
    link = page.locator("article.md-content__inner a.fig").first
    assert link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal"), (
        f"{path}: a figure prints its link target"
    )


@pytest.mark.parametrize("path", PATHS)
def test_pdf_download_links_show_on_screen_not_in_print(page, served_site, path):
    page.goto(served_site + path, wait_until="load")
    links = page.locator(".md-downloads a[type='application/pdf']")
    assert links.count() == 4 and links.first.is_visible(), f"{path}: PDF download links missing on screen"
    page.emulate_media(media="print")
    assert page.locator(".md-downloads").is_hidden(), f"{path}: download links printed"
