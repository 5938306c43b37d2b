"""The content-addressed evidence store: each file stored once under its SHA-256.

Files are streamed in chunks (never read whole), hashed while copied into
``evidence/incoming/``, fsynced, then atomically renamed to ``evidence/<ab>/<sha256>`` and the
folders fsynced. A temp file is never taken for a stored one: only names of 64 hex digits in
the fan-out folders count. The original is opened read-only and never modified.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import Cancelled, UserFacingError
from ..formatting import format_size
from ..i18n import _
from ..inputfile import open_input
from .durable import TEMP_SUFFIX, fsync_dir, os_error_message, temp_path
from .filetypes import UnsupportedType, detect_type_of

CHUNK = 1024 * 1024
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")

Progress = Callable[[int, int], None]  # (bytes done, bytes total)
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    mime: str


class EvidenceStore:
    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.incoming = root / "incoming"
        self.max_bytes = max_bytes

    def ensure(self) -> None:
        self.incoming.mkdir(parents=True, exist_ok=True)

    def path_of(self, sha256: str) -> Path:
        if not _HEX64.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def _open(self, source: Path) -> tuple[BinaryIO, int, str]:
        """``source`` opened (a regular file, never a link), with its size and type."""
        handle = open_input(source, limit=2**63, follow_links=False)
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > self.max_bytes:
                raise UserFacingError(
                    _("{name} is {size}; the limit is {limit}.").format(
                        name=source.name, size=format_size(size), limit=format_size(self.max_bytes)
                    )
                )
            mime = detect_type_of(handle, source)
            handle.seek(0)
        except UnsupportedType as kind:
            handle.close()
            raise UserFacingError(
                _(
                    "{name} is not an allowed evidence type ({kind}). Allowed: PDF, JPEG, PNG, "
                    "WebP, HEIC, Office/OpenDocument files, plain text and CSV."
                ).format(name=source.name, kind=kind)
            ) from None
        except OSError as exc:
            handle.close()
            raise UserFacingError(
                _("Cannot read {path}: {error}").format(path=source, error=exc.strerror or exc)
            ) from None
        except BaseException:
            handle.close()
            raise
        return handle, size, mime

    def check(self, source: Path) -> tuple[int, str]:
        """Size and type of a file to be added; a clear error when it cannot be."""
        handle, size, mime = self._open(Path(source))
        handle.close()
        return size, mime

    def add(
        self, source: Path, progress: Progress | None = None, cancel: CancelCheck | None = None
    ) -> StoredBlob:
        """Store ``source`` (if not stored yet) and return its hash, size and type.

        The file is opened once, and checked, hashed and copied through that one handle: what
        is stored is what was checked, even if the path is changed meanwhile. Symbolic links
        are refused (a link to a key file or a system file must never travel as evidence).
        """
        source = Path(source)
        src, size, mime = self._open(source)
        self.ensure()
        tmp = temp_path(self.incoming)
        digest = hashlib.sha256()
        done = 0
        try:
            with src, open(tmp, "xb") as dst:
                while chunk := src.read(CHUNK):
                    if cancel is not None and cancel():
                        raise Cancelled()
                    done += len(chunk)
                    if done > self.max_bytes:
                        raise UserFacingError(
                            _("{name} grew past the size limit while it was read.").format(
                                name=source.name
                            )
                        )
                    digest.update(chunk)
                    dst.write(chunk)
                    if progress is not None:
                        progress(done, size)
                dst.flush()
                os.fsync(dst.fileno())
            sha = digest.hexdigest()
            final = self.path_of(sha)
            if final.is_file() and final.stat().st_size == done:
                tmp.unlink()
            else:
                final.parent.mkdir(exist_ok=True)
                os.replace(tmp, final)
                fsync_dir(final.parent)
                fsync_dir(self.root)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise os_error_message(exc, self.root) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return StoredBlob(sha, done, mime)

    def remove(self, sha256: str) -> None:
        """Delete a stored file (the caller has checked that no link refers to it)."""
        self.path_of(sha256).unlink(missing_ok=True)

    def stored(self) -> set[str]:
        """Hashes of the complete stored files."""
        out: set[str] = set()
        if not self.root.is_dir():
            return out
        for sub in self.root.iterdir():
            if sub.is_dir() and len(sub.name) == 2:
                out.update(p.name for p in sub.iterdir() if _HEX64.match(p.name))
        return out

    def clean_incoming(self) -> int:
        """Remove temp files left by an interrupted add; returns how many."""
        if not self.incoming.is_dir():
            return 0
        removed = 0
        for leftover in self.incoming.iterdir():
            if leftover.name.endswith(TEMP_SUFFIX):
                leftover.unlink(missing_ok=True)
                removed += 1
            elif leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
        return removed

    def verify(self, sha256: str) -> bool:
        """Whether the stored file still hashes to its name."""
        digest = hashlib.sha256()
        with open(self.path_of(sha256), "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha256
