"""The serving calculator written a second time, straight from /work/shared/reference/calculator.md.

Independent of macros/serving.py on purpose: the figures are typed from the reference's tables and
the formulas from its list, so a wrong tree, preset or unit conversion in the site shows up as a
disagreement. Used by tests/test_calculator.py and tests/browser/test_browser_calculator.py.
"""

from __future__ import annotations

import math

# calculator.md, "Models": total params, layers L, KV heads, experts E / routed k, expert FFN width, hidden
MODELS = {
    "qwen3-235b-a22b": dict(params=235e9, layers=94, kv_heads=4, experts=128, routed=8, ffn=1536, hidden=4096),
    "qwen3-30b-a3b": dict(params=30.5e9, layers=48, kv_heads=4, experts=128, routed=8, ffn=768, hidden=2048),
    "qwen3-32b": dict(params=32.8e9, layers=64, kv_heads=8, hidden=5120),
    "qwen3-14b": dict(params=14.8e9, layers=40, kv_heads=8, hidden=5120),
    "qwen3-8b": dict(params=8.2e9, layers=36, kv_heads=8, hidden=4096),
    "qwen3-4b": dict(params=4.0e9, layers=36, kv_heads=8, hidden=2560),
    "qwen3-1.7b": dict(params=1.7e9, layers=28, kv_heads=8, hidden=2048),
    "qwen3-0.6b": dict(params=0.6e9, layers=28, kv_heads=8, hidden=1024),
}
HEAD_DIM = 128
# calculator.md, "GPUs": memory (GB) and bandwidth (TB/s), datasheet values
GPUS = {
    "h20": (96, 4.0),
    "h200": (141, 4.8),
    "h100": (80, 3.35),
    "a100-80g": (80, 2.039),
    "rtx4090": (24, 1.008),
}
BITS = {"bf16": 16, "fp8": 8, "int8": 8, "int4": 4}
KV_BYTES = {"bf16": 2, "fp8": 1}


def reference(
    model="qwen3-235b-a22b",
    weights="bf16",
    kv="bf16",
    context=32768,
    batch=1,
    gpu="h20",
    gpus=8,
    mem_gb=None,
    bw_tbs=None,
    util=0.9,
    overhead_gib=2,
    eff=1.0,
) -> dict:
    m = MODELS[model]
    mem = (mem_gb if mem_gb is not None else GPUS[gpu][0]) * 1e9
    bw = (bw_tbs if bw_tbs is not None else GPUS[gpu][1]) * 1e12
    w = m["params"] * BITS[weights] / 8
    kv_token = 2 * m["layers"] * m["kv_heads"] * HEAD_DIM * KV_BYTES[kv]
    kv_gpu = 2 * m["layers"] * math.ceil(m["kv_heads"] / gpus) * HEAD_DIM * KV_BYTES[kv]
    budget = mem * util - w / gpus - overhead_gib * 2**30
    max_tokens = max(0, math.floor(budget / kv_gpu))
    concurrency = max_tokens // context
    if "experts" in m:
        w_expert = m["layers"] * m["experts"] * 3 * m["hidden"] * m["ffn"] * BITS[weights] / 8
        w_read = (w - w_expert) + w_expert * (1 - (1 - m["routed"] / m["experts"]) ** batch)
    else:
        w_read = w
    t = (w_read / gpus + batch * context * kv_gpu) / (bw * eff)
    return {
        "weights_bytes": w,
        "kv_bytes_per_token": kv_token,
        "kv_bytes_per_token_per_gpu": kv_gpu,
        "kv_bytes_total": kv_token * context * batch,
        "budget_bytes_per_gpu": budget,
        "max_tokens": max_tokens,
        "max_concurrency": concurrency,
        "fits": 1 if concurrency >= batch else 0,
        "decode_tokens_per_s_ceiling": batch / t,
    }


# Setups none of the page's presets or tables use: other GPUs, formats, contexts, batches, overrides,
# GPUs > KV heads, a GPU count that does not divide the KV heads.
HELD_OUT = [
    dict(model="qwen3-14b", weights="int4", kv="fp8", context=65536, batch=3, gpu="a100-80g", gpus=2, util=0.85),
    dict(model="qwen3-30b-a3b", weights="fp8", context=8192, batch=64, gpu="h200", gpus=2, mem_gb=120, bw_tbs=4.5),
    dict(model="qwen3-0.6b", weights="bf16", kv="bf16", context=40960, batch=7, gpu="rtx4090", gpus=1),
    dict(model="qwen3-235b-a22b", weights="int4", kv="fp8", context=131072, batch=12, gpu="h100", gpus=16),
    dict(model="qwen3-8b", weights="int8", context=16384, batch=5, gpu="h100", gpus=3, overhead_gib=3.5, eff=0.7),
    dict(model="qwen3-1.7b", weights="fp8", kv="fp8", context=4096, batch=200, gpu="h20", gpus=12),
    dict(model="qwen3-32b", weights="bf16", context=32768, batch=40, gpu="h200", gpus=1, util=0.95),
    dict(model="qwen3-4b", weights="int4", context=100000, batch=1, gpu="rtx4090", gpus=1, overhead_gib=0),
]
