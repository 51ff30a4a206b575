"""The data changelog: which figures of data/facts.yml changed, per commit date, read from git.

    log = data_history(root)        # cached per process and HEAD
    log.available, log.reason       # False, "no_git" in a copy without history (tests, tarballs)
    for day in log.days: day.date, day.revs, day.changes, day.first

Each version of the file is read with `git show <rev>:./data/facts.yml` and parsed on its own (old
versions may not match today's schema: only value, unit, status and source are compared). The
changes of one day are the difference between the file at the end of that day and at the end of
the day before, so a value changed and changed back within a day is not listed.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

FACTS_PATH = "data/facts.yml"
COMPARED = ("value", "unit", "status", "source")  # the fields a reader sees; notes are for contributors
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Version:
    rev: str  # full commit id
    when: dt.datetime  # committer date, with its offset
    figures: dict  # key -> {"value", "unit", "status", "source", "sig", "form"}


@dataclass(frozen=True)
class Change:
    key: str
    before: dict | None  # None: added on that day
    after: dict | None  # None: removed on that day

    @property
    def kind(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"

    @property
    def fields(self) -> tuple[str, ...]:
        """Which compared fields differ (all of them for an added or removed figure)."""
        if self.before is None or self.after is None:
            return COMPARED
        return tuple(f for f in COMPARED if self.before.get(f) != self.after.get(f))


@dataclass(frozen=True)
class Day:
    date: str  # ISO day of the commits, in their own time zone: "2026-12-02"
    when: dt.datetime  # the last commit of the day
    revs: tuple[str, ...]  # commits of that day touching the file, newest first
    changes: tuple[Change, ...]
    first: bool = False  # the oldest version in the history: no "before" to compare with
    count: int = 0  # figures in the file at the end of the day


@dataclass(frozen=True)
class History:
    available: bool
    reason: str = ""  # why not: "no_git" (not a git work tree, or git missing), "no_commits"
    shallow: bool = False  # a shallow clone: older commits are missing, the first day is not the first version
    days: tuple[Day, ...] = ()  # newest first


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8", timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def figures_of(text: str) -> dict | None:
    """key -> compared fields of one version of the file; None when that version does not parse."""
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    groups = raw.get("figures") if isinstance(raw, dict) else None
    if not isinstance(groups, dict):
        return None
    found = {}
    for group, items in groups.items():
        for name, fig in (items or {}).items() if isinstance(items, dict) else ():
            if isinstance(fig, dict):
                fields = {f: fig.get(f) for f in (*COMPARED, "sig", "form")}
                if isinstance(fields["value"], dt.date):  # an unquoted date in an old version
                    fields["value"] = fields["value"].isoformat()
                found[f"{group}.{name}"] = fields
    return found


def diff(before: dict, after: dict) -> tuple[Change, ...]:
    """Changes from one version to the next, in the newer file's order (removed ones last)."""
    changes = [
        Change(key, before.get(key), fig)
        for key, fig in after.items()
        if key not in before or any(before[key].get(f) != fig.get(f) for f in COMPARED)
    ]
    changes += [Change(key, fig, None) for key, fig in before.items() if key not in after]
    return tuple(changes)


def read_history(root: str | Path, path: str = FACTS_PATH) -> History:
    """Every committed version of the file, compared day by day (not cached; see data_history)."""
    root = Path(root)
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        return History(available=False, reason="no_git")
    log = _git(root, "log", "--format=%H %cI", "--", path)
    entries = [line.split(" ", 1) for line in (log or "").splitlines() if line.strip()]
    versions = []
    for rev, when in reversed(entries):  # oldest first
        text = _git(root, "show", f"{rev}:./{path}")
        figures = figures_of(text) if text is not None else None
        if figures is not None:
            versions.append(Version(rev, dt.datetime.fromisoformat(when), figures))
    if not versions:
        return History(available=False, reason="no_commits")
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    runs: list[tuple[str, list[Version]]] = []  # consecutive commits of one day (history order, not sorted)
    for version in versions:
        date = version.when.date().isoformat()
        if runs and runs[-1][0] == date:
            runs[-1][1].append(version)
        else:
            runs.append((date, [version]))
    days, previous = [], None
    for date, group in runs:
        last = group[-1]
        changes = () if previous is None else diff(previous.figures, last.figures)
        revs = tuple(v.rev for v in reversed(group))
        days.append(Day(date, last.when, revs, changes, first=previous is None, count=len(last.figures)))
        previous = last
    return History(available=True, shallow=shallow, days=tuple(reversed(days)))


_cache: dict[tuple, History] = {}


def data_history(root: str | Path, path: str = FACTS_PATH) -> History:
    """read_history, cached per process for the repository's current HEAD (a new commit re-reads)."""
    root = Path(root).resolve()
    head = (_git(root, "rev-parse", "HEAD") or "").strip()
    key = (str(root), path, head)
    if key not in _cache:
        _cache[key] = read_history(root, path)
    return _cache[key]
