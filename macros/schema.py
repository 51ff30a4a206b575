"""Schema of data/facts.yml, checked on every build (pydantic)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

# Status words readers see. "derived" is never typed in the data file:
# derived figures are computed in macros/derived.py.
TypedStatus = Literal["official", "reported", "unverified"]
STATUSES = ("official", "reported", "derived", "unverified")

Unit = Literal[
    "parameters",
    "tokens",
    "bytes",
    "flop",
    "date",
    "count",
    "layers",
    "heads",
    "dimensions",
    "experts",
    "gpus",
    "days",
    "epochs",
    "languages",
    "models",
    "stages",
    "steps",
    "tasks",
    "fraction",
    "score",
    "points_of_400",
    "times",
    "usd",
    "usd_per_1k_tokens",
]

ID_PATTERN = r"^[a-z0-9_]+$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(Strict):
    """A text in both languages; a missing language fails validation."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class Source(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    url: HttpUrl
    publisher: str = Field(min_length=1)
    date: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    label: Label


class Figure(Strict):
    value: int | float | str
    unit: Unit
    status: TypedStatus
    source: str = Field(pattern=ID_PATTERN)
    note: str = Field(min_length=1)

    @field_validator("value")
    @classmethod
    def _no_bool(cls, value):
        if isinstance(value, bool):
            raise ValueError("must be a number or an ISO date, not true/false")
        return value

    @model_validator(mode="after")
    def _value_matches_unit(self):
        if self.unit == "date":
            if not isinstance(self.value, str):
                raise ValueError("a 'date' figure needs an ISO date string as value")
            dt.date.fromisoformat(self.value)
        elif isinstance(self.value, str):
            raise ValueError(f"value {self.value!r} is not a number (unit {self.unit!r})")
        return self


class FactsFile(Strict):
    sources: list[Source] = Field(min_length=1)
    figures: dict[str, dict[str, Figure]]

    @model_validator(mode="after")
    def _ids_and_references(self):
        ids = [s.id for s in self.sources]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate source id(s): {', '.join(duplicates)}")
        known = set(ids)
        for group, figures in self.figures.items():
            for name, figure in figures.items():
                for part in (group, name):
                    if not re.match(ID_PATTERN, part):
                        raise ValueError(f"figures.{group}.{name}: key part {part!r} must match {ID_PATTERN}")
                if figure.source not in known:
                    raise ValueError(
                        f"figures.{group}.{name}.source: unknown source id {figure.source!r}"
                        f" (known: {', '.join(sorted(known))})"
                    )
        return self
