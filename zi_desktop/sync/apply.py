"""Writing one record of an assessment into the workspace tables (the caller's session)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from ..errors import UserFacingError
from ..i18n import _
from ..storage.rows import answer_row, now
from ..storage.tables import (
    Assessment,
    Evidence,
    Instansi,
    Period,
    Recommendation,
    Survey,
    Unit,
)
from .payload import AssessmentData
from .records import Meta


def when(meta: Meta) -> datetime:
    try:
        return datetime.fromisoformat(meta.at) if meta.at else now()
    except ValueError:
        return now()


def ensure_assessment(
    s: Session, data: AssessmentData
) -> tuple[Unit, Assessment, Period, list[str]]:
    """The unit's assessment for the year, created (with instansi and unit) when missing.

    A unit that exists keeps its details: they belong to this workspace. Returns what was
    created, as audit entities.
    """
    created: list[str] = []
    u = data.unit
    instansi = s.exec(select(Instansi).where(Instansi.code == u.instansi_code)).first()
    if instansi is None:
        instansi = Instansi(code=u.instansi_code, name=u.instansi_name)
        s.add(instansi)
        s.flush()
        created.append(f"instansi/{u.instansi_code}")
    unit = s.exec(select(Unit).where(Unit.code == u.code)).first()
    if unit is None:
        assert instansi.id is not None
        unit = Unit(
            code=u.code,
            name=u.name,
            instansi_id=instansi.id,
            address=u.address,
            head=u.head,
            service_type=u.service_type,
            current_predikat=u.current_predikat,
            target_predikat=u.target_predikat,
        )
        s.add(unit)
        s.flush()
        created.append(f"unit/{u.code}")
    row = s.exec(
        select(Assessment, Period)
        .join(Period)
        .where(Assessment.unit_id == unit.id, Period.year == data.year)
    ).first()
    if row is not None:
        if row[1].lke_version != data.lke:
            raise UserFacingError(
                _(
                    "Unit {code} is assessed for {year} under LKE {here} in this workspace, but "
                    "the package uses {there}; nothing was imported."
                ).format(code=u.code, year=data.year, here=row[1].lke_version, there=data.lke)
            )
        return unit, row[0], row[1], created
    period = s.exec(
        select(Period).where(Period.year == data.year, Period.lke_version == data.lke)
    ).first()
    if period is None:
        period = Period(year=data.year, lke_version=data.lke)
        s.add(period)
        s.flush()
    assert unit.id is not None and period.id is not None
    stamp = now()
    assessment = Assessment(
        unit_id=unit.id, period_id=period.id, created_at=stamp, updated_at=stamp
    )
    s.add(assessment)
    s.flush()
    created.append(f"assessment/{u.code}/{data.year}")
    return unit, assessment, period, created


def apply_record(s: Session, a: Assessment, parts: list[Any], value: Any, meta: Meta) -> None:
    """Set record ``parts`` of assessment ``a`` to ``value`` (``None``: clear or remove)."""
    assert a.id is not None
    kind = parts[0]
    if kind == "status":
        a.status = value or "draft"
    elif kind == "evaluation_date":
        a.evaluation_date = value or ""
    elif kind in ("answer", "note"):
        row = answer_row(s, a, parts[1], parts[2])
        if kind == "answer":
            row.option, row.number = (value["option"], value["number"]) if value else (None, None)
        else:
            row.note = value or ""
        row.updated_by, row.updated_at = meta.by, when(meta)
        s.add(row)
    elif kind == "evidence":
        _evidence(s, a, parts, value, meta)
    elif kind == "survey":
        _survey(s, a, parts[1], parts[2], value)
    elif kind == "recommendation":
        rec = s.exec(
            select(Recommendation).where(
                Recommendation.assessment_id == a.id, Recommendation.area == parts[1]
            )
        ).first() or Recommendation(assessment_id=a.id, area=parts[1], text="", updated_at=now())
        rec.text, rec.updated_at = value or "", now()
        s.add(rec)
    else:
        raise ValueError(f"unknown record {parts!r}")
    a.updated_at = now()
    s.add(a)


def _evidence(s: Session, a: Assessment, parts: list[Any], value: Any, meta: Meta) -> None:
    _kind, tier, node, sha, name, n = parts
    links = list(
        s.exec(
            select(Evidence)
            .where(
                Evidence.assessment_id == a.id,
                Evidence.tier == tier,
                Evidence.node_id == node,
                Evidence.sha256 == sha,
                Evidence.file_name == name,
            )
            .order_by(col(Evidence.id))
        )
    )
    if value is None:
        if n < len(links):
            s.delete(links[n])
        return
    if n < len(links):
        links[n].caption = value["caption"]
        s.add(links[n])
        return
    assert a.id is not None
    s.add(
        Evidence(
            assessment_id=a.id,
            tier=tier,
            node_id=node,
            sha256=sha,
            file_name=name,
            caption=value["caption"],
            added_by=meta.by,
            added_at=when(meta),
        )
    )


def _survey(s: Session, a: Assessment, tier: str, kind: str, value: Any) -> None:
    assert a.id is not None
    row = s.exec(
        select(Survey).where(Survey.assessment_id == a.id, Survey.tier == tier, Survey.kind == kind)
    ).first()
    if value is None:
        if row is not None:
            s.delete(row)
        return
    row = row or Survey(assessment_id=a.id, tier=tier, kind=kind)
    row.respondents, row.period = value["respondents"], value["period"]
    row.conducted_by, row.report_sha256 = value["conducted_by"], value["report_sha256"]
    s.add(row)
