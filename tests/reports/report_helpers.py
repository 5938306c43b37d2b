"""What the report tests share: the units, date and place, and the rendered report.

Kept out of ``conftest.py`` so that test modules can import it when other test folders'
``conftest`` modules are loaded in the same run.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import cached_property

from pypdf import PdfReader

from zi_desktop.i18n import set_language
from zi_desktop.reports import ReportData, render_report
from zi_desktop.services.report import report_data
from zi_desktop.services.workspace import Workspace

DATE = dt.date(2026, 11, 23)
PLACE = "Sukamaju"
DRAFT_UNIT = "KPP-001"
COMPLETE_UNIT = "RSUD-002"
TPI_CHANGES = {"A.I.1.i.b": "B", "A.I.2.i.a": "C", "A.II.1.ii.a": "B"}


@dataclass(frozen=True)
class Rendered:
    data: ReportData
    pdf: bytes
    pages: int

    def texts(self) -> list[str]:
        return list(self._texts)

    @cached_property
    def _texts(self) -> tuple[str, ...]:
        return tuple(page.extract_text() for page in PdfReader(io.BytesIO(self.pdf)).pages)

    def cells(self) -> list[str]:
        """Every text line of the whole report, stripped, in order (one table cell per line)."""
        return [line.strip() for text in self.texts() for line in text.splitlines() if line.strip()]

    def flat(self) -> str:
        """The whole text with every run of white space as one space."""
        return " ".join(" ".join(self.texts()).split())


def render(ws: Workspace, code: str, tier: str = "tpi") -> Rendered:
    """The report of ``code`` in Indonesian, reproducible."""
    set_language("id")
    return rendered(report_data(ws, code, tier, date=DATE, place=PLACE))


def rendered(data: ReportData) -> Rendered:
    """``data`` rendered as PDF, reproducible."""
    out = render_report(data, invariant=True)
    return Rendered(data, out.pdf, out.pages)
