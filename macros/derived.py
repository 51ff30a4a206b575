"""Derived figures: computed here from base figures, never typed into the data file.

Each derived figure is an expression over base figures and named constants,
so the site can show the formula both in words and with the numbers filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .facts import Fact, Facts

# Words for the inputs of formulas, per language (keyed by the last part of a figure key).
TERM_LABELS = {
    "layers": {"zh": "层数", "en": "layers"},
    "kv_heads": {"zh": "KV 头数", "en": "KV heads"},
    "query_heads": {"zh": "查询头数", "en": "query heads"},
    "head_dim": {"zh": "头维度", "en": "head dim"},
    "hidden_size": {"zh": "隐藏维度", "en": "hidden size"},
    "experts": {"zh": "专家数", "en": "experts"},
    "experts_routed_per_token": {"zh": "每 token 路由专家数", "en": "experts routed per token"},
    "moe_intermediate_size": {"zh": "专家 FFN 宽度", "en": "expert FFN width"},
    "vocab_size_embedding": {"zh": "词表行数", "en": "vocabulary rows"},
    "untied_embedding_matrices": {"zh": "嵌入矩阵个数", "en": "embedding matrices"},
    "params_per_expert_mlp": {"zh": "每个专家参数", "en": "parameters per expert"},
    "shared_attention_params": {"zh": "共享注意力参数", "en": "shared attention parameters"},
    "active_params": {"zh": "激活参数", "en": "active parameters"},
    "total_params": {"zh": "总参数", "en": "total parameters"},
    "total_params_from_config": {"zh": "按配置计算的总参数", "en": "total parameters from config"},
    "pretrain_tokens": {"zh": "预训练 token 数", "en": "pre-training tokens"},
    "native_context_tokens": {"zh": "原生上下文长度", "en": "native context length"},
    "yarn_context_tokens": {"zh": "YaRN 上下文长度", "en": "YaRN context length"},
    "kv_cache_bytes_per_token_bf16": {"zh": "每 token KV 缓存", "en": "KV cache per token"},
    "attention_flops_per_context_token": {
        "zh": "每个上下文 token 的注意力计算量",
        "en": "attention FLOP per context token",
    },
    "forward_flops_per_token": {"zh": "每 token 前向计算量", "en": "forward FLOP per token"},
    "h20_memory": {"zh": "单卡 H20 显存", "en": "memory of one H20"},
    "qwen3_flops_per_token": {"zh": "Qwen3 每 token 计算量", "en": "Qwen3 FLOP per token"},
}


@dataclass(frozen=True)
class Const:
    value: float
    label: dict  # {"zh": ..., "en": ...}


# Who a figure belongs to, for formulas that compare groups.
GROUP_LABELS = {
    "gpt4": {"zh": "GPT-4", "en": "GPT-4"},
    "qwen3_235b": {"zh": "Qwen3-235B-A22B", "en": "Qwen3-235B-A22B"},
    "qwen3_30b": {"zh": "Qwen3-30B-A3B", "en": "Qwen3-30B-A3B"},
    "qwen3_family": {"zh": "Qwen3", "en": "Qwen3"},
    "qwen25": {"zh": "Qwen2.5", "en": "Qwen2.5"},
    "deepseek_r1": {"zh": "DeepSeek-R1", "en": "DeepSeek-R1"},
    "article": {"zh": "原文所称", "en": "the article's"},
}


@dataclass(frozen=True)
class Ref:
    key: str
    qualified: bool = False  # prefix the owner ("GPT-4 ...") when a formula compares groups

    def label(self, lang: str) -> str:
        group, name = self.key.rsplit(".", 1)
        if name not in TERM_LABELS:
            raise KeyError(f"macros/derived.py: add a TERM_LABELS entry for formula input {name!r}")
        words = TERM_LABELS[name][lang]
        if self.qualified:
            owner = GROUP_LABELS[group][lang]
            spaced = lang == "en" or owner[-1].isascii() or words[0].isascii()
            return f"{owner} {words}" if spaced else f"{owner}{words}"
        return words


@dataclass(frozen=True)
class Op:
    symbol: str  # "×", "+", "÷"
    terms: tuple

    def evaluate(self, facts: Facts):
        values = [evaluate(t, facts) for t in self.terms]
        result = values[0]
        for v in values[1:]:
            if self.symbol == "×":
                result *= v
            elif self.symbol == "+":
                result += v
            else:
                result /= v
        return result


def mul(*terms):
    return Op("×", terms)


def add(*terms):
    return Op("+", terms)


def div(a, b):
    return Op("÷", (a, b))


def evaluate(expr, facts: Facts):
    if isinstance(expr, Const):
        return expr.value
    if isinstance(expr, Ref):
        value = facts[expr.key].value
        if isinstance(value, str):
            raise TypeError(f"formula input {expr.key!r} is not a number")
        return value
    return expr.evaluate(facts)


def refs(expr):
    """Every figure key a formula reads."""
    if isinstance(expr, Ref):
        return [expr.key]
    if isinstance(expr, Op):
        return [k for t in expr.terms for k in refs(t)]
    return []


def render_words(expr, lang: str, top: bool = True) -> str:
    """The formula in words, e.g. "2 × layers × KV heads"."""
    if isinstance(expr, Const):
        return expr.label[lang]
    if isinstance(expr, Ref):
        return expr.label(lang)
    inner = f" {expr.symbol} ".join(render_words(t, lang, top=False) for t in expr.terms)
    return inner if top or expr.symbol == "×" else f"({inner})"


def render_numbers(expr, facts: Facts, number, top: bool = True) -> str:
    """The formula with the values filled in; number(value) formats one value."""
    if isinstance(expr, (Const, Ref)):
        return number(evaluate(expr, facts))
    inner = f" {expr.symbol} ".join(render_numbers(t, facts, number, top=False) for t in expr.terms)
    return inner if top or expr.symbol == "×" else f"({inner})"


STATUS_STRENGTH = ("official", "derived", "reported", "unverified")


def basis_of(expr, facts: Facts) -> str:
    """The weakest status among a formula's inputs (official < reported < unverified)."""
    statuses = [facts[k].basis or facts[k].status for k in refs(expr)]
    return max(statuses, key=STATUS_STRENGTH.index) if statuses else "official"


