"""Instansi, units, periods and assessments; the unit list with progress and scores."""

from __future__ import annotations

from typing import cast

from sqlalchemy import text
from sqlmodel import select

from ..errors import UserFacingError
from ..i18n import _
from ..lke.loader import available_definitions
from ..scoring import Predikat
from ..storage.tables import Assessment, Instansi, Period, Unit
from .base import WorkspaceBase, now
from .scorecache import rescore
from .values import UnitInfo, UnitRow

PREDIKAT = ("none", "WBK", "WBBM")
TARGETS = ("WBK", "WBBM")

_LIST_SQL = """
SELECT u.code, u.name, i.name, u.target_predikat, a.status, p.year,
       ct.answered, ct.required, cu.total, ct.total, ct.wbk, ct.wbbm, cu.answered
FROM unit u
JOIN instansi i ON i.id = u.instansi_id
LEFT JOIN assessment a ON a.id = (
    SELECT a2.id FROM assessment a2 JOIN period p2 ON p2.id = a2.period_id
    WHERE a2.unit_id = u.id ORDER BY p2.year DESC LIMIT 1)
LEFT JOIN period p ON p.id = a.period_id
LEFT JOIN score_cache cu ON cu.assessment_id = a.id AND cu.tier = 'unit'
LEFT JOIN score_cache ct ON ct.assessment_id = a.id AND ct.tier = 'tpi'
WHERE (:q = '' OR u.name LIKE :like ESCAPE '\\' OR u.code LIKE :like ESCAPE '\\')
  AND (:instansi = '' OR i.code = :instansi OR i.name = :instansi)
  AND (:status = '' OR a.status = :status)
  AND (:target = '' OR u.target_predikat = :target)
"""


def _like(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class UnitsMixin(WorkspaceBase):
    def add_instansi(self, code: str, name: str) -> None:
        if not code.strip() or not name.strip():
            raise UserFacingError(_("An instansi needs a code and a name."))
        with self.transaction() as s:
            if s.exec(select(Instansi).where(Instansi.code == code)).first():
                raise UserFacingError(_("Instansi {code} already exists.").format(code=code))
            s.add(Instansi(code=code, name=name))
            self.audit(s, f"instansi/{code}", None, {"name": name})

    def add_unit(self, info: UnitInfo) -> None:
        if not info.code.strip() or not info.name.strip():
            raise UserFacingError(_("A unit needs a code and a name."))
        if info.current_predikat not in PREDIKAT or info.target_predikat not in TARGETS:
            raise UserFacingError(_("Predikat must be none, WBK or WBBM; target WBK or WBBM."))
        with self.transaction() as s:
            instansi = s.exec(select(Instansi).where(Instansi.code == info.instansi_code)).first()
            if instansi is None:
                raise UserFacingError(_("Unknown instansi {code}.").format(code=info.instansi_code))
            if s.exec(select(Unit).where(Unit.code == info.code)).first():
                raise UserFacingError(_("Unit {code} already exists.").format(code=info.code))
            assert instansi.id is not None
            s.add(
                Unit(
                    code=info.code, name=info.name, instansi_id=instansi.id,
                    address=info.address, head=info.head, service_type=info.service_type,
                    current_predikat=info.current_predikat, target_predikat=info.target_predikat,
                )
            )  # fmt: skip
            self.audit(s, f"unit/{info.code}", None, {"name": info.name})

    def start_assessment(self, code: str, year: int, lke_version: str) -> None:
        """Open an assessment of a unit for an evaluation year under an LKE version."""
        if lke_version not in available_definitions():
            raise UserFacingError(_("Unknown LKE version {lke}.").format(lke=lke_version))
        with self.transaction() as s:
            unit = self._unit(s, code)
            period = s.exec(
                select(Period).where(Period.year == year, Period.lke_version == lke_version)
            ).first()
            if period is None:
                period = Period(year=year, lke_version=lke_version)
                s.add(period)
                s.flush()
            exists = s.exec(  # one assessment per unit and year, whatever the LKE version
                select(Assessment)
                .join(Period)
                .where(Assessment.unit_id == unit.id, Period.year == year)
            ).first()
            if exists:
                raise UserFacingError(
                    _("Unit {code} already has an assessment for {year}.").format(
                        code=code, year=year
                    )
                )
            assert unit.id is not None and period.id is not None
            stamp = now()
            assessment = Assessment(
                unit_id=unit.id, period_id=period.id, created_at=stamp, updated_at=stamp
            )
            s.add(assessment)
            s.flush()
            assert assessment.id is not None
            definition = self.definition(lke_version)
            predikat = cast(Predikat, unit.current_predikat)
            for tier in ("unit", "tpi"):  # the unit list shows progress from the start
                rescore(s, definition, assessment.id, tier, self.policy(), predikat)
            self.audit(s, f"assessment/{code}/{year}", None, {"lke": lke_version})

    def unit_info(self, code: str) -> UnitInfo:
        with self.reading() as s:
            unit = self._unit(s, code)
            instansi = s.get(Instansi, unit.instansi_id)
            assert instansi is not None
            return UnitInfo(
                code=unit.code, name=unit.name, instansi_code=instansi.code,
                instansi_name=instansi.name, address=unit.address, head=unit.head,
                service_type=unit.service_type, current_predikat=unit.current_predikat,
                target_predikat=unit.target_predikat,
            )  # fmt: skip

    def list_units(
        self, query: str = "", instansi: str = "", status: str = "", target: str = ""
    ) -> list[UnitRow]:
        """The assigned units with their latest assessment's progress, scores and verdicts."""
        params = {
            "q": query.strip(), "like": _like(query.strip()), "instansi": instansi,
            "status": status, "target": target,
        }  # fmt: skip
        with self.reading() as s:
            rows = s.connection().execute(text(_LIST_SQL), params).all()
        out = [
            UnitRow(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4] or "",
                r[5],
                r[6] or 0,
                r[7] or 0,
                r[8] if r[12] else None,
                r[9] if r[6] else None,
                r[10] or "",
                r[11] or "",
            )  # fmt: skip
            for r in rows
        ]
        out.sort(key=lambda row: (row.name.casefold(), row.code))
        return out

    def instansi_list(self) -> list[tuple[str, str]]:
        with self.reading() as s:
            return [(i.code, i.name) for i in s.exec(select(Instansi).order_by(Instansi.name))]
