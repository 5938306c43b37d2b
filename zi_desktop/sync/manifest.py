"""The package manifest (``manifest.json``) and what its signature covers.

The manifest is canonical JSON (see :mod:`zi_desktop.identity.canonical`) describing the
package and listing every other file with its size and SHA-256. ``manifest.sig`` holds the
64-byte Ed25519 signature of ``"zi-package/1 manifest\\0" ‖ manifest bytes``. The package's
own hash — what the next package names as ``previous`` — is the SHA-256 of the manifest bytes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from ..identity import canonical
from ..identity.keys import b64, key_id, unb64
from ..identity.strict import WeakKey, check_public_key
from ..storage.constants import ROLES
from .fields import HEX32, HEX64, Fields, malformed
from .limits import Limits
from .reasons import PackageRefused, Reason

FORMAT = "zi-package/1"
SCHEMA = 2  # the package data schema (unchanged since workspace schema 2)
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
GENESIS = "0" * 64
KINDS, MODES = ("sync", "assignment"), ("full", "delta")
PATH = re.compile(r"^(data/[a-z0-9_-]{1,40}\.json|evidence/[0-9a-f]{64})$")
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
LKE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,80}$")
B64_KEY = re.compile(r"^[A-Za-z0-9+/]{43}=$")
MAX_UNITS = 10_000
_TOP = {
    "format",
    "schema",
    "app",
    "kind",
    "mode",
    "package_id",
    "device_id",
    "signer",
    "sequence",
    "previous",
    "base",
    "recipient",
    "created",
    "lke",
    "units",
    "audit_head",
    "evidence_omitted",
    "files",
}
_FILE = {"path", "size", "sha256", "method", "packed_size", "packed_sha256"}


@dataclass(frozen=True)
class FileEntry:
    path: str
    size: int
    sha256: str
    method: str  # stored | deflate
    packed_size: int
    packed_sha256: str


@dataclass(frozen=True)
class UnitEntry:
    code: str
    year: int
    lke: str
    fingerprint: str | None  # the assessment fingerprint the report prints (full packages)


@dataclass(frozen=True)
class SignerInfo:
    key_id: str
    public_key: bytes
    name: str
    nip: str
    role: str


@dataclass(frozen=True)
class Manifest:
    kind: str
    mode: str
    package_id: str
    device_id: str
    signer: SignerInfo
    sequence: int
    previous: str
    base: int | None
    recipient: str
    created: str
    lke: tuple[str, ...]
    units: tuple[UnitEntry, ...]
    audit_head: tuple[int, str]
    evidence_omitted: tuple[str, ...]
    files: tuple[FileEntry, ...]
    app: str = ""
    schema: int = SCHEMA
    format: str = field(default=FORMAT)

    def file(self, path: str) -> FileEntry | None:
        return next((f for f in self.files if f.path == path), None)


def to_json(m: Manifest) -> dict[str, Any]:
    return {
        "format": m.format,
        "schema": m.schema,
        "app": m.app,
        "kind": m.kind,
        "mode": m.mode,
        "package_id": m.package_id,
        "device_id": m.device_id,
        "signer": {
            "key_id": m.signer.key_id,
            "public_key": b64(m.signer.public_key),
            "name": m.signer.name,
            "nip": m.signer.nip,
            "role": m.signer.role,
        },
        "sequence": m.sequence,
        "previous": m.previous,
        "base": m.base,
        "recipient": m.recipient,
        "created": m.created,
        "lke": list(m.lke),
        "units": [
            {"code": u.code, "year": u.year, "lke": u.lke, "fingerprint": u.fingerprint}
            for u in m.units
        ],
        "audit_head": {"seq": m.audit_head[0], "hash": m.audit_head[1]},
        "evidence_omitted": list(m.evidence_omitted),
        "files": [
            {
                "path": f.path,
                "size": f.size,
                "sha256": f.sha256,
                "method": f.method,
                "packed_size": f.packed_size,
                "packed_sha256": f.packed_sha256,
            }
            for f in m.files
        ],
    }


def encode(m: Manifest) -> bytes:
    return canonical.dumps(to_json(m))


def package_hash(manifest_bytes: bytes) -> str:
    return hashlib.sha256(manifest_bytes).hexdigest()


def parse(data: bytes, limits: Limits) -> Manifest:
    """Check and read manifest bytes (signature not yet checked: see reader)."""
    try:
        doc = canonical.loads_canonical(data, limits.manifest_bytes, limits.json_depth)
    except canonical.JsonRejected as bad:
        raise PackageRefused(Reason(bad.kind), f"{MANIFEST}: {bad.problem}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("format"), str):
        raise malformed(f"{MANIFEST}: no format")
    if doc["format"] != FORMAT:
        raise PackageRefused(Reason.UNSUPPORTED_VERSION, f"format {doc['format'][:40]!r}")
    schema = doc.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        raise PackageRefused(Reason.UNSUPPORTED_VERSION, f"schema {schema}")
    top = Fields(doc, MANIFEST, _TOP)
    manifest = Manifest(
        format=FORMAT,
        schema=top.integer("schema", 2, SCHEMA),
        app=top.text("app", 40),
        kind=top.choice("kind", KINDS),
        mode=top.choice("mode", MODES),
        package_id=top.text("package_id", 32, HEX32),
        device_id=top.text("device_id", 32, HEX32),
        signer=_signer(top.child("signer", {"key_id", "public_key", "name", "nip", "role"})),
        sequence=top.integer("sequence", 1, 2**53),
        previous=top.text("previous", 64, HEX64),
        base=top.opt_integer("base", 1, 2**53),
        recipient=top.text("recipient", 64, HEX64),
        created=top.text("created", 20, STAMP),
        lke=top.texts("lke", 20, LKE_ID),
        units=tuple(_unit(u) for u in top.array("units", MAX_UNITS)),
        audit_head=_head(top.child("audit_head", {"seq", "hash"})),
        evidence_omitted=top.texts("evidence_omitted", limits.entries, HEX64),
        files=tuple(_file(f) for f in top.array("files", limits.entries)),
    )
    paths = [f.path for f in manifest.files]
    if len(set(paths)) != len(paths) or len(set(manifest.units)) != len(manifest.units):
        raise malformed(f"{MANIFEST}: a file or unit is listed twice")
    for unit in manifest.units:  # a sync package names every fingerprint; an assignment none
        if (unit.fingerprint is None) != (manifest.kind == "assignment"):
            raise malformed(
                f"{MANIFEST}: unit {unit.code}: fingerprint must be given for sync only"
            )
    return manifest


def _signer(f: Fields) -> SignerInfo:
    try:
        public = unb64(f.text("public_key", 44, B64_KEY), 32)
    except ValueError as exc:
        raise malformed(f"{MANIFEST}: signer public key: {exc}") from None
    signer = SignerInfo(
        f.text("key_id", 64, HEX64),
        public,
        f.text("name", 200),
        f.text("nip", 18),
        f.choice("role", ROLES),
    )
    if key_id(public) != signer.key_id:
        raise malformed(f"{MANIFEST}: the signer's key id does not match its key")
    try:
        check_public_key(public)
    except WeakKey as weak:
        raise PackageRefused(Reason.BAD_SIGNATURE, f"{MANIFEST}: signer key: {weak}") from None
    return signer


def _unit(raw: Any) -> UnitEntry:
    f = Fields(raw, f"{MANIFEST}.units", {"code", "year", "lke", "fingerprint"})
    return UnitEntry(
        f.text("code", 64),
        f.integer("year", 2000, 2200),
        f.text("lke", 80, LKE_ID),
        f.opt_text("fingerprint", 64, HEX64),
    )


def _head(f: Fields) -> tuple[int, str]:
    return f.integer("seq", 0, 2**53), f.text("hash", 64, HEX64)


def _file(raw: Any) -> FileEntry:
    f = Fields(raw, f"{MANIFEST}.files", _FILE)
    entry = FileEntry(
        f.text("path", 80, PATH),
        f.integer("size", 0, 2**53),
        f.text("sha256", 64, HEX64),
        f.choice("method", ("stored", "deflate")),
        f.integer("packed_size", 0, 2**53),
        f.text("packed_sha256", 64, HEX64),
    )
    if entry.path.startswith("evidence/") and entry.path != f"evidence/{entry.sha256}":
        raise malformed(f"{entry.path}: an evidence file is named by its SHA-256")
    if entry.method == "stored" and (entry.packed_size, entry.packed_sha256) != (
        entry.size,
        entry.sha256,
    ):
        raise malformed(f"{entry.path}: a stored file's packed size and hash are its own")
    return entry
