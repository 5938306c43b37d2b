"""Plain values of the coordinator's intake: its limits, what a session still needs, uploads."""

from __future__ import annotations

from dataclasses import dataclass

from ..sync.limits import DEFAULT, MiB


@dataclass(frozen=True)
class IntakeLimits:
    """What the intake accepts; every number is checked before the bytes it governs."""

    package_bytes: int = DEFAULT.package_bytes  # one package (an upload session)
    blob_bytes: int = DEFAULT.file_bytes  # one file of a package, as stored
    frame_bytes: int = 16 * MiB  # the frame of a package (headers, manifest, directory)
    sessions_per_key: int = 4  # unfinished sessions one key may hold at once
    session_seconds: int = 3 * 24 * 3600  # an unfinished upload expires after this
    token_seconds: int = 15 * 60
    nonce_seconds: int = 120
    busy_requests: int = 64  # uploads' bodies received at once; more get 503
    read_seconds: float = 60.0  # a request body that stalls this long is cut
    commit_seconds: float = 20.0  # answer "received" when the import takes longer
    retry_after: int = 5  # seconds, sent with 429 and 503


@dataclass(frozen=True)
class Needed:
    """A file a session still needs, and the upload of it that got furthest."""

    sha256: str
    size: int
    upload_id: str | None
    offset: int


@dataclass(frozen=True)
class SessionView:
    """A package at the intake: ``status`` is open, received, imported or refused."""

    session_id: str
    package: str
    status: str
    needed: tuple[Needed, ...] = ()
    receipt: bytes = b""
    reason: str = ""
    detail: str = ""
    expires: str = ""
    held_files: int = 0
    held_bytes: int = 0


@dataclass(frozen=True)
class UploadInfo:
    upload_id: str
    session_id: str
    sha256: str
    size: int
    offset: int
    expires: str
