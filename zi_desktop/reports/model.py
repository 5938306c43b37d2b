"""What a report is made from: one plain value object, gathered by the services.

The report layer never opens a workspace: :mod:`zi_desktop.services.report` reads the
assessment, the team and the definition and hands them over as a :class:`ReportData`, so the
same data always prints the same PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..lke.model import Definition
from ..scoring import ScoreResult
from ..services.values import AssessmentView, EvaluatorProfile


@dataclass(frozen=True)
class SurveyFile:
    """A survey's report file, listed in the evidence index beside the items' evidence."""

    kind: str  # IPAK | IPKP
    tier: str
    sha256: str
    size: int | None
    mime: str


@dataclass(frozen=True)
class ReportData:
    """Everything one LHE shows.

    ``tier`` is the tier the report evaluates (``tpi`` normally; ``unit`` prints the unit's
    self-assessment); the score tables show both tiers side by side whatever it is.
    ``evaluation_date`` is printed on the cover and dates the signatures.
    """

    view: AssessmentView
    definition: Definition
    team: tuple[EvaluatorProfile, ...]
    evaluation_date: dt.date
    fingerprint: str  # hex SHA-256 of the assessment's canonical content
    tier: str = "tpi"
    place: str = ""
    lang: str = "id"
    survey_files: tuple[SurveyFile, ...] = field(default=())

    @property
    def result(self) -> ScoreResult:
        """The score of the tier this report evaluates."""
        return self.view.scores[self.tier]

    @property
    def unit_result(self) -> ScoreResult:
        return self.view.scores["unit"]

    @property
    def tpi_result(self) -> ScoreResult:
        return self.view.scores["tpi"]

    @property
    def complete(self) -> bool:
        return self.result.complete

    def qr_payload(self) -> str:
        """What the QR code holds: enough to find the package and check its fingerprint."""
        v = self.view
        return f"ZI:{v.unit.code}:{v.year}:{v.lke}:{self.fingerprint}"
