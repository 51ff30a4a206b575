"""The Markdown sources under docs/, for tests: file lists here, parsing rules from macros/checks.py."""

from __future__ import annotations

from pathlib import Path

from macros import checks
from macros.site import Site

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FRONT_MATTER = checks.FRONT_MATTER


def markdown_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md"))


def zh_pages() -> list[Path]:
    site = Site.load()
    return [p for p in markdown_pages() if site.lang_of(p.name) == site.default.code]


def twin(page: Path) -> Path:
    """The other-language file of a pair."""
    return page.with_name(Site.load().twin(page.name))


def body(page: Path) -> str:
    return checks.body(page.read_text(encoding="utf-8"))


def heading_ids(page: Path) -> list[str]:
    return checks.heading_ids(page.read_text(encoding="utf-8"))


def figure_keys(page: Path) -> set[str]:
    return checks.figure_keys(page.read_text(encoding="utf-8"))
