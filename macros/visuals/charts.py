"""The five charts, built from data/facts.yml with the words of data/words.yml (`chart.*`).

Usage in a page: {{ chart("params") }}; names are listed in CHARTS. Each chart is a <figure>:
caption with its sources, the SVG in its wide and its narrow layout (macros/visuals/chart_svg.py;
charts.css shows one) and a data table whose cells are the same figure links as in the text.
"""

from __future__ import annotations

import html

from .. import texts
from ..derived import kv_cache_bytes, spaced_join
from ..numbers import as_text
from ..render.figures import Figures, anchor_for_source, attr
from .chart_svg import NARROW, Bar, Chart, Group, Legend, RefLine, linear_ticks, log_ticks, render_svg

MODELS = {"gpt4": "GPT-4", "qwen3_235b": "Qwen3-235B-A22B", "qwen3_30b": "Qwen3-30B-A3B"}


class ChartBuilder:
    def __init__(self, figures: Figures):
        self.figures = figures
        self.page = figures.page
        self.facts = figures.facts

    def t(self, key: str, **values) -> str:
        return self.page.t(f"chart.{key}", **values)

    def word(self, key: str, **values) -> str:
        return self.page.t(key, **values)

    def value(self, key: str, style: str | None = None) -> str:
        """A figure's value as chart text, marked when it is reported or the article's."""
        fact = self.facts[key]
        suffix = {"reported": "reported_suffix", "unverified": "wrong_suffix"}.get(fact.evidence)
        return self.figures.value(key, style) + (html.escape(self.t(suffix)) if suffix else "")

    def shown(self, value, unit: str, style: str | None = None) -> str:
        return self.page.data.formatter.figure(value, unit, self.page.lang, style)

    def text(self, markup: str) -> str:
        return as_text(markup)

    def sentence(self, items: list[str]) -> str:
        return self.word("punct.semicolon").join(items) + self.word("punct.stop")

    # --- the charts ---------------------------------------------------------------------

    def params(self) -> Chart:
        series = {"gpt4": "gpt4", "qwen3_235b": "qwen", "qwen3_30b": "qwen"}
        groups, desc = [], []
        for group, name in MODELS.items():
            f = self.facts
            total, active, share = f[f"{group}.total_params"], f[f"{group}.active_params"], f[f"{group}.active_share"]
            evidence = total.evidence
            share_text = self.figures.value(share.key)
            label = name + (self.t("reported_suffix") if evidence == "reported" else "")
            active_text = texts.fill(self.t("params.active_value"), value=self.value(active.key), share=share_text)
            bars = [
                Bar(
                    self.t("params.total"),
                    total.value,
                    self.value(total.key),
                    series[group],
                    total.key,
                    "soft",
                    evidence,
                ),
                Bar(self.t("params.active"), active.value, active_text, series[group], active.key, "strong", evidence),
            ]
            groups.append(Group(label, bars))
            desc.append(
                self.t(
                    "params.desc_item",
                    label=label,
                    total=self.text(self.figures.value(total.key)),
                    active=self.text(self.figures.value(active.key)),
                    share=self.text(share_text),
                )
            )
        maximum = max(b.value for g in groups for b in g.bars)
        ticks = linear_ticks(maximum, lambda v: self.shown(v, "parameters", "bare"), 4)
        legend = [
            Legend("qwen", "soft", "official", self.t("params.legend_total")),
            Legend("qwen", "strong", "official", self.t("params.legend_active")),
            Legend("gpt4", "strong", "reported", self.t("legend_reported")),
        ]
        return Chart(
            "params", self.t("params.title"), self.sentence(desc), groups, self.t("params.axis"), ticks, legend=legend
        )

    def tokens(self) -> Chart:
        f = self.facts
        epochs = self.t(
            "tokens.epochs_note",
            text=self.text(self.figures.value("gpt4.text_epochs")),
            code=self.text(self.figures.value("gpt4.code_epochs")),
        )
        rows = [
            ("gpt4.pretrain_tokens", "GPT-4", "gpt4", self.t("tokens.gpt4_epochs"), epochs),
            ("qwen3_family.pretrain_tokens", "Qwen3", "qwen", "", ""),
            ("qwen25.pretrain_tokens", "Qwen2.5", "other", self.t("tokens.for_scale"), ""),
        ]
        groups, desc = [], []
        for key, name, series, note, table_note in rows:
            fact = f[key]
            bar = Bar("", fact.value, self.value(key), series, key, "strong", fact.evidence, note=table_note)
            groups.append(Group(name, [bar], note=note))
            desc.append(f"{name}{self.word('punct.colon')}{self.text(self.value(key))}")
        ratio = self.text(self.figures.value("compare.qwen3_vs_qwen25_tokens"))
        maximum = max(g.bars[0].value for g in groups)
        ticks = linear_ticks(maximum, lambda v: self.shown(v, "tokens", "bare"), 4)
        legend = [Legend("gpt4", "strong", "reported", self.t("legend_reported"))]
        text = self.word("punct.semicolon").join(desc) + self.t("tokens.desc_end", ratio=ratio)
        return Chart(
            "tokens",
            self.t("tokens.title"),
            text,
            groups,
            self.t("tokens.axis"),
            ticks,
            legend=legend,
            group_headers=False,
        )

    def flops(self) -> Chart:
        f = self.facts

        def bar(label: str, key: str, series: str, tone: str) -> Bar:
            return Bar(label, f.value(key), self.value(key), series, key, tone, f[key].evidence)

        def printed(label: str, key: str) -> Bar:
            """What the article printed, drawn as its wrong claim whatever the figure's status (the
            ~3,700 is a reported figure, but the article applies it to the wrong model)."""
            text = self.figures.value(key) + html.escape(self.t("wrong_suffix"))
            return Bar(label, f.value(key), text, "wrong", key, "strong", "unverified")

        def tflop(key: str) -> str:
            return self.shown(f.value(key) / 1e12, "count", "exact") + " TFLOP"

        groups = [
            Group(
                self.t("flops.qwen_group"),
                [
                    bar("Qwen3-30B-A3B", "qwen3_30b.forward_flops_per_token", "qwen", "soft"),
                    bar("Qwen3-235B-A22B", "qwen3_235b.forward_flops_per_token", "qwen", "strong"),
                ],
            ),
            Group(
                self.t("flops.gpt4_group"),
                [
                    bar(self.t("flops.gpt4_moe"), "gpt4.forward_flops_per_token", "gpt4", "strong"),
                    bar(self.t("flops.gpt4_dense"), "gpt4.forward_flops_dense_equivalent", "gpt4", "soft"),
                ],
            ),
            Group(
                self.t("flops.article_group"),
                [
                    printed(
                        self.t("flops.article_says", model="Qwen3", value=tflop("article.qwen3_flops_per_token")),
                        "article.qwen3_flops_per_token",
                    ),
                    printed(
                        self.t("flops.article_says", model="GPT-4", value=tflop("article.gpt4_flops_per_token")),
                        "article.gpt4_flops_per_token",
                    ),
                ],
            ),
        ]
        values = [b.value for g in groups for b in g.bars]
        legend = [
            Legend("qwen", "strong", "official", self.t("legend_official_mark")),
            Legend("gpt4", "strong", "reported", self.t("legend_reported_mark")),
            Legend("wrong", "strong", "unverified", self.t("legend_wrong")),
        ]
        desc = self.t(
            "flops.desc",
            q=self.text(self.figures.value("qwen3_235b.forward_flops_per_token")),
            g=self.text(self.figures.value("gpt4.forward_flops_per_token")),
            frac=self.figures.value("compare.qwen3_vs_gpt4_forward_flops", "fraction"),
            a=self.text(self.figures.value("article.qwen3_flops_per_token")),
            times=self.text(self.figures.value("compare.article_vs_real_qwen3_flops")),
        )
        return Chart(
            "flops",
            self.t("flops.title"),
            desc,
            groups,
            self.t("flops.axis"),
            log_ticks(min(values), max(values)),
            log=True,
            legend=legend,
        )

    def context_lengths(self, model: str) -> list:
        """Powers of two from the pre-training sequence length to the YaRN context (4,096 … 131,072)."""
        start = int(self.facts.value("qwen3_family.s1_seq_len"))
        stop = int(self.facts.value(f"{model}.yarn_context_tokens"))
        out, n = [], start
        while n < stop:
            out.append(n)
            n *= 2
        return [*out, stop]

    def kv_cache(self) -> Chart:
        f = self.facts
        native = int(f.value("qwen3_235b.native_context_tokens"))
        yarn = int(f.value("qwen3_235b.yarn_context_tokens"))
        models = [("qwen3_235b", "strong"), ("qwen3_30b", "soft")]
        groups = []
        for n in self.context_lengths("qwen3_235b"):
            n_text = self.shown(n, "context", "bare")
            bars = [
                Bar(
                    "",
                    kv_cache_bytes(f, model, n),
                    self.shown(kv_cache_bytes(f, model, n), "bytes"),
                    "qwen",
                    f"{model}.kv_cache_bytes_per_token_bf16",
                    tone,
                    "official",
                    item=spaced_join("·", [MODELS[model], self.t("kv.context", n=n_text)]),
                    computed=True,
                )
                for model, tone in models
            ]
            note = self.t("kv.native") if n == native else (self.t("kv.needs_yarn") if n > native else "")
            groups.append(Group(n_text, bars, note=note))
        maximum = max(b.value for g in groups for b in g.bars)
        ticks = linear_ticks(maximum, lambda v: self.shown(v, "bytes"), 5)
        legend = [Legend("qwen", tone, "official", MODELS[model]) for model, tone in models]

        def at(model: str, n: int) -> str:
            return self.text(self.shown(kv_cache_bytes(f, model, n), "bytes"))

        desc = self.t(
            "kv.desc",
            per_235=self.text(self.figures.value("qwen3_235b.kv_cache_bytes_per_token_bf16")),
            per_30=self.text(self.figures.value("qwen3_30b.kv_cache_bytes_per_token_bf16")),
            native=self.text(self.shown(native, "context")),
            native_235=at("qwen3_235b", native),
            native_30=at("qwen3_30b", native),
            yarn=self.text(self.shown(yarn, "context")),
            yarn_235=at("qwen3_235b", yarn),
            yarn_30=at("qwen3_30b", yarn),
        )
        return Chart(
            "kv-cache",
            self.t("kv.title"),
            desc,
            groups,
            self.t("kv.axis"),
            ticks,
            legend=legend,
            group_headers=False,
            group_axis_label=self.t("kv.context_axis"),
        )

    def memory(self) -> Chart:
        f = self.facts
        precisions = ("bf16", "8bit", "4bit")
        one, four = f["hardware.h20_memory"], f["hardware.four_h20_memory"]
        n_four = round(four.value / one.value)
        groups, desc = [], []
        for model, tone in (("qwen3_235b", "strong"), ("qwen3_30b", "soft")):
            bars = []
            parts = []
            for precision in precisions:
                key = f"{model}.weight_bytes_{precision}"
                bars.append(
                    Bar(self.t(f"memory.{precision}"), f.value(key), self.value(key), "qwen", key, tone, "official")
                )
                if f.value(key) <= one.value:
                    fit = self.t("memory.fits_one")
                elif f.value(key) <= four.value:
                    fit = self.t("memory.fits_n", n=n_four)
                else:
                    fit = self.t("memory.fits_none", n=n_four)
                parts.append(
                    self.t(
                        "memory.desc_item",
                        format=self.t(f"memory.short_{precision}"),
                        value=self.text(self.value(key)),
                        fit=fit,
                    )
                )
            groups.append(Group(MODELS[model], bars))
            desc.append(MODELS[model] + self.word("punct.colon") + self.word("punct.comma").join(parts))
        one_text, four_text = self.text(self.figures.value(one.key)), self.text(self.figures.value(four.key))
        refs = [
            RefLine(one.value, self.t("memory.gpus", n=1, mem=one_text), one.key, self.t("memory.gpus_short", n=1)),
            RefLine(
                four.value,
                self.t("memory.gpus", n=n_four, mem=four_text),
                four.key,
                self.t("memory.gpus_short", n=n_four),
            ),
        ]
        maximum = max([b.value for g in groups for b in g.bars] + [four.value])
        ticks = linear_ticks(maximum, lambda v: self.shown(v, "bytes"), 5)
        text = self.t("memory.desc_lead", one=one_text, n=n_four, four=four_text) + self.sentence(desc)
        return Chart("memory", self.t("memory.title"), text, groups, self.t("memory.axis"), ticks, refs=refs)

    # --- the figure around the SVG --------------------------------------------------------

    def table(self, chart: Chart) -> str:
        head = "".join(f"<th>{html.escape(self.t(k))}</th>" for k in ("item", "value", "status", "source"))
        rows = []
        for group in chart.groups:
            for bar in group.bars:
                fact = self.facts[bar.key]
                item = bar.item or (spaced_join("·", [group.label, bar.label]) if bar.label else group.label)
                value = self.figures.fig(bar.key) if not bar.computed else bar.text
                if bar.computed:
                    value = f'<span data-basis="{attr(bar.key)}">{bar.text}</span>'
                note = f"<br><small>{html.escape(bar.note)}</small>" if bar.note else ""
                rows.append(
                    f"<tr><td>{html.escape(item)}</td><td>{value}{note}</td>"
                    f"<td>{html.escape(self.figures.status_name(fact))}</td><td>{self.source_links(fact.sources)}</td></tr>"
                )
        for ref in chart.refs:
            fact = self.facts[ref.key]
            rows.append(
                f"<tr><td>{html.escape(ref.item)}</td><td>{self.figures.fig(ref.key)}</td>"
                f"<td>{html.escape(self.figures.status_name(fact))}</td><td>{self.source_links(fact.sources)}</td></tr>"
            )
        return (
            f'<details class="chart__data" data-search-exclude><summary>{html.escape(self.t("data_table"))}</summary>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></details>"
        )

    def source_links(self, source_ids) -> str:
        sources = self.facts.sources
        return html.escape(self.word("punct.list")).join(
            f'<a href="{attr(self.page.link("sources.md", anchor_for_source(s)))}">'
            f"{html.escape(sources[s].label[self.page.lang])}</a>"
            for s in source_ids
        )

    def figure(self, chart: Chart) -> str:
        """SVG, caption with sources, data table: one HTML block."""
        ids = [s for g in chart.groups for b in g.bars for s in self.facts[b.key].sources]
        ids += [s for r in chart.refs for s in self.facts[r.key].sources]
        caption = (
            f"<figcaption><strong>{html.escape(chart.title)}</strong><br>"
            f'<span class="chart__sources">{html.escape(self.t("sources"))}{html.escape(self.word("punct.colon"))}'
            f"{self.source_links(dict.fromkeys(ids))}</span></figcaption>"
        )
        # figcaption first: it may only be the first or the last child of <figure>. Both layouts
        # are drawn; charts.css shows the narrow one in narrow containers. The drawing stays out
        # of the search index (tick labels would read "0100 GB200 GB"); caption and table stay in.
        lang = self.page.lang
        return (
            f'<figure class="chart" data-chart="{chart.name}" lang="{lang}">{caption}'
            f'<div class="chart__plot" data-search-exclude>{render_svg(chart, lang)}{render_svg(chart, lang, NARROW)}'
            f"</div>{self.table(chart)}</figure>"
        )


CHARTS = {
    "params": ChartBuilder.params,
    "tokens": ChartBuilder.tokens,
    "flops": ChartBuilder.flops,
    "kv-cache": ChartBuilder.kv_cache,
    "memory": ChartBuilder.memory,
}


def chart_html(name: str, figures: Figures) -> str:
    try:
        build = CHARTS[name]
    except KeyError:
        raise KeyError(f"chart(): unknown chart {name!r} (known: {', '.join(CHARTS)})") from None
    builder = ChartBuilder(figures)
    return builder.figure(build(builder))
