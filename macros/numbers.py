"""Format figures for a page's language with Babel (zh 2350亿 / en 235B)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from .i18n import UNITS

LOCALES = {"zh": "zh_Hans_CN", "en": "en_US"}
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
COMPACT_FROM = 100_000  # below this, write the number out (32,768 not 33K)
BYTE_SCALES = ((1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"))


def locale_of(lang: str) -> str:
    try:
        return LOCALES[lang]
    except KeyError:
        raise ValueError(f"no number format for language {lang!r} (known: {', '.join(LOCALES)})") from None


def plain(value, lang: str) -> str:
    """A number written out with grouping: 192,512."""
    return format_decimal(value, format="#,##0.###", locale=locale_of(lang))


def compact(value, lang: str) -> str:
    if abs(value) < COMPACT_FROM:
        return plain(value, lang)
    return format_compact_decimal(value, locale=locale_of(lang), fraction_digits=2)


def scientific(value) -> str:
    """4.4 × 10¹⁰ (the same in both languages)."""
    mantissa, exponent = f"{value:.2e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


def bytes_si(value, lang: str) -> str:
    for scale, unit in BYTE_SCALES:
        if abs(value) >= scale:
            return f"{format_decimal(value / scale, format='#,##0.#', locale=locale_of(lang))} {unit}"
    return f"{plain(value, lang)} {'字节' if lang == 'zh' else 'bytes'}"


def as_fraction(value) -> str:
    """0.0625 -> 1/16; 0.0786 -> 1/13 (nearest unit fraction)."""
    exact = Fraction(value).limit_denominator(64)
    if exact.numerator == 1 or abs(float(exact) - value) < 1e-9:
        return f"{exact.numerator}/{exact.denominator}"
    return f"1/{round(1 / value)}"


def with_unit(number: str, unit: str, value, lang: str) -> str:
    zh, en_one, en_many = UNITS[unit]
    if lang == "zh":
        if not zh:
            return number
        # a space between a digit and a word, none after 万/亿 (zh 2350亿参数, 94 层, 36万亿 token)
        spaced = number[-1].isdigit() or zh[0].isascii()
        return f"{number} {zh}" if spaced else f"{number}{zh}"
    word = en_one if value == 1 else en_many
    return f"{number} {word}" if word else number


def format_figure(value, unit: str, lang: str, style: str | None = None) -> str:
    """The text of one figure, number and unit, in the page's language.

    style: None (the unit's default), "plain", "compact", "scientific", "bytes",
    "fraction" (1/16), "percent", "bare" (number without unit).
    """
    loc = locale_of(lang)
    if unit == "date":
        return format_date(dt.date.fromisoformat(value), format="long", locale=loc)
    if style == "fraction":
        return as_fraction(value)
    if unit == "fraction" or style == "percent":
        return format_percent(value, format="#,##0.#%", locale=loc)
    if unit == "bytes" and style in (None, "bytes"):
        return bytes_si(value, lang)
    if unit == "bytes":  # exact bytes
        return f"{plain(value, lang)} {'字节' if lang == 'zh' else 'bytes'}"
    if unit == "flop":
        number = compact(value, lang) if style == "compact" else scientific(value)
        return number if style == "bare" else f"{number} FLOP"
    if unit == "times":
        number = format_decimal(value, format="#,##0.#", locale=loc)
        return f"{number} 倍" if lang == "zh" else f"{number}×"
    if unit == "usd":
        number = compact(value, lang)
        return f"{number}美元" if lang == "zh" else f"${number}"
    if unit == "usd_per_1k_tokens":
        number = format_decimal(value, format="0.00", locale=loc)
        return f"每千 token {number} 美元" if lang == "zh" else f"${number} per 1K tokens"
    if unit == "points_of_400":
        return f"{plain(value, lang)}/400"
    number = plain(value, lang) if style == "plain" else compact(value, lang)
    if style == "bare":
        return number
    return with_unit(number, unit, value, lang)
