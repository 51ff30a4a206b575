"""The glossary (data/glossary.yml): its page, and tooltips on the first use of each term in a page.

Tooltips are added to the built HTML of each page (after Markdown), in the page's language: Latin
terms (MoE, KV cache) match on word boundaries, Chinese terms (混合专家, 蒸馏) anywhere in Chinese
text. Only the first occurrence per page gets an <abbr title>, and never inside headings, links,
code, figures, charts or elements marked `data-no-tooltips` (the home page's chapter cards, whose
whole surface is a link), so a page carries just the definitions it uses.
"""

from __future__ import annotations

import html
import re

from ..content import GlossaryFile, Term
from .corrections import md_escape
from .figures import attr

SKIP = {"a", "abbr", "code", "pre", "kbd", "script", "style", "svg", "button", "h1", "h2", "h3", "h4", "h5", "h6",
        "figcaption", "summary", "dt", "th", "label", "option", "textarea", "title"}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)>|<!--.*?-->", re.S)
LATIN_EDGE = "A-Za-z0-9"


def term_anchor(term: Term) -> str:
    return f"term-{term.id}"


def tooltip_text(term: Term, words, lang: str) -> str:
    name = term.name[lang]
    head = term.term if name == term.term else term.term + words.t("punct.paren", lang, text=name)
    return f"{head}{words.t('punct.colon', lang)}{term.definition[lang]}"


_matchers: dict = {}


def _matcher(glossary: GlossaryFile, lang: str):
    """One regex for every spelling of every tooltip term (longest first), and spelling -> term."""
    cached = _matchers.get((id(glossary), lang))
    if cached and cached[0] is glossary:
        return cached[1]
    by_string = {}
    for term in glossary.terms:
        if term.tooltip:
            for s in term.strings(lang):
                by_string[s] = term
    patterns = []
    for s in sorted(by_string, key=len, reverse=True):
        escaped = re.escape(s)
        if s[0].isascii():
            escaped = rf"(?<![{LATIN_EDGE}]){escaped}(?![{LATIN_EDGE}])"
        patterns.append(escaped)
    found = (re.compile("|".join(patterns)) if patterns else None), by_string
    _matchers[(id(glossary), lang)] = (glossary, found)
    return found


def add_tooltips(markup: str, glossary: GlossaryFile, words, lang: str) -> str:
    """Wrap the first occurrence of each glossary term in running text in <abbr title="…">."""
    pattern, by_string = _matcher(glossary, lang)
    if pattern is None:
        return markup
    used: set[str] = set()
    out, depth, last = [], 0, 0
    stack: list[str] = []

    def wrap(text: str) -> str:
        def one(match: re.Match) -> str:
            term = by_string[match.group(0)]
            if term.id in used:
                return match.group(0)
            used.add(term.id)
            title = attr(tooltip_text(term, words, lang))
            return f'<abbr title="{title}" data-term="{term.id}">{match.group(0)}</abbr>'

        return pattern.sub(one, text)

    for match in TAG.finditer(markup):
        text = markup[last : match.start()]
        out.append(wrap(text) if depth == 0 and text.strip() else text)
        out.append(match.group(0))
        last = match.end()
        closing, name, self_closing = match.group(1), (match.group(2) or "").lower(), match.group(3)
        if not name or name in VOID or self_closing:
            continue
        tag = match.group(0)
        skipped = name in SKIP or 'class="fig' in tag or "data-search-exclude" in tag or "data-no-tooltips" in tag
        if closing:
            while stack:
                top, was_skipped = stack.pop()
                if was_skipped:
                    depth -= 1
                if top == name:
                    break
        else:
            stack.append((name, skipped))
            if skipped:
                depth += 1
    tail = markup[last:]
    out.append(wrap(tail) if depth == 0 else tail)
    return "".join(out)


def glossary_page(glossary: GlossaryFile, words, lang: str, stash) -> str:
    """One section per category (heading ids identical in both languages), a card per term.

    Each term is a small heading (id term-<id>) and its definition: the search index then has one
    entry per term, whose snippet is the definition, and a result links straight to the term.
    """
    out = []
    for cat in glossary.categories:
        terms = sorted((t for t in glossary.terms if t.category == cat.id), key=lambda t: t.term.lower())
        if not terms:
            continue
        out.append(f"## {md_escape(cat.name[lang])} {{ #{cat.id} }}\n")
        items = []
        for term in terms:
            names = " · ".join(dict.fromkeys(n for n in (term.name.zh, term.name.en) if n != term.term))
            items.append(
                f'<div class="term"><h3 class="term__head" id="{term_anchor(term)}">'
                f'<span class="term__term">{html.escape(term.term)}</span>'
                + (f' <span class="term__names">{html.escape(names)}</span>' if names else "")
                + f'</h3><p class="term__definition">{html.escape(term.definition[lang])}</p></div>'
            )
        out.append(stash.block(f'<div class="glossary">{"".join(items)}</div>'))
    return "\n".join(out)
