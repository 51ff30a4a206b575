"""Bar charts as inline SVG: the chart model and its layout. Knows no language and no data file.

A chart is built by macros/visuals/charts.py (from data/facts.yml and data/words.yml) and drawn
here: text stays text, `role="img"` with a title and a description, colours from CSS custom
properties (overrides/assets/stylesheets/charts.css) so the charts follow the light and dark
schemes; hatching (reported) and cross-hatching (unverified) keep series apart in print.
Labels are plain text (escaped here); bar values are figure markup from macros/numbers.py,
whose <sup> exponents become raised <tspan>s.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field


def text_width(text: str, size: float) -> float:
    """Rough width of a label in px (CJK glyphs are square, Latin about half as wide)."""
    width = 0.0
    for ch in text:
        if ord(ch) >= 0x2E80:
            width += 1.0
        elif ch in " .,:;'|·()[]/-":
            width += 0.32
        elif ch.isupper() or ch.isdigit():
            width += 0.64
        else:
            width += 0.54
    return width * size


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def svg_markup(figure_html: str) -> str:
    """Figure markup (escaped text, <sup>) inside an SVG <text>: exponents as raised tspans."""
    raised = '<tspan dy="-5" font-size="0.78em">\\1</tspan><tspan dy="5">\u200b</tspan>'
    return re.sub(r"<sup>(.*?)</sup>", raised, figure_html)


def plain(figure_html: str) -> str:
    """The visible text of figure markup (for measuring label widths)."""
    return html.unescape(re.sub(r"<[^>]+>", "", figure_html))


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
    computed: bool = False  # the bar shows a value computed from `key` (KV at a context length), not `key`

    @property
    def key_attr(self) -> str:
        """data-fig names the figure an element shows; a computed point names its input in data-basis."""
        return "data-basis" if self.computed else "data-fig"


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
    item: str = ""  # row name in the data table


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
    """Decades, labelled as figure markup: 10<sup>9</sup>."""
    low, high = math.floor(math.log10(minimum)), math.ceil(math.log10(maximum))
    return [(10.0**e, f"10<sup>{e}</sup>") for e in range(low, high + 1)]


def tick_markup(label: str) -> str:
    """Tick labels are figure markup (escaped by macros/numbers.py), exponents raised."""
    return svg_markup(label)


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
    value_room = max(text_width(plain(b.text), SMALL) for b in all_bars) + 12
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
            f'<text class="chart__value" {bar.key_attr}="{esc(bar.key)}" x="{_fmt(text_x)}" y="{_fmt(cy)}"'
            f' dy=".35em" font-size="{SMALL}">{svg_markup(bar.text)}</text>'
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
