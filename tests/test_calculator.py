"""The serving calculator: formulas against the reference, Python against the page's JavaScript,
the presets against data/facts.yml, the no-JavaScript table, and the script's size."""

from __future__ import annotations

import gzip
import json
import math
import os
import re
import shutil
import subprocess

import pytest
from calculator_reference import GPUS, HELD_OUT, MODELS, reference
from project import ROOT
from site_data import figures
from test_build import page_html

from macros import serving
from macros.data import load_data
from macros.render.calculator import LINKS, Calculator

DATA = load_data()
FACTS = DATA.facts
SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "calculator.js"
SHOWN = [
    "weights_bytes",
    "kv_bytes_per_token",
    "kv_bytes_per_token_per_gpu",
    "kv_bytes_total",
    "budget_bytes_per_gpu",
    "max_tokens",
    "max_concurrency",
    "fits",
    "decode_tokens_per_s_ceiling",
]


def run(**settings) -> dict:
    return serving.evaluate(serving.setup(FACTS, **settings))


def close(a: float, b: float, rel: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=0 if a or b else 1e-12)


# --- (b) the reference's worked example, values typed from calculator.md ---------------------


def test_worked_example_235b_bf16_on_8_h20():
    r = run(model="qwen3-235b-a22b", weights="bf16", kv="bf16", gpu="h20", gpus=8, context=32768, batch=1)
    assert r["weights_bytes"] == pytest.approx(470e9, rel=0.005)  # "W ≈ 470 GB"
    assert r["kv_bytes_per_token"] == 192_512  # "KV/token 192,512 B (188 KiB)"
    assert r["kv_bytes_per_token"] / 2**10 == 188
    assert r["kv_bytes_per_token_per_gpu"] == 48_128  # "per GPU 48,128 B (one replicated head)"
    assert r["kv_heads_per_gpu"] == 1 and r["kv_head_copies"] == 2
    assert r["usable_bytes_per_gpu"] == pytest.approx(86.4e9)  # "86.4 − 58.8 − 2.15"
    assert r["weights_bytes_per_gpu"] == pytest.approx(58.8e9, rel=0.002)
    assert r["budget_bytes_per_gpu"] == pytest.approx(25.5e9, rel=0.002)  # "≈ 25.5 GB per GPU"
    assert r["max_tokens"] == pytest.approx(529_000, rel=0.002)  # "≈ 529,000 tokens"
    assert r["max_concurrency"] == 16  # "16 sequences of 32K fit"
    assert r["fits"] == 1


def test_worked_example_on_4_h20_bf16_does_not_fit_fp8_does():
    bf16 = run(model="qwen3-235b-a22b", weights="bf16", gpus=4)
    fp8 = run(model="qwen3-235b-a22b", weights="fp8", gpus=4)
    assert bf16["budget_bytes_per_gpu"] < 0 and bf16["max_tokens"] == 0 and bf16["fits"] == 0
    assert fp8["fits"] == 1 and fp8["budget_bytes_per_gpu"] > 0


def test_sanity_anchors_of_the_reference():
    """Qwen's benchmark: 235B-A22B on 8 × H20 in BF16 and 4 × H20 in FP8; 30B-A3B on 1 × H20 in BF16."""
    assert run(model="qwen3-30b-a3b", weights="bf16", gpus=1)["fits"] == 1
    assert run(model="qwen3-235b-a22b", weights="bf16", gpus=8)["fits"] == 1
    assert run(model="qwen3-235b-a22b", weights="fp8", gpus=4)["fits"] == 1


def test_decode_ceiling_of_a_dense_model_by_hand():
    """Qwen3-8B, BF16 on one H100, one sequence of 32,768 tokens: each step reads the 16.4 GB of
    weights and 32,768 × 147,456 B of KV cache at 3.35 TB/s: (16.4e9 + 4.832e9) / 3.35e12 s."""
    r = run(model="qwen3-8b", weights="bf16", gpu="h100", gpus=1, context=32768, batch=1)
    assert r["kv_bytes_per_token"] == 147_456  # 2 × 36 × 8 × 128 × 2
    assert r["decode_tokens_per_s_ceiling"] == pytest.approx(3.35e12 / (16.4e9 + 4.832e9), rel=1e-3)
    assert r["decode_tokens_per_s_ceiling"] == pytest.approx(157.8, abs=0.1)


def test_moe_decode_reads_only_the_experts_a_batch_touches():
    """One token of 235B-A22B touches 8 of 128 experts: 1/16 of the expert weights are read."""
    r = run(model="qwen3-235b-a22b", batch=1)
    assert r["experts_touched_share"] == pytest.approx(8 / 128)
    assert r["expert_weights_bytes"] == pytest.approx(227.1e9 * 2, rel=1e-3)  # "≈ 227.1B" expert params
    big = run(model="qwen3-235b-a22b", batch=256, context=1024)
    assert big["experts_touched_share"] > 0.999  # a large batch touches nearly every expert


