"""Lint, the same locally and in CI: each check of scripts/lint.py runs here as a test (so
`make test` includes `make lint`), each tool is shown to catch a bad sample with the project's
own configuration, and pre-commit and the Makefile call the same tools."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from docs_text import ROOT

spec = importlib.util.spec_from_file_location("lint", ROOT / "scripts" / "lint.py")
lint = importlib.util.module_from_spec(spec)
sys.modules["lint"] = lint
spec.loader.exec_module(lint)


def tool(*command, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("name", [c.name for c in lint.CHECKS if c.group in ("content", "code")])
def test_lint_check(name):
    check = lint.BY_NAME[name]
    ok, output = check.run()
    assert ok, f"{name} ({check.what}) failed; `make fix` repairs what it can:\n{output[:6000]}"


# --- each tool catches a problem, with the project's configuration ------------------------


def test_autocorrect_catches_spacing_and_punctuation(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("# 标题\n\nQwen3有2350亿参数,对吧\n", encoding="utf-8")
    result = tool(lint.AUTOCORRECT, "--lint", "--config", ROOT / ".autocorrectrc", bad)
    assert result.returncode != 0, result.stdout
    fixed = tmp_path / "fixed.md"
    shutil.copy(bad, fixed)
    tool(lint.AUTOCORRECT, "--fix", "--config", ROOT / ".autocorrectrc", fixed)
    assert "Qwen3 有 2350 亿参数，对吧" in fixed.read_text(encoding="utf-8")


def test_zh_quote_rule_catches_straight_and_corner_quotes():
    assert lint.quote_problems('他说"你好"。\n')
    assert lint.quote_problems("他说「你好」。\n")
    assert not lint.quote_problems("他说“你好”。\n")
    ignored = '!!! note "注意"\n\n`"代码"` 和 {{ fig("a.b") }} 以及 <span title="标题">x</span>\n'
    assert not lint.quote_problems(ignored), "admonition titles, code, macros and HTML are not prose"
    assert lint.quote_problems('---\ndescription: "x"\n---\n\n正文\n\n他说"好"\n') == [
        (7, lint.quote_problems('他说"好"')[0][1])
    ]


def test_markdownlint_catches_structure_problems(tmp_path):
    shutil.copy(ROOT / ".markdownlint-cli2.yaml", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad.md").write_text("# 一\n\n# 二\n\n### 跳级\n", encoding="utf-8")
    result = tool(lint.MARKDOWNLINT, cwd=tmp_path)
    assert result.returncode != 0
    assert "MD025" in result.stderr + result.stdout and "MD001" in result.stderr + result.stdout


def test_markdownlint_allows_what_the_site_needs(tmp_path):
    shutil.copy(ROOT / ".markdownlint-cli2.yaml", tmp_path)
    (tmp_path / "docs").mkdir()
    good = (
        "---\ntitle: 标题\n---\n\n# 标题 { #title }\n\n" + "很长的一行中文" * 40 + "\n\n"
        "| 甲 | 乙 |\n|---|---|\n| 一 | 二 |\n\n"
        '!!! note "注意"\n\n    缩进的正文。\n\n'
        "- 列表\n    - 嵌套四格\n"
    )
    (tmp_path / "docs" / "good.md").write_text(good, encoding="utf-8")
    result = tool(lint.MARKDOWNLINT, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_yamllint_catches_duplicate_keys(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("a: 1\na: 2\n", encoding="utf-8")
    result = tool(lint.PY_BIN / "yamllint", "-c", ROOT / ".yamllint.yml", bad)
    assert result.returncode != 0 and "duplication" in result.stdout


def test_ruff_catches_python_problems(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom typing import Optional\nx: Optional[int] = None\n", encoding="utf-8")
    result = tool(lint.RUFF, "check", "--config", ROOT / "pyproject.toml", bad)
    assert result.returncode != 0 and "F401" in result.stdout and "UP045" in result.stdout
    unformatted = tmp_path / "ugly.py"
    unformatted.write_text("x = {  'a':1 }\n", encoding="utf-8")
    assert tool(lint.RUFF, "format", "--check", "--config", ROOT / "pyproject.toml", unformatted).returncode != 0


# --- one set of checks: scripts/lint.py, the Makefile, pre-commit -------------------------


def test_make_lint_checks_and_make_fix_fixes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint_recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M)
    fix_recipe = re.search(r"^fix:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert lint_recipe and "scripts/lint.py" in lint_recipe.group(1) and "--fix" not in lint_recipe.group(1)
    assert fix_recipe and "scripts/lint.py --fix" in fix_recipe.group(1)
    fixers = {c.name for c in lint.CHECKS if c.fix}
    assert {"autocorrect", "markdownlint", "ruff", "ruff-format"} <= fixers


def test_pre_commit_runs_the_same_tools():
    conf = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in conf["repos"] for hook in repo["hooks"]}
    for hook_id, tool_name in [
        ("autocorrect", "autocorrect"),
        ("markdownlint", "markdownlint-cli2"),
        ("yamllint", "yamllint"),
        ("ruff", "ruff check"),
        ("ruff-format", "ruff format"),
        ("zh-quotes", "scripts/lint.py zh-quotes"),
        ("translations", "translations.py"),
        ("workflows", "scripts/lint.py zizmor"),
    ]:
        assert hook_id in hooks and tool_name in hooks[hook_id]["entry"], f"pre-commit hook {hook_id}"
    for repo in conf["repos"]:
        assert repo["repo"] == "local", "hooks use the pinned local tools; nothing is downloaded"
    for hook in hooks.values():
        executable = hook["entry"].split()[0]
        assert (ROOT / executable).exists(), f"{hook['id']}: {executable} does not exist (run `make lint` once)"
    result = tool(lint.PY_BIN / "pre-commit", "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_lint_script_fails_when_a_check_fails(monkeypatch, capsys):
    failing = lint.Check("always-fails", "content", "a check that fails", lambda: ["docs/x.md:1: problem"])
    monkeypatch.setattr(lint, "CHECKS", [failing])
    monkeypatch.setattr(lint, "BY_NAME", {"always-fails": failing})
    assert lint.main([]) == 1
    assert "FAIL always-fails" in capsys.readouterr().out


# --- the build's rules and the built pages' typography, in `make lint` ---------------------


def append_line(page, line: str) -> int:
    """Add a paragraph at the end of a page; returns its line number."""
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    page.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_make_lint_names_the_line_and_key_of_a_typed_figure(project_copy, monkeypatch, capsys):
    zh_line = append_line(project_copy / "docs" / "architecture.md", "旗舰模型共有 2350亿 个参数。")
    en_line = append_line(project_copy / "docs" / "architecture.en.md", "The flagship has 235B parameters.")
    found = lint.docs_rules(project_copy)
    zh = [p for p in found if p.startswith(f"docs/architecture.md:{zh_line}: '2350亿'")]
    en = [p for p in found if p.startswith(f"docs/architecture.en.md:{en_line}: '235B'")]
    assert zh and en, found
    assert all("fig('qwen3_235b.total_params')" in p for p in zh + en), zh + en

    monkeypatch.setattr(lint, "ROOT", project_copy)
    assert lint.main(["docs-rules"]) == 1
    out = capsys.readouterr().out
    assert f"docs/architecture.md:{zh_line}:" in out and f"docs/architecture.en.md:{en_line}:" in out


def test_docs_rules_pass_on_the_project():
    assert lint.docs_rules() == []


def test_make_lint_checks_the_typography_of_a_fresh_build(project_copy):
    append_line(project_copy / "docs" / "summary.md", "**原文说法：** 这一句的冒号后面多了空格，GPT-4 是密集模型。")
    append_line(project_copy / "docs" / "summary.en.md", "The workflow diagram said ABF：RoPE.")
    found = lint.built_typography(project_copy)
    assert any(p.startswith("summary/index.html: ZH-2") and "原文说法⟦： ⟧这一句" in p for p in found), found
    assert any(p.startswith("summary/index.html: ZH-4 '密集'") for p in found), found
    assert any(p.startswith("en/summary/index.html: EN-5") and "ABF⟦：⟧RoPE" in p for p in found), found


def test_make_lint_reports_a_failed_build_instead_of_passing(project_copy):
    append_line(project_copy / "docs" / "summary.md", '{{ fig("gpt4.no_such_figure") }}')
    found = lint.built_typography(project_copy)
    assert found and found[0].startswith("the strict build failed"), found


def test_the_chinese_texts_of_the_data_files_go_through_autocorrect(project_copy):
    words = project_copy / "data" / "words.yml"
    text = words.read_text(encoding="utf-8")
    assert "  claim: {zh: 原文说法, en: The article says}" in text
    words.write_text(
        text.replace(
            "  claim: {zh: 原文说法, en: The article says}", '  claim: {zh: "原文说法： MQA", en: The article says}'
        ),
        encoding="utf-8",
    )
    found = lint.data_autocorrect(project_copy)
    assert found == ["data/words.yml: corrections.claim.zh: '原文说法： MQA' -> '原文说法：MQA'"], found
