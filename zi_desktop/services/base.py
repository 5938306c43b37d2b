"""The open workspace: engine, evidence store, lock, actor and the transaction helper.

Every change runs in :meth:`WorkspaceBase.transaction`: one SQLite transaction that also
appends the change's audit event, so a change and its audit record land together or not at
all. SQLite and OS failures are turned into user-facing errors with advice.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from ..errors import UserFacingError
from ..i18n import N_, _
from ..lke.loader import load_definition
from ..lke.model import Definition
from ..scoring import ScoringPolicy
from ..storage import audit
from ..storage.database import make_engine, upgrade
from ..storage.db_errors import Failure, failure_of
from ..storage.evidence import DEFAULT_MAX_BYTES, EvidenceStore
from ..storage.location import Layout
from ..storage.lock import WorkspaceLock
from ..storage.rows import now as now  # the services stamp rows with it
from ..storage.tables import Assessment, Period, Setting, StoredFile, Unit

ADVICE = {
    Failure.BUSY: N_("The workspace database is busy. Wait a moment and try again."),
    Failure.FULL: N_("The disk is full. Free some space; nothing was saved for this change."),
    Failure.READ_ONLY: N_("The workspace is read-only; nothing was saved."),
    Failure.DAMAGED: N_("The workspace database is damaged. Restore it from backups/."),
    Failure.IO: N_("The disk reported an input/output error; nothing was saved."),
    Failure.CANNOT_OPEN: N_("The workspace database cannot be opened; nothing was saved."),
}


def classify_db_error(exc: OperationalError) -> UserFacingError:
    """Advice for a database failure the environment caused (by its error code); any other
    failure is a bug and is raised again as it is."""
    failure = failure_of(exc)
    if failure is None:
        raise exc
    return UserFacingError(_(ADVICE[failure]), details=str(exc.orig))


class WorkspaceBase:
    """Shared state of the service mixins."""

    def __init__(self, layout: Layout, engine: Engine, lock: WorkspaceLock, actor: str) -> None:
        self.layout = layout
        self.engine = engine
        self._lock = lock
        self.actor = actor
        self._policy: ScoringPolicy | None = None
        self.store = EvidenceStore(
            layout.evidence, self.setting("evidence_max_bytes", DEFAULT_MAX_BYTES)
        )

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path, create: bool = True, actor: str | None = None) -> Any:
        """Open (and with ``create`` make) the workspace in ``folder``."""
        layout = Layout(Path(folder))
        if not layout.database.exists() and not create:
            raise UserFacingError(
                _("No workspace in {folder}. Create one with 'zi init'.").format(folder=folder)
            )
        layout.check_no_links()
        try:
            layout.create()
        except OSError as exc:
            raise UserFacingError(
                _("Cannot create the workspace folder {folder}: {error}").format(
                    folder=folder, error=exc.strerror or exc
                )
            ) from None
        layout.check_writable()
        lock = WorkspaceLock(layout.root)
        lock.acquire()
        try:
            upgrade(layout.database, layout.backups)
            engine = make_engine(layout.database)
            ws = cls(layout, engine, lock, actor or "")
            ws.store.ensure()
            ws.store.clean_incoming()
            ws._sweep_unreferenced_files()
            if not ws.actor:
                ws.actor = ws._default_actor()
        except BaseException:
            lock.release()
            raise
        return ws

    def _sweep_unreferenced_files(self) -> int:
        """Remove stored files the database does not know: left by a crash between storing a
        file and committing its link. Safe here: the lock keeps every other writer out."""
        with self.reading() as s:
            known = set(s.exec(select(StoredFile.sha256)).all())
        orphans = self.store.stored() - known
        for sha in orphans:
            self.store.remove(sha)
        return len(orphans)

    def close(self) -> None:
        self.engine.dispose()
        self._lock.release()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _default_actor(self) -> str:
        profile = self.setting("evaluator", None)
        if isinstance(profile, dict) and profile.get("name"):
            return str(profile["name"])
        try:
            return getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name on some systems
            return "unknown"

    # -- sessions ------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction; commits on success, rolls back on any error."""
        try:
            writer = self.engine.execution_options(zi_begin="IMMEDIATE")
            with Session(writer, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as exc:
            raise classify_db_error(exc) from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except OperationalError as exc:
            raise classify_db_error(exc) from exc

    def audit(self, session: Session, entity: str, old: Any, new: Any) -> None:
        audit.append(session, self.actor, entity, old, new)

    # -- settings ------------------------------------------------------------------------
    def setting(self, key: str, default: Any) -> Any:
        with self.reading() as s:
            row = s.get(Setting, key)
            return default if row is None else json.loads(row.value)

    RESERVED_SETTINGS = ("zero_denominator", "evaluator", "audit_head")

    def set_setting(self, key: str, value: Any) -> None:
        """Set a plain setting; the reserved ones have their own checked services."""
        if key in self.RESERVED_SETTINGS:
            raise ValueError(f"setting {key!r} is set through its own service")
        with self.transaction() as s:
            row = s.get(Setting, key)
            old = None if row is None else json.loads(row.value)
            if old == value:
                return
            row = row or Setting(key=key, value="")
            row.value = json.dumps(value, ensure_ascii=False)
            s.add(row)
            self.audit(s, f"setting/{key}", old, value)

    def policy(self) -> ScoringPolicy:
        """The workspace's scoring policy (zero-denominator values), read once and cached."""
        if self._policy is None:
            raw = self.setting("zero_denominator", {})
            self._policy = ScoringPolicy({k: Fraction(str(v)) for k, v in raw.items()})
        return self._policy

    # -- lookups -------------------------------------------------------------------------
    def _unit(self, s: Session, code: str) -> Unit:
        unit = s.exec(select(Unit).where(Unit.code == code)).first()
        if unit is None:
            raise UserFacingError(
                _("Unknown unit code {code}. See 'zi units' for the codes.").format(code=code)
            )
        return unit

    def assessment_rows(
        self, s: Session, code: str, year: int | None = None
    ) -> tuple[Unit, Assessment, Period]:
        """The rows of a unit's assessment (the latest year unless ``year``), in session ``s``."""
        unit = self._unit(s, code)
        query = (
            select(Assessment, Period)
            .join(Period)
            .where(Assessment.unit_id == unit.id)
            .order_by(Period.year.desc())  # type: ignore[attr-defined]
        )
        if year is not None:
            query = query.where(Period.year == year)
        row = s.exec(query).first()
        if row is None and year is None:
            raise UserFacingError(_("Unit {code} has no assessment yet.").format(code=code))
        if row is None:
            raise UserFacingError(
                _("Unit {code} has no assessment for {year}.").format(code=code, year=year)
            )
        return unit, row[0], row[1]

    def definition(self, lke_version: str) -> Definition:
        return load_definition(lke_version)
