"""The order of the report's sections.

Cover; 1 identity of the unit and the team; 2 score summary; 3 verdict; 4 area chart;
5 recommendations; 6 signatures; then appendix 1 (the whole LKE) and appendix 2 (evidence
index). The signatures close the body of the report, as on an official LHE; the appendices
follow them.
"""

from __future__ import annotations

from .appendix import appendix
from .chart import chart_section
from .cover import cover, identity
from .evidence_index import evidence_index
from .model import ReportData
from .recommendations import recommendations
from .rl import CondPageBreak, Flowable, PageBreak, mm
from .signature import signatures
from .summary import summary
from .verdict import verdicts


def build_story(data: ReportData) -> list[Flowable]:
    return [
        *cover(data),
        *identity(data),
        PageBreak(),
        *summary(data),
        CondPageBreak(90 * mm),
        *verdicts(data),
        CondPageBreak(110 * mm),
        *chart_section(data),
        CondPageBreak(60 * mm),
        *recommendations(data),
        *signatures(data),
        *appendix(data),
        *evidence_index(data),
    ]
