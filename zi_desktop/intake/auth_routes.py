"""Login: ``POST /auth/challenge`` gives a nonce, ``POST /auth/token`` trades its signature for
a short-lived token; every other request carries ``Authorization: Bearer <token>``."""

from __future__ import annotations

import re

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..services import intake_reasons as why
from ..services.intake_auth import Gate
from ..services.intake_desk import IntakeDesk
from ..services.intake_reasons import IntakeRefused
from .replies import PREFIX, PROTOCOL, TUS_VERSION, read_json

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
SMALL = 16 * 1024


def who(request: Request) -> str:
    """The key id the request's bearer token was granted to (``unauthorized`` otherwise)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise IntakeRefused(why.UNAUTHORIZED, "no bearer token")
    gate: Gate = request.app.state.gate
    return gate.who(token.strip())


def _text(doc: object, name: str, pattern: re.Pattern[str] | None = None) -> str:
    value = doc.get(name) if isinstance(doc, dict) else None
    if not isinstance(value, str) or len(value) > 200 or (pattern and not pattern.match(value)):
        raise IntakeRefused(why.BAD_REQUEST, f"field {name!r} missing or of the wrong form")
    return value


async def challenge(request: Request) -> Response:
    doc = await read_json(request, SMALL)
    key_id = _text(doc, "key_id", _HEX64)
    desk: IntakeDesk = request.app.state.desk
    gate: Gate = request.app.state.gate
    return JSONResponse(
        {
            "protocol": PROTOCOL,
            "tus": TUS_VERSION,
            "coordinator": desk.coordinator,
            "nonce": gate.challenge(key_id),
            "expires_in": gate.nonce_seconds,
        }
    )


async def token(request: Request) -> Response:
    doc = await read_json(request, SMALL)
    key_id, nonce = _text(doc, "key_id", _HEX64), _text(doc, "nonce")
    signature = _text(doc, "signature")
    gate: Gate = request.app.state.gate
    desk: IntakeDesk = request.app.state.desk
    granted = await to_thread.run_sync(gate.login, desk.ws, key_id, nonce, signature)
    return JSONResponse({"token": granted, "expires_in": gate.token_seconds})


ROUTES = [
    Route(f"{PREFIX}/auth/challenge", challenge, methods=["POST"]),
    Route(f"{PREFIX}/auth/token", token, methods=["POST"]),
]
