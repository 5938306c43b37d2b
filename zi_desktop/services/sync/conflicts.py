"""What the coordinator sees after imports: packages per unit, and conflicts to resolve."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from ...errors import UserFacingError
from ...i18n import _
from ...identity.keys import fingerprint
from ...storage import trust_store
from ...storage.sync_tables import PackageIn, RecordSource, SyncConflict
from ...storage.tables import Assessment, Period, Unit
from ...sync.apply import apply_record
from ...sync.records import Meta, parse_key
from ..workspace import Workspace
from .values import ConflictView, ReceivedPackage


def signer_names(s: Session) -> dict[str, str]:
    """Who each trusted key is, by its enrolled card (or the pinned coordinator's name)."""
    names = {}
    pin = trust_store.pinned(s)
    if pin is not None:
        names[pin.key_id] = pin.name
    names.update({row.key_id: row.name for row in trust_store.trusted(s)})
    return names


def received_packages(ws: Workspace, unit: str | None = None) -> list[ReceivedPackage]:
    """Every imported package, newest first; with ``unit``, only those that carried it.

    The sender is named by the card of the key that signed (the name the package claimed is
    never shown); a key no longer trusted keeps the name recorded when it was imported.
    """
    out = []
    with ws.reading() as s:
        names = signer_names(s)
        for row in s.exec(select(PackageIn).order_by(col(PackageIn.id).desc())):
            units = tuple(json.loads(row.units))
            if unit is not None and unit not in units:
                continue
            summary = json.loads(row.summary)
            out.append(
                ReceivedPackage(
                    units,
                    row.kind,
                    row.mode,
                    names.get(row.signer, row.signer_name),
                    fingerprint(row.signer),
                    row.device_id,
                    row.sequence,
                    row.created,
                    row.imported_at,
                    summary.get("taken", 0),
                    summary.get("conflicts", 0),
                )
            )
    return out


def _fp(key_id: str) -> str:
    return fingerprint(key_id) if key_id else ""


def conflicts(ws: Workspace, unit: str | None = None, open_only: bool = True) -> list[ConflictView]:
    query = (
        select(SyncConflict, Unit, Period)
        .join(Assessment, col(Assessment.id) == SyncConflict.assessment_id)
        .join(Unit, col(Unit.id) == Assessment.unit_id)
        .join(Period, col(Period.id) == Assessment.period_id)
        .order_by(col(SyncConflict.id))
    )
    if unit is not None:
        query = query.where(Unit.code == unit)
    if open_only:
        query = query.where(SyncConflict.resolution == "")
    with ws.reading() as s:
        names = signer_names(s)
        return [
            ConflictView(
                c.id or 0,
                u.code,
                p.year,
                tuple(str(x) for x in parse_key(c.key)),
                json.loads(c.local_value),
                _fp(c.local_source),
                json.loads(c.incoming_value),
                _fp(c.incoming_signer),
                names.get(c.incoming_signer, ""),
                c.created_at,
                c.resolution,
                names.get(c.local_source, ""),
            )
            for c, u, p in s.exec(query)
        ]


def resolve_conflict(ws: Workspace, conflict_id: int, keep: str) -> None:
    """Settle a conflict: keep the ``local`` value, or take the ``incoming`` one."""
    if keep not in ("local", "incoming"):
        raise UserFacingError(_("Choose 'local' or 'incoming'."))
    with ws.transaction() as s:
        row = s.get(SyncConflict, conflict_id)
        if row is None or row.resolution:
            raise UserFacingError(_("No open conflict with id {id}.").format(id=conflict_id))
        a = s.get(Assessment, row.assessment_id)
        assert a is not None
        unit, period = s.get(Unit, a.unit_id), s.get(Period, a.period_id)
        assert unit is not None and period is not None and a.id is not None
        parts = parse_key(row.key)
        entity = "/".join([parts[0], unit.code, str(period.year), *map(str, parts[1:])])
        if keep == "incoming":
            value: Any = json.loads(row.incoming_value)
            apply_record(s, a, parts, value, Meta(row.incoming_by, ""))
            source = s.get(RecordSource, (a.id, row.key)) or RecordSource(
                assessment_id=a.id, key=row.key, signer="", value="", package_id=""
            )
            source.signer, source.value = row.incoming_signer, row.incoming_value
            source.package_id = row.package_id
            s.add(source)
            s.flush()
            ws.audit(s, entity, json.loads(row.local_value), value)
            for tier in ("unit", "tpi"):
                ws.rescore(s, unit, a, period, tier)
        row.resolution = keep
        row.resolved_at = datetime.now(UTC).isoformat(timespec="seconds")
        s.add(row)
        ws.audit(s, f"conflict/{conflict_id}", None, {"keep": keep, "record": parts})
