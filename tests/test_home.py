"""The home page's parts, without a build: chapter cards, the at-a-glance table, the key corrections,
the status legend printed on every page. (What a reader sees in the browser: tests/browser/test_browser_design.py.)"""

from __future__ import annotations

import html
import os
import re

import pytest
from project import ROOT, copy_project
from site_data import figures

from macros.data import load_data
from macros.page import Page
from macros.render.cards import chapter_cards
from macros.render.corrections import Corrections
from macros.render.tables import comparison_table
from macros.site import read_front_matter
from macros.stash import Stash
from macros.yamlio import DataError

DATA = load_data()
SITE = DATA.site
LANGS = SITE.codes
FIG = re.compile(r'<a class="fig[^"]*"[^>]*data-fig="([^"]+)"[^>]*data-status="([a-z]+)"')


def home(lang: str, data=DATA) -> Page:
    return Page(data, lang, "index.md")


# --- chapter cards ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_card_per_chapter_with_its_title_takeaway_and_link(lang):
    markup = chapter_cards(home(lang))
    cards = re.findall(
        r'<li class="card" data-chapter="([^"]+)"><a class="card__link" href="([^"]+)">'
        r'<span class="card__title">([^<]+)</span></a><p class="card__takeaway">([^<]+)</p></li>',
        markup,
    )
    assert [c[0] for c in cards] == [p.slug for p in SITE.chapters], "one card per chapter, in nav order"
    for (slug, href, title, takeaway), chapter in zip(cards, SITE.chapters, strict=True):
        assert html.unescape(title) == chapter.title(lang)
        assert href == home(lang).link(chapter.src)
        expected = SITE.front_matter(chapter.src, lang)["takeaway"]
        assert html.unescape(takeaway) == expected.strip()
        assert "{{" not in expected and len(expected) <= 140, f"{slug} ({lang}): takeaway should be one short line"
    assert "data-no-tooltips" in markup.split(">", 1)[0], "cards are links: no glossary tooltips inside"


def test_takeaways_are_in_the_pages_language():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for chapter in SITE.chapters:
        assert cjk.search(SITE.front_matter(chapter.src, "zh")["takeaway"]), chapter.slug
        assert not cjk.search(SITE.front_matter(chapter.src, "en")["takeaway"]), chapter.slug


def _copy_with(tmp_path, page: str, old: str, new: str):
    project = copy_project(tmp_path / "project")
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_data(project)


def test_a_chapter_without_a_takeaway_stops_the_build_naming_its_file(tmp_path):
    line = next(ln for ln in (ROOT / "docs" / "workflow.en.md").read_text().splitlines() if ln.startswith("takeaway:"))
    data = _copy_with(tmp_path, "workflow.en.md", line + "\n", "")
    with pytest.raises(DataError, match=r"docs/workflow\.en\.md: front matter needs `takeaway:`"):
        chapter_cards(home("en", data))
    chapter_cards(home("zh", data))  # the Chinese page still has its own


def test_a_takeaway_may_not_call_macros(tmp_path):
    line = next(ln for ln in (ROOT / "docs" / "summary.md").read_text().splitlines() if ln.startswith("takeaway:"))
    data = _copy_with(tmp_path, "summary.md", line, "takeaway: \"{{ fig('gpt4.total_params') }}\"")
    with pytest.raises(DataError, match=r"docs/summary\.md: `takeaway:` must be one line of plain text"):
        chapter_cards(home("zh", data))


def test_takeaways_are_escaped(tmp_path):
    line = next(ln for ln in (ROOT / "docs" / "summary.md").read_text().splitlines() if ln.startswith("takeaway:"))
    data = _copy_with(tmp_path, "summary.md", line, 'takeaway: "<script>x</script> & Qwen3"')
    markup = chapter_cards(home("zh", data))
    assert "<script>" not in markup and "&lt;script&gt;x&lt;/script&gt; &amp; Qwen3" in markup


def test_front_matter_is_cached_and_reread_when_the_file_changes(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\ntakeaway: one\n---\n\n# Page\n", encoding="utf-8")
    first = read_front_matter(page)
    assert first == {"takeaway": "one"} and read_front_matter(page) is first
    page.write_text("---\ntakeaway: two\n---\n\n# Page\n", encoding="utf-8")
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000))
    assert read_front_matter(page) == {"takeaway": "two"}
    page.write_text("---\na: 1\na: 2\n---\n", encoding="utf-8")
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 2_000_000))
    with pytest.raises(DataError, match=r"page\.md:3: key 'a' is given twice"):
        read_front_matter(page)


