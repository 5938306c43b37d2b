"""The intake's ASGI app: routes, one log line per request, and the housekeeping.

:func:`build_app` wires the routes to an :class:`~zi_desktop.services.intake_desk.IntakeDesk`.
While it runs, a background task expires unfinished uploads every minute, and imports that
had to wait are tried again when the intake starts and after every import that succeeds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from anyio import to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import UserFacingError
from ..services.intake_auth import Gate
from ..services.intake_cleanup import expire, sweep
from ..services.intake_desk import IntakeDesk
from . import auth_routes, session_routes, tus_routes
from .imports import Importer
from .locks import UploadLocks
from .replies import on_error

log = logging.getLogger("zi.intake")
HOUSEKEEPING_SECONDS = 60.0


class Gauge:
    """How many upload bodies are being received; more than the limit get 503."""

    def __init__(self, limit: int) -> None:
        self.limit, self.count = limit, 0

    def busy(self) -> bool:
        return self.count >= self.limit

    def __enter__(self) -> Gauge:
        self.count += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self.count -= 1


class RequestLog:
    """ASGI middleware: one line per request — client, method, path, status, bytes, time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start, seen = time.monotonic(), {"status": 0, "in": 0, "out": 0}

        async def counting_receive() -> Message:
            message = await receive()
            seen["in"] += len(message.get("body", b""))
            return message

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            seen["out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, counting_send)
        finally:
            client = scope.get("client") or ("-", 0)
            log.info(
                "%s %s %s %s in=%d out=%d %.3fs",
                client[0],
                scope["method"],
                scope["path"],
                seen["status"] or "-",
                seen["in"],
                seen["out"],
                time.monotonic() - start,
            )


async def _housekeeping(desk: IntakeDesk) -> None:
    while True:
        await anyio.sleep(HOUSEKEEPING_SECONDS)
        try:
            expired = await to_thread.run_sync(expire, desk)
            if expired:
                log.info("expired %d unfinished upload session(s)", expired)
        except UserFacingError as problem:  # a busy workspace: next time
            log.warning("housekeeping: %s", problem.message)


def build_app(desk: IntakeDesk, extra_routes: list[BaseRoute] | None = None) -> Starlette:
    """The intake app over ``desk`` (``extra_routes``: for benchmarks, a plain PUT)."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        removed = await to_thread.run_sync(sweep, desk)
        if removed:
            log.info("removed %d file(s) left by unfinished or ended uploads", removed)
        async with anyio.create_task_group() as group:
            app.state.importer = Importer(desk, group)
            await app.state.importer.retry_pending()
            group.start_soon(_housekeeping, desk)
            yield
            group.cancel_scope.cancel()

    routes = [*auth_routes.ROUTES, *session_routes.ROUTES, *tus_routes.ROUTES]
    app = Starlette(
        routes=routes + list(extra_routes or []),
        middleware=[Middleware(RequestLog)],
        exception_handlers={UserFacingError: on_error},
        lifespan=lifespan,
    )
    app.state.desk = desk
    app.state.gate = Gate(desk.coordinator, desk.limits.nonce_seconds, desk.limits.token_seconds)
    app.state.locks = UploadLocks()
    app.state.gauge = Gauge(desk.limits.busy_requests)
    return app
