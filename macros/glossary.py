"""The bilingual glossary (data/glossary.yml): schema, the glossary page, and hover tooltips.

Tooltips use Python-Markdown's `abbr` with Material's `content.tooltips`. Because
static-i18n cannot give each language its own markdown_extensions, the macros
post-render hook appends `*[TERM]: definition` lines in the page's language to
every page. `abbr` matches on word boundaries, so only Latin terms (MoE, GQA ...)
are matched; they are written with spaces around them in Chinese text (see the
Chinese typography convention), which is what makes them match there.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, model_validator

from .facts import load_model
from .i18n import LANGUAGES
from .schema import Label as Text
from .schema import Strict

GLOSSARY_FILE = Path(__file__).resolve().parent.parent / "data" / "glossary.yml"

ID = r"^[a-z0-9][a-z0-9-]*$"


class Category(Strict):
    id: str = Field(pattern=ID)
    name: Text


class Term(Strict):
    id: str = Field(pattern=ID)
    term: str = Field(min_length=1)  # as written in the text (MoE, KV cache)
    category: str
    name: Text  # the full name in each language
    definition: Text  # one line in each language
    match: list[str] = Field(default_factory=list)  # Latin strings that get the tooltip; empty: term only
    tooltip: bool = True  # false: listed on the glossary page, no tooltip (too common a word)

    @model_validator(mode="after")
    def _one_line_latin_matches(self):
        for lang in LANGUAGES:
            text = self.definition[lang]
            if "\n" in text or len(text) > 160:
                raise ValueError(f"definition.{lang} must be one line of at most 160 characters")
            if "|" in text or "{{" in text:
                raise ValueError(f"definition.{lang} may not contain '|' or macros")
        for m in self.strings():
            if re.search(r"[\u2e80-\u9fff\uff00-\uffef]", m):
                raise ValueError(
                    f"match {m!r}: Chinese terms cannot match inside Chinese text (abbr needs"
                    " word boundaries); keep match strings Latin"
                )
            if "]" in m or "[" in m:
                raise ValueError(f"match {m!r} may not contain brackets")
        return self

    def strings(self) -> list[str]:
        """Every way the term is written in running text."""
        return list(dict.fromkeys([self.term, *self.match]))


class GlossaryFile(Strict):
    categories: list[Category] = Field(min_length=1)
    terms: list[Term] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self):
        cats = {c.id for c in self.categories}
        ids = [t.id for t in self.terms]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"duplicate term id(s): {', '.join(dup)}")
        seen: dict[str, str] = {}
        for term in self.terms:
            if term.category not in cats:
                raise ValueError(
                    f"term {term.id}: unknown category {term.category!r} (known: {', '.join(sorted(cats))})"
                )
            for s in term.strings():
                if s in seen and seen[s] != term.id:
                    raise ValueError(f"{s!r} is matched by both {seen[s]} and {term.id}")
                seen[s] = term.id
        return self


def load_glossary(path: Path | str = GLOSSARY_FILE) -> GlossaryFile:
    return load_model(path, GlossaryFile, "glossary file")


# --- tooltips -------------------------------------------------------------


def tooltip_text(term: Term, lang: str) -> str:
    name = term.name[lang]
    head = term.term if name == term.term else (f"{term.term}（{name}）" if lang == "zh" else f"{term.term} ({name})")
    sep = "：" if lang == "zh" else ": "
    return f"{head}{sep}{term.definition[lang]}"


def abbreviation_lines(glossary: GlossaryFile, lang: str) -> str:
    """`*[MoE]: …` lines for one language (Python-Markdown abbr syntax)."""
    lines = []
    for term in glossary.terms:
        if not term.tooltip:
            continue
        text = tooltip_text(term, lang)
        for s in term.strings():
            lines.append(f"*[{s}]: {text}")
    return "\n".join(lines)


def append_abbreviations(markdown: str, glossary: GlossaryFile, lang: str) -> str:
    return markdown.rstrip("\n") + "\n\n" + abbreviation_lines(glossary, lang) + "\n"


# --- the glossary page ----------------------------------------------------

HEAD = {
    "term": {"zh": "术语", "en": "Term"},
    "zh": {"zh": "中文名", "en": "Chinese"},
    "en": {"zh": "英文名", "en": "English"},
    "definition": {"zh": "释义", "en": "Definition"},
}


def term_anchor(term: Term) -> str:
    return f"term-{term.id}"


def glossary_page(glossary: GlossaryFile, lang: str) -> str:
    """One section per category (heading ids identical in both languages), one table per section."""
    out = []
    for cat in glossary.categories:
        terms = sorted((t for t in glossary.terms if t.category == cat.id), key=lambda t: t.term.lower())
        if not terms:
            continue
        out.append(f"## {cat.name[lang]} {{ #{cat.id} }}\n")
        head = [HEAD[k][lang] for k in ("term", "zh", "en", "definition")]
        out.append("| " + " | ".join(head) + " |")
        out.append("|---|---|---|---|")
        for term in terms:
            cell = f'<span id="{term_anchor(term)}">**{term.term}**</span>'
            out.append(f"| {cell} | {term.name.zh} | {term.name.en} | {term.definition[lang]} |")
        out.append("")
    return "\n".join(out)


def register(env, glossary: GlossaryFile, language) -> None:
    """Macros `glossary_table()` and the hook that appends the tooltips to every page."""

    @env.macro
    def glossary_table() -> str:
        return glossary_page(glossary, language())

    def add_tooltips(env) -> None:
        meta = getattr(env.page, "meta", {}) or {}
        if meta.get("glossary_tooltips", True):
            env.markdown = append_abbreviations(env.markdown, glossary, language())

    if not any(getattr(f, "__name__", "") == "add_tooltips" for f in env.post_macro_functions):
        env.post_macro_functions.append(add_tooltips)
