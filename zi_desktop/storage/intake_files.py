"""The coordinator's intake folder ``intake/`` in the workspace: uploads, blobs, packages.

* ``uploads/<id>`` — a resumable upload in progress. Its size is its offset: bytes are
  checked, appended and fsynced before an offset that includes them is given out, and what
  fails a check never stays, so after a crash the file holds what was confirmed, perhaps with
  checked pieces whose confirmation never reached the client (it asks for the offset again).
* ``blobs/<ab>/<sha256>`` — a complete file whose SHA-256 was checked, stored once however many
  packages, units or evaluators share it; moved there by an atomic rename, both folders fsynced.
* ``packages/<session>.zisync`` — a package being put together: its frame (headers, manifest,
  signature, directory) written at once, each file's bytes copied into place before import.

Files only; which upload belongs to which session and package is in the ``intake_*`` tables.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .durable import fsync_dir

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"^[0-9a-f]{32}$")


class IntakeFiles:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.uploads = root / "uploads"
        self.blobs = root / "blobs"
        self.packages = root / "packages"

    def ensure(self) -> None:
        for folder in (self.uploads, self.blobs, self.packages):
            folder.mkdir(parents=True, exist_ok=True)

    # -- uploads -----------------------------------------------------------------------------
    def upload_path(self, upload_id: str) -> Path:
        if not _ID.match(upload_id):
            raise ValueError(f"not an upload id: {upload_id!r}")
        return self.uploads / upload_id

    def create_upload(self, upload_id: str) -> None:
        """An empty upload file, durably created."""
        fd = os.open(self.upload_path(upload_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        fsync_dir(self.uploads)

    def offset(self, upload_id: str) -> int | None:
        """The upload's size on disk, or None when it does not exist."""
        try:
            return self.upload_path(upload_id).stat().st_size
        except FileNotFoundError:
            return None

    def remove_upload(self, upload_id: str) -> None:
        self.upload_path(upload_id).unlink(missing_ok=True)

    def sync_uploads(self) -> None:
        """fsync every upload: offsets given out from now on are of durable bytes."""
        for upload_id in self.upload_ids():
            fd = os.open(self.upload_path(upload_id), os.O_RDONLY | getattr(os, "O_BINARY", 0))
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def upload_ids(self) -> set[str]:
        if not self.uploads.is_dir():
            return set()
        return {p.name for p in self.uploads.iterdir() if _ID.match(p.name)}

    # -- blobs -------------------------------------------------------------------------------
    def blob_path(self, sha256: str) -> Path:
        if not _HEX64.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.blobs / sha256[:2] / sha256

    def has_blob(self, sha256: str) -> bool:
        return self.blob_path(sha256).is_file()

    def keep_blob(self, upload_id: str, sha256: str) -> None:
        """Move a complete, checked upload into the blob store (or drop it: already there)."""
        source, final = self.upload_path(upload_id), self.blob_path(sha256)
        if final.is_file():
            source.unlink(missing_ok=True)
            return
        final.parent.mkdir(exist_ok=True)
        os.replace(source, final)
        fsync_dir(final.parent)
        fsync_dir(self.uploads)

    def remove_blob(self, sha256: str) -> None:
        self.blob_path(sha256).unlink(missing_ok=True)

    def blob_names(self) -> set[str]:
        out: set[str] = set()
        if not self.blobs.is_dir():
            return out
        for sub in self.blobs.iterdir():
            if sub.is_dir() and len(sub.name) == 2:
                out.update(p.name for p in sub.iterdir() if _HEX64.match(p.name))
        return out

    # -- packages ----------------------------------------------------------------------------
    def package_path(self, session_id: str) -> Path:
        if not _ID.match(session_id):
            raise ValueError(f"not a session id: {session_id!r}")
        return self.packages / f"{session_id}.zisync"

    def package_names(self) -> set[str]:
        if not self.packages.is_dir():
            return set()
        return {p.name.removesuffix(".zisync") for p in self.packages.glob("*.zisync")}
