"""The serving calculator's page parts (docs/calculator.md), from macros/serving.py.

widget()   the form and the outputs that overrides/assets/javascripts/calculator.js fills, with the
           formulas (trees, presets, rules) and the script's words as JSON in the page; hidden
           when JavaScript is off
table()    common setups evaluated here with the same trees, for readers without JavaScript
formulas() every formula in words;  presets()  the preset figures with their sources
link(name) a link from a chapter to the calculator, filled in for one of the article's claims

Every output element carries data-out="<name>" and data-value="<base units>"; table cells carry
data-cell and data-value, so tests and tools read numbers, not formatted text.
"""

from __future__ import annotations

import html
import json
from urllib.parse import urlencode

from .. import serving, texts
from ..words import LOCALES
from .figures import Figures, attr

esc = html.escape
SCRIPT = "assets/javascripts/calculator.js"
STYLE = "assets/stylesheets/calculator.css"
PAGE = "calculator.md"
FORM_ANCHOR = "inputs"  # the heading above the widget in docs/calculator*.md

# The outputs shown, each with the formula lines under it (intermediate results included).
SHOWN = {
    "weights_bytes": ("weights_bytes",),
    "kv_bytes_per_token": ("kv_bytes_per_token",),
    "kv_bytes_per_token_per_gpu": ("kv_heads_per_gpu", "kv_head_copies", "kv_bytes_per_token_per_gpu"),
    "kv_bytes_total": ("kv_bytes_total",),
    "budget_bytes_per_gpu": ("usable_bytes_per_gpu", "weights_bytes_per_gpu", "budget_bytes_per_gpu"),
    "max_tokens": ("max_tokens",),
    "max_concurrency": ("max_concurrency",),
    "fits": ("fits",),
    "decode_tokens_per_s_ceiling": (
        "expert_weights_bytes",
        "experts_touched_share",
        "weights_read_bytes",
        "effective_bw",
        "step_seconds",
        "decode_tokens_per_s_ceiling",
    ),
}
MOE_ONLY = {"expert_weights_bytes", "experts_touched_share"}  # hidden for dense models
NOTES = ("kv_bytes_per_token_per_gpu", "fits")  # outputs with a sentence the script writes
GROUPS = {  # fieldsets: legend word -> parameters
    "model": ("model", "weights", "kv"),
    "workload": ("context", "batch"),
    "hardware": ("gpu", "gpus", "mem_gb", "bw_tbs"),
    "assumptions": ("util", "overhead_gib", "eff"),
}
HINTS = {"mem_gb", "bw_tbs", "util", "overhead_gib", "eff"}
# The no-JavaScript table: every model in these setups on the article's GPU, at the defaults.
TABLE_GPU = "h20"
TABLE_SETUPS = (("bf16", 1), ("bf16", 4), ("bf16", 8), ("fp8", 1), ("fp8", 4), ("fp8", 8))
TABLE_CELLS = (
    ("weights_bytes", "weights"),
    ("kv_bytes_per_token_per_gpu", "kv_per_gpu"),
    ("budget_bytes_per_gpu", "budget"),
    ("max_tokens", "max_tokens"),
    ("max_concurrency", "max_concurrency"),
    ("fits", "fits"),
    ("decode_tokens_per_s_ceiling", "decode"),
)
# Links from the chapters: settings, and the figure that gives the GPU count.
LINKS = {
    "article_30b_h20": ({"model": "qwen3-30b-a3b", "weights": "bf16", "gpu": "h20"}, "article.qwen3_30b_h20_gpus"),
    "launch_235b_h20": (
        {"model": "qwen3-235b-a22b", "weights": "bf16", "gpu": "h20"},
        "qwen3_235b.launch_claim_h20_gpus",
    ),
    "launch_235b_h20_fp8": (
        {"model": "qwen3-235b-a22b", "weights": "fp8", "gpu": "h20"},
        "qwen3_235b.launch_claim_h20_gpus",
    ),
    "benchmark_235b_h20_bf16": (
        {"model": "qwen3-235b-a22b", "weights": "bf16", "gpu": "h20"},
        "qwen3_235b.min_h20_gpus_bf16",
    ),
    "benchmark_30b_h20": ({"model": "qwen3-30b-a3b", "weights": "bf16", "gpu": "h20"}, "qwen3_30b.min_h20_gpus_bf16"),
}


