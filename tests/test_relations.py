"""Relations in prose are computed (macros/render/relations.py): ratio() prints a ratio derived
from the data, agrees()/check() print nothing and stop the build when the data no longer supports
the sentence next to them."""

from __future__ import annotations

import re

import pytest
from project import run_build

from macros.data import load_data
from macros.numbers import as_text
from macros.page import Page
from macros.render.figures import Figures
from macros.render.relations import RelationError, Relations, agreement, half_unit


def relations(lang: str = "zh", src: str = "inference-cost.md") -> Relations:
    return Relations(Figures(Page(load_data(), lang, src)))


def test_half_unit_follows_the_digits_given():
    assert half_unit(235e9) == pytest.approx(5e8)
    assert half_unit(1.8e12) == pytest.approx(5e10)
    assert half_unit(0.35) == pytest.approx(0.005)


def test_agreement_within_precision_or_tolerance():
    assert agreement(235_093_634_560, 235e9)  # the config sum matches the card's 235B
    assert not agreement(2.184e25, 2.15e25)  # 6ND is close to the reported compute, not equal
    assert agreement(2.184e25, 2.15e25, 0.02)
    assert not agreement(0.35, 0.3333, 0.01)


def test_ratio_is_formatted_marked_derived_and_explained():
    facts = load_data().facts
    for lang, approx in (("zh", "约"), ("en", "≈")):
        markup = relations(lang).ratio("article.qwen3_flops_per_token", "qwen3_235b.forward_flops_per_token")
        value = re.search(r'<span class="fig__value">(.*?)</span>', markup).group(1)
        expected = facts.value("article.qwen3_flops_per_token") / facts.value("qwen3_235b.forward_flops_per_token")
        assert value.startswith(approx), value  # 12,727.27… rounded to two significant figures
        digits = float(re.sub(r"[^\d.]", "", as_text(value).replace("万", "")))
        assert digits * (1e4 if "万" in value else 1) == pytest.approx(round(expected, -3))
        assert 'data-status="derived"' in markup and "fig--unverified" in markup
        assert "data-fig" not in markup, "a ratio is not a register figure"
        title = re.search(r'title="([^"]*)"', markup).group(1)
        assert "÷" in title and "=" in title


def test_ratio_of_equal_precision_is_not_marked_approximate():
    markup = relations("en").ratio("article.qwen3_flops_per_token", "gpt4.forward_flops_per_token")
    assert '<span class="fig__value">1,000×</span>' in markup


def test_assertions_render_nothing_when_true():
    r = relations()
    assert r.agrees("qwen3_235b.total_params_from_config", "qwen3_235b.total_params") == ""
    assert r.check("qwen3_235b.weight_bytes_bf16", ">", "hardware.four_h20_memory") == ""
    assert r.check("qwen3_family.gspo_paper_date", ">", "qwen3_235b.release_date") == ""
    assert r.check("qwen3_30b.weight_bytes_bf16", "<", "hardware.h20_memory", 1) == ""


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda r: r.check("qwen3_235b.weight_bytes_8bit", ">", "hardware.four_h20_memory"), "false"),
        (lambda r: r.agrees("gpt4.training_flops_6nd", "gpt4.training_flops"), "differ"),
        (lambda r: r.check("qwen3_235b.release_date", ">", "hardware.h20_memory"), "date"),
        (lambda r: r.check("qwen3_235b.layers", "≈", "gpt4.layers"), "unknown comparison"),
        (lambda r: r.ratio("gpt4.layers", "qwen3_235b.layers", "bars"), "style"),
    ],
)
def test_assertions_fail_naming_the_page_and_figures(call, words):
    with pytest.raises(RelationError) as error:
        call(relations("en"))
    message = str(error.value)
    assert message.startswith("docs/inference-cost.en.md: ") and words in message


def test_the_build_fails_when_the_data_no_longer_supports_a_sentence(project_copy, tmp_path):
    facts = project_copy / "data" / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    # an H20 with 200 GB would hold the 8-bit flagship on one card and BF16 on four: the pages say otherwise
    facts.write_text(text.replace("value: 96000000000\n", "value: 200000000000\n", 1), encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "check('qwen3_235b.weight_bytes_bf16', '>', 'hardware.four_h20_memory')" in output, output[-3000:]
    assert re.search(r"docs/(inference-cost|summary)(\.en)?\.md", output)


def test_twins_must_carry_the_same_assertions(project_copy, tmp_path):
    page = project_copy / "docs" / "workflow.en.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            '{{ agrees("gpt4.training_flops_6nd", "gpt4.training_flops", 0.02) }}', ""
        ),
        encoding="utf-8",
    )
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "different relations" in result.stdout + result.stderr
