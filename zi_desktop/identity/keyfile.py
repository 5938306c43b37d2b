"""The sealed private key file (``zi-key/1``): the key is never stored in the clear.

A key is sealed under the passphrase with scrypt (n = 2^15, r = 8, p = 1, a fresh 16-byte salt,
a 32-byte key; 32 MiB of memory per attempt) and AES-256-GCM (a fresh 12-byte nonce). The
additional authenticated data is the canonical JSON of every other field of the file, so the
profile, public key and parameters cannot be swapped without the passphrase noticing. The
plaintext is the 32-byte Ed25519 private key seed; after unsealing, the public key derived from
it must equal the one on file. Passphrases are NFC-normalised and encoded as UTF-8.
"""

from __future__ import annotations

import os
import unicodedata
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from . import canonical
from .keys import Signer, b64, key_id, unb64

FORMAT = "zi-key/1"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_N, MAX_N = 2**15, 2**20  # a file asking for more memory than 1 GiB is refused
MAX_FILE_BYTES = 64 * 1024


class WrongPassphrase(ValueError):
    """The passphrase does not open the key file (or the file was altered)."""


class BadKeyFile(ValueError):
    """The key file is not a valid ``zi-key/1`` document."""


def _passphrase_bytes(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(_passphrase_bytes(passphrase))


def seal(private_key: Ed25519PrivateKey, passphrase: str, header: dict[str, Any]) -> bytes:
    """The key file bytes: ``header`` fields (profile, created) plus the sealed key."""
    public = private_key.public_key().public_bytes_raw()
    salt, nonce = os.urandom(16), os.urandom(12)
    doc: dict[str, Any] = {
        **header,
        "format": FORMAT,
        "public_key": b64(public),
        "key_id": key_id(public),
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": b64(salt)},
        "cipher": {"name": "AES-256-GCM", "nonce": b64(nonce)},
    }
    secret = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(secret).encrypt(nonce, private_key.private_bytes_raw(), canonical.dumps(doc))
    doc["ciphertext"] = b64(sealed)
    return canonical.dumps(doc)


def read(data: bytes) -> dict[str, Any]:
    """The parsed, checked key file (without opening the sealed key)."""
    try:
        doc = canonical.loads_canonical(data, MAX_FILE_BYTES, 4)
    except canonical.JsonRejected as bad:
        raise BadKeyFile(bad.problem) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BadKeyFile("not a zi-key/1 file")
    try:
        public = unb64(doc["public_key"], 32)
        if doc["key_id"] != key_id(public):
            raise BadKeyFile("the key id does not match the public key")
        kdf, cipher = doc["kdf"], doc["cipher"]
        n, r, p = kdf["n"], kdf["r"], kdf["p"]
        if kdf["name"] != "scrypt" or cipher["name"] != "AES-256-GCM":
            raise BadKeyFile("unknown key derivation or cipher")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (n, r, p)):
            raise BadKeyFile("scrypt parameters must be integers")
        if not (MIN_N <= n <= MAX_N and n & (n - 1) == 0 and r == 8 and 1 <= p <= 4):
            raise BadKeyFile("scrypt parameters outside the allowed range")
        unb64(kdf["salt"], 16)
        unb64(cipher["nonce"], 12)
        unb64(doc["ciphertext"], 48)
    except (KeyError, TypeError, ValueError) as exc:
        raise BadKeyFile(str(exc)) from None
    return dict(doc)


def _open_seed(data: bytes, passphrase: str) -> tuple[dict[str, Any], Ed25519PrivateKey]:
    doc = read(data)
    kdf, cipher = doc["kdf"], doc["cipher"]
    secret = _derive(passphrase, unb64(kdf["salt"]), kdf["n"], kdf["r"], kdf["p"])
    header = {k: v for k, v in doc.items() if k != "ciphertext"}
    try:
        seed = AESGCM(secret).decrypt(
            unb64(cipher["nonce"]), unb64(doc["ciphertext"]), canonical.dumps(header)
        )
    except InvalidTag:
        raise WrongPassphrase() from None
    key = Ed25519PrivateKey.from_private_bytes(seed)
    del seed
    if key_id(key.public_key().public_bytes_raw()) != doc["key_id"]:
        raise BadKeyFile("the sealed key does not belong to the public key on file")
    return doc, key


def unseal(data: bytes, passphrase: str) -> Signer:
    """Open the key file with the passphrase; the key stays in memory only."""
    return Signer(_open_seed(data, passphrase)[1])


def reseal(data: bytes, passphrase: str, header: dict[str, Any]) -> bytes:
    """The same key sealed again with new ``header`` fields (a changed profile): the
    passphrase must open it, as the header is bound to the sealed key."""
    _doc, key = _open_seed(data, passphrase)
    return seal(key, passphrase, header)
