"""Derived figures: computed here from base figures, never typed into the data file.

A formula is data: an expression tree over base figures (`Ref`), named constants (`Const`) and,
for the serving calculator, inputs (`Var`). So the site can evaluate it, show it in words and
with the numbers filled in, and export it as JSON for the browser (`to_json`), which evaluates
the same tree (overrides/assets/javascripts/calculator.js).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from .facts import Fact, Facts
from .schema import check_value
from .words import Words
from .yamlio import DataError


@dataclass(frozen=True)
class Const:
    value: float
    word: str  # key under `const.` in data/words.yml


@dataclass(frozen=True)
class Ref:
    """A figure of data/facts.yml (or another derived figure)."""

    key: str
    qualified: bool = False  # prefix the owner ("GPT-4 …") when a formula compares groups


@dataclass(frozen=True)
class Var:
    """An input given at evaluation time (the calculator's context length, GPU count …)."""

    name: str


@dataclass(frozen=True)
class Op:
    symbol: str  # "+", "−", "×", "÷", "^"
    terms: tuple


@dataclass(frozen=True)
class Fn:
    name: str  # ceil, floor, max, min, ge (1 if a ≥ b else 0)
    args: tuple


def mul(*terms):
    return Op("×", terms)


def add(*terms):
    return Op("+", terms)


def sub(a, b):
    return Op("−", (a, b))


def div(a, b):
    return Op("÷", (a, b))


def power(a, b):
    return Op("^", (a, b))


def fn(name: str, *args):
    return Fn(name, args)


OPS = {
    "+": lambda a, b: a + b,
    "−": lambda a, b: a - b,
    "×": lambda a, b: a * b,
    "÷": lambda a, b: a / b,
    "^": lambda a, b: a**b,
}
FNS = {
    "ceil": lambda a: math.ceil(a),
    "floor": lambda a: math.floor(a),
    "max": lambda *a: max(a),
    "min": lambda *a: min(a),
    "ge": lambda a, b: 1 if a >= b else 0,
}


class FormulaError(ArithmeticError):
    pass


def evaluate(expr, facts: Facts | None = None, inputs: dict | None = None):
    if isinstance(expr, Const):
        return expr.value
    if isinstance(expr, Ref):
        value = facts[expr.key].value
        if isinstance(value, str):
            raise FormulaError(f"input {expr.key!r} is not a number ({value!r})")
        return value
    if isinstance(expr, Var):
        try:
            return inputs[expr.name]
        except (KeyError, TypeError):
            raise FormulaError(f"input {expr.name!r} was not given") from None
    if isinstance(expr, Fn):
        return FNS[expr.name](*(evaluate(a, facts, inputs) for a in expr.args))
    values = [evaluate(t, facts, inputs) for t in expr.terms]
    result = values[0]
    for value in values[1:]:
        try:
            result = OPS[expr.symbol](result, value)
        except ZeroDivisionError:
            raise FormulaError("division by zero") from None
    return result


def refs(expr) -> list[str]:
    """Every figure key a formula reads."""
    if isinstance(expr, Ref):
        return [expr.key]
    if isinstance(expr, Op):
        return [k for t in expr.terms for k in refs(t)]
    if isinstance(expr, Fn):
        return [k for a in expr.args for k in refs(a)]
    return []


def to_json(expr):
    """The tree as JSON-ready data: {"op": "×", "args": [...]}, {"ref": key}, {"var": name} …"""
    if isinstance(expr, Const):
        return {"const": expr.value}
    if isinstance(expr, Ref):
        return {"ref": expr.key}
    if isinstance(expr, Var):
        return {"var": expr.name}
    if isinstance(expr, Fn):
        return {"fn": expr.name, "args": [to_json(a) for a in expr.args]}
    return {"op": expr.symbol, "args": [to_json(t) for t in expr.terms]}


# --- in words and in numbers ---------------------------------------------------------------


def ref_label(ref: Ref, words: Words, lang: str) -> str:
    group, name = ref.key.rsplit(".", 1)
    label = words.t(f"term.{name}", lang)
    if ref.qualified:
        from .numbers import join_unit  # the same spacing rule as a number and its unit

        return join_unit(words.t(f"owner.{group}", lang), label)
    return label


FULL_WIDTH = "\u3000-\u303f\uff00-\uffef"


def spaced_join(symbol: str, parts: list[str]) -> str:
    """a × b, without a space next to full-width punctuation (2（K 和 V）× 层数); also for = and ·."""
    out = parts[0]
    for part in parts[1:]:
        left = "" if re.match(f"[{FULL_WIDTH}]", out[-1]) else " "
        right = "" if re.match(f"[{FULL_WIDTH}]", part[0]) else " "
        out += f"{left}{symbol}{right}{part}"
    return out


def _wrap(inner: str, expr, top: bool) -> str:
    return inner if top or expr.symbol in ("×", "^") else f"({inner})"


def render(expr, leaf, top: bool = True) -> str:
    """The formula as text; leaf(expr) writes a constant, figure or input."""
    if isinstance(expr, (Const, Ref, Var)):
        return leaf(expr)
    if isinstance(expr, Fn):
        args = [render(a, leaf) for a in expr.args]
        if expr.name == "ceil":
            return f"⌈{args[0]}⌉"
        if expr.name == "floor":
            return f"⌊{args[0]}⌋"
        if expr.name == "ge":
            return f"{args[0]} ≥ {args[1]}"
        return f"{expr.name}({', '.join(args)})"
    if expr.symbol == "^":
        return f"{render(expr.terms[0], leaf, False)}^{render(expr.terms[1], leaf, False)}"
    inner = spaced_join(expr.symbol, [render(t, leaf, top=False) for t in expr.terms])
    return _wrap(inner, expr, top)


def render_words(expr, words: Words, lang: str, inputs: str = "input") -> str:
    """e.g. "2 (K and V) × layers × KV heads × head dim × 2 bytes (BF16)".

    inputs: the words.yml section naming the `Var`s (the calculator's are under calculator.input).
    """

    def leaf(e):
        if isinstance(e, Const):
            return words.t(f"const.{e.word}", lang)
        if isinstance(e, Ref):
            return ref_label(e, words, lang)
        return words.t(f"{inputs}.{e.name}", lang)

    return render(expr, leaf)


def render_numbers(expr, facts: Facts, number, inputs: dict | None = None) -> str:
    """The formula with the values filled in; number(value) formats one value."""
    return render(expr, lambda e: number(evaluate(e, facts, inputs)))


# --- the derived figures --------------------------------------------------------------------


@dataclass(frozen=True)
class Derived:
    unit: str
    expr: object
    sig: int | None = None  # significant figures shown (default per unit)


STATUS_STRENGTH = ("official", "derived", "reported", "unverified")


def basis_of(expr, facts: Facts) -> str:
    """The weakest status among a formula's inputs (official < reported < unverified)."""
    statuses = [facts[k].basis or facts[k].status for k in refs(expr)]
    weakest = max(statuses, key=STATUS_STRENGTH.index) if statuses else "official"
    return "official" if weakest == "derived" else weakest


TWO = Const(2, "two")
TWO_FLOP = Const(2, "two_flop")
SIX_FLOP = Const(6, "six_flop")
FOUR_ATTN = Const(4, "four_attention")
K_AND_V = Const(2, "k_and_v")
BYTES_BF16 = Const(2, "bytes_bf16")
BYTES_8BIT = Const(1, "bytes_8bit")
BYTES_4BIT = Const(0.5, "bytes_4bit")
FOUR_GPUS = Const(4, "four_gpus")
THREE_PROJECTIONS = Const(3, "three_projections")
INT4_BITS = Const(4, "int4_bits")
FP16_SCALE_BITS = Const(16, "fp16_scale_bits")
INT4_ZERO_BITS = Const(4, "int4_zero_bits")


def _model_formulas(m: str) -> dict:
    """Formulas shared by the two Qwen3 MoE models (m = figure group)."""
    r = lambda name: Ref(f"{m}.{name}")  # noqa: E731
    hidden, heads_q, heads_kv, hd = r("hidden_size"), r("query_heads"), r("kv_heads"), r("head_dim")
    attention = add(mul(TWO, hidden, heads_q, hd), mul(TWO, hidden, heads_kv, hd))
    experts_ffn = mul(r("experts"), THREE_PROJECTIONS, hidden, r("moe_intermediate_size"))
    router = mul(hidden, r("experts"))
    norms = add(mul(TWO, hidden), mul(TWO, hd))
    total = add(
        mul(r("layers"), add(attention, experts_ffn, router, norms)),
        hidden,
        mul(r("untied_embedding_matrices"), r("vocab_size_embedding"), hidden),
    )
    return {
        f"{m}.total_params_from_config": Derived("parameters", total),
        f"{m}.active_share": Derived("fraction", div(r("active_params"), r("total_params")), sig=2),
        f"{m}.forward_flops_per_token": Derived("flop", mul(TWO_FLOP, r("active_params"))),
        f"{m}.attention_flops_per_context_token": Derived("flop", mul(FOUR_ATTN, r("layers"), heads_q, hd)),
        f"{m}.attention_flops_at_native_context": Derived(
            "flop", mul(r("attention_flops_per_context_token"), r("native_context_tokens"))
        ),
        f"{m}.query_heads_per_kv_head": Derived("count", div(heads_q, heads_kv)),
        f"{m}.kv_cache_ratio_vs_mha": Derived("fraction", div(heads_kv, heads_q)),
        f"{m}.kv_cache_bytes_per_token_bf16": Derived("bytes", mul(K_AND_V, r("layers"), heads_kv, hd, BYTES_BF16)),
        f"{m}.kv_cache_bytes_native_bf16": Derived(
            "bytes", mul(r("kv_cache_bytes_per_token_bf16"), r("native_context_tokens"))
        ),
        f"{m}.kv_cache_bytes_yarn_bf16": Derived(
            "bytes", mul(r("kv_cache_bytes_per_token_bf16"), r("yarn_context_tokens"))
        ),
        f"{m}.weight_bytes_bf16": Derived("bytes", mul(r("total_params_from_config"), BYTES_BF16)),
        f"{m}.weight_bytes_8bit": Derived("bytes", mul(r("total_params_from_config"), BYTES_8BIT)),
        f"{m}.weight_bytes_4bit": Derived("bytes", mul(r("total_params_from_config"), BYTES_4BIT)),
    }


def _gpt4_formulas() -> dict:
    r = lambda name: Ref(f"gpt4.{name}")  # noqa: E731
    return {
        "gpt4.total_params_check": Derived(
            "parameters", add(mul(r("experts"), r("params_per_expert_mlp")), r("shared_attention_params"))
        ),
        "gpt4.active_params_check": Derived(
            "parameters",
            add(mul(r("experts_routed_per_token"), r("params_per_expert_mlp")), r("shared_attention_params")),
        ),
        "gpt4.active_share": Derived("fraction", div(r("active_params"), r("total_params")), sig=2),
        "gpt4.forward_flops_per_token": Derived("flop", mul(TWO_FLOP, r("active_params"))),
        "gpt4.forward_flops_dense_equivalent": Derived("flop", mul(TWO_FLOP, r("total_params"))),
        "gpt4.training_flops_6nd": Derived("flop", mul(SIX_FLOP, r("active_params"), r("pretrain_tokens")), sig=2),
    }


def _comparison_formulas() -> dict:
    q = lambda key: Ref(key, qualified=True)  # noqa: E731
    return {
        "hardware.four_h20_memory": Derived("bytes", mul(FOUR_GPUS, Ref("hardware.h20_memory"))),
        "compare.qwen3_vs_gpt4_forward_flops": Derived(
            "fraction", div(q("qwen3_235b.forward_flops_per_token"), q("gpt4.forward_flops_per_token")), sig=2
        ),
        # a group of group_size 4-bit weights shares one FP16 scale and one 4-bit zero point
        "int4_checkpoint.bits_per_weight": Derived(
            "count",
            div(
                add(mul(INT4_BITS, Ref("int4_checkpoint.group_size")), FP16_SCALE_BITS, INT4_ZERO_BITS),
                Ref("int4_checkpoint.group_size"),
            ),
            sig=3,
        ),
        "compare.qwen3_vs_deepseek_r1_params": Derived(
            "fraction", div(q("qwen3_235b.total_params"), q("deepseek_r1.total_params"))
        ),
        "compare.qwen3_vs_qwen25_tokens": Derived(
            "times", div(q("qwen3_family.pretrain_tokens"), q("qwen25.pretrain_tokens"))
        ),
        "compare.article_vs_real_qwen3_flops": Derived(
            "times", div(q("article.qwen3_flops_per_token"), q("qwen3_235b.forward_flops_per_token"))
        ),
    }


FORMULAS: dict[str, Derived] = {
    **_gpt4_formulas(),
    **_model_formulas("qwen3_235b"),
    **_model_formulas("qwen3_30b"),
    **_comparison_formulas(),
}


def _inputs_text(expr, figures: dict) -> str:
    return ", ".join(f"{k} = {figures[k].value!r}" for k in dict.fromkeys(refs(expr)) if k in figures)


def add_derived(facts: Facts, formulas: dict[str, Derived] = FORMULAS) -> Facts:
    """Return facts with every derived figure computed (in dependency order).

    Errors name the derived figure, its inputs and their values: a missing input, a division by
    zero, or a result the unit makes impossible (a negative number of bytes).
    """
    figures = dict(facts.figures)
    current = replace(facts, figures=figures)
    for key in formulas:
        if key in facts.figures:
            raise DataError(f"{facts.path}: {key} is derived in macros/derived.py; remove it from the data file")
    pending = dict(formulas)
    while pending:
        ready = [k for k, d in pending.items() if all(x in figures for x in refs(d.expr))]
        if not ready:
            problems = []
            for key, d in pending.items():
                missing = [x for x in refs(d.expr) if x not in figures and x not in pending]
                if missing:
                    problems.append(f"{key} needs {', '.join(missing)}, which is not in {facts.path.name}")
            raise DataError(f"{facts.path}: derived figures cannot be computed: " + "; ".join(problems or pending))
        for key in ready:
            d = pending.pop(key)
            try:
                value = evaluate(d.expr, current)
                check_value(value, d.unit)
            except (FormulaError, ValueError) as error:
                raise DataError(
                    f"{facts.path}: derived figure {key} (macros/derived.py) = {render_words_plain(d.expr)}:"
                    f" {error}; inputs: {_inputs_text(d.expr, figures)}"
                ) from None
            figures[key] = Fact(
                key=key,
                value=value,
                unit=d.unit,
                status="derived",
                sources=tuple(dict.fromkeys(s for x in refs(d.expr) for s in figures[x].sources)),
                formula=d.expr,
                basis=basis_of(d.expr, current),
                sig=d.sig,
            )
    return current


def render_words_plain(expr) -> str:
    """The formula with data keys as names (for error messages; needs no words file)."""

    def leaf(e):
        if isinstance(e, Const):
            return repr(e.value)
        return e.key if isinstance(e, Ref) else e.name

    return render(expr, leaf)


def kv_cache_bytes(facts: Facts, model: str, context_tokens: int) -> float:
    """KV cache of one sequence at a given context length (for charts)."""
    return facts.value(f"{model}.kv_cache_bytes_per_token_bf16") * context_tokens
