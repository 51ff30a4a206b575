"""Issue 14's probes: each fault, injected into a fresh copy of the project, is refused with a message
naming the file and the key or line; markup in long texts (where < is allowed) is published as inert text.

Most probes load the copy's data (macros/data.py) or run the page rules (macros/checks.py) directly;
a few run `mkdocs build --strict` (and one `mkdocs serve`) for the end-to-end claims. The probe
numbers are the issue's.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from project import MKDOCS, run_build

from macros.checks import check_docs
from macros.data import load_data
from macros.derived import Derived, Ref, add_derived, div
from macros.facts import load_facts
from macros.yamlio import DataError

SCRIPT = "<script>window.probe14=1</script>"
IMG = "<img src=x onerror=alert(14)>"
JS_LINK = "[probe](javascript:alert(14))"


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in a file by `new`; returns the line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}: update the probe"
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def set_line(path: Path, starts_with: str, new: str) -> int:
    """Replace the whole first line that starts with `starts_with`; returns its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next((i for i, line in enumerate(lines) if line.startswith(starts_with)), None)
    assert number is not None, f"{path.name} has no line starting {starts_with!r}: update the probe"
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def append(path: Path, text: str) -> int:
    """Add lines at the end of a page; returns the line of the first one."""
    before = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(before + text + "\n", encoding="utf-8")
    return before.count("\n") + 1


