"""MkDocs hooks of the site (mkdocs.yml `hooks:`): a thin loader for macros/build.py.

MkDocs loads this file by path; it puts the project root on sys.path and looks macros.build up at
each call, so a module reloaded under `mkdocs serve` (macros/reload.py) is the one that runs.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = str(Path(__file__).resolve().parent.parent)


def _build():
    if ROOT not in sys.path:  # MkDocs restores sys.path after loading this file, so add it here
        sys.path.insert(0, ROOT)
    return importlib.import_module("macros.build")


@event_priority(100)  # before static-i18n and mkdocs-macros: bad data stops the build first
def on_config(config, **kwargs):
    return _build().on_config(config, **kwargs)


def on_startup(command, dirty, **kwargs):
    return _build().on_startup(command, dirty, **kwargs)


@event_priority(-150)  # after static-i18n (-100), which makes each language's own pages
def on_nav(nav, config, files, **kwargs):
    return _build().on_nav(nav, config, files, **kwargs)


def on_env(env, config, files, **kwargs):
    return _build().on_env(env, config, files, **kwargs)


def on_page_content(html, **kwargs):
    return _build().on_page_content(html, **kwargs)


def on_page_context(context, **kwargs):
    return _build().on_page_context(context, **kwargs)


@event_priority(-200)  # after static-i18n (-100), whose on_post_build writes the merged search index
def on_post_build(config, **kwargs):
    return _build().on_post_build(config, **kwargs)