# --- the at-a-glance table ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_at_a_glance_shows_each_figure_with_its_status(lang):
    table = DATA.tables.tables["at_a_glance"]
    markup = comparison_table("at_a_glance", figures(lang, "index.md"))
    shown = FIG.findall(markup)
    keys = [k for row in table.rows for cell in row.cells if isinstance(cell, list) for k in cell]
    for key in keys:
        assert (key, DATA.facts[key].status) in shown, f"{key} not shown with its status"
    assert len(shown) >= 8, "the home page promises at least eight figures at a glance"
    for row in table.rows:
        assert f'<th scope="row">{html.escape(row.label[lang])}</th>' in markup
    # every non-official figure carries its visible marker; official ones none
    for match in re.finditer(r'(<a class="fig[^>]*data-status="([a-z]+)"[^>]*>.*?</a>)', markup):
        has_mark = 'class="fig__mark"' in match.group(1)
        assert has_mark == (match.group(2) != "official"), match.group(1)[:120]


def test_at_a_glance_covers_what_a_reader_compares_first():
    table = DATA.tables.tables["at_a_glance"]
    keys = {k for row in table.rows for cell in row.cells if isinstance(cell, list) for k in cell}
    texts = " ".join(c.en for row in table.rows for c in row.cells if not isinstance(c, list))
    for model in ("gpt4", "qwen3_235b"):
        for name in ("total_params", "active_params", "forward_flops_per_token"):
            assert f"{model}.{name}" in keys
    assert {"gpt4.pretrain_tokens", "qwen3_family.pretrain_tokens"} <= keys
    assert any(k.startswith("gpt4.context_tokens") for k in keys)
    assert "qwen3_235b.weight_bytes_bf16" in texts, "memory to serve"
    assert "open weights" in texts and "closed" in texts, "openness"


# --- key corrections ------------------------------------------------------------------------------


def ranked():
    return sorted((e for e in DATA.corrections.entries if e.rank is not None), key=lambda e: e.rank)


def test_three_key_corrections_are_ranked_with_a_plain_one_line_summary():
    top = ranked()
    assert [e.rank for e in top[:3]] == [1, 2, 3]
    for entry in top[:3]:
        assert entry.key, f"{entry.id}: a ranked correction must be one of the key errata"
        for lang in LANGS:
            text = entry.summary[lang]
            assert "\n" not in text and "{{" not in text and len(text) <= 160
            assert not re.search(r"\d", re.sub(r"GPT-4|Qwen3", "", text)), f"{entry.id}: figures belong in fig()"


@pytest.mark.parametrize("lang", LANGS)
def test_key_corrections_list_renders_in_rank_order_with_verdicts_and_links(lang):
    markup = Corrections(figures(lang, "index.md"), Stash()).key_list(3)
    items = re.findall(r'<li class="key-correction">(.*?)</li>', markup)
    assert len(items) == 3
    for item, entry in zip(items, ranked(), strict=False):
        assert f"verdict--{entry.verdict}" in item
        assert f'#err-{entry.id}"' in item and html.escape(entry.title[lang]) in item
        assert html.escape(entry.summary[lang]) in item


# --- the status legend in print -------------------------------------------------------------------


def test_the_print_legend_says_what_words_yml_says():
    """overrides/partials/print-legend.html repeats the status words (templates cannot read data/):
    it must stay equal to data/words.yml."""
    template = (ROOT / "overrides" / "partials" / "print-legend.html").read_text(encoding="utf-8")
    for lang in LANGS:
        block = re.search(rf'"{lang}": \{{(.*?)\n  \}}', template, re.S).group(1)
        assert f'"official": "{DATA.words.t("status.official.long", lang)}"' in block
        for status in ("reported", "derived", "unverified"):
            name, long = (DATA.words.t(f"status.{status}.{k}", lang) for k in ("name", "long"))
            assert f'"{status}": ["{name}", "{long}"]' in block, f"{lang}: {status} differs from data/words.yml"
