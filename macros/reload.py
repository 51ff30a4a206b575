"""Reload this package's modules when their source changed (mkdocs serve keeps imported modules)."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_seen: dict[str, int] = {}


def _stamps() -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in PACKAGE.rglob("*.py")}


def if_changed() -> bool:
    """Forget every submodule (not the package itself) if a file changed since the last build."""
    global _seen
    now = _stamps()
    changed = bool(_seen) and now != _seen
    _seen = now
    if changed:
        for name in [n for n in sys.modules if n.startswith(__package__ + ".") and n != __name__]:
            del sys.modules[name]
    return changed


_inputs: dict[tuple[str, str], tuple] = {}


def inputs_changed(root: Path, lang: str) -> bool:
    """Did data/, macros/, overrides/ or mkdocs.yml change since this language was last built here?

    Kept in this module because it survives `if_changed` (the other modules are re-imported).
    """
    paths = [root / "mkdocs.yml", *sorted((root / "data").rglob("*")), *sorted(PACKAGE.rglob("*.py"))]
    paths += sorted((root / "overrides").rglob("*"))
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in paths if p.is_file())
    key = (str(root), lang)
    changed = key in _inputs and _inputs[key] != stamp
    _inputs[key] = stamp
    return changed


class TemplateCache:
    """Jinja bytecode kept in memory for the whole process (a jinja2 BytecodeCache).

    static-i18n builds the site once per language and `serve` rebuilds on every save, each time with a
    fresh theme environment that would compile Material's templates again. Buckets are keyed on the
    template's name and source checksum, so an edited template is compiled anew. Lives here because
    this module survives `if_changed`.
    """

    def __init__(self):
        from jinja2 import BytecodeCache

        class _Memory(BytecodeCache):
            store: dict = {}

            def load_bytecode(self, bucket):
                code = self.store.get(bucket.key)
                if code is not None:
                    bucket.bytecode_from_string(code)

            def dump_bytecode(self, bucket):
                self.store[bucket.key] = bucket.bytecode_to_string()

        self.cache = _Memory()


TEMPLATES = TemplateCache()
