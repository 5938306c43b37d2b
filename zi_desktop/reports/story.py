"""The order of the PDF: the LHE letter (:func:`.lhe.build_lhe`), then its two appendices.

The letter runs from the kop surat to the signatures (chapters I–V); appendix 1 is the whole
LKE and appendix 2 the evidence index. The first page uses the ``first`` page template (with
the seal at its foot), every other page ``body``.
"""

from __future__ import annotations

from .appendix import appendix
from .blocks import Lhe
from .chart import area_chart
from .evidence_index import evidence_index
from .model import ReportData
from .pdf_blocks import flowables
from .rl import Flowable, NextPageTemplate


def build_story(data: ReportData, lhe: Lhe) -> list[Flowable]:
    return [
        NextPageTemplate("body"),
        *flowables(lhe.blocks, lambda: area_chart(data)),
        *appendix(data),
        *evidence_index(data),
    ]
