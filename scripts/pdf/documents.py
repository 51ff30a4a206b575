"""Which PDFs there are: one per print view and language, named by mkdocs.yml extra.downloads.

A print view of kind K is the page docs/print/K.md (and its twins), built at the page URL the site
model gives it. The PDF step only needs the built site: it never renders a page itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.site import Site

PRINT_VIEW_SOURCE = "print/{kind}.md"


@dataclass(frozen=True)
class Document:
    kind: str  # "booklet" or "handout"
    lang: str
    url_path: str  # relative to the site root: "en/print/booklet/"
    file_name: str  # "gpt4-vs-qwen3-en.pdf"

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.lang}"


def documents(site_dir: Path, langs=None, kinds=None, site: Site | None = None) -> list[Document]:
    """The print views to print, checked to exist in the built site."""
    site = site or Site.load()
    found = []
    for lang in langs or site.codes:
        for kind in kinds or site.downloads:
            doc = Document(
                kind, lang, site.page_url(PRINT_VIEW_SOURCE.format(kind=kind), lang), site.pdf_name(kind, lang)
            )
            page = site_dir / doc.url_path / "index.html"
            if not page.is_file():
                raise SystemExit(
                    f"pdf: {page} is missing: build the site first (make build), with docs/"
                    f"{site.source_file(PRINT_VIEW_SOURCE.format(kind=kind), lang)} in it"
                )
            found.append(doc)
    return found
