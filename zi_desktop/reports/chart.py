"""The area chart: each area's percentage, unit beside TPI, against the 60% and 75% lines.

60% of every area is a condition for Menuju WBK and 75% for Menuju WBBM (read on the area's
combined pemenuhan + reform nilai), so the two lines show at a glance which areas hold a
unit back.
"""

from __future__ import annotations

from fractions import Fraction

from ..i18n import _
from . import styles as st
from .fonts import REGULAR
from .labels import area_name, pct
from .model import ReportData
from .rl import Drawing, Flowable, HorizontalBarChart, Line, Rect, String

LABEL_WIDTH = 175.0
HEIGHT = 250.0
LINES = ((60, st.PASS, "WBK 60%"), (75, st.FAIL, "WBBM 75%"))


def _chart(data: ReportData, width: float) -> HorizontalBarChart:
    areas = sorted(data.tpi_result.areas)[::-1]  # area 1 at the top
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_WIDTH, 40
    chart.width, chart.height = width - LABEL_WIDTH - 40, HEIGHT - 70
    chart.data = [
        [float(data.unit_result.areas[n].percent) for n in areas],
        [float(data.tpi_result.areas[n].percent) for n in areas],
    ]
    chart.bars[0].fillColor = st.UNIT_BAR
    chart.bars[1].fillColor = st.TPI_BAR
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, 100
    chart.valueAxis.valueStep = 10
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = st.SECTION_FILL
    chart.categoryAxis.categoryNames = [f"{n}. {_short(area_name(n))}" for n in areas]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.barLabelFormat = lambda value: pct(Fraction(value).limit_denominator(10**6), data.lang)
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 6
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    return chart


def _short(name: str) -> str:
    """Area names fit the label column (the official ones, up to 38 characters, do)."""
    return name if len(name) <= 40 else name[:39].rstrip() + "…"


def area_chart(data: ReportData) -> Flowable:
    width = st.FRAME_WIDTH
    drawing = Drawing(width, HEIGHT, initialFontName=REGULAR)
    chart = _chart(data, width)
    drawing.add(chart)
    for value, colour, label in LINES:
        x = chart.x + chart.width * value / 100
        drawing.add(
            Line(
                x,
                chart.y - 4,
                x,
                chart.y + chart.height + 4,
                strokeColor=colour,
                strokeWidth=1,
                strokeDashArray=[3, 2],
            )
        )
        drawing.add(
            String(
                x,
                chart.y + chart.height + 8,
                label,
                fontName=REGULAR,
                fontSize=7,
                fillColor=colour,
                textAnchor="middle",
            )
        )
    legend_y = 8.0
    for n, (colour, text) in enumerate(
        ((st.UNIT_BAR, _("Unit self-assessment")), (st.TPI_BAR, _("TPI evaluation")))
    ):
        x = LABEL_WIDTH + n * 150
        drawing.add(Rect(x, legend_y, 9, 7, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 13, legend_y + 0.5, text, fontName=REGULAR, fontSize=7.5))
    return drawing
