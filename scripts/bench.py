#!/usr/bin/env python3
"""Benchmark the site: build time, page weight, search index, live reload, Lighthouse, PDFs.

    make bench                        # everything (about 5-10 minutes on 2 cores)
    .venv/bin/python scripts/bench.py --runs 3 --skip lighthouse,reload --json bench.json

Prints figures and the project's targets (met or missed, and why); asserts nothing, exits 0
unless a measurement could not be taken at all. Works in throw-away copies and temp dirs: never
touches site/ or the working tree.

Measured:
  build      cold and warm `mkdocs build --strict` of both languages (median of --runs). Cold = a
             fresh Python bytecode cache and jieba dictionary cache (the OS file cache stays warm).
  baseline   the same pages built by plain MkDocs + Material (no i18n, no macros: every {{ … }}
             replaced by a word, English pages under en/), same Markdown extensions and search
             settings; the ratio to it is the cost of i18n + macros. A zh-only plain build is shown too.
  weight     per page, first visit with an empty cache: HTML, CSS, JS, search index, images; raw
             and gzip (what GitHub Pages sends), for the home page and every page in the nav, both
             languages. The site is served by a local gzip server under site_url's path, built with
             site_url pointed at that server (so canonical and hreflang links are same-origin, as in
             production).
  index      the search index: static-i18n's merged file and the per-language files pages download
             (macros/build.py (split_search_index)); entries, raw and gzip size, largest entry.
  reload     `mkdocs serve` in a copy of the project: time from saving a page to the served page
             showing the edit (median of 3).
  lighthouse mobile (Lighthouse's default: Moto G Power, slow 4G, simulated throttling), home and
             the first chapter in each language: performance, accessibility, best practices, SEO.
  pdf        scripts/pdf_bench.py, if present.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT))
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from scripts.local_server import COMPRESSED_TYPES, LocalServer  # noqa: E402
from tests.project import copy_project  # noqa: E402

CHROME_FLAGS = ["--headless=new", "--disable-dev-shm-usage", *CHROMIUM_ARGS]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
SECTIONS = ("build", "baseline", "weight", "index", "reload", "lighthouse", "pdf")

TARGET_BUILD_RATIO = 1.5
TARGET_FIRST_LOAD_KB = 150
TARGET_LIGHTHOUSE = 95

# GitHub Pages compresses these with gzip; images such as PNG go as they are.


# --- small helpers ------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(headers: list[str], rows: list[list], aligns: str | None = None) -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    aligns = aligns or "l" + "r" * (len(headers) - 1)
    out = []
    for n, row in enumerate(cells):
        out.append("  ".join(c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(row, widths, aligns)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_config(path: Path) -> dict:
    """mkdocs.yml with its tags (!ENV, !!python/…) read as plain values."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def site_prefix(config: dict) -> str:
    path = urlsplit(config.get("site_url") or "").path.strip("/")
    return f"/{path}/" if path else "/"


def mkdocs_build(config: Path, site: Path, env: dict, strict: bool = True, attempts: int = 3) -> float:
    """Seconds for one `mkdocs build`; retried when the tree is mid-edit (others work in it too)."""
    command = [PY, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    if strict:
        command.insert(4, "--strict")
    for attempt in range(attempts):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode == 0:
            return elapsed
        log(f"build failed (attempt {attempt + 1}): {(result.stderr or result.stdout).strip()[-400:]}")
        time.sleep(5)
    raise RuntimeError(f"mkdocs build of {config} failed {attempts} times")


def build_env(cache_root: Path) -> dict:
    """Environment with private caches: jieba writes its dictionary cache to TMPDIR, Python its
    bytecode to PYTHONPYCACHEPREFIX. A new cache_root = a cold build."""
    (cache_root / "tmp").mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "TMPDIR": str(cache_root / "tmp"),
        "PYTHONPYCACHEPREFIX": str(cache_root / "pycache"),
        "NO_MKDOCS_2_WARNING": "1",
    }


def time_builds(config: Path, work: Path, runs: int, cold_runs: int, strict: bool = True) -> dict:
    cold = []
    for n in range(cold_runs):
        cold.append(mkdocs_build(config, work / f"cold-site-{n}", build_env(work / f"cold-cache-{n}"), strict))
    env = build_env(work / "warm-cache")
    mkdocs_build(config, work / "warm-site", env, strict)  # fills the caches
    warm = [mkdocs_build(config, work / "warm-site", env, strict) for _ in range(runs)]
    return {"cold": cold, "warm": warm, "cold_median": median(cold), "warm_median": median(warm)}