def refusal(root: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_data(root)
    return str(caught.value)


def page_problems(root: Path) -> list[str]:
    data = load_data(root)
    return check_docs(data.site, data.facts)


def output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def assert_build_fails(root: Path, site: Path, *expected: str) -> str:
    result = run_build(root, site)
    assert result.returncode != 0, "the strict build should have failed"
    for text in expected:
        assert text in output(result), f"{text!r} not in the build output:\n{output(result)[-3000:]}"
    return output(result)


def figure_line(root: Path, group: str, name: str) -> int:
    """The line of `    <name>:` inside `  <group>:` in data/facts.yml."""
    lines = (root / "data" / "facts.yml").read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  {group}:")
    return lines.index(f"    {name}:", start) + 1


# --- 1. markup in data texts -----------------------------------------------------------------


@pytest.mark.parametrize(
    "file, old, new, key, entry",
    [
        (
            "facts.yml",
            'label: {zh: "Qwen3 技术报告"',
            f'label: {{zh: "{SCRIPT}"',
            "sources.0.label.zh",
            "qwen3_tech_report",
        ),
        ("glossary.yml", "    term: LLM\n", f"    term: '{IMG}'\n", "terms.0.term", "llm"),
        (
            "glossary.yml",
            "name: {zh: 大语言模型, en: large language model}",
            f"name: {{zh: 大语言模型, en: '{SCRIPT}'}}",
            "terms.0.name.en",
            "llm",
        ),
        ("glossary.yml", "zh: 在海量文本上训练", f"zh: {IMG}在海量文本上训练", "terms.0.definition.zh", "llm"),
        (
            "corrections.yml",
            "zh: GPT-4 的架构从未公开",
            f"zh: '{SCRIPT}'",
            "entries.0.title.zh",
            "gpt4-architecture-undisclosed",
        ),
    ],
    ids=["source-label", "glossary-term", "glossary-name", "glossary-definition", "correction-title"],
)
def test_markup_in_a_name_or_title_is_refused_naming_file_line_and_key(project_copy, file, old, new, key, entry):
    path = project_copy / "data" / file
    line = edit(path, old, new)
    message = refusal(project_copy)
    assert f"{path}:{line}: {key} [id: {entry}]" in message
    assert "may not contain < or >" in message


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes, and the text inside each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(page: Path) -> Elements:
    parser = Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_markup_in_long_texts_and_words_is_published_as_inert_text(project_copy, tmp_path):
    """Claims, corrections, captions and diagram lines may contain < (escaped); words.yml too.
    Markdown link syntax in titles and category names stays text."""
    data = project_copy / "data"
    payload = f"{SCRIPT}{IMG}{JS_LINK} "
    edit(data / "corrections.yml", 'en: "GPT-4 is a mixture-of-experts', f'en: "{payload}GPT-4 is a mixture-of-experts')
    edit(data / "corrections.yml", 'zh: "OpenAI 的技术报告明确表示', f'zh: "{IMG}OpenAI 的技术报告明确表示')
    edit(
        data / "corrections.yml",
        "en: GPT-4's architecture was never disclosed",
        f'en: "GPT-4 {JS_LINK} {{: onclick=alert(14) }}"',
    )
    edit(data / "diagrams.yml", 'en: "about {{ fig(', f'en: "{SCRIPT}about {{{{ fig(')
    edit(data / "diagrams.yml", "{zh: 数千亿 token,", f"{{zh: '{IMG}数千亿 token',")
    edit(data / "glossary.yml", "en: Model architecture}", f"en: 'Model {JS_LINK}'}}")
    edit(data / "words.yml", 'list: {zh: "、", en: ", "}', f'list: {{zh: "、{IMG}", en: ", {IMG}"}}')
    set_line(data / "words.yml", "    active_value:",
             f'    active_value: {{zh: "{{value}} {IMG} 占 {{share}}", en: "{{value}} {IMG} {{share}}"}}')  # fmt: skip
    site = tmp_path / "site"
    result = run_build(project_copy, site)
    assert result.returncode == 0, output(result)[-3000:]

    live, shown = [], set()
    for page in sorted(site.rglob("*.html")):
        elements = parse(page)
        where = page.relative_to(site).as_posix()
        live += [f"{where}: <script> {s[:40]!r}" for s in elements.scripts if "probe14" in s]
        for tag, attrs in elements.tags:
            for name, value in attrs.items():
                if name.startswith("on"):
                    live.append(f"{where}: <{tag} {name}={value!r}>")
                if name in ("href", "src", "xlink:href") and re.sub(r"\s", "", value).lower().startswith("javascript:"):
                    live.append(f"{where}: <{tag} {name}={value!r}>")
            if tag == "img" and attrs.get("src") == "x":
                live.append(f"{where}: <img src=x>")
        text = "".join(elements.text)
        shown |= {marker for marker in (SCRIPT, IMG, JS_LINK) if marker in text}
    assert live == [], "payload became live markup:\n" + "\n".join(live[:20])
    assert shown == {SCRIPT, IMG, JS_LINK}, "the payload should be visible as text (so this test sees it)"
    for index in sorted((site / "search").glob("search_index*.json")):
        entries = json.dumps(json.loads(index.read_text(encoding="utf-8")), ensure_ascii=False)
        assert "<script>window.probe14" not in entries and "<img src=x" not in entries, index.name


# --- 2. URLs in data -------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["https://example.org/?x=1){onclick=alert(1)}", "javascript:alert(1)"])
def test_a_source_url_that_is_not_a_plain_web_address_is_refused(project_copy, url):
    path = project_copy / "data" / "facts.yml"
    line = edit(path, 'url: "https://arxiv.org/abs/2505.09388"', f'url: "{url}"')
    message = refusal(project_copy)
    assert f"{path}:{line}: sources.0.url [id: qwen3_tech_report]" in message
    assert "plain http(s):// address" in message and repr(url) in message


# --- 3. and 4. template code in data texts and in pages ------------------------------------------

# Each writes the file {marker} if it runs (the last one spells around a list of bad words).
PAYLOADS = {
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ cycler.__init__.__globals__.os.popen('touch {marker}') }}",
    "globals": "{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}",
    "import": "{% import os %}{{ os.system('touch {marker}') }}",
    "escaped": r"{{ (lipsum|attr('\x5f\x5fglobals\x5f\x5f'))['\x5f\x5fbuiltins\x5f\x5f']['open']('{marker}','w') }}",
}


@pytest.mark.parametrize("name", PAYLOADS)
def test_template_code_in_a_data_text_is_refused_and_never_runs(project_copy, tmp_path, name):
    marker = tmp_path / "ran"
    payload = PAYLOADS[name].replace("{marker}", str(marker))
    path = project_copy / "data" / "corrections.yml"
    line = set_line(path, '      en: "GPT-4 is a mixture-of-experts', f"      en: {json.dumps(payload)}")
    message = refusal(project_copy)
    assert f"{path}:{line}: entries.0.claim.en [id: gpt4-architecture-undisclosed]" in message
    assert "only {{ fig('group.name') }}" in message
    if name == "globals":  # once end to end: the strict build stops before any page is rendered
        assert_build_fails(project_copy, tmp_path / "site", "corrections.yml", "entries.0.claim.en")
    assert not marker.exists()


