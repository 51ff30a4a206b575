"""Charts drawn at build time as inline SVG from data/facts.yml.

No chart JavaScript and nothing fetched from elsewhere: each chart is a
`<figure>` with an SVG (text kept as text, `role="img"`, a `<title>` and a
`<desc>`), a caption with its sources, and a data table as the text alternative.
Colours come from CSS custom properties (overrides/assets/stylesheets/charts.css),
so the charts follow Material's light and dark schemes; patterns and marker
shapes keep the series apart in black-and-white print.

Usage in a page: {{ chart("params") }}; names are listed in CHARTS.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from .facts import Facts
from .i18n import LANGUAGES
from .numbers import SUPERSCRIPT, format_figure
from .visual_common import Context, esc, text_width

# --- words ----------------------------------------------------------------

TEXT = {
    "reported_suffix": {"zh": "（传闻）", "en": " (reported)"},
    "wrong_suffix": {"zh": "（原文，错误）", "en": " (article, wrong)"},
    "data_table": {"zh": "数据表", "en": "Data table"},
    "item": {"zh": "项目", "en": "Item"},
    "value": {"zh": "数值", "en": "Value"},
    "status": {"zh": "状态", "en": "Status"},
    "source": {"zh": "出处", "en": "Source"},
    "sources": {"zh": "来源", "en": "Sources"},
    "total": {"zh": "总参数", "en": "Total"},
    "active": {"zh": "激活参数", "en": "Active"},
    "share": {"zh": "占", "en": ""},
    "params_title": {"zh": "总参数与每 token 激活参数", "en": "Total and active parameters per token"},
    "params_axis": {"zh": "参数量", "en": "Parameters"},
    "tokens_title": {"zh": "预训练数据量（token）", "en": "Pre-training data (tokens)"},
    "tokens_axis": {"zh": "预训练 token 数", "en": "Pre-training tokens"},
    "gpt4_epochs": {"zh": "含重复轮次", "en": "counts repeated epochs"},
    "for_scale": {"zh": "作比较", "en": "for scale"},
    "flops_title": {"zh": "每 token 前向计算量（对数刻度）", "en": "Forward FLOPs per token (log scale)"},
    "flops_axis": {
        "zh": "每 token 前向 FLOP，对数刻度：每格相差十倍",
        "en": "Forward FLOP per token, log scale: each step is ten times the last",
    },
    "flops_qwen_group": {"zh": "Qwen3（按官方参数推算）", "en": "Qwen3 (derived from official figures)"},
    "flops_gpt4_group": {"zh": "GPT-4（按传闻推算）", "en": "GPT-4 (derived from reported figures)"},
    "flops_article_group": {"zh": "原文印出的数字", "en": "The article's printed figures"},
    "gpt4_moe": {"zh": "GPT-4，MoE（传闻）", "en": "GPT-4, MoE (reported)"},
    "gpt4_dense": {"zh": "假如 GPT-4 是稠密模型", "en": "GPT-4 if it were dense"},
    "article_says": {"zh": "原文称 {model}：{value}", "en": "Article, {model}: {value}"},
    "kv_title": {
        "zh": "每条序列的 KV 缓存（BF16）随上下文长度的变化",
        "en": "KV cache per sequence (BF16) against context length",
    },
    "kv_axis": {"zh": "每条序列的 KV 缓存", "en": "KV cache per sequence"},
    "context": {"zh": "上下文 {n} token", "en": "context {n} tokens"},
    "native": {"zh": "原生上限", "en": "native limit"},
    "needs_yarn": {"zh": "需开启 YaRN", "en": "needs YaRN"},
    "mem_title": {"zh": "权重显存与 H20 显存容量", "en": "Weight memory against H20 GPU memory"},
    "mem_axis": {
        "zh": "仅权重所需显存（不含 KV 缓存与激活值）",
        "en": "Memory for the weights alone (no KV cache, no activations)",
    },
    "bf16": {"zh": "BF16（每参数 2 字节）", "en": "BF16 (2 bytes per parameter)"},
    "8bit": {"zh": "8 位（FP8/INT8）", "en": "8-bit (FP8/INT8)"},
    "4bit": {"zh": "4 位（INT4）", "en": "4-bit (INT4)"},
    "gpus": {"zh": "{n} 张 H20：{mem}", "en": "{n} × H20: {mem}"},
    "legend_official": {"zh": "官方或据官方数字推算", "en": "official, or derived from official figures"},
    "legend_reported": {"zh": "传闻（斜纹）", "en": "reported (hatched)"},
    "legend_reported_mark": {"zh": "传闻（空心方块）", "en": "reported (open square)"},
    "legend_official_mark": {
        "zh": "官方或据官方数字推算（圆点）",
        "en": "official, or derived from official figures (dot)",
    },
    "legend_wrong": {"zh": "原文数字，错误（×）", "en": "the article's figure, wrong (×)"},
    "legend_total": {"zh": "总参数", "en": "total"},
    "legend_active": {"zh": "激活参数", "en": "active"},
    "context_axis": {"zh": "上下文长度（token）", "en": "Context length (tokens)"},
    "legend_qwen": {"zh": "Qwen3", "en": "Qwen3"},
    "legend_gpt4": {"zh": "GPT-4", "en": "GPT-4"},
}


def tr(key: str, lang: str, **kw) -> str:
    try:
        text = TEXT[key][lang]
    except KeyError:
        raise KeyError(f"macros/charts.py: no {lang!r} text for {key!r}") from None
    return text.format(**kw) if kw else text


# --- chart model ----------------------------------------------------------


@dataclass
class Bar:
    label: str  # left of the bar ("" when the group label stands alone)
    value: float
    text: str  # value label, right of the bar
    series: str  # qwen | gpt4 | other | wrong  (colour)
    key: str  # figure key behind the value (data-fig)
    tone: str = "strong"  # strong | soft
    evidence: str = "official"  # official | reported | unverified  (pattern / marker)
    item: str = ""  # row name in the data table (defaults to group + label)
    note: str = ""  # extra words in the data table's value cell


@dataclass
class Group:
    label: str
    bars: list
    note: str = ""  # a small second line under the group label


@dataclass
class RefLine:
    value: float
    label: str
    key: str


@dataclass
class Legend:
    series: str
    tone: str
    evidence: str
    label: str


@dataclass
class Chart:
    name: str
    title: str
    desc: str
    groups: list
    axis_label: str
    ticks: list  # (value, label)
    log: bool = False
    refs: list = field(default_factory=list)
    legend: list = field(default_factory=list)
    group_headers: bool = True  # True: group label on its own line; False: beside its bars
    group_axis_label: str = ""  # title of the label column (when group labels sit beside the bars)
    sources: list = field(default_factory=list)  # source ids for the caption


# --- scales and ticks -----------------------------------------------------


def nice_step(span: float, target: int = 5) -> float:
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * power:
            return mult * power
    return 10 * power


def linear_ticks(maximum: float, fmt: Callable[[float], str], target: int = 5) -> list:
    step = nice_step(maximum, target)
    top = math.ceil(maximum / step) * step
    count = int(round(top / step))
    return [(i * step, "0" if i == 0 else fmt(i * step)) for i in range(count + 1)]


def log_ticks(minimum: float, maximum: float) -> list:
    """Decades; the label is "10^e" (drawn with a raised exponent, read as 10⁹ in the data)."""
    low, high = math.floor(math.log10(minimum)), math.ceil(math.log10(maximum))
    return [(10.0**e, "10" + str(e).translate(SUPERSCRIPT)) for e in range(low, high + 1)]


def tick_markup(label: str) -> str:
    """A power of ten gets a legible raised exponent (superscript glyphs are tiny at chart sizes)."""
    sup = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
    if label.startswith("10") and len(label) > 2 and all(c in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻" for c in label[2:]):
        return f'10<tspan dy="-0.45em" font-size="0.78em">{label[2:].translate(sup)}</tspan>'
    return esc(label)


# --- SVG drawing ----------------------------------------------------------

WIDTH = 680
FONT = 13
SMALL = 11.5
BAR_H = 18
BAR_GAP = 5
GROUP_GAP = 14
HEADER_H = 20
PAD = 10


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _patterns(prefix: str) -> str:
    """Hatch (reported) and cross (wrong) overlays, drawn in the page background colour."""
    return (
        "<defs>"
        f'<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect class="chart__hatch" width="2.4" height="6" fill="#fff"/></pattern>'
        f'<pattern id="{prefix}-cross" width="7" height="7" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><path class="chart__hatch-line" d="M0 3.5H7M3.5 0V7" stroke="#fff"'
        ' stroke-width="1.6"/></pattern>'
        "</defs>"
    )


FALLBACK_FILL = {  # presentation attributes, overridden by charts.css (schemes, print)
    ("qwen", "strong"): "#3f51b5",
    ("qwen", "soft"): "#b3bbe6",
    ("gpt4", "strong"): "#00796b",
    ("gpt4", "soft"): "#9fd3cc",
    ("other", "strong"): "#757575",
    ("other", "soft"): "#c7c7c7",
    ("wrong", "strong"): "#c62828",
    ("wrong", "soft"): "#ef9a9a",
}


def _swatch(prefix: str, x: float, y: float, series: str, tone: str, evidence: str, log: bool) -> str:
    cls = f"chart__bar chart__bar--{series} chart__bar--{tone}"
    fill = FALLBACK_FILL[(series, tone)]
    if log:
        return _marker(x + 7, y + 6, series, tone, evidence)
    out = f'<rect class="{cls}" x="{_fmt(x)}" y="{_fmt(y)}" width="14" height="12" fill="{fill}"/>'
    if evidence == "reported":
        out += f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="14" height="12" fill="url(#{prefix}-hatch)"/>'
    elif evidence == "unverified":
        out += f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="14" height="12" fill="url(#{prefix}-cross)"/>'
    return out


def _marker(cx: float, cy: float, series: str, tone: str, evidence: str) -> str:
    cls = f"chart__mark chart__mark--{series} chart__mark--{tone}"
    fill = FALLBACK_FILL[(series, tone)]
    if evidence == "unverified":  # a cross: wrong
        x0, x1, y0, y1 = _fmt(cx - 6), _fmt(cx + 6), _fmt(cy - 6), _fmt(cy + 6)
        d = f"M{x0} {y0}L{x1} {y1}M{x0} {y1}L{x1} {y0}"
        return f'<path class="{cls} chart__mark--cross" d="{d}" stroke="{fill}" stroke-width="3" fill="none"/>'
    if evidence == "reported":  # an open square: reported
        return (
            f'<rect class="{cls} chart__mark--open" x="{_fmt(cx - 5.5)}" y="{_fmt(cy - 5.5)}" width="11"'
            f' height="11" fill="none" stroke="{fill}" stroke-width="2.5"/>'
        )
    return f'<circle class="{cls}" cx="{_fmt(cx)}" cy="{_fmt(cy)}" r="6" fill="{fill}"/>'


def _legend_rows(chart: Chart, lang: str, left: float, right: float) -> list:
    """Lay legend entries out in rows that fit the plot width."""
    rows, row, x = [], [], left
    for entry in chart.legend:
        w = 20 + text_width(entry.label, SMALL) + 16
        if row and x + w > right:
            rows.append(row)
            row, x = [], left
        row.append((x, entry))
        x += w
    if row:
        rows.append(row)
    return rows


def render_svg(chart: Chart, lang: str) -> str:
    prefix = f"chart-{chart.name}-{lang}"
    all_bars = [b for g in chart.groups for b in g.bars]
    # left column: the widest label (bar labels, or group labels when beside the bars)
    label_widths = [text_width(b.label, FONT) for b in all_bars]
    if not chart.group_headers:
        label_widths += [text_width(g.label, FONT) for g in chart.groups]
        label_widths += [text_width(g.note, SMALL) for g in chart.groups]
        label_widths += [text_width(chart.group_axis_label, SMALL)]
    left = PAD + max(label_widths + [0]) + 10
    value_room = max(text_width(b.text, SMALL) for b in all_bars) + 12
    right = WIDTH - PAD - value_room
    domain_max = chart.ticks[-1][0]
    domain_min = chart.ticks[0][0]

    def x_of(v: float) -> float:
        if chart.log:
            lo, hi = math.log10(domain_min), math.log10(domain_max)
            return left + (math.log10(v) - lo) / (hi - lo) * (right - left)
        return left + v / domain_max * (right - left)

    legend_rows = _legend_rows(chart, lang, PAD, WIDTH - PAD)
    y = PAD
    parts = []
    # legend on top
    for row in legend_rows:
        for x, entry in row:
            parts.append(_swatch(prefix, x, y, entry.series, entry.tone, entry.evidence, chart.log))
            parts.append(
                f'<text class="chart__legend" x="{_fmt(x + 20)}" y="{_fmt(y + 6)}" dy=".35em"'
                f' font-size="{SMALL}">{esc(entry.label)}</text>'
            )
        y += 20
    if legend_rows:
        y += 8
    # reference-line labels (and the label column's title) above the plot
    ref_label_y = None
    if chart.refs or chart.group_axis_label:
        ref_label_y = y + 6
        y += 22
    if chart.group_axis_label:
        parts.append(
            f'<text class="chart__note" x="{_fmt(left - 10)}" y="{_fmt(ref_label_y)}" text-anchor="end"'
            f' font-size="{SMALL}">{esc(chart.group_axis_label)}</text>'
        )
    plot_top = y
    rows = []  # drawn bars
    for group in chart.groups:
        if chart.group_headers:
            parts.append(
                f'<text class="chart__group" x="{PAD}" y="{_fmt(y + HEADER_H / 2)}" dy=".35em"'
                f' font-size="{FONT}" font-weight="bold">{esc(group.label)}</text>'
            )
            y += HEADER_H
        extra = 0.0
        if not chart.group_headers and group.note:  # room for two lines of label
            extra = max(0.0, 34 - (len(group.bars) * (BAR_H + BAR_GAP) - BAR_GAP)) / 2
        y += extra
        first = y
        for bar in group.bars:
            rows.append((y, bar))
            y += BAR_H + BAR_GAP
        last = y - BAR_GAP
        y += extra
        if not chart.group_headers:
            mid = (first + last) / 2
            if group.note:
                parts.append(
                    f'<text class="chart__label" x="{_fmt(left - 10)}" y="{_fmt(mid - 7)}" dy=".35em"'
                    f' text-anchor="end" font-size="{FONT}">{esc(group.label)}</text>'
                )
                parts.append(
                    f'<text class="chart__note" x="{_fmt(left - 10)}" y="{_fmt(mid + 9)}" dy=".35em"'
                    f' text-anchor="end" font-size="{SMALL}">{esc(group.note)}</text>'
                )
            else:
                parts.append(
                    f'<text class="chart__label" x="{_fmt(left - 10)}" y="{_fmt(mid)}" dy=".35em"'
                    f' text-anchor="end" font-size="{FONT}">{esc(group.label)}</text>'
                )
        y += GROUP_GAP
    plot_bottom = y - GROUP_GAP + 4
    # grid and ticks (drawn first, under the bars)
    grid = []
    for value, label in chart.ticks:
        gx = x_of(value)
        grid.append(
            f'<line class="chart__grid" x1="{_fmt(gx)}" y1="{_fmt(plot_top)}" x2="{_fmt(gx)}"'
            f' y2="{_fmt(plot_bottom)}" stroke="#ccc"/>'
        )
        grid.append(
            f'<text class="chart__tick" x="{_fmt(gx)}" y="{_fmt(plot_bottom + 15)}" text-anchor="middle"'
            f' font-size="{FONT if chart.log else SMALL}">{tick_markup(label)}</text>'
        )
    grid.append(
        f'<line class="chart__axis" x1="{_fmt(left)}" y1="{_fmt(plot_top)}" x2="{_fmt(left)}"'
        f' y2="{_fmt(plot_bottom)}" stroke="#666"/>'
    )
    for ref in chart.refs:
        rx = x_of(ref.value)
        grid.append(
            f'<line class="chart__ref" x1="{_fmt(rx)}" y1="{_fmt(ref_label_y + 8)}" x2="{_fmt(rx)}"'
            f' y2="{_fmt(plot_bottom)}" stroke="#666" stroke-dasharray="5 3"/>'
        )
        anchor = "end" if rx > (left + right) / 2 else "start"
        grid.append(
            f'<text class="chart__reflabel" data-fig="{esc(ref.key)}" x="{_fmt(rx)}"'
            f' y="{_fmt(ref_label_y)}" text-anchor="{anchor}" font-size="{SMALL}">{esc(ref.label)}</text>'
        )
    # bars
    for top, bar in rows:
        cy = top + BAR_H / 2
        if bar.label:
            parts.append(
                f'<text class="chart__label" x="{_fmt(left - 10)}" y="{_fmt(cy)}" dy=".35em"'
                f' text-anchor="end" font-size="{FONT}">{esc(bar.label)}</text>'
            )
        end = x_of(bar.value)
        if chart.log:
            parts.append(
                f'<line class="chart__stem" x1="{_fmt(left)}" y1="{_fmt(cy)}" x2="{_fmt(end)}"'
                f' y2="{_fmt(cy)}" stroke="#999" stroke-width="1.5"/>'
            )
            parts.append(_marker(end, cy, bar.series, bar.tone, bar.evidence))
            text_x = end + 11
        else:
            width = max(end - left, 1.5)
            cls = f"chart__bar chart__bar--{bar.series} chart__bar--{bar.tone}"
            fill = FALLBACK_FILL[(bar.series, bar.tone)]
            parts.append(
                f'<rect class="{cls}" x="{_fmt(left)}" y="{_fmt(top)}" width="{_fmt(width)}"'
                f' height="{BAR_H}" fill="{fill}"/>'
            )
            if bar.evidence in ("reported", "unverified"):
                pattern = "hatch" if bar.evidence == "reported" else "cross"
                parts.append(
                    f'<rect x="{_fmt(left)}" y="{_fmt(top)}" width="{_fmt(width)}" height="{BAR_H}"'
                    f' fill="url(#{prefix}-{pattern})"/>'
                )
            text_x = left + width + 6
        parts.append(
            f'<text class="chart__value" data-fig="{esc(bar.key)}" x="{_fmt(text_x)}" y="{_fmt(cy)}"'
            f' dy=".35em" font-size="{SMALL}">{esc(bar.text)}</text>'
        )
    axis_y = plot_bottom + 34
    parts.append(
        f'<text class="chart__axislabel" x="{_fmt((left + right) / 2)}" y="{_fmt(axis_y)}"'
        f' text-anchor="middle" font-size="{SMALL}">{esc(chart.axis_label)}</text>'
    )
    height = axis_y + PAD
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    return (
        f'<svg class="chart__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_fmt(height)}"'
        f' width="{WIDTH}" height="{_fmt(height)}" role="img" aria-labelledby="{title_id} {desc_id}"'
        f' font-family="inherit" fill="currentColor">'
        f'<title id="{title_id}">{esc(chart.title)}</title><desc id="{desc_id}">{esc(chart.desc)}</desc>'
        + _patterns(prefix)
        + "".join(grid)
        + "".join(parts)
        + "</svg>"
    )


def render_table(chart: Chart, ctx: Context) -> str:
    lang = ctx.lang
    head = "".join(f"<th>{esc(tr(k, lang))}</th>" for k in ("item", "value", "status", "source"))
    rows = []
    for group in chart.groups:
        for bar in group.bars:
            fact = ctx.facts[bar.key]
            item = bar.item or (f"{group.label} · {bar.label}" if bar.label else group.label)
            value = esc(bar.text) + (f"<br><small>{esc(bar.note)}</small>" if bar.note else "")
            rows.append(
                f'<tr><td>{esc(item)}</td><td data-fig="{esc(bar.key)}">{value}</td>'
                f"<td>{esc(ctx.status_text(fact))}</td>"
                f'<td><a href="{esc(ctx.source_link(fact))}">{esc(source_names(ctx, fact))}</a></td></tr>'
            )
    for ref in chart.refs:
        fact = ctx.facts[ref.key]
        rows.append(
            f"<tr><td>{esc(ref.label.split('：')[0].split(':')[0])}</td>"
            f'<td data-fig="{esc(ref.key)}">{esc(format_figure(ref.value, "bytes", lang))}</td>'
            f"<td>{esc(ctx.status_text(fact))}</td>"
            f'<td><a href="{esc(ctx.source_link(fact))}">{esc(source_names(ctx, fact))}</a></td></tr>'
        )
    return (
        f'<details class="chart__data abstract" data-search-exclude><summary>{esc(tr("data_table", lang))}</summary>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></details>"
    )


def source_names(ctx: Context, fact) -> str:
    return (
        "、".join(getattr(ctx.facts.sources[s].label, ctx.lang) for s in fact.sources)
        if ctx.lang == "zh"
        else ", ".join(getattr(ctx.facts.sources[s].label, ctx.lang) for s in fact.sources)
    )


def render_chart(chart: Chart, ctx: Context) -> str:
    """The whole figure: SVG, caption with sources, data table. One raw-HTML block (no blank lines)."""
    lang = ctx.lang
    source_ids = list(dict.fromkeys(s for g in chart.groups for b in g.bars for s in ctx.facts[b.key].sources))
    source_ids = list(dict.fromkeys(source_ids + [s for r in chart.refs for s in ctx.facts[r.key].sources]))
    links = []
    for sid in source_ids:
        source = ctx.facts.sources[sid]
        links.append(
            f'<a href="{esc(ctx.link("sources", "src-" + sid.replace("_", "-")))}">'
            f"{esc(getattr(source.label, lang))}</a>"
        )
    sep = "、" if lang == "zh" else ", "
    colon = "：" if lang == "zh" else ": "
    caption = (
        f"<figcaption><strong>{esc(chart.title)}</strong><br>"
        f'<span class="chart__sources">{esc(tr("sources", lang))}{colon}{sep.join(links)}</span></figcaption>'
    )
    return (
        f'<figure class="chart" data-chart="{chart.name}" lang="{lang}">'
        # figcaption first: it may only be the first or the last child of <figure>
        f'{caption}<div class="chart__scroll">{render_svg(chart, lang)}</div>{render_table(chart, ctx)}</figure>'
    )


# --- the charts -----------------------------------------------------------


def _suffix(evidence: str, lang: str) -> str:
    if evidence == "reported":
        return tr("reported_suffix", lang)
    if evidence == "unverified":
        return tr("wrong_suffix", lang)
    return ""


def _value_text(ctx: Context, key: str, style: str | None = None) -> str:
    fact = ctx.facts[key]
    return format_figure(fact.value, fact.unit, ctx.lang, style) + _suffix(ctx.evidence(fact), ctx.lang)


def params_chart(ctx: Context) -> Chart:
    f, lang = ctx.facts, ctx.lang
    models = [
        ("gpt4", "GPT-4", "gpt4"),
        ("qwen3_235b", "Qwen3-235B-A22B", "qwen"),
        ("qwen3_30b", "Qwen3-30B-A3B", "qwen"),
    ]
    groups, desc = [], []
    for group, name, series in models:
        total, active, share = f[f"{group}.total_params"], f[f"{group}.active_params"], f[f"{group}.active_share"]
        evidence = ctx.evidence(total)
        share_text = format_figure(share.value, "fraction", lang)
        label = name + (tr("reported_suffix", lang) if evidence == "reported" else "")
        active_text = _value_text(ctx, active.key) + (
            f" · {tr('share', lang)} {share_text}" if lang == "zh" else f" · {share_text}"
        )
        groups.append(
            Group(
                label,
                [
                    Bar(
                        tr("total", lang), total.value, _value_text(ctx, total.key), series, total.key, "soft", evidence
                    ),
                    Bar(tr("active", lang), active.value, active_text, series, active.key, "strong", evidence),
                ],
            )
        )
        t_text = format_figure(total.value, total.unit, lang)
        a_text = format_figure(active.value, active.unit, lang)
        if lang == "zh":
            desc.append(f"{label}总参数 {t_text}，每 token 激活 {a_text}（占 {share_text}）")
        else:
            desc.append(f"{label}: {t_text} in total, {a_text} active per token ({share_text})")
    maximum = max(b.value for g in groups for b in g.bars)
    ticks = linear_ticks(maximum, lambda v: format_figure(v, "parameters", lang, "bare"), 4)
    legend = [
        Legend("qwen", "soft", "official", tr("legend_total", lang)),
        Legend("qwen", "strong", "official", tr("legend_active", lang)),
        Legend("gpt4", "strong", "reported", tr("legend_reported", lang)),
    ]
    sep = "；" if lang == "zh" else "; "
    return Chart(
        "params",
        tr("params_title", lang),
        sep.join(desc) + ("。" if lang == "zh" else "."),
        groups,
        tr("params_axis", lang),
        ticks,
        legend=legend,
    )


def tokens_chart(ctx: Context) -> Chart:
    f, lang = ctx.facts, ctx.lang
    epochs = f"{tr('gpt4_epochs', lang)}" + (
        f"（文本 {format_figure(f.value('gpt4.text_epochs'), 'epochs', lang)}，"
        f"代码 {format_figure(f.value('gpt4.code_epochs'), 'epochs', lang)}）"
        if lang == "zh"
        else f" ({format_figure(f.value('gpt4.text_epochs'), 'epochs', lang)} of text,"
        f" {format_figure(f.value('gpt4.code_epochs'), 'epochs', lang)} of code)"
    )
    rows = [
        ("gpt4.pretrain_tokens", "GPT-4", "gpt4", tr("gpt4_epochs", lang), epochs),
        ("qwen3_family.pretrain_tokens", "Qwen3", "qwen", "", ""),
        ("qwen25.pretrain_tokens", "Qwen2.5", "other", tr("for_scale", lang), ""),
    ]
    groups, desc = [], []
    for key, name, series, note, table_note in rows:
        fact = f[key]
        evidence = ctx.evidence(fact)
        groups.append(
            Group(
                name,
                [Bar("", fact.value, _value_text(ctx, key), series, key, "strong", evidence, note=table_note)],
                note=note,
            )
        )
        desc.append(f"{name}{'：' if lang == 'zh' else ': '}{_value_text(ctx, key)}")
    ratio = f["compare.qwen3_vs_qwen25_tokens"]
    maximum = max(g.bars[0].value for g in groups)
    ticks = linear_ticks(maximum, lambda v: format_figure(v, "tokens", lang, "bare"), 4)
    legend = [Legend("gpt4", "strong", "reported", tr("legend_reported", lang))]
    if lang == "zh":
        text = (
            "；".join(desc)
            + f"。Qwen3 的数据量是 Qwen2.5 的 {format_figure(ratio.value, 'times', lang)}；GPT-4 的数字含重复轮次。"
        )
    else:
        text = "; ".join(desc) + (
            f". Qwen3 used {format_figure(ratio.value, 'times', lang)} the data of Qwen2.5;"
            " the GPT-4 figure counts repeated epochs."
        )
    return Chart(
        "tokens",
        tr("tokens_title", lang),
        text,
        groups,
        tr("tokens_axis", lang),
        ticks,
        legend=legend,
        group_headers=False,
    )


def flops_chart(ctx: Context) -> Chart:
    f, lang = ctx.facts, ctx.lang
    tflop = lambda key: format_figure(f.value(key) / 1e12, "count", lang, "plain") + " TFLOP"  # noqa: E731
    groups = [
        Group(
            tr("flops_qwen_group", lang),
            [
                Bar(
                    "Qwen3-30B-A3B",
                    f.value("qwen3_30b.forward_flops_per_token"),
                    _value_text(ctx, "qwen3_30b.forward_flops_per_token"),
                    "qwen",
                    "qwen3_30b.forward_flops_per_token",
                    "soft",
                    ctx.evidence(f["qwen3_30b.forward_flops_per_token"]),
                ),
                Bar(
                    "Qwen3-235B-A22B",
                    f.value("qwen3_235b.forward_flops_per_token"),
                    _value_text(ctx, "qwen3_235b.forward_flops_per_token"),
                    "qwen",
                    "qwen3_235b.forward_flops_per_token",
                    "strong",
                    ctx.evidence(f["qwen3_235b.forward_flops_per_token"]),
                ),
            ],
        ),
        Group(
            tr("flops_gpt4_group", lang),
            [
                Bar(
                    tr("gpt4_moe", lang),
                    f.value("gpt4.forward_flops_per_token"),
                    _value_text(ctx, "gpt4.forward_flops_per_token"),
                    "gpt4",
                    "gpt4.forward_flops_per_token",
                    "strong",
                    ctx.evidence(f["gpt4.forward_flops_per_token"]),
                ),
                Bar(
                    tr("gpt4_dense", lang),
                    f.value("gpt4.forward_flops_dense_equivalent"),
                    _value_text(ctx, "gpt4.forward_flops_dense_equivalent"),
                    "gpt4",
                    "gpt4.forward_flops_dense_equivalent",
                    "soft",
                    ctx.evidence(f["gpt4.forward_flops_dense_equivalent"]),
                ),
            ],
        ),
        Group(
            tr("flops_article_group", lang),
            [
                Bar(
                    tr("article_says", lang, model="Qwen3", value=tflop("article.qwen3_flops_per_token")),
                    f.value("article.qwen3_flops_per_token"),
                    _value_text(ctx, "article.qwen3_flops_per_token"),
                    "wrong",
                    "article.qwen3_flops_per_token",
                    "strong",
                    "unverified",
                ),
                Bar(
                    tr("article_says", lang, model="GPT-4", value=tflop("article.gpt4_flops_per_token")),
                    f.value("article.gpt4_flops_per_token"),
                    _value_text(ctx, "article.gpt4_flops_per_token"),
                    "wrong",
                    "article.gpt4_flops_per_token",
                    "strong",
                    "unverified",
                ),
            ],
        ),
    ]
    values = [b.value for g in groups for b in g.bars]
    ticks = log_ticks(min(values), max(values))
    legend = [
        Legend("qwen", "strong", "official", tr("legend_official_mark", lang)),
        Legend("gpt4", "strong", "reported", tr("legend_reported_mark", lang)),
        Legend("wrong", "strong", "unverified", tr("legend_wrong", lang)),
    ]
    ratio = f["compare.article_vs_real_qwen3_flops"]
    gpt_ratio = f["compare.qwen3_vs_gpt4_forward_flops"]
    q = _value_text(ctx, "qwen3_235b.forward_flops_per_token")
    g = _value_text(ctx, "gpt4.forward_flops_per_token")
    a = _value_text(ctx, "article.qwen3_flops_per_token")
    times = format_figure(ratio.value, "times", lang)
    frac = format_figure(gpt_ratio.value, "fraction", lang, "fraction")
    if lang == "zh":
        desc = (
            f"按“每 token 约 2 × 激活参数”估算，Qwen3-235B-A22B 约 {q}，约为 GPT-4 传闻值 {g} 的 {frac}。"
            f"原文给 Qwen3 的 {a} 其实是 GPT-4 的传闻数字且单位大了一千倍，是正确值的 {times}。"
        )
    else:
        desc = (
            f"At about 2 × active parameters per token, Qwen3-235B-A22B needs about {q}, {frac} of GPT-4's"
            f" reported {g}. The article's {a} for Qwen3 is GPT-4's reported figure with a unit a thousand"
            f" times too large: {times} the correct value."
        )
    # "2 ×" is the definition of the estimate, not a measurement
    return Chart("flops", tr("flops_title", lang), desc, groups, tr("flops_axis", lang), ticks, log=True, legend=legend)


def context_lengths(facts: Facts, model: str) -> list:
    """Powers of two from the pre-training sequence length to the YaRN context (4,096 … 131,072)."""
    start = int(facts.value("qwen3_family.s1_seq_len"))
    stop = int(facts.value(f"{model}.yarn_context_tokens"))
    out, n = [], start
    while n < stop:
        out.append(n)
        n *= 2
    out.append(stop)
    return out


def kv_chart(ctx: Context) -> Chart:
    from .derived import kv_cache_bytes

    f, lang = ctx.facts, ctx.lang
    native = int(f.value("qwen3_235b.native_context_tokens"))
    models = [("qwen3_235b", "Qwen3-235B-A22B", "strong"), ("qwen3_30b", "Qwen3-30B-A3B", "soft")]
    groups = []
    for n in context_lengths(f, "qwen3_235b"):
        bars = []
        for model, name, tone in models:
            key = f"{model}.kv_cache_bytes_per_token_bf16"
            value = kv_cache_bytes(f, model, n)
            bars.append(
                Bar(
                    "",
                    value,
                    format_figure(value, "bytes", lang),
                    "qwen",
                    key,
                    tone,
                    "official",
                    item=f"{name} · {tr('context', lang, n=format_figure(n, 'count', lang, 'plain'))}",
                )
            )
        note = tr("native", lang) if n == native else (tr("needs_yarn", lang) if n > native else "")
        groups.append(Group(format_figure(n, "count", lang, "plain"), bars, note=note))
    maximum = max(b.value for g in groups for b in g.bars)
    ticks = linear_ticks(maximum, lambda v: format_figure(v, "bytes", lang), 5)
    legend = [
        Legend("qwen", "strong", "official", "Qwen3-235B-A22B"),
        Legend("qwen", "soft", "official", "Qwen3-30B-A3B"),
    ]
    per_235 = format_figure(f.value("qwen3_235b.kv_cache_bytes_per_token_bf16"), "bytes", lang)
    per_30 = format_figure(f.value("qwen3_30b.kv_cache_bytes_per_token_bf16"), "bytes", lang)
    at_native = [format_figure(kv_cache_bytes(f, m, native), "bytes", lang) for m, _, _ in models]
    yarn = int(f.value("qwen3_235b.yarn_context_tokens"))
    at_yarn = [format_figure(kv_cache_bytes(f, m, yarn), "bytes", lang) for m, _, _ in models]
    native_text = format_figure(native, "tokens", lang, "plain")
    yarn_text = format_figure(yarn, "tokens", lang, "plain")
    if lang == "zh":
        desc = (
            f"KV 缓存随上下文长度线性增长。每 token：Qwen3-235B-A22B {per_235}，Qwen3-30B-A3B {per_30}。"
            f"原生上限 {native_text}时分别为 {at_native[0]} 和 {at_native[1]}；开启 YaRN 到 {yarn_text}时分别为"
            f" {at_yarn[0]} 和 {at_yarn[1]}。"
        )
    else:
        desc = (
            f"The KV cache grows linearly with context. Per token: Qwen3-235B-A22B {per_235}, Qwen3-30B-A3B"
            f" {per_30}. At the native {native_text}: {at_native[0]} and {at_native[1]}; with YaRN at"
            f" {yarn_text}: {at_yarn[0]} and {at_yarn[1]}."
        )
    axis = tr("kv_axis", lang)
    chart = Chart(
        "kv-cache",
        tr("kv_title", lang),
        desc,
        groups,
        axis,
        ticks,
        legend=legend,
        group_headers=False,
        group_axis_label=tr("context_axis", lang),
    )
    return chart


def memory_chart(ctx: Context) -> Chart:
    f, lang = ctx.facts, ctx.lang
    models = [("qwen3_235b", "Qwen3-235B-A22B", "strong"), ("qwen3_30b", "Qwen3-30B-A3B", "soft")]
    precisions = ("bf16", "8bit", "4bit")
    one, four = f["hardware.h20_memory"], f["hardware.four_h20_memory"]
    n_four = round(four.value / one.value)
    groups, desc = [], []
    for model, name, tone in models:
        bars = []
        for precision in precisions:
            key = f"{model}.weight_bytes_{precision}"
            bars.append(Bar(tr(precision, lang), f.value(key), _value_text(ctx, key), "qwen", key, tone, "official"))
        groups.append(Group(name, bars))
        parts = []
        for precision, bar in zip(precisions, bars):
            word = {
                "bf16": "BF16",
                "8bit": tr("8bit", lang).split("（")[0].split(" (")[0],
                "4bit": tr("4bit", lang).split("（")[0].split(" (")[0],
            }[precision]
            if bar.value <= one.value:
                fit = "单卡放得下" if lang == "zh" else "fits one GPU"
            elif bar.value <= four.value:
                fit = f"{n_four} 张卡放得下" if lang == "zh" else f"fits {n_four} GPUs"
            else:
                fit = f"{n_four} 张卡也放不下" if lang == "zh" else f"does not fit {n_four} GPUs"
            parts.append(f"{word} {bar.text}（{fit}）" if lang == "zh" else f"{word} {bar.text} ({fit})")
        desc.append(f"{name}：" + "，".join(parts) if lang == "zh" else f"{name}: " + ", ".join(parts))
    refs = [
        RefLine(one.value, tr("gpus", lang, n=1, mem=format_figure(one.value, "bytes", lang)), one.key),
        RefLine(four.value, tr("gpus", lang, n=n_four, mem=format_figure(four.value, "bytes", lang)), four.key),
    ]
    maximum = max([b.value for g in groups for b in g.bars] + [four.value])
    ticks = linear_ticks(maximum, lambda v: format_figure(v, "bytes", lang), 5)
    if lang == "zh":
        text = (
            f"单张 H20 显存 {format_figure(one.value, 'bytes', lang)}，{n_four} 张共"
            f" {format_figure(four.value, 'bytes', lang)}。" + "；".join(desc) + "。"
        )
    else:
        text = (
            f"One H20 has {format_figure(one.value, 'bytes', lang)}, {n_four} have"
            f" {format_figure(four.value, 'bytes', lang)}. " + "; ".join(desc) + "."
        )
    return Chart("memory", tr("mem_title", lang), text, groups, tr("mem_axis", lang), ticks, refs=refs)


CHARTS = {
    "params": params_chart,
    "tokens": tokens_chart,
    "flops": flops_chart,
    "kv-cache": kv_chart,
    "memory": memory_chart,
}


def chart_html(name: str, ctx: Context) -> str:
    try:
        build = CHARTS[name]
    except KeyError:
        raise KeyError(f"macros/charts.py: unknown chart {name!r} (known: {', '.join(CHARTS)})") from None
    return render_chart(build(ctx), ctx)


def all_charts(facts: Facts) -> dict:
    """Every chart in every language, for tests: {(name, lang): html}."""
    return {
        (name, lang): chart_html(name, Context(facts, lang, ("en/" if lang == "en" else "") + "architecture/"))
        for name in CHARTS
        for lang in LANGUAGES
    }
