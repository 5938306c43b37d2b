"""Strict Ed25519: the keys and signatures a verifier must refuse before it verifies.

RFC 8032 verification as libraries implement it accepts some inputs that no honest signer
produces, and some of them let anyone forge:

* a **small-order public key** (the identity point or one of the other seven torsion points):
  with R set to such a point and S = 0, the verification equation holds for *every* message,
  so a card with such a key would let its holder "sign" anything without a private key;
* a **non-canonical encoding** (the y coordinate written as a number ≥ p, or x = 0 with the
  sign bit set), which makes one key or signature have several spellings;
* a signature whose scalar S is not below the group order L (malleable signatures).

The checks follow libsodium's strict verification: the public key and R must decode to a
point on the curve, be canonically encoded and not of small order, and S < L. They are plain
integer arithmetic on the curve (a few microseconds), done before the signature itself is
checked. Reference: RFC 8032 §5.1.3 (decoding) and §5.1.7 (verification).
"""

from __future__ import annotations

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493  # the prime order of the base point
D = (-121665 * pow(121666, P - 2, P)) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)

Point = tuple[int, int]  # affine (x, y)
IDENTITY: Point = (0, 1)


class WeakKey(ValueError):
    """A public key (or signature point) that strict verification refuses; says why."""


def decode_point(encoded: bytes) -> Point:
    """The point a 32-byte encoding names; :class:`WeakKey` if not canonical or off the curve."""
    if len(encoded) != 32:
        raise WeakKey("a point is 32 bytes")
    number = int.from_bytes(encoded, "little")
    sign, y = number >> 255, number & ((1 << 255) - 1)
    if y >= P:
        raise WeakKey("not canonically encoded (y ≥ p)")
    u, v = (y * y - 1) % P, (D * y * y + 1) % P
    x = (u * pow(v, 3, P) * pow(u * pow(v, 7, P), (P - 5) // 8, P)) % P
    if (v * x * x - u) % P != 0:
        if (v * x * x + u) % P != 0:
            raise WeakKey("not a point of the curve")
        x = (x * SQRT_M1) % P
    if x == 0 and sign:
        raise WeakKey("not canonically encoded (x = 0 with the sign bit set)")
    if x & 1 != sign:
        x = P - x
    return x, y


def has_small_order(point: Point) -> bool:
    """Whether 8·point is the identity (the point lies in the torsion subgroup).

    Three doublings in projective coordinates (X : Y : Z), so no field inversion is needed;
    the identity is X = 0, Y = Z.
    """
    x, y, z = point[0], point[1], 1
    for _ in range(3):  # doubling on −x² + y² = 1 + d·x²·y² ("dbl-2008-hwcd", a = −1)
        b, c, d = (x + y) ** 2 % P, x * x % P, y * y % P
        e = -c % P
        f = (e + d) % P
        j = (f - 2 * z * z) % P
        x, y, z = (b - c - d) * j % P, f * (e - d) % P, f * j % P
    return x == 0 and y == z


def check_public_key(public_key: bytes) -> None:
    """Raise :class:`WeakKey` unless ``public_key`` is a canonical point of large order."""
    if len(public_key) != 32:
        raise WeakKey("an Ed25519 public key is 32 bytes")
    if has_small_order(decode_point(public_key)):
        raise WeakKey("a small-order point, which would verify forged signatures")


def check_signature(signature: bytes) -> None:
    """Raise :class:`WeakKey` unless R is canonical and of large order and S < L."""
    if len(signature) != 64:
        raise WeakKey("an Ed25519 signature is 64 bytes")
    if int.from_bytes(signature[32:], "little") >= L:
        raise WeakKey("the signature's scalar S is not below the group order")
    try:
        r = decode_point(signature[:32])
    except WeakKey as bad:
        raise WeakKey(f"the signature's point R: {bad}") from None
    if has_small_order(r):
        raise WeakKey("the signature's point R has small order")