@pytest.mark.parametrize("settings", HELD_OUT, ids=lambda s: f"{s['model']}-{s['gpus']}x{s['gpu']}")
def test_held_out_setups_match_the_reference(settings):
    ours, theirs = run(**settings), reference(**settings)
    for name in SHOWN:
        assert close(ours[name], theirs[name], rel=1e-9), f"{name}: {ours[name]} vs reference {theirs[name]}"


# --- the presets are figures of data/facts.yml, as the reference gives them -----------------


def test_presets_come_from_the_data_file_and_match_the_reference():
    presets = serving.presets(FACTS)
    for slug, expected in MODELS.items():
        model = presets["models"][slug]
        assert model["params"] == expected["params"] and model["layers"] == expected["layers"], slug
        assert model["kv_heads"] == expected["kv_heads"] and model["head_dim"] == 128, slug
        assert model["hidden"] == expected["hidden"], slug
        assert model["experts"] == expected.get("experts", 0), slug
        assert model["experts_routed"] == expected.get("routed", 0), slug
        assert model["expert_ffn"] == expected.get("ffn", 0), slug
    for slug, (mem_gb, bw_tbs) in GPUS.items():
        assert presets["gpus"][slug] == {"mem_gb": mem_gb, "bw_tbs": bw_tbs}, slug


def test_every_preset_figure_has_a_status_and_source():
    keys = [g.memory for g in serving.GPUS] + [g.bandwidth for g in serving.GPUS]
    for model in serving.MODELS:
        names = [*serving.MODEL_FIGURES.values(), *(serving.MOE_FIGURES.values() if model.moe else ())]
        keys += [f"{model.group}.{name}" for name in names]
    for key in keys:
        fact = FACTS[key]
        assert fact.status in ("official", "reported") and fact.sources and fact.note, key
        assert all(FACTS.sources[s].url.startswith("https://") for s in fact.sources), key
    # calculator.md: no NVIDIA datasheet for the H20, so its bandwidth is reported; the rest official
    assert FACTS["gpu.h20_bandwidth"].status == "reported"
    assert {FACTS[g.bandwidth].status for g in serving.GPUS if g.slug != "h20"} == {"official"}


# --- settings ---------------------------------------------------------------------------------


def test_explicit_memory_and_bandwidth_override_the_preset():
    preset = serving.setup(FACTS, gpu="h100")
    assert preset["mem"] == 80e9 and preset["bw"] == 3.35e12
    custom = serving.setup(FACTS, gpu="h100", mem_gb="94", bw_tbs="3.9")
    assert custom["mem"] == 94e9 and custom["bw"] == pytest.approx(3.9e12)


@pytest.mark.parametrize(
    "param, value, rule",
    [
        ("gpus", "0", "count"),
        ("gpus", "2.5", "count"),
        ("batch", "-1", "count"),
        ("context", "abc", "number"),
        ("context", "", "number"),
        ("mem_gb", "-80", "positive"),
        ("util", "1.2", "share"),
        ("eff", "0", "share"),
        ("overhead_gib", "-2", "nonneg"),
        ("model", "gpt-4", "choice"),
        ("weights", "fp4", "choice"),
    ],
)
def test_invalid_settings_are_refused_with_their_rule(param, value, rule):
    with pytest.raises(serving.SettingError) as error:
        serving.setup(FACTS, **{param: value})
    assert (error.value.param, error.value.rule) == (param, rule)


# --- (a) Python and the page's JavaScript agree ----------------------------------------------

NODE_RUNNER = """
const calc = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.cases.map((settings) => {
  const result = calc.setup(input.data, settings);
  const env = Object.keys(result.errors).length ? null : calc.run(input.data, result.inputs);
  return {errors: result.errors, env: env};
});
process.stdout.write(JSON.stringify(out));
"""


