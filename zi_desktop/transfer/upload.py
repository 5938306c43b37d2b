"""Uploading a package to the coordinator's intake, until a signed receipt says it arrived.

One attempt: log in, ask whether the package is known already (a receipt at once), offer it
by its frame, send each file the intake still lacks from the offset it confirmed, commit, and
check the receipt. Anything the network does makes the attempt fail and a new one start after
a backoff with jitter; ``retries`` attempts in a row without any newly confirmed byte end the
run with :class:`~.values.NetworkUnavailable` (the journal keeps the progress). A refusal
ends it with :class:`~.values.UploadRefused` and its reason code.
"""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import _
from ..identity.keys import Signer
from ..services import intake_reasons as why
from ..services.delivery import check_receipt, receipt_path
from ..services.intake_reasons import IntakeRefused
from ..storage.durable import write_bytes
from ..sync.frame import Region
from ..sync.receipt import Receipt
from . import journal as journals
from .pacing import Pacer, backoff
from .source import Source, open_source
from .values import (
    FileProgress,
    NetworkUnavailable,
    UploadControl,
    UploadProgress,
    UploadRefused,
    UploadResult,
)
from .wire import PIECE, SLICE, Gone, Refusal, Relogin, Retry, Wire

MIN_WINDOW, MAX_WINDOW = 256 * 1024, 64 * 1024 * 1024
WINDOW_SECONDS = 3.0  # aim for a confirmation every few seconds, whatever the link's speed
RECEIVED_POLLS = (1, 2, 3, 5, 8)  # seconds between asking whether "received" was imported
JOURNAL_SECONDS = 1.0  # the journal's offsets are saved at most this often
FAST_SLICE = 1024 * 1024  # body slices when no rate cap applies
Report = Callable[[UploadProgress], None]


@dataclass
class _Run:
    source: Source
    wire: Wire
    key: Signer
    journal: journals.Journal
    control: UploadControl
    report: Report
    pacer: Pacer
    confirmed: dict[str, int] = field(default_factory=dict)
    sent: int = 0
    sent_files: set[str] = field(default_factory=set)
    skipped: int = 0
    progressed: bool = False
    window: int = 1024 * 1024
    journal_saved: float = 0.0

    @property
    def by_sha(self) -> dict[str, Region]:
        return {r.sha256: r for r in self.source.cut.regions}

    def emit(self, state: str, note: str = "") -> None:
        regions = self.source.cut.regions
        files = tuple(
            FileProgress(r.path, r.size, self.confirmed.get(r.sha256, 0)) for r in regions
        )
        total = sum(r.size for r in {r.sha256: r for r in regions}.values())
        done = sum(min(self.confirmed.get(s, 0), r.size) for s, r in self.by_sha.items())
        self.report(UploadProgress(state, total, done, files, note))


def upload_package(
    paths: list[Path],
    server: str,
    key: Signer,
    *,
    retries: int = 8,
    timeout: float = 30.0,
    control: UploadControl | None = None,
    report: Report | None = None,
    verify: str | bool = True,
) -> UploadResult:
    """Upload the package in ``paths`` (a file or the parts of one) to the intake ``server``."""
    control = control or UploadControl()
    source = open_source(paths)
    try:
        journal = journals.load(source.named, source.cut.package)
        wire = Wire(server, timeout, verify)
        try:
            run = _Run(
                source, wire, key, journal, control, report or (lambda p: None), Pacer(control)
            )
            return _attempts(run, retries)
        finally:
            wire.close()
    finally:
        source.close()


