"""The audit chain: every change appends one hash-chained event (who, when, what, old → new).

``hash = SHA-256(prev_hash ‖ canonical JSON of seq, at, actor, entity, old, new)``; the first
event chains from 64 zeros. The head (last seq and hash) is also kept in the settings table
inside the same transaction, so that removing events from the end is detected as well as
editing, removing, inserting or reordering events anywhere.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, text
from sqlmodel import Session, col, select

from .tables import AuditEvent, Setting

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 text kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    prev_hash: str, seq: int, at: str, actor: str, entity: str, old: str, new: str
) -> str:
    body = canonical(
        {"seq": seq, "at": at, "actor": actor, "entity": entity, "old": old, "new": new}
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _head(session: Session) -> tuple[int, str]:
    row = session.connection().execute(_READ_HEAD, {"key": HEAD_KEY}).first()
    if row is None:
        return 0, GENESIS
    data = json.loads(row[0])
    return int(data["seq"]), str(data["hash"])


# Every change appends one event: the three statements go to the transaction's connection
# directly, past the ORM's unit of work.
_READ_HEAD = text("SELECT value FROM setting WHERE key = :key")
_WRITE_HEAD = text(
    "INSERT INTO setting (key, value) VALUES (:key, :value)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)
_INSERT_EVENT = insert(AuditEvent)


def append(session: Session, actor: str, entity: str, old: Any, new: Any) -> None:
    """Append one event in the caller's transaction."""
    seq, prev = _head(session)
    seq += 1
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    old_text, new_text = canonical(old), canonical(new)
    digest = event_hash(prev, seq, at, actor, entity, old_text, new_text)
    conn = session.connection()
    conn.execute(
        _INSERT_EVENT,
        {
            "seq": seq,
            "at": at,
            "actor": actor,
            "entity": entity,
            "old": old_text,
            "new": new_text,
            "prev_hash": prev,
            "hash": digest,
        },
    )
    conn.execute(_WRITE_HEAD, {"key": HEAD_KEY, "value": canonical({"seq": seq, "hash": digest})})
    loaded = session.identity_map.get(session.identity_key(Setting, HEAD_KEY))
    if loaded is not None:  # a head row read through the ORM earlier is out of date now
        session.expire(loaded)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events: int
    problem: str = ""
    seq: int | None = None


def verify(session: Session) -> ChainReport:
    """Check the whole chain; the first problem found is reported with its sequence number."""
    expected_seq, prev = 1, GENESIS
    count = 0
    for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))):
        count += 1
        if event.seq != expected_seq:
            return ChainReport(False, count, "missing_or_inserted", event.seq)
        if event.prev_hash != prev:
            return ChainReport(False, count, "broken_link", event.seq)
        digest = event_hash(
            prev, event.seq, event.at, event.actor, event.entity, event.old, event.new
        )
        if digest != event.hash:
            return ChainReport(False, count, "edited", event.seq)
        prev, expected_seq = event.hash, expected_seq + 1
    head_seq, head_hash = _head(session)
    if head_seq < expected_seq - 1:  # events after the recorded head were added outside
        return ChainReport(False, count, "missing_or_inserted", head_seq + 1)
    if head_seq != expected_seq - 1 or (head_seq and head_hash != prev):
        return ChainReport(False, count, "truncated", head_seq)
    return ChainReport(True, count)
