"""Rules over the Markdown sources, run by every build (macros/build.py), by `make lint` and the tests.

1. Pairs: every page exists in both languages (docs/x.md + docs/x.en.md).
2. Twins have the same heading ids, in the same order, every heading with an explicit { #id }.
3. Twins use the same figure keys (in fig/formula and in the relations ratio/agrees/check), and
   carry the same relations: a ratio printed or a comparison asserted in one language is in both.
4. No figure typed by hand: digits in prose belong in data/facts.yml; a number that matches a
   figure is reported with its key ("2350亿 / 235B -> qwen3_235b.total_params").
5. Template code stays within the macros we expose: in docs/ every {{ }} is a call of one of them
   (macros/register.py MACROS) with literal arguments, and there is no {% %} at all (mkdocs-macros
   runs a page's Jinja unsandboxed at build time, and a list of bad words is easy to spell around);
   in data/ no `__`, `globals`, `import`, `os.` … inside {{ }} / {% %} (their texts are checked
   against the allowed calls when loaded: macros/texts.py).
6. Pages are Markdown, not HTML: no raw HTML tags, attribute lists { } hold only #ids, .classes and
   data- attributes, and link targets are pages, anchors or http(s)/mailto addresses (no
   `javascript:`), so nothing in a page can run a script in a reader's browser.

Every problem is one line, `<file>:<line>: <what>`, so a reviewer can click it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .register import MACROS
from .site import Site

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$", re.M)
HEADING_ID = re.compile(r"#([\w-]+)")
MACRO_KEY = re.compile(r"""\{\{-?\s*(?:fig|formula)\(\s*["']([\w.]+)["']""")
RELATION_CALL = re.compile(r"""\{\{-?\s*(ratio|agrees|check)\((.*?)\)\s*-?\}\}""")
QUOTED_KEY = re.compile(r"""["']([a-z0-9_]+\.[a-z0-9_]+)["']""")
TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
UNSAFE = re.compile(r"__|\bglobals\b|\bpopen\b|\bimport\b|\bos\.|\beval\b|\bexec\b|\bsubprocess\b|\bgetattr\b")
LITERAL = r"""(?:"[^"\\{}%]*"|'[^'\\{}%]*'|-?\d+(?:\.\d+)?)"""
ARGUMENT = rf"(?:[a-z_]+\s*=\s*)?{LITERAL}"
MACRO_CALL = re.compile(rf"\{{\{{-?\s*([a-z_]+)\(\s*(?:{ARGUMENT}(?:\s*,\s*{ARGUMENT})*\s*)?\)\s*-?\}}\}}")
RAW_TAG = re.compile(r"</?([A-Za-z][\w-]*)([^>]*)>")
ATTR_LIST = re.compile(r"\{:?\s*([^{}\n]*?)\s*\}")
ATTR_TOKEN = re.compile(r"""#[\w-]+|\.[\w-]+|data-[a-z0-9-]+(?:=(?:"[^"<>]*"|'[^'<>]*'|[\w-]+))?""")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)", re.M)
SAFE_SCHEMES = {"http", "https", "mailto"}

# Names that contain digits but are not figures (each says why).
ALLOWED_NAMES = [
    r"GPT-4o(?:-\d{4}-\d{2}-\d{2})?",  # model name, with its dated snapshot
    r"GPT-4(?:-32k)?",  # model name (and the 32K product name)
    r"GPT-3\.5",  # model name
    r"gpt-4(?:-32k)?",  # API model ids
    r"Qwen3(?:-\d+(?:\.\d+)?B(?:-A\d+(?:\.\d+)?B)?)?(?:-\d{4})?(?:-Base)?",  # Qwen3, Qwen3-235B-A22B …
    r"Qwen2\.5(?:-(?:MoE|Math|Coder|VL|\d+B))?",  # model family names
    r"Qwen-?1",  # first-generation Qwen
    r"QwQ-32B",  # model name
    r"DeepSeek-R1",  # model name
    r"H20|H100|H200|A100|RTX ?4090",  # GPU product names
    r"BF16|FP16|FP8|INT8|INT4",  # number-format names
    r"\d{1,2}[- ]?(?:bit|位)",  # "8-bit" / "4 位": format names used with BF16/FP8/INT4
    r"S[1-3]",  # Qwen3 pre-training stage labels
    r"Stage ?[1-4]|阶段 ?[1-4]",  # Qwen3 post-training stage labels
    r"AIME'?24|MT-AIME2024|VQAv2|LiveCodeBench v5|Creative Writing v3|C-Eval|MMLU|MMMLU",  # benchmarks
    r"2504|2507",  # Qwen3 release tags (e.g. "Qwen3 2507")
    r"WCAG 2\.[12]|CC BY(?:-SA)? 4\.0|CFF 1\.2",  # standard and licence names
    r"404",  # the HTTP status in the not-found page
    r"x86_64",
]
ALLOWED = re.compile("|".join(f"(?:{name})" for name in ALLOWED_NAMES))
NOT_PROSE = [
    TEMPLATE,  # macro calls
    re.compile(r"\{\s*[#.][^}]*\}"),  # attribute lists { #id }
    FENCE,  # fenced code
    re.compile(r"`[^`\n]*`"),  # inline code (data keys, commands)
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"<[^>]+>"),  # HTML tags and attributes
    re.compile(r"^\s*\d+\.\s", re.M),  # ordered-list markers
    re.compile(r"\[\^[\w-]+\]"),  # footnote references
    re.compile(r"https?://\S+"),  # bare URLs
]
NUMBER = re.compile(r"\d[\d.,]*(?:\s?(?:万亿|亿|万)|[KMBT](?![A-Za-z]))?")
MAGNITUDE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def blank(match: re.Match) -> str:
    """Replace a match by spaces, keeping its newlines so line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def body(text: str) -> str:
    return FRONT_MATTER.sub(blank, text, count=1)


def heading_ids(text: str) -> list[str]:
    ids = []
    for match in HEADING.finditer(FENCE.sub(blank, body(text))):
        found = HEADING_ID.search(match.group(3) or "")
        ids.append(found.group(1) if found else f"<no id: {match.group(2)}>")
    return ids


def relation_calls(text: str) -> list[str]:
    """The relation macros of a page, normalised: check("a", ">", "b") -> check('a','>','b')."""
    calls = []
    for name, args in RELATION_CALL.findall(text):
        calls.append(name + "(" + re.sub(r"\s+", "", args).replace('"', "'") + ")")
    return sorted(calls)


def figure_keys(text: str) -> set[str]:
    relations = {k for _, args in RELATION_CALL.findall(text) for k in QUOTED_KEY.findall(args)}
    return set(MACRO_KEY.findall(text)) | relations


def number_value(token: str) -> float | None:
    """ "2350亿" -> 2.35e11, "235B" -> 2.35e11, "32,768" -> 32768."""
    match = re.match(r"([\d.,]+)\s?(.*)", token)
    try:
        value = float(match.group(1).replace(",", "").rstrip("."))
    except ValueError:
        return None
    return value * MAGNITUDE.get(match.group(2), 1)


@dataclass(frozen=True)
class Typed:
    line: int
    text: str


def typed_numbers(text: str) -> list[Typed]:
    """Digits in a page's prose, outside macros, code, links and the allowed names."""
    text = body(text)
    for pattern in NOT_PROSE:
        text = pattern.sub(blank, text)
    text = ALLOWED.sub(blank, text)
    return [Typed(text.count("\n", 0, m.start()) + 1, m.group(0).strip()) for m in NUMBER.finditer(text)]


def figure_index(facts) -> dict[float, list[str]]:
    """Figure values (numbers only), for suggesting a key when a page types one."""
    index: dict[float, list[str]] = {}
    for key, fact in facts.figures.items():
        if isinstance(fact.value, (int, float)) and fact.value >= 10:
            index.setdefault(float(fact.value), []).append(key)
    return index


def suggest(value: float | None, index: dict[float, list[str]]) -> list[str]:
    if value is None or value < 10:
        return []
    return [k for v, keys in index.items() if abs(v - value) <= 0.005 * v for k in keys][:3]


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def unsafe_templates(text: str) -> list[tuple[int, str]]:
    """Template tags holding words that reach Python internals (for data files: a second net)."""
    found = []
    for match in TEMPLATE.finditer(text):
        bad = UNSAFE.search(match.group(0))
        if bad:
            found.append((line_of(text, match.start()), bad.group(0)))
    return found


def foreign_templates(text: str) -> list[tuple[int, str]]:
    """Template tags of a page that are not a site macro called with literal arguments."""
    found = []
    for match in TEMPLATE.finditer(text):
        call = MACRO_CALL.fullmatch(match.group(0))
        if not (call and call.group(1) in MACROS):
            found.append((line_of(text, match.start()), match.group(0)))
    return found


def link_scheme(target: str) -> str | None:
    """The scheme of a link target as a browser reads it (entities decoded, blanks dropped)."""
    decoded = re.sub(r"[\x00-\x20]", "", html.unescape(target)).lower()
    found = re.match(r"([a-z][a-z0-9+.-]*):", decoded)
    return found.group(1) if found else None


def active_markup(text: str) -> list[tuple[int, str]]:
    """Raw HTML, attributes other than ids/classes/data-, and links to other than pages or web/mail."""
    text = FENCE.sub(blank, body(text))
    text = re.sub(r"`[^`\n]*`", blank, text)
    text = TEMPLATE.sub(blank, text)
    found = []
    for match in RAW_TAG.finditer(text):
        inner = match.group(0)[1:-1]
        if inner.startswith("/"):  # a closing tag: its opening tag is reported
            continue
        if re.fullmatch(r"[^\s@<>]+@[^\s@<>]+", inner):  # an e-mail autolink <a@b.org>
            continue
        if re.fullmatch(r"[A-Za-z][\w+.-]*:\S*", inner) and link_scheme(inner) in SAFE_SCHEMES:  # <https://…>
            continue
        found.append((line_of(text, match.start()), f"raw HTML {match.group(0)[:60]!r}"))
    for match in ATTR_LIST.finditer(text):
        rest = ATTR_TOKEN.sub("", match.group(1)).strip()
        if rest:
            found.append((line_of(text, match.start()), f"attribute {rest[:60]!r} in {match.group(0)[:60]!r}"))
    for match in LINK_TARGET.finditer(text):
        target = match.group(1) or match.group(2) or ""
        scheme = link_scheme(target)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            found.append((line_of(text, match.start()), f"link to {target[:60]!r}"))
    return found


def read_utf8(path, name: str, problems: list[str]) -> str | None:
    """A page's text; bytes that are not UTF-8 become a problem naming the file and line."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(f"{name}:{line}: not UTF-8 (byte {raw[error.start]:#04x} at offset {error.start})")
        return None


def check_docs(site: Site, facts=None) -> list[str]:
    """Every rule above over docs/ (and the template rule over data/); [] when all is well."""
    docs, problems = site.docs_dir, []
    root = docs.parent
    rel = lambda p: p.relative_to(root).as_posix()  # noqa: E731
    pages = {p.relative_to(docs).as_posix(): p for p in sorted(docs.rglob("*.md"))}
    index = figure_index(facts) if facts is not None else {}
    texts = {name: read_utf8(path, f"docs/{name}", problems) for name, path in pages.items()}
    texts = {name: text for name, text in texts.items() if text is not None}
    for name, text in texts.items():
        twin = site.twin(name)
        if twin not in pages:
            problems.append(f"docs/{twin} is missing: docs/{name} has no {site.lang_of(twin)} twin")
        for typed in typed_numbers(text):
            keys = suggest(number_value(typed.text), index)
            hint = (
                f" -> use {{{{ fig('{keys[0]}') }}}}" + (f" (or {', '.join(keys[1:])})" if keys[1:] else "")
                if keys
                else ""
            )
            problems.append(
                f"docs/{name}:{typed.line}: {typed.text!r} typed by hand; figures come from data/facts.yml{hint}"
            )
        for line, tag in foreign_templates(text):
            problems.append(
                f"docs/{name}:{line}: template code {tag[:80]!r}: pages may only call the site's macros"
                f" ({', '.join(MACROS)}) with literal arguments"
            )
        for line, what in active_markup(text):
            problems.append(f"docs/{name}:{line}: {what}: pages are Markdown; markup comes from the site's macros")
    for name, text in texts.items():
        if site.lang_of(name) != site.default.code or site.twin(name) not in texts:
            continue
        twin = site.twin(name)
        ids, twin_ids = heading_ids(text), heading_ids(texts[twin])
        for page_name, found in ((name, ids), (twin, twin_ids)):
            problems += [
                f"docs/{page_name}: heading without an explicit {{ #id }}: {i[8:-1]!r}"
                for i in found
                if i.startswith("<no id")
            ]
        if ids != twin_ids:
            only = lambda a, b: [i for i in a if i not in b]  # noqa: E731
            order = "; same ids, other order" if set(ids) == set(twin_ids) else ""
            problems.append(
                f"docs/{name} and docs/{twin}: heading ids differ (only in {name}: {only(ids, twin_ids)};"
                f" only in {twin}: {only(twin_ids, ids)}{order})"
            )
        calls, twin_calls = relation_calls(text), relation_calls(texts[twin])
        if calls != twin_calls:
            only = lambda a, b: [c for c in a if c not in b]  # noqa: E731
            problems.append(
                f"docs/{name} and docs/{twin}: different relations (only in {name}: {only(calls, twin_calls)};"
                f" only in {twin}: {only(twin_calls, calls)})"
            )
        keys, twin_keys = figure_keys(text), figure_keys(texts[twin])
        if keys != twin_keys:
            problems.append(
                f"docs/{name} and docs/{twin}: different figures (only in {name}: {sorted(keys - twin_keys)};"
                f" only in {twin}: {sorted(twin_keys - keys)})"
            )
    for path in sorted((root / "data").glob("*.yml")):
        for line, word in unsafe_templates(read_utf8(path, rel(path), problems) or ""):
            problems.append(
                f"{rel(path)}:{line}: {word!r} inside a template tag: data texts may only call fig()/formula()"
            )
    return problems