def _attempts(run: _Run, retries: int) -> UploadResult:
    failures = 0
    while True:
        run.progressed = False
        try:
            return _attempt(run)
        except Relogin:
            continue
        except (Retry, Gone) as problem:
            failures = 1 if run.progressed else failures + 1
            if failures > retries:
                raise NetworkUnavailable(
                    _(
                        "The network did not allow the upload ({problem}). Nothing is lost: "
                        "run the same command again later to continue."
                    ).format(problem=problem or type(problem).__name__)
                ) from None
            wait = backoff(failures, problem.retry_after if isinstance(problem, Retry) else None)
            run.emit(
                "waiting",
                _("Connection problem; trying again in {seconds} s.").format(seconds=round(wait)),
            )
            run.pacer.sleep(wait)
        except Refusal as refusal:
            raise UploadRefused(refusal.code, why.sentence(refusal.code), refusal.detail) from None


def _attempt(run: _Run) -> UploadResult:
    run.emit("connecting")
    coordinator = run.wire.login(run.key)
    recipient = run.source.cut.manifest.recipient
    if coordinator != recipient:
        raise UploadRefused(
            why.WRONG_SERVER,
            why.sentence(why.WRONG_SERVER),
            f"intake of {coordinator[:16]}…, package for {recipient[:16]}…",
        )
    known = run.wire.package(run.source.cut.package)
    if known is not None and known.get("status") in ("imported", "received"):
        return _finish(run, known)
    if known is not None and known.get("status") == "refused":
        _refused(known)
    doc = run.wire.offer(run.source.cut.package, run.source.cut.frame)
    while doc.get("status") == "open":
        run.journal.session = str(doc["session"])
        run.journal.save()
        _send_needed(run, doc)
        run.emit("committing")
        doc = run.wire.commit(run.journal.session)
    if doc.get("status") == "refused":
        _refused(doc)
    return _finish(run, doc)


def _refused(doc: dict[str, Any]) -> None:
    code = str(doc.get("reason") or "bad_request")
    raise Refusal(code, str(doc.get("message") or ""), str(doc.get("detail") or ""), doc)


def _send_needed(run: _Run, doc: dict[str, Any]) -> None:
    needed = {str(n["sha256"]): n for n in doc.get("needed", []) if isinstance(n, dict)}
    regions = run.by_sha
    for sha, region in regions.items():
        if sha not in needed:
            if sha not in run.confirmed:
                run.skipped += region.size
            run.confirmed[sha] = region.size
    run.emit("sending")
    todo = [r for r in sorted(regions.values(), key=lambda r: r.offset) if r.sha256 in needed]
    with _Prefetch(run.source.path) as ahead:
        for n, region in enumerate(todo):
            following = todo[n + 1] if n + 1 < len(todo) else None
            guess = int(needed[following.sha256].get("offset") or 0) if following else 0
            _send_file(run, region, needed[region.sha256], ahead, (following, guess))


