"""Layout rules computed in Python: the phone layout of the charts, and where formulas may break."""

from __future__ import annotations

import re

import pytest
from site_data import figures

from macros.data import load_data
from macros.visuals.chart_svg import NARROW, WIDTH, plain, render_svg, text_width
from macros.visuals.charts import CHARTS, ChartBuilder, chart_html

DATA = load_data()
LANGS = ("zh", "en")
PHONE_COLUMN = 390 - 2 * 16  # a 390 px phone minus Material's content padding
TEXT = re.compile(
    r'<text class="([^"]+)"[^>]*? x="([\d.]+)"[^>]*?(?: text-anchor="(\w+)")?(?: font-size="([\d.]+)")?>(.*?)</text>'
)


def narrow(name: str, lang: str) -> str:
    builder = ChartBuilder(figures(lang, "inference-cost.md"))
    return render_svg(CHARTS[name](builder), lang, NARROW)


def root_font_size(svg: str) -> float:
    return float(re.search(r'<svg [^>]*font-size="([\d.]+)"', svg).group(1))


@pytest.mark.parametrize("name,lang", [(n, lang) for n in CHARTS for lang in LANGS])
def test_the_phone_layout_keeps_text_at_11_px_and_inside_the_drawing(name, lang):
    svg = narrow(name, lang)
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    assert width == NARROW <= PHONE_COLUMN, "drawn no wider than a phone's column, so it is never scaled down"
    base = root_font_size(svg)
    texts = TEXT.findall(svg)
    assert len(texts) == svg.count("<text "), "every text element is checked"
    for cls, x, anchor, size, content in texts:
        px = float(size or base)
        assert px >= 11, f"{name} ({lang}): {cls} text at {px} px"
        shown = plain(re.sub(r"<tspan[^>]*>\u200b</tspan>", "", content))
        w, x = text_width(shown, px), float(x)
        left, right = {"end": (x - w, x), "middle": (x - w / 2, x + w / 2)}.get(anchor, (x, x + w))
        assert left >= -1 and right <= width + 1, f"{name} ({lang}): {shown!r} runs out of the drawing"


@pytest.mark.parametrize("lang", LANGS)
def test_both_layouts_are_emitted_with_their_own_ids(lang):
    html = chart_html("flops", figures(lang, "inference-cost.md"))
    assert 'class="chart__svg chart__svg--wide"' in html and 'class="chart__svg chart__svg--narrow"' in html
    assert f'viewBox="0 0 {WIDTH} ' in html and f'viewBox="0 0 {NARROW} ' in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids repeat between the two layouts"
    assert re.search(r'<div class="chart__plot" data-search-exclude>', html), "tick labels would enter the search index"


def test_exponents_stay_legible_on_a_phone():
    svg = narrow("flops", "en")
    sizes = [float(s) for s in re.findall(r'<tspan dy="-5" font-size="([\d.]+)em">', svg)]
    assert sizes and min(sizes) * root_font_size(svg) >= 10.5  # ≥ 11 px once the 320-unit drawing fills 358 px


@pytest.mark.parametrize("lang", LANGS)
def test_formulas_break_only_after_operators_and_never_inside_a_number(lang):
    formula = figures(lang, "inference-cost.md").formula("qwen3_235b.kv_cache_bytes_per_token_bf16")
    inner = re.sub(r"<[^>]+>", "", formula)
    breaks = [m.start() for m in re.finditer(" ", inner)]
    assert breaks, "a long formula needs somewhere to wrap"
    assert all(inner[i - 1] in "=×÷+−≈" for i in breaks), f"a break opportunity not after an operator: {inner!r}"
    science = figures(lang, "inference-cost.md").formula("qwen3_235b.forward_flops_per_token")
    assert "×\u00a010<sup>" in science, "4.4 × 10¹⁰ must not break after its ×"
