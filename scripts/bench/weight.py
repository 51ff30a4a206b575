"""Page weight per first visit (HTML, CSS, JS, search index, images; raw and gzip) and the search index.

Each page is opened in a fresh browser profile against the built site on a local gzip server (as
GitHub Pages sends it); "with search" adds what opening search downloads (i18n.js holds the index
until the reader heads for search).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from scripts.chromium import launch
from scripts.local_server import COMPRESSED_TYPES


def category(url: str, ctype: str) -> str:
    path = urlsplit(url).path
    if re.search(r"/search_index(\.[\w-]+)?\.json$", path):
        return "index"
    if "html" in ctype:
        return "html"
    if "css" in ctype:
        return "css"
    if "javascript" in ctype or path.endswith(".js"):
        return "js"
    if ctype.startswith("image/") or path.endswith((".png", ".svg", ".ico", ".jpg", ".webp")):
        return "img"
    if "font" in ctype:
        return "font"
    return "other"


def measure_weight(base: str, pages: list[tuple[str, str]]) -> list[dict]:
    """Per page, in a fresh browser profile: what the page view downloads, then what opening search
    adds (i18n.js holds the search index until the reader heads for search)."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for label, path in pages:
            context = browser.new_context()
            page = context.new_page()
            responses = []
            page.on("response", lambda response, seen=responses: seen.append(response))
            page.goto(base + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            view = len(responses)
            with page.expect_response(lambda r: "search_index" in r.url, timeout=30_000):
                page.hover(".md-search__input")
                page.focus(".md-search__input")
            for _ in range(40):  # then the worker loads lunr: wait for a second without new responses
                seen = len(responses)
                page.wait_for_timeout(1000)
                if len(responses) == seen:
                    break
            sizes: dict[str, list[int]] = {}
            totals = {"view": [0, 0], "search": [0, 0]}
            for n, response in enumerate(responses):
                if response.status >= 300 or urlsplit(response.url).scheme not in ("http", "https"):
                    continue
                try:
                    body = response.body()
                except Exception:  # noqa: BLE001 - a body the browser no longer holds
                    continue
                ctype = response.headers.get("content-type", "")
                compressed = len(gzip.compress(body, 6)) if COMPRESSED_TYPES.search(ctype) else len(body)
                for bucket in (
                    sizes.setdefault(category(response.url, ctype), [0, 0]),
                    totals["view" if n < view else "search"],
                ):
                    bucket[0] += len(body)
                    bucket[1] += compressed
            results.append(
                {
                    "page": label,
                    "path": path,
                    "sizes": sizes,
                    "view": totals["view"],
                    "with_search": [totals["view"][0] + totals["search"][0], totals["view"][1] + totals["search"][1]],
                    "requests": (view, len(responses)),
                }
            )
            context.close()
        browser.close()
    return results


def index_figures(site: Path, locales: list[str]) -> dict:
    """The merged index static-i18n writes, and the per-language files readers download
    (macros/build.py (split_search_index)), with each file's largest entries."""
    figures = {}
    for name in ["search_index.json"] + [f"search_index.{locale}.json" for locale in locales]:
        path = site / "search" / name
        if not path.exists():
            continue
        data = path.read_bytes()
        docs = json.loads(data)["docs"]
        largest = sorted(docs, key=lambda d: -len(d["text"]))[:3]
        figures[name] = {
            "entries": len(docs),
            "raw": len(data),
            "gzip": len(gzip.compress(data, 6)),
            "largest": [(d["location"], len(d["text"])) for d in largest],
        }
    return figures
