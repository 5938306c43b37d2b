"""Reading what a package carries out of the workspace database (in the caller's session)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from ..storage.audit import GENESIS
from ..storage.tables import (
    Answer,
    Assessment,
    AuditEvent,
    Evidence,
    Instansi,
    Period,
    Recommendation,
    StoredFile,
    Survey,
    Unit,
)
from .payload import (
    AnswerData,
    AssessmentData,
    AuditData,
    AuditEventData,
    EvidenceData,
    SurveyData,
    UnitData,
)


def stamp(value: datetime) -> str:
    return value.isoformat()


def unit_data(s: Session, unit: Unit) -> UnitData:
    instansi = s.get(Instansi, unit.instansi_id)
    assert instansi is not None
    return UnitData(
        unit.code,
        unit.name,
        instansi.code,
        instansi.name,
        unit.address,
        unit.head,
        unit.service_type,
        unit.current_predikat,
        unit.target_predikat,
    )


def assessment_data(
    s: Session, unit: Unit, a: Assessment, p: Period, tiers: tuple[str, ...]
) -> AssessmentData:
    """Everything of one assessment in ``tiers`` (status and recommendations with tier tpi)."""
    answers = tuple(
        AnswerData(r.tier, r.node_id, r.option, r.number, r.note, r.updated_by, stamp(r.updated_at))
        for r in s.exec(
            select(Answer)
            .where(Answer.assessment_id == a.id, col(Answer.tier).in_(tiers))
            .order_by(col(Answer.tier), col(Answer.node_id))
        )
        if r.option is not None or r.number is not None or r.note
    )
    evidence = tuple(
        EvidenceData(
            e.tier,
            e.node_id,
            e.sha256,
            e.file_name,
            e.caption,
            f.size,
            f.mime,
            e.added_by,
            stamp(e.added_at),
        )
        for e, f in s.exec(
            select(Evidence, StoredFile)
            .join(StoredFile)
            .where(Evidence.assessment_id == a.id, col(Evidence.tier).in_(tiers))
            .order_by(col(Evidence.id))
        )
    )
    surveys = tuple(
        SurveyData(r.tier, r.kind, r.respondents, r.period, r.conducted_by, r.report_sha256)
        for r in s.exec(
            select(Survey)
            .where(Survey.assessment_id == a.id, col(Survey.tier).in_(tiers))
            .order_by(col(Survey.tier), col(Survey.kind))
        )
    )
    evaluator = "tpi" in tiers
    recommendations = tuple(
        (r.area, r.text)
        for r in s.exec(
            select(Recommendation)
            .where(Recommendation.assessment_id == a.id)
            .order_by(col(Recommendation.area))
        )
        if r.text and evaluator
    )
    return AssessmentData(
        unit_data(s, unit),
        p.year,
        p.lke_version,
        a.status if evaluator else "draft",
        a.evaluation_date if evaluator else "",
        answers,
        evidence,
        surveys,
        recommendations,
    )


def blobs(a: AssessmentData) -> set[str]:
    """The stored files an assessment refers to (evidence and survey reports)."""
    found = {e.sha256 for e in a.evidence}
    return found | {s.report_sha256 for s in a.surveys if s.report_sha256}


def audit_after(s: Session, seq: int) -> AuditData:
    """The audit events after ``seq``, and the hash of event ``seq`` they continue from."""
    start = GENESIS
    if seq:
        before = s.get(AuditEvent, seq)
        start = before.hash if before is not None else GENESIS
    events = tuple(
        AuditEventData(e.seq, e.at, e.actor, e.entity, e.old, e.new, e.prev_hash, e.hash)
        for e in s.exec(
            select(AuditEvent).where(AuditEvent.seq > seq).order_by(col(AuditEvent.seq))
        )
    )
    return AuditData((seq, start), events)
