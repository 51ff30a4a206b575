"""The one page object: which page is being rendered, in which language, and links from it."""

from __future__ import annotations

from dataclasses import dataclass

from .data import Data
from .site import relative_url


@dataclass(frozen=True)
class Page:
    data: Data
    lang: str
    src: str  # the default-language docs file: "architecture.md" (also for the English page)

    @property
    def site(self):
        return self.data.site

    @property
    def words(self):
        return self.data.words

    @property
    def url(self) -> str:
        """Relative to site_url: "en/architecture/"."""
        return self.site.page_url(self.src, self.lang)

    def t(self, key: str, plural_of=None, **values) -> str:
        return self.data.words.t(key, self.lang, plural_of=plural_of, **values)

    def link(self, target_src: str, anchor: str = "") -> str:
        """A relative link to another page in the same language (final URL, works after Markdown)."""
        href = relative_url(self.url, self.site.page_url(target_src, self.lang))
        return href + (f"#{anchor}" if anchor else "")

    def root_link(self, path: str) -> str:
        """A relative link to a file at the site root, the same for every language: "data/facts.json"."""
        return relative_url(self.url, path)


def page_for(data: Data, lang: str, src_uri: str) -> Page:
    """The Page for a docs file as MkDocs names it ("architecture.en.md" in the English build)."""
    return Page(data, lang, data.site.base_src(src_uri))