# --- baseline: plain MkDocs + Material ----------------------------------------------------------

JINJA = [
    (re.compile(r"\{\{.*?\}\}", re.S), "placeholder"),
    (re.compile(r"\{%.*?%\}", re.S), ""),
    (re.compile(r"\{#.*?#\}", re.S), ""),
]


def plain_project(dest: Path, languages: tuple[str, ...]) -> Path:
    """The site's pages without i18n and macros: zh at the root, en under en/ (when asked)."""
    config = load_config(ROOT / "mkdocs.yml")
    docs = dest / "docs"
    for source in sorted((ROOT / "docs").rglob("*")):
        if source.is_dir():
            continue
        rel = source.relative_to(ROOT / "docs")
        if source.name.endswith(".en.md"):
            if "en" not in languages:
                continue
            target = docs / "en" / rel.with_name(source.name[: -len(".en.md")] + ".md")
        else:
            target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".md":
            text = source.read_text(encoding="utf-8")
            for pattern, replacement in JINJA:
                text = pattern.sub(replacement, text)
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copy2(source, target)
    # Same Markdown extensions (copied as text: they contain Python tags) and search settings.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = re.search(r"^markdown_extensions:\n(?:[ #].*\n|\n)*", text, re.M)
    search = next((p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p), None) or {}
    theme = {"name": "material", "language": "zh", "font": False, "features": config["theme"].get("features", [])}
    head = yaml.safe_dump(
        {"site_name": "plain baseline", "theme": theme, "plugins": [{"search": search}]},
        allow_unicode=True,
        sort_keys=False,
    )
    (dest / "mkdocs.yml").write_text(head + (extensions.group(0) if extensions else ""), encoding="utf-8")
    return dest / "mkdocs.yml"


def nav_pages(config: dict) -> list[str]:
    """Paths (under the site root) of the pages in the nav, in order: "", "architecture/", …"""

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
                name = value[: -len(".md")]
                yield "" if name == "index" else (name.removesuffix("/index") + "/")

    return list(walk(config.get("nav") or []))


def languages_of(config: dict) -> tuple[str, list[str]]:
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = plugin["i18n"]["languages"]
            default = next(lang["locale"] for lang in langs if lang.get("default"))
            return default, [lang["locale"] for lang in langs if lang["locale"] != default]
    return "zh", []


# --- page weight --------------------------------------------------------------------------------


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
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS[1:])
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


# --- search index -------------------------------------------------------------------------------


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


# --- live reload --------------------------------------------------------------------------------


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - not up yet, or mid-rebuild
        return None


def measure_reload(work: Path, page: str, edits: int = 3) -> list[float]:
    project = copy_project(work / "serve-project")
    config = load_config(project / "mkdocs.yml")
    port = free_port()
    base = f"http://127.0.0.1:{port}{site_prefix(config)}"
    source = project / "docs" / (page.rstrip("/") + ".md" if page else "index.md")
    out = open(work / "serve.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [PY, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=build_env(work / "serve-cache"),
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    times = []
    try:
        deadline = time.time() + 300
        while fetch(base + page) is None:
            if server.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"mkdocs serve did not come up; see {work / 'serve.log'}")
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle after the first build
        original = source.read_text(encoding="utf-8")
        for _ in range(edits):
            marker = f"bench-{uuid.uuid4().hex[:12]}"
            source.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
            start = time.perf_counter()
            while True:
                body = fetch(base + page)
                if body and marker in body:
                    break
                if time.perf_counter() - start > 300:
                    raise RuntimeError("the edit never showed up")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            time.sleep(2)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        out.close()
    return times


