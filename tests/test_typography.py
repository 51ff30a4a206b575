"""Typography of the built pages (scripts/typography.py): the rules catch each kind of slip, and the
session build passes them. `make lint` runs the same check on a fresh strict build."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from docs_text import ROOT

spec = importlib.util.spec_from_file_location("typography", ROOT / "scripts" / "typography.py")
typography = importlib.util.module_from_spec(spec)
sys.modules["typography"] = typography
spec.loader.exec_module(typography)

AVOID = {"密集": "dense-model", "逻辑值": "logits"}


def problems(body: str, lang: str = "zh") -> list[str]:
    page = f'<html lang="{lang}"><body><nav>导航： 不查</nav><article>{body}</article></body></html>'
    _, runs = typography.page_runs(page)
    return [p for run in runs for p in typography.run_problems(run, lang, AVOID)]


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("<p><strong>原文说法：</strong> MQA 减少了显存</p>", "full-width punctuation followed by a space"),
        ("<p>所在章节： <a href='#'>架构</a></p>", "full-width punctuation followed by a space"),
        ("<p>来源 ：技术报告</p>", "a space before full-width punctuation"),
        ("<p>中文,中文</p>", "Latin punctuation between Chinese characters"),
        ("<p>Qwen3的架构</p>", "no space between Chinese and Latin"),
        ("<p>共有<a>128 个专家</a></p>", "no space between Chinese and Latin"),
        ("<p>约 7.7 倍，是它的 约 1.3万倍</p>", "a space between two Chinese characters"),
        ("<p>总参数为 2350亿参数</p>", "a unit said twice"),
        ("<p>GPT-4 是密集模型</p>", "'密集' outside a quotation"),
        ("<p>学生学习教师的逻辑值</p>", "'逻辑值' outside a quotation"),
        ('<figure><a title="来源： Qwen3 技术报告">x</a></figure>', "(title attribute)"),
    ],
)
def test_chinese_rules_catch(body, rule):
    found = problems(body)
    assert any(rule in p for p in found), found


@pytest.mark.parametrize(
    "body",
    [
        "<p><strong>原文说法：</strong>GPT-4 采用“密集型 MoE 架构”。</p>",  # the article's word, quoted
        "<p>总参数为 2350亿，2025年4月29日发布，共 1.8万亿参数。</p>",  # 万/亿 and dates join their number
        "<p>每个 token 约 <a>4.4 × 10<sup>10</sup> FLOP</a>（推算）。</p>",
        "<p>下载：<span lang='en'>Booklet · Summary (English)</span></p>",  # another language is skipped
        "<p><code>make lint</code> 检查</p>",
        "<p>2350亿<span class='fig__mark'>传闻</span> 的说法</p>",  # a badge is a piece of its own
    ],
)
def test_chinese_rules_allow(body):
    assert problems(body) == []


def test_english_rules():
    assert any("full-width punctuation in English" in p for p in problems("<p>ABF：RoPE base</p>", "en"))
    assert any("full-width" in p for p in problems("<svg><text>2（K and V）</text></svg>", "en"))
    quoted = "<p>The press line 千问 3 发布报道：仅需 4 张 H20 and 【人工智能 99 问】GPT4.</p>"
    assert problems(quoted, "en") == [], "Chinese quoted in English text keeps its punctuation"


def test_a_problem_names_the_file_and_shows_the_text(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "architecture.html").write_text(
        '<html lang="zh"><article><p>原文说法： MQA</p></article></html>', encoding="utf-8"
    )
    (tmp_path / "en" / "workflow.html").write_text(
        '<html lang="en"><article><p>ABF：RoPE</p></article></html>', encoding="utf-8"
    )
    found = typography.check_site(tmp_path, AVOID)
    assert len(found) == 2
    assert found[0].startswith("architecture.html: ZH-2") and "原文说法⟦： ⟧MQA" in found[0]
    assert found[1].startswith("en/workflow.html: EN-5")
    assert "ABF⟦：⟧RoPE" in found[1]


def test_the_glossary_words_to_avoid_are_checked():
    avoid = typography.avoided_words(ROOT)
    assert avoid.get("逻辑值") == "logits" and avoid.get("密集") == "dense-model"


def test_the_built_pages_pass(built_site):
    found = typography.check_site(built_site)
    assert not found, f"{len(found)} typography problem(s) in the built pages:\n" + "\n".join(found[:40])
