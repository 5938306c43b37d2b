"""Resumable uploads of a session's files, in the request shapes of tus 1.0.0.

Core (``HEAD`` gives the offset, ``PATCH`` appends at it), creation (``POST`` with
``Upload-Length`` and ``Upload-Metadata: session …, sha256 …``), expiration (``Upload-Expires``
on every answer; 410 after), termination (``DELETE``) and checksum (``Upload-Checksum: sha256``
over a request's body; 460 when it does not match). Beyond tus, ``Zi-Pieces: sha256 SIZE
B64,B64,…`` gives the SHA-256 of every SIZE-byte piece of the body, so that when a link
drops mid-request the pieces that arrived whole and checked stay. A file's bytes are fsynced
before any offset that includes them is given out; the whole file is checked against its
SHA-256 when it is complete.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import anyio
from anyio import to_thread
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from ..services import intake_reasons as why
from ..services.intake_desk import IntakeDesk
from ..services.intake_reasons import IntakeRefused
from ..services.intake_uploads import Appender, Checks, file_sha256
from ..services.intake_values import UploadInfo
from ..sync.reasons import PackageRefused
from .auth_routes import who
from .locks import Holder, UploadLocks
from .replies import PREFIX, TUS_EXTENSIONS, TUS_VERSION, refusal, tus_headers

_ID = re.compile(r"^[0-9a-f]{32}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
OCTETS = "application/offset+octet-stream"
MAX_PIECES = 4096
BACKLOG = 32  # pieces received and waiting to be checked, at most


def _desk(request: Request) -> IntakeDesk:
    desk: IntakeDesk = request.app.state.desk
    return desk


def _expires(info: UploadInfo) -> str:
    when = datetime.strptime(info.expires, "%Y-%m-%dT%H:%M:%SZ")
    return format_datetime(when.replace(tzinfo=UTC), usegmt=True)


def _upload_headers(info: UploadInfo, offset: int | None = None) -> dict[str, str]:
    return tus_headers(
        **{
            "Upload-Offset": str(info.offset if offset is None else offset),
            "Upload-Length": str(info.size),
            "Upload-Expires": _expires(info),
        }
    )


def _check_version(request: Request) -> None:
    if request.headers.get("tus-resumable") != TUS_VERSION:
        raise IntakeRefused(why.BAD_REQUEST, f"Tus-Resumable must be {TUS_VERSION}")


def _number(request: Request, name: str) -> int:
    value = request.headers.get(name, "")
    if not value.isdigit():
        raise IntakeRefused(why.BAD_REQUEST, f"{name} must be a whole number")
    return int(value)


def _metadata(header: str) -> dict[str, str]:
    out = {}
    for pair in filter(None, (p.strip() for p in header.split(","))):
        key, _, value = pair.partition(" ")
        try:
            out[key] = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise IntakeRefused(why.BAD_REQUEST, f"Upload-Metadata {key!r}") from None
    return out


def _b64_digest(text: str) -> bytes:
    try:
        digest = base64.b64decode(text, validate=True)
    except binascii.Error:
        digest = b""
    if len(digest) != 32:
        raise IntakeRefused(why.BAD_REQUEST, "a SHA-256 checksum is 32 bytes of base64")
    return digest


def _checks(request: Request) -> Checks:
    body = None
    header = request.headers.get("upload-checksum")
    if header is not None:
        algorithm, _, value = header.strip().partition(" ")
        if algorithm != "sha256":
            raise IntakeRefused(why.BAD_REQUEST, f"checksum algorithm {algorithm!r}")
        body = _b64_digest(value.strip())
    pieces = request.headers.get("zi-pieces")
    if pieces is None:
        return Checks(body)
    parts = pieces.strip().split(" ")
    if len(parts) != 3 or parts[0] != "sha256" or not parts[1].isdigit() or int(parts[1]) < 1:
        raise IntakeRefused(why.BAD_REQUEST, "Zi-Pieces: sha256 SIZE B64,B64,…")
    digests = parts[2].split(",")
    if len(digests) > MAX_PIECES:
        raise IntakeRefused(why.BAD_REQUEST, "too many pieces")
    return Checks(body, int(parts[1]), tuple(_b64_digest(d) for d in digests))


async def options(request: Request) -> Response:
    desk = _desk(request)
    return Response(
        status_code=204,
        headers=tus_headers(
            **{
                "Tus-Version": TUS_VERSION,
                "Tus-Extension": TUS_EXTENSIONS,
                "Tus-Checksum-Algorithm": "sha256",
                "Tus-Max-Size": str(desk.limits.blob_bytes),
            }
        ),
    )


async def create(request: Request) -> Response:
    who(request)
    _check_version(request)
    desk = _desk(request)
    length = _number(request, "upload-length")
    meta = _metadata(request.headers.get("upload-metadata", ""))
    session, sha = meta.get("session", ""), meta.get("sha256", "")
    if not _ID.match(session) or not _HEX64.match(sha):
        raise IntakeRefused(why.BAD_REQUEST, "Upload-Metadata needs session and sha256")
    info = await to_thread.run_sync(desk.create_upload, session, sha, length)
    headers = _upload_headers(info)
    headers["Location"] = f"{PREFIX}/blobs/{info.upload_id}"
    return Response(status_code=201, headers=headers)


def _upload_id(request: Request) -> str:
    value = str(request.path_params["upload"])
    if not _ID.match(value):
        raise IntakeRefused(why.NOT_FOUND, "upload")
    return value


async def head(request: Request) -> Response:
    who(request)
    desk, upload_id = _desk(request), _upload_id(request)
    locks: UploadLocks = request.app.state.locks
    async with locks.hold(upload_id):
        info = await to_thread.run_sync(desk.upload, upload_id)
    return Response(status_code=200, headers=_upload_headers(info))


async def delete(request: Request) -> Response:
    who(request)
    _check_version(request)
    desk, upload_id = _desk(request), _upload_id(request)
    locks: UploadLocks = request.app.state.locks
    async with locks.hold(upload_id):
        await to_thread.run_sync(desk.delete_upload, upload_id)
    return Response(status_code=204, headers=tus_headers())


async def patch(request: Request) -> Response:
    who(request)
    _check_version(request)
    if request.headers.get("content-type", "").split(";")[0].strip() != OCTETS:
        return refusal(why.BAD_REQUEST, why.sentence(why.BAD_REQUEST), "Content-Type", status=415)
    desk, upload_id = _desk(request), _upload_id(request)
    offset, checks = _number(request, "upload-offset"), _checks(request)
    gauge = request.app.state.gauge
    if gauge.busy():
        raise IntakeRefused(why.BUSY, "too many uploads at once", desk.limits.retry_after)
    locks: UploadLocks = request.app.state.locks
    async with locks.hold(upload_id) as holder:
        info = await to_thread.run_sync(desk.upload, upload_id)
        if offset != info.offset:
            return refusal(
                why.OFFSET_MISMATCH,
                why.sentence(why.OFFSET_MISMATCH),
                f"Upload-Offset {offset}, held {info.offset}",
                headers=_upload_headers(info),
            )
        if offset == info.size:
            return Response(status_code=204, headers=_upload_headers(info))
        with gauge:
            return await _append(request, desk, info, checks, holder)


async def _append(
    request: Request, desk: IntakeDesk, info: UploadInfo, checks: Checks, holder: Holder
) -> Response:
    declared = request.headers.get("content-length")
    if checks.pieces and declared is None:
        raise IntakeRefused(why.BAD_REQUEST, "Zi-Pieces needs a Content-Length")
    if declared is not None and (not declared.isdigit() or info.offset + int(declared) > info.size):
        raise IntakeRefused(why.BAD_REQUEST, "the body goes past the upload's length")
    path = desk.files.upload_path(info.upload_id)
    whole = desk.hashes.take(info.upload_id, info.offset)
    if whole is None and info.offset == 0:
        whole = hashlib.sha256()
    body_length = int(declared) if declared is not None else -1
    appender = Appender(path, info.offset, info.size, checks, whole, body_length)
    problem: IntakeRefused | PackageRefused | ClientDisconnect | None = None
    complete = False
    try:
        complete = await _receive(request, desk, appender, holder)
    except (IntakeRefused, ClientDisconnect) as exc:
        problem = exc
    with anyio.CancelScope(shield=True):
        try:
            if complete and declared is not None and appender.received != int(declared):
                complete = False
            end = appender.finish if complete else appender.abort
            offset, running = await to_thread.run_sync(end)
            if problem is None and appender.failure is not None:
                problem = appender.failure  # a piece that did not match, found at the end
        except IntakeRefused as exc:
            offset, running, problem = appender.written, None, exc
        if running is not None:
            desk.hashes.put(info.upload_id, offset, running)
        if offset == info.size and problem is None:
            problem = await _finalise(desk, info, running)
    headers = _upload_headers(info, offset)
    if problem is not None and not complete:
        headers["Connection"] = "close"  # stop the rest of the body: it would be thrown away
    if isinstance(problem, ClientDisconnect):
        return Response(status_code=400, headers=headers)
    if isinstance(problem, PackageRefused):  # the whole file does not match its SHA-256
        return refusal(
            problem.reason.value, problem.message, problem.detail, status=460, headers=headers
        )
    if problem is not None:
        return refusal(problem.code, problem.message, problem.detail, headers=headers)
    return Response(status_code=204, headers=headers)


async def _receive(request: Request, desk: IntakeDesk, appender: Appender, holder: Holder) -> bool:
    """Feed the body to the appender; False when it stalled or another request took over."""
    stream = request.stream().__aiter__()
    stall = desk.limits.read_seconds
    with anyio.CancelScope(deadline=anyio.current_time() + stall) as scope:
        holder.scope = scope  # a newcomer for this upload cancels it
        while True:
            try:
                chunk = await stream.__anext__()
            except StopAsyncIteration:
                return True
            scope.deadline = anyio.current_time() + stall  # a stalled link ends the request
            if chunk:
                appender.feed(chunk)
                if appender.backlog() > BACKLOG:  # the checking thread is behind: wait for it
                    await to_thread.run_sync(appender.settle, BACKLOG // 2)
    return False


async def _finalise(desk: IntakeDesk, info: UploadInfo, running: Any) -> PackageRefused | None:
    path = desk.files.upload_path(info.upload_id)
    if running is not None:
        actual = str(running.hexdigest())
    else:
        actual = (await to_thread.run_sync(file_sha256, path)).hexdigest()
    try:
        await to_thread.run_sync(desk.complete, info.upload_id, info.sha256, actual)
    except PackageRefused as exc:
        return exc
    return None


ROUTES = [
    Route(f"{PREFIX}/blobs", options, methods=["OPTIONS"]),
    Route(f"{PREFIX}/blobs", create, methods=["POST"]),
    Route(f"{PREFIX}/blobs/{{upload}}", head, methods=["HEAD"]),
    Route(f"{PREFIX}/blobs/{{upload}}", patch, methods=["PATCH"]),
    Route(f"{PREFIX}/blobs/{{upload}}", delete, methods=["DELETE"]),
]
