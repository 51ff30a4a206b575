"""Load every data file once per process, validate it, and check references across files.

    data = load_data()          # cached; re-read only when a file under data/ or mkdocs.yml changes
    data.facts["qwen3_235b.total_params"]
    data.words.t("status.reported.name", "zh")

Errors name the file and the key (DataError); the build stops on the first one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import texts
from .content import CorrectionsFile, DiagramsFile, GlossaryFile, TablesFile
from .facts import Facts, UnknownFigureError, load_facts, load_model
from .numbers import Formatter
from .site import Site
from .words import Words, load_words
from .yamlio import DataError

ROOT = Path(__file__).resolve().parent.parent
FILES = ("facts.yml", "words.yml", "corrections.yml", "glossary.yml", "diagrams.yml", "tables.yml")


@dataclass(frozen=True)
class Data:
    root: Path
    site: Site
    words: Words
    facts: Facts
    corrections: CorrectionsFile
    glossary: GlossaryFile
    diagrams: DiagramsFile
    tables: TablesFile

    @property
    def formatter(self) -> Formatter:
        return Formatter(self.words)

    def file(self, name: str) -> Path:
        return self.root / "data" / name


_cache: dict[str, tuple[tuple, Data]] = {}


def _stamps(root: Path) -> tuple:
    paths = [root / "mkdocs.yml", *(root / "data" / name for name in FILES)]
    return tuple(p.stat().st_mtime_ns if p.exists() else None for p in paths)


def load_data(root: str | Path = ROOT) -> Data:
    root = Path(root).resolve()
    stamps = _stamps(root)
    cached = _cache.get(str(root))
    if cached and cached[0] == stamps:
        return cached[1]
    site = Site.load(root / "mkdocs.yml")
    data_dir = root / "data"
    data = Data(
        root=root,
        site=site,
        words=load_words(data_dir / "words.yml", site.codes),
        facts=load_facts(data_dir / "facts.yml"),
        corrections=load_model(data_dir / "corrections.yml", CorrectionsFile),
        glossary=load_model(data_dir / "glossary.yml", GlossaryFile),
        diagrams=load_model(data_dir / "diagrams.yml", DiagramsFile),
        tables=load_model(data_dir / "tables.yml", TablesFile),
    )
    check_references(data)
    _cache[str(root)] = (stamps, data)
    return data


def _check_keys(data: Data, where: str, text_or_keys) -> None:
    found = text_or_keys if isinstance(text_or_keys, list) else texts.keys(text_or_keys)
    for key in found:
        if key not in data.facts:
            try:
                data.facts[key]
            except UnknownFigureError as error:  # its message carries the near-key hint
                raise DataError(f"{where}: {error}") from None


def _texts(label) -> list[str]:
    return [] if label is None else [label.zh, label.en]


def check_references(data: Data) -> None:
    """Chapters, headings, sources and figure keys named in one file must exist in the others."""
    chapters = {page.slug for page in data.site.chapters}
    sources = data.facts.sources

    def fail(path: str, message: str) -> None:
        raise DataError(f"{data.file(path)}: {message}")

    try:
        for entry in data.corrections.entries:
            for where in entry.where:
                if where.chapter not in chapters:
                    fail(
                        "corrections.yml",
                        f"entries.{entry.id}.where: unknown chapter {where.chapter!r}"
                        f" (chapters: {', '.join(sorted(chapters))})",
                    )
            for sid in entry.sources:
                if sid not in sources:
                    fail(
                        "corrections.yml",
                        f"entries.{entry.id}.sources: unknown source id {sid!r}"
                        f" (sources are listed in {data.facts.path.name})",
                    )
            for field in ("claim", "correction"):
                for text in _texts(getattr(entry, field)):
                    _check_keys(data, f"{data.file('corrections.yml')}: entries.{entry.id}.{field}", text)
        for name, diagram in data.diagrams.diagrams.items():
            for sid in diagram.sources:
                if sid not in sources:
                    fail("diagrams.yml", f"diagrams.{name}.sources: unknown source id {sid!r}")
            parts = _texts(diagram.caption)
            for lane in diagram.lanes:
                for step in lane.steps:
                    parts += _texts(step.name) + [t for m in step.meta for t in _texts(m)]
            for text in parts:
                _check_keys(data, f"{data.file('diagrams.yml')}: diagrams.{name}", text)
        for name, table in data.tables.tables.items():
            for row in table.rows:
                for cell in row.cells:
                    for text in [cell] if isinstance(cell, list) else _texts(cell):
                        _check_keys(data, f"{data.file('tables.yml')}: tables.{name}", text)
    except KeyError as error:
        raise DataError(str(error.args[0] if error.args else error)) from None
