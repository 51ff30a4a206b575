"""Derived figures equal values computed by hand from the published configs."""

from __future__ import annotations

import pytest
from project import ROOT

from macros.facts import load_facts
from macros.render import Renderer


@pytest.fixture(scope="module")
def facts():
    return load_facts(ROOT / "data" / "facts.yml")


@pytest.mark.parametrize(
    ("key", "by_hand"),
    [
        # 2 (K,V) x 94 layers x 4 KV heads x 128 head dim x 2 bytes
        ("qwen3_235b.kv_cache_bytes_per_token_bf16", 192_512),
        ("qwen3_30b.kv_cache_bytes_per_token_bf16", 98_304),
        ("qwen3_235b.kv_cache_bytes_native_bf16", 6_308_233_216),
        ("qwen3_30b.kv_cache_bytes_yarn_bf16", 12_884_901_888),
        # parameter count rebuilt from config.json; matches the model card's 235B / 30.5B
        ("qwen3_235b.total_params_from_config", 235_093_634_560),
        ("qwen3_30b.total_params_from_config", 30_532_122_624),
        ("qwen3_235b.weight_bytes_bf16", 470_187_269_120),
        ("qwen3_235b.weight_bytes_8bit", 235_093_634_560),
        ("qwen3_30b.weight_bytes_4bit", 15_266_061_312),
        # forward FLOPs per token ~ 2 x active parameters
        ("qwen3_235b.forward_flops_per_token", 44_000_000_000),
        ("gpt4.forward_flops_per_token", 560_000_000_000),
        ("gpt4.forward_flops_dense_equivalent", 3_600_000_000_000),
        ("qwen3_235b.attention_flops_per_context_token", 3_080_192),
        ("gpt4.total_params_check", 1_831_000_000_000),
        ("hardware.four_h20_memory", 384_000_000_000),
    ],
)
def test_derived_value(facts, key, by_hand):
    fact = facts[key]
    assert fact.status == "derived"
    assert fact.value == pytest.approx(by_hand, rel=1e-12)


def test_gqa_saving_is_a_sixteenth_not_a_third(facts):
    assert facts["qwen3_235b.kv_cache_ratio_vs_mha"].value == 1 / 16
    assert facts["qwen3_30b.kv_cache_ratio_vs_mha"].value == 1 / 8


def test_derived_from_reported_figures_says_so(facts):
    assert facts["gpt4.forward_flops_per_token"].basis == "reported"
    assert facts["qwen3_235b.forward_flops_per_token"].basis == "official"


def test_derived_follow_their_inputs(tmp_path):
    text = (ROOT / "data" / "facts.yml").read_text(encoding="utf-8")
    changed = text.replace("    layers:\n      value: 94\n", "    layers:\n      value: 47\n")
    assert changed != text
    path = tmp_path / "facts.yml"
    path.write_text(changed, encoding="utf-8")
    assert load_facts(path)["qwen3_235b.kv_cache_bytes_per_token_bf16"].value == 192_512 // 2


def test_formula_is_shown_in_words_and_numbers(facts):
    zh = Renderer(facts, "zh", "inference-cost.md").formula_text("qwen3_235b.kv_cache_bytes_per_token_bf16")
    en = Renderer(facts, "en", "inference-cost.en.md").formula_text("qwen3_235b.kv_cache_bytes_per_token_bf16")
    assert "层数" in zh and "2 × 94 × 4 × 128 × 2" in zh and "192,512 字节" in zh
    assert "layers" in en and "2 × 94 × 4 × 128 × 2" in en and "192,512 bytes" in en


def test_figure_html_carries_key_status_and_source_link(facts):
    html = Renderer(facts, "en", "architecture.en.md").fig("gpt4.total_params")
    assert 'data-fig="gpt4.total_params"' in html and 'data-status="reported"' in html
    assert "1.8T parameters" in html and "[reported](sources.md#src-semianalysis-gpt4)" in html
    nested = Renderer(facts, "zh", "contributing/figures.md").fig("qwen3_235b.total_params")
    assert "(../sources.md#src-hf-qwen3-235b-card)" in nested
