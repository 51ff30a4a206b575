"""Schema of data/facts.yml, checked on every build (pydantic).

Besides types, the schema refuses what the site must never publish: impossible values (a negative
layer count, a share above 1), markup in texts that become HTML, and URLs that could carry
attributes or scripts. Errors name the key (macros/data.py adds the file).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Status words readers see. "derived" is never typed in the data file:
# derived figures are computed in macros/derived.py.
TypedStatus = Literal["official", "reported", "unverified"]
STATUSES = ("official", "reported", "derived", "unverified")

# Units by kind of quantity, with the values each admits (see CONTRIBUTING.md, FIG rules).
COUNT_UNITS = {"layers", "heads", "dimensions", "gpus", "epochs", "languages", "models", "stages", "steps", "tasks"}
MAYBE_NONE_UNITS = {"count", "experts"}  # whole numbers that can be 0 (no shared experts)
AMOUNT_UNITS = {
    "parameters",
    "tokens",
    "context",
    "bytes",
    "bytes_per_second",
    "flop",
    "usd",
    "usd_per_1k_tokens",
    "days",
    "times",
}
BOUNDED_UNITS = {"fraction": (0, 1), "score": (0, 100), "points_of_400": (0, 400)}
Unit = Literal[
    "parameters",
    "tokens",
    "context",
    "bytes",
    "bytes_per_second",
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
# A plain web address: no spaces, quotes, angle brackets, parentheses or braces, so it can never
# close an attribute or a Markdown link. http:// is admitted for the one source without https.
URL_PATTERN = r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~%!$&*+,;=:@/-]*)?(?:\?[A-Za-z0-9._~%!$&*+,;=:@/?-]*)?(?:#[A-Za-z0-9._~%!$&*+,;=:@/?-]*)?$"
ISO_PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def plain_text(value: str) -> str:
    """Texts that become link texts, titles or table cells: no markup, no template syntax."""
    if re.search(r"[<>]", value):
        raise ValueError("may not contain < or > (texts from data files are shown as text, not HTML)")
    if "{{" in value or "{%" in value:
        raise ValueError("may not contain {{ or {% (no macros in names and titles)")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(Strict):
    """A text in both languages; a missing language fails validation."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class PlainLabel(Label):
    @field_validator("zh", "en")
    @classmethod
    def _plain(cls, value: str) -> str:
        return plain_text(value)


class Source(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    url: str
    publisher: str = Field(min_length=1)
    date: str = Field(pattern=ISO_PARTIAL_DATE)
    # published: the date the source appeared; retrieved: a living page as read on that date
    date_kind: Literal["published", "retrieved"] = "published"
    label: PlainLabel

    @field_validator("title", "publisher")
    @classmethod
    def _plain(cls, value: str) -> str:
        return plain_text(value)

    @field_validator("url")
    @classmethod
    def _plain_url(cls, value: str) -> str:
        if not re.match(URL_PATTERN, value):
            raise ValueError(
                "must be a plain http(s):// address: no spaces, quotes, angle brackets, parentheses or braces,"
                " and no other scheme (javascript:, data: …)"
            )
        return value


class Figure(Strict):
    value: int | float | str
    unit: Unit
    status: TypedStatus
    source: str = Field(pattern=ID_PATTERN)
    note: str = Field(min_length=1)
    sig: int | None = Field(default=None, ge=1, le=6)  # significant figures shown (default per unit)
    form: Literal["exact", "compact"] | None = None  # override the unit's number form

    @field_validator("value")
    @classmethod
    def _no_bool(cls, value):
        if isinstance(value, bool):
            raise ValueError("must be a number or an ISO date, not true/false")
        return value

    @model_validator(mode="after")
    def _value_fits_unit(self):
        check_value(self.value, self.unit)
        return self


def check_value(value, unit: str) -> None:
    """Refuse a value that the unit makes impossible (used for typed and derived figures)."""
    if unit == "date":
        if not isinstance(value, str):
            raise ValueError("a 'date' figure needs an ISO date string as value")
        dt.date.fromisoformat(value)
        return
    if isinstance(value, str):
        raise ValueError(f"value {value!r} is not a number (unit {unit!r})")
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"value {value} is not a finite number")
    if unit in COUNT_UNITS:
        if value < 1 or value != int(value):
            raise ValueError(f"a count of {unit} must be a whole number of at least 1 (got {value})")
    elif unit in MAYBE_NONE_UNITS:
        if value < 0 or (unit == "experts" and value != int(value)):
            raise ValueError(f"a count of {unit} cannot be negative or fractional (got {value})")
    elif unit in AMOUNT_UNITS:
        if value <= 0:
            raise ValueError(f"an amount of {unit} must be greater than 0 (got {value})")
    elif unit in BOUNDED_UNITS:
        low, high = BOUNDED_UNITS[unit]
        if not low <= value <= high:
            raise ValueError(f"a {unit} must lie between {low} and {high} (got {value})")


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
