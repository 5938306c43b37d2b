"""The workspace service: everything the UI and the CLI may do with a workspace.

``Workspace.open(folder)`` opens (creating when needed) and locks a workspace; every method
either reads or runs exactly one transaction that also appends its audit event.
"""

from __future__ import annotations

from sqlmodel import select

from ..errors import UserFacingError
from ..i18n import _
from ..storage import audit
from ..storage.tables import ROLES, Evaluator
from .answers_io import AnswersIOMixin
from .evidence import EvidenceMixin
from .units import UnitsMixin
from .values import EvaluatorProfile


class Workspace(UnitsMixin, EvidenceMixin, AnswersIOMixin):
    """An open, locked workspace."""

    def verify_audit(self) -> audit.ChainReport:
        with self.reading() as s:
            return audit.verify(s)

    def evaluator(self) -> EvaluatorProfile | None:
        raw = self.setting("evaluator", None)
        return EvaluatorProfile(**raw) if isinstance(raw, dict) else None

    def set_evaluator(self, profile: EvaluatorProfile) -> None:
        if profile.role not in ROLES:
            raise UserFacingError(
                _("Unknown role {role}; use one of {roles}.").format(
                    role=profile.role, roles=", ".join(ROLES)
                )
            )
        if not profile.name.strip():
            raise UserFacingError(_("The evaluator needs a name."))
        if not profile.nip.isdigit() or len(profile.nip) != 18:
            raise UserFacingError(_("A NIP has 18 digits."))
        self.set_setting(
            "evaluator",
            {
                "name": profile.name,
                "nip": profile.nip,
                "role": profile.role,
                "instansi": profile.instansi,
            },
        )
        with self.transaction() as s:
            known = s.exec(select(Evaluator).where(Evaluator.nip == profile.nip)).first()
            row = known or Evaluator(name="", nip=profile.nip, role="")
            row.name, row.role, row.instansi = profile.name, profile.role, profile.instansi
            s.add(row)
        self.actor = profile.name

    def team(self) -> list[EvaluatorProfile]:
        with self.reading() as s:
            return [
                EvaluatorProfile(e.name, e.nip, e.role, e.instansi)
                for e in s.exec(select(Evaluator).order_by(Evaluator.id))  # type: ignore[arg-type]
            ]

    def add_team_member(self, profile: EvaluatorProfile) -> None:
        if profile.role not in ROLES:
            raise UserFacingError(
                _("Unknown role {role}; use one of {roles}.").format(
                    role=profile.role, roles=", ".join(ROLES)
                )
            )
        with self.transaction() as s:
            s.add(
                Evaluator(
                    name=profile.name, nip=profile.nip, role=profile.role, instansi=profile.instansi
                )
            )
            self.audit(s, f"team/{profile.nip}", None, {"name": profile.name, "role": profile.role})
