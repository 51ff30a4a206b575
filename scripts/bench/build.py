"""Build cost against plain MkDocs + Material, and where the time goes (cProfile).

The baseline, exactly: the same Markdown files, built as two separate plain sites — docs/*.md (zh)
and docs/*.en.md (en, renamed to *.md) — by mkdocs + mkdocs-material alone: the project's theme
features, Markdown extensions and search settings, no static-i18n, no mkdocs-macros, no hooks, and
every {{ … }} macro call replaced by the word "figure" (so the pages are the source text, not the
site's rendered figures, charts and tables), and the print views on Material's default template.
Ours is one `mkdocs build --strict` of both languages.
Each is timed `runs` times in alternation, in one run of this script; medians are compared.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import re
import shutil
from pathlib import Path

import yaml

from macros.yamlio import read_yaml

from .common import ROOT, log, median, timed_build

TEMPLATE_CALL = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def plain_project(dest: Path, lang: str) -> Path:
    """One language's pages as a plain Material site (see the module docstring)."""
    config = read_yaml(ROOT / "mkdocs.yml", config=True)
    docs = dest / "docs"
    for source in sorted((ROOT / "docs").rglob("*.md")):
        english = source.name.endswith(".en.md")
        if english != (lang == "en"):
            continue
        rel = source.relative_to(ROOT / "docs")
        target = docs / (rel.with_name(source.name[: -len(".en.md")] + ".md") if english else rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = TEMPLATE_CALL.sub("figure", source.read_text(encoding="utf-8"))
        target.write_text(re.sub(r"^template: .*\n", "", text, flags=re.M), encoding="utf-8")  # print views
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    theme = {"name": "material", "language": lang, "font": False, "features": config["theme"]["features"]}
    head = yaml.safe_dump({"site_name": "plain baseline", "theme": theme, "plugins": [{"search": search}]})
    # the Markdown extensions as text: they hold Python tags (the slugify function)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = re.search(r"^markdown_extensions:\n(?:[ #].*\n|\n)*", text, re.M).group(0)
    (dest / "mkdocs.yml").write_text(head + extensions, encoding="utf-8")
    return dest / "mkdocs.yml"


def measure(work: Path, runs: int) -> dict:
    plain = {lang: plain_project(work / f"plain-{lang}", lang) for lang in ("zh", "en")}
    ours, baseline = [], {"zh": [], "en": []}
    for config in (ROOT / "mkdocs.yml", *plain.values()):  # warm the OS and jieba caches once
        timed_build(config, work / "warm-up", strict=config == ROOT / "mkdocs.yml")
    for n in range(runs):
        log(f"build run {n + 1}/{runs}")
        ours.append(timed_build(ROOT / "mkdocs.yml", work / "site"))
        for lang, config in plain.items():
            baseline[lang].append(timed_build(config, work / f"site-plain-{lang}", strict=False))
    shutil.rmtree(work / "warm-up", ignore_errors=True)
    pairs = [b_zh + b_en for b_zh, b_en in zip(baseline["zh"], baseline["en"])]
    return {
        "ours": ours,
        "baseline_zh": baseline["zh"],
        "baseline_en": baseline["en"],
        "ratio": median(ours) / median(pairs),
        "ours_median": median(ours),
        "baseline_median": median(pairs),
    }


def profile(work: Path, top: int = 15) -> str:
    """cProfile of one strict build in this process: the heaviest calls by cumulative time."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(work / "site-profile"))
    profiler = cProfile.Profile()
    profiler.runcall(build, config)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(r"(build|convert|render|on_|cut|load|compile|fill|add_tooltips)", top)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())[-4000:]
