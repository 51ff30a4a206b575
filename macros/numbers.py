"""Format figures for a page's language with Babel (zh 2350亿 / en 235B).

The number form follows the kind of quantity (CONTRIBUTING.md, FIG-5):
- context and sequence lengths (unit `context`) and anything marked `form: exact`: the exact
  integer with grouping, 32,768;
- counts and amounts (parameters, tokens, GPUs, dollars …): exact below `number.compact_from`
  (data/words.yml: 万 from 10,000 in Chinese, M from 1,000,000 in English), above it compact
  with 3 significant figures unless the figure sets `sig` (2350亿 / 235B, 2.5万 / 25,000);
- bytes: SI prefixes, 3 significant figures (470 GB, 193 KB); `gib` style for binary units;
  bandwidth (`bytes_per_second`) the same per second (4 TB/s);
- FLOP: scientific, 4.4 × 10<sup>10</sup> (a real superscript element, never Unicode digits);
- fractions as percent with 3 significant figures (6.25%), or as `fraction` style (1/16);
- ratios (`times`): 2 significant figures, marked approximate when rounding changed them.

Every function returns HTML (escaped; `<sup>` is the only markup); `as_text` gives plain text.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal

from .words import LOCALES, Words

SI_BYTES = ((1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"))
BINARY_BYTES = ((2**50, "PiB"), (2**40, "TiB"), (2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB"))
DEFAULT_SIG = {"times": 2}
EXACT_UNITS = {"context", "score", "points_of_400", "usd_per_1k_tokens"}
CJK = re.compile(r"[\u3400-\u9fff]")
STYLES = (None, "plain", "exact", "compact", "scientific", "bytes", "gib", "fraction", "percent", "bare")


def locale_of(lang: str) -> str:
    try:
        return LOCALES[lang]
    except KeyError:
        raise ValueError(f"no number format for language {lang!r} (known: {', '.join(LOCALES)})") from None


def round_sig(value: float, sig: int) -> float:
    """Round half up to `sig` significant figures, on the decimal digits: round_sig(12727.3, 2) == 13000."""
    if value == 0 or not math.isfinite(value):
        return value
    exact_value = Decimal(repr(value))
    digits = sig - 1 - exact_value.adjusted()
    rounded = exact_value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return int(rounded) if digits <= 0 else float(rounded)


def exact(value, lang: str) -> str:
    """Written out with grouping: 192,512 (up to three decimals)."""
    return format_decimal(value, format="#,##0.###", locale=locale_of(lang))


def compact(value, lang: str, compact_from: float, sig: int = 3, whole: bool = True) -> str:
    """Compact from `compact_from` up; below it written out (whole=True keeps every integer digit)."""
    if abs(value) < compact_from:
        keep = max(sig, len(str(int(abs(value))))) if whole else sig
        return exact(round_sig(value, keep), lang)
    return format_compact_decimal(round_sig(value, sig), locale=locale_of(lang), fraction_digits=3)


def scientific(value, sig: int = 3) -> str:
    """4.4 × 10<sup>10</sup> (the same in both languages)."""
    exponent = Decimal(repr(value)).adjusted()
    mantissa = f"{round_sig(value / 10**exponent, sig):.{sig - 1}f}"
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    if mantissa == "10":  # 9.96 rounded up to the next power
        mantissa, exponent = "1", exponent + 1
    return f"{mantissa} × 10<sup>{exponent}</sup>"


def scaled_bytes(value, lang: str, sig: int = 3, binary: bool = False) -> str:
    for scale, unit in BINARY_BYTES if binary else SI_BYTES:
        if abs(value) >= scale:
            return f"{exact(round_sig(value / scale, sig), lang)} {unit}"
    return ""


def as_fraction(value) -> str:
    """0.0625 -> 1/16; 0.0786 -> 1/13 (nearest unit fraction)."""
    close = Fraction(value).limit_denominator(64)
    if close.numerator == 1 or abs(float(close) - value) < 1e-9:
        return f"{close.numerator}/{close.denominator}"
    return f"1/{round(1 / value)}"


def percent(value, lang: str, sig: int = 3) -> str:
    shown = round_sig(value * 100, sig)
    return format_decimal(shown, format="#,##0.###", locale=locale_of(lang)) + "%"


def partial_date(value: str, lang: str) -> str:
    """An ISO date that may stop at the month or the year ("2026-01" -> 2026年1月 / January 2026)."""
    parts = [int(p) for p in value.split("-")]
    day = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if len(parts) == 3:
        return format_date(day, format="long", locale=locale_of(lang))
    return format_skeleton({1: "y", 2: "yMMMM"}[len(parts)], day, locale=locale_of(lang))


def as_text(markup: str) -> str:
    """Plain text of a formatted figure (for attributes): 10<sup>10</sup> -> 10^10."""
    return html.unescape(re.sub(r"<sup>(.*?)</sup>", r"^\1", markup))


def join_unit(number: str, word: str) -> str:
    """'94' + '层' -> '94 层'; '2350亿' + '参数' -> '2350亿参数' (no space between two CJK characters)."""
    if not word:
        return number
    if CJK.match(word[0]) and CJK.match(number[-1]):
        return number + word
    return f"{number} {word}"


class Formatter:
    """Formats values with the unit words of data/words.yml."""

    def __init__(self, words: Words):
        self.words = words

    def compact_from(self, lang: str) -> float:
        return float(self.words.t("number.compact_from", lang))

    def number(self, value, unit: str, lang: str, style: str | None, sig: int | None, form: str | None) -> str:
        """The number alone, in the unit's form."""
        locale_of(lang)
        if style in ("plain", "exact") or (style in (None, "bare") and (form == "exact" or unit in EXACT_UNITS)):
            return exact(value, lang)
        whole = sig is None and unit not in DEFAULT_SIG  # a set precision also applies to small numbers
        return compact(value, lang, self.compact_from(lang), sig or DEFAULT_SIG.get(unit, 3), whole)

    def figure(
        self, value, unit: str, lang: str, style: str | None = None, sig: int | None = None, form: str | None = None
    ) -> str:
        """Number and unit, as escaped HTML. style: see STYLES (None = the unit's default form)."""
        if style not in STYLES:
            raise ValueError(f"unknown figure style {style!r} (styles: {', '.join(s for s in STYLES if s)})")
        locale_of(lang)
        word = lambda name, n=None: html.escape(self.words.t(f"unit.{name}", lang, plural_of=n))  # noqa: E731
        if unit == "date":
            return html.escape(partial_date(value, lang))
        if style == "fraction":
            return as_fraction(value)
        if unit == "fraction" or style == "percent":
            return percent(value, lang, sig or 3)
        if unit == "bytes" and style in (None, "bytes", "gib"):
            return scaled_bytes(value, lang, sig or 3, binary=style == "gib") or join_unit(
                exact(value, lang), html.escape(self.words.t("number.bytes_unit", lang, plural_of=value))
            )
        if unit == "bytes_per_second":  # 4 TB/s
            shown = scaled_bytes(value, lang, sig or 3, binary=style == "gib") or exact(value, lang)
            return word(unit).replace("{n}", shown)
        if unit == "bytes":  # exact bytes
            return join_unit(exact(value, lang), html.escape(self.words.t("number.bytes_unit", lang, plural_of=value)))
        if unit == "flop":
            shown = scientific(value, sig or 3) if style in (None, "bare", "scientific") else None
            shown = shown or self.number(value, unit, lang, style, sig, form)
            return shown if style == "bare" else f"{shown} {word('flop')}"
        number = self.number(value, unit, lang, style, sig, form)
        if style == "bare":
            return number
        if unit in ("times", "usd", "usd_per_1k_tokens", "points_of_400", "tokens_per_second"):
            text = re.sub(r"(?<=[万亿]) (?=[\u3400-\u9fff])", "", word(unit).replace("{n}", number))
            lossy = unit == "times" and float(round_sig(value, sig or 2)) != float(value)
            return html.escape(self.words.t("punct.approx", lang, value="{v}")).replace("{v}", text) if lossy else text
        if unit in ("count", "score"):
            return number
        return join_unit(number, word(unit, n=value))
