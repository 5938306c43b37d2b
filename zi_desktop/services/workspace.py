"""The workspace service: everything the UI and the CLI may do with a workspace.

``Workspace.open(folder)`` opens (creating when needed) and locks a workspace; every method
either reads or runs exactly one transaction that also appends its audit event.
"""

from __future__ import annotations

import json
from fractions import Fraction

from sqlmodel import select

from ..errors import UserFacingError
from ..i18n import _
from ..lke.loader import available_definitions
from ..lke.model import Definition
from ..scoring import ScoringPolicy
from ..storage import audit
from ..storage.tables import Assessment, Evaluator, Period, Setting, Unit
from ..values.people import check_person
from ..values.views import EvaluatorProfile
from .answers_io import AnswersIOMixin
from .evidence import EvidenceMixin
from .units import UnitsMixin


class Workspace(UnitsMixin, EvidenceMixin, AnswersIOMixin):
    """An open, locked workspace."""

    def verify_audit(self) -> audit.ChainReport:
        with self.reading() as s:
            return audit.verify(s)

    def is_demo(self) -> bool:
        """Whether this is the demo workspace (example units and people, never real work)."""
        return self.setting("demo", False) is True

    def evaluator(self) -> EvaluatorProfile | None:
        raw = self.setting("evaluator", None)
        return EvaluatorProfile(**raw) if isinstance(raw, dict) else None

    @staticmethod
    def _check_profile(profile: EvaluatorProfile) -> None:
        check_person(profile.name, profile.nip, profile.role)

    def set_evaluator(self, profile: EvaluatorProfile) -> None:
        self._check_profile(profile)
        value = {
            "name": profile.name,
            "nip": profile.nip,
            "role": profile.role,
            "instansi": profile.instansi,
        }
        with self.transaction() as s:
            row = s.get(Setting, "evaluator") or Setting(key="evaluator", value="null")
            old = json.loads(row.value)
            if old != value:
                row.value = json.dumps(value, ensure_ascii=False)
                s.add(row)
                self.audit(s, "setting/evaluator", old, value)
            known = s.exec(select(Evaluator).where(Evaluator.nip == profile.nip)).first()
            member = known or Evaluator(name="", nip=profile.nip, role="")
            before = {"name": member.name, "role": member.role, "instansi": member.instansi}
            after = {"name": profile.name, "role": profile.role, "instansi": profile.instansi}
            if before != after:
                member.name, member.role, member.instansi = (
                    profile.name,
                    profile.role,
                    profile.instansi,
                )
                s.add(member)
                self.audit(s, f"team/{profile.nip}", before if known else None, after)
        self.actor = profile.name

    def set_scoring_policy(self, zero_denominator: dict[str, object]) -> None:
        """Set the value (0…1) percentage items get when their denominator is zero.

        Ids not given keep the documented default. Every cached score is recomputed in the
        same transaction, so the unit list never shows scores under an old rule.
        """
        checked: dict[str, str] = {}
        known = {i.id for d in self._definitions_in_use() for i in d.items.values() if i.formula}
        for item_id, raw in zero_denominator.items():
            try:
                value = Fraction(str(raw))
            except (ValueError, ZeroDivisionError):
                value = Fraction(-1)
            if item_id not in known or not 0 <= value <= 1:
                raise UserFacingError(
                    _(
                        "{item}: a zero-denominator value must be a number from 0 to 1 for "
                        "one of the percentage items."
                    ).format(item=item_id)
                )
            checked[item_id] = str(value)
        with self.transaction() as s:
            row = s.get(Setting, "zero_denominator") or Setting(key="zero_denominator", value="{}")
            old = json.loads(row.value)
            if old == checked:
                return
            row.value = json.dumps(checked)
            s.add(row)
            self.audit(s, "setting/zero_denominator", old, checked)
            self._policy = ScoringPolicy({k: Fraction(v) for k, v in checked.items()})
            rows = s.exec(
                select(Unit, Assessment, Period).where(
                    Assessment.unit_id == Unit.id, Assessment.period_id == Period.id
                )
            )
            for unit, assessment, period in rows:
                for tier in ("unit", "tpi"):
                    self.rescore(s, unit, assessment, period, tier)

    def _definitions_in_use(self) -> list[Definition]:
        return [self.definition(lke) for lke in available_definitions()]

    def team(self) -> list[EvaluatorProfile]:
        with self.reading() as s:
            return [
                EvaluatorProfile(e.name, e.nip, e.role, e.instansi)
                for e in s.exec(select(Evaluator).order_by(Evaluator.id))  # type: ignore[arg-type]
            ]

    def add_team_member(self, profile: EvaluatorProfile) -> None:
        self._check_profile(profile)
        with self.transaction() as s:  # one row per NIP: adding a known member updates them
            known = s.exec(select(Evaluator).where(Evaluator.nip == profile.nip)).first()
            member = known or Evaluator(name="", nip=profile.nip, role="")
            before = {"name": member.name, "role": member.role, "instansi": member.instansi}
            after = {"name": profile.name, "role": profile.role, "instansi": profile.instansi}
            if before == after:
                return
            member.name, member.role, member.instansi = profile.name, profile.role, profile.instansi
            s.add(member)
            self.audit(s, f"team/{profile.nip}", before if known else None, after)
