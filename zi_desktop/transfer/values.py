"""Plain values of an upload: its progress, its controls and its result."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserFacingError


@dataclass(frozen=True)
class FileProgress:
    path: str  # in the package, e.g. evidence/<sha256>
    size: int
    confirmed: int  # bytes the intake confirmed holding (fsynced)


@dataclass(frozen=True)
class UploadProgress:
    """What the intake confirmed so far: per package and per file."""

    state: str  # connecting | sending | committing | waiting | done
    total: int  # bytes of the package's files
    confirmed: int
    files: tuple[FileProgress, ...] = ()
    note: str = ""  # why it waits (a retry), already translated


@dataclass
class UploadControl:
    """Set from another thread: pause, cancel, and the rate cap (kilobits per second)."""

    rate_kbps: int = 0  # 0: no cap
    paused: threading.Event = field(default_factory=threading.Event)
    cancelled: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class UploadResult:
    status: str  # imported | received
    receipt_path: Path
    receipt: bytes
    bytes_sent: int
    bytes_skipped: int
    files_sent: int
    files_skipped: int
    package: str  # package hash


class UploadRefused(UserFacingError):
    """The intake refused the package (or its answer could not be trusted): ``code`` says why."""

    def __init__(self, code: str, message: str, detail: str = "") -> None:
        super().__init__(message, details=detail)
        self.code = code
        self.detail = detail


class NetworkUnavailable(UserFacingError):
    """The network did not allow the upload; the journal keeps the progress for a later run."""
