"""No figure is typed into a page by hand: digits belong in data/facts.yml (macros/checks.py, rule 4).

Digits are allowed only inside macros and in the names of macros/checks.py ALLOWED_NAMES, each of
which names a thing rather than stating a quantity.
"""

from __future__ import annotations

import pytest

from docs_text import markdown_pages
from macros.checks import figure_index, number_value, suggest, typed_numbers
from macros.data import load_data

INDEX = figure_index(load_data().facts)


@pytest.mark.parametrize("page", markdown_pages(), ids=lambda p: p.name)
def test_no_figure_typed_by_hand(page):
    found = [f"line {t.line}: {t.text!r}" for t in typed_numbers(page.read_text(encoding="utf-8"))]
    assert not found, f"{page.relative_to(page.parents[1])}: digits outside macros (use fig()): {found[:10]}"


def test_the_rule_finds_the_line_and_the_key():
    text = "---\ndescription: x\n---\n\n# T { #t }\n\nQwen3 有 2350亿 参数。\n\nIt has 235B parameters.\n"
    found = typed_numbers(text)
    assert [(t.line, t.text) for t in found] == [(7, "2350亿"), (9, "235B")]
    for typed in found:
        assert suggest(number_value(typed.text), INDEX)[0] == "qwen3_235b.total_params"
    assert typed_numbers("Qwen3-235B-A22B 的 {{ fig('qwen3_235b.total_params') }}") == []
    assert typed_numbers("GPT-4 用了 13T tokens") != []
