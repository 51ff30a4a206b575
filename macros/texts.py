"""Texts from data files (corrections, diagrams, chapter cards): plain text with figures in it.

Data files come from pull requests, so their texts are untrusted. A text may contain only the
explicit forms `{{ fig('key') }}`, `{{ fig('key', 'style') }}` and `{{ formula('key') }}`;
anything else between braces is refused when the file is loaded, naming the file and the field.
The text around them is escaped, never read as HTML or Markdown. The figures are rendered by a
sandboxed Jinja environment that exposes these two functions and nothing else.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

CALL = re.compile(r"""\{\{\s*(fig|formula)\(\s*'([a-z0-9_]+\.[a-z0-9_]+)'\s*(?:,\s*'([a-z]+)'\s*)?\)\s*\}\}""")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def check(text: str) -> str:
    """Refuse template syntax other than the allowed calls (returns the text unchanged)."""
    rest = CALL.sub("", text)
    found = TEMPLATE_SYNTAX.search(rest)
    if found:
        start = max(0, found.start() - 20)
        raise ValueError(
            "only {{ fig('group.name') }}, {{ fig('group.name', 'style') }} and {{ formula('group.name') }}"
            f" may appear in data texts; found {rest[start : found.end() + 20]!r}"
        )
    return text


def keys(text: str) -> list[str]:
    """The figure keys a text uses."""
    return [m.group(2) for m in CALL.finditer(text)]


_sandbox = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


@functools.lru_cache(maxsize=2048)
def _compiled(text: str):
    """Escape the literal text around the calls (autoescape only covers what the calls return)."""
    check(text)
    pieces, last = [], 0
    for match in CALL.finditer(text):
        pieces += [html.escape(text[last : match.start()], quote=False), match.group(0)]
        last = match.end()
    pieces.append(html.escape(text[last:], quote=False))
    return _sandbox.from_string("".join(pieces))


def render(text: str, fig: Callable[..., str], formula: Callable[[str], str]) -> str:
    """The text as HTML: escaped, with each call replaced by the figure's HTML."""
    return _compiled(text).render(fig=lambda *a: Markup(fig(*a)), formula=lambda *a: Markup(formula(*a)))


def plain(text: str) -> str:
    """Escape a data text that may contain no calls at all (names, titles)."""
    if TEMPLATE_SYNTAX.search(text):
        raise ValueError(f"no macros allowed here: {text!r}")
    return html.escape(text)


def fill(template: str, **markup: str) -> str:
    """A words.yml template as HTML: its text escaped, each {name} replaced by the given markup."""
    out, last = [], 0
    for match in re.finditer(r"\{([a-z_][a-z0-9_]*)\}", template):
        out += [html.escape(template[last : match.start()], quote=False), markup[match.group(1)]]
        last = match.end()
    out.append(html.escape(template[last:], quote=False))
    return "".join(out)
