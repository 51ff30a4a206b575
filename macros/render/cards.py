"""The home page's chapter cards: one per chapter, its title, its one-line takeaway, a link.

Titles come from the site model (the nav, per language); the takeaway is the chapter page's own
front matter, so it is written and translated with the chapter:

    ---
    takeaway: GPT-4's architecture is known only from one report; Qwen3's is published in full.
    ---

The takeaway is plain text (escaped; no macros, so no figures). A chapter without one stops the
build naming its file.
"""

from __future__ import annotations

import html

from ..page import Page
from ..yamlio import DataError
from .figures import attr

FIELD = "takeaway"


def takeaway(page: Page, src: str) -> str:
    path = page.site.docs_dir / page.site.source_file(src, page.lang)
    text = page.site.front_matter(src, page.lang).get(FIELD)
    if not isinstance(text, str) or not text.strip():
        raise DataError(f"{path}: front matter needs `{FIELD}:`, one line for the home page's chapter card")
    if "{{" in text or "{%" in text or "\n" in text.strip():
        raise DataError(f"{path}: `{FIELD}:` must be one line of plain text (no macros)")
    return text.strip()


def chapter_cards(page: Page) -> str:
    """An ordered list of cards; the whole card is the link (site.css stretches it), so no glossary
    tooltips inside (they could be neither hovered nor focused)."""
    items = []
    for chapter in page.site.chapters:
        href = page.link(chapter.src)
        items.append(
            f'<li class="card" data-chapter="{attr(chapter.slug)}">'
            f'<a class="card__link" href="{attr(href)}"><span class="card__title">'
            f"{html.escape(chapter.title(page.lang))}</span></a>"
            f'<p class="card__takeaway">{html.escape(takeaway(page, chapter.src))}</p></li>'
        )
    return f'<ol class="chapter-cards" data-no-tooltips>{"".join(items)}</ol>'
