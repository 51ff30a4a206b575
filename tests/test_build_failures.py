"""Bad input stops the build with a message naming the file and the key (run on a copy)."""

from __future__ import annotations

from project import run_build


def output(result) -> str:
    return result.stdout + result.stderr


def test_unknown_figure_key_fails_naming_page_and_key(project_copy, tmp_path):
    page = project_copy / "docs" / "architecture.en.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ fig("gpt4.no_such_figure") }}\n', encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "architecture.en.md" in output(result)
    assert "gpt4.no_such_figure" in output(result)


def test_undefined_variable_fails(project_copy, tmp_path):
    page = project_copy / "docs" / "summary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ qwen_total }}\n", encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "qwen_total" in output(result) and "summary.md" in output(result)


def test_broken_data_file_fails_naming_the_key(project_copy, tmp_path):
    data = project_copy / "data" / "facts.yml"
    text = data.read_text(encoding="utf-8")
    broken = text.replace("      status: official\n", "      status: rumoured\n", 1)
    assert broken != text
    data.write_text(broken, encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "facts.yml" in output(result) and ".status" in output(result) and "rumoured" in output(result)


def test_missing_translation_fails_naming_the_page(project_copy, tmp_path):
    (project_copy / "docs" / "workflow.en.md").unlink()
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "workflow.md" in output(result)


def test_broken_link_fails(project_copy, tmp_path):
    page = project_copy / "docs" / "principles.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[见此](no-such-page.md)\n", encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "no-such-page.md" in output(result)
