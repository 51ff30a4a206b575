"""Figures are formatted for the page's language (Babel), by kind of quantity (CONTRIBUTING.md, FIG-5)."""

from __future__ import annotations

import pytest

from macros.numbers import Formatter, as_text, round_sig
from macros.words import load_words


@pytest.fixture(scope="module")
def fmt():
    return Formatter(load_words())


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (235_000_000_000, "parameters", "2350亿参数", "235B parameters"),
        (22_000_000_000, "parameters", "220亿参数", "22B parameters"),
        (1_800_000_000_000, "parameters", "1.8万亿参数", "1.8T parameters"),
        (36_000_000_000_000, "tokens", "36万亿 token", "36T tokens"),
        # a context length is exact, never 3.28万
        (32_768, "context", "32,768 token", "32,768 tokens"),
        (131_072, "context", "131,072 token", "131,072 tokens"),
        # counts: 万 from ten thousand in Chinese, written out in English below a million
        (25_000, "gpus", "2.5万张 GPU", "25,000 GPUs"),
        (3_995, "count", "3,995", "3,995"),
        (119, "languages", "119 种语言", "119 languages"),
        (1, "gpus", "1 张 GPU", "1 GPU"),
        (8, "gpus", "8 张 GPU", "8 GPUs"),
        # three significant figures: no false precision
        (470_187_269_120, "bytes", "470 GB", "470 GB"),
        (6_308_233_216, "bytes", "6.31 GB", "6.31 GB"),
        (44_000_000_000, "flop", "4.4 × 10<sup>10</sup> FLOP", "4.4 × 10<sup>10</sup> FLOP"),
        (0.0625, "fraction", "6.25%", "6.25%"),
        (3, "times", "3 倍", "3×"),
        # a ratio of rumours to two significant figures, marked approximate
        (12_727.27, "times", "约 1.3万倍", "≈ 13,000×"),
        (63_000_000, "usd", "6300万美元", "$63M"),
        (0.03, "usd_per_1k_tokens", "每千 token 0.03 美元", "$0.03 per 1K tokens"),
        ("2025-04-29", "date", "2025年4月29日", "April 29, 2025"),
    ],
)
def test_formats_per_language(fmt, value, unit, zh, en):
    assert fmt.figure(value, unit, "zh") == zh
    assert fmt.figure(value, unit, "en") == en


def test_styles(fmt):
    assert fmt.figure(0.0625, "fraction", "en", "fraction") == "1/16"
    assert fmt.figure(0.3333, "fraction", "zh", "fraction") == "1/3"
    assert fmt.figure(192_512, "bytes", "en", "exact") == "192,512 bytes"
    assert fmt.figure(192_512, "bytes", "zh", "exact") == "192,512 字节"
    assert fmt.figure(192_512, "bytes", "en", "gib") == "188 KiB"
    assert fmt.figure(235_000_000_000, "parameters", "en", "bare") == "235B"
    assert fmt.figure(235_093_634_560, "parameters", "en", "exact") == "235,093,634,560 parameters"


def test_a_figure_can_set_its_precision(fmt):
    assert fmt.figure(2.15e25, "flop", "en", sig=2) == "2.2 × 10<sup>25</sup> FLOP"
    assert fmt.figure(12_727.27, "times", "en", sig=3) == "≈ 12,700×"
    assert fmt.figure(131_072, "tokens", "zh") == "13.1万 token"
    assert fmt.figure(131_072, "tokens", "zh", form="exact") == "131,072 token"


def test_rounding_and_plain_text():
    assert round_sig(12_727.3, 2) == 13_000
    assert round_sig(0.0936170, 3) == 0.0936
    assert as_text("4.4 × 10<sup>10</sup> FLOP") == "4.4 × 10^10 FLOP"


def test_unknown_language_or_style_is_an_error(fmt):
    with pytest.raises(ValueError, match="'fr'"):
        fmt.figure(1, "count", "fr")
    with pytest.raises(ValueError, match="unknown figure style 'tiny'"):
        fmt.figure(1, "count", "en", "tiny")
