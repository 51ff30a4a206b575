#!/usr/bin/env python3
"""Typography of the built pages, read from the HTML readers get (both languages).

    scripts/typography.py SITE_DIR      print the problems; exit 1 if there are any
    check_site(site_dir, avoid)         the same as a list of "<file>: <rule>: …snippet…"

The text checked is each page's article: running text, table cells, chart and diagram labels
(SVG <text>) and the title attributes of figures and terms (tooltips). Code, scripts and the
theme's navigation are left out. Rules (docs/contributing.md, "Style rules"):

Chinese pages
  ZH-1  a space between Chinese and Latin letters or digits: "Qwen3的"; none between two Chinese
        characters ("是它的 约"); a number joins 万/亿 and the characters of a date (2350亿,
        2025年4月29日)
  ZH-2  no space after (or before) full-width punctuation: "原文说法： MQA"
  ZH-2  no Latin punctuation between Chinese characters: "中文,中文"
  ZH-4  the glossary's words to avoid (data/glossary.yml avoid_zh) outside “quotations”, and a
        unit said twice ("总参数为 2350亿参数")
English pages
  EN-5  no full-width punctuation next to Latin text: "ABF：RoPE" (quoted Chinese is fine)

Text inside an element marked with another language (lang="zh" on an English page) is skipped.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
FULL_WIDTH = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
INLINE = {"a", "abbr", "b", "bdi", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span"}
INLINE |= {"strong", "sub", "sup", "time", "tspan", "u", "var"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP = {"script", "style", "pre", "template", "noscript"}
TOOLTIPS = ("title", "aria-label", "alt")
# inline elements shown as a piece of their own: the status and verdict badges, the ¶ link, and the lines
# of a pipeline diagram step (charts.css sets them display: block)
SEPARATE_CLASSES = {"fig__mark", "verdict", "headerlink"}
SEPARATE_CLASSES |= {"pipeline__tag", "pipeline__name", "pipeline__meta", "pipeline__note"}
DOUBLED_UNIT = re.compile(r"(参数|token)[^，。；：、/→\d]{0,4}?\d[\d.,]*\s*(?:万亿|万|亿)?\s*\1")

ZH_RULES = [
    ("ZH-1", "a space between two Chinese characters", re.compile(rf"(?<=[{HAN}])[ \u00a0]+(?=[{HAN}])")),
    ("ZH-4", "a unit said twice", DOUBLED_UNIT),
    ("ZH-2", "full-width punctuation followed by a space", re.compile(rf"[{FULL_WIDTH}][ \u00a0]+(?=\S)")),
    ("ZH-2", "a space before full-width punctuation", re.compile(rf"(?<=\S)[ \u00a0]+[{FULL_WIDTH}]")),
    (
        "ZH-2",
        "Latin punctuation between Chinese characters",
        re.compile(rf"(?<=[{HAN}])[ \u00a0]*[,.;:!?()\[\]][ \u00a0]*(?=[{HAN}])"),
    ),
]
CJK_LATIN = re.compile(rf"[{HAN}](?=[A-Za-z0-9])|[A-Za-z0-9](?=[{HAN}])")
# a number joins its 万/亿 and the characters of a Chinese date: 2350亿, 1.8万亿, 2025年4月29日
ZH_JOINED = re.compile(r"[0-9.,]+(?:万亿|万|亿)|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?")
EN_FULL_WIDTH = re.compile(rf"(?<![{HAN}])[{FULL_WIDTH}]+(?![{HAN}])")
QUOTED = re.compile(r"“[^“”]*”")


@dataclass(frozen=True)
class Run:
    """A piece of text read as one: a paragraph, a cell, a label, a tooltip."""

    text: str
    where: str  # "text" or "title attribute" …


class PageText(HTMLParser):
    """The runs of text in a page's <article>, outside code and other-language elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.runs: list[Run] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, closes a separate piece)
        self._article = 0
        self._skip = 0
        self._buffer: list[str] = []

    def flush(self) -> None:
        text = "".join(self._buffer).strip()
        if text:
            self.runs.append(Run(text, "text"))
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")[:2]
        if tag == "article":
            self._article += 1
        if tag in VOID:
            if tag == "br" or tag == "img":
                self.flush()
            self._tooltips(a)
            return
        other_lang = bool(a.get("lang")) and a["lang"][:2] != self.lang
        separate = tag not in INLINE or bool(SEPARATE_CLASSES & set(a.get("class", "").split()))
        skipped = tag in SKIP or tag == "code" or other_lang
        self._stack.append((tag, separate, skipped))
        if separate:
            self.flush()
        if skipped:
            self._skip += 1
            if tag == "code" and not other_lang:
                self._buffer.append("code")  # stands in for the code, so spacing next to it is checked
        else:
            self._tooltips(a)

    def _tooltips(self, attrs: dict) -> None:
        if not self._article or self._skip:
            return
        for name in TOOLTIPS:
            if attrs.get(name, "").strip():
                self.runs.append(Run(attrs[name].strip(), f"{name} attribute"))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self._stack:
            open_tag, separate, skipped = self._stack.pop()
            if skipped:
                self._skip -= 1
            if separate:
                self.flush()
            if open_tag == "article":
                self._article -= 1
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._article and not self._skip:
            self._buffer.append(data.replace("\n", " "))


