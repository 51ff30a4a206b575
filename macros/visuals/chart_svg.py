"""Bar charts as inline SVG: the chart model and its layout. Knows no language and no data file.

A chart is built by macros/visuals/charts.py (from data/facts.yml and data/words.yml) and drawn
here: text stays text, `role="img"` with a title and a description, colours from CSS custom
properties (overrides/assets/stylesheets/charts.css) so the charts follow the light and dark
schemes; hatching (reported) and cross-hatching (unverified) keep series apart in print.
Labels are plain text (escaped here); bar values are figure markup from macros/numbers.py,
whose <sup> exponents become raised <tspan>s.

Two layouts of the same chart: `render_svg(chart, lang)` is the wide one (labels left of the bars,
drawn 680 units wide: desktop and print); `render_svg(chart, lang, NARROW)` is for phones (each
label and value on a line of its own above its bar, 320 units wide, so the text stays ≥ 11 px on
a 390 px screen). macros/visuals/charts.py emits both; charts.css shows the one that fits.
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
    raised = '<tspan dy="-5" font-size="0.9em">\\1</tspan><tspan dy="5">\u200b</tspan>'
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

WIDTH = 680  # the wide layout's viewBox width (desktop, print)
NARROW = 320  # the narrow layout's (phones); any width below NARROW_FROM selects it
NARROW_FROM = 480
FONT = 13
SMALL = 12
BAR_H = 18
BAR_GAP = 5
GROUP_GAP = 14
HEADER_H = 20
PAD = 10
LINE = 17  # narrow layout: one line of text
THIN_BAR = 12  # narrow layout: bar height


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


def _bar(prefix: str, x: float, top: float, width: float, height: float, bar: Bar) -> str:
    """A bar, hatched when reported, cross-hatched when the article's."""
    cls = f"chart__bar chart__bar--{bar.series} chart__bar--{bar.tone}"
    box = f'x="{_fmt(x)}" y="{_fmt(top)}" width="{_fmt(width)}" height="{_fmt(height)}"'
    out = f'<rect class="{cls}" {box} fill="{FALLBACK_FILL[(bar.series, bar.tone)]}"/>'
    if bar.evidence in ("reported", "unverified"):
        pattern = "hatch" if bar.evidence == "reported" else "cross"
        out += f'<rect {box} fill="url(#{prefix}-{pattern})"/>'
    return out


def _text(cls: str, x: float, y: float, content: str, size: float = SMALL, anchor: str = "", extra: str = "") -> str:
    """A line of chart text, vertically centred on y. `content` is already escaped markup."""
    anchor_attr = f' text-anchor="{anchor}"' if anchor else ""
    size_attr = f' font-size="{size}"' if size != SMALL else ""
    baseline = y + 0.35 * size  # the baseline that centres the x-height on y
    return f'<text class="{cls}"{extra} x="{_fmt(x)}" y="{_fmt(baseline)}"{anchor_attr}{size_attr}>{content}</text>'


def _legend_rows(chart: Chart, left: float, right: float) -> list:
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


def _legend(chart: Chart, prefix: str, left: float, right: float, y: float) -> tuple[list, float]:
    """The legend on top; returns its parts and the y below it."""
    parts = []
    rows = _legend_rows(chart, left, right)
    for row in rows:
        for x, entry in row:
            parts.append(_swatch(prefix, x, y, entry.series, entry.tone, entry.evidence, chart.log))
            parts.append(_text("chart__legend", x + 20, y + 6, esc(entry.label)))
        y += 20
    return parts, y + (8 if rows else 0)


def _scale(chart: Chart, left: float, right: float) -> Callable[[float], float]:
    domain_min, domain_max = chart.ticks[0][0], chart.ticks[-1][0]

    def x_of(v: float) -> float:
        if chart.log:
            lo, hi = math.log10(domain_min), math.log10(domain_max)
            return left + (math.log10(v) - lo) / (hi - lo) * (right - left)
        return left + v / domain_max * (right - left)

    return x_of


def _grid(chart: Chart, x_of, left: float, top: float, bottom: float, tick_size: float) -> list:
    """Grid lines and tick labels (drawn first, under the bars), and the value axis."""
    out = []
    for value, label in chart.ticks:
        gx = x_of(value)
        out.append(
            f'<line class="chart__grid" x1="{_fmt(gx)}" y1="{_fmt(top)}" x2="{_fmt(gx)}" y2="{_fmt(bottom)}"'
            ' stroke="#ccc"/>'
        )
        out.append(
            f'<text class="chart__tick" x="{_fmt(gx)}" y="{_fmt(bottom + 15)}" text-anchor="middle"'
            f' font-size="{tick_size}">{tick_markup(label)}</text>'
        )
    out.append(
        f'<line class="chart__axis" x1="{_fmt(left)}" y1="{_fmt(top)}" x2="{_fmt(left)}" y2="{_fmt(bottom)}"'
        ' stroke="#666"/>'
    )
    return out


