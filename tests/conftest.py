"""Shared fixtures: one strict build of both languages, and throw-away project copies."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from project import ROOT, copy_project, run_build  # noqa: E402

from macros.site import Site  # noqa: E402
from scripts.local_server import LocalServer  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once for the whole session (zh at /, en at /en/)."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over HTTP on 127.0.0.1, under site_url's path as on GitHub Pages
    (static-i18n writes some links as /<repo>/…). Returns the base URL, ending in "/"."""
    with LocalServer(built_site, prefix=urlsplit(Site.load().site_url).path) as server:
        yield server.url


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project to break on purpose."""
    return copy_project(tmp_path)
