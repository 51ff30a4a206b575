"""Which PDFs there are: one per print view and language, as the build lists them.

The build writes site/print/documents.json (macros/print_views.py write_manifest): for each print
view its kind, language, URL path and PDF file name (mkdocs.yml extra.downloads). The PDF step
reads only the built site: it imports nothing from macros/ and never renders a page itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "print/documents.json"


@dataclass(frozen=True)
class Document:
    kind: str  # "booklet" or "handout"
    lang: str
    url_path: str  # relative to the site root: "en/print/booklet/"
    file_name: str  # "gpt4-vs-qwen3-en.pdf"

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.lang}"


def documents(site_dir: Path, langs=None, kinds=None) -> list[Document]:
    """The print views to print, checked to exist in the built site."""
    manifest = site_dir / MANIFEST
    if not manifest.is_file():
        raise SystemExit(f"pdf: {manifest} is missing: build the site first (make build)")
    found = []
    for entry in json.loads(manifest.read_text(encoding="utf-8"))["documents"]:
        if (langs and entry["lang"] not in langs) or (kinds and entry["kind"] not in kinds):
            continue
        doc = Document(entry["kind"], entry["lang"], entry["path"], entry["file"])
        page = site_dir / doc.url_path / "index.html"
        if not page.is_file():
            raise SystemExit(f"pdf: {page} is missing: is {entry['source']} in the build?")
        found.append(doc)
    return found
