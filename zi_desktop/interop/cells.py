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


class CellProblem(ValueError):
    """A cell holds something that is not a valid answer; the message is translated."""


def text_of(raw: object) -> str:
    """The text of a cell for notes and matching: spaces collapsed, nothing for a formula."""
    if raw is None or is_formula(raw):
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return _SPACES.sub(" ", str(raw).replace("\xa0", " ")).strip()


def multiline_text(raw: object) -> str:
    """A note cell's text with its line breaks kept, surrounding spaces removed."""
    if raw is None or is_formula(raw):
        return ""
    return str(raw).replace("\xa0", " ").replace("\r\n", "\n").strip()


def is_formula(raw: object) -> bool:
    return isinstance(raw, str) and raw.startswith("=")


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_decimal(raw: object) -> Decimal:
    """The exact number a cell holds (a float as the decimal shown), or CellProblem."""
    if isinstance(raw, (bool, datetime, date, time)):
        raise CellProblem(_("{value!r} is not a number").format(value=str(raw)))
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    text = str(raw).strip().replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # Indonesian decimal comma
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellProblem(_("{value!r} is not a number").format(value=str(raw))) from None
    if not number.is_finite():
        raise CellProblem(_("{value!r} is not a number").format(value=str(raw)))
    return number


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
