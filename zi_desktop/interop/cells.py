"""Turning raw cell contents into answers, with the reason when a cell cannot be used."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from ..i18n import _
from ..lke.model import Definition
from ..scoring import AnswerValue, InvalidAnswer, coerce_answer

_SPACES = re.compile(r"\s+")
MAX_NUMBER_TEXT = 64  # characters of a number (a float's repr is at most 24)
MAX_DIGITS = 30  # significant digits, and digits after the decimal point
MAX_INTEGER_DIGITS = 15  # digits before the decimal point: counts stay far below


class CellProblem(ValueError):
    """A cell holds something that is not a valid answer; the message is translated."""


def text_of(raw: object) -> str:
    """The text of a cell for notes and matching: spaces collapsed."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return _SPACES.sub(" ", str(raw).replace("\xa0", " ")).strip()


def multiline_text(raw: object) -> str:
    """A note cell's text with its line breaks kept, surrounding spaces removed.

    A text that starts with "=" is text (a workbook's values are read, never its formulas).
    """
    if raw is None:
        return ""
    return str(raw).replace("\xa0", " ").replace("\r\n", "\n").strip()


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_decimal(raw: object) -> Decimal:
    """The exact number a cell holds (a float as the decimal shown), or CellProblem.

    Bounded before any arithmetic: at most ``MAX_DIGITS`` digits, ``MAX_INTEGER_DIGITS``
    before the decimal point and ``MAX_DIGITS`` after it, so that a cell such as
    ``1e999999999`` is refused at once instead of costing minutes and gigabytes.
    """
    if isinstance(raw, (bool, datetime, date, time)):
        raise CellProblem(_("{value!r} is not a number").format(value=str(raw)))
    if isinstance(raw, float):
        text = repr(raw)
    else:
        text = str(raw).strip().replace(" ", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # Indonesian decimal comma
    if len(text) > MAX_NUMBER_TEXT:
        raise _too_large(raw)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellProblem(_("{value!r} is not a number").format(value=str(raw))) from None
    if not number.is_finite():
        raise CellProblem(_("{value!r} is not a number").format(value=str(raw)))
    exponent, digits = int(number.as_tuple().exponent), len(number.as_tuple().digits)
    if not -MAX_DIGITS <= exponent <= MAX_INTEGER_DIGITS or digits > MAX_DIGITS:
        raise _too_large(raw)  # also "0e999999999": a zero, but Fraction() of it never ends
    if number.adjusted() >= MAX_INTEGER_DIGITS:
        raise _too_large(raw)
    return number


def _too_large(raw: object) -> CellProblem:
    shown = str(raw) if len(str(raw)) <= 24 else str(raw)[:20] + "…"
    return CellProblem(
        _(
            "{value} has too many digits or too large an exponent for an answer; type the "
            "number itself (at most {digits} digits before the decimal point)"
        ).format(value=shown, digits=MAX_INTEGER_DIGITS)
    )


def count_value(definition: Definition, node_id: str, raw: object) -> int:
    """A whole number ≥ 0 for a numeric input."""
    number = as_decimal(raw)
    if number != number.to_integral_value():
        raise CellProblem(
            _("{value} is not a whole number; a count must be whole").format(value=number)
        )
    return int(_checked(definition, node_id, int(number)))


def index_value(definition: Definition, node_id: str, raw: object) -> Fraction:
    """A survey index 0…4, exactly as written."""
    value = _checked(definition, node_id, as_decimal(raw))
    assert isinstance(value, Fraction)
    return value


def choice_value(definition: Definition, node_id: str, raw: object) -> str:
    """An option code (``Ya``, ``B``…), any case, surrounding spaces ignored."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise CellProblem(_("{value} is not one of the options").format(value=raw))
    value = _checked(definition, node_id, text_of(raw))
    assert isinstance(value, str)
    return value


def _checked(definition: Definition, node_id: str, raw: object) -> AnswerValue:
    try:
        return coerce_answer(definition, node_id, raw)
    except InvalidAnswer as bad:
        raise CellProblem(bad.problem) from None
