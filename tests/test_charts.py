"""Charts and pipeline diagrams: drawn from data/facts.yml, in both languages, accessible, small.

Unit tests call macros/visuals/ directly; the build tests build a temporary copy of the project
with a page that holds every chart and diagram, once with the real data and once with a changed value.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from chart_pages import add_preview_page
from project import ROOT, run_build
from site_data import figures

from macros.data import load_data
from macros.visuals.chart_svg import render_svg, svg_markup
from macros.visuals.charts import CHARTS, ChartBuilder, chart_html
from macros.visuals.diagrams import diagram_html

DATA = load_data()
FACTS = DATA.facts
DIAGRAMS = DATA.diagrams.diagrams
LANGS = ("zh", "en")
CJK = re.compile(r"[\u4e00-\u9fff]")
MAX_BYTES = 20_000


def text_of(html: str) -> str:
    """Visible text (tags removed, entities decoded), as a reader or a search index sees it."""

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = Collect()
    parser.feed(html)
    return " ".join(parser.parts)


def svg_of(html: str) -> str:
    return re.search(r"<svg\b.*?</svg>", html, re.S).group(0)


def ctx(lang: str, data=DATA):
    return figures(lang, "architecture.md", data)


def built(name: str, lang: str, data=DATA):
    builder = ChartBuilder(ctx(lang, data))
    return builder, CHARTS[name](builder)


def shown(value, unit: str, lang: str, style=None) -> str:
    return DATA.formatter.figure(value, unit, lang, style)


ALL = [(name, lang) for name in CHARTS for lang in LANGS]
ALL_DIAGRAMS = [(name, lang) for name in DIAGRAMS for lang in LANGS]


# --- charts: content from the data file ---------------------------------------


@pytest.mark.parametrize("name,lang", ALL)
def test_chart_shows_each_value_from_the_data_file(name, lang):
    builder, chart = built(name, lang)
    html = builder.figure(chart)
    svg = svg_of(html)
    for group in chart.groups:
        for bar in group.bars:
            fact = FACTS[bar.key]
            if bar.computed:  # KV charts scale the per-token figure: the bar names its input, not a figure
                assert bar.value % fact.value == 0
                expected = shown(bar.value, "bytes", lang)
                assert f'data-basis="{bar.key}"' in svg
            else:
                assert bar.value == fact.value, f"{name}: bar for {bar.key} is not the data value"
                expected = shown(fact.value, fact.unit, lang)
                assert f'data-fig="{bar.key}"' in svg
            assert svg_markup(expected) in svg, f"{name} ({lang}): {expected!r} not drawn"


@pytest.mark.parametrize("name,lang", ALL)
def test_chart_is_in_the_page_language(name, lang):
    html = chart_html(name, ctx(lang))
    text = text_of(html)
    if lang == "zh":
        assert CJK.search(text), f"{name}: no Chinese text on the Chinese chart"
    else:
        assert not CJK.search(text), f"{name}: Chinese text on the English chart: {CJK.findall(text)[:5]}"
    assert f'lang="{lang}"' in html


def test_numbers_are_localized():
    zh, en = text_of(chart_html("params", ctx("zh"))), text_of(chart_html("params", ctx("en")))
    assert "2350亿" in zh and "235B" in en
    assert "235B parameters" not in zh and "亿" not in en


def test_gpt4_values_are_marked_reported():
    for lang, word in (("zh", "传闻"), ("en", "reported")):
        _, chart = built("params", lang)
        gpt4 = chart.groups[0]
        assert gpt4.bars[0].key.startswith("gpt4.")
        assert all(b.evidence == "reported" and word in b.text for b in gpt4.bars)
        assert "-hatch)" in render_svg(chart, lang), "reported bars need the hatch pattern"


def test_article_figures_are_drawn_as_wrong():
    for lang, word in (("zh", "错误"), ("en", "wrong")):
        _, chart = built("flops", lang)
        article = [b for g in chart.groups for b in g.bars if b.key.startswith("article.")]
        assert {b.key for b in article} == {"article.gpt4_flops_per_token", "article.qwen3_flops_per_token"}
        assert all(b.evidence == "unverified" and word in b.text for b in article)
        assert "chart__mark--cross" in render_svg(chart, lang)


def test_flops_chart_is_on_a_log_scale():
    _, chart = built("flops", "en")
    assert chart.log
    values = [t[0] for t in chart.ticks]
    assert all(abs(b / a - 10) < 1e-9 for a, b in zip(values, values[1:]))
    assert values[0] <= min(b.value for g in chart.groups for b in g.bars)
    assert values[-1] >= max(b.value for g in chart.groups for b in g.bars)


def test_kv_chart_spans_pretraining_length_to_yarn_context():
    builder, chart = built("kv-cache", "en")
    lengths = builder.context_lengths("qwen3_235b")
    assert lengths[0] == FACTS.value("qwen3_family.s1_seq_len")
    assert lengths[-1] == FACTS.value("qwen3_235b.yarn_context_tokens")
    assert FACTS.value("qwen3_235b.native_context_tokens") in lengths
    models = {b.key.split(".")[0] for g in chart.groups for b in g.bars}
    assert models == {"qwen3_235b", "qwen3_30b"}


def test_memory_chart_marks_one_and_four_h20():
    _, chart = built("memory", "zh")
    assert [r.value for r in chart.refs] == [
        FACTS.value("hardware.h20_memory"),
        FACTS.value("hardware.four_h20_memory"),
    ]
    keys = {b.key for g in chart.groups for b in g.bars}
    assert keys == {f"{m}.weight_bytes_{p}" for m in ("qwen3_235b", "qwen3_30b") for p in ("bf16", "8bit", "4bit")}


# --- charts: accessibility, schemes, size ------------------------------------------


@pytest.mark.parametrize("name,lang", ALL)
def test_chart_has_accessible_title_description_and_table(name, lang):
    html = chart_html(name, ctx(lang))
    svg = svg_of(html)
    opening = svg[: svg.index(">") + 1]
    assert 'role="img"' in opening
    labelled = re.search(r'aria-labelledby="([^"]+)"', opening).group(1).split()
    title = re.search(r'<title id="([^"]+)">([^<]+)</title>', svg)
    desc = re.search(r'<desc id="([^"]+)">([^<]+)</desc>', svg)
    assert title and desc, f"{name}: missing <title> or <desc>"
    assert labelled == [title.group(1), desc.group(1)]
    assert len(desc.group(2)) > 40, "the description should say what the chart shows, with its figures"
    table = re.search(r"<details[^>]*><summary>[^<]+</summary><table>.*?</table></details>", html, re.S)
    assert table, f"{name}: no data table next to the chart"
    rows = re.findall(r"<tr><td>", table.group(0))
    bars = sum(len(g.bars) for g in built(name, lang)[1].groups)
    assert len(rows) >= bars, "every bar needs a row in the data table"


@pytest.mark.parametrize("name,lang", ALL)
def test_chart_text_is_text_and_colours_are_themeable(name, lang):
    svg = svg_of(chart_html(name, ctx(lang)))
    assert "<text" in svg and "<image" not in svg and "<script" not in svg.lower()
    assert "<foreignObject" not in svg
    # every painted shape carries a class that charts.css colours per scheme (fill attributes are fallbacks)
    for shape in re.findall(r"<(?:rect|circle|path|line)\b[^>]*>", svg):
        if "url(#" in shape or '<rect class="chart__hatch"' in shape:
            continue
        assert 'class="' in shape, f"{name}: unstyled shape {shape[:80]}"


@pytest.mark.parametrize("name,lang", ALL)
def test_chart_is_small(name, lang):
    size = len(chart_html(name, ctx(lang)).encode("utf-8"))
    assert size < MAX_BYTES, f"{name} ({lang}) is {size} bytes"


def test_stylesheet_covers_schemes_and_print():
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "charts.css").read_text(encoding="utf-8")
    assert '[data-md-color-scheme="slate"]' in css and "@media print" in css
    used = set()
    for name, lang in ALL:
        used |= set(re.findall(r"chart__bar--(\w+) chart__bar--(\w+)", chart_html(name, ctx(lang))))
    for series, tone in used:
        assert f".chart__bar--{series}.chart__bar--{tone}" in css, f"no colour for {series}/{tone}"
        assert f"--chart-{series}-{tone}:" in css
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "assets/stylesheets/charts.css" in config


def test_unknown_chart_or_diagram_is_an_error():
    with pytest.raises(KeyError, match="unknown chart"):
        chart_html("pie", ctx("zh"))
    with pytest.raises(KeyError, match="unknown diagram"):
        diagram_html("flow", ctx("zh"))


# --- a changed data value changes the chart ------------------------------------------


def changed_data(project, edits: dict):
    """The data of a project copy with some values of data/facts.yml changed (derived figures follow)."""
    path = project / "data" / "facts.yml"
    text = path.read_text(encoding="utf-8")
    for key, value in edits.items():
        group, name = key.split(".")
        pattern = re.compile(rf"(\n  {group}:\n(?:(?:    .*|      .*|)\n)*?    {name}:\n      value: )[^\n]+")
        text, count = pattern.subn(rf"\g<1>{value}", text, count=1)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")
    return load_data(project)


def test_changing_a_value_in_the_data_file_changes_the_charts(project_copy):
    data = changed_data(
        project_copy,
        {"qwen3_235b.active_params": 23_000_000_000, "qwen3_235b.kv_heads": 8, "hardware.h20_memory": 141_000_000_000},
    )
    for lang, old, new in (("zh", "220亿", "230亿"), ("en", "22B parameters", "23B parameters")):
        before, after = chart_html("params", ctx(lang)), chart_html("params", ctx(lang, data))
        assert before != after
        assert old in text_of(before) and new in text_of(after) and old not in text_of(after)
        # derived figures move with their inputs: forward FLOPs = 2 × active parameters
        flops = chart_html("flops", ctx(lang, data))
        assert "4.6 × 10<sup>10</sup>" in flops and "4.4 × 10<sup>10</sup>" not in flops
        kv_after = chart_html("kv-cache", ctx(lang, data))
        assert kv_after != chart_html("kv-cache", ctx(lang))
        assert "50.5 GB" in text_of(kv_after)  # 2 × 94 × 8 × 128 × 2 bytes × 131,072 tokens
        memory = text_of(chart_html("memory", ctx(lang, data)))
        assert "141 GB" in memory and "564 GB" in memory


def test_changing_a_value_changes_the_diagrams(project_copy):
    data = changed_data(
        project_copy, {"qwen3_family.s1_tokens": 31_000_000_000_000, "qwen3_family.reasoning_rl_steps": 171}
    )
    assert "31T" in text_of(diagram_html("qwen3-pretraining", ctx("en", data)))
    assert "30T" in text_of(diagram_html("qwen3-pretraining", ctx("en")))
    assert "171 步" in text_of(diagram_html("qwen3-post-training", ctx("zh", data)))


# --- diagrams -------------------------------------------------------------------------

DIAGRAM_KEYS = {
    "qwen3-pretraining": [
        "qwen3_family.s1_tokens",
        "qwen3_family.s1_seq_len",
        "qwen3_family.s2_tokens",
        "qwen3_family.s2_seq_len",
        "qwen3_family.s3_seq_len",
        "qwen3_family.rope_base_after_abf",
        "qwen3_235b.yarn_context_tokens",
        "qwen3_family.pretrain_tokens",
    ],
    "qwen3-post-training": [
        "qwen3_family.reasoning_rl_query_verifier_pairs",
        "qwen3_family.reasoning_rl_steps",
        "qwen3_family.general_rl_tasks_min",
        "qwen3_family.distillation_gpu_hours_fraction",
        "qwen3_family.distilled_models",
        "qwen3_family.gspo_paper_date",
    ],
    "gpt4-post-training": ["gpt4.pretrain_tokens"],
}
STAGE_COUNTS = {
    "qwen3-pretraining": "qwen3_family.pretrain_stages",
    "qwen3-post-training": "qwen3_family.post_training_stages",
}


@pytest.mark.parametrize("name,lang", ALL_DIAGRAMS)
def test_diagram_shows_figures_from_the_data_file(name, lang):
    html = diagram_html(name, ctx(lang))
    text = text_of(html)
    for key in DIAGRAM_KEYS[name]:
        assert f'data-fig="{key}"' in html, f"{name}: {key} missing"
        spans = re.findall(rf'data-fig="{re.escape(key)}"[^>]*><span class="fig__value">(.*?)</span>', html)
        fact = FACTS[key]
        allowed = {shown(fact.value, fact.unit, lang, s) for s in (None, "exact", "bare", "fraction")}
        assert spans and all(s in allowed for s in spans), f"{name}: {key} shown as {spans}"
    if lang == "zh":
        assert CJK.search(text)
    else:
        assert not CJK.search(text), CJK.findall(text)[:5]


@pytest.mark.parametrize("name", list(STAGE_COUNTS))
def test_diagram_has_as_many_stages_as_the_data_says(name):
    html = diagram_html(name, ctx("en"))
    first_lane = re.search(r'<ol class="pipeline__steps">(.*?)</ol>', html, re.S).group(1)
    stages = re.findall(r'<li class="pipeline__step">', first_lane)  # asides (inputs, inference) excluded
    assert len(stages) == FACTS.value(STAGE_COUNTS[name])


def test_distillation_is_a_separate_route_from_stage_four():
    html = diagram_html("qwen3-post-training", ctx("en"))
    lanes = re.findall(r'<div class="pipeline__lane">(.*?)</div>', html, re.S)
    assert len(lanes) == 2
    assert "General RL" in lanes[0] and "distillation" not in lanes[0].lower()
    assert "distillation" in lanes[1].lower() and "not Stage 4" in lanes[1]


@pytest.mark.parametrize("name,lang", ALL_DIAGRAMS)
def test_diagram_is_semantic_html_without_script(name, lang):
    html = diagram_html(name, ctx(lang))
    assert html.startswith("<figure") and "<ol" in html and "<figcaption" in html
    assert "<script" not in html and "<svg" not in html and "\n\n" not in html
    caption_id = re.search(r'aria-labelledby="([^"]+)"', html).group(1)
    assert f'<figcaption id="{caption_id}">' in html


# --- the built site ---------------------------------------------------------------------------


def built_preview(project, site):
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return {
        lang: (site / ("en/" if lang == "en" else "") / "zz-charts" / "index.html").read_text(encoding="utf-8")
        for lang in LANGS
    }


def test_charts_and_diagrams_render_in_the_built_site_and_follow_the_data(project_copy, tmp_path):
    add_preview_page(project_copy)
    before = built_preview(project_copy, tmp_path / "before")
    for lang, html in before.items():
        for name in CHARTS:
            assert f'data-chart="{name}"' in html, f"{name} missing from the built {lang} page"
        for name in DIAGRAMS:
            assert f'data-diagram="{name}"' in html
        assert html.count('role="img"') >= len(CHARTS)
        assert "<p><figure" not in html and "<p><svg" not in html, "a chart was wrapped in a paragraph"
    assert "2350亿" in before["zh"] and "235B" in before["en"]

    facts_file = project_copy / "data" / "facts.yml"
    text = facts_file.read_text(encoding="utf-8")
    pattern = re.compile(r"(  qwen3_235b:\n(?:.*\n)*?    total_params:\n      value: )235000000000\n")
    assert pattern.search(text), "could not find qwen3_235b.total_params in the data file"
    facts_file.write_text(pattern.sub(r"\g<1>240000000000\n", text, count=1), encoding="utf-8")
    after = built_preview(project_copy, tmp_path / "after")
    zh_svg = re.search(r'data-chart="params".*?</svg>', after["zh"], re.S).group(0)
    en_svg = re.search(r'data-chart="params".*?</svg>', after["en"], re.S).group(0)
    assert "2400亿" in zh_svg and "2350亿" not in zh_svg
    assert "240B" in en_svg and "235B parameters" not in en_svg


def test_every_chart_and_diagram_is_placed_in_a_chapter():
    """The macro calls live in the chapters (inserted by the lead), each exactly once per language."""
    from docs_text import markdown_pages

    calls = {}
    for page in markdown_pages():
        if page.name.startswith("zz-"):
            continue
        text = page.read_text(encoding="utf-8")
        for kind, name in re.findall(r"""\{\{\s*(chart|diagram)\(\s*["']([\w-]+)["']""", text):
            calls.setdefault((kind, name), []).append(page.name)
    for kind, names in (("chart", CHARTS), ("diagram", DIAGRAMS)):
        for name in names:
            pages = calls.get((kind, name), [])
            assert len(pages) == 2 and {p.endswith(".en.md") for p in pages} == {True, False}, (
                f'{kind}("{name}") should be placed once in a chapter and once in its English twin: {pages}'
            )