def node_results(cases: list[dict]) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node not found (CI=true: nothing may be skipped)")
        pytest.skip("node not found")
    payload = {"data": serving.export(FACTS), "cases": [{k: str(v) for k, v in c.items()} for c in cases]}
    result = subprocess.run(
        [node, "-e", NODE_RUNNER, str(SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_python_and_javascript_agree_on_every_output():
    cases = HELD_OUT + [dict(model=m.slug, gpus=n) for m in serving.MODELS for n in (1, 5)]
    for settings, js in zip(cases, node_results(cases), strict=True):
        assert js["errors"] == {}, settings
        python = {**serving.setup(FACTS, **settings)}
        python.update(serving.evaluate(python))
        assert set(js["env"]) == set(python), settings
        for name, value in python.items():
            assert close(js["env"][name], value), f"{settings}: {name} = {js['env'][name]} (JS) vs {value} (Python)"


def test_python_and_javascript_refuse_the_same_settings():
    cases = [
        {"gpus": "0"},
        {"context": "abc"},
        {"batch": "1.5"},
        {"mem_gb": "-1"},
        {"util": "2"},
        {"overhead_gib": "-0.5"},
        {"eff": "x"},
        {"context": "0x10"},
    ]
    for settings, js in zip(cases, node_results(cases), strict=True):
        with pytest.raises(serving.SettingError) as error:
            serving.setup(FACTS, **settings)
        assert js["errors"] == {error.value.param: error.value.rule}, settings


def test_the_export_holds_no_words_and_only_known_inputs():
    exported = serving.export(FACTS)
    text = json.dumps(exported, ensure_ascii=False)
    assert not re.search(r"[\u4e00-\u9fff]", text), "the formula export is language-neutral"
    known = set(serving.INPUT_KINDS) | {o.name for o in serving.OUTPUTS}
    for formula in exported["formulas"]:
        assert set(re.findall(r"\{(\w+)\}", formula["numbers"])) <= known, formula["name"]
        assert '"ref"' not in json.dumps(formula["expr"]), "inputs are Vars: the page has no figure table"


# --- (d) the page without JavaScript ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_preset_table_has_every_model_and_the_formulas_values(built_site, lang):
    html = page_html(built_site, "calculator", lang)
    table = re.search(r"<table data-calculator-table>.*?</table>", html, re.S).group(0)
    bodies = re.findall(r'<tbody data-model="([^"]+)">(.*?)</tbody>', table, re.S)
    assert len(bodies) >= 6 and {m for m, _ in bodies} == set(MODELS)
    for model, body in bodies:
        rows = re.findall(r'<tr data-weights="(\w+)" data-gpus="(\d+)">(.*?)</tr>', body, re.S)
        assert len(rows) >= 3, model
        for weights, gpus, row in rows:
            expected = reference(model=model, weights=weights, gpu="h20", gpus=int(gpus))
            cells = dict(re.findall(r'data-cell="(\w+)" data-value="([^"]+)"', row))
            assert set(cells) >= {"weights_bytes", "max_concurrency", "fits", "decode_tokens_per_s_ceiling"}
            for name, value in cells.items():
                assert close(float(value), expected[name], rel=1e-9), f"{model} {weights} × {gpus}: {name}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_carries_the_export_the_words_and_the_script(built_site, lang):
    html = page_html(built_site, "calculator", lang)
    payload = re.search(r'<script type="application/json" id="calculator-data">(.*?)</script>', html, re.S)
    data = json.loads(payload.group(1))
    assert {k: v for k, v in data.items() if k not in ("words", "locale")} == json.loads(
        json.dumps(serving.export(FACTS))
    )
    assert set(data["words"]) >= {"fits", "no_memory", "no_kv", "replicated", "error.count", "error.number"}
    assert re.search(r'<script src="\.\./(?:\.\./)?assets/javascripts/calculator\.js" defer>', html)
    for name in SHOWN:
        assert f'data-out="{name}"' in html
    # hidden when JavaScript is off: tests/browser/test_browser_calculator.py looks with it off
    assert "https://" not in (built_site / "assets" / "javascripts" / "calculator.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_formula_line_is_in_the_page_language(lang):
    calc = Calculator(figures(lang, "calculator.md", DATA))
    text = calc.formulas()
    has_cjk = bool(re.search(r"[\u4e00-\u9fff]", text))
    assert has_cjk == (lang == "zh")
    for output in serving.OUTPUTS:
        assert calc.t(f"input.{output.name}") in text


def test_chapter_links_open_the_calculator_filled_in():
    calc = Calculator(figures("en", "inference-cost.md", DATA))
    link = calc.link("benchmark_235b_h20_bf16")
    assert 'href="../calculator/?model=qwen3-235b-a22b&amp;weights=bf16&amp;gpu=h20&amp;gpus=8#inputs"' in link
    for name, (_, gpus_key) in LINKS.items():
        assert f"gpus={FACTS.value(gpus_key)}" in calc.link(name).replace("&amp;", "&")
    with pytest.raises(KeyError, match="unknown setup"):
        calc.link("nope")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_inference_cost_chapter_links_the_article_claims(built_site, lang):
    html = page_html(built_site, "inference-cost", lang)
    for name in ("article_30b_h20", "launch_235b_h20", "benchmark_235b_h20_bf16"):
        assert f'data-calculator-link="{name}"' in html


# --- (e) size --------------------------------------------------------------------------------


def test_the_calculator_script_is_at_most_6_kb_gzipped():
    size = len(gzip.compress(SCRIPT.read_bytes(), compresslevel=9))
    assert size <= 6 * 1024, f"calculator.js is {size} bytes gzipped"