# Named constants used in formulas (definitions, not measurements).
TWO_FLOP = Const(2, {"zh": "2", "en": "2"})
SIX_FLOP = Const(6, {"zh": "6", "en": "6"})
FOUR_ATTN = Const(4, {"zh": "4", "en": "4"})
K_AND_V = Const(2, {"zh": "2（K 和 V）", "en": "2 (K and V)"})
TWO = Const(2, {"zh": "2", "en": "2"})
BYTES_BF16 = Const(2, {"zh": "2 字节（BF16）", "en": "2 bytes (BF16)"})
BYTES_8BIT = Const(1, {"zh": "1 字节（8 位）", "en": "1 byte (8-bit)"})
BYTES_4BIT = Const(0.5, {"zh": "0.5 字节（4 位）", "en": "0.5 byte (4-bit)"})
FOUR_GPUS = Const(4, {"zh": "4 张卡", "en": "4 GPUs"})


def _model_formulas(m: str) -> dict:
    """Formulas shared by the two Qwen3 MoE models (m = figure group)."""
    r = lambda name: Ref(f"{m}.{name}")  # noqa: E731
    hidden, heads_q, heads_kv, hd = r("hidden_size"), r("query_heads"), r("kv_heads"), r("head_dim")
    attention = add(mul(TWO, hidden, heads_q, hd), mul(TWO, hidden, heads_kv, hd))
    experts_ffn = mul(
        r("experts"),
        Const(3, {"zh": "3（门控、上投影、下投影）", "en": "3 (gate, up, down)"}),
        hidden,
        r("moe_intermediate_size"),
    )
    router = mul(hidden, r("experts"))
    norms = add(mul(TWO, hidden), mul(TWO, hd))
    total = add(
        mul(r("layers"), add(attention, experts_ffn, router, norms)),
        hidden,
        mul(r("untied_embedding_matrices"), r("vocab_size_embedding"), hidden),
    )
    per_token_kv = mul(K_AND_V, r("layers"), heads_kv, hd, BYTES_BF16)
    return {
        f"{m}.total_params_from_config": ("parameters", total),
        f"{m}.active_share": ("fraction", div(r("active_params"), r("total_params"))),
        f"{m}.forward_flops_per_token": ("flop", mul(TWO_FLOP, r("active_params"))),
        f"{m}.attention_flops_per_context_token": ("flop", mul(FOUR_ATTN, r("layers"), heads_q, hd)),
        f"{m}.attention_flops_at_native_context": (
            "flop",
            mul(r("attention_flops_per_context_token"), r("native_context_tokens")),
        ),
        f"{m}.query_heads_per_kv_head": ("count", div(heads_q, heads_kv)),
        f"{m}.kv_cache_ratio_vs_mha": ("fraction", div(heads_kv, heads_q)),
        f"{m}.kv_cache_bytes_per_token_bf16": ("bytes", per_token_kv),
        f"{m}.kv_cache_bytes_native_bf16": (
            "bytes",
            mul(r("kv_cache_bytes_per_token_bf16"), r("native_context_tokens")),
        ),
        f"{m}.kv_cache_bytes_yarn_bf16": ("bytes", mul(r("kv_cache_bytes_per_token_bf16"), r("yarn_context_tokens"))),
        f"{m}.weight_bytes_bf16": ("bytes", mul(r("total_params_from_config"), BYTES_BF16)),
        f"{m}.weight_bytes_8bit": ("bytes", mul(r("total_params_from_config"), BYTES_8BIT)),
        f"{m}.weight_bytes_4bit": ("bytes", mul(r("total_params_from_config"), BYTES_4BIT)),
    }


