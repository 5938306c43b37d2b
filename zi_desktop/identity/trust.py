"""The workspace's trust store: enrolled evaluator keys and the pinned coordinator key.

A coordinator imports a sync package only when its signer's key was enrolled from a card
(``zi trust add``) after a person compared the fingerprint. An evaluator pins the coordinator's
key on the first assignment package (after seeing its fingerprint) and from then on refuses
assignment packages signed by any other key. Every function works in the caller's session.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from ..storage.sync_tables import CoordinatorPin, TrustedKey
from .card import Card
from .keys import b64, normalise_key_ref, unb64
from .strict import WeakKey, check_public_key


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def enrol(s: Session, card: Card) -> bool:
    """Add (or refresh) a card's key; returns whether the key is new."""
    row = s.get(TrustedKey, card.key_id)
    new = row is None
    row = row or TrustedKey(
        key_id=card.key_id, public_key=b64(card.public_key), name="", nip="", role="",
        instansi="", card="", added_at=_now(),
    )  # fmt: skip
    row.name, row.nip, row.role = card.profile.name, card.profile.nip, card.profile.role
    row.instansi, row.card = card.profile.instansi, card.data.decode("utf-8")
    s.add(row)
    return new


def is_weak(public_key_b64: str) -> bool:
    """Whether a stored key is one strict verification refuses (enrolled by an older version).

    Such a key is never trusted: a small-order key would verify forged signatures.
    """
    try:
        check_public_key(unb64(public_key_b64, 32))
    except (WeakKey, ValueError):
        return True
    return False


def trusted(s: Session) -> list[TrustedKey]:
    return list(s.exec(select(TrustedKey).order_by(col(TrustedKey.name), col(TrustedKey.key_id))))


def find(s: Session, ref: str) -> list[TrustedKey]:
    """Enrolled keys whose id starts with ``ref`` (a key id or fingerprint, any spelling)."""
    prefix = normalise_key_ref(ref)
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


def pin(s: Session, key_id: str, public_key: bytes, name: str) -> None:
    """Pin the coordinator's key (only when none is pinned; the caller checks)."""
    if s.get(CoordinatorPin, 1) is not None:
        raise ValueError("a coordinator key is already pinned")
    s.add(
        CoordinatorPin(id=1, key_id=key_id, public_key=b64(public_key), name=name, pinned_at=_now())
    )
