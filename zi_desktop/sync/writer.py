"""Writing a signed package: data files, evidence streamed from the store, manifest, signature.

The entries are written in this order: ``data/*.json``, ``evidence/<sha256>`` (both sorted by
name), ``manifest.json``, ``manifest.sig``; the manifest is built from what was actually
written, so a stored evidence file whose bytes no longer match its name stops the export.
Data files and text-like evidence are deflated; media that is already compressed (images, PDF,
Office/OpenDocument) is stored.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from ..errors import UserFacingError
from ..i18n import _
from ..identity.keys import MANIFEST_DOMAIN, Signer
from .manifest import MANIFEST, SIGNATURE, FileEntry, Manifest, encode, package_hash
from .zipwrite import ZipWriter

CHUNK = 1024 * 1024
DEFLATE_TYPES = ("text/plain", "text/csv", "application/x-ole-storage")


@dataclass(frozen=True)
class EvidenceSource:
    sha256: str
    path: Path
    size: int
    mime: str


@dataclass(frozen=True)
class Written:
    manifest: Manifest
    manifest_bytes: bytes
    hash: str  # SHA-256 of the manifest bytes: the package's hash


def _chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def write_package(
    out: BinaryIO,
    draft: Manifest,
    data_files: dict[str, bytes],
    evidence: list[EvidenceSource],
    signer: Signer,
    tick: Callable[[int], None] | None = None,
) -> Written:
    """Write the package to ``out`` (seekable, empty); ``draft`` lacks only ``files``."""
    if signer.key_id != draft.signer.key_id:
        raise ValueError("the draft names another signer")
    zw = ZipWriter(out)
    files: list[FileEntry] = []
    for path in sorted(data_files):
        w = zw.add_bytes(path, data_files[path], deflate=True)
        files.append(FileEntry(path, w.size, w.sha256, w.method, w.packed_size, w.packed_sha256))
    for source in sorted(evidence, key=lambda e: e.sha256):
        name = f"evidence/{source.sha256}"
        w = zw.add(name, _chunks(source.path), source.size, source.mime in DEFLATE_TYPES, tick)
        if w.sha256 != source.sha256:
            raise UserFacingError(
                _(
                    "The stored evidence file {sha} is damaged (its content no longer matches "
                    "its name); nothing was exported. Restore the workspace from a backup."
                ).format(sha=source.sha256)
            )
        files.append(FileEntry(name, w.size, w.sha256, w.method, w.packed_size, w.packed_sha256))
    manifest = replace(draft, files=tuple(files))
    manifest_bytes = encode(manifest)
    zw.add_bytes(MANIFEST, manifest_bytes, deflate=False)
    zw.add_bytes(SIGNATURE, signer.sign(MANIFEST_DOMAIN, manifest_bytes), deflate=False)
    zw.close()
    out.flush()
    os.fsync(out.fileno())
    return Written(manifest, manifest_bytes, package_hash(manifest_bytes))
