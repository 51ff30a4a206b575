"""Helpers that read the built site: which source file each page came from, and its <head>."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from docs_text import DOCS


@dataclass
class BuiltPage:
    html: Path  # .../site/en/architecture/index.html
    url_path: str  # "en/architecture/"
    lang: str  # "zh" or "en"
    source: Path  # docs/architecture.en.md


def source_for(url_path: str) -> tuple[str, Path | None]:
    """The language and source file of a built page, from its path under the site root."""
    lang, rest = ("en", url_path[3:]) if url_path.startswith("en/") else ("zh", url_path)
    suffix = ".en.md" if lang == "en" else ".md"
    slug = rest.strip("/")
    candidates = [DOCS / f"{slug}{suffix}", DOCS / slug / f"index{suffix}"] if slug else [DOCS / f"index{suffix}"]
    return lang, next((c for c in candidates if c.is_file()), None)


def built_pages(site: Path) -> list[BuiltPage]:
    """Every built page that comes from a Markdown file under docs/."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        url_path = html.parent.relative_to(site).as_posix()
        url_path = "" if url_path == "." else url_path + "/"
        lang, source = source_for(url_path)
        if source is not None:
            pages.append(BuiltPage(html, url_path, lang, source))
    return pages


@dataclass
class Head:
    lang: str = ""
    metas: dict[str, str] = field(default_factory=dict)  # name or property -> content
    alternates: dict[str, list[str]] = field(default_factory=dict)  # hreflang -> hrefs
    canonical: str = ""
    edit_links: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # last-updated dates shown on the page
    notices: list[str] = field(default_factory=list)  # translation notice states
    notice_links: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.head = Head()
        self._date = False
        self._notice = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "html":
            self.head.lang = a.get("lang", "")
        elif tag == "meta" and ("name" in a or "property" in a):
            self.head.metas[a.get("name") or a.get("property")] = a.get("content", "")
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.head.alternates.setdefault(a["hreflang"], []).append(a.get("href", ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.head.canonical = a.get("href", "")
        elif tag == "a" and a.get("rel") == "edit":
            self.head.edit_links.append(a.get("href", ""))
        elif tag == "span" and "git-revision-date-localized-plugin-date" in classes:
            self._date = True
        elif tag == "div" and "translation-notice" in classes:
            self.head.notices.append(a.get("data-translation", ""))
            self._notice = True
        elif tag == "a" and self._notice:
            self.head.notice_links.append(a.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "span":
            self._date = False
        if tag == "div":
            self._notice = False

    def handle_data(self, data):
        if self._date and data.strip():
            self.head.updated.append(data.strip())


def parse(html: str) -> Head:
    parser = _Parser()
    parser.feed(html)
    return parser.head


def read(page: BuiltPage | Path) -> Head:
    path = page.html if isinstance(page, BuiltPage) else page
    return parse(path.read_text(encoding="utf-8"))
