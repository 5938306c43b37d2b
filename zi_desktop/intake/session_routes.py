"""Sessions: offer a package by its frame, see what it still needs, commit it, ask about it.

``POST /sessions`` (``{package, size, frame}``) checks the package before any file is
accepted and answers with the files still needed, or at once with the receipt of a package
already imported. ``POST /sessions/{id}/commit`` puts the package together and imports it,
answering ``imported`` (200) or, when the import takes longer or must wait, ``received``
(202), each with a signed receipt. ``GET /packages/{hash}`` tells what became of a package.
"""

from __future__ import annotations

import re

import anyio
from anyio import to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..services import intake_reasons as why
from ..services.intake_commit import assemble
from ..services.intake_desk import IntakeDesk
from ..services.intake_reasons import IntakeRefused
from ..sync.frame import frame_from_json
from .auth_routes import who
from .imports import Importer
from .replies import PREFIX, read_json, refusal, session_json, session_reply

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"^[0-9a-f]{32}$")


def _desk(request: Request) -> IntakeDesk:
    desk: IntakeDesk = request.app.state.desk
    return desk


def _id(request: Request, name: str, pattern: re.Pattern[str]) -> str:
    value = str(request.path_params[name])
    if not pattern.match(value):
        raise IntakeRefused(why.NOT_FOUND, name)
    return value


async def offer(request: Request) -> Response:
    uploader = who(request)
    desk = _desk(request)
    doc = await read_json(request, desk.limits.frame_bytes * 2 + 4096)
    package, size = doc.get("package") if isinstance(doc, dict) else None, doc.get("size")
    if not isinstance(package, str) or not _HEX64.match(package):
        raise IntakeRefused(why.BAD_REQUEST, "package must be a SHA-256")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise IntakeRefused(why.BAD_REQUEST, "size must be a whole number")
    frame = frame_from_json(size, doc.get("frame"), desk.limits.frame_bytes)
    view = await to_thread.run_sync(desk.offer, uploader, package, frame)
    return session_reply(view, created=view.status == "open")


async def show(request: Request) -> Response:
    who(request)
    desk = _desk(request)
    view = await to_thread.run_sync(desk.session, _id(request, "session", _ID))
    return session_reply(view)


async def commit(request: Request) -> Response:
    who(request)
    desk = _desk(request)
    session_id = _id(request, "session", _ID)
    try:
        view = await to_thread.run_sync(assemble, desk, session_id)
    except IntakeRefused as missing:
        if missing.code != why.MISSING_FILES:
            raise
        view = await to_thread.run_sync(desk.session, session_id)
        return refusal(missing.code, missing.message, missing.detail, extra=session_json(view))
    if view.status == "received":
        importer: Importer = request.app.state.importer
        done = importer.schedule(session_id)
        with anyio.move_on_after(desk.limits.commit_seconds):
            await done.wait()
        view = await to_thread.run_sync(desk.session, session_id)
    return session_reply(view)


async def package(request: Request) -> Response:
    who(request)
    desk = _desk(request)
    view = await to_thread.run_sync(desk.status, _id(request, "package", _HEX64))
    if view is None:
        return refusal(why.NOT_FOUND, why.sentence(why.NOT_FOUND), "package")
    return session_reply(view)


ROUTES = [
    Route(f"{PREFIX}/sessions", offer, methods=["POST"]),
    Route(f"{PREFIX}/sessions/{{session}}", show, methods=["GET"]),
    Route(f"{PREFIX}/sessions/{{session}}/commit", commit, methods=["POST"]),
    Route(f"{PREFIX}/packages/{{package}}", package, methods=["GET"]),
]
