"""Plain value objects the services return (never database rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from ..scoring import AnswerValue, ScoreResult


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


@dataclass(frozen=True)
class UnitRow:
    """One line of the unit list."""

    code: str
    name: str
    instansi: str
    target_predikat: str
    status: str
    year: int | None
    answered_tpi: int
    required: int
    nilai_unit: Fraction | None
    nilai_tpi: Fraction | None
    verdict_wbk: str
    verdict_wbbm: str


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

    def value(self, tier: str, node_id: str) -> AnswerValue | None:
        found = self.answers.get(tier, {}).get(node_id)
        return None if found is None else found.value


@dataclass(frozen=True)
class EvaluatorProfile:
    name: str
    nip: str
    role: str
    instansi: str = ""
