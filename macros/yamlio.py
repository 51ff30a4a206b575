"""Read the project's YAML files: the C parser, duplicate keys refused, errors that name file and line.

Every data file and mkdocs.yml goes through `read_yaml`, so a key given twice, bytes that are not
UTF-8 or broken syntax stop the build with `<file>:<line>: …` instead of a silent last-one-wins.
Parsed files are cached per process and re-read only when their modification time changes
(`mkdocs serve` rebuilds reuse them).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

# The C parser is ~10× faster; fall back to the pure-Python one where libyaml is missing.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataError(Exception):
    """A data or config file is unreadable or invalid; the message names the file and the key or line."""


class _UniqueKeyLoader(_BaseLoader):
    """SafeLoader that refuses a mapping key given twice (PyYAML keeps the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DataError(f"{self.name}:{line}: key {key!r} is given twice (first at line {seen[key]})")
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def _env_tag(loader, node):
    """mkdocs.yml's `!ENV [NAME, default]` (the same rule as MkDocs: first variable set, else the default)."""
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *names, default = values if len(values) > 1 else (*values, None)
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


class _ConfigLoader(_UniqueKeyLoader):
    """For mkdocs.yml: `!ENV` resolved, Python tags (`!!python/name:…`) kept as their tag text."""


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: f"!!python/{suffix}")

_cache: dict[tuple[str, bool], tuple[int, Any]] = {}


def line_of(path: str | Path, loc: tuple) -> int | None:
    """The line of the value at a key path ("terms", 0, "name") in a YAML file, for error messages.

    A key that is missing gives the line of the deepest part that exists; None if the file does not parse.
    """
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=_BaseLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    line = None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
    return node.start_mark.line + 1 if node is not None else line


def read_yaml(path: str | Path, config: bool = False) -> Any:
    """Parse one YAML file (cached on its modification time). config=True for mkdocs.yml's tags."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    cache_key = (str(path.resolve()), config)
    cached = _cache.get(cache_key)
    if cached and cached[0] == stamp:
        return cached[1]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(f"{path}:{line}: not UTF-8 (byte {raw[error.start]:#04x} at offset {error.start})") from None
    data = parse_yaml(text, str(path), config)
    _cache[cache_key] = (stamp, data)
    return data


def parse_yaml(text: str, name: str, config: bool = False) -> Any:
    """Parse YAML text from the file `name` (errors say `<name>:<line>: …`); uncached."""
    loader = (_ConfigLoader if config else _UniqueKeyLoader)(text)
    loader.name = name
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{name}:{mark.line + 1}" if mark else name
        raise DataError(f"{where}: not valid YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise DataError(f"{name}: not valid YAML: {error}") from None
    finally:
        loader.dispose()
