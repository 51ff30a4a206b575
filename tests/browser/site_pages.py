"""The site's pages, found from docs/ (never a hard-coded list), with their URLs in the built site."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


@cache
def languages() -> tuple[str, tuple[str, ...]]:
    """(default locale, other locales) from the i18n plugin's settings in mkdocs.yml."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/…
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            locales = plugin["i18n"]["languages"]
            default = next(lang["locale"] for lang in locales if lang.get("default"))
            return default, tuple(lang["locale"] for lang in locales if lang["locale"] != default)
    raise AssertionError("mkdocs.yml has no i18n plugin with languages")


@dataclass(frozen=True)
class Page:
    lang: str
    path: str  # URL path under the site root: "" (home), "architecture/", "en/architecture/", "404.html"
    key: str  # the page's name shared by both languages: "index", "architecture", "404"

    @property
    def id(self) -> str:
        return f"{self.lang}:{self.path or '/'}"

    @property
    def is_404(self) -> bool:
        return self.key == "404"


def _url_path(key: str) -> str:
    if key == "404":
        return "404.html"
    if key == "index":
        return ""
    return (key.removesuffix("/index") if key.endswith("/index") else key) + "/"


@cache
def pages() -> tuple[Page, ...]:
    """Every page of both languages, from docs/*.md (zh) and docs/*.<locale>.md, plus the theme's 404."""
    default, others = languages()
    found = []
    for source in sorted(DOCS.rglob("*.md")):
        name = source.relative_to(DOCS).as_posix().removesuffix(".md")
        lang = default
        for locale in others:
            if name.endswith(f".{locale}"):
                lang, name = locale, name.removesuffix(f".{locale}")
        prefix = "" if lang == default else f"{lang}/"
        found.append(Page(lang, prefix + _url_path(name), name))
    if not any(p.is_404 for p in found):  # Material renders 404.html from the theme, once, at the root
        found.append(Page(default, "404.html", "404"))
    return tuple(found)


def twin(page: Page) -> Page | None:
    """The same page in the other language (None for a page that exists in one language only)."""
    return next((p for p in pages() if p.key == page.key and p.lang != page.lang), None)


def switchable() -> list[Page]:
    """Pages that have a twin: the language switcher must land on it."""
    return [p for p in pages() if not p.is_404 and twin(p) is not None]
