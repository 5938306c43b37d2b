"""The report number, filled from the workspace's pattern.

A pattern is text with placeholders in braces, for example
``{seq}/LHE-ZI/{unit}/{roman_month}/{year}``:

* ``{seq}`` — the agenda number given for this report; without one, a dotted gap to fill
  in by hand (offices take the number from their agenda book when the letter is signed);
* ``{unit}`` — the unit's code; ``{year}`` — the evaluation year;
* ``{month}`` (two digits), ``{roman_month}`` (I … XII, as on Indonesian letters) and
  ``{day}`` — of the report's date.

``{{`` and ``}}`` print a brace. Anything else in braces is refused with a message naming it.
"""

from __future__ import annotations

import datetime as dt
import string

from ..errors import UserFacingError
from ..i18n import _

DEFAULT_PATTERN = "{seq}/LHE-ZI/{unit}/{roman_month}/{year}"
PLACEHOLDERS = ("seq", "unit", "year", "month", "roman_month", "day")
BLANK_SEQ = "……"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def check_pattern(pattern: str) -> str:
    """``pattern`` stripped, if every placeholder in it is known; else a UserFacingError."""
    pattern = pattern.strip()
    if not pattern:
        raise UserFacingError(_("The report number pattern is empty."))
    try:
        fields = list(string.Formatter().parse(pattern))
    except ValueError:
        raise UserFacingError(
            _(
                "The report number pattern {pattern} has an unmatched brace; write {{ or }} for "
                "a brace itself."
            ).format(pattern=pattern)
        ) from None
    for _text, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            name += (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise UserFacingError(
                _(
                    "The report number pattern has an unknown placeholder {{{name}}}; use "
                    "{placeholders}."
                ).format(
                    name=name,
                    placeholders=", ".join("{" + p + "}" for p in PLACEHOLDERS),
                )
            )
    return pattern


def report_number(pattern: str, unit: str, year: int, date: dt.date, seq: str = "") -> str:
    """The number of one report: ``pattern`` filled in (checked first)."""
    return check_pattern(pattern).format(
        seq=seq.strip() or BLANK_SEQ,
        unit=unit,
        year=year,
        month=f"{date.month:02d}",
        roman_month=_ROMAN[date.month - 1],
        day=f"{date.day:02d}",
    )
