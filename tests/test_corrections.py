"""The corrections page (data/corrections.yml): every entry sourced, linked both ways, figures from data."""

from __future__ import annotations

import re

import pytest
import yaml
from project import ROOT
from site_data import figures
from test_build import CHAPTERS as CHAPTER_ORDER
from test_build import nav_pages, page_html

from docs_text import heading_ids
from macros.checks import typed_numbers
from macros.data import load_data
from macros.render.corrections import Corrections, anchor
from macros.stash import Stash
from macros.yamlio import DataError

ALL = load_data()
FACTS = ALL.facts
DATA = ALL.corrections
CORRECTIONS_FILE = ROOT / "data" / "corrections.yml"
CJK = re.compile(r"[\u4e00-\u9fff]")


def renderer(lang: str, page: str = "corrections.md", data=ALL) -> Corrections:
    return Corrections(figures(lang, page, data), Stash())


def test_at_least_the_fifteen_key_errata():
    key = [e for e in DATA.entries if e.key]
    assert len(key) >= 15
    assert len(DATA.entries) > len(key), "further divergences beyond the key errata are listed too"


def test_every_entry_has_a_source_with_a_link():
    for entry in DATA.entries:
        assert entry.sources, entry.id
        for sid in entry.sources:
            assert sid in FACTS.sources, f"{entry.id}: unknown source {sid}"
            assert str(FACTS.sources[sid].url).startswith("http")
        assert any(sid != "article" for sid in entry.sources), f"{entry.id}: the article cannot source its correction"


def test_every_entry_names_chapters_and_headings_that_exist():
    for entry in DATA.entries:
        for where in entry.where:
            assert where.chapter in CHAPTER_ORDER
            if where.anchor:
                assert f"corrections.section.{where.anchor}" in ALL.words, f"{entry.id}: label #{where.anchor}"
                for suffix in ("", ".en"):
                    ids = heading_ids(ROOT / "docs" / f"{where.chapter}{suffix}.md")
                    assert where.anchor in ids, f"{entry.id}: #{where.anchor} not in {where.chapter}{suffix}.md"


def test_every_chapter_has_corrections():
    covered = {w.chapter for e in DATA.entries for w in e.where}
    assert covered == set(CHAPTER_ORDER), f"chapters without corrections: {set(CHAPTER_ORDER) - covered}"


def test_chapter_links_use_the_nav_titles():
    html = renderer("en").entry_body(DATA.entries[0])
    chapter = ALL.site.chapter(DATA.entries[0].where[0].chapter)
    assert f">{chapter.title('en')}" in html
    assert "corrections.md" in nav_pages() and "glossary.md" in nav_pages()


def test_both_languages_are_written_and_figures_are_not_typed():
    for entry in DATA.entries:
        for field in ("title", "claim", "correction"):
            zh, en = getattr(entry, field).zh, getattr(entry, field).en
            assert CJK.search(zh), f"{entry.id}.{field}.zh has no Chinese"
            assert not CJK.search(re.sub(r"\{\{.*?\}\}", "", en)), f"{entry.id}.{field}.en has Chinese"
            for lang, text in (("zh", zh), ("en", en)):
                found = [t.text for t in typed_numbers(text)]
                assert not found, f"{entry.id}.{field}.{lang}: typed figures {found}; use fig()"


def test_every_figure_in_the_text_exists():
    for lang in ("zh", "en"):
        r = renderer(lang)
        for entry in DATA.entries:
            for field in ("claim", "correction"):
                html = r.text(getattr(entry, field)[lang])
                assert "{{" not in html


def test_entry_renders_claim_verdict_correction_sources_and_chapter_links():
    for lang in ("zh", "en"):
        r = renderer(lang)
        page = r.page_markdown()
        for entry in DATA.entries:
            assert f"{{ #{anchor(entry)} }}" in page
            html = r.entry_body(entry)
            assert f"verdict--{entry.verdict}" in html
            for where in entry.where:
                target = f"../{where.chapter}/" + (f"#{where.anchor}" if where.anchor else "")
                assert f'href="{target}"' in html, f"{entry.id} ({lang}) does not link back to {target}"
            for sid in entry.sources:
                assert f'href="{FACTS.sources[sid].url}"' in html


