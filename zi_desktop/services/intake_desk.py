"""The coordinator's intake desk: upload sessions, what they still need, resumable uploads.

Everything ``zi serve`` does with the workspace goes through :class:`IntakeDesk`, which knows
no HTTP: the intake package (``zi_desktop.intake``) turns requests into these calls. A package
is **offered** by its frame (:mod:`zi_desktop.sync.frame`): the desk writes the frame into
``intake/packages/<session>.zisync`` and checks it with the same reader, trust store and
receiver state as ``zi import`` — structure, signature, trust, recipient, sequence — before it
accepts any file's bytes. It answers with the files it still lacks: those neither in its blob
store nor in the evidence store (a file is needed by the SHA-256 of its stored bytes, so
evidence already imported from any package, unit or evaluator is never sent again). Committing
and importing are in :mod:`.intake_commit`, clean-up in :mod:`.intake_cleanup`.
"""

from __future__ import annotations

import secrets
import shutil
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from ..identity.keys import Signer
from ..storage.intake_files import IntakeFiles
from ..storage.intake_tables import IntakeBlob, IntakeReceipt, IntakeSession, IntakeUpload
from ..storage.sync_tables import PackageIn
from ..sync.frame import Frame, check_covers, regions, write_frame
from ..sync.limits import DEFAULT
from ..sync.manifest import Manifest
from ..sync.reader import PackageReader
from ..sync.reasons import PackageRefused, Reason
from . import intake_reasons as why
from .intake_reasons import IntakeRefused
from .intake_uploads import RunningHashes
from .intake_values import IntakeLimits, Needed, SessionView, UploadInfo
from .sync.trust import receiver_state, workspace_trust
from .workspace import Workspace

