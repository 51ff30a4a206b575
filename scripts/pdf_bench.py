#!/usr/bin/env python3
"""Time the PDF build and report each file's size: a function for the site benchmark, and a CLI.

    .venv/bin/python scripts/pdf_bench.py [--out DIR] [--work DIR] [--site DIR] [--json]

`bench()` runs scripts/pdf.py's build once and returns rows; `report()` prints them. The site build
and the font subsets serve all four files, so they are reported as shared steps; a file's own time
is its draft and final print passes.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pdf  # noqa: E402


def bench(out: Path | None = None, work: Path | None = None, site: Path | None = None) -> dict:
    """Build the PDFs (into temp dirs unless given) and return
    {"total_s", "site_s", "fonts_s", "files": [{"file", "pages", "bytes", "seconds"}]}."""
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as scratch:
        out = out or Path(scratch) / "out"
        work = work or Path(scratch) / "work"
        start = time.perf_counter()
        timings = pdf.build(out.resolve(), work.resolve(), site.resolve() if site else None)
        total = time.perf_counter() - start
        return {
            "total_s": round(total, 2),
            "site_s": round(timings["site"], 2),
            "fonts_s": round(timings["fonts"], 2),
            "files": [
                {"file": r.file.name, "pages": r.pages, "bytes": r.bytes, "seconds": round(r.seconds, 2)}
                for r in timings["files"]
            ],
        }


def report(result: dict, stream=sys.stdout) -> None:
    print("PDF build", file=stream)
    print(f"  {'step / file':<38} {'time':>8} {'pages':>6} {'size':>10}", file=stream)
    print(f"  {'site build (shared)':<38} {result['site_s']:>7.1f}s", file=stream)
    print(f"  {'font subsets (shared)':<38} {result['fonts_s']:>7.1f}s", file=stream)
    for row in result["files"]:
        print(
            f"  {row['file']:<38} {row['seconds']:>7.1f}s {row['pages']:>6} {row['bytes'] / 1024:>8.0f} KiB",
            file=stream,
        )
    print(f"  {'total':<38} {result['total_s']:>7.1f}s", file=stream)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Time the PDF build; print time and size per file.")
    parser.add_argument("--out", type=Path, help="keep the PDFs here (default: a temp dir)")
    parser.add_argument("--work", type=Path, help="scratch dir (default: a temp dir)")
    parser.add_argument("--site", type=Path, help="reuse this full site build")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    result = bench(args.out, args.work, args.site)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
