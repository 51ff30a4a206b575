#!/usr/bin/env python3
"""List missing and outdated translations; stamp an English page as up to date.

Every Chinese page docs/x.md has an English twin docs/x.en.md. The English page's
front matter records which version of the Chinese page it translates:

    zh_hash: sha256:3f2a9c1b7d4e

Usage:
    scripts/translations.py                  # report; exit 1 if a pair is missing
    scripts/translations.py --strict         # also exit 1 if a translation is outdated or unstamped
    scripts/translations.py --stamp docs/architecture.en.md   # after updating the translation
    scripts/translations.py --stamp          # stamp every English page that has no stamp yet
    scripts/translations.py --docs DIR       # another docs folder (tests use a temporary copy)

An outdated page is listed with the git command that shows what changed in Chinese
since the translated version (when that version is found in the history).
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _load_freshness():
    """macros/freshness.py on its own (the package __init__ would load the whole data file)."""
    spec = importlib.util.spec_from_file_location("freshness", ROOT / "macros" / "freshness.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


freshness = _load_freshness()
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)


@dataclass
class Pair:
    zh: Path
    en: Path
    state: str  # current | outdated | unstamped | missing-en | missing-zh
    stamp: str = ""
    now: str = ""


def front_matter(text: str) -> dict:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    data = yaml.safe_load(match.group(1) or "") or {}
    return data if isinstance(data, dict) else {}


def pairs(docs: Path) -> list[Pair]:
    """Every page pair under docs/, with its translation state."""
    found = []
    for page in sorted(docs.rglob("*.md")):
        if page.name.endswith(freshness.EN_SUFFIX):
            zh = page.with_name(freshness.zh_twin_name(page.name))
            if not zh.exists():
                found.append(Pair(zh, page, "missing-zh"))
            continue
        en = page.with_name(page.name[: -len(".md")] + freshness.EN_SUFFIX)
        if not en.exists():
            found.append(Pair(page, en, "missing-en"))
            continue
        zh_text = page.read_text(encoding="utf-8")
        stamp = front_matter(en.read_text(encoding="utf-8")).get(freshness.STAMP_KEY) or ""
        found.append(Pair(page, en, freshness.status(zh_text, stamp), str(stamp), freshness.zh_hash(zh_text)))
    return found


def stamp(en: Path, value: str) -> None:
    """Write `zh_hash: <value>` into the English page's front matter, keeping everything else."""
    text = en.read_text(encoding="utf-8")
    line = f"{freshness.STAMP_KEY}: {value}\n"
    match = FRONT_MATTER.match(text)
    if not match:
        en.write_text(f"---\n{line}---\n\n{text}", encoding="utf-8")
        return
    head = match.group(1) or ""
    key = re.compile(rf"^{freshness.STAMP_KEY}:.*\n", re.M)
    head = key.sub(line, head) if key.search(head) else head + line
    en.write_text(f"---\n{head}---\n{text[match.end() :]}", encoding="utf-8")


def translated_commit(zh: Path, wanted: str) -> str | None:
    """The latest commit whose version of the Chinese page has the stamped hash, if git knows it."""
    try:
        repo = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=zh.parent, capture_output=True, text=True, check=True
        ).stdout.strip()
        rel = zh.resolve().relative_to(Path(repo).resolve()).as_posix()
        commits = subprocess.run(
            ["git", "log", "--format=%H", "-n", "50", "--", rel], cwd=repo, capture_output=True, text=True, check=True
        ).stdout.split()
        for commit in commits:
            old = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=repo, capture_output=True, check=True)
            if freshness.zh_hash(old.stdout.decode("utf-8", "replace")) == wanted:
                return commit
    except (OSError, ValueError, subprocess.CalledProcessError):
        return None
    return None


def report(found: list[Pair], docs: Path) -> str:
    def rel(path: Path) -> str:
        try:
            return path.relative_to(docs.parent).as_posix()
        except ValueError:
            return path.as_posix()

    lines = []
    for pair in found:
        if pair.state == "missing-en":
            lines.append(f"MISSING    {rel(pair.en)}  (no English twin of {rel(pair.zh)})")
        elif pair.state == "missing-zh":
            lines.append(f"MISSING    {rel(pair.zh)}  (no Chinese original of {rel(pair.en)})")
        elif pair.state == "outdated":
            lines.append(f"OUTDATED   {rel(pair.en)}  (translates {pair.stamp}; {rel(pair.zh)} is now {pair.now})")
            commit = translated_commit(pair.zh, pair.stamp)
            if commit:
                lines.append(f"           what changed: git diff {commit[:12]} -- {rel(pair.zh)}")
        elif pair.state == "unstamped":
            lines.append(f"UNSTAMPED  {rel(pair.en)}  (no {freshness.STAMP_KEY}; freshness unknown)")
    counts = {state: sum(p.state == state for p in found) for state in ("current", "outdated", "unstamped")}
    missing = sum(p.state.startswith("missing") for p in found)
    lines.append(
        f"{counts['current']} current, {counts['outdated']} outdated, {counts['unstamped']} unstamped, "
        f"{missing} missing"
    )
    if counts["outdated"] or counts["unstamped"]:
        lines.append("After updating a translation: scripts/translations.py --stamp docs/<page>.en.md")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="docs folder (default: docs/)")
    parser.add_argument("--strict", action="store_true", help="exit 1 on outdated or unstamped pages too")
    parser.add_argument(
        "--stamp",
        nargs="*",
        metavar="PAGE",
        default=None,
        help="record the current Chinese hash in these English pages (none: all unstamped)",
    )
    args = parser.parse_args(argv)
    docs = args.docs.resolve()
    found = pairs(docs)

    if args.stamp is not None:
        by_en = {p.en.resolve(): p for p in found if not p.state.startswith("missing")}
        by_zh = {p.zh.resolve(): p for p in found if not p.state.startswith("missing")}
        if args.stamp:
            targets = []
            for name in args.stamp:
                path = Path(name).resolve()
                pair = by_en.get(path) or by_zh.get(path)
                if pair is None:
                    print(f"error: {name} is not one page of a complete pair under {docs}", file=sys.stderr)
                    return 2
                targets.append(pair)
        else:
            targets = [p for p in found if p.state == "unstamped"]
        for pair in targets:
            stamp(pair.en, pair.now)
            print(f"stamped    {pair.en.name}  {freshness.STAMP_KEY}: {pair.now}")
        found = pairs(docs)

    print(report(found, docs))
    if any(p.state.startswith("missing") for p in found):
        return 1
    if args.strict and any(p.state in ("outdated", "unstamped") for p in found):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