@pytest.mark.parametrize("name", PAYLOADS)
def test_template_code_in_a_page_fails_naming_page_and_line(project_copy, tmp_path, name):
    marker = tmp_path / "ran"
    page = project_copy / "docs" / "summary.md"
    line = append(page, "结尾。" + PAYLOADS[name].replace("{marker}", str(marker)))
    problems = page_problems(project_copy)
    assert any(p.startswith(f"docs/summary.md:{line}: template code") for p in problems), problems
    if name == "escaped":  # before: no banned word, so the build ran it and created the file
        assert_build_fails(project_copy, tmp_path / "site", f"docs/summary.md:{line}: template code")
    assert not marker.exists()


@pytest.mark.parametrize(
    "markup, found",
    [
        (SCRIPT, "raw HTML '<script>'"),
        (f"见{IMG}此", "raw HTML '<img"),
        (f"见 {JS_LINK}", "link to 'javascript:alert(14'"),
        ("见 [此](JaVa&#x53;cript:alert(14))", "link to 'JaVa&#x53;cript:alert(14'"),
        ("[此]: javascript:alert(14)", "link to 'javascript:alert(14)'"),
        ('见 [此](index.md){ onclick="alert(14)" }', "attribute 'onclick=\"alert(14)\"'"),
    ],
    ids=["script", "img-onerror", "javascript-link", "entity-link", "reference-link", "attribute-list"],
)
def test_markup_in_a_page_fails_naming_page_and_line(project_copy, markup, found):
    """Pages are Markdown: raw HTML, script links and event attributes would run in the reader's browser."""
    line = append(project_copy / "docs" / "summary.md", markup)
    problems = page_problems(project_copy)
    assert any(p.startswith(f"docs/summary.md:{line}: {found}") for p in problems), problems


# --- 5. impossible values --------------------------------------------------------------------


@pytest.mark.parametrize(
    "group, name, old, new, expected",
    [
        ("qwen3_235b", "layers", "value: 94\n", "value: -120\n", "a count of layers must be a whole number"),
        ("qwen3_235b", "kv_heads", "value: 4\n      unit: heads", "value: 0\n      unit: heads", "(got 0)"),
        ("gpt4", "training_mfu_min", "value: 0.32\n", "value: 1.5\n", "a fraction must lie between 0 and 1"),
        ("qwen3_235b", "layers", "value: 94\n", "value: many\n", "value 'many' is not a number"),
    ],
    ids=["negative-count", "zero-divisor", "share-above-one", "text-for-number"],
)
def test_an_impossible_value_is_refused_naming_the_key(project_copy, group, name, old, new, expected):
    path = project_copy / "data" / "facts.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n    {name}:\n", text.index(f"\n  {group}:\n"))
    path.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")
    message = refusal(project_copy)
    assert f"{path}:{figure_line(project_copy, group, name) + 1}: figures.{group}.{name}:" in message
    assert expected in message


def test_an_impossible_derived_figure_names_the_figure_its_formula_and_inputs(project_copy):
    path = project_copy / "data" / "facts.yml"
    edit(path, "value: 22000000000\n", "value: 300000000000\n")  # more active than total parameters
    message = refusal(project_copy)
    assert "derived figure qwen3_235b.active_share (macros/derived.py)" in message
    assert "qwen3_235b.active_params ÷ qwen3_235b.total_params" in message
    assert "a fraction must lie between 0 and 1" in message
    assert "inputs: qwen3_235b.active_params = 300000000000, qwen3_235b.total_params = 235000000000" in message


def test_a_division_by_zero_names_the_figure_its_formula_and_inputs(project_copy):
    """The units keep every divisor of today's formulas above 0; a new formula over a figure that may
    be 0 (no shared experts) is still named, never a bare ZeroDivisionError."""
    facts = load_facts(project_copy / "data" / "facts.yml")
    assert facts.value("qwen3_235b.shared_experts") == 0
    formula = Derived("parameters", div(Ref("qwen3_235b.total_params"), Ref("qwen3_235b.shared_experts")))
    with pytest.raises(DataError) as caught:
        add_derived(facts, {"probe.params_per_shared_expert": formula})
    message = str(caught.value)
    assert "derived figure probe.params_per_shared_expert" in message
    assert "qwen3_235b.total_params ÷ qwen3_235b.shared_experts: division by zero" in message
    assert "inputs: qwen3_235b.total_params = 235000000000, qwen3_235b.shared_experts = 0" in message


