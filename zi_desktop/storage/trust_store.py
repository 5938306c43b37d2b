"""The workspace's trust store: enrolled evaluator keys and the pinned coordinator key.

A coordinator imports a sync package only when its signer's key was enrolled from a card
(``zi trust add``) after a person compared the fingerprint. An evaluator pins the coordinator's
key on the first assignment package (after seeing its fingerprint) and from then on refuses
assignment packages signed by any other key. Every function works in the caller's session;
what a key *is* (cards, strict checks) is :mod:`zi_desktop.identity`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from .rows import now
from .sync_tables import CoordinatorPin, TrustedKey


@dataclass(frozen=True)
class Enrolment:
    """What is kept of an enrolled card."""

    key_id: str
    public_key: str  # standard base64 of the raw 32 bytes
    name: str
    nip: str
    role: str
    instansi: str
    card: str  # the card's canonical JSON, as enrolled


def _stamp() -> str:
    return now().isoformat(timespec="seconds")


def enrol(s: Session, e: Enrolment) -> bool:
    """Add (or refresh) a key; returns whether the key is new."""
    row = s.get(TrustedKey, e.key_id)
    new = row is None
    row = row or TrustedKey(
        key_id=e.key_id,
        public_key=e.public_key,
        name="",
        nip="",
        role="",
        instansi="",
        card="",
        added_at=_stamp(),
    )
    row.name, row.nip, row.role, row.instansi, row.card = e.name, e.nip, e.role, e.instansi, e.card
    s.add(row)
    return new


def trusted(s: Session) -> list[TrustedKey]:
    return list(s.exec(select(TrustedKey).order_by(col(TrustedKey.name), col(TrustedKey.key_id))))


def find(s: Session, prefix: str) -> list[TrustedKey]:
    """Enrolled keys whose id starts with ``prefix`` (lower-case hex, at least 8 digits)."""
    if len(prefix) < 8:
        return []
    return [k for k in trusted(s) if k.key_id.startswith(prefix)]


def get(s: Session, key_id: str) -> TrustedKey | None:
    return s.get(TrustedKey, key_id)


def remove(s: Session, key_id: str) -> None:
    row = s.get(TrustedKey, key_id)
    if row is not None:
        s.delete(row)


def pinned(s: Session) -> CoordinatorPin | None:
    return s.get(CoordinatorPin, 1)


def pin(s: Session, key_id: str, public_key: str, name: str) -> None:
    """Pin the coordinator's key (only when none is pinned; the caller checks)."""
    if s.get(CoordinatorPin, 1) is not None:
        raise ValueError("a coordinator key is already pinned")
    s.add(CoordinatorPin(id=1, key_id=key_id, public_key=public_key, name=name, pinned_at=_stamp()))