def page_runs(html: str) -> tuple[str, list[Run]]:
    parser = PageText()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.lang, parser.runs


def snippet(text: str, start: int, end: int, width: int = 14) -> str:
    """The match in its context, the match between ⟦ ⟧: …原文说法：⟦ ⟧MQA…"""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return f"“{'…' if start > width else ''}{before}⟦{text[start:end]}⟧{after}{'…' if end + width < len(text) else ''}”"


def masked(text: str, pattern: re.Pattern) -> str:
    """The text with the pattern's matches blanked out (same length), so positions stay right."""
    return pattern.sub(lambda m: "\u2003" * len(m.group(0)), text)


def run_problems(run: Run, lang: str, avoid: dict[str, str]) -> list[str]:
    """Problems in one run of text, each "<rule>: <what>: <snippet>"."""
    found = []
    text = run.text
    if lang == "zh":
        for rule, what, pattern in ZH_RULES:
            for m in pattern.finditer(text):
                found.append(f"{rule} {what}: {snippet(text, m.start(), m.end())}")
        inside = {i for m in ZH_JOINED.finditer(text) for i in range(m.start(), m.end() - 1)}
        for m in CJK_LATIN.finditer(text):
            if m.start() not in inside:  # the boundary after this character is not within 2350亿
                found.append(
                    f"ZH-1 no space between Chinese and Latin letters or digits: "
                    f"{snippet(text, m.start(), m.start() + 2)}"
                )
        unquoted = masked(text, QUOTED)
        for word, term in avoid.items():
            for m in re.finditer(re.escape(word), unquoted):
                found.append(
                    f"ZH-4 {word!r} outside a quotation (glossary: use the term of {term!r}): "
                    f"{snippet(text, m.start(), m.end())}"
                )
    elif lang == "en":
        for m in EN_FULL_WIDTH.finditer(text):
            found.append(f"EN-5 full-width punctuation in English text: {snippet(text, m.start(), m.end())}")
    return [f"{f} ({run.where})" if run.where != "text" else f for f in found]


def avoided_words(root: Path = ROOT) -> dict[str, str]:
    """data/glossary.yml: each word to avoid -> the id of the term that replaces it."""
    sys.path.insert(0, str(root))
    from macros.data import load_data

    glossary = load_data(root).glossary
    return {word: term.id for term in glossary.terms for word in term.avoid_zh}


def check_site(site: Path, avoid: dict[str, str] | None = None) -> list[str]:
    """Every problem in a built site, as "<file>: <problem>"."""
    avoid = avoided_words() if avoid is None else avoid
    problems = []
    for page in sorted(Path(site).rglob("*.html")):
        lang, runs = page_runs(page.read_text(encoding="utf-8"))
        name = page.relative_to(site).as_posix()
        seen = set()
        for run in runs:
            for problem in run_problems(run, lang, avoid):
                if problem not in seen:  # a tooltip repeated on every figure is reported once
                    seen.add(problem)
                    problems.append(f"{name}: {problem}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    problems = check_site(Path(argv[0]))
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
