"""Translation freshness: each English page records the hash of the Chinese text it translates.

A missing pair fails; outdated or unstamped pages are reported (as warnings here), and on the
built site an outdated English page shows a notice that links to its Chinese original.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import warnings

import pytest

from built_pages import read
from docs_text import DOCS, ROOT

spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
translations = importlib.util.module_from_spec(spec)
sys.modules["translations"] = translations  # dataclasses look their module up
spec.loader.exec_module(translations)
freshness = translations.freshness
STAMP = re.compile(r"^sha256:[0-9a-f]{12}$")


def run(*args: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


# --- the real pages ------------------------------------------------------------------------


def test_no_page_is_missing_its_twin():
    missing = [p for p in translations.pairs(DOCS) if p.state.startswith("missing")]
    assert not missing, "\n" + translations.report(missing, DOCS)


def test_outdated_translations_are_reported():
    """Reported, not failing: a Chinese edit should not block a PR until someone translates it."""
    behind = [p for p in translations.pairs(DOCS) if p.state in ("outdated", "unstamped")]
    if behind:
        warnings.warn(
            f"{len(behind)} English page(s) outdated or unstamped:\n" + translations.report(behind, DOCS),
            stacklevel=1,
        )
    code, output = run()
    assert code == 0, output


def test_stamps_that_exist_are_well_formed():
    for pair in translations.pairs(DOCS):
        if pair.stamp:
            assert STAMP.match(pair.stamp), f"{pair.en.name}: bad {freshness.STAMP_KEY} {pair.stamp!r}"


# --- the tool, on a copy -------------------------------------------------------------------


@pytest.fixture
def docs(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy)
    for page in copy.rglob("*.en.md"):  # start from a known state: no stamps
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(rf"^{freshness.STAMP_KEY}:.*\n", "", text, flags=re.M), encoding="utf-8")
    return copy


def states(docs) -> dict[str, str]:
    return {p.en.name: p.state for p in translations.pairs(docs)}


def test_unstamped_pages_are_reported_not_failed(docs):
    assert set(states(docs).values()) == {"unstamped"}
    code, output = run("--docs", str(docs))
    assert code == 0 and "UNSTAMPED" in output
    code, _ = run("--docs", str(docs), "--strict")
    assert code == 1


def test_stamp_then_change_the_chinese_page(docs):
    code, output = run("--docs", str(docs), "--stamp", str(docs / "architecture.en.md"))
    assert code == 0, output
    assert states(docs)["architecture.en.md"] == "current"

    zh = docs / "architecture.md"
    zh.write_text(zh.read_text(encoding="utf-8") + "\n新增的一段话。\n", encoding="utf-8")
    assert states(docs)["architecture.en.md"] == "outdated"
    code, output = run("--docs", str(docs))
    assert code == 0, "outdated is reported, not a failure"
    assert re.search(r"OUTDATED\s+docs/architecture\.en\.md", output), output
    code, _ = run("--docs", str(docs), "--strict")
    assert code == 1

    run("--docs", str(docs), "--stamp", str(docs / "architecture.md"))  # naming the zh page works too
    assert states(docs)["architecture.en.md"] == "current"


def test_stamp_without_pages_stamps_only_the_unstamped(docs):
    run("--docs", str(docs), "--stamp", str(docs / "index.en.md"))
    (docs / "index.md").write_text((docs / "index.md").read_text(encoding="utf-8") + "\n改动。\n", encoding="utf-8")
    code, output = run("--docs", str(docs), "--stamp")
    assert code == 0, output
    found = states(docs)
    assert found["index.en.md"] == "outdated", "an existing stamp is only replaced when the page is named"
    assert {s for name, s in found.items() if name != "index.en.md"} == {"current"}


def test_stamp_keeps_the_rest_of_the_page(docs):
    page = docs / "summary.en.md"
    before = page.read_text(encoding="utf-8")
    run("--docs", str(docs), "--stamp", str(page))
    run("--docs", str(docs), "--stamp", str(page))  # twice: replaced, not duplicated
    after = page.read_text(encoding="utf-8")
    assert after.count(f"{freshness.STAMP_KEY}:") == 1
    meta = translations.front_matter(after)
    assert meta[freshness.STAMP_KEY] == freshness.zh_hash((docs / "summary.md").read_text(encoding="utf-8"))
    assert {k: v for k, v in meta.items() if k != freshness.STAMP_KEY} == translations.front_matter(before)
    assert after.split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1], "the body must not change"


def test_missing_pairs_fail(docs):
    (docs / "summary.en.md").unlink()
    (docs / "orphan.en.md").write_text("---\ndescription: x\n---\n\n# Orphan { #orphan }\n", encoding="utf-8")
    code, output = run("--docs", str(docs))
    assert code == 1
    assert "MISSING    docs/summary.en.md" in output
    assert "MISSING    docs/orphan.md" in output


def test_the_hash_ignores_line_endings_but_not_words():
    text = "# 标题 { #t }\n\n正文。\n"
    assert freshness.zh_hash(text) == freshness.zh_hash(text.replace("\n", "\r\n") + "\n\n")
    assert freshness.zh_hash(text) == freshness.zh_hash(text.replace("正文。", "正文。   "))
    assert freshness.zh_hash(text) != freshness.zh_hash(text.replace("正文", "正文内容"))
    assert STAMP.match(freshness.zh_hash(text))


def test_report_names_the_git_diff_since_the_translated_version(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(DOCS, repo / "docs")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)

    git("init", "-q")
    run("--docs", str(repo / "docs"), "--stamp", str(repo / "docs" / "workflow.en.md"))
    git("add", "-A")
    git("commit", "-q", "-m", "translated")
    first = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    zh = repo / "docs" / "workflow.md"
    zh.write_text(zh.read_text(encoding="utf-8") + "\n新内容。\n", encoding="utf-8")
    git("commit", "-q", "-am", "changed the Chinese page")
    code, output = run("--docs", str(repo / "docs"))
    assert code == 0
    assert f"git diff {first[:12]} -- docs/workflow.md" in output, output


# --- the notice readers see ----------------------------------------------------------------


def test_outdated_english_page_shows_a_notice_linking_to_the_chinese_original(project_copy, tmp_path):
    docs = project_copy / "docs"
    code, output = run("--docs", str(docs), "--stamp", *(str(p) for p in sorted(docs.rglob("*.en.md"))))
    assert code == 0, output
    zh = docs / "architecture.md"  # outdated
    zh.write_text(zh.read_text(encoding="utf-8") + "\n新增的一段话。\n", encoding="utf-8")
    en = docs / "summary.en.md"  # unstamped
    en.write_text(
        re.sub(rf"^{freshness.STAMP_KEY}:.*\n", "", en.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
    )

    site = tmp_path / "site"
    result = subprocess.run(  # as conftest.run_build (not imported: tests/browser/ has a conftest too)
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project_copy / "mkdocs.yml"), "-d", str(site)],
        cwd=project_copy,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    outdated = read(site / "en" / "architecture" / "index.html")
    assert outdated.notices == ["outdated"]
    assert outdated.notice_links == ["../../architecture/"], "the notice links to the Chinese original"
    assert read(site / "en" / "summary" / "index.html").notices == ["unstamped"]
    assert read(site / "en" / "workflow" / "index.html").notices == [], "a current translation has no notice"
    assert read(site / "architecture" / "index.html").notices == [], "Chinese pages never show it"
