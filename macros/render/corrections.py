"""Corrections (data/corrections.yml): the corrections page, each chapter's summary, the home page list.

Entries name the chapters (and heading ids) they concern; the chapter lists them in a calm summary
box and each entry links back. Entry texts may call fig()/formula() only (macros/texts.py).
"""

from __future__ import annotations

import html
import re

from .. import texts
from ..content import Entry
from .figures import Figures, attr

CORRECTIONS_PAGE = "corrections.md"


def anchor(entry: Entry) -> str:
    return f"err-{entry.id}"


def md_escape(text: str) -> str:
    """A plain text inside Markdown (a heading): HTML-escaped, Markdown punctuation neutralised."""
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", html.escape(text, quote=False))


class Corrections:
    def __init__(self, figures: Figures, stash):
        self.figures = figures
        self.page = figures.page
        self.data = figures.page.data.corrections
        self.stash = stash

    def t(self, key: str, **values) -> str:
        return self.page.t(key, **values)

    def text(self, text: str) -> str:
        return texts.render(text, self.figures.fig, self.figures.formula)

    def verdict_badge(self, verdict: str) -> str:
        return (
            f'<span class="verdict verdict--{verdict}" title="{attr(self.t(f"verdict.{verdict}.long"))}">'
            f"{html.escape(self.t(f'verdict.{verdict}.name'))}</span>"
        )

    def key_badge(self, entry: Entry) -> str:
        return (
            f' <span class="verdict verdict--key">{html.escape(self.t("corrections.key"))}</span>' if entry.key else ""
        )

    def where_link(self, where) -> str:
        chapter = self.page.site.chapter(where.chapter)
        label = chapter.title(self.page.lang)
        section = f"corrections.section.{where.anchor}"
        if where.anchor and section in self.page.words:
            label = f"{label} › {self.t(section)}"
        href = self.page.link(chapter.src, where.anchor or "")
        return f'<a href="{attr(href)}">{html.escape(label)}</a>'

    def source_links(self, entry: Entry) -> str:
        sources = self.page.data.facts.sources
        return html.escape(self.t("punct.list")).join(
            f'<a href="{attr(sources[s].url)}">{html.escape(sources[s].label[self.page.lang])}</a>'
            for s in entry.sources
        )

    def entry_body(self, entry: Entry) -> str:
        colon = html.escape(self.t("punct.colon"))
        where = html.escape(self.t("punct.list")).join(self.where_link(w) for w in entry.where)
        return (
            f'<div class="correction" data-entry="{attr(entry.id)}">'
            f'<p class="correction__meta">{self.verdict_badge(entry.verdict)}{self.key_badge(entry)}'
            f" {html.escape(self.t('corrections.where'))}{colon}{where}</p>"
            f"<p><strong>{html.escape(self.t('corrections.claim'))}{colon}</strong>"
            f"{self.text(entry.claim[self.page.lang])}</p>"
            f"<p><strong>{html.escape(self.t('corrections.correction'))}{colon}</strong>"
            f"{self.text(entry.correction[self.page.lang])}</p>"
            f"<p><strong>{html.escape(self.t('corrections.sources'))}{colon}</strong>{self.source_links(entry)}</p>"
            "</div>"
        )

    def page_markdown(self) -> str:
        """All entries, one section per chapter (the entry's first chapter); ids equal in both languages."""
        out = [self.stash.block(self.verdict_legend()), self.stash.block(self.overview())]
        for chapter in self.page.site.chapters:
            entries = [e for e in self.data.entries if e.where[0].chapter == chapter.slug]
            if not entries:
                continue
            out.append(f"## {md_escape(chapter.title(self.page.lang))} {{ #{chapter.slug} }}\n")
            for entry in entries:
                out.append(f"### {md_escape(entry.title[self.page.lang])} {{ #{anchor(entry)} }}\n")
                out.append(self.stash.block(self.entry_body(entry)))
        return "\n".join(out)

    def verdict_legend(self) -> str:
        used = [v for v in self.page.words.each("verdict") if any(e.verdict == v for e in self.data.entries)]
        items = "".join(f"<li>{self.verdict_badge(v)} {html.escape(self.t(f'verdict.{v}.long'))}</li>" for v in used)
        return f'<ul class="verdict-legend">{items}</ul>'

    def overview(self) -> str:
        head = "".join(f"<th>{html.escape(self.t(f'corrections.{k}'))}</th>" for k in ("entry", "verdict", "chapters"))
        rows = []
        for entry in self.data.entries:
            chapters = self.t("punct.list").join(
                dict.fromkeys(self.page.site.chapter(w.chapter).title(self.page.lang) for w in entry.where)
            )
            rows.append(
                f'<tr><td><a href="#{anchor(entry)}">{html.escape(entry.title[self.page.lang])}</a></td>'
                f"<td>{self.verdict_badge(entry.verdict)}{self.key_badge(entry)}</td><td>{html.escape(chapters)}</td></tr>"
            )
        return (
            f'<table class="corrections-overview"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        )

    def for_chapter(self, slug: str) -> str:
        """The calm summary at the top of a chapter: what it corrects, each linked to its entry."""
        self.page.site.chapter(slug)  # unknown chapter: error naming the known ones
        entries = [e for e in self.data.entries if any(w.chapter == slug for w in e.where)]
        if not entries:
            return ""
        target = self.page.link(CORRECTIONS_PAGE)
        items = "".join(
            f'<li>{self.verdict_badge(e.verdict)} <a href="{attr(target)}#{anchor(e)}">'
            f"{html.escape(e.title[self.page.lang])}</a></li>"
            for e in entries
        )
        return (
            f'<div class="admonition note corrections-summary" data-chapter="{attr(slug)}">'
            f'<p class="admonition-title">{html.escape(self.t("corrections.box_title"))}</p>'
            f"<p>{html.escape(self.t('corrections.box_lead'))}</p><ul>{items}</ul></div>"
        )

    def key_list(self, count: int) -> str:
        """The most important corrections (by rank), one line each, for the home page."""
        ranked = sorted((e for e in self.data.entries if e.rank is not None), key=lambda e: e.rank)[:count]
        if len(ranked) < count:
            raise ValueError(
                f"key_corrections({count}): data/corrections.yml ranks only {len(ranked)} entries (give `rank:`)"
            )
        target = self.page.link(CORRECTIONS_PAGE)
        items = []
        for e in ranked:
            summary = e.summary[self.page.lang] if e.summary else ""
            items.append(
                f'<li class="key-correction">{self.verdict_badge(e.verdict)} '
                f'<a href="{attr(target)}#{anchor(e)}"><strong>{html.escape(e.title[self.page.lang])}</strong></a>'
                + (f'<span class="key-correction__summary">{html.escape(summary)}</span>' if summary else "")
                + "</li>"
            )
        return f'<ul class="key-corrections">{"".join(items)}</ul>'
