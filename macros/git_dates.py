"""Each page's "last updated" date, from git, or no date at all (called from macros/build.py).

Replaces mkdocs-git-revision-date-localized-plugin 1.6.3, which asks `git log --diff-filter=r`
for each file: git 2.39 (Debian 12) answers that with nothing, so the plugin logged "has no git
logs, using current timestamp" and every page showed the build date. Here one `git log` over
docs/ per build gives every file the author date (UTC) of the last commit that touched it. A
file git cannot date (a temporary copy, an uncommitted page, a shallow clone's cut-off commit)
gets no date and an INFO line, not a warning, so strict builds of temporary copies still pass.

The date goes where Material's partials/source-file.html reads it,
page.meta["git_revision_date_localized"], in the plugin's markup (tests look for its class),
formatted by Babel in the build's language: static-i18n rebuilds English with
theme.language = en. It also becomes page.update_date, the sitemap's <lastmod>.
"""

from __future__ import annotations

import logging
import subprocess
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from babel.dates import format_date

from .words import LOCALES

log = logging.getLogger("mkdocs.hooks.git_dates")


def read_git_dates(docs_dir: str) -> tuple[dict[str, int | None], str]:
    """{path relative to docs_dir: author timestamp of its last commit}, newest commit first.

    None marks a shallow clone's cut-off ("grafted") commit: every file seems added there."""
    command = [
        "git",
        "-c",
        "core.quotepath=off",
        "log",
        "--no-show-signature",
        "--format=%x00%at %D",
        "--name-only",
        "--relative",
        "--",
        ".",
    ]
    try:
        result = subprocess.run(command, cwd=docs_dir, capture_output=True, text=True, encoding="utf-8")
    except OSError:
        return {}, "git is not installed"
    if result.returncode != 0:
        return {}, "not in a git repository" if "not a git repository" in result.stderr else result.stderr.strip()
    dates: dict[str, int | None] = {}
    for entry in result.stdout.split("\0")[1:]:
        header, _, names = entry.partition("\n")
        stamp, _, refs = header.partition(" ")
        when = None if "grafted" in refs.split(", ") else int(stamp)
        for name in names.splitlines():
            if name:
                dates.setdefault(name, when)
    return dates, "not committed"


class GitDates:
    """The dates of one build: read once in on_config (a rebuild sees new commits)."""

    def __init__(self, docs_dir: str):
        self.docs_dir = docs_dir
        self.dates, self.missing_reason = read_git_dates(docs_dir)

    def set_page_date(self, page, language: str) -> None:
        source = Path(page.file.abs_src_path).relative_to(self.docs_dir).as_posix()
        timestamp = self.dates.get(source)
        if timestamp is None:
            reason = "shallow clone (fetch the full history)" if source in self.dates else self.missing_reason
            log.info(f"git_dates: no last-updated date for {Path(self.docs_dir).name}/{source}: {reason}")
            return
        day = datetime.fromtimestamp(timestamp, UTC).date()
        text = escape(format_date(day, format="long", locale=LOCALES[language]))
        page.meta["git_revision_date_localized"] = (
            '<span class="git-revision-date-localized-plugin git-revision-date-localized-plugin-date">'
            f'<time datetime="{day.isoformat()}">{text}</time></span>'
        )
        page.update_date = day.isoformat()
