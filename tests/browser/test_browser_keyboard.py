"""Keyboard only: the skip link comes first and works, search and navigation are reachable with Tab,
and every focused control shows it (the pixels around it change when it gets focus)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from site_pages import switchable, twin

pytestmark = pytest.mark.browser

ACTIVE = """() => { const e = document.activeElement; if (!e || e === document.body) return null;
    return {tag: e.tagName, cls: e.className, href: e.getAttribute("href"), id: e.id,
            inMain: !!e.closest(".md-content"), inNav: !!e.closest(".md-nav--primary")}; }"""

# The box whose pixels show the focus: the element, or the visible label of a hidden radio/checkbox.
FOCUS_BOX = """() => { let e = document.activeElement;
    let r = e.getBoundingClientRect();
    if ((r.width < 1 || r.height < 1) && e.id) {
        const label = document.querySelector(`label[for="${e.id}"]:not([hidden])`);
        if (label) r = label.getBoundingClientRect();
    }
    const pad = 6, x = Math.max(0, r.left - pad), y = Math.max(0, r.top - pad);
    return {x, y, width: Math.min(window.innerWidth, r.right + pad) - x,
            height: Math.min(window.innerHeight, r.bottom + pad) - y}; }"""

MAX_TABS = 80


def chapter():
    return next(p for p in switchable() if p.key != "index")


def tab_until(page, predicate, limit: int = MAX_TABS) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active and predicate(active):
            return active
    pytest.fail(f"not reached with {limit} presses of Tab")


def test_skip_link_is_first_and_jumps_to_the_content(page, served_site):
    page.goto(served_site + chapter().path, wait_until="load")
    page.keyboard.press("Tab")
    active = page.evaluate(ACTIVE)
    assert active and "md-skip" in active["cls"], f"first Tab stop is {active}, not the skip link"
    skip = page.locator("a.md-skip")
    assert skip.is_visible() and skip.bounding_box()["y"] >= 0, "skip link not visible when focused"
    target = skip.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_function("hash => location.hash === hash", arg=target)
    page.keyboard.press("Tab")
    after = page.evaluate(ACTIVE)
    assert after and after["inMain"], f"after the skip link, Tab went to {after}, not into the content"


def test_search_by_keyboard(page, served_site):
    page.goto(served_site + chapter().path, wait_until="load")
    tab_until(page, lambda a: "md-search__input" in a["cls"])
    page.keyboard.insert_text("专家" if chapter().lang == "zh" else "experts")
    page.keyboard.press("End")  # a key release: Material reads the box on keyup
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")
    active = page.evaluate(ACTIVE)
    assert active and active["href"], f"ArrowDown did not move to a result: {active}"
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert unquote(urlsplit(page.url).path) == unquote(urlsplit(active["href"]).path)


@pytest.mark.parametrize("lang_index", [0, 1], ids=["first-language", "second-language"])
def test_navigation_by_keyboard(page, served_site, lang_index):
    start = chapter() if lang_index == 0 else twin(chapter())
    page.goto(served_site + start.path, wait_until="load")
    link = tab_until(
        page,
        lambda a: (
            a["inNav"]
            and a["href"] not in (None, "./", "#")
            and not a["href"].startswith("#")
            and a["href"] not in ("..", "../", "../../")
        ),
    )
    expected = unquote(urlsplit(page.evaluate("h => new URL(h, location.href).href", link["href"])).path)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert unquote(urlsplit(page.url).path) == expected


def test_focus_is_visible_on_every_stop(page, served_site):
    """Each Tab stop through the header, navigation, table of contents and into the text: the
    pixels around the focused control differ from the same pixels once focus moves back."""
    page.goto(served_site + chapter().path, wait_until="load")
    checked, in_main, invisible = 0, 0, []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if not active:
            continue
        box = page.evaluate(FOCUS_BOX)
        if box["width"] < 1 or box["height"] < 1:
            invisible.append(f"{active} (off screen or zero size)")
            continue
        focused = page.screenshot(clip=box, animations="disabled")
        # Step back with Shift+Tab (as a keyboard user would), look again, and return.
        page.evaluate("window.__stop = document.activeElement")
        page.keyboard.press("Shift+Tab")
        unfocused = page.screenshot(clip=box, animations="disabled")
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement === window.__stop"):
            pytest.fail(f"Shift+Tab, Tab did not return to {active}")
        if focused == unfocused:
            invisible.append(str(active))
        checked += 1
        in_main += active["inMain"]
        if in_main >= 5:
            break
    assert checked >= 10 and in_main >= 5, f"only {checked} stops checked, {in_main} in the content"
    assert not invisible, "focus not visible on:\n" + "\n".join(invisible)
