"""What every printed PDF must be, checked before the step reports success.

- every glyph in an embedded, named font with a Unicode map (no Type 3 drawings left over)
- no link to the local server the pages were printed from
- a handout is one page; a booklet's contents carry a page number for every entry
"""

from __future__ import annotations

import io

from pypdf import PdfReader

from .fonts import font_characters, fonts_in

ONE_PAGE_KINDS = ("handout",)


def link_targets(pdf: bytes) -> tuple[list[int], list[str]]:
    """(page numbers of internal link targets, external URIs)."""
    reader = PdfReader(io.BytesIO(pdf))
    named = reader.named_destinations
    internal, external = [], []
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if action is not None and action.get("/S") == "/URI":
                external.append(str(action["/URI"]))
                continue
            dest = annot.get("/Dest") if action is None else action.get("/D")
            if dest is not None:
                name = str(dest.get_object() if hasattr(dest, "get_object") else dest)
                target = named.get(name) or named.get(name.lstrip("/"))
                internal.append(reader.get_destination_page_number(target) + 1 if target else 0)
    return internal, external


def problems(pdf: bytes, kind: str, server_url: str, missing_numbers: list[str]) -> list[str]:
    found = []
    type3 = "".join(sorted(set().union(*(font_characters(f) for f in fonts_in(pdf) if f.get("/Subtype") == "/Type3"))))
    if type3.strip():
        found.append(f"characters drawn as Type 3 glyphs instead of an embedded font: {type3!r}")
    internal, external = link_targets(pdf)
    if 0 in internal:
        found.append(f"{internal.count(0)} internal link(s) lead nowhere")
    local = [u for u in external if u.startswith(server_url.rstrip("/"))]
    if local:
        found.append(f"links to the print server: {local[:3]}")
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    if kind in ONE_PAGE_KINDS and pages != 1:
        found.append(f"{pages} pages; a {kind} is one page (shorten docs/print/{kind}.md)")
    if missing_numbers:
        found.append(f"no page number for contents entries {missing_numbers[:5]}")
    return found
