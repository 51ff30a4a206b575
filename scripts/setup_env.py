#!/usr/bin/env python3
"""Set up .venv for a make target, and heal it; stdlib only (runs on the system Python).

    python3 scripts/setup_env.py serve   # requirements.txt: what building and previewing need
    python3 scripts/setup_env.py test    # and requirements-dev.txt on top: tests, lint, PDFs, bench

Both files are hash-locked (compiled from requirements*.in by `make lock`) and installed with
`pip install --require-hashes`, as in CI. Each installed file leaves a stamp in .venv (its
SHA-256 and the Python version). .venv is thrown away and made anew, never patched, when:
pip does not run in it; a set-up in it never finished (interrupted or failed); it has no stamp
(made by something else); or a stamped file or the Python version changed, so packages dropped
from the requirements never linger. Nothing to do costs one `python -m pip --version`.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
UNFINISHED = VENV / ".setup-unfinished"  # exists while a set-up is under way
TIERS = {  # tier: the lock files it installs, in order, each with what it is for
    "serve": [("requirements.txt", "what building needs")],
    "test": [("requirements.txt", "what building needs"), ("requirements-dev.txt", "tests, lint, PDFs")],
}
LOCKS = list(dict.fromkeys(lock for files in TIERS.values() for lock, _ in files))
START_OVER = "if it keeps failing, start over: rm -rf .venv node_modules"


def say(message: str) -> None:
    print(f"setup: {message}", flush=True)


def stamp_path(lock: str) -> Path:
    return VENV / f".setup-{lock}.json"


def wanted_stamp(lock: str) -> dict:
    digest = hashlib.sha256((ROOT / lock).read_bytes()).hexdigest()
    return {"sha256": digest, "python": platform.python_version()}


def read_stamp(lock: str) -> dict | None:
    try:
        return json.loads(stamp_path(lock).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def pip_error() -> str | None:
    """Why pip does not run in .venv, or None when it does."""
    try:
        result = subprocess.run([PYTHON, "-m", "pip", "--version"], capture_output=True, text=True, timeout=120)
    except OSError as error:
        return str(error)
    if result.returncode == 0:
        return None
    lines = (result.stderr or result.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit code {result.returncode}"


def what_is_wrong() -> str | None:
    """Why the existing .venv must be made anew, or None when it can stay."""
    if UNFINISHED.exists():
        return "an earlier set-up of .venv did not finish (interrupted or failed)"
    error = pip_error()
    if error:
        return f".venv is broken: pip does not run in it ({error})"
    stamps = {lock: stamp for lock in LOCKS if (stamp := read_stamp(lock))}
    if not stamps:
        return ".venv has no set-up stamp (made by hand or by an older Makefile)"
    for lock, have in stamps.items():
        want = wanted_stamp(lock)
        if have.get("python") != want["python"]:
            return f"Python changed since .venv was set up ({have.get('python')} -> {want['python']})"
        if have.get("sha256") != want["sha256"]:
            return f"{lock} changed since .venv was set up (so that removed packages do not linger)"
    return None


def install(lock: str, purpose: str) -> None:
    say(f"installing {lock} ({purpose}) into .venv ...")
    started = time.monotonic()
    command = [PYTHON, "-m", "pip", "install", "--require-hashes", "--no-input", "-qq", "-r", ROOT / lock]
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
        say(f"pip could not install {lock} (its message is above). Run the command again; {START_OVER}")
        sys.exit(1)
    stamp_path(lock).write_text(json.dumps(wanted_stamp(lock)) + "\n", encoding="utf-8")
    say(f"{lock} installed in {time.monotonic() - started:.0f} s")


def create() -> None:
    say(f"creating .venv with Python {platform.python_version()} ({sys.executable})")
    VENV.mkdir()
    UNFINISHED.touch()  # before anything else: an interruption from here on is seen next time
    if subprocess.run([sys.executable, "-m", "venv", VENV]).returncode != 0:
        say(f"`{sys.executable} -m venv` failed (on Debian: apt-get install python3-venv); {START_OVER}")
        sys.exit(1)


def set_up(tier: str) -> None:
    if VENV.exists() or VENV.is_symlink():
        problem = what_is_wrong()
        if problem:
            say(f"{problem}: making .venv anew")
            if VENV.is_symlink() or not VENV.is_dir():
                VENV.unlink()
            else:
                shutil.rmtree(VENV)
    if not VENV.exists():
        create()
    todo = [(lock, purpose) for lock, purpose in TIERS[tier] if read_stamp(lock) != wanted_stamp(lock)]
    if not todo:
        return
    UNFINISHED.touch()
    for lock, purpose in todo:
        install(lock, purpose)
    UNFINISHED.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tier", choices=sorted(TIERS), help="serve: requirements.txt; test: and requirements-dev.txt")
    tier = parser.parse_args().tier
    root = os.open(ROOT, os.O_RDONLY)
    fcntl.flock(root, fcntl.LOCK_EX)  # one set-up at a time (e.g. `make -j serve test`)
    try:
        set_up(tier)
    finally:
        os.close(root)


if __name__ == "__main__":
    main()
