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
