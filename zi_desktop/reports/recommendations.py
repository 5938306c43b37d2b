"""Chapter IV, recommendations per area: the evaluator's text beside the area's standing."""

from __future__ import annotations

from fractions import Fraction

from ..i18n import _
from .blocks import Block, Heading, Row, Table
from .labels import area_name, pct
from .model import ReportData


def _standing(percent: Fraction) -> str:
    marks = [
        ("✓" if percent >= threshold else "✗") + f" {name}"
        for threshold, name in ((60, "WBK"), (75, "WBBM"))
    ]
    return "  ".join(marks)


def recommendations(data: ReportData) -> list[Block]:
    rows = []
    for number, area in sorted(data.result.areas.items()):
        text = data.view.recommendations.get(number, "").strip()
        rows.append(
            Row(
                (
                    f"{number}. {area_name(number)}",
                    f"{pct(area.percent, data.lang)}\n{_standing(area.percent)}",
                    text or _("No recommendation recorded."),
                )
            )
        )
    header = (_("Area"), _("Score"), _("Recommendation"))
    return [Heading(_("IV. RECOMMENDATIONS"), 1), Table(header, tuple(rows), (30, 16, 54))]
