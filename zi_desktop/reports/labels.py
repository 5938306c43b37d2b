"""Translated words and number formats the sections share.

Functions, not constants: every call translates into the language current at that moment,
so a report built after the UI switched to English is in English.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..formatting import format_number
from ..i18n import _
from ..lke.model import AREA_NAMES
from ..scoring.labels import condition_label as shared_condition_label
from ..scoring.labels import verdict_label as verdict_label  # for the report sections


def num(value: Fraction | Decimal | int | None, lang: str, decimals: int = 2) -> str:
    """``87,50`` (or ``87.50``); an em dash for nothing."""
    return "—" if value is None else format_number(value, decimals, lang)


def pct(value: Fraction | None, lang: str) -> str:
    """A percentage already in 0…100: ``87,50%``."""
    return "—" if value is None else format_number(value, 2, lang) + "%"


def count(value: int | None, lang: str) -> str:
    """A whole number with thousands grouped: ``1.234`` (``1,234`` in English)."""
    if value is None:
        return "—"
    return f"{value:,}".replace(",", "." if lang == "id" else ",")


def signed(value: Fraction, lang: str) -> str:
    """A difference with its sign: ``+1,25``, ``−0,50``, ``0,00``."""
    text = format_number(abs(value), 2, lang)
    if text.strip("0,.") == "":
        return text
    return ("+" if value > 0 else "−") + text


def area_name(number: int) -> str:
    return AREA_NAMES[number]


def tier_label(tier: str) -> str:
    return {
        "unit": _("Unit self-assessment"),
        "tpi": _("TPI evaluation"),
        "tpn": _("TPN evaluation"),
    }.get(tier, tier)


def role_label(role: str) -> str:
    return {
        "anggota": _("Team member"),
        "ketua": _("Team leader"),
        "dalnis": _("Technical supervisor"),
        "koordinator": _("Coordinator"),
    }.get(role, role)


def predikat_label(predikat: str) -> str:
    return {"none": _("none yet"), "WBK": "Menuju WBK", "WBBM": "Menuju WBBM"}.get(
        predikat, predikat
    )


def status_label(status: str) -> str:
    return {
        "draft": _("draft"),
        "submitted": _("submitted"),
        "reviewed": _("reviewed"),
    }.get(status, status)


def condition_label(code: str) -> str:
    if code.startswith("area_"):
        number = int(code.removeprefix("area_"))
        return _("Area {number}: {name}").format(number=number, name=area_name(number))
    return shared_condition_label(code)


def draft_mark(reason: str) -> str:
    """The mark every page of a draft carries; empty for a final report (``reason`` "")."""
    return {
        "incomplete": _("DRAFT — INCOMPLETE"),
        "not_approved": _("DRAFT — NOT APPROVED"),
    }.get(reason, "")
