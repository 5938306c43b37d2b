"""Recommendations per area: the evaluator's text beside the area's standing."""

from __future__ import annotations

from typing import Any

from ..i18n import _
from . import styles as st
from .labels import area_name, pct
from .model import ReportData
from .rl import Flowable


def _standing(percent: Any) -> str:
    marks = [
        ("✓" if percent >= threshold else "✗") + f" {name}"
        for threshold, name in ((60, "WBK"), (75, "WBBM"))
    ]
    return "  ".join(marks)


def recommendations(data: ReportData) -> list[Flowable]:
    head = [st.para(t, st.CELL_BOLD) for t in (_("Area"), _("Score"), _("Recommendation"))]
    rows: list[list[Any]] = [head]
    for number, area in sorted(data.result.areas.items()):
        text = data.view.recommendations.get(number, "").strip()
        rows.append(
            [
                st.para(f"{number}. {area_name(number)}", st.CELL),
                st.para(f"{pct(area.percent, data.lang)}\n{_standing(area.percent)}", st.CELL),
                st.para(text, st.CELL)
                if text
                else st.para(_("No recommendation recorded."), st.SMALL_MUTED),
            ]
        )
    return [
        st.para(_("5. Recommendations"), st.H1),
        st.table(rows, (30, 16, 54)),
    ]
