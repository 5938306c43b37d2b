"""The printable assessment report (LHE, Laporan Hasil Evaluasi) as a PDF, with reportlab.

:func:`render_report` turns a :class:`ReportData` (gathered by
:mod:`zi_desktop.services.report`) into PDF bytes. The package reads no workspace and never
imports Qt or the database layer.
"""

from .document import CancelCheck, Progress, RenderedReport, render_report
from .model import ReportData, SurveyFile

__all__ = ["CancelCheck", "Progress", "RenderedReport", "ReportData", "SurveyFile", "render_report"]
