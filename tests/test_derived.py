"""Derived figures equal values computed by hand from the published configs."""

from __future__ import annotations

import pytest
from project import ROOT
from site_data import figures

from macros.facts import load_facts
from macros.yamlio import DataError


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


def test_formula_is_shown_in_words_and_numbers():
    zh = figures("zh", "inference-cost.md").formula_text("qwen3_235b.kv_cache_bytes_per_token_bf16")
    en = figures("en", "inference-cost.md").formula_text("qwen3_235b.kv_cache_bytes_per_token_bf16")
    assert "层数" in zh and "2 × 94 × 4 × 128 × 2" in zh and "192,512 字节" in zh
    assert "layers" in en and "2 × 94 × 4 × 128 × 2" in en and "192,512 bytes" in en
    # no space between full-width punctuation and an operator in Chinese
    assert "2（K 和 V）× 层数" in zh


def test_figure_links_to_its_register_row_and_carries_key_and_status():
    html = figures("en", "architecture.md").fig("gpt4.total_params")
    assert 'data-fig="gpt4.total_params"' in html and 'data-status="reported"' in html
    assert "1.8T parameters" in html and 'href="../sources/#fig-gpt4-total-params"' in html
    home = figures("zh", "index.md").fig("qwen3_235b.total_params")
    assert 'href="sources/#fig-qwen3-235b-total-params"' in home


def _with(tmp_path, old: str, new: str):
    text = (ROOT / "data" / "facts.yml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "facts.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_division_by_zero_names_the_figure_formula_and_inputs(tmp_path):
    path = _with(tmp_path, "    kv_heads:\n      value: 4\n", "    kv_heads:\n      value: 0\n")
    with pytest.raises(DataError) as caught:
        load_facts(path)
    message = str(caught.value)
    # a KV head count of 0 is refused by the schema before any formula divides by it
    assert "kv_heads" in message and "at least 1" in message


def test_a_formula_dividing_by_zero_names_the_figure_formula_and_inputs():
    from macros import derived

    by_zero = derived.div(derived.Ref("qwen3_235b.total_params"), derived.Ref("qwen3_235b.shared_experts"))
    with pytest.raises(DataError) as caught:
        derived.add_derived(
            load_facts(ROOT / "data" / "facts.yml"), {"test.per_shared_expert": derived.Derived("parameters", by_zero)}
        )
    message = str(caught.value)
    assert "test.per_shared_expert" in message and "division by zero" in message
    assert (
        "qwen3_235b.shared_experts = 0" in message and "qwen3_235b.total_params ÷ qwen3_235b.shared_experts" in message
    )


def test_an_impossible_derived_value_names_the_formula(tmp_path):
    from macros import derived

    formulas = {
        "test.negative": derived.Derived(
            "bytes",
            derived.sub(
                derived.Ref("hardware.h20_memory"),
                derived.mul(derived.Const(2, "two"), derived.Ref("hardware.h20_memory")),
            ),
        )
    }
    with pytest.raises(DataError) as caught:
        derived.add_derived(load_facts(ROOT / "data" / "facts.yml"), formulas)
    message = str(caught.value)
    assert "test.negative" in message and "hardware.h20_memory" in message and "greater than 0" in message
