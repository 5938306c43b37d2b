"""People's names for verdict statuses and decision conditions, shared by every screen."""

from __future__ import annotations

from ..i18n import _


def verdict_label(status: str) -> str:
    """``eligible`` → "memenuhi syarat" (translated)."""
    return {
        "eligible": _("eligible"),
        "not_eligible": _("not eligible"),
        "incomplete": _("cannot be decided yet (incomplete)"),
    }[status]


def condition_label(code: str) -> str:
    """A condition code of a verdict (``total``, ``area_3``, …) as people read it."""
    if code.startswith("area_"):
        return _("Area {number}").format(number=code.removeprefix("area_"))
    labels = {
        "total": _("Total score"),
        "pengungkit": _("Pengungkit"),
        "bersih_akuntabel": _("Clean and accountable bureaucracy (B.I)"),
        "ipak": _("IPAK"),
        "capaian_kinerja": _("Performance achievement"),
        "pelayanan_prima": _("Excellent public service (B.II)"),
        "predikat_wbk": _("Holds Menuju WBK"),
    }
    return labels[code]
