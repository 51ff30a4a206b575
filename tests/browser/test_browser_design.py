"""What a reader sees (issue 11): the home page answers at a glance, markers stay quiet, phones and
print work, Chinese terms explain themselves, search snippets are clean. Measured in Chromium on the
built site, in both languages; pages come from docs/ and chapters from the site model, never a list."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from browser_helpers import shown_tooltip
from site_pages import languages, reading

from macros.data import load_data

pytestmark = pytest.mark.browser

DATA = load_data()
SITE = DATA.site
WORDS = DATA.words
PAGES = list(reading())  # what readers see on screen (the print views are tested as PDFs)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SUPERSCRIPT_DIGITS = re.compile("[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]")


def url_of(served_site: str, lang: str, src: str = "index.md") -> str:
    return served_site + SITE.page_url(src, lang)


def new_page(browser, viewport=DESKTOP, scheme="light", **options):
    context = browser.new_context(viewport=viewport, color_scheme=scheme, **options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


# --- the home page ------------------------------------------------------------------------------

FIGURES_IN_VIEW = """limit => [...document.querySelectorAll('article a.fig[data-fig]')]
    .filter(a => { const r = a.getBoundingClientRect(); return r.width > 0 && r.top + scrollY < limit; }).length"""


@pytest.mark.parametrize("lang", SITE.codes)
def test_home_shows_eight_figures_in_two_screens_and_links_every_chapter(browser, served_site, lang):
    context, page = new_page(browser)
    page.goto(url_of(served_site, lang), wait_until="load")
    two_screens = 2 * DESKTOP["height"]
    assert page.evaluate(FIGURES_IN_VIEW, two_screens) >= 8, "fewer than 8 figures in the first two screens"
    hrefs = page.evaluate("() => [...document.querySelectorAll('article a[href]')].map(a => a.href)")
    linked = {unquote(urlsplit(h).path) for h in hrefs}
    for chapter in SITE.chapters:
        target = unquote(urlsplit(url_of(served_site, lang, chapter.src)).path)
        assert target in linked, f"home ({lang}) has no link to {chapter.title(lang)} ({target})"
    cards = page.locator("ol.chapter-cards > li.card")
    assert cards.count() == len(SITE.chapters)
    for card, chapter in zip(cards.all(), SITE.chapters, strict=True):
        assert card.locator(".card__title").inner_text() == chapter.title(lang)
        assert card.locator(".card__takeaway").inner_text().strip()
    context.close()


# --- quiet markers --------------------------------------------------------------------------------

MARKERS = """() => {
    const figs = [...document.querySelectorAll('article a.fig')].filter(a => a.getClientRects().length);
    const marks = [...document.querySelectorAll('article .fig__mark')].filter(m => m.getClientRects().length);
    return {figures: figs.length,
            marks: marks.map(m => ({text: m.textContent.trim(), size: parseFloat(getComputedStyle(m).fontSize)}))}; }"""


@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.id)
def test_official_is_rarely_spelled_out_and_status_words_are_legible(browser, served_site, site_page):
    context, page = new_page(browser)
    page.goto(served_site + site_page.path, wait_until="load")
    seen = page.evaluate(MARKERS)
    context.close()
    official = WORDS.t("status.official.name", site_page.lang)
    spelled = sum(1 for m in seen["marks"] if m["text"] == official)
    assert spelled <= 0.1 * max(seen["figures"], 1), f"{site_page.id}: {spelled} of {seen['figures']} say {official!r}"
    small = [m for m in seen["marks"] if m["size"] < 12]
    assert not small, f"{site_page.id}: status words under 12 px: {small[:3]}"


# --- phones ---------------------------------------------------------------------------------------

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const inScrollBox = e => {  // some scroll box around it fits the screen: the reader scrolls that box
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const scrolls = /(auto|scroll)/.test(getComputedStyle(p).overflowX);
      if (scrolls && p.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  for (const e of document.querySelectorAll('.md-content *')) {  // the drawer sits off-screen by design
    const r = e.getBoundingClientRect();
    if (!r.width || (r.right <= width + 1 && r.left >= -1)) continue;
    const inside = inScrollBox(e);
    if (!inside) out.push(`${e.tagName.toLowerCase()}.${e.className} right=${Math.round(r.right)}`);
  }
  return {width, scroll: document.scrollingElement.scrollWidth, wide: out.slice(0, 5)};
}"""

