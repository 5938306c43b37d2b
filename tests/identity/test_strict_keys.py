"""Strict Ed25519: small-order and non-canonical keys and signatures are refused everywhere.

A small-order public key with the signature R = that point, S = 0 "verifies" any message in a
plain RFC 8032 verifier (OpenSSL's included, checked below), so such keys must never be
accepted on a card, in the trust store or in a manifest.
"""

from __future__ import annotations

import hashlib

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from zi_desktop.identity import canonical, strict
from zi_desktop.identity.card import BadCard, parse_card
from zi_desktop.identity.keys import CARD_DOMAIN, MANIFEST_DOMAIN, b64, verify

# The eight points of the torsion subgroup, canonically encoded (identity, order 2, 4, 8).
SMALL_ORDER = [
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
]
# The same points (and others) spelled non-canonically: y written as y + p, or x = 0 with the
# sign bit set.
NON_CANONICAL = [
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  # 1 + p (identity)
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  # 0 + p
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",  # 0 + p, sign bit
    "0100000000000000000000000000000000000000000000000000000000000080",  # identity, sign bit
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",  # order 2, sign bit
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  # 2^255 - 1 ≥ p
]


def _forged(point: bytes) -> bytes:
    return point + bytes(32)  # R = the small-order point, S = 0


def test_the_small_order_points_are_what_the_check_computes() -> None:
    for text in SMALL_ORDER:
        assert strict.has_small_order(strict.decode_point(bytes.fromhex(text))), text
    genuine = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    assert not strict.has_small_order(strict.decode_point(genuine))


def test_a_plain_verifier_accepts_a_forgery_that_strict_verification_refuses() -> None:
    """Why the checks exist: OpenSSL alone verifies the forged signature for some points."""
    fooled = 0
    for text in SMALL_ORDER:
        point = bytes.fromhex(text)
        try:
            Ed25519PublicKey.from_public_bytes(point).verify(_forged(point), b"any message")
            fooled += 1
        except InvalidSignature:
            pass
        assert not verify(point, MANIFEST_DOMAIN, b"any message", _forged(point))
    assert fooled >= 1


@pytest.mark.parametrize("text", SMALL_ORDER + NON_CANONICAL)
def test_weak_public_keys_are_refused(text: str) -> None:
    with pytest.raises(strict.WeakKey):
        strict.check_public_key(bytes.fromhex(text))


@pytest.mark.parametrize("text", NON_CANONICAL)
def test_non_canonical_signature_points_are_refused(text: str) -> None:
    with pytest.raises(strict.WeakKey, match="point R"):
        strict.check_signature(bytes.fromhex(text) + bytes(32))


def test_a_signature_whose_scalar_is_not_below_the_group_order_is_refused() -> None:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes_raw()
    good = key.sign(MANIFEST_DOMAIN + b"m")
    assert verify(public, MANIFEST_DOMAIN, b"m", good)
    s = int.from_bytes(good[32:], "little")
    for bad_s in (s + strict.L, strict.L, 2**256 - 1):
        if bad_s >= 2**256:
            continue
        malleated = good[:32] + bad_s.to_bytes(32, "little")
        with pytest.raises(strict.WeakKey, match="scalar"):
            strict.check_signature(malleated)
        assert not verify(public, MANIFEST_DOMAIN, b"m", malleated)


def test_genuine_keys_and_signatures_still_verify() -> None:
    for n in range(50):
        key = Ed25519PrivateKey.generate()
        public = key.public_key().public_bytes_raw()
        message = b"message %d" % n
        assert verify(public, CARD_DOMAIN, message, key.sign(CARD_DOMAIN + message))


def weak_card(point: bytes, name: str = "Penyusup") -> bytes:
    """A card for a small-order key whose 'self-signature' is the forgery."""
    body = {
        "format": "zi-card/1",
        "name": name,
        "nip": "199001012020011001",
        "role": "anggota",
        "instansi": "",
        "public_key": b64(point),
        "key_id": hashlib.sha256(point).hexdigest(),
        "created": "2026-12-01T00:00:00+00:00",
    }
    return canonical.dumps({**body, "signature": b64(_forged(point))})


@pytest.mark.parametrize("text", SMALL_ORDER)
def test_a_card_with_a_small_order_key_is_refused(text: str) -> None:
    with pytest.raises(BadCard, match="refused|self-signature"):
        parse_card(weak_card(bytes.fromhex(text)))
