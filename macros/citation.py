"""How to cite the site: CITATION.cff (CFF 1.2) at the top of the repository, read once per change.

The cite box on the sources page and the licence named in data/facts.json both come from this file,
so a citation is edited in one place. Only the keys the site shows are checked here; the file as a
whole is validated against the CFF 1.2 schema by tests/test_open_data.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .yamlio import DataError, read_yaml

CITATION_FILE = "CITATION.cff"
CFF_VERSION = "1.2.0"
# SPDX id -> the licence's short name and deed, for the licences the site may use.
LICENCES = {
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
}


@dataclass(frozen=True)
class Citation:
    path: Path
    title: str
    authors: tuple[str, ...]  # as written in a citation: "GPT-4 vs Qwen3 contributors", "Ada Lovelace"
    bibtex_authors: tuple[str, ...]  # "{GPT-4 vs Qwen3 contributors}", "Lovelace, Ada"
    url: str
    repository: str
    licence: str  # SPDX id: "CC-BY-4.0"

    @property
    def licence_name(self) -> str:
        return LICENCES[self.licence][0]

    @property
    def licence_url(self) -> str:
        return LICENCES[self.licence][1]

    def bibtex(self) -> str:
        key = re.sub(r"[^a-z0-9]+", "_", self.repository.rstrip("/").rsplit("/", 1)[-1].lower()).strip("_")
        fields = {
            "title": _tex(self.title),
            "author": " and ".join(self.bibtex_authors),
            "howpublished": f"\\url{{{self.url}}}",
            "note": _tex(self.licence_name),
        }
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        return f"@misc{{{key or 'site'},\n{body}\n}}"


def _tex(text: str) -> str:
    return re.sub(r"([\\&%$#_{}~^])", r"\\\1", text)


def _author(entry, where: str) -> tuple[str, str]:
    if not isinstance(entry, dict):
        raise DataError(f"{where}: an author is a mapping with `name` (an entity) or `family-names`")
    if entry.get("name"):
        return str(entry["name"]), "{" + _tex(str(entry["name"])) + "}"
    family, given = entry.get("family-names"), entry.get("given-names")
    if not family:
        raise DataError(f"{where}: an author needs `name` (an entity) or `family-names` (a person)")
    shown = f"{given} {family}" if given else str(family)
    return shown, _tex(f"{family}, {given}" if given else str(family))


def load_citation(root: str | Path) -> Citation:
    path = Path(root) / CITATION_FILE
    if not path.is_file():
        raise DataError(f"{path}: missing (the cite box and the open data name the licence from it)")
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise DataError(f"{path}: expected a CFF mapping")
    if str(raw.get("cff-version")) != CFF_VERSION:
        raise DataError(f"{path}: cff-version must be {CFF_VERSION!r} (got {raw.get('cff-version')!r})")
    for name in ("title", "authors", "url", "repository-code", "license"):
        if not raw.get(name):
            raise DataError(f"{path}: `{name}` is required (the cite box shows it)")
    if raw["license"] not in LICENCES:
        raise DataError(f"{path}: license {raw['license']!r} is not one of {', '.join(LICENCES)}")
    if not isinstance(raw["authors"], list):
        raise DataError(f"{path}: authors: expected a list")
    authors = [_author(entry, f"{path}: authors") for entry in raw["authors"]]
    return Citation(
        path=path,
        title=str(raw["title"]),
        authors=tuple(a for a, _ in authors),
        bibtex_authors=tuple(b for _, b in authors),
        url=str(raw["url"]),
        repository=str(raw["repository-code"]),
        licence=str(raw["license"]),
    )
