"""No figure is typed into a page by hand: digits belong in data/facts.yml.

Digits are allowed only inside macros and in the names listed below, each
of which names a thing rather than stating a quantity.
"""

from __future__ import annotations

import re

import pytest

from docs_text import body, markdown_pages

# Names that contain digits but are not figures (each entry says why).
ALLOWED_NAMES = [
    r"GPT-4o(?:-\d{4}-\d{2}-\d{2})?",  # model name, with its dated snapshot
    r"GPT-4(?:-32k)?",  # model name (and the 32K product name)
    r"GPT-3\.5",  # model name
    r"gpt-4(?:-32k)?",  # API model ids
    r"Qwen3(?:-\d+(?:\.\d+)?B(?:-A\d+(?:\.\d+)?B)?)?(?:-\d{4})?(?:-Base)?",  # Qwen3, Qwen3-235B-A22B ...
    r"Qwen2\.5(?:-(?:MoE|Math|Coder|VL|\d+B))?",  # model family names
    r"Qwen-?1",  # first-generation Qwen
    r"QwQ-32B",  # model name
    r"DeepSeek-R1",  # model name
    r"H20|A100|H100",  # GPU product names
    r"BF16|FP16|FP8|INT8|INT4",  # number-format names
    r"\d{1,2}[- ]?(?:bit|位)",  # "8-bit" / "4 位": format names used with BF16/FP8/INT4
    r"S[1-3]",  # Qwen3 pre-training stage labels
    r"Stage ?[1-4]|阶段 ?[1-4]",  # Qwen3 post-training stage labels
    r"AIME'?24|MT-AIME2024|VQAv2|LiveCodeBench v5|Creative Writing v3|C-Eval|MMLU|MMMLU",  # benchmarks
    r"2504|2507",  # Qwen3 release tags (e.g. "Qwen3 2507")
    r"WCAG 2\.1|CC BY-SA 4\.0",  # standard and licence names
    r"404",  # the HTTP status in the not-found page
    r"x86_64",
]
ALLOWED = re.compile("|".join(f"(?:{name})" for name in ALLOWED_NAMES))

STRIP = [
    re.compile(r"\{\{.*?\}\}", re.S),  # macro calls
    re.compile(r"\{%.*?%\}", re.S),  # Jinja statements
    re.compile(r"\{\s*[#.][^}]*\}"),  # attribute lists { #id }
    re.compile(r"^```.*?^```", re.S | re.M),  # fenced code
    re.compile(r"`[^`\n]*`"),  # inline code (data keys, commands)
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"<[^>]+>"),  # HTML tags and attributes
    re.compile(r"^\s*\d+\.\s", re.M),  # ordered-list markers
    re.compile(r"\[\^[\w-]+\]"),  # footnote references
    re.compile(r"https?://\S+"),  # bare URLs
]


def typed_numbers(text: str) -> list[str]:
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    text = ALLOWED.sub(" ", text)
    found = []
    for number, line in ((m.group(0), text.count("\n", 0, m.start()) + 1) for m in re.finditer(r"\d[\d.,]*", text)):
        found.append(f"line ~{line}: {number!r}")
    return found


@pytest.mark.parametrize("page", markdown_pages(), ids=lambda p: p.name)
def test_no_figure_typed_by_hand(page):
    found = typed_numbers(body(page))
    assert not found, f"{page.relative_to(page.parents[1])}: digits outside macros (use fig()): {found[:10]}"


def test_the_lint_catches_a_typed_figure():
    assert typed_numbers("Qwen3 有 2350 亿参数") == ["line ~1: '2350'"]
    assert typed_numbers("Qwen3-235B-A22B 的 {{ fig('qwen3_235b.total_params') }}") == []
    assert typed_numbers("GPT-4 用了 13T tokens") != []
