"""Print views: the pages `make pdf` prints (docs/print/*.md, front matter `print_view: <kind>`).

The handout is an ordinary page whose Markdown calls the macros. The booklet's Markdown is empty:
MkDocs converts every page before it renders any template, so when the booklet's template
(overrides/print_view.html) is rendered, the chapters' HTML is ready. `print_view()` hands the
template the chapters in nav order, each with its ids prefixed by its slug and its links pointing
inside the booklet, or at the published site when the target is not in it. Pages whose front matter
says `booklet: false` stay out. Both views get their furniture words from data/words.yml `print:`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from .data import Data
from .numbers import partial_date
from .site import relative_url

SAME_DOC_REFS = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-details", "for")
ID_ATTR = re.compile(r'(\s(?:id|name)=")([^"]+)"')
REF_ATTR = re.compile(rf'(\s(?:{"|".join(SAME_DOC_REFS)})=")([^"]+)"')
LINK_ATTR = re.compile(r'(\s(?:href|xlink:href|src)=")([^"]*)"')
URL_REF = re.compile(r"url\(#([^)\s]+)\)")
PLACEHOLDER = re.compile(r"\{(page|pages)\}")
BASE = "http://site.invalid/"  # resolves a page's relative links; never leaves this module


@dataclass(frozen=True)
class Chapter:
    id: str  # the chapter's anchor in the booklet: its slug
    title: str  # its <h1>, as HTML
    sections: tuple[tuple[str, str], ...]  # (anchor, title HTML) of each <h2>
    html: str


@dataclass(frozen=True)
class PrintView:
    kind: str  # "booklet" or "handout" (mkdocs.yml extra.downloads)
    lang: str
    data: Data
    chapters: tuple[Chapter, ...]  # the booklet's; () for the handout
    facts: tuple[tuple[str, str, str], ...]  # (label, text, link or "") for the cover or the handout's foot

    def t(self, key: str, **values) -> str:
        return self.data.words.t(f"print.{key}", self.lang, **values)

    @property
    def page_counter(self) -> str:
        """ "第 {page} 页，共 {pages} 页" as a CSS content value: "第 " counter(page) " 页，共 " …"""
        parts = PLACEHOLDER.split(self.t("page_of", page="{page}", pages="{pages}"))
        return " ".join(f"counter({p})" if i % 2 else css_string(p) for i, p in enumerate(parts) if p)

    def css_string(self, text: str) -> str:
        return css_string(text)


def css_string(text: str) -> str:
    """A CSS string literal that is also safe inside <style>."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def print_view(kind: str, page, nav, data: Data, lang: str) -> PrintView:
    """What overrides/print_view.html needs for a print view page (MkDocs' page and nav)."""
    site = data.site
    if kind not in site.downloads:
        raise KeyError(f"{page.file.src_uri}: print_view {kind!r} is not in mkdocs.yml extra.downloads")
    links = Links(site.site_url, page.url)
    if kind == "booklet":
        chapters = tuple(booklet_chapters(nav, site, links))
    else:
        page.content = links.absolute(page.content, page.url)
        chapters = ()
    return PrintView(kind, lang, data, chapters, cover_facts(data, lang))


def booklet_chapters(nav, site, links: Links):
    pages = [p for p in nav.pages if (p.meta or {}).get("booklet", True)]
    links.inside = {p.url: site.page(p.file.src_uri).slug for p in pages}
    for p in pages:
        slug = links.inside[p.url]
        top = next(iter(p.toc), None)
        if top is None or top.level != 1:
            raise ValueError(f"{p.file.src_uri}: the booklet needs a level-1 heading to title the chapter")
        sections = tuple((f"{slug}--{s.id}", s.title) for s in top.children)
        yield Chapter(slug, top.title, sections, links.chapter(p.content, p.url, slug))