CHART_TEXT = """() => [...document.querySelectorAll('svg.chart__svg')].filter(s => s.getClientRects().length)
  .flatMap(svg => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text, tspan')].filter(t => t.textContent.trim().replace('\\u200b', ''))
      .map(t => ({text: t.textContent.trim(), px: parseFloat(getComputedStyle(t).fontSize) * scale})); })"""


@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.id)
def test_no_page_is_wider_than_a_phone_and_chart_text_stays_legible(browser, served_site, site_page):
    context, page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    page.goto(served_site + site_page.path, wait_until="load")
    found = page.evaluate(OVERFLOW)
    texts = page.evaluate(CHART_TEXT)
    context.close()
    assert found["scroll"] <= found["width"] and not found["wide"], f"{site_page.id} at 390 px: {found}"
    tiny = [t for t in texts if t["px"] < 11]
    assert not tiny, f"{site_page.id}: chart text under 11 px on a phone: {tiny[:4]}"


GLANCE_ON_PHONE = """() => { const box = document.querySelector('.comparison'), cells = [...box.querySelectorAll('td')];
  return {scrolls: box.scrollWidth > box.clientWidth + 1,
          outside: cells.filter(td => td.getBoundingClientRect().right > box.getBoundingClientRect().right + 1).length,
          labels: cells.map(td => getComputedStyle(td, '::before').content)}; }"""


@pytest.mark.parametrize("lang", SITE.codes)
def test_at_a_glance_shows_both_models_on_a_phone_without_sideways_scrolling(browser, served_site, lang):
    context, page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    page.goto(url_of(served_site, lang), wait_until="load")
    seen = page.evaluate(GLANCE_ON_PHONE)
    context.close()
    assert not seen["scrolls"] and not seen["outside"], f"home ({lang}): the table scrolls sideways at 390 px: {seen}"
    models = [column[lang] for column in DATA.tables.tables["at_a_glance"].columns[1:]]
    named = [label for label in seen["labels"] if any(model in label for model in models)]
    assert len(named) == len(seen["labels"]) > 0, f"home ({lang}): stacked cells without their model's name: {seen}"


# --- typography -----------------------------------------------------------------------------------


@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.id)
def test_no_unicode_superscript_digits(browser, served_site, site_page):
    context, page = new_page(browser)
    page.goto(served_site + site_page.path, wait_until="load")
    text = page.evaluate("document.body.innerText")
    context.close()
    assert not SUPERSCRIPT_DIGITS.findall(text), f"{site_page.id}: {SUPERSCRIPT_DIGITS.findall(text)[:5]}"


QUOTE_WIDTH = """() => { const p = document.querySelector('article.md-content__inner > p');
    const probe = document.createElement('span'); probe.textContent = '\\u201c\\u201d'; p.append(probe);
    const em = parseFloat(getComputedStyle(probe).fontSize), width = probe.getBoundingClientRect().width;
    probe.remove(); return width / em; }"""


def test_english_pages_set_quotes_in_a_latin_face(browser, served_site):
    _, others = languages()
    context, page = new_page(browser)
    for lang in others:
        for site_page in [p for p in PAGES if p.lang == lang]:
            page.goto(served_site + site_page.path, wait_until="load")
            width = page.evaluate(QUOTE_WIDTH)
            assert width < 1.2, f"{site_page.id}: a pair of curly quotes is {width:.2f} em wide (a CJK face)"
    context.close()


