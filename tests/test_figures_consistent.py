"""Every element that names a figure (data-fig) shows that figure: its first number is the one the
Formatter gives for the key (and data-style), and a key renders the same first number everywhere in
a language. Computed chart points name their input with data-basis instead (the KV-cache bars)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

from macros.data import load_data
from macros.numbers import as_text

FIRST_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Shown:
    key: str
    style: str | None
    tag: str
    level: int
    text: list[str] = field(default_factory=list)

    @property
    def first_number(self) -> str | None:
        found = FIRST_NUMBER.search("".join(self.text))
        return found.group(0) if found else None


class FigureElements(HTMLParser):
    """Elements with data-fig (their text without the status badge) and with data-basis."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.shown: list[Shown] = []
        self.basis: list[str] = []
        self._stack: list[str] = []
        self._open: list[Shown] = []
        self._badge_level: int | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")[:2]
        if tag in VOID:
            return
        self._stack.append(tag)
        if "fig__mark" in a.get("class", "").split() and self._badge_level is None:
            self._badge_level = len(self._stack)
        if "data-fig" in a:
            record = Shown(a["data-fig"], a.get("data-style") or None, tag, len(self._stack))
            self.shown.append(record)
            self._open.append(record)
        if "data-basis" in a:
            self.basis.append(a["data-basis"])

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self._stack:
            return
        while self._stack:
            closed = self._stack.pop()
            if self._badge_level is not None and len(self._stack) < self._badge_level:
                self._badge_level = None
            while self._open and len(self._stack) < self._open[-1].level:
                self._open.pop()
            if closed == tag:
                break

    def handle_data(self, data):
        if self._badge_level is None:
            for record in self._open:
                record.text.append(data)


def page_figures(html: str) -> FigureElements:
    parser = FigureElements()
    parser.feed(html)
    parser.close()
    return parser


def expected_first_number(data, key: str, style: str | None, lang: str) -> str | None:
    fact = data.facts[key]
    shown = as_text(data.formatter.figure(fact.value, fact.unit, lang, style, fact.sig, fact.form))
    found = FIRST_NUMBER.search(shown)
    return found.group(0) if found else None


def all_pages(site):
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), page_figures(path.read_text(encoding="utf-8"))


def test_every_data_fig_shows_its_figure(built_site):
    data = load_data()
    wrong, count = [], 0
    for name, page in all_pages(built_site):
        for shown in page.shown:
            count += 1
            expected = expected_first_number(data, shown.key, shown.style, page.lang)
            if shown.first_number != expected:
                text = "".join(shown.text).strip()[:60]
                wrong.append(f"{name}: <{shown.tag} data-fig={shown.key!r}> shows {text!r}, the figure is {expected}")
    assert count > 500, f"only {count} data-fig elements found: did the markup change?"
    assert not wrong, f"{len(wrong)} element(s) name a figure they do not show:\n" + "\n".join(wrong[:30])


def test_a_key_renders_the_same_first_number_everywhere_in_a_language(built_site):
    seen: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, page in all_pages(built_site):
        for shown in page.shown:
            seen[(page.lang, shown.key, shown.style)][shown.first_number].append(name)
    differing = {
        f"{lang} {key} {style or ''}".strip(): {number: sorted(set(pages))[:3] for number, pages in numbers.items()}
        for (lang, key, style), numbers in seen.items()
        if len(numbers) > 1
    }
    assert not differing, f"the same figure is written differently: {differing}"


def test_computed_chart_points_name_their_input_as_basis(built_site):
    """The KV-cache bars show values at several context lengths, computed from the per-token figure:
    they carry data-basis, never data-fig (which would claim they show the per-token value)."""
    for lang_dir in ("", "en/"):
        page = page_figures((built_site / lang_dir / "inference-cost" / "index.html").read_text(encoding="utf-8"))
        assert "qwen3_235b.kv_cache_bytes_per_token_bf16" in page.basis
        assert "qwen3_30b.kv_cache_bytes_per_token_bf16" in page.basis


def test_the_parser_reads_a_figure_without_its_badge():
    page = page_figures(
        '<html lang="zh"><p><a data-fig="gpt4.total_params" data-style="bare"><span class="fig__value">1.8万亿</span>'
        '<span class="fig__mark">传闻</span></a> 和 <svg><text data-fig="x.y">2.15 × 10<tspan>25</tspan></text></svg>'
    )
    assert [(s.key, s.style, s.first_number) for s in page.shown] == [
        ("gpt4.total_params", "bare", "1.8"),
        ("x.y", None, "2.15"),
    ]
    assert "".join(page.shown[0].text) == "1.8万亿"
