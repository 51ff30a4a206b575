"""The project's data as the macros see it, for unit tests (no MkDocs build needed)."""

from __future__ import annotations

from macros.data import load_data
from macros.page import Page
from macros.render.figures import Figures


def figures(lang: str = "zh", src: str = "architecture.md", data=None) -> Figures:
    """The figure renderer of one page in one language."""
    return Figures(Page(data or load_data(), lang, src))
