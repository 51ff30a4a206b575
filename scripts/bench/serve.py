"""The preview: time from saving a file to the served page showing it, and a fresh clone's first serve.

Reload runs the real preview (scripts/serve.py, `--dirty` rebuilds) in a copy of the project:
a chapter edit (a new word in docs/architecture.md) and a figure edit (a value in data/facts.yml,
looked for on the page that shows it), each `edits` times. First serve: `git clone` of this
repository's HEAD, then `make serve` until both addresses answer (venv creation included).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from scripts.project import copy_project

from .common import PY, ROOT, free_port, log, quiet_env

PAGE_EDIT = ("docs/architecture.md", "architecture/")  # a paragraph is appended to the chapter
FIGURE_EDIT = ("data/facts.yml", "      value: 85.1\n", "post-training/", ("85.2", "85.3", "85.4", "85.5", "85.6"))
WORDS = ("alpha", "bravo", "charlie", "delta", "echo")  # no digits: a digit in prose stops the build


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - not up yet, or mid-rebuild
        return ""


def wait_for(url: str, needle: str, limit: float = 120) -> float:
    start = time.perf_counter()
    while needle not in fetch(url):
        if time.perf_counter() - start > limit:
            raise RuntimeError(f"{needle!r} never showed up at {url}")
        time.sleep(0.05)
    return time.perf_counter() - start


def start_preview(project: Path, port: int, log_file: Path, command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=project,
        env=quiet_env(PORT=str(port)),
        stdout=log_file.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def measure_reload(work: Path, edits: int = 3) -> dict:
    project = copy_project(work / "serve-project")
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    preview = start_preview(project, port, work / "serve.log", [PY, "scripts/serve.py"])
    page, figure = {"times": []}, {"times": []}
    try:
        start = time.perf_counter()
        wait_for(base + PAGE_EDIT[1], "<h1", limit=300)
        page["first_build"] = time.perf_counter() - start
        time.sleep(2)  # the watcher settles after the first build
        path, url = PAGE_EDIT
        original = (project / path).read_text(encoding="utf-8")
        for n in range(edits):
            word = f"benchprobe{WORDS[n]}"
            (project / path).write_text(f"{original.rstrip()}\n\n{word}\n", encoding="utf-8")
            page["times"].append(wait_for(base + url, word))
            time.sleep(1.5)
        path, old, url, values = FIGURE_EDIT
        original = (project / path).read_text(encoding="utf-8")
        for n in range(edits):
            (project / path).write_text(original.replace(old, f"      value: {values[n]}\n", 1), encoding="utf-8")
            figure["times"].append(wait_for(base + url, values[n]))
            time.sleep(1.5)
    finally:
        stop(preview)
    log(f"reload: page {page['times']}, figure {figure['times']}")
    return {"page": page, "figure": figure}


def measure_first_serve(work: Path) -> dict:
    """Seconds from `make serve` in a fresh clone (no .venv) until both addresses answer."""
    clone = Path(tempfile.mkdtemp(prefix="bench-clone-", dir=work))
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    port = free_port()
    preview = start_preview(clone, port, work / "first-serve.log", ["make", "serve"])
    try:
        start = time.perf_counter()
        for url in (f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/en/"):
            wait_for(url, "<html", limit=900)
        seconds = time.perf_counter() - start
    finally:
        stop(preview)
        shutil.rmtree(clone, ignore_errors=True)
    log(f"first serve: {seconds:.1f} s")
    return {"seconds": seconds}
