"""How the intake answers: JSON bodies, one reason code per refusal, tus headers.

Every refusal carries exactly one reason code, in the JSON body (``reason``, ``message``,
``detail``) and in the ``Zi-Reason`` header (so that ``HEAD`` answers carry it too); 429 and
503 carry ``Retry-After``. A bare 2xx never means a package was imported: that is the
``status`` field of a session (``imported``), backed by a signed receipt.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import UserFacingError
from ..services import intake_reasons as why
from ..services.intake_reasons import IntakeRefused
from ..services.intake_values import SessionView
from ..sync.reasons import PackageRefused, Reason

PREFIX = "/zi-intake/1"
PROTOCOL = "zi-intake/1"
TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,expiration,termination,checksum"
STATUS = {
    why.UNAUTHORIZED: 401,
    why.BAD_NONCE: 401,
    why.NOT_FOUND: 404,
    why.EXPIRED: 410,
    why.TOO_MANY_SESSIONS: 429,
    why.BUSY: 503,
    why.OFFSET_MISMATCH: 409,
    why.CHECKSUM_MISMATCH: 460,
    why.MISSING_FILES: 409,
    why.BAD_REQUEST: 400,
    why.NOT_SYNC: 403,
    Reason.BAD_SIGNATURE: 403,
    Reason.UNKNOWN_SIGNER: 403,
    Reason.WRONG_RECIPIENT: 403,
    Reason.REPLAYED: 409,
    Reason.STALE_SEQUENCE: 409,
    Reason.TOO_LARGE: 413,
}


def tus_headers(**extra: str) -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store", **extra}


def refusal(
    code: str,
    message: str,
    detail: str = "",
    status: int | None = None,
    retry_after: int | None = None,
    headers: dict[str, str] | None = None,
    head: bool = False,
    extra: dict[str, Any] | None = None,
) -> Response:
    status = status or STATUS.get(code, 422)
    hdrs = tus_headers(**{"Zi-Reason": code}, **(headers or {}))
    if retry_after is not None:
        hdrs["Retry-After"] = str(retry_after)
    if status == 401:
        hdrs["WWW-Authenticate"] = 'Bearer realm="zi-intake"'
    if head:
        return Response(status_code=status, headers=hdrs)
    body = {**(extra or {}), "reason": code, "message": message, "detail": detail}
    return JSONResponse(body, status_code=status, headers=hdrs)


def refused(exc: Exception, head: bool = False) -> Response:
    """The answer to an error a service raised."""
    if isinstance(exc, IntakeRefused):
        return refusal(exc.code, exc.message, exc.detail, retry_after=exc.retry_after, head=head)
    if isinstance(exc, PackageRefused):
        return refusal(exc.reason.value, exc.message, exc.detail, head=head)
    if isinstance(exc, UserFacingError):  # the workspace is busy, the disk full, …
        return refusal(why.BUSY, exc.message, exc.details, retry_after=30, head=head)
    raise exc


async def on_error(request: Request, exc: Exception) -> Response:
    return refused(exc, head=request.method == "HEAD")


def session_json(view: SessionView) -> dict[str, Any]:
    return {
        "session": view.session_id or None,
        "package": view.package,
        "status": view.status,
        "expires": view.expires or None,
        "needed": [
            {
                "sha256": n.sha256,
                "size": n.size,
                "offset": n.offset,
                "upload": f"{PREFIX}/blobs/{n.upload_id}" if n.upload_id else None,
            }
            for n in view.needed
        ],
        "held_files": view.held_files,
        "held_bytes": view.held_bytes,
        "receipt": view.receipt.decode("utf-8") if view.receipt else None,
        "reason": view.reason or None,
        "detail": view.detail or None,
    }


def session_reply(view: SessionView, created: bool = False) -> Response:
    if view.status == "refused":
        return refusal(
            view.reason, why.sentence(view.reason), view.detail, extra=session_json(view)
        )
    status = {"open": 201 if created else 200, "received": 202}.get(view.status, 200)
    return JSONResponse(session_json(view), status_code=status, headers=tus_headers())


async def read_json(request: Request, max_bytes: int) -> Any:
    """The request's JSON body, read up to ``max_bytes`` (``too_large`` beyond)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
        raise PackageRefused(Reason.TOO_LARGE, f"a request body of {declared} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise PackageRefused(Reason.TOO_LARGE, f"a request body over {max_bytes} bytes")
    try:
        return json.loads(body)
    except ValueError:
        raise IntakeRefused(why.BAD_REQUEST, "the body is not JSON") from None
