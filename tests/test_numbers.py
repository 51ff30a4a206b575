"""Figures are formatted for the page's language (Babel): zh 2350亿, en 235B."""

from __future__ import annotations

import pytest

from macros.numbers import format_figure


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (235_000_000_000, "parameters", "2350亿参数", "235B parameters"),
        (22_000_000_000, "parameters", "220亿参数", "22B parameters"),
        (1_800_000_000_000, "parameters", "1.8万亿参数", "1.8T parameters"),
        (36_000_000_000_000, "tokens", "36万亿 token", "36T tokens"),
        (32_768, "tokens", "32,768 token", "32,768 tokens"),
        (119, "languages", "119 种语言", "119 languages"),
        (1, "gpus", "1 张 GPU", "1 GPU"),
        (8, "gpus", "8 张 GPU", "8 GPUs"),
        (470_187_269_120, "bytes", "470.2 GB", "470.2 GB"),
        (44_000_000_000, "flop", "4.4 × 10¹⁰ FLOP", "4.4 × 10¹⁰ FLOP"),
        (0.0625, "fraction", "6.2%", "6.2%"),
        (3, "times", "3 倍", "3×"),
        (0.03, "usd_per_1k_tokens", "每千 token 0.03 美元", "$0.03 per 1K tokens"),
        ("2025-04-29", "date", "2025年4月29日", "April 29, 2025"),
    ],
)
def test_formats_per_language(value, unit, zh, en):
    assert format_figure(value, unit, "zh") == zh
    assert format_figure(value, unit, "en") == en


def test_styles():
    assert format_figure(0.0625, "fraction", "en", "fraction") == "1/16"
    assert format_figure(0.3333, "fraction", "zh", "fraction") == "1/3"
    assert format_figure(192_512, "bytes", "en", "exact") == "192,512 bytes"
    assert format_figure(192_512, "bytes", "zh", "exact") == "192,512 字节"
    assert format_figure(44_000_000_000, "flop", "zh", "compact") == "440亿 FLOP"
    assert format_figure(235_000_000_000, "parameters", "en", "bare") == "235B"


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="'fr'"):
        format_figure(1, "count", "fr")
