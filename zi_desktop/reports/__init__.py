"""The assessment report (LHE, Laporan Hasil Evaluasi): a PDF with reportlab, or an editable
Word document with python-docx, both from the same blocks (:mod:`.blocks`, :mod:`.lhe`).

:func:`render_report` turns a :class:`ReportData` (gathered by
:mod:`zi_desktop.services.report`) into PDF bytes, :func:`render_docx` into .docx bytes. The
package reads no workspace and never imports Qt or the database layer.
"""

from .document import CancelCheck, Progress, RenderedReport, render_report
from .docx_document import render_docx
from .model import Letterhead, LetterInfo, ReportData, Signatory, SurveyFile

__all__ = [
    "CancelCheck",
    "LetterInfo",
    "Letterhead",
    "Progress",
    "RenderedReport",
    "ReportData",
    "Signatory",
    "SurveyFile",
    "render_docx",
    "render_report",
]