class Links:
    """Rewrites a page's HTML for a print view at `view_url` (site-relative, as MkDocs' page.url)."""

    def __init__(self, site_url: str, view_url: str):
        self.site_url = site_url
        self.view_url = view_url
        self.inside: dict[str, str] = {}  # page URL -> chapter id, for links that stay in the booklet

    def chapter(self, html: str, url: str, prefix: str) -> str:
        """Ids prefixed (`prefix--id`), same-page references with them, links resolved."""
        html = ID_ATTR.sub(lambda m: f'{m[1]}{prefix}--{m[2]}"', html)
        html = REF_ATTR.sub(lambda m: m[1] + " ".join(f"{prefix}--{r}" for r in m[2].split()) + '"', html)
        html = URL_REF.sub(lambda m: f"url(#{prefix}--{m[1]})", html)
        return self._links(html, url, prefix)

    def absolute(self, html: str, url: str) -> str:
        """Links to other pages of the site become absolute (a PDF has no site around it)."""
        return self._links(html, url, None)

    def _links(self, html: str, url: str, prefix: str | None) -> str:
        def one(match: re.Match) -> str:
            attr, value = match[1], match[2]
            return f'{attr}{self.target(value, url, prefix, is_src=attr.strip().startswith("src"))}"'

        return LINK_ATTR.sub(one, html)

    def target(self, value: str, url: str, prefix: str | None, is_src: bool) -> str:
        if value.startswith("#"):
            return f"#{prefix}--{value[1:]}" if prefix and len(value) > 1 else value
        parts = urlsplit(urljoin(BASE + url, value))
        if f"{parts.scheme}://{parts.netloc}/" != BASE:
            return value  # another site, mailto:, data:
        path = parts.path[1:]
        if is_src:
            return relative_url(self.view_url, path)
        if path in self.inside:
            chapter = self.inside[path]
            return f"#{chapter}--{parts.fragment}" if parts.fragment else f"#{chapter}"
        # the query stays: calculator links carry their settings
        return self.site_url + path + urlunsplit(("", "", "", parts.query, parts.fragment))


def cover_facts(data: Data, lang: str) -> tuple[tuple[str, str, str], ...]:
    """Data date, build date (SOURCE_DATE_EPOCH if set), revision when built from git, the site."""
    t = lambda key, **v: data.words.t(f"print.{key}", lang, **v)  # noqa: E731
    newest = max((s.date for s in data.facts.sources.values()), key=_date_key)
    note = data.words.t("punct.paren", lang, text=t("data_as_of_note"))
    facts = [
        (t("data_as_of"), partial_date(newest, lang) + note, ""),
        (t("built"), partial_date(_build_date().isoformat(), lang), ""),
    ]
    revision = _revision(data.root)
    if revision:
        facts.append((t("revision"), revision, ""))
    online = data.site.absolute_url("index.md", lang)
    facts.append((t("online"), online, online))
    return tuple(facts)


def _date_key(date: str) -> list[int]:
    parts = [int(p) for p in date.split("-")]
    return parts + [0] * (3 - len(parts))


def _build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


_revisions: dict[str, str] = {}


def _revision(root) -> str:
    """The short commit, "+" when docs/ or data/ have changes; "" outside a git checkout."""
    if str(root) not in _revisions:
        try:
            run = lambda *a: subprocess.run(["git", *a], cwd=root, capture_output=True, text=True, timeout=10)  # noqa: E731
            head = run("rev-parse", "--short", "HEAD")
            dirty = run("status", "--porcelain", "--", "docs", "data").stdout.strip()
            _revisions[str(root)] = head.stdout.strip() + ("+" if dirty else "") if head.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            _revisions[str(root)] = ""
    return _revisions[str(root)]


PRINT_VIEW_SOURCE = "print/{kind}.md"
MANIFEST = "print/documents.json"


def write_manifest(site, site_dir) -> None:
    """site/print/documents.json: each print view's URL and PDF name, so the PDF step (scripts/pdf/)
    reads the built site alone and needs neither mkdocs.yml nor this package."""
    import json
    from pathlib import Path

    entries = [
        {
            "kind": kind,
            "lang": lang,
            "path": site.page_url(PRINT_VIEW_SOURCE.format(kind=kind), lang),
            "file": site.pdf_name(kind, lang),
            "source": f"docs/{site.source_file(PRINT_VIEW_SOURCE.format(kind=kind), lang)}",
        }
        for lang in site.codes
        for kind in site.downloads
    ]
    target = Path(site_dir) / MANIFEST
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"documents": entries}, ensure_ascii=False, indent=1), encoding="utf-8")