def _ref_line(ref: RefLine, rx: float, label_y: float, bottom: float, anchor: str) -> list:
    return [
        f'<line class="chart__ref" x1="{_fmt(rx)}" y1="{_fmt(label_y + 8)}" x2="{_fmt(rx)}" y2="{_fmt(bottom)}"'
        ' stroke="#666" stroke-dasharray="5 3"/>',
        _text("chart__reflabel", rx, label_y, esc(ref.label), anchor=anchor, extra=f' data-fig="{esc(ref.key)}"'),
    ]


def _svg(chart: Chart, prefix: str, variant: str, width: float, height: float, body: list) -> str:
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    return (
        f'<svg class="chart__svg chart__svg--{variant}" xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="0 0 {_fmt(width)} {_fmt(height)}" width="{_fmt(width)}" height="{_fmt(height)}" role="img"'
        f' aria-labelledby="{title_id} {desc_id}" font-family="inherit" font-size="{SMALL}" fill="currentColor">'
        f'<title id="{title_id}">{esc(chart.title)}</title><desc id="{desc_id}">{esc(chart.desc)}</desc>'
        + _patterns(prefix)
        + "".join(body)
        + "</svg>"
    )


def render_svg(chart: Chart, lang: str, width: float = WIDTH) -> str:
    """The chart as SVG; a width below NARROW_FROM gives the narrow (phone) layout."""
    if width < NARROW_FROM:
        return _render_narrow(chart, lang, width)
    return _render_wide(chart, lang, width)


