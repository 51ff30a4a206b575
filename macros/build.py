"""What the site adds to each MkDocs build (loaded through macros/hooks.py).

on_startup       under `mkdocs serve --dirty`, silence MkDocs' warning about dirty builds (strict mode
                 would turn it into an error on every rebuild)
on_config        load and validate every data file; run the docs rules (macros/checks.py) once per
                 process, so `build --strict` and `serve` fail naming the file and line
on_env           share compiled theme templates between the language builds and serve rebuilds
on_nav           after an edit to data/, macros/, overrides/ or mkdocs.yml, rebuild every page even in a
                 dirty rebuild (figures, words and templates appear on every page)
on_page_content  put the macros' HTML in (macros/stash.py), register its ids with MkDocs' anchor
                 validation, add glossary tooltips in the page's language
on_page_context  the page's "last updated" date from git, or none (macros/git_dates.py); a print view
                 (front matter `print_view:`) gets its chapters and words (macros/print_views.py)
on_post_build    one search index per language next to static-i18n's merged one; the open data
                 (data/facts.json, data/facts.csv, changelog feeds: macros/export.py); the list of
                 print views for the PDF step (print/documents.json)
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import reload
from .checks import check_docs
from .data import load_data
from .export import write_open_data
from .git_dates import GitDates
from .print_views import print_view, write_manifest
from .render.glossary import add_tooltips
from .stash import INLINE, STASH
from .yamlio import DataError

ID = re.compile(r'\sid="([^"]+)"')
_checked: dict[str, tuple] = {}
_dates: dict[str, GitDates] = {}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _docs_stamp(root: Path) -> tuple:
    files = sorted((root / "docs").rglob("*.md")) + sorted((root / "data").glob("*.yml"))
    return tuple((str(p), p.stat().st_mtime_ns) for p in files)


def on_config(config, **kwargs):
    root = _root(config)
    try:
        data = load_data(root)
    except DataError as error:
        raise PluginError(str(error)) from None
    stamp = _docs_stamp(root)
    if _checked.get(str(root)) != stamp:
        problems = check_docs(data.site, data.facts)
        if problems:
            raise PluginError(f"{len(problems)} problem(s) in the pages:\n  " + "\n  ".join(problems))
        _checked[str(root)] = stamp
    STASH.clear()
    _dates[str(root)] = GitDates(config.docs_dir)
    return config


class _DirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def on_startup(command, dirty, **kwargs):
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


def on_env(env, config, files, **kwargs):
    env.bytecode_cache = reload.TEMPLATES.cache  # compile Material's templates once per process
    return env


def on_nav(nav, config, files, **kwargs):
    """Runs after static-i18n has made each language's own File objects (the ones MkDocs builds)."""
    if reload.inputs_changed(_root(config), config.theme["language"]):
        for file in [*files.documentation_pages(), *(page.file for page in nav.pages)]:
            file.is_modified = lambda: True
    return nav


def on_page_content(html, page, config, **kwargs):
    filled = STASH.fill(html)
    if INLINE.search(filled):
        raise PluginError(f"{page.file.src_uri}: macro output left unfilled")
    for item in _toc_items(page.toc):
        if INLINE.search(item.title):
            raise PluginError(f"{page.file.src_uri}: heading {item.title!r}: no figures in headings")
    if page.present_anchor_ids is not None:  # ids in macro HTML count for MkDocs' anchor validation
        page.present_anchor_ids |= set(ID.findall(filled))
    if (page.meta or {}).get("glossary_tooltips", True):
        data = load_data(_root(config))
        filled = add_tooltips(filled, data.glossary, data.words, config.theme["language"])
    return filled


def on_page_context(context, page, config, nav, **kwargs):
    _dates[str(_root(config))].set_page_date(page, config.theme["language"])
    kind = (page.meta or {}).get("print_view")
    if kind:
        try:
            context["print_view"] = print_view(kind, page, nav, load_data(_root(config)), config.theme["language"])
        except (KeyError, ValueError) as error:
            raise PluginError(str(error).strip("'\"")) from None
    return context


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def on_post_build(config, **kwargs):
    split_search_index(config)
    write_open_data(config)
    write_manifest(load_data(_root(config)).site, config.site_dir)


def split_search_index(config) -> None:
    """search/search_index.<lang>.json with one language's entries, as compact UTF-8.

    static-i18n merges every language into one index, so each reader would download both (and get
    hits in both). overrides/assets/javascripts/i18n.js fetches the page language's file instead.
    """
    merged = Path(config.site_dir) / "search" / "search_index.json"
    site = load_data(_root(config)).site
    if not merged.exists() or len(site.languages) < 2:
        return
    index = json.loads(merged.read_text(encoding="utf-8"))
    others = [lang.prefix for lang in site.languages if lang.prefix]
    for lang in site.languages:
        if lang.prefix:
            docs = [d for d in index["docs"] if d["location"].startswith(lang.prefix)]
        else:
            docs = [d for d in index["docs"] if not any(d["location"].startswith(p) for p in others)]
        # its own language only: Material's search worker then loads no other lunr language support
        config = {**index["config"], "lang": [lang.code]}
        merged.with_name(f"search_index.{lang.code}.json").write_text(
            json.dumps({**index, "config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
