"""The preview's dirty rebuilds (scripts/serve.py runs `mkdocs serve --dirty`): an edit under data/
rebuilds every page (macros/build.py on_nav), a page edit rebuilds that page, and neither trips strict."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from project import ROOT

SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    project, site = Path(sys.argv[1]), Path(sys.argv[2])

    def run(dirty):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=dirty)
        build(config, dirty=dirty)

    def page(path):
        return (site / path / "index.html").read_text(encoding="utf-8")

    run(False)
    time.sleep(1.1)
    facts = project / "data" / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("      value: 85.1\\n", "      value: 85.2\\n", 1), "utf-8")
    run(True)
    print("figure", "85.2" in page("post-training"), "85.2" in page("en/post-training"))
    time.sleep(1.1)
    untouched = (site / "summary" / "index.html").stat().st_mtime_ns
    chapter = project / "docs" / "architecture.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("本章对应原文第一节", "本章探针对应原文第一节", 1), "utf-8")
    run(True)
    print("page", "探针" in page("architecture"), (site / "summary" / "index.html").stat().st_mtime_ns == untouched)
    """
)


def test_a_data_edit_rebuilds_every_page_and_a_page_edit_only_its_page(project_copy, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(root=str(ROOT)), str(project_copy), str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.split("\n")
    assert "figure True True" in lines, result.stdout
    assert "page True True" in lines, result.stdout
