#!/usr/bin/env python3
"""Time the PDF step and report each file's pages and size: a function for the site benchmark, and a CLI.

    .venv/bin/python scripts/pdf_bench.py [--site DIR] [--out DIR] [--json]

Without --site it builds the site first (one strict `mkdocs build`, timed on its own), since the
PDF step prints the built print views. A file's own time is its draft and final print passes; the
rest of the total is starting Chromium, opening the views and the font subsets, shared by all.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.pdf.documents import documents  # noqa: E402
from scripts.pdf.printer import make_pdfs  # noqa: E402


def build_site(site: Path) -> float:
    began = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BUILD_ONLY_LOCALE", None)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"pdf_bench: the site build failed:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - began


def bench(site: Path | None = None, out: Path | None = None) -> dict:
    """{"site_s", "total_s", "files": [{"file", "pages", "bytes", "seconds"}]}; site_s is 0 with --site."""
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as scratch:
        site_s = 0.0
        if site is None:
            site = Path(scratch) / "site"
            site_s = build_site(site)
        out = out or Path(scratch) / "out"
        began = time.perf_counter()
        results = make_pdfs(site.resolve(), out.resolve(), documents(site.resolve()))
        return {
            "site_s": round(site_s, 2),
            "total_s": round(time.perf_counter() - began, 2),
            "files": [
                {"file": r.file.name, "pages": r.pages, "bytes": r.bytes, "seconds": round(r.seconds, 2)}
                for r in results
            ],
        }


def report(result: dict, stream=sys.stdout) -> None:
    print("PDF step", file=stream)
    print(f"  {'step / file':<38} {'time':>8} {'pages':>6} {'size':>10}", file=stream)
    if result["site_s"]:
        print(f"  {'site build (before the PDF step)':<38} {result['site_s']:>7.1f}s", file=stream)
    for row in result["files"]:
        print(
            f"  {row['file']:<38} {row['seconds']:>7.1f}s {row['pages']:>6} {row['bytes'] / 1024:>8.0f} KiB",
            file=stream,
        )
    print(f"  {'PDF step in all':<38} {result['total_s']:>7.1f}s", file=stream)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Time the PDF step; print time, pages and size per file.")
    parser.add_argument("--site", type=Path, help="a built site to print (default: build one into a temp dir)")
    parser.add_argument("--out", type=Path, help="keep the PDFs here (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    result = bench(args.site, args.out)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
