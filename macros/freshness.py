"""Translation freshness: does an English page still translate the current Chinese text?

Each `x.en.md` records in its front matter the hash of the `x.md` it translates::

    zh_hash: sha256:3f2a9c1b7d4e

`scripts/translations.py` lists missing and outdated pairs and writes the stamp
(`--stamp`); during the build, `register(env)` marks every English page with
`page.meta["translation_status"]` ("current", "outdated" or "unstamped"), and
`overrides/main.html` shows readers a notice that links to the Chinese original.

This module has no imports from the rest of the package, so the script can load
it on its own.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

STAMP_KEY = "zh_hash"
PREFIX = "sha256:"
DIGEST_CHARS = 12
EN_SUFFIX = ".en.md"


def zh_hash(text: str) -> str:
    """The stamp for a Chinese source text, insensitive to line endings and trailing blanks."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    normalized = "\n".join(lines).strip("\n") + "\n"
    return PREFIX + hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def zh_twin_name(en_name: str) -> str:
    """`architecture.en.md` -> `architecture.md`."""
    return en_name[: -len(EN_SUFFIX)] + ".md"


def status(zh_text: str, stamp: object) -> str:
    """Compare a stamp with the Chinese text: current, outdated, or unstamped (no stamp yet)."""
    if not stamp:
        return "unstamped"
    return "current" if str(stamp).strip() == zh_hash(zh_text) else "outdated"


def mark_page(env) -> None:
    """mkdocs-macros pre-render hook: set page.meta["translation_status"] on English pages."""
    page = env.page
    src_uri = page.file.src_uri
    if not src_uri.endswith(EN_SUFFIX):
        return
    zh_file = Path(env.conf["docs_dir"]) / zh_twin_name(src_uri)
    if not zh_file.is_file():  # a missing pair is reported by the script and fails the tests
        return
    page.meta["translation_status"] = status(zh_file.read_text(encoding="utf-8"), page.meta.get(STAMP_KEY))


def register(env) -> None:
    """Run `mark_page` before macros render each page (define_env runs once per language build)."""
    if mark_page not in env.pre_macro_functions:
        env.pre_macro_functions.append(mark_page)