def test_corrections_for_lists_exactly_the_chapters_entries():
    for slug in CHAPTER_ORDER:
        for lang in ("zh", "en"):
            html = renderer(lang, f"{slug}.md").for_chapter(slug)
            linked = re.findall(r'href="\.\./corrections/#err-([\w-]+)"', html)
            expected = [e.id for e in DATA.entries if any(w.chapter == slug for w in e.where)]
            assert linked == expected
            # a calm summary, not a red "failure" panel
            assert html.startswith('<div class="admonition note corrections-summary"')
    with pytest.raises(KeyError, match="unknown chapter"):
        renderer("zh").for_chapter("nowhere")


def broken(project, mutate):
    """load_data() of a project copy whose data/corrections.yml was changed by mutate(entries)."""
    path = project / "data" / "corrections.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data["entries"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return lambda: load_data(project)


def test_an_entry_without_sources_is_an_error(project_copy):
    load = broken(project_copy, lambda entries: entries[0].update(sources=[]))
    with pytest.raises(DataError, match=r"(?s)corrections.yml.*entries\.0\.sources"):
        load()


def test_an_unknown_source_is_an_error(project_copy):
    load = broken(project_copy, lambda entries: entries[0].update(sources=["nowhere_blog"]))
    with pytest.raises(DataError, match="unknown source id 'nowhere_blog'"):
        load()


def test_an_unknown_chapter_is_an_error(project_copy):
    load = broken(project_copy, lambda entries: entries[0].update(where=[{"chapter": "nowhere"}]))
    with pytest.raises(DataError, match="unknown chapter 'nowhere'"):
        load()


def test_an_unknown_figure_in_the_text_is_an_error(project_copy):
    load = broken(project_copy, lambda entries: entries[0]["claim"].update(zh="{{ fig('gpt4.no_such_figure') }}"))
    with pytest.raises(
        DataError, match=r"corrections.yml: entries\.[a-z0-9-]+\.claim: unknown figure key 'gpt4.no_such_figure'"
    ):
        load()


def test_the_pages_exist_in_both_languages():
    zh, en = ROOT / "docs" / "corrections.md", ROOT / "docs" / "corrections.en.md"
    assert heading_ids(zh) == heading_ids(en)
    for page in (zh, en):
        text = page.read_text(encoding="utf-8")
        assert "{{ corrections_page() }}" in text
        assert re.search(r"^description: .+", text, re.M)


# --- the built site ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_corrections_page_is_built_with_every_entry(built_site, lang):
    html = page_html(built_site, "corrections", lang)
    for entry in DATA.entries:
        assert f'id="{anchor(entry)}"' in html, f"{entry.id} missing"
        section = html[html.index(f'id="{anchor(entry)}"') :]
        section = section[: section.find("<h3", 10) if "<h3" in section[10:] else len(section)]
        for where in entry.where:
            href = f"../{where.chapter}/" + (f"#{where.anchor}" if where.anchor else "")
            assert f'href="{href}"' in section, f"{entry.id}: no link back to {href}"
        for sid in entry.sources:
            assert f'href="{FACTS.sources[sid].url}"' in section
        assert "data-fig=" in section or not re.search(r"\{\{", entry.claim[lang] + entry.correction[lang])
    assert ('<h1 id="corrections">勘误' if lang == "zh" else '<h1 id="corrections">Corrections') in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chapter_links_to_its_corrections(built_site, lang):
    """Chapters carry {{ corrections_for("<slug>") }} (inserted by the lead) linking to their entries."""
    for slug in CHAPTER_ORDER:
        html = page_html(built_site, slug, lang)
        expected = [e.id for e in DATA.entries if any(w.chapter == slug for w in e.where)]
        missing = [i for i in expected if f'href="../corrections/#err-{i}"' not in html]
        assert not missing, f"{slug} ({lang}) does not link to its corrections: {missing}"