MEASURE = """() => [...document.querySelectorAll('article.md-content__inner > p')].map(p => {
    const style = getComputedStyle(p), box = p.getBoundingClientRect();
    const lines = Math.round(box.height / parseFloat(style.lineHeight));
    const ems = box.width / parseFloat(style.fontSize);
    return {lines, perLine: p.textContent.length / lines, ems, px: box.width};
  })
  .filter(p => p.lines >= 5)"""


@pytest.mark.parametrize("lang", SITE.codes)
def test_prose_keeps_a_readable_measure_on_a_laptop(browser, served_site, lang):
    """≈ 35–45 Chinese characters (1 em each) or ≈ 70–80 Latin characters a line; the column itself
    is wider, for tables and charts."""
    context, page = new_page(browser)
    page.goto(url_of(served_site, lang, "inference-cost.md"), wait_until="load")
    paragraphs = page.evaluate(MEASURE)
    column = page.evaluate("() => document.querySelector('article.md-content__inner').clientWidth")
    context.close()
    assert paragraphs, "no long paragraph to measure"
    widest = max(paragraphs, key=lambda p: p["perLine"])
    if lang == languages()[0]:
        assert all(35 <= p["ems"] <= 45 for p in paragraphs), paragraphs
    else:
        assert 65 <= widest["perLine"] <= 85, widest
    assert column > max(p["px"] for p in paragraphs) + 40, "tables and charts get no more room than the prose"


# --- Chinese glossary tooltips --------------------------------------------------------------------

HAN_TERMS = """() => [...document.querySelectorAll('article abbr[title]')]
    .filter(a => /\\p{sc=Han}/u.test(a.textContent)).map(a => a.getAttribute('tabindex'))"""


def test_chinese_terms_get_tooltips_that_open_on_tap(browser, served_site):
    default, _ = languages()
    context, page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    total = 0
    for site_page in [p for p in PAGES if p.lang == default]:
        page.goto(served_site + site_page.path, wait_until="load")
        focusable = page.evaluate(HAN_TERMS)
        total += len(focusable)
        assert all(t == "0" for t in focusable), f"{site_page.id}: a Chinese term cannot take focus"
    assert total >= 20, f"only {total} tooltips on Chinese terms across the Chinese pages"
    page.goto(url_of(served_site, default, SITE.chapters[0].src), wait_until="load")
    term = page.locator("article abbr[tabindex='0']").filter(has_text=re.compile(r"[\u4e00-\u9fff]")).first
    term.scroll_into_view_if_needed()
    definition = term.get_attribute("title")
    assert shown_tooltip(term) == "", "a tooltip shows before the tap"
    term.tap()
    shown = shown_tooltip(term)
    assert definition and definition.split(WORDS.t("punct.colon", default))[0] in shown, shown
    context.close()


# --- print ----------------------------------------------------------------------------------------

PRINT_MARKS = """() => {
  const decorated = e => { const s = getComputedStyle(e);
    return s.textDecorationLine !== 'none'
      || (s.borderBottomStyle !== 'none' && parseFloat(s.borderBottomWidth) > 0); };
  const legend = document.querySelector('.print-legend');
  return {
    abbr: [...document.querySelectorAll('article abbr')].filter(decorated).length,
    abbrs: document.querySelectorAll('article abbr').length,
    figs: [...document.querySelectorAll('article a.fig')].filter(decorated).length,
    arrows: [...document.querySelectorAll('article summary')].filter(s =>
      getComputedStyle(s, '::after').display !== 'none' || getComputedStyle(s).display === 'list-item').length,
    legend: !!legend && legend.getClientRects().length > 0,
  };
}"""