# --- 6. keys given twice ---------------------------------------------------------------------


def test_a_figure_key_given_twice_names_both_lines(project_copy):
    path = project_copy / "data" / "facts.yml"
    first = figure_line(project_copy, "qwen3_235b", "layers")
    again = "    layers:\n      value: 7\n      unit: layers\n      status: official\n      source: qwen3_blog\n"
    second = edit(path, "    hidden_size:\n", again + "      note: x\n    hidden_size:\n")
    assert f"{path}:{second}: key 'layers' is given twice (first at line {first})" in refusal(project_copy)


def test_a_group_given_twice_names_both_lines(project_copy):
    path = project_copy / "data" / "facts.yml"
    first = path.read_text(encoding="utf-8").split("\n").index("  deepseek_r1:") + 1
    again = "  deepseek_r1:\n    layers:\n      value: 61\n      unit: layers\n      status: official\n"
    second = edit(path, "  hardware:\n", again + "      source: qwen3_blog\n      note: x\n  hardware:\n")
    message = refusal(project_copy)
    assert f"{path}:{second}: key 'deepseek_r1' is given twice (first at line {first})" in message
    assert "unknown inputs" not in message


# --- 7. bytes that are not UTF-8 -------------------------------------------------------------


@pytest.mark.parametrize("file", ["facts.yml", "corrections.yml", "glossary.yml"])
def test_bytes_that_are_not_utf8_name_file_and_line(project_copy, file):
    path = project_copy / "data" / file
    raw = path.read_bytes().split(b"\n")
    raw[40] += b" \xff\xfe"
    path.write_bytes(b"\n".join(raw))
    assert f"{path}:41: not UTF-8 (byte 0xff" in refusal(project_copy)


def test_a_page_that_is_not_utf8_names_the_page_and_line(project_copy):
    page = project_copy / "docs" / "summary.md"
    line = append(page, "结尾。")
    page.write_bytes(page.read_bytes().rstrip(b"\n") + b"\xff\n")
    assert f"docs/summary.md:{line}: not UTF-8 (byte 0xff" in " ".join(page_problems(project_copy))


# --- 8. and 9. the pair rules, in the build and in serve -----------------------------------------


def test_a_missing_english_twin_is_named(project_copy, tmp_path):
    (project_copy / "docs" / "workflow.en.md").unlink()
    assert_build_fails(project_copy, tmp_path / "site", "docs/workflow.en.md is missing")


def break_the_pair_rules(root: Path) -> dict[str, str]:
    """Different heading ids, a figure in one language only, a typed number; the expected messages."""
    docs = root / "docs"
    edit(docs / "architecture.en.md", "{ #gpt-4 }", "{ #gpt4 }")
    append(docs / "principles.md", '另见 {{ fig("qwen3_235b.layers") }}。')
    line = append(docs / "training-data.en.md", "The article says 9,999 GPUs.")
    return {
        "ids": "docs/architecture.md and docs/architecture.en.md: heading ids differ",
        "keys": "docs/principles.md and docs/principles.en.md: different figures (only in principles.md:"
        " ['qwen3_235b.layers']",
        "typed": f"docs/training-data.en.md:{line}: '9,999' typed by hand",
    }


def test_broken_pair_rules_fail_the_strict_build_naming_the_files(project_copy, tmp_path):
    expected = break_the_pair_rules(project_copy)
    problems = "\n".join(page_problems(project_copy))
    for message in expected.values():
        assert message in problems
    assert_build_fails(project_copy, tmp_path / "site", *expected.values())


def test_serve_refuses_the_same_pages(project_copy):
    """`mkdocs serve` runs the same hook: it stops on the first build, naming the file."""
    expected = break_the_pair_rules(project_copy)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [*MKDOCS, "serve", "-f", str(project_copy / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project_copy, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        log, _ = server.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        server.kill()
        log, _ = server.communicate()
        pytest.fail(f"mkdocs serve kept serving broken pages:\n{log[-3000:]}")
    assert server.returncode != 0
    for message in expected.values():
        assert message in log
