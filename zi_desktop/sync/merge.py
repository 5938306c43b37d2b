"""Merging an incoming assessment into the workspace, record by record (see :func:`decide`).

Which records an incoming assessment speaks about:

* a full package: every record it holds, and every record its signer set here before (one it
  no longer holds was cleared or removed by the signer);
* a delta package: the records it holds and the ones it lists as removed.

Each taken or removed record is written with one audit event; each conflict is kept in
``sync_conflict`` for the coordinator (an open conflict from the same signer is updated rather
than repeated); ``record_source`` remembers who set each record through a package.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, select

from ..storage.constants import TIERS
from ..storage.sync_tables import RecordSource, SyncConflict
from ..storage.tables import Assessment, Period, Unit
from .apply import apply_record
from .collect import assessment_data
from .payload import AssessmentData
from .records import Key, Meta, Source, decide, parse_key, records_of, value_text

Audit = Callable[[str, Any, Any], None]  # (entity, old, new)


@dataclass
class Tally:
    taken: int = 0
    removed: int = 0
    conflicts: int = 0
    unchanged: int = 0


def local_records(s: Session, unit: Unit, a: Assessment, p: Period) -> dict[Key, Any]:
    data = assessment_data(s, unit, a, p, TIERS)
    return {k: v for k, (v, _meta) in records_of(data).items()}


def _order(k: Key) -> tuple[bool, list[Any], int]:
    """Removed evidence links go last, from the highest n down, so the counts stay right."""
    parts = parse_key(k)
    if parts[0] == "evidence":
        return (True, parts[:-1], parts[-1])
    return (False, parts, 0)


def merge(
    s: Session,
    target: tuple[Unit, Assessment, Period],
    incoming: AssessmentData,
    full: bool,
    signer: str,
    package_id: str,
    audit: Audit,
) -> Tally:
    unit, a, p = target
    assert a.id is not None
    local = local_records(s, unit, a, p)
    offered: dict[Key, tuple[Any, Meta] | None] = dict(records_of(incoming))
    sources = {
        r.key: r for r in s.exec(select(RecordSource).where(RecordSource.assessment_id == a.id))
    }
    if full:
        offered.update(
            {k: None for k, r in sources.items() if r.signer == signer and k not in offered}
        )
    else:
        offered.update({k: None for k in incoming.removed if k not in offered})
    tally = Tally()
    removals: list[tuple[Key, Meta, RecordSource | None]] = []
    for k in sorted(offered, key=_order):
        value, meta = offered[k] or (None, Meta("", ""))
        row = sources.get(k)
        source = Source(row.signer, json.loads(row.value)) if row is not None else None
        decision = decide(local.get(k), value, source, signer)
        if decision.action == "conflict":
            _conflict(s, a.id, k, local[k], row, value, signer, meta, package_id)
            tally.conflicts += 1
        elif decision.action == "keep":
            tally.unchanged += 1
            if decision.adopt:
                _set_source(s, a.id, k, row, signer, value, package_id)
        elif decision.action == "remove":
            removals.append((k, meta, row))
        else:
            _apply(s, target, k, local.get(k), value, meta, audit)
            tally.taken += 1
            _set_source(s, a.id, k, row, signer, value, package_id)
    for k, meta, row in sorted(removals, key=lambda r: _order(r[0]), reverse=True):
        _apply(s, target, k, local.get(k), None, meta, audit)
        tally.removed += 1
        if row is not None:
            s.delete(row)
    return tally


def _apply(
    s: Session,
    target: tuple[Unit, Assessment, Period],
    k: Key,
    old: Any,
    value: Any,
    meta: Meta,
    audit: Audit,
) -> None:
    unit, a, p = target
    parts = parse_key(k)
    apply_record(s, a, parts, value, meta)
    s.flush()
    audit("/".join([parts[0], unit.code, str(p.year), *map(str, parts[1:])]), old, value)


def _set_source(
    s: Session,
    assessment_id: int,
    k: Key,
    row: RecordSource | None,
    signer: str,
    value: Any,
    package_id: str,
) -> None:
    row = row or RecordSource(
        assessment_id=assessment_id, key=k, signer="", value="", package_id=""
    )
    row.signer, row.value, row.package_id = signer, value_text(value), package_id
    s.add(row)


def _conflict(
    s: Session,
    assessment_id: int,
    k: Key,
    local: Any,
    source: RecordSource | None,
    incoming: Any,
    signer: str,
    meta: Meta,
    package_id: str,
) -> None:
    open_row = s.exec(
        select(SyncConflict).where(
            SyncConflict.assessment_id == assessment_id,
            SyncConflict.key == k,
            SyncConflict.incoming_signer == signer,
            SyncConflict.resolution == "",
        )
    ).first() or SyncConflict(
        assessment_id=assessment_id,
        key=k,
        local_value="",
        local_source="",
        incoming_value="",
        incoming_signer=signer,
        incoming_by="",
        package_id="",
        created_at="",
    )
    open_row.local_value = value_text(local)
    open_row.local_source = source.signer if source is not None else ""
    open_row.incoming_value, open_row.incoming_by = value_text(incoming), meta.by
    open_row.package_id = package_id
    open_row.created_at = datetime.now(UTC).isoformat(timespec="seconds")
    s.add(open_row)
