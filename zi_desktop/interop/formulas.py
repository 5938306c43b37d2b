"""Recognising formulas that would fetch data from the internet or start other programs.

ZI Desktop never calculates a workbook's formulas (it reads the values the office program
saved), so such a formula can do nothing here; but a workbook holding one was not made in
good faith, or would misbehave in the evaluator's own Excel, and is refused (``limits``).
Recognised: WEBSERVICE, RTD, DDE and DDEAUTO, the macro functions CALL, REGISTER,
REGISTER.ID and EXEC, and dynamic data exchange written as ``program|topic!item``.
"""

from __future__ import annotations

import html
import re

NAMES = ("WEBSERVICE", "RTD", "DDEAUTO", "DDE", "CALL", "REGISTER.ID", "REGISTER", "EXEC")
_CALL = re.compile(
    r"(?<![A-Za-z0-9_.])(?:_xlfn\.|of:=?|=)?(" + "|".join(re.escape(n) for n in NAMES) + r")\s*\(",
    re.IGNORECASE,
)
_STRING = re.compile(r'"[^"]*"')
_MARKS = tuple(
    mark
    for name in ("WEBSERVICE", "DDEAUTO")
    for mark in (name.encode("ascii"), name.encode("utf-16-le"))
)


def fetching_function(formula: str, xml_escaped: bool = False) -> str | None:
    """The fetching function (or "DDE") that ``formula`` calls, or None."""
    text = html.unescape(formula) if xml_escaped else formula
    text = _STRING.sub('""', text)
    found = _CALL.search(text)
    if found:
        return found[1].upper()
    if "|" in text:
        return "DDE"
    return None


def binary_mark(data: bytes) -> str | None:
    """A fetching function's name in a binary part (.xls, .xlsb), in ASCII or UTF-16."""
    upper = data.upper()
    for mark in _MARKS:
        if mark in upper:
            return mark.decode("utf-16-le") if b"\0" in mark else mark.decode("ascii")
    return None
