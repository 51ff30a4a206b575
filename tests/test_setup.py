"""The set-up and the infrastructure around it: hash locks that match their inputs, a package-lock
that `npm ci` accepts, system-deps.sh's checks, a .venv set-up that heals each fault injected into
a temporary copy, `make serve` at the README's addresses, and last-updated dates from git.

Tests marked `setup` make virtual environments or start `make serve` (slow; `make test-fast`
leaves them out). The venv tests install tiny wheels made here, from a local folder: no network.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from project import ROOT, copy_project, run_build

# --- lock files --------------------------------------------------------------------------

LOCKS = {"requirements.txt": "requirements.in", "requirements-dev.txt": "requirements-dev.in"}
LOCKS["requirements-links.txt"] = "requirements-links.in"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(path: Path) -> dict[str, tuple[str, list[str]]]:
    """{name: (version, hashes)} of a requirements file, continuation lines joined."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    found = {}
    for line in text.splitlines():
        line = line.split(" #")[0].strip()
        if match := PIN.match(line):
            found[normalize(match[1])] = (match[2].rstrip(";"), re.findall(r"--hash=(sha256:[0-9a-f]{64})", line))
    return found


@pytest.mark.parametrize("lock", LOCKS)
def test_each_lock_is_compiled_from_its_input_with_hashes(lock):
    text = (ROOT / lock).read_text(encoding="utf-8")
    # Dependabot pairs x.in with x.txt and reruns the command in this header.
    assert f"--output-file={lock}" in text and "--generate-hashes" in text, f"{lock}: not from pip-compile"
    locked = requirements(ROOT / lock)
    missing = [name for name, (_, hashes) in locked.items() if not hashes]
    assert not missing, f"{lock}: no hashes for {missing}"
    inputs = requirements(ROOT / LOCKS[lock])
    for source in re.findall(r"^-r\s+(\S+)", (ROOT / LOCKS[lock]).read_text(encoding="utf-8"), re.M):
        inputs |= requirements(ROOT / source)
    stale = {n: (v, locked.get(n, ("missing",))[0]) for n, (v, _) in inputs.items() if locked.get(n, ("",))[0] != v}
    assert not stale, f"{lock} is out of date with {LOCKS[lock]} (want, locked): {stale}; run `make lock`"


def test_dev_and_links_locks_hold_the_site_lock_as_it_is():
    site = {name: version for name, (version, _) in requirements(ROOT / "requirements.txt").items()}
    for lock in ("requirements-dev.txt", "requirements-links.txt"):
        other = {name: version for name, (version, _) in requirements(ROOT / lock).items()}
        differ = {n: (v, other.get(n)) for n, v in site.items() if other.get(n) != v}
        assert not differ, f"{lock} differs from requirements.txt: {differ}"


def test_the_site_lock_has_no_test_tools():
    assert {"pytest", "playwright", "ruff"}.isdisjoint(requirements(ROOT / "requirements.txt"))
    assert "mkdocs-git-revision-date-localized-plugin" not in requirements(ROOT / "requirements.txt")


def test_package_lock_lists_every_optional_dependency_so_npm_ci_accepts_it():
    """`npm ci` refuses a lock that lacks an entry for any declared dependency, optional ones too
    (platform binaries the registry does not have)."""
    packages = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]

    def found(path: str, name: str) -> bool:  # node's lookup: own node_modules, then each parent's
        while True:
            if (f"{path}/node_modules/{name}" if path else f"node_modules/{name}") in packages:
                return True
            if not path:
                return False
            path = path[: path.rfind("node_modules/")].rstrip("/")

    missing = [
        f"{path or 'package.json'} -> {name}"
        for path, meta in packages.items()
        if not meta.get("link")
        for kind in ("dependencies", "devDependencies", "optionalDependencies")
        if kind != "devDependencies" or not path
        for name in meta.get(kind, {})
        if not found(path, name)
    ]
    assert not missing, f"package-lock.json lacks: {missing}"


# --- system-deps.sh ----------------------------------------------------------------------


