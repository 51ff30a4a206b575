"""What the PDF handouts add to the pages: their words per language and the key-figures block.

`scripts/pdf.py` assembles the booklet and the one-page summary from the built site; everything
language-specific it prints (cover, contents, page footer, the key-figures table) lives here, next
to the other macros, so figures go through the same `Renderer` as on the site and nobody retypes
a number. Nothing here is registered as a page macro.
"""

from __future__ import annotations

import datetime as dt
import html

from babel.dates import format_date, format_skeleton

from .facts import Facts
from .i18n import STATUS, STATUS_LONG, t
from .numbers import locale_of
from .render import Renderer

# The files `make pdf` writes (and the deploy copies to site/downloads/).
BOOKLET = "gpt4-vs-qwen3-{lang}.pdf"
SUMMARY = "gpt4-vs-qwen3-summary-{lang}.pdf"

# Pages of the nav the booklet leaves out: they speak to contributors, not to readers.
NOT_IN_BOOKLET = ("contributing.md",)

# The <html lang> of each PDF: zh-Hans makes Chromium pick Simplified Chinese glyph forms.
HTML_LANG = {"zh": "zh-Hans", "en": "en"}

WORDS = {
    "booklet": {"zh": "完整版", "en": "Booklet"},
    "summary": {"zh": "摘要讲义", "en": "Summary handout"},
    "contents": {"zh": "目录", "en": "Contents"},
    "built": {"zh": "生成日期", "en": "Built"},
    "data_as_of": {"zh": "数据截至", "en": "Data as of"},
    "data_as_of_note": {"zh": "所引来源中最新的日期", "en": "date of the newest source cited"},
    "online": {"zh": "在线版", "en": "Online"},
    "commit": {"zh": "版本", "en": "Revision"},
    "at_a_glance": {"zh": "对比一览", "en": "At a glance"},
    "key_figures": {"zh": "关键数字", "en": "Key figures"},
    "figure": {"zh": "项目", "en": "Figure"},
    "statuses": {"zh": "数字旁的标签表示可信程度", "en": "The label next to each figure gives its status"},
    "summary_note": {
        "zh": "每个数字的来源和推算公式见完整版或在线版的“来源”页。",
        "en": "The sources and formulas behind every figure are on the Sources page of the booklet and the site.",
    },
    # Chromium fills counter(page) and counter(pages) into these (CSS string pieces).
    "page_of": {
        "zh": '"第 " counter(page) " 页，共 " counter(pages) " 页"',
        "en": '"Page " counter(page) " of " counter(pages)',
    },
}

MODELS = ("GPT-4", "Qwen3-235B-A22B")

# The key-figures block of the summary handout: a label and, per model, the figure keys shown
# (several keys in one cell are joined with " / "; an empty tuple prints a dash).
KEY_FIGURES = (
    ({"zh": "发布日期", "en": "Released"}, ("gpt4.release_date",), ("qwen3_235b.release_date",)),
    ({"zh": "总参数", "en": "Total parameters"}, ("gpt4.total_params",), ("qwen3_235b.total_params",)),
    (
        {"zh": "每个 token 激活的参数", "en": "Parameters active per token"},
        ("gpt4.active_params",),
        ("qwen3_235b.active_params",),
    ),
    ({"zh": "层数", "en": "Layers"}, ("gpt4.layers",), ("qwen3_235b.layers",)),
    (
        {"zh": "专家数（每个 token 选用）", "en": "Experts (used per token)"},
        ("gpt4.experts", "gpt4.experts_routed_per_token"),
        ("qwen3_235b.experts", "qwen3_235b.experts_activated"),
    ),
    (
        {"zh": "上下文长度", "en": "Context length"},
        ("gpt4.context_tokens_standard", "gpt4.context_tokens_32k"),
        ("qwen3_235b.native_context_tokens", "qwen3_235b.yarn_context_tokens"),
    ),
    ({"zh": "预训练数据", "en": "Pre-training data"}, ("gpt4.pretrain_tokens",), ("qwen3_family.pretrain_tokens",)),
    (
        {"zh": "每 token 前向计算量", "en": "Forward FLOP per token"},
        ("gpt4.forward_flops_per_token",),
        ("qwen3_235b.forward_flops_per_token",),
    ),
    ({"zh": "训练算力", "en": "Training compute"}, ("gpt4.training_flops",), ()),
    ({"zh": "权重显存（BF16）", "en": "Weight memory (BF16)"}, (), ("qwen3_235b.weight_bytes_bf16",)),
    (
        {"zh": "每 token KV 缓存（BF16）", "en": "KV cache per token (BF16)"},
        (),
        ("qwen3_235b.kv_cache_bytes_per_token_bf16",),
    ),
    ({"zh": "支持的语言", "en": "Languages"}, (), ("qwen3_family.languages",)),
)


def key_figure_keys() -> list[str]:
    return [key for _, *cells in KEY_FIGURES for keys in cells for key in keys]


def word(name: str, lang: str) -> str:
    return t(WORDS, name, lang)


def key_figures_table(facts: Facts, lang: str) -> str:
    """The key-figures table as Markdown (each cell is `Renderer.fig`, exactly as on the site).

    The status badges link to `sources.md#...`; the caller converts the Markdown and points
    those links wherever the document needs them.
    """
    renderer = Renderer(facts, lang, "summary.md")
    rows = [f"| {word('figure', lang)} | {' | '.join(MODELS)} |", "|---|---|---|"]
    for label, *cells in KEY_FIGURES:
        shown = [" / ".join(renderer.fig(key) for key in keys) or "—" for keys in cells]
        rows.append(f"| {html.escape(label[lang])} | {' | '.join(shown)} |")
    return "\n".join(rows)


def status_line(lang: str) -> str:
    """One line naming every status word, for the foot of the handout."""
    sep = "；" if lang == "zh" else "; "
    colon = "：" if lang == "zh" else ": "
    return sep.join(f"<b>{t(STATUS, s, lang)}</b>{colon}{t(STATUS_LONG, s, lang)}" for s in STATUS)


def partial_date(value: str, lang: str) -> str:
    """An ISO date that may stop at the month or the year ("2026-01" -> 2026年1月 / January 2026)."""
    parts = value.split("-")
    day = dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    skeleton = {1: "y", 2: "yMMMM", 3: "yMMMMd"}[len(parts)]
    return format_skeleton(skeleton, day, locale=locale_of(lang))


def long_date(day: dt.date, lang: str) -> str:
    return format_date(day, format="long", locale=locale_of(lang))


def data_as_of(facts: Facts) -> str:
    """The newest `date` among the sources (ISO, possibly only year-month)."""

    def key(date: str):
        parts = [int(p) for p in date.split("-")]
        return parts + [0] * (3 - len(parts))

    return max((s.date for s in facts.sources.values()), key=key)