# --- Lighthouse ---------------------------------------------------------------------------------

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(url: str, out: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed for {url}: {result.stderr[-600:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = {}
    for c in CATEGORIES:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.setdefault(c, []).append(f"{ref['id']} ({audit['score']:.2f})")
    bootup = [
        (
            urlsplit(item["url"]).path.rsplit("/", 1)[-1] or urlsplit(item["url"]).path or item["url"],
            round(item["total"]),
        )
        for item in (report["audits"].get("bootup-time", {}).get("details") or {}).get("items", [])[:3]
        if isinstance(item.get("total"), (int, float))
    ]
    metrics = {
        k: report["audits"][k].get("displayValue", "")
        for k in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
        )
        if k in report["audits"]
    }
    return {"scores": scores, "failing": failing, "metrics": metrics, "bootup": bootup}


# --- what a missed target means (from profiling this site, 2026-11) -----------------------------

BUILD_NOTE = (
    "both builds render the same pages once each, so the gap is the macros' work. Profiled: every "
    "{{ fig(...) }} and chart expands into HTML before Markdown runs, so Python-Markdown's block processors "
    "scan pages several times their source size (most of the extra time, ~110k regex searches); jieba then "
    "segments the larger text for search; and static-i18n re-runs the whole build per language, so macros' "
    "define_env (loading and validating data/) and the theme setup happen twice. What it would take: macros "
    "that emit short placeholders replaced after Markdown (on_post_page), data loaded once per process rather "
    "than once per language, generated tables kept out of the search index; building the two languages in "
    "parallel (BUILD_ONLY_LOCALE) would halve the wall time on 2 cores."
)


def first_load_note(heaviest: dict, breakdown: str, index: dict) -> str:
    biggest = ", ".join(
        f"{loc} {kb(n)} KB" for name, f in index.items() if name != "search_index.json" for loc, n in f["largest"][:1]
    )
    return (
        f"heaviest chapter {heaviest['page']}: {breakdown} KB gzip, counting the search index and lunr, which "
        f"i18n.js fetches only when the reader heads for search (the page view alone is "
        f"{kb(heaviest['view'][1])} KB). Material's JS (bundle, search worker, lunr) and CSS are a fixed ~80 KB, and "
        "the index is already the page's language only. What it would take: keep long generated tables out of "
        f"the index (largest entries: {biggest}; `search: exclude: true` in front matter or "
        "`data-search-exclude` on the table)."
    )


def lighthouse_note(bootup: list[tuple[str, int]]) -> str:
    return (
        ". Main-thread time by script on the last page (simulated ms): "
        + ", ".join(f"{name} {ms}" for name, ms in bootup)
        + ". Performance is lost on Total Blocking Time: Material's bundle mounting its components "
        "(navigation, table of contents, header) on DOMContentLoaded, a task that grows with the page's size "
        "(Lighthouse attributes it to the first DOMContentLoaded listener, i18n.js). Lighthouse multiplies the "
        "main-thread time it observes on this machine by 4, so a loaded 2-core box scores lower than a phone "
        "would, and scores vary by about ±10 between runs (--lighthouse-runs 3 takes the median). What it "
        "would take: lighter pages (the longest chapters carry large inline charts and tables; split them or "
        "render charts as images), and fewer Material features that watch the page (toc.follow, "
        "navigation.top)."
    )


# --- the run ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="warm builds per configuration (median); default 5")
    parser.add_argument("--cold-runs", type=int, default=2, help="cold builds per configuration; default 2")
    parser.add_argument("--lighthouse-runs", type=int, default=1, help="Lighthouse runs per page (median)")
    parser.add_argument("--skip", default="", help=f"comma-separated sections to skip: {','.join(SECTIONS)}")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {sorted(unknown)}")

    config = load_config(ROOT / "mkdocs.yml")
    default, others = languages_of(config)
    prefix = site_prefix(config)
    figures: dict = {}
    targets: list[tuple[str, str, bool | None, str]] = []  # (target, measured, met, note)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    print(
        f"Benchmark of {ROOT.name} ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}); work dir {work}\n"
    )

    try:
        # Build times --------------------------------------------------------------------------
        if "build" not in skip:
            log("timing builds of the site (both languages, i18n + macros)")
            figures["build"] = time_builds(ROOT / "mkdocs.yml", work / "build", args.runs, args.cold_runs)
        if "baseline" not in skip:
            log("timing plain MkDocs + Material builds of the same pages")
            both = plain_project(work / "plain-both", (default, *others))
            figures["baseline"] = time_builds(both, work / "plain-both-build", args.runs, args.cold_runs, strict=False)
            zh_only = plain_project(work / "plain-zh", (default,))
            figures["baseline_zh"] = time_builds(zh_only, work / "plain-zh-build", args.runs, 1, strict=False)
        if "build" in figures:
            rows = [["site: both languages, i18n + macros", figures["build"]]]
            if "baseline" in figures:
                rows += [
                    ["plain MkDocs + Material, same pages (zh + en)", figures["baseline"]],
                    ["plain MkDocs + Material, zh pages only", figures["baseline_zh"]],
                ]
            print("Build time (seconds; median, runs in brackets)")
            print(
                table(
                    ["build", "cold", "warm", "warm runs"],
                    [
                        [
                            name,
                            f"{b['cold_median']:.2f}",
                            f"{b['warm_median']:.2f}",
                            " ".join(f"{t:.1f}" for t in b["warm"]),
                        ]
                        for name, b in rows
                    ],
                )
            )
            if "baseline" in figures:
                ratio = figures["build"]["warm_median"] / figures["baseline"]["warm_median"]
                cold_ratio = figures["build"]["cold_median"] / figures["baseline"]["cold_median"]
                figures["build_ratio"] = {"warm": ratio, "cold": cold_ratio}
                print(f"\nOverhead of i18n + macros: {ratio:.2f}× warm, {cold_ratio:.2f}× cold (plain, same pages = 1)")
                met = ratio <= TARGET_BUILD_RATIO
                note = "" if met else BUILD_NOTE
                targets.append((f"build overhead ≤ {TARGET_BUILD_RATIO}× plain", f"{ratio:.2f}×", met, note))
            print()

        # Search index -------------------------------------------------------------------------
        measurement_site = None
        port = free_port()
        if {"weight", "index", "lighthouse"} - skip:
            log("building the site for measurement (site_url on the local server)")
            project = copy_project(work / "measure-project")
            text = (project / "mkdocs.yml").read_text(encoding="utf-8")
            local_url = f"http://127.0.0.1:{port}{prefix}"
            text = re.sub(r"^site_url:.*$", f"site_url: {local_url}", text, count=1, flags=re.M)
            (project / "mkdocs.yml").write_text(text, encoding="utf-8")
            measurement_site = work / "measure-site"
            mkdocs_build(project / "mkdocs.yml", measurement_site, build_env(work / "measure-cache"))

        index = index_figures(measurement_site, [default, *others]) if measurement_site else {}
        if "index" not in skip and index:
            figures["index"] = index
            print("Search index (a page downloads its language's file; the merged one is static-i18n's)")
            rows = [
                [
                    f"search/{name}",
                    f["entries"],
                    kb(f["raw"]),
                    kb(f["gzip"]),
                    f"{f['largest'][0][0]} ({kb(f['largest'][0][1])} KB)",
                ]
                for name, f in index.items()
            ]
            print(table(["file", "entries", "raw KB", "gzip KB", "largest entry (text)"], rows, "lrrrl"))
            print()

        # Page weight --------------------------------------------------------------------------
        server = LocalServer(measurement_site, prefix, port, gzip=True) if measurement_site else None
        try:
            if "weight" not in skip and server:
                pages = nav_pages(config)
                targets_pages = [(f"{default}:/{p}", p) for p in pages] + [
                    (f"{lang}:/{lang}/{p}", f"{lang}/{p}") for lang in others for p in pages
                ]
                log(f"loading {len(targets_pages)} pages in Chromium for their transfer size")
                weights = figures["weight"] = measure_weight(server.url, targets_pages)
                cats = ["html", "css", "js", "index", "img"]
                rows = []
                for w in weights:
                    s = w["sizes"]
                    w["total_raw"], w["total_gzip"] = w["with_search"]
                    rows.append(
                        [w["page"]]
                        + [f"{kb(s.get(c, [0, 0])[0])}/{kb(s.get(c, [0, 0])[1])}" for c in cats]
                        + [
                            kb(w["view"][1]),
                            kb(w["with_search"][1]),
                            f"{w['requests'][0]}+{w['requests'][1] - w['requests'][0]}",
                        ]
                    )
                print(
                    "First visit, empty cache, KB raw/gzip per kind (JS includes the search worker and lunr); then\n"
                    "totals in KB gzip: the page view, and the page view plus opening search (index, lunr)"
                )
                print(
                    table(
                        [
                            "page",
                            "HTML",
                            "CSS",
                            "JS",
                            "search index",
                            "images",
                            "view gzip",
                            "+search gzip",
                            "requests",
                        ],
                        rows,
                    )
                )
                chapters = [w for w in weights if w["path"].rstrip("/").split("/")[-1] not in ("", *others)]
                heaviest = max(chapters or weights, key=lambda w: w["total_gzip"])
                met = heaviest["total_gzip"] <= TARGET_FIRST_LOAD_KB * 1024
                parts = sorted(heaviest["sizes"].items(), key=lambda kv: -kv[1][1])
                breakdown = ", ".join(f"{c} {kb(v[1])}" for c, v in parts)
                note = "" if met else first_load_note(heaviest, breakdown, index)
                targets.append(
                    (
                        f"chapter first load ≤ {TARGET_FIRST_LOAD_KB} KB gzip (incl. search index)",
                        f"max {kb(heaviest['total_gzip'])} KB ({heaviest['page']}; "
                        f"view alone {kb(heaviest['view'][1])})",
                        met,
                        note,
                    )
                )
                print()

            # Lighthouse -----------------------------------------------------------------------
            if "lighthouse" not in skip and server:
                if not LIGHTHOUSE.exists():
                    print(f"Lighthouse: not measured ({LIGHTHOUSE} missing; run make test to install it)\n")
                else:
                    chapter = next((p for p in nav_pages(config) if p), "")
                    lh_pages = [(f"{default}:/", ""), (f"{default}:/{chapter}", chapter)]
                    for lang in others:
                        lh_pages += [
                            (f"{lang}:/{lang}/", f"{lang}/"),
                            (f"{lang}:/{lang}/{chapter}", f"{lang}/{chapter}"),
                        ]
                    results = []
                    for label, path in lh_pages:
                        runs = []
                        for n in range(args.lighthouse_runs):
                            log(f"Lighthouse (mobile) {label} run {n + 1}")
                            runs.append(lighthouse(server.url + path, work / f"lh-{len(results)}-{n}.json"))
                        scores = {c: median([r["scores"][c] for r in runs]) for c in CATEGORIES}
                        results.append({"page": label, "scores": scores, "runs": runs})
                    figures["lighthouse"] = results
                    print("Lighthouse 12, mobile (simulated slow 4G, 4× CPU slowdown), scores 0-100")
                    print(
                        table(
                            ["page", *CATEGORIES, "FCP", "LCP", "TBT", "CLS"],
                            [
                                [r["page"], *(f"{r['scores'][c]:.0f}" for c in CATEGORIES)]
                                + [
                                    r["runs"][0]["metrics"].get(k, "")
                                    for k in (
                                        "first-contentful-paint",
                                        "largest-contentful-paint",
                                        "total-blocking-time",
                                        "cumulative-layout-shift",
                                    )
                                ]
                                for r in results
                            ],
                        )
                    )
                    lows = [
                        (r["page"], c, r["scores"][c], r["runs"][0]["failing"].get(c, []))
                        for r in results
                        for c in CATEGORIES
                        if r["scores"][c] < TARGET_LIGHTHOUSE
                    ]
                    worst = min(min(r["scores"].values()) for r in results)
                    note = "; ".join(
                        f"{page} {c} {score:.0f}: {', '.join(audits[:4]) or 'no single failing audit'}"
                        for page, c, score, audits in lows
                    )
                    if lows and any(c == "performance" for _, c, _, _ in lows):
                        note += lighthouse_note(results[-1]["runs"][0]["bootup"])
                    targets.append(
                        (
                            f"Lighthouse ≥ {TARGET_LIGHTHOUSE} in all four (mobile)",
                            f"lowest {worst:.0f}",
                            not lows,
                            note,
                        )
                    )
                    print()
        finally:
            if server:
                server.close()

        # Live reload --------------------------------------------------------------------------
        if "reload" not in skip:
            chapter = next((p for p in nav_pages(config) if p), "")
            log(f"mkdocs serve: editing docs/{chapter.rstrip('/') or 'index'}.md three times")
            times = figures["reload"] = measure_reload(work, chapter)
            print(
                f"Live reload (mkdocs serve, both languages): edit saved → page served with the edit: "
                f"median {median(times):.2f} s ({', '.join(f'{t:.1f}' for t in times)})\n"
            )

        # PDFs ---------------------------------------------------------------------------------
        if "pdf" not in skip:
            pdf_bench = ROOT / "scripts" / "pdf_bench.py"
            if pdf_bench.exists():
                log("scripts/pdf_bench.py")
                result = subprocess.run([PY, str(pdf_bench)], cwd=ROOT, capture_output=True, text=True)
                print("PDF handouts (scripts/pdf_bench.py)")
                print(result.stdout.rstrip() or result.stderr.rstrip())
                figures["pdf"] = {"returncode": result.returncode, "output": result.stdout}
                print()
            else:
                print("PDF handouts: not measured (scripts/pdf_bench.py is absent)\n")

        # Targets ------------------------------------------------------------------------------
        print("Targets")
        print(
            table(
                ["target", "measured", "status"],
                [[t, m, "met" if ok else "MISSED"] for t, m, ok, _ in targets],
                "llc",
            )
        )
        for t, _, ok, note in targets:
            if not ok and note:
                print(f"\n* {t}: {note}")
        figures["targets"] = [{"target": t, "measured": m, "met": ok, "note": n} for t, m, ok, n in targets]
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
            print(f"\nFigures written to {args.json}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
