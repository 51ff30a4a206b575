"""Every page exists in both languages, with the same heading ids and the same figures (macros/checks.py).

The same rules run in every build (macros/build.py), so `mkdocs build --strict` and `serve` refuse a
broken pair; tests/test_refusals.py injects each fault into a copy of the project.
"""

from __future__ import annotations

import pytest

from docs_text import markdown_pages, twin, zh_pages
from macros.checks import check_docs
from macros.data import load_data


def test_the_docs_pass_every_rule():
    data = load_data()
    assert check_docs(data.site, data.facts) == []


@pytest.mark.parametrize("page", zh_pages(), ids=lambda p: p.name)
def test_every_page_has_a_description(page):
    for version in (page, twin(page)):
        head = version.read_text(encoding="utf-8").split("---")
        assert len(head) > 2 and "description:" in head[1], f"{version.name} has no front-matter description"


def test_every_page_has_its_twin():
    names = {p.name for p in markdown_pages()}
    assert all(twin(p).name in names for p in markdown_pages())