def _render_wide(chart: Chart, lang: str, width: float) -> str:
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
    right = width - PAD - value_room
    x_of = _scale(chart, left, right)

    parts, y = _legend(chart, prefix, PAD, width - PAD, PAD)
    # reference-line labels (and the label column's title) above the plot
    ref_label_y = None
    if chart.refs or chart.group_axis_label:
        ref_label_y = y + 6
        y += 22
    if chart.group_axis_label:
        parts.append(_text("chart__note", left - 10, ref_label_y, esc(chart.group_axis_label), anchor="end"))
    plot_top = y
    rows = []  # drawn bars
    for group in chart.groups:
        if chart.group_headers:
            parts.append(
                _text("chart__group", PAD, y + HEADER_H / 2, esc(group.label), FONT, extra=' font-weight="bold"')
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
                parts.append(_text("chart__label", left - 10, mid - 7, esc(group.label), FONT, "end"))
                parts.append(_text("chart__note", left - 10, mid + 9, esc(group.note), anchor="end"))
            else:
                parts.append(_text("chart__label", left - 10, mid, esc(group.label), FONT, "end"))
        y += GROUP_GAP
    plot_bottom = y - GROUP_GAP + 4
    grid = _grid(chart, x_of, left, plot_top, plot_bottom, FONT if chart.log else SMALL)
    for ref in chart.refs:
        rx = x_of(ref.value)
        grid += _ref_line(ref, rx, ref_label_y, plot_bottom, "end" if rx > (left + right) / 2 else "start")
    for top, bar in rows:
        cy = top + BAR_H / 2
        if bar.label:
            parts.append(_text("chart__label", left - 10, cy, esc(bar.label), FONT, "end"))
        end = x_of(bar.value)
        if chart.log:
            parts.append(
                f'<line class="chart__stem" x1="{_fmt(left)}" y1="{_fmt(cy)}" x2="{_fmt(end)}"'
                f' y2="{_fmt(cy)}" stroke="#999" stroke-width="1.5"/>'
            )
            parts.append(_marker(end, cy, bar.series, bar.tone, bar.evidence))
            text_x = end + 11
        else:
            bar_width = max(end - left, 1.5)
            parts.append(_bar(prefix, left, top, bar_width, BAR_H, bar))
            text_x = left + bar_width + 6
        parts.append(_text("chart__value", text_x, cy, svg_markup(bar.text), extra=f' {bar.key_attr}="{esc(bar.key)}"'))
    axis_y = plot_bottom + 34
    parts.append(_text("chart__axislabel", (left + right) / 2, axis_y, esc(chart.axis_label), anchor="middle"))
    return _svg(chart, prefix, "wide", width, axis_y + PAD, grid + parts)


# --- the narrow layout ------------------------------------------------------


def wrap(text: str, size: float, room: float) -> list[str]:
    """Break a label into lines that fit `room` px: between Latin words, or between CJK characters
    (never before closing punctuation)."""
    pieces = re.findall(
        r"[\u2e80-\u9fff\uac00-\ud7af][\u3001\u3002\uff09\uff0c\uff1a\uff1b\u201d]*|[^\s\u2e80-\u9fff]+\s*|\s+", text
    )
    lines, line = [], ""
    for piece in pieces:
        if line and text_width((line + piece).rstrip(), size) > room:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _render_narrow(chart: Chart, lang: str, width: float) -> str:
    """Phone layout: a line of text (label left, value right) above each bar, bars the full width."""
    prefix = f"chart-{chart.name}-{lang}-narrow"
    tick_size = SMALL
    first_tick, last_tick = (text_width(plain(t[1]), tick_size) for t in (chart.ticks[0], chart.ticks[-1]))
    left = PAD + max(first_tick / 2, 6)
    right = width - PAD - max(last_tick / 2, 6)
    x_of = _scale(chart, left, right)
    room = width - 2 * PAD
    series_label = {(e.series, e.tone): e.label for e in chart.legend}

    parts, y = _legend(chart, prefix, PAD, width - PAD, PAD)
    if chart.group_axis_label:
        for line in wrap(chart.group_axis_label, SMALL, room):
            parts.append(_text("chart__note", PAD, y + LINE / 2, esc(line)))
            y += LINE
    ref_rows = []
    for ref in chart.refs:
        ref_rows.append((ref, y + LINE / 2))
        y += LINE
    y += 4
    plot_top = y

    def label_and_value(label: str, value: str, key_attr: str, bold: bool = False) -> None:
        """One line if both fit, else the label's lines, then the value on a line of its own."""
        nonlocal y
        size = FONT if bold else SMALL
        weight = ' font-weight="bold"' if bold else ""
        value_w = text_width(plain(value), SMALL) if value else 0
        cls = "chart__group" if bold else "chart__label"
        if label and value and text_width(label, size) + value_w + 12 <= room:
            parts.append(_text(cls, PAD, y + LINE / 2, esc(label), size, extra=weight))
            parts.append(
                _text("chart__value", width - PAD, y + LINE / 2, svg_markup(value), anchor="end", extra=key_attr)
            )
            y += LINE
            return
        for line in wrap(label, size, room) if label else []:
            parts.append(_text(cls, PAD, y + LINE / 2, esc(line), size, extra=weight))
            y += LINE
        if value:
            parts.append(
                _text("chart__value", width - PAD, y + LINE / 2, svg_markup(value), anchor="end", extra=key_attr)
            )
            y += LINE

    for group in chart.groups:
        single = len(group.bars) == 1 and not group.bars[0].label
        heading = group.label + (f" · {group.note}" if group.note else "")
        if single:
            bar = group.bars[0]
            label_and_value(heading, bar.text, f' {bar.key_attr}="{esc(bar.key)}"', bold=True)
            bars = [bar]
        else:
            label_and_value(heading, "", "", bold=True)
            bars = group.bars
        for bar in bars:
            if not single:
                label = bar.label or series_label.get((bar.series, bar.tone), "")
                label_and_value(label, bar.text, f' {bar.key_attr}="{esc(bar.key)}"')
            cy = y + THIN_BAR / 2
            end = x_of(bar.value)
            if chart.log:
                parts.append(
                    f'<line class="chart__stem" x1="{_fmt(left)}" y1="{_fmt(cy)}" x2="{_fmt(end)}"'
                    f' y2="{_fmt(cy)}" stroke="#999" stroke-width="1.5"/>'
                )
                parts.append(_marker(end, cy, bar.series, bar.tone, bar.evidence))
            else:
                parts.append(_bar(prefix, left, y, max(end - left, 1.5), THIN_BAR, bar))
            y += THIN_BAR + BAR_GAP + 2
        y += GROUP_GAP - BAR_GAP
    plot_bottom = y - GROUP_GAP + 4
    grid = _grid(chart, x_of, left, plot_top, plot_bottom, tick_size)
    for ref, label_y in ref_rows:
        rx = x_of(ref.value)
        grid += _ref_line(ref, rx, label_y, plot_bottom, "end" if rx > (left + right) / 2 else "start")
    y = plot_bottom + 34
    for line in wrap(chart.axis_label, SMALL, room):
        parts.append(_text("chart__axislabel", width / 2, y, esc(line), anchor="middle"))
        y += LINE
    return _svg(chart, prefix, "narrow", width, y - LINE + PAD + 6, grid + parts)
