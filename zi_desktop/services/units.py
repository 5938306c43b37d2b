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
from ..storage.unit_list_query import INSTANSI_SQL, LIST_SQL, list_params, unit_rows
from ..values.views import UnitInfo, UnitRow
from .base import WorkspaceBase, now
from .scorecache import rescore
from .unit_list import sorted_rows

PREDIKAT = ("none", "WBK", "WBBM")
TARGETS = ("WBK", "WBBM")


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
                    code=info.code,
                    name=info.name,
                    instansi_id=instansi.id,
                    address=info.address,
                    head=info.head,
                    service_type=info.service_type,
                    current_predikat=info.current_predikat,
                    target_predikat=info.target_predikat,
                )
            )
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
                code=unit.code,
                name=unit.name,
                instansi_code=instansi.code,
                instansi_name=instansi.name,
                address=unit.address,
                head=unit.head,
                service_type=unit.service_type,
                current_predikat=unit.current_predikat,
                target_predikat=unit.target_predikat,
            )

    def list_units(
        self, query: str = "", instansi: str = "", status: str = "", target: str = ""
    ) -> list[UnitRow]:
        """The assigned units with their latest assessment's progress, scores and verdicts."""
        params = list_params(query, instansi, status, target)
        with self.reading() as s:
            result = s.connection().execute(text(LIST_SQL), params)
            return sorted_rows(unit_rows(list(result.keys()), result))

    def instansi_list(self) -> list[tuple[str, str]]:
        with self.reading() as s:
            return [(code, name) for code, name in s.connection().execute(text(INSTANSI_SQL))]
