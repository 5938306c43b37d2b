"""Public key cards (``zi-card/1``): how an evaluator's key is enrolled with a coordinator.

A card is canonical JSON holding the person (name, NIP, role, instansi), the public key, its
key id, the creation time and a self-signature: Ed25519 over ``"zi-card/1\\0"`` followed by the
canonical JSON of every other field. The self-signature proves that whoever made the card held
the private key; whether the key is *the evaluator's* is what a person confirms by reading the
fingerprint aloud.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import UserFacingError
from . import canonical
from .keys import CARD_DOMAIN, Signer, b64, fingerprint, key_id, unb64, verify
from .store import Profile, PublicIdentity, check_profile
from .strict import WeakKey, check_public_key

FORMAT = "zi-card/1"
MAX_CARD_BYTES = 16 * 1024
FIELDS = {"format", "name", "nip", "role", "instansi", "public_key", "key_id", "created"}


class BadCard(ValueError):
    """The bytes are not a valid, self-signed ``zi-card/1`` card."""


@dataclass(frozen=True)
class Card:
    profile: Profile
    public_key: bytes
    key_id: str
    created: str
    data: bytes  # the card file's exact bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key_id)


def make_card(identity: PublicIdentity, signer: Signer) -> bytes:
    """The card of ``identity``, self-signed with its unlocked key."""
    if signer.key_id != identity.key_id:
        raise ValueError("the unlocked key is not this identity's key")
    body: dict[str, Any] = {
        "format": FORMAT,
        "name": identity.profile.name,
        "nip": identity.profile.nip,
        "role": identity.profile.role,
        "instansi": identity.profile.instansi,
        "public_key": b64(identity.public_key),
        "key_id": identity.key_id,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    signature = signer.sign(CARD_DOMAIN, canonical.dumps(body))
    return canonical.dumps({**body, "signature": b64(signature)})


def parse_card(data: bytes) -> Card:
    """Read and check a card: canonical form, fields, key id, and the self-signature."""
    try:
        doc = canonical.loads_canonical(data, MAX_CARD_BYTES, 2)
    except canonical.JsonRejected as bad:
        raise BadCard(bad.problem) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BadCard("not a zi-card/1 card")
    if set(doc) != FIELDS | {"signature"}:
        raise BadCard("unexpected or missing fields")
    if not all(isinstance(doc[k], str) for k in FIELDS | {"signature"}):
        raise BadCard("every field of a card is text")
    try:
        public = unb64(doc["public_key"], 32)
        signature = unb64(doc["signature"], 64)
    except ValueError as exc:
        raise BadCard(str(exc)) from None
    if doc["key_id"] != key_id(public):
        raise BadCard("the key id does not match the public key")
    try:
        check_public_key(public)
    except WeakKey as weak:
        raise BadCard(f"the public key is refused: {weak}") from None
    body = {k: v for k, v in doc.items() if k != "signature"}
    if not verify(public, CARD_DOMAIN, canonical.dumps(body), signature):
        raise BadCard("the self-signature does not match")
    profile = Profile(doc["name"], doc["nip"], doc["role"], doc["instansi"])
    try:
        check_profile(profile)
    except UserFacingError as exc:
        raise BadCard(exc.message) from None
    return Card(profile, public, doc["key_id"], doc["created"], data)
