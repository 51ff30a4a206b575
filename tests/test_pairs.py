"""Every page exists in both languages, with the same heading ids and the same figures."""

from __future__ import annotations

import pytest

from docs_text import figure_keys, heading_ids, markdown_pages, twin, zh_pages


@pytest.mark.parametrize("page", markdown_pages(), ids=lambda p: p.name)
def test_every_page_has_its_twin(page):
    assert twin(page).exists(), f"{page.name} has no translation {twin(page).name}"


@pytest.mark.parametrize("page", zh_pages(), ids=lambda p: p.name)
def test_twins_share_heading_ids(page):
    zh_ids, en_ids = heading_ids(page), heading_ids(twin(page))
    missing = [i for i in zh_ids + en_ids if i.startswith("<no id")]
    assert not missing, f"{page.name}: headings without an explicit {{ #id }}: {missing}"
    assert zh_ids == en_ids, f"{page.name} and its twin differ in heading ids:\nzh {zh_ids}\nen {en_ids}"


@pytest.mark.parametrize("page", zh_pages(), ids=lambda p: p.name)
def test_twins_use_the_same_figures(page):
    zh_keys, en_keys = figure_keys(page), figure_keys(twin(page))
    assert zh_keys == en_keys, (
        f"{page.name}: only in zh {sorted(zh_keys - en_keys)}; only in en {sorted(en_keys - zh_keys)}"
    )


@pytest.mark.parametrize("page", zh_pages(), ids=lambda p: p.name)
def test_every_page_has_a_description(page):
    for version in (page, twin(page)):
        head = version.read_text(encoding="utf-8").split("---")
        assert len(head) > 2 and "description:" in head[1], f"{version.name} has no front-matter description"