def fake_bin(tmp_path: Path, fonts: str) -> Path:
    """A PATH with every tool system-deps.sh looks for, a non-root `id`, no sudo, no apt-get."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("chromium", "pdftoppm", "pdftotext", "pdffonts", "pdfinfo", "java", "node", "npm"):
        (bin_dir / tool).write_text("#!/bin/sh\n", encoding="utf-8")
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    # Like fontconfig: a pattern lists the fonts that match it, no pattern lists them all: the
    # CJK one first, then many more, so that `fc-list | grep -q` would die of SIGPIPE.
    (bin_dir / "fc-list").write_text(
        f'#!/bin/sh\n[ "$#" -gt 0 ] || {{ {fonts}; exec seq 1 200000; }}\ncase "$1" in *CJK*) {fonts};; esac\n',
        encoding="utf-8",
    )
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    for tool in ("grep", "seq"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    return bin_dir


@pytest.mark.parametrize(("fonts", "missing"), [("echo 'Noto Sans CJK SC'", None), ("true", "fonts-noto-cjk")])
def test_system_deps_finds_the_cjk_fonts_without_sigpipe(tmp_path, fonts, missing):
    env = {"PATH": str(fake_bin(tmp_path, fonts))}
    result = subprocess.run(
        ["/bin/bash", ROOT / "scripts" / "system-deps.sh"], env=env, capture_output=True, text=True, timeout=60
    )
    if missing is None:
        assert result.returncode == 0 and not result.stdout + result.stderr, result.stdout + result.stderr
    else:
        assert result.returncode == 1
        assert f"Missing system packages: {missing}." in result.stderr, result.stderr


# --- a .venv that heals ------------------------------------------------------------------


def make_wheel(folder: Path, name: str, version: str = "1.0") -> tuple[Path, str]:
    """A pure-Python wheel holding module `name` (VALUE = version); returns it and its hash."""
    dist = f"{name}-{version}.dist-info"
    files = {
        f"{name}.py": f"VALUE = {version!r}\n",
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = [
        f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(body.encode()).digest()).rstrip(b'=').decode()},"
        f"{len(body.encode())}"
        for path, body in files.items()
    ]
    files[f"{dist}/RECORD"] = "\n".join([*record, f"{dist}/RECORD,,"]) + "\n"
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, body in files.items():
            archive.writestr(path, body)
    return wheel, hashlib.sha256(wheel.read_bytes()).hexdigest()


PACKAGES = ("heal_alpha", "heal_beta", "heal_gamma")


class Project:
    """A temporary copy of the set-up script, with lock files of tiny wheels in a local folder:
    requirements.txt holds alpha and beta, requirements-dev.txt those and gamma."""

    def __init__(self, root: Path, wheels: dict[str, tuple[Path, str]]):
        self.root, self.wheels = root, wheels
        (root / "scripts").mkdir(parents=True)
        shutil.copy2(ROOT / "scripts" / "setup_env.py", root / "scripts")
        self.lock("requirements.txt", "heal_alpha", "heal_beta")
        self.lock("requirements-dev.txt", "heal_alpha", "heal_beta", "heal_gamma")

    def lock(self, name: str, *packages: str, bad_hash: str = "") -> None:
        lines = ["--no-index", *sorted({f"--find-links {self.wheels[p][0].parent}" for p in packages})]
        for package in packages:
            digest = "0" * 64 if package == bad_hash else self.wheels[package][1]
            lines.append(f"{package}==1.0 --hash=sha256:{digest}")
        (self.root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")

    def adopt(self, venv: Path) -> None:
        """Start from a copy of a venv set up elsewhere from the same lock files (saves a set-up)."""
        shutil.copytree(venv, self.root / ".venv", symlinks=True)

    def set_up(self, tier: str = "serve") -> subprocess.CompletedProcess:
        command = [sys.executable, self.root / "scripts" / "setup_env.py", tier]
        return subprocess.run(command, capture_output=True, text=True, timeout=300)

    def has(self, module: str) -> bool:
        probe = [self.root / ".venv" / "bin" / "python", "-c", f"import {module}"]
        return subprocess.run(probe, capture_output=True).returncode == 0

    def pip_runs(self) -> bool:
        probe = [self.root / ".venv" / "bin" / "python", "-m", "pip", "--version"]
        return subprocess.run(probe, capture_output=True).returncode == 0


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("wheels")
    return {name: make_wheel(folder, name) for name in PACKAGES}


@pytest.fixture(scope="module")
def serve_venv(tmp_path_factory, wheels) -> Path:
    """A .venv set up for `serve` from the default lock files, for tests to copy."""
    project = Project(tmp_path_factory.mktemp("serve-venv") / "project", wheels)
    ok(project.set_up("serve"))
    return project.root / ".venv"


@pytest.fixture
def project(tmp_path, wheels) -> Project:
    return Project(tmp_path / "project", wheels)


@pytest.mark.setup
def test_setup_installs_the_serve_tier_then_has_nothing_to_do(project):
    out = ok(project.set_up("serve"))
    assert "creating .venv" in out and "installing requirements.txt" in out
    assert project.has("heal_alpha") and project.has("heal_beta") and not project.has("heal_gamma")
    assert ok(project.set_up("serve")) == "", "a second run should do nothing"


@pytest.mark.setup
def test_the_test_tier_adds_dev_requirements_and_drops_what_they_no_longer_list(project, serve_venv):
    project.adopt(serve_venv)
    assert ok(project.set_up("serve")) == ""
    out = ok(project.set_up("test"))
    assert "installing requirements-dev.txt" in out and "creating" not in out
    assert "installing requirements.txt" not in out, "the serve tier was there already"
    assert project.has("heal_gamma") and ok(project.set_up("test")) == "" and ok(project.set_up("serve")) == ""
    project.lock("requirements-dev.txt", "heal_alpha", "heal_beta")
    out = ok(project.set_up("test"))
    assert "requirements-dev.txt changed since .venv was set up" in out and "making .venv anew" in out
    assert project.has("heal_beta") and not project.has("heal_gamma")


@pytest.mark.setup
def test_a_venv_without_pip_is_made_anew(project, serve_venv):
    project.adopt(serve_venv)
    for pip in (project.root / ".venv" / "lib").glob("python*/site-packages/pip"):
        shutil.rmtree(pip)
    assert not project.pip_runs()
    out = ok(project.set_up("serve"))
    assert ".venv is broken: pip does not run in it" in out and "making .venv anew" in out
    assert project.pip_runs() and project.has("heal_alpha")


@pytest.mark.setup
def test_changed_requirements_leave_no_removed_package_behind(project, serve_venv):
    project.adopt(serve_venv)
    assert project.has("heal_beta")
    project.lock("requirements.txt", "heal_alpha")
    out = ok(project.set_up("serve"))
    assert "requirements.txt changed since .venv was set up" in out and "making .venv anew" in out
    assert project.has("heal_alpha") and not project.has("heal_beta")


@pytest.mark.setup
def test_a_failed_install_is_made_anew_next_time(project):
    project.lock("requirements.txt", "heal_alpha", "heal_beta", bad_hash="heal_beta")
    failed = project.set_up("serve")
    assert failed.returncode == 1 and "pip could not install requirements.txt" in failed.stdout
    assert "rm -rf .venv node_modules" in failed.stdout
    project.lock("requirements.txt", "heal_alpha", "heal_beta")
    out = ok(project.set_up("serve"))
    assert "an earlier set-up of .venv did not finish" in out and "making .venv anew" in out
    assert project.has("heal_beta")


@pytest.mark.setup
def test_an_interrupted_first_setup_is_made_anew_next_time(project):
    command = [sys.executable, project.root / "scripts" / "setup_env.py", "serve"]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    venv_python = project.root / ".venv" / "bin" / "python"
    deadline = time.monotonic() + 60
    while not venv_python.exists() and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.02)
    os.killpg(first.pid, signal.SIGKILL)  # like a closed terminal halfway through `python -m venv`
    first.wait()
    assert (project.root / ".venv").exists() and not project.has("heal_alpha")
    out = ok(project.set_up("serve"))
    assert "did not finish" in out and "making .venv anew" in out
    assert project.pip_runs() and project.has("heal_alpha")


@pytest.mark.setup
def test_a_venv_without_stamps_is_made_anew(project, serve_venv):
    """As left by the old Makefile (.installed-<hash>) or made by hand: what it holds is unknown."""
    project.adopt(serve_venv)
    for stamp in (project.root / ".venv").glob(".setup-*"):
        stamp.unlink()
    (project.root / ".venv" / ".installed-0123456789ab").touch()
    out = ok(project.set_up("serve"))
    assert ".venv has no set-up stamp" in out and "making .venv anew" in out
    assert project.has("heal_alpha") and not (project.root / ".venv" / ".installed-0123456789ab").exists()


# --- make serve --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8")


def test_readme_gives_the_preview_addresses_and_the_fast_lane():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Two commands\n\n```sh\n(.*?)```", readme, re.S)[1]
    assert re.search(r"^make serve .*http://127\.0\.0\.1:8000/ .*/en/", block, re.M), block
    assert re.search(r"^make test ", block, re.M) and re.search(r"^make test-fast .*fast", block, re.M), block
    assert "PORT=8123 make serve" in readme


@pytest.mark.setup
def test_make_serve_answers_at_the_readme_addresses_and_reloads(tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            cwd=ROOT,
            env={**os.environ, "PORT": str(port)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        zh, en = f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/en/"
        deadline = time.monotonic() + 240
        while "Preview ready" not in log.read_text(encoding="utf-8"):
            assert server.poll() is None, f"make serve ended:\n{log.read_text(encoding='utf-8')}"
            assert time.monotonic() < deadline, f"no preview after 240 s:\n{log.read_text(encoding='utf-8')}"
            time.sleep(0.5)
        printed = log.read_text(encoding="utf-8")
        assert re.search(rf"中文\s+{re.escape(zh)}$", printed, re.M) and re.search(
            rf"English\s+{re.escape(en)}$", printed, re.M
        )
        home_zh, home_en = fetch(zh), fetch(en)
        assert '<html lang="zh"' in home_zh and '<html lang="en"' in home_en
        # Live reload: a change under data/ (watched through mkdocs.yml) rebuilds, and the
        # page's reload poll hears of a newer version. Only the file's time is touched.
        epoch = re.search(r"livereload\((\d+),", home_zh)[1]
        data_file = sorted((ROOT / "data").glob("*.yml"))[0]
        os.utime(data_file)
        newer = fetch(f"http://127.0.0.1:{port}/livereload/{epoch}/1", timeout=90)
        assert int(newer) > int(epoch), "no rebuild after a change under data/"
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# --- last-updated dates ------------------------------------------------------------------

SHOWN_DATE = re.compile(r'git-revision-date-localized-plugin-date"><time datetime="([\d-]+)">([^<]+)</time>')


def git(repo: Path, *args: str, date: str = "") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else None
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repo, env=env, check=True, capture_output=True)


def shown_dates(site: Path) -> dict[str, tuple[str, str]]:
    """{page path: (ISO date, shown text)} of every last-updated date in a built site."""
    found = {}
    for html in site.rglob("*.html"):
        if match := SHOWN_DATE.search(html.read_text(encoding="utf-8")):
            found[html.relative_to(site).as_posix()] = (match[1], match[2])
    return found


@pytest.fixture(scope="module")
def dated_repo(tmp_path_factory) -> Path:
    """A git copy of the project: everything committed on 2021-03-04 except the sources page,
    then one later commit (2022-05-06) changing only the Chinese glossary."""
    repo = copy_project(tmp_path_factory.mktemp("dated") / "project")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "rm", "-q", "--cached", "docs/sources.md", "docs/sources.en.md")
    git(repo, "commit", "-q", "-m", "first", date="2021-03-04T05:06:07+00:00")
    with (repo / "docs" / "glossary.md").open("a", encoding="utf-8") as page:
        page.write("\n")
    git(repo, "commit", "-q", "-am", "second", date="2022-05-06T23:30:00+00:00")
    return repo


def test_committed_pages_show_their_commit_date_and_uncommitted_ones_none(dated_repo, tmp_path):
    result = run_build(dated_repo, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    dates = shown_dates(tmp_path / "site")
    assert dates["architecture/index.html"] == ("2021-03-04", "2021年3月4日")
    assert dates["en/architecture/index.html"] == ("2021-03-04", "March 4, 2021")
    assert dates["glossary/index.html"] == ("2022-05-06", "2022年5月6日"), "the newest commit of the page"
    assert dates["en/glossary/index.html"] == ("2021-03-04", "March 4, 2021")
    assert "sources/index.html" not in dates and "en/sources/index.html" not in dates
    assert {iso for iso, _ in dates.values()} == {"2021-03-04", "2022-05-06"}, "never the build date"
    log = result.stdout + result.stderr
    for page in ("docs/sources.md", "docs/sources.en.md"):
        assert re.search(rf"INFO .*git_dates: no last-updated date for {re.escape(page)}: not committed", log), log
    assert not re.search(r"^WARNING", log, re.M), log
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"/architecture/</loc>\s*<lastmod>2021-03-04</lastmod>", sitemap)


def test_a_shallow_clone_shows_no_dates_rather_than_wrong_ones(dated_repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{dated_repo}", str(clone))
    for page in (dated_repo / "docs").glob("sources*.md"):  # not committed, so not cloned
        shutil.copy2(page, clone / "docs")
    result = run_build(clone, tmp_path / "site", env={"BUILD_ONLY_LOCALE": "zh"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert shown_dates(tmp_path / "site") == {}, "every file of a shallow clone seems changed in its one commit"
    assert "no last-updated date for docs/architecture.md: shallow clone" in result.stdout + result.stderr


def test_a_copy_outside_git_builds_strictly_without_dates(project_copy, tmp_path):
    result = run_build(project_copy, tmp_path / "site", env={"BUILD_ONLY_LOCALE": "zh"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert shown_dates(tmp_path / "site") == {}
    today = dt.date.today()
    assert f"{today.year}年{today.month}月{today.day}日" not in (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "no last-updated date for docs/index.md" in result.stdout + result.stderr