def number_text(value: float) -> str:
    """A field value as the page writes it: 96, 3.35 (the script writes the same)."""
    return f"{value:g}"


class Calculator:
    def __init__(self, figures: Figures):
        self.figures = figures
        self.page = figures.page
        self.facts = figures.facts
        self.format = figures.format
        self.fields = {f.param: f for f in serving.FIELDS}

    def t(self, key: str, plural_of=None, **values) -> str:
        return self.page.t(f"calculator.{key}", plural_of=plural_of, **values)

    def model_name(self, model: serving.Model) -> str:
        return self.t(f"model.{model.group}")

    def gpu_name(self, gpu: serving.Gpu) -> str:
        return self.t(f"gpu.{gpu.word}")

    # --- the interactive part -----------------------------------------------------------------

    def options(self, param: str) -> list[tuple[str, str]]:
        if param == "model":
            return [(m.slug, self.model_name(m)) for m in serving.MODELS]
        if param == "gpu":
            return [(g.slug, self.gpu_name(g)) for g in serving.GPUS]
        words = "format" if param == "weights" else "kv_format"
        return [(slug, self.t(f"{words}.{slug}")) for slug in serving.CHOICES[param]]

    def control(self, param: str) -> str:
        ident = f"calc-{param}"
        described = [f"{ident}-msg"]
        after = ""
        if param in serving.CHOICES:
            default = serving.DEFAULTS[param]
            options = "".join(
                f'<option value="{attr(value)}"{" selected" if value == default else ""}>{esc(label)}</option>'
                for value, label in self.options(param)
            )
            widget = f'<select id="{ident}" name="{param}" aria-describedby="{{described}}">{options}</select>'
        else:
            field = self.fields[param]
            if field.unit:
                after = f'<span class="calc__unit" id="{ident}-unit">{esc(self.t(f"unit.{field.unit}"))}</span>'
                described.insert(0, f"{ident}-unit")
            if param in HINTS:
                described.insert(0, f"{ident}-hint")
            value = serving.DEFAULTS.get(param)
            if value is None:  # memory and bandwidth: the default GPU's preset
                gpu = next(g for g in serving.GPUS if g.slug == serving.DEFAULTS["gpu"])
                value = number_text(serving.gpu_settings(self.facts, gpu)[param])
            mode = "numeric" if field.rule == "count" else "decimal"
            widget = (
                f'<input id="{ident}" name="{param}" type="text" inputmode="{mode}" value="{attr(value)}"'
                f' autocomplete="off" spellcheck="false" aria-describedby="{{described}}">'
            )
        hint = f'<p class="calc__hint" id="{ident}-hint">{esc(self.t(f"hint.{param}"))}</p>' if param in HINTS else ""
        return (
            f'<div class="calc__field" data-field="{param}">'
            f'<label for="{ident}">{esc(self.t(f"field.{param}"))}</label>'
            f'<span class="calc__control">{widget.replace("{described}", " ".join(described))}{after}</span>{hint}'
            f'<p class="calc__msg" id="{ident}-msg" aria-live="polite"></p></div>'
        )

    def line(self, name: str) -> str:
        output = next(o for o in serving.OUTPUTS if o.name == name)
        words = f"{self.t(f'input.{name}')} = {serving.formula_words(output, self.page.words, self.page.lang)}"
        moe = " data-moe" if name in MOE_ONLY else ""
        return (
            f'<li class="calc__line"{moe}><span class="calc__words">{esc(words)}</span>'
            f' <span class="calc__numbers" data-numbers="{name}"></span></li>'
        )

    def output(self, name: str) -> str:
        note = f'<p class="calc__note" data-note="{name}"></p>' if name in NOTES else ""
        lines = "".join(self.line(n) for n in SHOWN[name])
        return (
            f'<div class="calc__out"><dt>{esc(self.t(f"out.{name}"))}</dt><dd>'
            f'<span class="calc__value" data-out="{name}">—</span>{note}<ul class="calc__lines">{lines}</ul></dd></div>'
        )

    def script_data(self) -> dict:
        lang = self.page.lang
        prefix = "calculator.script."
        words = {k[len(prefix) :]: e[lang] for k, e in self.page.words.entries.items() if k.startswith(prefix)}
        return {**serving.export(self.facts), "words": words, "locale": LOCALES[lang].replace("_", "-")}

    def widget(self) -> str:
        fieldsets = "".join(
            f'<fieldset class="calc__group"><legend>{esc(self.t(f"legend.{group}"))}</legend>'
            + "".join(self.control(p) for p in params)
            + "</fieldset>"
            for group, params in GROUPS.items()
        )
        outputs = "".join(self.output(name) for name in SHOWN)
        payload = json.dumps(self.script_data(), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        return (
            f'<link rel="stylesheet" href="{attr(self.page.root_link(STYLE))}">'
            f'<noscript><p class="calc__noscript">{esc(self.t("noscript"))}</p></noscript>'
            # Shown from the first paint, so that the script fills it in place (no layout shift);
            # without JavaScript it is hidden (overrides/main.html) and the table below answers.
            f'<div class="calc" id="calc-app" data-search-exclude data-needs-script>'
            f'<form class="calc__form" novalidate>{fieldsets}</form>'
            f'<section class="calc__results" aria-label="{attr(self.t("results"))}">'
            f'<p class="calc__summary" id="calc-summary" role="status"></p>'
            f'<dl class="calc__outputs">{outputs}</dl></section></div>'
            f'<script type="application/json" id="calculator-data">{payload}</script>'
            f'<script src="{attr(self.page.root_link(SCRIPT))}" defer></script>'
        )

    # --- without JavaScript -----------------------------------------------------------------

    def cell(self, name: str, results: dict) -> str:
        lang, value = self.page.lang, results[name]
        if name == "fits":
            verdict = "fits_yes" if value else "no_memory" if results["budget_bytes_per_gpu"] <= 0 else "no_kv"
            shown = esc(self.t(f"table.{verdict}"))
        elif name == "decode_tokens_per_s_ceiling":
            shown = self.format.figure(value, "tokens_per_second", lang)
        elif name == "max_tokens":
            shown = self.format.figure(value, "tokens", lang)
        elif name == "max_concurrency":
            shown = self.format.figure(value, "count", lang, "exact")
        else:  # bytes: exact below a megabyte (KV per token), else GB
            shown = self.format.figure(value, "bytes", lang, "exact" if abs(value) < 10**6 else None)
        return f'<td data-cell="{name}" data-value="{value!r}">{shown}</td>'

    def table(self) -> str:
        lang, t = self.page.lang, self.t
        gpu = next(g for g in serving.GPUS if g.slug == TABLE_GPU)
        context = float(serving.DEFAULTS["context"])
        caption = t(
            "table.caption",
            context=self.format.number(context, "context", lang, "exact", None, None),
            batch=self.format.number(float(serving.DEFAULTS["batch"]), "count", lang, "exact", None, None),
            gpu=self.gpu_name(gpu),
        )
        head = "".join(
            f'<th scope="col">{esc(t(f"table.{k}"))}</th>'
            for k in ("model", "setup", *(word for _, word in TABLE_CELLS), "open")
        )
        bodies = []
        for model in serving.MODELS:
            rows = []
            for i, (weights, gpus) in enumerate(TABLE_SETUPS):
                settings = {"model": model.slug, "weights": weights, "gpu": gpu.slug, "gpus": gpus}
                results = serving.evaluate(serving.setup(self.facts, **settings))
                setup = t(
                    "table.setup_cell",
                    weights=t(f"short_format.{weights}"),
                    gpus=self.format.figure(gpus, "count", lang, "exact"),
                    plural_of=gpus,
                )
                cells = [self.cell(name, results) for name, _ in TABLE_CELLS]
                label = t("table.open_label", model=self.model_name(model), setup=setup)
                href = "?" + urlencode(settings) + f"#{FORM_ANCHOR}"
                head_cell = (
                    f'<th scope="rowgroup" rowspan="{len(TABLE_SETUPS)}">{esc(self.model_name(model))}</th>'
                    if i == 0
                    else ""
                )
                rows.append(
                    f'<tr data-weights="{weights}" data-gpus="{gpus}">{head_cell}<td>{esc(setup)}</td>{"".join(cells)}'
                    f'<td><a href="{attr(href)}" aria-label="{attr(label)}">{esc(t("table.open"))}</a></td></tr>'
                )
            bodies.append(f'<tbody data-model="{model.slug}">{"".join(rows)}</tbody>')
        return (
            f'<div class="calc-table" data-search-exclude>'
            f"<table data-calculator-table><caption>{esc(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead>{''.join(bodies)}</table></div>"
        )

    def formulas(self) -> str:
        items = "".join(
            f"<dt>{esc(self.t(f'input.{o.name}'))}</dt>"
            f"<dd>{esc(serving.formula_words(o, self.page.words, self.page.lang))}</dd>"
            for o in serving.OUTPUTS
        )
        return f'<dl class="calc-formulas">{items}</dl>'

    def presets(self) -> str:
        fig, t = self.figures.fig, self.t
        model_cols = ("model", "total_params", "layers", "kv_heads", "head_dim", "hidden", "experts", "expert_ffn")
        rows = []
        for model in serving.MODELS:
            key = f"{model.group}.{{}}".format
            cells = [
                fig(key(name), "bare") for name in ("total_params", "layers", "kv_heads", "head_dim", "hidden_size")
            ]
            if model.moe:
                experts = texts.fill(
                    t("presets.experts_pair", routed="{routed}", total="{total}"),
                    routed=fig(key("experts_activated"), "bare"),
                    total=fig(key("experts"), "bare"),
                )
                cells += [experts, fig(key("moe_intermediate_size"), "bare")]
            else:
                cells += [esc(t("presets.dense")), "—"]
            rows.append(
                f'<tr><th scope="row">{esc(self.model_name(model))}</th>{"".join(f"<td>{c}</td>" for c in cells)}</tr>'
            )
        models = self.preset_table("models_caption", model_cols, rows)
        rows = [
            f'<tr><th scope="row">{esc(self.gpu_name(g))}</th><td>{fig(g.memory)}</td><td>{fig(g.bandwidth)}</td></tr>'
            for g in serving.GPUS
        ]
        return models + self.preset_table("gpus_caption", ("gpu", "memory", "bandwidth"), rows)

    def preset_table(self, caption: str, columns: tuple, rows: list[str]) -> str:
        head = "".join(f'<th scope="col">{esc(self.t(f"presets.{c}"))}</th>' for c in columns)
        return (
            f'<div class="calc-presets"><table><caption>{esc(self.t(f"presets.{caption}"))}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    # --- links from other pages -------------------------------------------------------------

    def link(self, name: str) -> str:
        try:
            settings, gpus_key = LINKS[name]
        except KeyError:
            raise KeyError(f"calculator_link(): unknown setup {name!r} (known: {', '.join(LINKS)})") from None
        gpus = self.facts.value(gpus_key)
        serving.setup(self.facts, **settings, gpus=gpus)  # a setting the calculator would refuse fails the build
        query = urlencode({**settings, "gpus": number_text(gpus)})
        href = f"{self.page.link(PAGE)}?{query}#{FORM_ANCHOR}"
        text = self.t(f"link.{name}", gpus=self.format.figure(gpus, "gpus", self.page.lang, "bare"))
        return f'<a class="calc-link" href="{attr(href)}" data-calculator-link="{attr(name)}">{esc(text)}</a>'
