"""Ed25519 keys: key ids, the fingerprint people read aloud, and domain-separated signatures.

* The **key id** is the SHA-256 (64 hex digits) of the raw 32-byte public key.
* The **fingerprint** is the first 32 hex digits of the key id in upper case, in eight groups
  of four joined by dashes (``3F2A-91C0-…``): 128 bits, read aloud group by group.
* Every signature covers a **domain** tag followed by the message, so that a signature made
  for one kind of document (a card, a package manifest) is never valid for another.
* Verification is strict (:mod:`.strict`): small-order or non-canonical keys and signatures
  are refused before the signature is checked.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..formatting import hex_groups
from .strict import WeakKey, check_public_key, check_signature

CARD_DOMAIN = b"zi-card/1\x00"
MANIFEST_DOMAIN = b"zi-package/1 manifest\x00"
RECEIPT_DOMAIN = b"zi-receipt/1\x00"  # a coordinator's receipt for a package it received
INTAKE_AUTH_DOMAIN = b"zi-intake/1 auth\x00"  # an uploader proving it holds its key
FINGERPRINT_GROUPS = 8
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def key_id(public_key: bytes) -> str:
    """The key id of a raw 32-byte Ed25519 public key."""
    if len(public_key) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return hashlib.sha256(public_key).hexdigest()


def is_key_id(text: str) -> bool:
    return bool(_HEX64.match(text))


def fingerprint(key_id_hex: str) -> str:
    """The readable fingerprint of a key id: ``3F2A-91C0-…`` (8 groups of 4 hex digits)."""
    return hex_groups(key_id_hex, FINGERPRINT_GROUPS * 4, "-")


def normalise_key_ref(text: str) -> str:
    """A key id or fingerprint as typed (any case, dashes or spaces) as lower-case hex."""
    return re.sub(r"[\s\-:]", "", text).lower()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, length: int | None = None) -> bytes:
    """Strict base64 (padding required, no other characters); ``length`` checks the size."""
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not valid base64") from None
    if b64(data) != text:
        raise ValueError("base64 not in canonical form")
    if length is not None and len(data) != length:
        raise ValueError(f"expected {length} bytes, found {len(data)}")
    return data


def verify(public_key: bytes, domain: bytes, message: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is the key's signature of ``domain ‖ message`` (strictly)."""
    if len(signature) != 64 or len(public_key) != 32:
        return False
    try:
        check_public_key(public_key)
        check_signature(signature)
    except WeakKey:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, domain + message)
    except (InvalidSignature, ValueError):
        return False
    return True


class Signer:
    """An unlocked private key. Lives in memory only; never written, logged or pickled."""

    __slots__ = ("_key", "key_id", "public_key")

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        self.public_key = private_key.public_key().public_bytes_raw()
        self.key_id = key_id(self.public_key)

    def sign(self, domain: bytes, message: bytes) -> bytes:
        return self._key.sign(domain + message)

    def __repr__(self) -> str:
        return f"Signer({fingerprint(self.key_id)})"

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("an unlocked key cannot be pickled")
