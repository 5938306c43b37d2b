"""Numbers and dates the Indonesian way (87,50; 23 November 2026), or the English way.

Rounding is for display only and rounds half up, as the official worksheet does.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from .i18n import get_language

_MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def round_half_up(value: Fraction | Decimal | int | float, decimals: int = 2) -> Decimal:
    """``value`` rounded half up to ``decimals`` places, computed exactly."""
    exact = value if isinstance(value, Fraction) else Fraction(value)
    scaled = abs(exact * 10**decimals)
    whole = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    if exact < 0:
        whole = -whole
    return Decimal(whole).scaleb(-decimals)


def format_number(
    value: Fraction | Decimal | int | float, decimals: int = 2, lang: str | None = None
) -> str:
    """``87,50`` in Indonesian, ``87.50`` in English; thousands grouped (1.234,50)."""
    return _formatted(value, decimals, lang or get_language())


@lru_cache(maxsize=4096)  # score tables show the same few hundred numbers after every answer
def _formatted(value: Fraction | Decimal | int | float, decimals: int, lang: str) -> str:
    text = f"{round_half_up(value, decimals):,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


_SIZE_UNITS = ("KB", "MB", "GB", "TB")


def format_size(size: int, lang: str | None = None) -> str:
    """``512 B``, ``12,0 KB``, ``1,2 MB`` (binary units, one decimal, the language's comma)."""
    if size < 1024:
        return f"{size} B"
    value = Fraction(size, 1024)
    for unit in _SIZE_UNITS:
        if round_half_up(value, 1) < 1024 or unit == _SIZE_UNITS[-1]:
            return f"{format_number(value, 1, lang)} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def format_percent(value: Fraction | Decimal | int | float, lang: str | None = None) -> str:
    """A ratio 0…1 as a percentage with two decimals: ``87,50%``."""
    return format_number(Fraction(value) * 100, 2, lang) + "%"


def format_date(day: dt.date, lang: str | None = None) -> str:
    """``23 November 2026``."""
    lang = lang or get_language()
    months = _MONTHS_ID if lang == "id" else _MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def hex_groups(hex_text: str, digits: int | None = None, sep: str = " ") -> str:
    """Hex digits as people read them aloud: upper case, in groups of four.

    ``digits`` keeps only the first so many (a key fingerprint is the first 32 digits of the
    key id); ``sep`` joins the groups (``-`` for key fingerprints, a space on paper).
    """
    head = hex_text[:digits].upper() if digits is not None else hex_text.upper()
    return sep.join(head[i : i + 4] for i in range(0, len(head), 4))


# Characters that must never reach a terminal or a one-line label from untrusted text (names on
# cards and in packages, unit codes, file names): C0 and C1 controls (escape sequences, line
# breaks that fake extra lines, carriage returns that overwrite one), DEL, and the invisible
# bidirectional controls that reorder what is shown. Each is shown as its \uXXXX escape.
_UNSAFE_CODES = [
    *range(0x20),
    0x7F,
    *range(0x80, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
ESCAPES = {code: f"\\u{code:04x}" for code in _UNSAFE_CODES}


def one_line(text: str) -> str:
    """Untrusted ``text`` made safe to print on one line: every control character escaped."""
    return text.translate(ESCAPES)
