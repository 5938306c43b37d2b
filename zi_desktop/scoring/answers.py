"""What an answer may be, and turning raw values into checked answers.

An answer is keyed by an LKE node id: an option code for a choice question (``"Ya"``,
``"B"``), a whole number ≥ 0 for a numeric input of a percentage question, or an exact
number 0…4 for a survey index (IPAK, IPKP).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ..i18n import _
from ..lke.model import Definition, ItemType

AnswerValue = str | int | Fraction
Predikat = Literal["none", "WBK", "WBBM"]
PREDIKAT_VALUES: tuple[str, ...] = ("none", "WBK", "WBBM")
INDEX_MAX = Fraction(4)
COUNT_MAX = 10**9  # far above any real count of staff, targets or complaints
# A number written with more digits or a larger exponent than this is refused before any
# arithmetic: 1e999999999 as an exact fraction would take gigabytes and hours to build.
MAX_DIGITS = 40
MAX_EXPONENT = 40


class InvalidAnswer(ValueError):
    """A value that is not a valid answer for a node; ``problem`` is translated."""

    def __init__(self, node: str, problem: str) -> None:
        super().__init__(f"{node}: {problem}")
        self.node = node
        self.problem = problem


def _is_number(raw: object) -> bool:
    return isinstance(raw, (int, float, Decimal, Fraction)) and not isinstance(raw, bool)


def check_magnitude(node_id: str, raw: object) -> None:
    """Refuse a decimal with too many digits or too large an exponent, before any arithmetic."""
    if not isinstance(raw, Decimal) or not raw.is_finite():
        return
    sign, digits, exponent = raw.as_tuple()
    assert isinstance(exponent, int)
    if len(digits) > MAX_DIGITS or not -MAX_EXPONENT <= exponent + len(digits) <= MAX_EXPONENT:
        raise InvalidAnswer(
            node_id,
            _(
                "{value} has too many digits or too large an exponent; write the number out "
                "plainly (at most {digits} digits)"
            ).format(value=_show_short(raw), digits=MAX_DIGITS),
        )


def _show_short(raw: Decimal) -> str:
    text = str(raw)
    return text if len(text) <= 24 else text[:12] + "…" + text[-8:]


def _exact(raw: int | float | Decimal | Fraction) -> Fraction:
    if isinstance(raw, float):
        return Fraction(Decimal(repr(raw)))  # the decimal the user wrote, not the binary float
    return Fraction(raw)


def coerce_answer(definition: Definition, node_id: str, raw: object) -> AnswerValue:
    """Check ``raw`` as the answer to ``node_id`` and return it in canonical form."""
    if raw is None:
        raise InvalidAnswer(node_id, _("no value; leave the id out to keep it unanswered"))
    item = definition.items.get(node_id)
    if item is None:
        if node_id in definition.inputs:
            return _count(node_id, raw)
        raise InvalidAnswer(node_id, _("unknown LKE item id"))
    if item.type is ItemType.PERCENT:
        raise InvalidAnswer(
            node_id,
            _("a percentage question is answered through its inputs ({inputs})").format(
                inputs=", ".join(i.id for i in item.inputs)
            ),
        )
    if item.type is ItemType.INDEX:
        return _index(node_id, raw)
    codes = [o.code for o in item.options]
    if isinstance(raw, str):
        wanted = raw.strip().casefold()
        for code in codes:
            if code.casefold() == wanted:
                return code
    raise InvalidAnswer(
        node_id,
        _("{value} is not an option of this {kind} question; choose one of {codes}").format(
            value=_show(raw), kind=item.type.label, codes=", ".join(codes)
        ),
    )


def _count(node_id: str, raw: object) -> int:
    if not _is_number(raw) or isinstance(raw, float) and raw != raw:  # NaN
        raise InvalidAnswer(
            node_id, _("{value} is not a number; enter a whole number ≥ 0").format(value=_show(raw))
        )
    assert isinstance(raw, (int, float, Decimal, Fraction))
    if isinstance(raw, (float, Decimal)) and not _finite(raw):
        raise InvalidAnswer(node_id, _("{value} is not a finite number").format(value=_show(raw)))
    check_magnitude(node_id, raw)
    value = _exact(raw)
    if value.denominator != 1:
        raise InvalidAnswer(
            node_id, _("{value} is not a whole number; counts are whole").format(value=_show(raw))
        )
    if value < 0:
        raise InvalidAnswer(
            node_id, _("{value} is negative; counts are 0 or more").format(value=_show(raw))
        )
    if value > COUNT_MAX:
        raise InvalidAnswer(
            node_id,
            _("{value} is too large for a count; check the number").format(value=_show(raw)),
        )
    return int(value)


def _index(node_id: str, raw: object) -> Fraction:
    if not _is_number(raw):
        raise InvalidAnswer(
            node_id,
            _("{value} is not a number; enter an index from 0 to 4").format(value=_show(raw)),
        )
    assert isinstance(raw, (int, float, Decimal, Fraction))
    if isinstance(raw, (float, Decimal)) and not _finite(raw):
        raise InvalidAnswer(node_id, _("{value} is not a finite number").format(value=_show(raw)))
    check_magnitude(node_id, raw)
    value = _exact(raw)
    if not 0 <= value <= INDEX_MAX:
        raise InvalidAnswer(
            node_id, _("{value} is outside the survey index range 0–4").format(value=_show(raw))
        )
    if not _terminates(value):
        raise InvalidAnswer(
            node_id,
            _("{value} has no exact decimal form; enter the index in decimals").format(
                value=_show(raw)
            ),
        )
    return value


def _terminates(value: Fraction) -> bool:
    """Whether ``value`` has a finite decimal expansion (so it is stored exactly as text)."""
    rest = value.denominator
    for p in (2, 5):
        while rest % p == 0:
            rest //= p
    return rest == 1


def _finite(raw: float | Decimal) -> bool:
    return raw.is_finite() if isinstance(raw, Decimal) else raw == raw and abs(raw) != float("inf")


def _show(raw: object) -> str:
    if isinstance(raw, Fraction):
        return str(float(raw))
    return repr(raw) if isinstance(raw, str) else str(raw)


def coerce_predikat(raw: object) -> Predikat:
    if raw in PREDIKAT_VALUES:
        return raw  # type: ignore[return-value]
    raise InvalidAnswer(
        "current_predikat",
        _("{value} is not a predikat; use none, WBK or WBBM").format(value=_show(raw)),
    )
