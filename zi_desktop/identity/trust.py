"""Trusting keys: what of a card is enrolled, and which stored keys can never be trusted.

The rows themselves are kept by :mod:`zi_desktop.storage.trust_store`; this module says what a
key means (cards, strict checks), so that the store needs no cryptography.
"""

from __future__ import annotations

from ..storage.trust_store import Enrolment
from .card import Card
from .keys import b64, normalise_key_ref, unb64
from .strict import WeakKey, check_public_key


def enrolment(card: Card) -> Enrolment:
    """What the trust store keeps of a checked card."""
    p = card.profile
    return Enrolment(
        card.key_id,
        b64(card.public_key),
        p.name,
        p.nip,
        p.role,
        p.instansi,
        card.data.decode("utf-8"),
    )


def key_prefix(ref: str) -> str:
    """A key id or fingerprint as typed, as the lower-case hex prefix the store looks up."""
    return normalise_key_ref(ref)


def is_weak(public_key_b64: str) -> bool:
    """Whether a stored key is one strict verification refuses (enrolled by an older version).

    Such a key is never trusted: a small-order key would verify forged signatures.
    """
    try:
        check_public_key(unb64(public_key_b64, 32))
    except (WeakKey, ValueError):
        return True
    return False
