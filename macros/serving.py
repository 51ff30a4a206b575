"""The serving calculator: one definition of each formula, evaluated here and in the browser.

The formulas (/work/shared/reference/calculator.md) are expression trees of macros/derived.py over
`Var`s: the model's figures, the formats, the workload and the hardware, all in base units (bytes,
bytes per second, tokens). Each output may use the outputs before it, so the list is evaluated in
order; the same list goes to the page as JSON (`export`) and calculator.js evaluates exactly that.

    inputs = setup(facts, model="qwen3-235b-a22b", gpus=8)   # URL-style settings -> Var values
    evaluate(inputs)["max_concurrency"]                      # 16

Settings arrive as the page's URL parameters (FIELDS): mem_gb, bw_tbs and overhead_gib are scaled
to base units by the field's `scale`, the only arithmetic outside the trees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import derived
from .derived import Const, Op, Var, add, div, fn, mul, power, sub
from .facts import Facts

# --- presets: which figures of data/facts.yml feed the model and GPU inputs -------------------


@dataclass(frozen=True)
class Model:
    slug: str  # URL value
    group: str  # figure group in data/facts.yml (and word key under calculator.model)
    moe: bool


MODELS = (
    Model("qwen3-235b-a22b", "qwen3_235b", True),
    Model("qwen3-30b-a3b", "qwen3_30b", True),
    Model("qwen3-32b", "qwen3_32b", False),
    Model("qwen3-14b", "qwen3_14b", False),
    Model("qwen3-8b", "qwen3_8b", False),
    Model("qwen3-4b", "qwen3_4b", False),
    Model("qwen3-1.7b", "qwen3_1_7b", False),
    Model("qwen3-0.6b", "qwen3_0_6b", False),
)
# Var name -> figure name in the model's group; MoE models add the expert figures.
MODEL_FIGURES = {
    "params": "total_params",
    "layers": "layers",
    "kv_heads": "kv_heads",
    "head_dim": "head_dim",
    "hidden": "hidden_size",
}
MOE_FIGURES = {
    "experts": "experts",
    "experts_routed": "experts_activated",
    "expert_ffn": "moe_intermediate_size",
}


@dataclass(frozen=True)
class Gpu:
    slug: str  # URL value
    word: str  # key under calculator.gpu
    memory: str  # figure keys
    bandwidth: str


GPUS = (
    Gpu("h20", "h20", "hardware.h20_memory", "gpu.h20_bandwidth"),
    Gpu("h200", "h200", "gpu.h200_memory", "gpu.h200_bandwidth"),
    Gpu("h100", "h100", "gpu.h100_memory", "gpu.h100_bandwidth"),
    Gpu("a100-80g", "a100_80g", "gpu.a100_80gb_memory", "gpu.a100_80gb_bandwidth"),
    Gpu("rtx4090", "rtx4090", "gpu.rtx4090_memory", "gpu.rtx4090_bandwidth"),
)

# Number formats: definitions, not measurements (bits per weight, bytes per KV value).
WEIGHT_BITS = {"bf16": 16, "fp8": 8, "int8": 8, "int4": 4}
KV_BYTES = {"bf16": 2, "fp8": 1}


@dataclass(frozen=True)
class Field:
    """A numeric URL parameter and the input it sets: value × scale, checked by its rule."""

    param: str
    var: str
    rule: str  # count (whole, ≥ 1) | positive (> 0) | share (0 < x ≤ 1) | nonneg (≥ 0)
    scale: int = 1
    unit: str = ""  # word key under calculator.unit, shown after the field


FIELDS = (
    Field("context", "context", "count", unit="tokens"),
    Field("batch", "batch", "count", unit="sequences"),
    Field("gpus", "gpus", "count", unit="gpus"),
    Field("mem_gb", "mem", "positive", 10**9, "gb"),
    Field("bw_tbs", "bw", "positive", 10**12, "tbs"),
    Field("util", "util", "share"),
    Field("overhead_gib", "overhead", "nonneg", 2**30, "gib"),
    Field("eff", "eff", "share"),
)
CHOICES = {
    "model": tuple(m.slug for m in MODELS),
    "weights": tuple(WEIGHT_BITS),
    "kv": tuple(KV_BYTES),
    "gpu": tuple(g.slug for g in GPUS),
}
# Calculator settings, not facts: vLLM's default memory utilisation, 2 GiB per GPU for the CUDA
# context, activations and graphs (calculator.md), the bandwidth ceiling (η = 1).
DEFAULTS = {
    "model": "qwen3-235b-a22b",
    "weights": "bf16",
    "kv": "bf16",
    "context": "32768",
    "batch": "1",
    "gpu": "h20",
    "gpus": "8",
    "util": "0.9",
    "overhead_gib": "2",
    "eff": "1",
}
NUMBER = r"^\s*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*$"  # what a numeric field accepts


class SettingError(ValueError):
    """A setting the calculator refuses (the page shows the rule's message next to the field)."""

    def __init__(self, param: str, rule: str):
        super().__init__(f"{param}: {rule}")
        self.param, self.rule = param, rule


def check(value: float, rule: str) -> bool:
    if rule == "count":
        return value >= 1 and value == int(value)
    if rule == "positive":
        return value > 0
    if rule == "share":
        return 0 < value <= 1
    return value >= 0  # nonneg


# --- the formulas -------------------------------------------------------------------------------

v = Var
K_AND_V = Const(2, "k_and_v")
BITS_PER_BYTE = Const(8, "bits_per_byte")
PROJECTIONS = Const(3, "three_projections")
ONE = Const(1, "one")
ZERO = Const(0, "zero")


@dataclass(frozen=True)
class Output:
    name: str  # data-out name; word key under calculator.input (as a term in later formulas)
    expr: object
    kind: str  # how the page formats it: bytes, count, tokens, sequences, share, seconds, tokens_per_s, flag


OUTPUTS = (
    Output("weights_bytes", div(mul(v("params"), v("weight_bits")), BITS_PER_BYTE), "bytes"),
    Output("weights_bytes_per_gpu", div(v("weights_bytes"), v("gpus")), "bytes"),
    Output("kv_heads_per_gpu", fn("ceil", div(v("kv_heads"), v("gpus"))), "count"),
    Output("kv_head_copies", div(mul(v("kv_heads_per_gpu"), v("gpus")), v("kv_heads")), "count"),
    Output("kv_bytes_per_token", mul(K_AND_V, v("layers"), v("kv_heads"), v("head_dim"), v("kv_bytes")), "bytes"),
    Output(
        "kv_bytes_per_token_per_gpu",
        mul(K_AND_V, v("layers"), v("kv_heads_per_gpu"), v("head_dim"), v("kv_bytes")),
        "bytes",
    ),
    Output("kv_bytes_total", mul(v("kv_bytes_per_token"), v("context"), v("batch")), "bytes"),
    Output("usable_bytes_per_gpu", mul(v("mem"), v("util")), "bytes"),
    Output(
        "budget_bytes_per_gpu",
        Op("−", (v("usable_bytes_per_gpu"), v("weights_bytes_per_gpu"), v("overhead"))),
        "bytes",
    ),
    Output(
        "max_tokens",
        fn("max", fn("floor", div(v("budget_bytes_per_gpu"), v("kv_bytes_per_token_per_gpu"))), ZERO),
        "tokens",
    ),
    Output("max_concurrency", fn("floor", div(v("max_tokens"), v("context"))), "sequences"),
    Output("fits", fn("ge", v("max_concurrency"), v("batch")), "flag"),
    # Decode ceiling: every step reads the weights the batch touches and the whole KV cache once.
    Output(
        "expert_weights_bytes",
        div(mul(v("layers"), v("experts"), PROJECTIONS, v("hidden"), v("expert_ffn"), v("weight_bits")), BITS_PER_BYTE),
        "bytes",
    ),
    Output(
        "experts_touched_share",
        # max(experts, 1): a dense model has no experts (0 of 0), and its share is then 0
        sub(ONE, power(sub(ONE, div(v("experts_routed"), fn("max", v("experts"), ONE))), v("batch"))),
        "share",
    ),
    Output(
        "weights_read_bytes",
        add(
            sub(v("weights_bytes"), v("expert_weights_bytes")),
            mul(v("expert_weights_bytes"), v("experts_touched_share")),
        ),
        "bytes",
    ),
    Output("effective_bw", mul(v("bw"), v("eff")), "bytes_per_s"),
    Output(
        "step_seconds",
        div(
            add(
                div(v("weights_read_bytes"), v("gpus")), mul(v("batch"), v("context"), v("kv_bytes_per_token_per_gpu"))
            ),
            v("effective_bw"),
        ),
        "seconds",
    ),
    Output("decode_tokens_per_s_ceiling", div(v("batch"), v("step_seconds")), "tokens_per_s"),
)
# Every input Var and how the page formats it (the outputs carry their own kind).
INPUT_KINDS = {
    "params": "params",
    "layers": "count",
    "kv_heads": "count",
    "head_dim": "count",
    "hidden": "count",
    "experts": "count",
    "experts_routed": "count",
    "expert_ffn": "count",
    "weight_bits": "count",
    "kv_bytes": "count",
    "context": "tokens",
    "batch": "count",
    "gpus": "count",
    "mem": "bytes",
    "bw": "bytes_per_s",
    "util": "share",
    "overhead": "bytes",
    "eff": "share",
}


def evaluate(inputs: dict) -> dict:
    """Every output, in order (each may use the ones before it)."""
    env = dict(inputs)
    for output in OUTPUTS:
        env[output.name] = derived.evaluate(output.expr, None, env)
    return {output.name: env[output.name] for output in OUTPUTS}


# --- settings -> inputs ---------------------------------------------------------------------------


def model_inputs(facts: Facts, model: Model) -> dict:
    values = {var: facts.value(f"{model.group}.{name}") for var, name in MODEL_FIGURES.items()}
    for var, name in MOE_FIGURES.items():  # a dense model has no experts: those terms are 0
        values[var] = facts.value(f"{model.group}.{name}") if model.moe else 0
    return values


def gpu_settings(facts: Facts, gpu: Gpu) -> dict:
    """The preset's memory and bandwidth as the page's fields show them (GB, TB/s)."""
    return {"mem_gb": facts.value(gpu.memory) / 10**9, "bw_tbs": facts.value(gpu.bandwidth) / 10**12}


def setup(facts: Facts, **settings) -> dict:
    """Input values from URL-style settings (strings or numbers); absent ones take DEFAULTS.

    mem_gb and bw_tbs default to the GPU preset (as the page's fields show it). A refused value
    raises SettingError. calculator.js's setup() does the same for the page.
    """
    given = {**DEFAULTS, **{name: str(value) for name, value in settings.items() if value is not None}}
    unknown = set(given) - set(CHOICES) - {f.param for f in FIELDS}
    if unknown:
        raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    for param, allowed in CHOICES.items():
        if given[param] not in allowed:
            raise SettingError(param, "choice")
    model = next(m for m in MODELS if m.slug == given["model"])
    gpu = next(g for g in GPUS if g.slug == given["gpu"])
    for name, value in gpu_settings(facts, gpu).items():  # absent or empty: the preset
        given[name] = given.get(name) or f"{value:g}"
    values = {
        **model_inputs(facts, model),
        "weight_bits": WEIGHT_BITS[given["weights"]],
        "kv_bytes": KV_BYTES[given["kv"]],
    }
    for field in FIELDS:
        raw = given[field.param]
        if not re.match(NUMBER, raw):
            raise SettingError(field.param, "number")
        number = float(raw)
        if not check(number, field.rule):
            raise SettingError(field.param, field.rule)
        values[field.var] = number * field.scale
    return values


# --- export for the page --------------------------------------------------------------------------


def formula_words(output: Output, words, lang: str) -> str:
    return derived.render_words(output.expr, words, lang, inputs="calculator.input")


def formula_numbers(output: Output) -> str:
    """The formula with {var} slots the page fills with formatted values: "{params} × {weight_bits} ÷ 8"."""

    def leaf(e):
        return f"{{{e.name}}}" if isinstance(e, Var) else f"{e.value:g}"

    return derived.render(output.expr, leaf)


def presets(facts: Facts) -> dict:
    return {
        "models": {m.slug: model_inputs(facts, m) for m in MODELS},
        "gpus": {g.slug: gpu_settings(facts, g) for g in GPUS},
        "weights": WEIGHT_BITS,
        "kv": KV_BYTES,
    }


def export(facts: Facts) -> dict:
    """What the page's script computes with: the trees in order, the presets, the fields and their
    rules. (Its words and the formulas in words come with the page: macros/render/calculator.py.)"""
    return {
        **presets(facts),
        "formulas": [
            {"name": o.name, "expr": derived.to_json(o.expr), "kind": o.kind, "numbers": formula_numbers(o)}
            for o in OUTPUTS
        ],
        "kinds": INPUT_KINDS,
        "fields": [{"param": f.param, "var": f.var, "rule": f.rule, "scale": f.scale} for f in FIELDS],
        "choices": CHOICES,
        "defaults": DEFAULTS,
        "number": NUMBER,
    }