UPLOADS_PER_FILE = 4  # uploads of one file in one session kept at once (older ones go)
LIVE = ("open", "received")


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class IntakeDesk:
    """The intake's use cases on an open coordinator workspace (thread-safe)."""

    def __init__(
        self, ws: Workspace, key: Signer, identity_folder: Path | None, limits: IntakeLimits
    ) -> None:
        self.ws, self.key, self.identity_folder, self.limits = ws, key, identity_folder, limits
        self.files = IntakeFiles(ws.layout.root / "intake")
        self.files.ensure()
        self.hashes = RunningHashes()
        self.offer_lock = threading.Lock()  # one session per package, sessions per key
        self.import_lock = threading.Lock()  # one import at a time

    @property
    def coordinator(self) -> str:
        return self.key.key_id

    # -- offering a package ------------------------------------------------------------------
    def offer(self, uploader: str, package: str, frame: Frame) -> SessionView:
        """Open (or find) the session of a package; refuses it before any file is accepted."""
        if frame.size > self.limits.package_bytes:
            raise PackageRefused(Reason.TOO_LARGE, f"package of {frame.size} bytes")
        known = self.status(package)
        if known is not None and known.status != "refused":
            return known
        with self.offer_lock:
            with self.ws.reading() as s:
                open_ = self._live_session(s, package)
                if open_ is not None and not self._expired(open_):
                    return self._view(s, open_)
                self._check_quota(s, uploader)
            session_id = secrets.token_hex(16)
            m = self._check_frame(session_id, package, frame)
            try:
                return self._record(session_id, uploader, package, frame.size, m)
            except BaseException:
                self.files.package_path(session_id).unlink(missing_ok=True)
                raise

    def _check_quota(self, s: Session, uploader: str) -> None:
        mine = s.exec(
            select(IntakeSession).where(
                IntakeSession.uploader == uploader,
                IntakeSession.state == "open",
                col(IntakeSession.expires) >= stamp(utc_now()),
            )
        ).all()
        if len(mine) >= self.limits.sessions_per_key:
            raise IntakeRefused(why.TOO_MANY_SESSIONS, f"{len(mine)} open", self.limits.retry_after)

    def reader(self, session_id: str) -> tuple[PackageReader, Manifest]:
        """The session's package file, opened and checked like ``zi import`` opens one."""
        trusts = workspace_trust(self.ws, ())
        r = PackageReader(self.files.package_path(session_id), DEFAULT)
        try:
            m = r.open(lambda m: trusts.how(m) == "enrolled")
        except BaseException:
            r.__exit__(None, None, None)
            raise
        return r, m

    def _check_frame(self, session_id: str, package: str, frame: Frame) -> Manifest:
        path = self.files.package_path(session_id)
        write_frame(path, frame)
        try:
            r, m = self.reader(session_id)
            with r:
                if r.hash != package:
                    raise PackageRefused(Reason.MALFORMED, "the frame is of another package")
                if m.kind != "sync":
                    raise IntakeRefused(why.NOT_SYNC, m.kind)
                check_covers(frame, regions(m, r.entries))
                for f in m.files:
                    if f.packed_size > self.limits.blob_bytes:
                        raise PackageRefused(Reason.TOO_LARGE, f"{f.path}: {f.packed_size} bytes")
                with self.ws.reading() as s:
                    own = self.key.key_id
                    r.check_receiver(m, receiver_state(s, m, r.hash, own))
            return m
        except BaseException:
            path.unlink(missing_ok=True)
            raise

    def _record(
        self, session_id: str, uploader: str, package: str, size: int, m: Manifest
    ) -> SessionView:
        now = utc_now()
        expires = stamp(now + timedelta(seconds=self.limits.session_seconds))
        with self.ws.transaction() as s:
            row = IntakeSession(
                id=session_id,
                package=package,
                size=size,
                uploader=uploader,
                signer=m.signer.key_id,
                device_id=m.device_id,
                sequence=m.sequence,
                state="open",
                reason="",
                detail="",
                created=stamp(now),
                expires=expires,
            )
            s.add(row)
            s.flush()
            for f in m.files:
                if s.get(IntakeBlob, (session_id, f.packed_sha256)) is None:
                    s.add(
                        IntakeBlob(
                            session_id=session_id, sha256=f.packed_sha256, size=f.packed_size
                        )
                    )
        with self.ws.reading() as s:
            return self._view(s, row)

    # -- what a session holds and lacks ------------------------------------------------------
    def held(self, sha256: str) -> Path | None:
        """Where the intake holds these bytes: its blob store, or the evidence store."""
        for path in (self.files.blob_path(sha256), self.ws.store.path_of(sha256)):
            if path.is_file():
                return path
        return None

    def _live_session(self, s: Session, package: str) -> IntakeSession | None:
        return s.exec(
            select(IntakeSession)
            .where(IntakeSession.package == package, col(IntakeSession.state).in_(LIVE))
            .order_by(col(IntakeSession.created).desc())
        ).first()

    def _uploads(self, s: Session, session_id: str) -> list[IntakeUpload]:
        return list(
            s.exec(
                select(IntakeUpload)
                .where(IntakeUpload.session_id == session_id)
                .order_by(col(IntakeUpload.created))
            )
        )

    def upload_offset(self, up: IntakeUpload) -> int:
        if self.held(up.sha256) is not None:
            return up.size
        return self.files.offset(up.id) or 0

    def _view(self, s: Session, row: IntakeSession) -> SessionView:
        needed: list[Needed] = []
        held_files = held_bytes = 0
        if row.state == "open":
            best: dict[str, tuple[str, int]] = {}
            for up in self._uploads(s, row.id):
                offset = self.files.offset(up.id) or 0
                if up.sha256 not in best or offset >= best[up.sha256][1]:
                    best[up.sha256] = (up.id, offset)
            for blob in s.exec(select(IntakeBlob).where(IntakeBlob.session_id == row.id)):
                if self.held(blob.sha256) is not None:
                    held_files, held_bytes = held_files + 1, held_bytes + blob.size
                    continue
                upload_id, offset = best.get(blob.sha256, (None, 0))
                needed.append(Needed(blob.sha256, blob.size, upload_id, offset))
        receipt = s.get(IntakeReceipt, row.package)
        return SessionView(
            row.id,
            row.package,
            row.state,
            tuple(sorted(needed, key=lambda n: n.sha256)),
            receipt.receipt.encode("utf-8") if receipt and row.state != "refused" else b"",
            row.reason,
            row.detail,
            row.expires,
            held_files,
            held_bytes,
        )

    @staticmethod
    def _expired(row: IntakeSession) -> bool:
        return row.state == "expired" or (row.state == "open" and row.expires < stamp(utc_now()))

    def session(self, session_id: str) -> SessionView:
        with self.ws.reading() as s:
            row = s.get(IntakeSession, session_id)
            if row is None:
                raise IntakeRefused(why.NOT_FOUND, "session")
            if self._expired(row):
                raise IntakeRefused(why.EXPIRED, "session")
            return self._view(s, row)

    def status(self, package: str) -> SessionView | None:
        """The package's state at the intake: imported (with its receipt), received, open,
        refused, or None when it never came. A package imported by hand gets its receipt now."""
        with self.ws.reading() as s:
            row = s.exec(
                select(IntakeSession)
                .where(IntakeSession.package == package, IntakeSession.state != "expired")
                .order_by(col(IntakeSession.created).desc())
            ).first()
            if row is not None and self._expired(row):
                row = None
            if row is not None and (row.state != "refused" or not self._imported(s, package)):
                return self._view(s, row)
            imported = self._imported(s, package)
        if not imported:
            return None
        from .intake_commit import receipt_for_imported

        data = receipt_for_imported(self, package)
        return SessionView("", package, "imported", receipt=data)

    @staticmethod
    def _imported(s: Session, package: str) -> bool:
        found = s.exec(select(PackageIn).where(PackageIn.manifest_sha256 == package)).first()
        return found is not None

    # -- uploads -----------------------------------------------------------------------------
    def create_upload(self, session_id: str, sha256: str, length: int) -> UploadInfo:
        """A new resumable upload of one file the session needs (tus creation)."""
        with self.ws.reading() as s:
            row = s.get(IntakeSession, session_id)
            if row is None or self._expired(row) or row.state != "open":
                code = why.NOT_FOUND if row is None or not self._expired(row) else why.EXPIRED
                raise IntakeRefused(code, "session")
            blob = s.get(IntakeBlob, (session_id, sha256))
            if blob is None:
                raise IntakeRefused(why.NOT_FOUND, f"the session needs no file {sha256[:16]}…")
            if blob.size != length:
                raise IntakeRefused(why.BAD_REQUEST, f"Upload-Length {length}, file {blob.size}")
            if length > self.limits.blob_bytes:
                raise PackageRefused(Reason.TOO_LARGE, f"a file of {length} bytes")
            older = [u for u in self._uploads(s, session_id) if u.sha256 == sha256]
        upload_id = secrets.token_hex(16)
        self.files.create_upload(upload_id)
        with self.ws.transaction() as s:
            s.add(
                IntakeUpload(
                    id=upload_id,
                    session_id=session_id,
                    sha256=sha256,
                    size=length,
                    created=stamp(utc_now()),
                )
            )
            for old in older[: max(0, len(older) - UPLOADS_PER_FILE + 1)]:
                s.delete(s.get(IntakeUpload, old.id))
        for old in older[: max(0, len(older) - UPLOADS_PER_FILE + 1)]:
            self.files.remove_upload(old.id)
        return self.upload(upload_id)

    def upload(self, upload_id: str) -> UploadInfo:
        with self.ws.reading() as s:
            up = s.get(IntakeUpload, upload_id)
            row = s.get(IntakeSession, up.session_id) if up is not None else None
            if up is None or row is None:
                raise IntakeRefused(why.NOT_FOUND, "upload")
            if self._expired(row):
                raise IntakeRefused(why.EXPIRED, "upload")
            return UploadInfo(
                up.id, up.session_id, up.sha256, up.size, self.upload_offset(up), row.expires
            )

    def delete_upload(self, upload_id: str) -> None:
        """tus termination: forget an upload and its bytes."""
        self.upload(upload_id)
        with self.ws.transaction() as s:
            row = s.get(IntakeUpload, upload_id)
            if row is not None:
                s.delete(row)
        self.files.remove_upload(upload_id)
        self.hashes.forget(upload_id)

    def complete(self, upload_id: str, sha256: str, actual: str) -> None:
        """The upload reached its length: keep it as a blob, or drop it when its hash is wrong."""
        self.hashes.forget(upload_id)
        if actual != sha256:
            with self.ws.transaction() as s:
                row = s.get(IntakeUpload, upload_id)
                if row is not None:
                    s.delete(row)
            self.files.remove_upload(upload_id)
            raise PackageRefused(
                Reason.HASH_MISMATCH, f"file {sha256[:16]}… arrived as {actual[:16]}…"
            )
        self.files.keep_blob(upload_id, sha256)

    def remove_session_files(self, session_id: str) -> None:
        self.files.package_path(session_id).unlink(missing_ok=True)
        shutil.rmtree(self.files.packages / f"{session_id}.stage", ignore_errors=True)
