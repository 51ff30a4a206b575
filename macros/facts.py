"""The figures: data/facts.yml read, validated and completed with the derived figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .schema import FactsFile, Source
from .yamlio import DataError, line_of, read_yaml

T = TypeVar("T", bound=BaseModel)
FACTS_FILE = Path(__file__).resolve().parent.parent / "data" / "facts.yml"


class UnknownFigureError(KeyError):
    """A page or chart asked for a figure key that does not exist."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


@dataclass(frozen=True)
class Fact:
    key: str
    value: int | float | str
    unit: str
    status: str
    sources: tuple[str, ...]
    note: str = ""
    formula: object | None = None  # a derived expression, for derived figures
    basis: str | None = None  # derived only: weakest status among the inputs
    sig: int | None = None  # significant figures shown
    form: str | None = None  # "exact" | "compact": overrides the unit's number form

    @property
    def evidence(self) -> str:
        """official | reported | unverified: how far the figure can be trusted (derived → its basis)."""
        return (self.basis or "official") if self.status == "derived" else self.status


@dataclass(frozen=True)
class Facts:
    path: Path
    sources: dict[str, Source]
    figures: dict[str, Fact]

    def __getitem__(self, key: str) -> Fact:
        try:
            return self.figures[key]
        except KeyError:
            near = [k for k in self.figures if k.split(".")[-1] == key.split(".")[-1]]
            hint = f" Did you mean: {', '.join(near)}?" if near else ""
            raise UnknownFigureError(
                f"unknown figure key {key!r}: not in {self.path.name} nor in macros/derived.py.{hint}"
            ) from None

    def __contains__(self, key: str) -> bool:
        return key in self.figures

    def value(self, key: str):
        return self[key].value


def entry_ids(raw, loc: tuple) -> str:
    """ " [id: llm]" when the key path passes through list entries that have an id."""
    ids = []
    for part in loc:
        if isinstance(raw, dict):
            raw = raw.get(part)
        elif isinstance(raw, list) and isinstance(part, int) and part < len(raw):
            raw = raw[part]
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                ids.append(raw["id"])
        else:
            break
    return f" [id: {', '.join(ids)}]" if ids else ""


def format_validation_error(path: Path, error: ValidationError, raw=None) -> str:
    """One line per problem: `<file>:<line>: <key path> [id: …]: <what> (got …)`."""
    lines = [f"{path}: invalid data ({error.error_count()} problem(s))"]
    for item in error.errors():
        loc = tuple(item["loc"])
        where = ".".join(str(part) for part in loc) or "(top level)"
        line = line_of(path, loc) if loc else None
        given = item.get("input")
        shown = f" (got {given!r})" if isinstance(given, (str, int, float)) else ""
        lines.append(f"  - {path}{f':{line}' if line else ''}: {where}{entry_ids(raw, loc)}: {item['msg']}{shown}")
    return "\n".join(lines)


def load_model(path: str | Path, model: type[T]) -> T:
    """Read a YAML data file and validate it; errors name the file and the key."""
    path = Path(path)
    raw = read_yaml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise DataError(format_validation_error(path, error, raw)) from None


def load_facts(path: str | Path = FACTS_FILE) -> Facts:
    from .derived import add_derived  # late import: derived needs Fact

    path = Path(path)
    data = load_model(path, FactsFile)
    figures = {
        f"{group}.{name}": Fact(
            key=f"{group}.{name}",
            value=fig.value,
            unit=fig.unit,
            status=fig.status,
            sources=(fig.source,),
            note=fig.note,
            sig=fig.sig,
            form=fig.form,
        )
        for group, items in data.figures.items()
        for name, fig in items.items()
    }
    return add_derived(Facts(path=path, sources={s.id: s for s in data.sources}, figures=figures))
