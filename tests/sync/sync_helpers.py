"""Shared by the sync tests: people with keys, workspaces, package surgery, tree snapshots."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_desktop.identity import canonical
from zi_desktop.identity.keys import MANIFEST_DOMAIN, Signer
from zi_desktop.services import identity as idsvc
from zi_desktop.services.workspace import Workspace
from zi_desktop.sync import zipfmt
from zi_desktop.sync.zipwrite import ZipWriter
from zi_desktop.values.views import EvaluatorProfile

PASSPHRASE = "kata sandi rahasia"


@dataclass(frozen=True)
class Person:
    name: str
    folder: Path  # identity folder
    card: Path
    signer: Signer

    @property
    def key_id(self) -> str:
        return self.signer.key_id


@dataclass(frozen=True)
class People:
    dewi: Person  # evaluator
    agus: Person  # a second evaluator
    koor: Person  # the coordinator
    stranger: Person  # a key nobody enrolled


def make_person(root: Path, tag: str, name: str, nip: str, role: str) -> Person:
    folder = root / f"id-{tag}"
    idsvc.create_identity(EvaluatorProfile(name, nip, role), PASSPHRASE, folder)
    card = root / f"{tag}.card"
    idsvc.export_card(card, PASSPHRASE, folder)
    return Person(name, folder, card, idsvc.signer(PASSPHRASE, folder))


def new_device_id(ws: Workspace, device: str) -> None:
    """Give a copied workspace its own device id (a copy shares its template's)."""
    conn = sqlite3.connect(ws.layout.database)
    try:
        conn.execute("UPDATE sync_device SET device_id = ?", (device,))
        conn.commit()
    finally:
        conn.close()


def copy_workspace(template: Path, folder: Path, device: str) -> Workspace:
    shutil.copytree(template, folder)
    ws: Workspace = Workspace.open(folder, create=False)
    new_device_id(ws, device)
    return ws


def snapshot(root: Path) -> dict[str, tuple[int, str]]:
    """Every file and folder under ``root`` with its size and SHA-256.

    The SQLite shared-memory index (``-shm``) is left out: readers update it.
    """
    out: dict[str, tuple[int, str]] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_dir():
            out[rel] = (-1, "dir")
        elif not path.name.endswith("-shm"):
            data = path.read_bytes()
            out[rel] = (len(data), hashlib.sha256(data).hexdigest())
    return out


def db_dump(ws: Workspace) -> str:
    conn = sqlite3.connect(f"file:{ws.layout.database}?mode=ro", uri=True)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


# -- reading and rebuilding packages ----------------------------------------------------------


def read_parts(data: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(manifest as a dict, {name: content}) of a package, read with the standard library."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        files = {n: z.read(n) for n in z.namelist()}
    manifest = canonical.loads(files.pop("manifest.json"), 10**7, 50)
    files.pop("manifest.sig")
    return manifest, files


def file_entry(path: str, content: bytes, deflate: bool) -> dict[str, Any]:
    sha = hashlib.sha256(content).hexdigest()
    if not deflate:
        return {
            "path": path,
            "size": len(content),
            "sha256": sha,
            "method": "stored",
            "packed_size": len(content),
            "packed_sha256": sha,
        }
    packed = _deflate(content)
    packed_sha = hashlib.sha256(packed).hexdigest()
    return {
        "path": path,
        "size": len(content),
        "sha256": sha,
        "method": "deflate",
        "packed_size": len(packed),
        "packed_sha256": packed_sha,
    }


def _deflate(data: bytes) -> bytes:
    squeezer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return squeezer.compress(data) + squeezer.flush()


@dataclass
class Kit:
    """A valid package taken apart, to be changed and put back together (and re-signed)."""

    manifest: dict[str, Any]
    files: dict[str, bytes]
    signer: Signer
    extra: list[tuple[str, bytes]] = field(default_factory=list)

    def relist(self) -> None:
        """List every file as it now is (sizes and hashes recomputed)."""
        self.manifest["files"] = [
            file_entry(p, c, p.startswith("data/")) for p, c in sorted(self.files.items())
        ]

    def manifest_bytes(self) -> bytes:
        return canonical.dumps(self.manifest)

    def build(self, manifest_bytes: bytes | None = None, signature: bytes | None = None) -> bytes:
        mbytes = self.manifest_bytes() if manifest_bytes is None else manifest_bytes
        sig = self.signer.sign(MANIFEST_DOMAIN, mbytes) if signature is None else signature
        out = io.BytesIO()
        zw = ZipWriter(out)
        for path, content in sorted(self.files.items()):
            zw.add_bytes(path, content, deflate=path.startswith("data/"))
        for name, content in self.extra:
            zw.add_bytes(name, content, deflate=False)
        zw.add_bytes("manifest.json", mbytes, deflate=False)
        zw.add_bytes("manifest.sig", sig, deflate=False)
        zw.close()
        return out.getvalue()


def kit_of(data: bytes, signer: Signer) -> Kit:
    manifest, files = read_parts(data)
    return Kit(manifest, files, signer)


# -- a raw ZIP writer that writes whatever it is told ----------------------------------------


@dataclass
class Raw:
    name: bytes
    data: bytes  # as stored (already compressed for method 8)
    method: int = 0
    usize: int | None = None
    crc: int | None = None
    flags: int = 0
    attributes: int = zipfmt.FILE_ATTRIBUTES
    time: int = zipfmt.DOS_TIME
    offset: int | None = None  # where the central directory says the local header is


def raw_zip(entries: list[Raw], prefix: bytes = b"", suffix: bytes = b"") -> bytes:
    out = bytearray(prefix)
    central = bytearray()
    for e in entries:
        usize = len(e.data) if e.usize is None else e.usize
        crc = zlib.crc32(e.data) if e.crc is None else e.crc
        here = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH",
            zipfmt.LOCAL_SIG,
            20,
            e.flags,
            e.method,
            e.time,
            zipfmt.DOS_DATE,
            crc,
            len(e.data),
            usize,
            len(e.name),
            0,
        )
        out += e.name + e.data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            zipfmt.CENTRAL_SIG,
            (3 << 8) | 20,
            20,
            e.flags,
            e.method,
            e.time,
            zipfmt.DOS_DATE,
            crc,
            len(e.data),
            usize,
            len(e.name),
            0,
            0,
            0,
            0,
            e.attributes,
            here if e.offset is None else e.offset,
        )
        central += e.name
    start = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", zipfmt.END_SIG, 0, 0, len(entries), len(entries), len(central), start, 0
    )
    return bytes(out + suffix)


def raw_package(kit: Kit, change: Any = None) -> list[Raw]:
    """The kit's entries as :class:`Raw` records (canonical), signed, for low-level surgery."""
    mbytes = kit.manifest_bytes()
    sig = kit.signer.sign(MANIFEST_DOMAIN, mbytes)
    entries = []
    for path, content in sorted(kit.files.items()):
        if path.startswith("data/"):
            entries.append(
                Raw(path.encode(), _deflate(content), 8, len(content), zlib.crc32(content))
            )
        else:
            entries.append(Raw(path.encode(), content))
    entries += [Raw(b"manifest.json", mbytes), Raw(b"manifest.sig", sig)]
    return entries
