"""The corrections page (data/corrections.yml): where the article diverges from its sources.

Each entry names the chapters (and heading ids) it concerns, so a chapter can list
its corrections with {{ corrections_for("architecture") }} and each entry links
back. Entry text may call {{ fig("key") }} and {{ formula("key") }}: numbers come
from data/facts.yml, never typed into corrections.yml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from jinja2 import Environment, StrictUndefined
from pydantic import Field, model_validator

from .facts import DataError, Facts, load_model
from .schema import Label as Text
from .schema import Strict

CORRECTIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "corrections.yml"

# Chapter slugs and their titles as in the nav (mkdocs.yml nav + nav_translations).
CHAPTERS = {
    "architecture": {"zh": "架构设计", "en": "Architecture"},
    "principles": {"zh": "技术原理", "en": "Principles"},
    "training-data": {"zh": "训练数据", "en": "Training data"},
    "workflow": {"zh": "工作流程", "en": "Workflow"},
    "pros-cons": {"zh": "优缺点对比", "en": "Strengths and weaknesses"},
    "inference-cost": {"zh": "推理成本", "en": "Inference cost"},
    "post-training": {"zh": "后训练流程", "en": "Post-training"},
    "summary": {"zh": "总结", "en": "Summary"},
}
SECTIONS = {  # labels of the headings entries point to (ids are the same in both languages)
    "gpt-4": {"zh": "GPT-4", "en": "GPT-4"},
    "qwen3": {"zh": "Qwen3", "en": "Qwen3"},
    "table-corrections": {"zh": "原文表格的问题", "en": "What the article's table gets wrong"},
}

Verdict = Literal["wrong", "conflated", "reported", "unverifiable", "imprecise"]
VERDICTS = {
    "wrong": {
        "zh": "错误",
        "en": "wrong",
        "long_zh": "与一手来源相矛盾",
        "long_en": "contradicted by a primary source",
    },
    "conflated": {
        "zh": "张冠李戴",
        "en": "conflated",
        "long_zh": "把真实的事实混在一起：模型、阶段、日期或单位搞错",
        "long_en": "real facts mixed up: the wrong model, stage, date or unit",
    },
    "reported": {
        "zh": "传闻当事实",
        "en": "rumour as fact",
        "long_zh": "只见于第三方报道、从未经官方证实，原文却当作事实陈述",
        "long_en": "found only in third-party reports, never confirmed, yet stated as fact",
    },
    "unverifiable": {
        "zh": "无来源",
        "en": "no source",
        "long_zh": "找不到任何来源支持",
        "long_en": "no source supports it",
    },
    "imprecise": {
        "zh": "不准确",
        "en": "imprecise",
        "long_zh": "大体属实，但说法以偏概全或缺少关键限定",
        "long_en": "broadly true, but overgeneralised or missing a key qualification",
    },
}

WORDS = {
    "claim": {"zh": "原文说法", "en": "The article says"},
    "correction": {"zh": "更正", "en": "Correction"},
    "sources": {"zh": "来源", "en": "Sources"},
    "where": {"zh": "所在章节", "en": "In the chapters"},
    "verdict": {"zh": "判定", "en": "Verdict"},
    "entry": {"zh": "条目", "en": "Entry"},
    "chapters": {"zh": "章节", "en": "Chapters"},
    "key": {"zh": "要点", "en": "key"},
    "box_title": {"zh": "本章勘误", "en": "Corrections in this chapter"},
    "box_lead": {
        "zh": "原文在本章涉及的错误与不准确之处，详见勘误页：",
        "en": "Where the article goes wrong in this chapter (details on the corrections page):",
    },
}

ID = r"^[a-z0-9][a-z0-9-]*$"


class Where(Strict):
    chapter: str
    anchor: str | None = None  # a heading id in that chapter; none: the chapter top

    @model_validator(mode="after")
    def _known(self):
        if self.chapter not in CHAPTERS:
            raise ValueError(f"unknown chapter {self.chapter!r} (known: {', '.join(CHAPTERS)})")
        return self


class Entry(Strict):
    id: str = Field(pattern=ID)
    checks: list[str] = Field(min_length=1)  # claim ids in reference/facts.md, e.g. S1-02
    verdict: Verdict
    key: bool = False  # one of the "errata that matter most"
    where: list[Where] = Field(min_length=1)
    title: Text
    claim: Text
    correction: Text
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _checks(self):
        for c in self.checks:
            if not re.match(r"^S[1-8]-\d{2}$", c):
                raise ValueError(f"check id {c!r} must look like S1-02 (reference/facts.md)")
        for lang in ("zh", "en"):
            if "{{" in self.title[lang]:
                raise ValueError(f"title.{lang}: no macros in titles (they are link texts)")
        return self


class CorrectionsFile(Strict):
    entries: list[Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self):
        ids = [e.id for e in self.entries]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"duplicate entry id(s): {', '.join(dup)}")
        return self


def load_corrections(path: Path | str = CORRECTIONS_FILE, facts: Facts | None = None) -> CorrectionsFile:
    path = Path(path)
    data = load_model(path, CorrectionsFile, "corrections file")
    if facts is not None:
        for entry in data.entries:
            for sid in entry.sources:
                if sid not in facts.sources:
                    raise DataError(
                        f"{path}: entries.{entry.id}.sources: unknown source id {sid!r}"
                        f" (sources are listed in {facts.path.name})"
                    )
    return data


def anchor(entry: Entry) -> str:
    return f"err-{entry.id}"


class CorrectionsRenderer:
    """Renders for one page: language, a Markdown-relative link helper, and a template renderer."""

    def __init__(
        self, data: CorrectionsFile, facts: Facts, lang: str, page_src: str, render_text: Callable[[str], str]
    ):
        self.data, self.facts, self.lang, self.page_src = data, facts, lang, page_src
        self.render_text = render_text

    def w(self, key: str) -> str:
        return WORDS[key][self.lang]

    def link(self, target: str) -> str:
        from .render import link_to

        return link_to(self.page_src, target)

    def verdict_badge(self, verdict: str) -> str:
        v = VERDICTS[verdict]
        return f'<span class="verdict verdict--{verdict}" title="{v["long_" + self.lang]}">{v[self.lang]}</span>'

    def where_text(self, where: Where) -> str:
        title = CHAPTERS[where.chapter][self.lang]
        target = self.link(f"{where.chapter}.md") + (f"#{where.anchor}" if where.anchor else "")
        label = f"{title} › {SECTIONS[where.anchor][self.lang]}" if where.anchor in SECTIONS else title
        return f"[{label}]({target})"

    def source_links(self, entry: Entry) -> str:
        links = []
        for sid in entry.sources:
            source = self.facts.sources[sid]
            links.append(f"[{getattr(source.label, self.lang)}]({source.url})")
        return ("、" if self.lang == "zh" else ", ").join(links)

    def entry_markdown(self, entry: Entry) -> str:
        colon = "：" if self.lang == "zh" else ":"
        sep = "、" if self.lang == "zh" else ", "
        key = f' <span class="verdict verdict--key">{self.w("key")}</span>' if entry.key else ""
        lines = [
            f"### {entry.title[self.lang]} {{ #{anchor(entry)} }}",
            "",
            f"{self.verdict_badge(entry.verdict)}{key} {self.w('where')}{colon}"
            f" {sep.join(self.where_text(w) for w in entry.where)}",
            "",
            f"**{self.w('claim')}{colon}** {self.render_text(entry.claim[self.lang])}",
            "",
            f"**{self.w('correction')}{colon}** {self.render_text(entry.correction[self.lang])}",
            "",
            f"**{self.w('sources')}{colon}** {self.source_links(entry)}",
            "",
        ]
        return "\n".join(lines)

    def home(self, entry: Entry) -> str:
        return entry.where[0].chapter

    def page(self) -> str:
        """All entries, one section per chapter (the entry's first chapter); ids equal in both languages."""
        out = [self.verdict_legend(), "", self.overview(), ""]
        for slug, titles in CHAPTERS.items():
            entries = [e for e in self.data.entries if self.home(e) == slug]
            if not entries:
                continue
            out.append(f"## {titles[self.lang]} {{ #{slug} }}")
            out.append("")
            for entry in entries:
                out.append(self.entry_markdown(entry))
        return "\n".join(out)

    def verdict_legend(self) -> str:
        used = [v for v in VERDICTS if any(e.verdict == v for e in self.data.entries)]
        return "\n".join(f"- {self.verdict_badge(v)} {VERDICTS[v]['long_' + self.lang]}" for v in used)

    def overview(self) -> str:
        head = [self.w("entry"), self.w("verdict"), self.w("chapters")]
        rows = ["| " + " | ".join(head) + " |", "|---|---|---|"]
        for entry in self.data.entries:
            key = f' <span class="verdict verdict--key">{self.w("key")}</span>' if entry.key else ""
            chapters = ("、" if self.lang == "zh" else ", ").join(
                dict.fromkeys(CHAPTERS[w.chapter][self.lang] for w in entry.where)
            )
            rows.append(
                f"| [{entry.title[self.lang]}](#{anchor(entry)}) | {self.verdict_badge(entry.verdict)}{key}"
                f" | {chapters} |"
            )
        return "\n".join(rows)

    def for_chapter(self, slug: str) -> str:
        if slug not in CHAPTERS:
            raise KeyError(f"corrections_for: unknown chapter {slug!r} (known: {', '.join(CHAPTERS)})")
        entries = [e for e in self.data.entries if any(w.chapter == slug for w in e.where)]
        if not entries:
            return ""
        target = self.link("corrections.md")
        items = [f"    - {self.verdict_badge(e.verdict)} [{e.title[self.lang]}]({target}#{anchor(e)})" for e in entries]
        return "\n".join([f'!!! failure "{self.w("box_title")}"', "", f"    {self.w('box_lead')}", "", *items, ""])


def template_renderer(fig: Callable, formula: Callable) -> Callable[[str], str]:
    """Render `{{ fig("key") }}` inside corrections text (strict: an unknown name fails the build)."""
    jinja = Environment(undefined=StrictUndefined, autoescape=False)

    def render(text: str) -> str:
        return jinja.from_string(text).render(fig=fig, formula=formula)

    return render