def _gpt4_formulas() -> dict:
    r = lambda name: Ref(f"gpt4.{name}")  # noqa: E731
    return {
        "gpt4.total_params_check": (
            "parameters",
            add(mul(r("experts"), r("params_per_expert_mlp")), r("shared_attention_params")),
        ),
        "gpt4.active_params_check": (
            "parameters",
            add(mul(r("experts_routed_per_token"), r("params_per_expert_mlp")), r("shared_attention_params")),
        ),
        "gpt4.active_share": ("fraction", div(r("active_params"), r("total_params"))),
        "gpt4.forward_flops_per_token": ("flop", mul(TWO_FLOP, r("active_params"))),
        "gpt4.forward_flops_dense_equivalent": ("flop", mul(TWO_FLOP, r("total_params"))),
        "gpt4.training_flops_6nd": ("flop", mul(SIX_FLOP, r("active_params"), r("pretrain_tokens"))),
    }


def _comparison_formulas() -> dict:
    q = lambda key: Ref(key, qualified=True)  # noqa: E731
    return {
        "hardware.four_h20_memory": ("bytes", mul(FOUR_GPUS, Ref("hardware.h20_memory"))),
        "compare.qwen3_vs_gpt4_forward_flops": (
            "fraction",
            div(q("qwen3_235b.forward_flops_per_token"), q("gpt4.forward_flops_per_token")),
        ),
        "compare.qwen3_vs_deepseek_r1_params": (
            "fraction",
            div(q("qwen3_235b.total_params"), q("deepseek_r1.total_params")),
        ),
        "compare.qwen3_vs_qwen25_tokens": (
            "times",
            div(q("qwen3_family.pretrain_tokens"), q("qwen25.pretrain_tokens")),
        ),
        "compare.article_vs_real_qwen3_flops": (
            "times",
            div(q("article.qwen3_flops_per_token"), q("qwen3_235b.forward_flops_per_token")),
        ),
    }


FORMULAS: dict = {
    **_gpt4_formulas(),
    **_model_formulas("qwen3_235b"),
    **_model_formulas("qwen3_30b"),
    **_comparison_formulas(),
}


def add_derived(facts: Facts) -> Facts:
    """Return facts with every derived figure computed (in dependency order)."""
    figures = dict(facts.figures)
    pending = dict(FORMULAS)
    current = replace(facts, figures=figures)
    while pending:
        ready = [k for k, (_, e) in pending.items() if all(x in figures for x in refs(e))]
        if not ready:
            missing = {
                k: [x for x in refs(e) if x not in figures and x not in pending] for k, (_, e) in pending.items()
            }
            raise KeyError(f"derived figures need unknown inputs: {missing}")
        for key in ready:
            unit, expr = pending.pop(key)
            if key in facts.figures:
                raise ValueError(f"{facts.path}: {key} is derived in macros/derived.py; remove it from the data file")
            sources = tuple(dict.fromkeys(s for x in refs(expr) for s in figures[x].sources))
            basis = basis_of(expr, current)
            figures[key] = Fact(
                key=key,
                value=evaluate(expr, current),
                unit=unit,
                status="derived",
                sources=sources,
                formula=expr,
                basis="official" if basis == "derived" else basis,
            )
    return current


def kv_cache_bytes(facts: Facts, model: str, context_tokens: int) -> float:
    """KV cache of one sequence at a given context length (for charts)."""
    return facts.value(f"{model}.kv_cache_bytes_per_token_bf16") * context_tokens
