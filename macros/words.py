"""Words as data: every reader-facing word the macros print comes from data/words.yml.

    words = load_words()
    words.t("status.reported.name", "zh")        # 传闻
    words.t("punct.paren", "en", text="2025")    # " (2025)"
    words.t("unit.layers", "en", plural_of=94)       # layers  (English plural by Babel's plural rules)

A missing key or language is a build error naming the key and the file, never an empty string.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from .yamlio import DataError, read_yaml

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "words.yml"
LOCALES = {"zh": "zh_Hans_CN", "en": "en_US"}
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def placeholders(text: str) -> set[str]:
    """Names in a text's {braces}; anything but a plain name is refused (no attribute access)."""
    names = set()
    for _, field, spec, conversion in string.Formatter().parse(text):
        if field is None:
            continue
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", field) or spec or conversion:
            raise ValueError(f"placeholder {{{field}}} must be a plain lower-case name")
        names.add(field)
    return names


@dataclass(frozen=True)
class Words:
    path: Path
    entries: dict  # "status.reported.name" -> {"zh": ..., "en": ... or {"one", "other"}}
    languages: tuple[str, ...]

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def t(self, key: str, lang: str, plural_of: float | None = None, **values) -> str:
        try:
            entry = self.entries[key]
        except KeyError:
            near = [k for k in self.entries if k.rsplit(".", 1)[-1] == key.rsplit(".", 1)[-1]][:3]
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            raise KeyError(f"{self.path.name}: no entry {key!r}{hint}") from None
        if lang not in entry:
            raise KeyError(f"{self.path.name}: {key} has no {lang!r} text")
        text = entry[lang]
        if isinstance(text, dict):
            form = Locale.parse(LOCALES[lang]).plural_form(plural_of if plural_of is not None else 2)
            text = text.get(form, text["other"])
        if not values:
            return text
        missing = placeholders(text) - values.keys()
        if missing:
            raise KeyError(f"{self.path.name}: {key} needs {', '.join(sorted(missing))}")
        return text.format_map(values)

    def each(self, prefix: str) -> list[str]:
        """The keys directly under a prefix, in file order: each("status") -> ["official", ...]."""
        seen = []
        for key in self.entries:
            if key.startswith(prefix + "."):
                head = key[len(prefix) + 1 :].split(".", 1)[0]
                if head not in seen:
                    seen.append(head)
        return seen


def _flatten(tree: dict, languages: tuple[str, ...], path: Path, prefix: str = "") -> dict:
    entries = {}
    for name, value in tree.items():
        key = f"{prefix}{name}"
        if not isinstance(value, dict):
            raise DataError(f"{path}: {key}: expected texts per language ({', '.join(languages)}), got {value!r}")
        if set(value) & set(languages):
            if set(value) != set(languages):
                raise DataError(
                    f"{path}: {key}: needs exactly the languages {', '.join(languages)}, has {sorted(value)}"
                )
            names = {}
            for lang, text in value.items():
                texts = list(text.values()) if isinstance(text, dict) else [text]
                if isinstance(text, dict) and set(text) - {"one", "other"} | ({"other"} - set(text)):
                    raise DataError(f"{path}: {key}.{lang}: plural forms are {{one, other}}")
                for form in texts:
                    if not isinstance(form, str) or not form.strip():
                        raise DataError(f"{path}: {key}.{lang}: empty or not text")
                    try:
                        names[lang] = names.get(lang, set()) | placeholders(form)
                    except ValueError as error:
                        raise DataError(f"{path}: {key}.{lang}: {error}") from None
            if len({frozenset(n) for n in names.values()}) > 1:
                raise DataError(
                    f"{path}: {key}: the languages use different placeholders: "
                    + "; ".join(f"{lang} {sorted(n)}" for lang, n in names.items())
                )
            entries[key] = value
        else:
            entries.update(_flatten(value, languages, path, key + "."))
    return entries


def load_words(path: str | Path = WORDS_FILE, languages: tuple[str, ...] = ("zh", "en")) -> Words:
    path = Path(path)
    tree = read_yaml(path)
    if not isinstance(tree, dict):
        raise DataError(f"{path}: expected a mapping of word keys")
    return Words(path, _flatten(tree, languages, path), languages)
