"""Plain value objects the services return (never database rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from ..lke.model import SURVEYS as SURVEYS  # the survey kinds, for the screens

if TYPE_CHECKING:  # for annotations only: the unit list loads this module at start-up
    from ..scoring import AnswerValue, ScoreResult

# The longest note or recommendation text kept: the report (LHE) must stay printable.
MAX_NOTE_CHARS = 10_000


@dataclass(frozen=True)
class UnitInfo:
    code: str
    name: str
    instansi_code: str
    instansi_name: str
    address: str = ""
    head: str = ""
    service_type: str = ""
    current_predikat: str = "none"
    target_predikat: str = "WBK"


class UnitRow(NamedTuple):
    """One line of the unit list.

    A tuple (cheap to build by the ten thousand); the scores are kept as exact fraction text
    and turned into Fractions only when read, which a list view does for visible rows only.
    """

    code: str
    name: str
    instansi: str
    target_predikat: str
    status: str
    year: int | None
    answered_tpi: int
    required: int
    total_unit: str | None  # exact "n/d", None while the tier has no answer
    total_tpi: str | None
    verdict_wbk: str
    verdict_wbbm: str

    @property
    def nilai_unit(self) -> Fraction | None:
        return None if self.total_unit is None else Fraction(self.total_unit)

    @property
    def nilai_tpi(self) -> Fraction | None:
        return None if self.total_tpi is None else Fraction(self.total_tpi)


@dataclass(frozen=True)
class AnswerView:
    node_id: str
    value: AnswerValue | None
    note: str
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True)
class EvidenceView:
    id: int
    tier: str
    node_id: str
    sha256: str
    file_name: str
    caption: str
    size: int
    mime: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class SurveyView:
    kind: str  # IPAK | IPKP
    tier: str
    index: Fraction | None
    respondents: int | None
    period: str
    conducted_by: str
    report_sha256: str | None


@dataclass(frozen=True)
class AreaProgress:
    area: int
    answered: int
    required: int


@dataclass(frozen=True)
class AssessmentView:
    unit: UnitInfo
    year: int
    lke: str
    status: str
    answers: dict[str, dict[str, AnswerView]]
    evidence: tuple[EvidenceView, ...]
    surveys: tuple[SurveyView, ...]
    recommendations: dict[int, str]
    scores: dict[str, ScoreResult] = field(default_factory=dict)
    survey_items: dict[str, str] = field(default_factory=dict)  # the LKE's, e.g. IPAK: B.I.a

    def value(self, tier: str, node_id: str) -> AnswerValue | None:
        found = self.answers.get(tier, {}).get(node_id)
        return None if found is None else found.value


@dataclass(frozen=True)
class EvaluatorProfile:
    name: str
    nip: str
    role: str
    instansi: str = ""
