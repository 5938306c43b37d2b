"""Appending a request body to a resumable upload, durably and checked piece by piece.

The upload's file size is its confirmed offset. :class:`Appender` writes a body's bytes at
that offset and checks them as they arrive:

* with **piece checksums** (the SHA-256 of every piece of ``piece_size`` bytes of the body),
  each piece is held in memory until it is whole and checked, and only then written; a piece
  that does not match stops the request, while the pieces before it stay;
* with a **body checksum** (tus ``Upload-Checksum: sha256``), the whole body is checked at its
  end, and nothing of it stays when it does not match or does not arrive whole;
* without either, every byte that arrived stays (tus core: keep as much as possible).

Whatever stays is fsynced before the new offset is given out; when the offset reaches the
upload's length the whole file's SHA-256 is compared with its name. A running SHA-256 of each
upload is kept in memory between requests, so a file is read again only after a restart.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import intake_reasons as why
from .intake_reasons import IntakeRefused

CHUNK = 1024 * 1024
EARLY_SYNC = 4 * 1024 * 1024  # start writing back this many appended bytes while more arrive


@dataclass(frozen=True)
class Checks:
    body_sha256: bytes | None = None  # tus Upload-Checksum (sha256) of the whole body
    piece_size: int = 0  # Zi-Pieces: the body in pieces of this size…
    pieces: tuple[bytes, ...] = ()  # …and the SHA-256 of each


class RunningHashes:
    """Per upload: the SHA-256 of its first ``offset`` bytes, if this process saw them all."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[int, Any]] = {}
        self._lock = threading.Lock()

    def take(self, upload_id: str, offset: int) -> Any | None:
        with self._lock:
            found = self._known.pop(upload_id, None)
        return found[1] if found is not None and found[0] == offset else None

    def put(self, upload_id: str, offset: int, digest: Any) -> None:
        with self._lock:
            self._known[upload_id] = (offset, digest)

    def forget(self, upload_id: str) -> None:
        with self._lock:
            self._known.pop(upload_id, None)


def file_sha256(path: Path, length: int | None = None) -> Any:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        left = length
        while left is None or left > 0:
            chunk = handle.read(CHUNK if left is None else min(CHUNK, left))
            if not chunk:
                break
            digest.update(chunk)
            if left is not None:
                left -= len(chunk)
    return digest


