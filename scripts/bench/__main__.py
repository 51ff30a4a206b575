"""Benchmark the site against its targets: `make bench` (python -m scripts.bench).

    python -m scripts.bench                     # everything (about 20-40 minutes on 2 cores)
    python -m scripts.bench --only build,reload --runs 3 --json bench.json
    python -m scripts.bench --lighthouse-pages /,/en/,architecture/

Prints each figure with its target (met or MISSED); asserts nothing and exits 0 unless a
measurement could not be taken. Works in temporary directories: never touches site/ or the tree.

  build       strict build of both languages against two plain Material builds of the same Markdown
              (scripts/bench/build.py says exactly what the baseline is); median of --runs, and the
              top of a cProfile of one build                        target ≤ 1.5× (goal 1.2×)
  reload      the preview (scripts/serve.py): chapter edit → page shows it; figure edit in
              data/facts.yml → page shows it; median of 3             targets ≤ 3 s and ≤ 5 s
  setup       fresh `git clone` → `make serve` answers both addresses   target ≤ 60 s
  weight      first visit per page (raw and gzip), with and without search; the search indexes
                                                                      target ≤ 150 KB gzip
  lighthouse  mobile, every nav page in both languages, median of --lighthouse-runs
                                                                      targets: performance ≥ 95, others 100
  calculator  the calculator script, gzip                             target ≤ 6 KB
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from macros.site import Site  # noqa: E402
from scripts.local_server import LocalServer  # noqa: E402

from . import build, lighthouse, serve, weight  # noqa: E402
from .common import ROOT, kb, log, median, table, timed_build, verdict  # noqa: E402

SECTIONS = ("build", "reload", "setup", "weight", "lighthouse", "calculator")
TARGET_BUILD_RATIO, GOAL_BUILD_RATIO = 1.5, 1.2
TARGET_PAGE_RELOAD, TARGET_FIGURE_RELOAD = 3.0, 5.0
TARGET_FIRST_SERVE = 60.0
TARGET_FIRST_LOAD_KB = 150
TARGET_PERFORMANCE = 95
TARGET_CALCULATOR_GZIP = 6000


def nav_paths(site: Site) -> list[str]:
    return [site.page_url(page.src, lang) for lang in site.codes for page in site.pages]


def report_build(result: dict, profile: str) -> str:
    ratio = result["ratio"]
    lines = [
        "## Build (strict, both languages) against plain Material",
        "baseline: docs/*.md and docs/*.en.md built as two separate plain mkdocs-material sites (same theme",
        "features, Markdown extensions and search settings; no i18n, no macros, no hooks; each {{ … }} call",
        "replaced by the word 'figure'); the sum of the two, median of the runs.",
        table(
            ["", "runs (s)", "median (s)"],
            [
                ["ours", " ".join(f"{t:.2f}" for t in result["ours"]), f"{result['ours_median']:.2f}"],
                [
                    "plain zh",
                    " ".join(f"{t:.2f}" for t in result["baseline_zh"]),
                    f"{median(result['baseline_zh']):.2f}",
                ],
                [
                    "plain en",
                    " ".join(f"{t:.2f}" for t in result["baseline_en"]),
                    f"{median(result['baseline_en']):.2f}",
                ],
            ],
        ),
        f"ratio {ratio:.2f}× — target ≤ {TARGET_BUILD_RATIO}×: {verdict(ratio <= TARGET_BUILD_RATIO)};"
        f" goal ≤ {GOAL_BUILD_RATIO}×: {verdict(ratio <= GOAL_BUILD_RATIO)}",
    ]
    if profile:
        lines += ["", "profile of one build (cProfile, cumulative, filtered):", profile]
    return "\n".join(lines)


def report_reload(result: dict) -> str:
    page, figure = median(result["page"]["times"]), median(result["figure"]["times"])
    return "\n".join(
        [
            "## Preview reload (scripts/serve.py, dirty rebuilds)",
            f"first build served after {result['page']['first_build']:.1f} s",
            f"chapter edit → page: {', '.join(f'{t:.2f}' for t in result['page']['times'])} s, median {page:.2f} s"
            f" — target ≤ {TARGET_PAGE_RELOAD} s: {verdict(page <= TARGET_PAGE_RELOAD)}",
            f"figure edit → page: {', '.join(f'{t:.2f}' for t in result['figure']['times'])} s,"
            f" median {figure:.2f} s — target ≤ {TARGET_FIGURE_RELOAD} s: {verdict(figure <= TARGET_FIGURE_RELOAD)}",
        ]
    )


def report_weight(pages: list[dict], index: dict) -> str:
    rows = [[p["page"], kb(p["view"][0]), kb(p["view"][1]), kb(p["with_search"][1]), p["requests"][0]] for p in pages]
    heaviest = max(pages, key=lambda p: p["with_search"][1])
    ok = heaviest["with_search"][1] <= TARGET_FIRST_LOAD_KB * 1000
    index_rows = [[name, f["entries"], kb(f["raw"]), kb(f["gzip"])] for name, f in index.items()]
    return "\n".join(
        [
            "## Page weight, first visit (KB)",
            table(["page", "raw", "gzip", "gzip with search", "requests"], rows),
            f"heaviest with search: {heaviest['page']} {kb(heaviest['with_search'][1])} KB gzip — target ≤"
            f" {TARGET_FIRST_LOAD_KB} KB: {verdict(ok)}",
            "",
            table(["search index", "entries", "raw KB", "gzip KB"], index_rows),
        ]
    )


def report_lighthouse(results: list[dict]) -> str:
    rows = []
    for r in results:
        s = r["scores"]
        rows.append(
            [
                r["path"] or "/",
                s["performance"],
                s["accessibility"],
                s["best-practices"],
                s["seo"],
                "/".join(str(run["performance"]) for run in r["runs"]),
                round(r["metrics"]["total-blocking-time"]),
                round(r["metrics"]["largest-contentful-paint"]),
            ]  # fmt: skip
        )
    worst = min(r["scores"]["performance"] for r in results)
    others = all(r["scores"][c] == 100 for r in results for c in ("accessibility", "best-practices", "seo"))
    failing = sorted({f for r in results for f in r["failing"]})
    return "\n".join(
        [
            "## Lighthouse, mobile (median of runs)",
            table(["page", "perf", "a11y", "BP", "SEO", "perf runs", "TBT ms", "LCP ms"], rows),
            f"lowest performance {worst} — target ≥ {TARGET_PERFORMANCE} on every page: "
            f"{verdict(worst >= TARGET_PERFORMANCE)}; accessibility, best practices, SEO all 100: {verdict(others)}",
            f"audits below 1 in some run: {', '.join(failing) or 'none'}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections ({', '.join(SECTIONS)})")
    parser.add_argument("--runs", type=int, default=3, help="build runs (median)")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--lighthouse-pages", help="comma-separated paths under site_url (default: every nav page)")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    sections = [s for s in args.only.split(",") if s]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}")
    site = Site.load()
    figures, out = {}, []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        if "build" in sections:
            figures["build"] = build.measure(work, args.runs)
            profile = "" if args.no_profile else build.profile(work)
            out.append(report_build(figures["build"], profile))
        if "reload" in sections:
            figures["reload"] = serve.measure_reload(work)
            out.append(report_reload(figures["reload"]))
        if "setup" in sections:
            figures["setup"] = serve.measure_first_serve(work)
            seconds = figures["setup"]["seconds"]
            out.append(
                f"## First `make serve` on a fresh clone\n{seconds:.1f} s to both addresses (venv included) —"
                f" target ≤ {TARGET_FIRST_SERVE:.0f} s: {verdict(seconds <= TARGET_FIRST_SERVE)}"
            )
        if {"weight", "lighthouse", "calculator"} & set(sections):
            built = work / "site"
            if not (built / "index.html").exists():
                timed_build(ROOT / "mkdocs.yml", built)
            prefix = "/" + site.site_url.split("/", 3)[3] if site.site_url.count("/") > 3 else "/"
            with LocalServer(built, prefix=prefix, gzip=True) as server:
                if "weight" in sections:
                    pages = [(p or "/", p) for p in nav_paths(site)]
                    figures["weight"] = weight.measure_weight(server.url, pages)
                    index = weight.index_figures(built, list(site.codes))
                    out.append(report_weight(figures["weight"], index))
                if "lighthouse" in sections:
                    paths = args.lighthouse_pages.split(",") if args.lighthouse_pages else nav_paths(site)
                    paths = [p.lstrip("/") for p in paths]
                    figures["lighthouse"] = lighthouse.measure(server.url, paths, work, args.lighthouse_runs)
                    out.append(report_lighthouse(figures["lighthouse"]))
            if "calculator" in sections:
                script = (built / "assets" / "javascripts" / "calculator.js").read_bytes()
                size = len(gzip.compress(script, 9))
                figures["calculator"] = {"raw": len(script), "gzip": size}
                out.append(
                    f"## Calculator script\n{len(script)} bytes, {size} gzip — target ≤ {TARGET_CALCULATOR_GZIP}:"
                    f" {verdict(size <= TARGET_CALCULATOR_GZIP)}"
                )
    print("\n\n".join(out))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
        log(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