@pytest.mark.parametrize("lang", SITE.codes)
def test_print_has_no_underlines_or_arrows_and_shows_the_legend(browser, served_site, lang):
    context, page = new_page(browser)
    page.goto(url_of(served_site, lang, "inference-cost.md"), wait_until="load")
    assert not page.locator(".print-legend").is_visible(), "the print legend shows on screen"
    page.emulate_media(media="print")
    found = page.evaluate(PRINT_MARKS)
    context.close()
    assert found["abbrs"] > 0, "no glossary term on the page to check"
    assert found["abbr"] == 0, f"{found['abbr']} glossary terms print underlined"
    assert found["figs"] == 0, f"{found['figs']} figures print underlined"
    assert found["arrows"] == 0, f"{found['arrows']} <details> print their disclosure arrow"
    assert found["legend"], "no status legend in print"


def test_reported_bars_keep_their_hatching_in_print(browser, served_site):
    context, page = new_page(browser)
    page.goto(url_of(served_site, languages()[0], "architecture.md"), wait_until="load")
    page.emulate_media(media="print")
    hatched = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart__svg')].filter(s => s.getClientRects().length)
            .flatMap(s => [...s.querySelectorAll('rect[fill^="url(#"][fill$="-hatch)"]')])
            .filter(r => r.getBoundingClientRect().width > 0).length"""
    )
    paper = page.evaluate(
        """() => getComputedStyle(document.querySelector('svg.chart__svg--wide .chart__hatch')).fill"""
    )
    context.close()
    assert hatched > 0, "no hatched (reported) bar printed"
    assert paper in ("rgb(255, 255, 255)", "#fff", "#ffffff"), f"hatching drawn in {paper}, not paper white"


# --- search ---------------------------------------------------------------------------------------

GLUED = {
    code: re.compile(
        "|".join(
            rf"\d{re.escape(WORDS.t(f'status.{s}.name', code))}|{re.escape(WORDS.t(f'status.{s}.name', code))}\d"
            for s in ("official", "reported", "derived", "unverified")
        )
    )
    for code in SITE.codes
}


@pytest.mark.parametrize("lang", SITE.codes)
def test_no_status_word_is_glued_to_a_digit_in_the_search_index(built_site, lang):
    index = json.loads((built_site / "search" / f"search_index.{lang}.json").read_text(encoding="utf-8"))
    glued = []
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", "", doc["title"] + " " + doc["text"]).replace("\u200b", "")
        glued += [
            f"{doc['location']}: …{text[max(0, m.start() - 15) : m.end() + 5]}…" for m in GLUED[lang].finditer(text)
        ]
    assert not glued, "\n".join(glued[:10])


def search(page, query: str) -> list[dict]:
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__link')].map(a => ({
            href: a.href, text: (a.querySelector('article > p:not(.md-search-result__terms)') || {}).textContent || '',
            missing: [...a.querySelectorAll('.md-search-result__terms')].map(t => t.textContent)}))"""
    )


def test_chinese_search_has_no_missing_word_noise_and_glossary_hits_have_snippets(browser, served_site):
    default, _ = languages()
    context, page = new_page(browser)
    page.goto(url_of(served_site, default), wait_until="load")
    results = search(page, "后训练")
    assert results and not [r for r in results if r["missing"]], [r for r in results if r["missing"]][:3]
    page.goto(url_of(served_site, default), wait_until="load")
    results = search(page, "蒸馏")
    glossary = urljoin(url_of(served_site, default), SITE.page_url("glossary.md", default))
    terms = [r for r in results if r["href"].startswith(glossary) and "#term-" in r["href"]]
    assert terms, f"no glossary term among the results: {[r['href'] for r in results]}"
    assert all(r["text"].strip() for r in terms), f"a glossary result without a snippet: {terms}"
    corrections = urljoin(url_of(served_site, default), SITE.page_url("corrections.md", default))
    entries = [r for r in results if r["href"].startswith(corrections) and "#err-" in r["href"]]
    assert entries and all(r["text"].strip() for r in entries), f"corrections results: {entries}"
    context.close()
