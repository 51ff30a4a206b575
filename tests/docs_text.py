"""Helpers that read the Markdown sources under docs/ (shared by several tests)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$", re.M)
HEADING_ID = re.compile(r"#([\w-]+)")
MACRO_KEY = re.compile(r"""\{\{-?\s*(?:fig|formula)\(\s*["']([\w.]+)["']""")


def markdown_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md"))


def zh_pages() -> list[Path]:
    return [p for p in markdown_pages() if not p.name.endswith(".en.md")]


def twin(page: Path) -> Path:
    """The other-language file of a pair."""
    if page.name.endswith(".en.md"):
        return page.with_name(page.name[: -len(".en.md")] + ".md")
    return page.with_name(page.name[: -len(".md")] + ".en.md")


def body(page: Path) -> str:
    return FRONT_MATTER.sub("", page.read_text(encoding="utf-8"), count=1)


def without_code(text: str) -> str:
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return text


def heading_ids(page: Path) -> list[str]:
    ids = []
    for match in HEADING.finditer(without_code(body(page))):
        attrs = match.group(3) or ""
        found = HEADING_ID.search(attrs)
        ids.append(found.group(1) if found else f"<no id: {match.group(2)}>")
    return ids


def figure_keys(page: Path) -> set[str]:
    return set(MACRO_KEY.findall(page.read_text(encoding="utf-8")))
