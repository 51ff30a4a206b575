"""`python -m scripts.pdf`: print the built site's print views to PDF (see scripts/pdf/__init__.py)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .documents import documents
from .printer import make_pdfs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.pdf", description="Print the built print views to PDF.")
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--out", type=Path, default=Path("build/pdf"), help="where the PDFs go (default: build/pdf)")
    parser.add_argument("--lang", nargs="+", help="languages (default: all)")
    parser.add_argument("--kind", nargs="+", help="print views (default: all in mkdocs.yml extra.downloads)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    results = make_pdfs(args.site.resolve(), args.out.resolve(), documents(args.site.resolve(), args.lang, args.kind))
    for result in results:
        print(f"{result.file}  {result.pages} pages  {result.bytes / 1024:.0f} KiB  {result.seconds:.1f} s")
    print(f"pdf: {len(results)} files in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
