"""Schemas of the data files that hold text rather than numbers (pydantic).

    data/corrections.yml   where the article diverges from its sources
    data/glossary.yml      the bilingual glossary and its tooltip strings
    data/diagrams.yml      the pipeline diagrams: lanes, steps, captions
    data/tables.yml        comparison tables (home page, handout)

Texts that become HTML are checked here: names and titles are plain text (no < >, no macros);
longer texts may call only fig()/formula() (macros/texts.py). Cross-file references (chapters,
figure keys, source ids) are checked in macros/data.py, where all files are known.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from . import texts
from .schema import Label, PlainLabel, Strict, plain_text

ID = r"^[a-z0-9][a-z0-9-]*$"
CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")


class Text(Label):
    """A text in both languages that may call fig()/formula() and nothing else."""

    @field_validator("zh", "en")
    @classmethod
    def _calls_only(cls, value: str) -> str:
        return texts.check(value)


# --- corrections ----------------------------------------------------------------------------

Verdict = Literal["wrong", "conflated", "reported", "unverifiable", "imprecise"]


class Where(Strict):
    chapter: str = Field(pattern=ID)
    anchor: str | None = Field(default=None, pattern=ID)  # a heading id in that chapter; none: the top


class Entry(Strict):
    id: str = Field(pattern=ID)
    checks: list[str] = Field(min_length=1)  # claim ids in reference/facts.md, e.g. S1-02
    verdict: Verdict
    key: bool = False  # one of the "errata that matter most"
    rank: int | None = Field(default=None, ge=1)  # order on the home page (1 = most important)
    where: list[Where] = Field(min_length=1)
    title: PlainLabel
    summary: PlainLabel | None = None  # one line for the home page: the verdict in words
    claim: Text
    correction: Text
    sources: list[str] = Field(min_length=1)

    @field_validator("checks")
    @classmethod
    def _check_ids(cls, value: list[str]) -> list[str]:
        for c in value:
            if not re.match(r"^S[1-8]-\d{2}$", c):
                raise ValueError(f"check id {c!r} must look like S1-02 (reference/facts.md)")
        return value


class CorrectionsFile(Strict):
    entries: list[Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self):
        ids = [e.id for e in self.entries]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"duplicate entry id(s): {', '.join(dup)}")
        ranks = [e.rank for e in self.entries if e.rank is not None]
        if len(ranks) != len(set(ranks)):
            raise ValueError("two entries share a rank")
        return self


# --- glossary -------------------------------------------------------------------------------


class Category(Strict):
    id: str = Field(pattern=ID)
    name: PlainLabel


class Term(Strict):
    id: str = Field(pattern=ID)
    term: str = Field(min_length=1)  # as written in the text (MoE, KV cache)
    category: str
    name: PlainLabel  # the full name in each language
    definition: PlainLabel  # one line in each language
    match: list[str] = Field(default_factory=list)  # other Latin spellings that get the tooltip
    match_zh: list[str] = Field(default_factory=list)  # Chinese spellings besides name.zh
    avoid_zh: list[str] = Field(default_factory=list)  # Chinese words not to use for it (outside quotations)
    tooltip: bool = True  # false: listed on the glossary page, no tooltip (too common a word)

    @field_validator("term")
    @classmethod
    def _plain_term(cls, value: str) -> str:
        return plain_text(value)

    @model_validator(mode="after")
    def _shapes(self):
        for lang in ("zh", "en"):
            text = self.definition[lang]
            if "\n" in text or len(text) > 160:
                raise ValueError(f"definition.{lang} must be one line of at most 160 characters")
        for m in self.match:
            plain_text(m)
            if CJK.search(m):
                raise ValueError(f"match {m!r}: Chinese spellings go in match_zh")
        for m in self.match_zh + self.avoid_zh:
            plain_text(m)
        return self

    def strings(self, lang: str) -> list[str]:
        """Every way the term is written in running text of one language."""
        found = [self.term, *self.match]
        if lang == "zh":
            found += [self.name.zh, *self.match_zh]
        return list(dict.fromkeys(s for s in found if s))


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
        for lang in ("zh", "en"):
            seen: dict[str, str] = {}
            for term in self.terms:
                if term.category not in cats:
                    raise ValueError(
                        f"term {term.id}: unknown category {term.category!r} (known: {', '.join(sorted(cats))})"
                    )
                for s in term.strings(lang):
                    if s in seen and seen[s] != term.id:
                        raise ValueError(f"{s!r} is matched by both {seen[s]} and {term.id}")
                    seen[s] = term.id
        return self


# --- diagrams -------------------------------------------------------------------------------


class Step(Strict):
    name: Text
    tag: PlainLabel | None = None
    meta: list[Text] = Field(default_factory=list)
    note: PlainLabel | None = None
    aside: bool = False  # not a training stage (input, output, inference-time)


class Lane(Strict):
    title: PlainLabel | None = None
    steps: list[Step] = Field(min_length=1)


class Diagram(Strict):
    family: Literal["qwen", "gpt4"] = "qwen"
    title: PlainLabel
    caption: Text
    sources: list[str] = Field(min_length=1)
    lanes: list[Lane] = Field(min_length=1)


class DiagramsFile(Strict):
    diagrams: dict[str, Diagram]

    @field_validator("diagrams")
    @classmethod
    def _names(cls, value: dict) -> dict:
        for name in value:
            if not re.match(ID, name):
                raise ValueError(f"diagram name {name!r} must match {ID}")
        return value


# --- comparison tables ----------------------------------------------------------------------


class Row(Strict):
    label: PlainLabel
    cells: list[list[str] | Text]  # per column: figure keys (joined with " / ") or a text


class Table(Strict):
    columns: list[PlainLabel] = Field(min_length=2)  # the first is the label column
    rows: list[Row] = Field(min_length=1)

    @model_validator(mode="after")
    def _widths(self):
        for row in self.rows:
            if len(row.cells) != len(self.columns) - 1:
                raise ValueError(f"row {row.label.en!r}: {len(row.cells)} cells for {len(self.columns) - 1} columns")
        return self


class TablesFile(Strict):
    tables: dict[str, Table]
