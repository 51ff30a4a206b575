"""Macro output is held back until Markdown has run: macros emit a short token, the HTML goes in after.

Python-Markdown then parses a few bytes per figure instead of its whole link, tooltip and chart
(the page's Markdown stays its own size), and nothing a macro emits can be re-read as Markdown.
`fill` runs on each page's HTML (macros/build.py, on_page_content) before search indexing.
"""

from __future__ import annotations

import itertools
import re

TOKEN = "\u27e6{}\u27e7"  # ⟦12⟧: inert in Markdown, never typed in a page
INLINE = re.compile("\u27e6(\\d+)\u27e7")
BLOCK = re.compile("<p>\u27e6(\\d+)\u27e7</p>")


class Stash:
    def __init__(self):
        self.items: dict[int, str] = {}
        self.ids = itertools.count(1)

    def inline(self, markup: str) -> str:
        n = next(self.ids)
        self.items[n] = markup
        return TOKEN.format(n)

    def block(self, markup: str) -> str:
        """For HTML blocks (charts, tables): a paragraph of its own, replaced whole."""
        return f"\n\n{self.inline(markup)}\n\n"

    def fill(self, html: str) -> str:
        def take(match: re.Match) -> str:
            try:
                return self.items.pop(int(match.group(1)))
            except KeyError:
                raise KeyError(f"macro output {match.group(0)} was lost (used twice, or in a heading?)") from None

        return INLINE.sub(take, BLOCK.sub(take, html))

    def clear(self) -> None:
        self.items.clear()


STASH = Stash()