class _Prefetch:
    """Reads and hashes the next window in a thread while the current one is on its way."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pool = ThreadPoolExecutor(1)
        self.key: tuple[str, int] | None = None
        self.future: Future[_Window] | None = None

    def __enter__(self) -> _Prefetch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def want(self, region: Region, offset: int, size: int) -> None:
        if offset < region.size and self.key != (region.sha256, offset):
            self.key = (region.sha256, offset)
            self.future = self.pool.submit(_window, self.path, region, offset, size)

    def take(self, region: Region, offset: int, size: int) -> _Window:
        if self.key == (region.sha256, offset) and self.future is not None:
            self.key = None
            return self.future.result()
        return _window(self.path, region, offset, size)


def _send_file(
    run: _Run,
    region: Region,
    need: dict[str, Any],
    ahead: _Prefetch,
    following: tuple[Region | None, int],
) -> None:
    session = run.journal.session
    assert session is not None
    path = need.get("upload") or run.journal.uploads.get(region.sha256)
    offset = -1
    if path:
        try:
            offset = run.wire.head(str(path))
        except Gone:
            path = None
    if not path:
        path, offset = run.wire.create(session, region.sha256, region.size)
        run.journal.uploads[region.sha256] = path
        run.journal.save()
    if run.confirmed.get(region.sha256) is None and offset > 0:
        run.skipped += offset  # confirmed in an earlier run
    run.confirmed[region.sha256] = offset
    while offset < region.size:
        window = ahead.take(region, offset, run.window)
        end = offset + window.size
        if end < region.size:
            ahead.want(region, end, run.window)
        elif following[0] is not None:
            ahead.want(following[0], following[1], run.window)
        offset = _send_window(run, str(path), region, window)


@dataclass(frozen=True)
class _Window:
    offset: int  # in the file
    size: int
    pieces: str  # the Zi-Pieces header


def _window(path: Path, region: Region, offset: int, size: int) -> _Window:
    """The next window of a file, its pieces hashed (read in slices: memory stays small)."""
    size = min(size, region.size - offset)
    digests = []
    for piece in _slices(path, region.offset + offset, size, PIECE):
        digests.append(base64.b64encode(hashlib.sha256(piece).digest()).decode("ascii"))
    return _Window(offset, size, f"sha256 {PIECE} {','.join(digests)}")


def _slices(path: Path, start: int, size: int, step: int) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        handle.seek(start)
        while size > 0:
            piece = handle.read(min(step, size))
            if not piece:
                raise OSError(f"{path} changed while it was uploaded")
            size -= len(piece)
            yield piece


def _send_window(run: _Run, path: str, region: Region, window: _Window) -> int:
    offset = window.offset
    run.sent_files.add(region.sha256)
    start = time.monotonic()

    def sent(count: int) -> None:
        run.sent += count

    step = FAST_SLICE if run.control.rate_kbps <= 0 else SLICE
    chunks = _slices(run.source.path, region.offset + offset, window.size, step)
    try:
        new = run.wire.patch(
            path, offset, window.size, chunks, window.pieces, run.pacer.wait_for, sent
        )
    except Retry:
        run.window = max(MIN_WINDOW, run.window // 4)  # less to lose if it happens again
        raise
    elapsed = max(time.monotonic() - start, 1e-3)
    if new > offset:
        run.progressed = True
    if new > offset and window.size >= run.window:  # a small file's request says little
        rate = (new - offset) / elapsed
        run.window = int(min(MAX_WINDOW, max(MIN_WINDOW, rate * WINDOW_SECONDS)))
    run.confirmed[region.sha256] = new
    run.journal.confirmed[region.sha256] = new
    if new == region.size or time.monotonic() - run.journal_saved > JOURNAL_SECONDS:
        run.journal.save()  # the offsets are a hint: the intake's answer to HEAD decides
        run.journal_saved = time.monotonic()
    run.emit("sending")
    return new


def _finish(run: _Run, doc: dict[str, Any]) -> UploadResult:
    polls = list(RECEIVED_POLLS)
    while doc.get("status") == "received" and polls:
        run.emit("waiting", _("The coordinator received the package; waiting for the import."))
        run.pacer.sleep(polls.pop(0))
        doc = run.wire.package(run.source.cut.package) or doc
    data = str(doc.get("receipt") or "").encode("utf-8")
    try:
        receipt = check_receipt(data, run.source.cut.package, run.source.cut.manifest.recipient)
    except IntakeRefused as bad:
        raise UploadRefused(bad.code, bad.message, bad.detail) from None
    target = receipt_path(run.source.named)
    write_bytes(target, receipt.data)
    run.journal.remove()
    for sha, region in run.by_sha.items():
        if sha not in run.confirmed:  # the intake had it all before this run asked
            run.skipped += region.size
        run.confirmed[sha] = region.size
    run.emit("done")
    return _result(run, receipt, target)


def _result(run: _Run, receipt: Receipt, target: Path) -> UploadResult:
    files = len(run.by_sha)
    sent_files = len(run.sent_files)
    return UploadResult(
        receipt.result,
        target,
        receipt.data,
        run.sent,
        run.skipped,
        sent_files,
        files - sent_files,
        run.source.cut.package,
    )