class Appender:
    """One request body being appended at ``start``; see the module docstring.

    With piece checksums, a piece is held in memory until its last byte arrived; a worker
    thread then checks it, writes it and adds it to the running hash, while the request's next
    piece arrives (so hashing and receiving use both cores). The file never holds a piece that
    did not match. Without piece checksums, bytes are written as they arrive.
    """

    def __init__(
        self, path: Path, start: int, length: int, checks: Checks, whole: Any, body_length: int
    ) -> None:
        if checks.pieces and checks.piece_size <= 0:
            raise IntakeRefused(why.BAD_REQUEST, "piece checksums without a piece size")
        self.path, self.start, self.length, self.checks = path, start, length, checks
        self.body_length = body_length  # -1: not declared (no piece checksums then)
        self.fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        os.lseek(self.fd, start, os.SEEK_SET)
        self.written = start
        self.received = 0  # body bytes received
        self.whole = whole  # running SHA-256 of the file up to `written`, or None
        self.body = hashlib.sha256() if checks.body_sha256 is not None else None
        self.pending = bytearray()  # the piece being received
        self.index = 0  # pieces checked and written
        self.failure: IntakeRefused | None = None
        self._unsynced = 0
        self._syncer: threading.Thread | None = None
        self._queue: queue.SimpleQueue[bytearray | None] = queue.SimpleQueue()
        self._queued = 0
        self._done = threading.Condition()
        self._worker: threading.Thread | None = None
        if checks.pieces:
            self._worker = threading.Thread(target=self._work, daemon=True)
            self._worker.start()

    def feed(self, chunk: bytes) -> None:
        if self.failure is not None:
            raise self.failure
        self.received += len(chunk)
        if self.start + self.received > self.length:
            raise IntakeRefused(why.BAD_REQUEST, "more bytes than the upload's length")
        if not self.checks.pieces:
            self._write(chunk)
            return
        view = memoryview(chunk)
        while view:
            room = self.checks.piece_size - len(self.pending)
            self.pending += view[:room]
            view = view[room:]
            if len(self.pending) == self.checks.piece_size or self.received == self.body_length:
                self._queue.put(self.pending)
                self._queued += 1
                self.pending = bytearray()

    def backlog(self) -> int:
        """Pieces received and not yet checked and written."""
        return self._queued - self.index if self.failure is None else 0

    def settle(self, most: int) -> None:
        """Wait (in a worker thread of the caller) until at most ``most`` pieces are pending."""
        with self._done:
            self._done.wait_for(lambda: self.backlog() <= most or self._worker is None)

    def _work(self) -> None:
        while (piece := self._queue.get()) is not None:
            if self.failure is None:
                pieces = self.checks.pieces
                expected = pieces[self.index] if self.index < len(pieces) else b""
                if hashlib.sha256(piece).digest() == expected:
                    self._write(piece)
                    self.index += 1
                else:
                    where = f"piece {self.index} at {self.written}"
                    self.failure = IntakeRefused(why.CHECKSUM_MISMATCH, where)
            with self._done:
                self._done.notify_all()

    def _stop_worker(self) -> None:
        if self._worker is not None:
            self._queue.put(None)
            self._worker.join()
            with self._done:
                self._worker = None
                self._done.notify_all()

    def _write(self, data: bytes | bytearray | memoryview) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view) :]
        self.written += len(data)
        for digest in (self.whole, self.body):
            if digest is not None:
                digest.update(data)
        self._unsynced += len(data)
        if self._unsynced >= EARLY_SYNC and (self._syncer is None or not self._syncer.is_alive()):
            # Write back what arrived so far while the rest arrives: the fsync before the
            # answer then has little left to do (it still covers every byte).
            self._unsynced = 0
            self._syncer = threading.Thread(target=_quiet_fsync, args=(self.fd,), daemon=True)
            self._syncer.start()

    def _wait_syncer(self) -> None:
        if self._syncer is not None:
            self._syncer.join()
            self._syncer = None

    def _cut(self, offset: int) -> None:
        self._wait_syncer()
        os.ftruncate(self.fd, offset)
        if offset != self.written:
            self.whole = None
        self.written = offset

    def finish(self) -> tuple[int, Any]:
        """The body arrived whole: check it, fsync; (new offset, running hash or None)."""
        try:
            self._stop_worker()
            if self.failure is not None:
                raise self.failure
            if self.checks.pieces and (self.pending or self.index != len(self.checks.pieces)):
                self.pending = bytearray()
                raise IntakeRefused(why.BAD_REQUEST, "the pieces do not match their checksums")
            if self.body is not None and self.body.digest() != self.checks.body_sha256:
                self._cut(self.start)
                raise IntakeRefused(why.CHECKSUM_MISMATCH, f"body at {self.start}")
            return self.written, self.whole
        finally:
            self._wait_syncer()
            os.fsync(self.fd)
            os.close(self.fd)

    def abort(self) -> tuple[int, Any]:
        """The body was cut short or refused: keep what the checks allow, fsync; as finish.

        Whole pieces that arrived before the cut are checked and kept; the piece being
        received never reaches the file."""
        try:
            self._stop_worker()
            self.pending = bytearray()
            if self.checks.body_sha256 is not None and not self.checks.pieces:
                self._cut(self.start)
            return self.written, self.whole
        finally:
            self._wait_syncer()
            os.fsync(self.fd)
            os.close(self.fd)


def _quiet_fsync(fd: int) -> None:
    with contextlib.suppress(OSError):  # the final fsync, which is awaited, reports problems
        os.fsync(fd)
