"""Lighthouse (mobile, its default simulated throttling) on every page in the nav, both languages.

Each page is audited `runs` times against the built site on a local gzip server mounted at
site_url's path (as on GitHub Pages); the median score per category is reported.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS

from .common import ROOT, log, median

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


def audit(url: str, out: Path) -> dict:
    flags = " ".join(["--headless=new", "--disable-dev-shm-usage", *CHROMIUM_ARGS])
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}"]
    command.append(f"--only-categories={','.join(CATEGORIES)}")
    result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed for {url}: {result.stderr[-600:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    failing = [
        f"{ref['id']} ({report['audits'][ref['id']]['score']:.2f})"
        for c in CATEGORIES
        for ref in report["categories"][c]["auditRefs"]
        if ref.get("weight", 0) > 0 and (report["audits"][ref["id"]].get("score") or 1) < 1
    ]
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "metrics": {m: report["audits"][m].get("numericValue") for m in METRICS if m in report["audits"]},
        "failing": failing,
    }


def measure(base: str, paths: list[str], work: Path, runs: int) -> list[dict]:
    results = []
    for path in paths:
        audits = [audit(base + path, work / f"lh-{abs(hash(path))}-{n}.json") for n in range(runs)]
        scores = {c: median([a["scores"][c] for a in audits]) for c in CATEGORIES}
        metrics = {m: median([a["metrics"].get(m) or 0 for a in audits]) for m in METRICS}
        failing = sorted({f for a in audits for f in a["failing"]})
        log(f"lighthouse {path or '/'}: {scores}")
        results.append({"path": path, "scores": scores, "runs": [a["scores"] for a in audits], "metrics": metrics,
                        "failing": failing})  # fmt: skip
    return results
