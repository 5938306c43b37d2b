"""The coordinator's receipt for a package it received (``zi-receipt/1``).

A receipt is canonical JSON signed with the coordinator's Ed25519 key: the signature covers
``"zi-receipt/1" ‖ 0x00 ‖`` the canonical JSON of every other field, so it can never pass for
a package, a card or a login. It names the coordinator (key id and public key, whose SHA-256
must be the key id), the package (its hash, size, id, signer, device and sequence, units),
what happened (``result``: ``imported`` — merged into the coordinator's workspace, with the
counts of records taken, removed, kept as conflicts and unchanged — or ``received`` — every
file arrived and matched the signed manifest, the import is pending), how many files and
bytes the package holds, and when. :func:`parse_receipt` checks all of it except *whose* key
signed: the caller compares the key id with the coordinator it expects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..identity import canonical
from ..identity.keys import RECEIPT_DOMAIN, Signer, b64, key_id, unb64, verify

FORMAT = "zi-receipt/1"
RESULTS = ("imported", "received")
MAX_RECEIPT_BYTES = 1024 * 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
_COUNTS = ("taken", "removed", "conflicts", "unchanged")
_FIELDS = {
    "format",
    "coordinator",
    "coordinator_key",
    "package",
    "package_size",
    "package_id",
    "signer",
    "device_id",
    "sequence",
    "units",
    "result",
    "counts",
    "files",
    "bytes",
    "time",
}


class BadReceipt(ValueError):
    """Not a valid, correctly signed ``zi-receipt/1`` document."""


@dataclass(frozen=True)
class Receipt:
    coordinator: str  # key id
    coordinator_key: bytes
    package: str  # package hash
    package_size: int
    package_id: str
    signer: str  # key id of the package's signer
    device_id: str
    sequence: int
    units: tuple[str, ...]
    result: str  # imported | received
    counts: dict[str, int]
    files: int
    file_bytes: int  # the files' stored bytes, in all
    time: str
    data: bytes = b""  # the signed document, exactly


def _body(r: Receipt) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "coordinator": r.coordinator,
        "coordinator_key": b64(r.coordinator_key),
        "package": r.package,
        "package_size": r.package_size,
        "package_id": r.package_id,
        "signer": r.signer,
        "device_id": r.device_id,
        "sequence": r.sequence,
        "units": list(r.units),
        "result": r.result,
        "counts": dict(r.counts),
        "files": r.files,
        "bytes": r.file_bytes,
        "time": r.time,
    }


def stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sign_receipt(r: Receipt, key: Signer) -> bytes:
    """The signed document of ``r`` (its coordinator fields are the key's)."""
    if key.key_id != r.coordinator or key.public_key != r.coordinator_key:
        raise ValueError("a receipt is signed by the coordinator it names")
    body = _body(r)
    signature = key.sign(RECEIPT_DOMAIN, canonical.dumps(body))
    return canonical.dumps({**body, "signature": b64(signature)})


def _int(doc: dict[str, Any], name: str) -> int:
    value = doc[name]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**53:
        raise BadReceipt(f"{name} must be a whole number")
    return value


def _text(doc: dict[str, Any], name: str, pattern: re.Pattern[str] | None = None) -> str:
    value = doc[name]
    if not isinstance(value, str) or (pattern is not None and not pattern.match(value)):
        raise BadReceipt(f"{name} has the wrong form")
    return value


def parse_receipt(data: bytes) -> Receipt:
    """Read and check a receipt: canonical form, fields, key id and signature."""
    try:
        doc = canonical.loads_canonical(data, MAX_RECEIPT_BYTES, 3)
    except canonical.JsonRejected as bad:
        raise BadReceipt(bad.problem) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BadReceipt("not a zi-receipt/1 document")
    if set(doc) != _FIELDS | {"signature"}:
        raise BadReceipt("unexpected or missing fields")
    try:
        public = unb64(_text(doc, "coordinator_key"), 32)
        signature = unb64(_text(doc, "signature"), 64)
    except ValueError as exc:
        raise BadReceipt(str(exc)) from None
    counts, units = doc["counts"], doc["units"]
    if not isinstance(counts, dict) or set(counts) != set(_COUNTS):
        raise BadReceipt("counts has the wrong fields")
    if not isinstance(units, list) or not all(isinstance(u, str) for u in units):
        raise BadReceipt("units must be a list of unit codes")
    receipt = Receipt(
        coordinator=_text(doc, "coordinator", _HEX64),
        coordinator_key=public,
        package=_text(doc, "package", _HEX64),
        package_size=_int(doc, "package_size"),
        package_id=_text(doc, "package_id", _HEX32),
        signer=_text(doc, "signer", _HEX64),
        device_id=_text(doc, "device_id", _HEX32),
        sequence=_int(doc, "sequence"),
        units=tuple(units),
        result=_text(doc, "result"),
        counts={k: _int(counts, k) for k in _COUNTS},
        files=_int(doc, "files"),
        file_bytes=_int(doc, "bytes"),
        time=_text(doc, "time", _STAMP),
        data=data,
    )
    if receipt.result not in RESULTS:
        raise BadReceipt(f"unknown result {receipt.result!r}")
    if key_id(public) != receipt.coordinator:
        raise BadReceipt("the coordinator's key id does not match its key")
    body = {k: v for k, v in doc.items() if k != "signature"}
    if not verify(public, RECEIPT_DOMAIN, canonical.dumps(body), signature):
        raise BadReceipt("the signature does not match")
    return receipt
