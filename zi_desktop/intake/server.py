"""Running the intake: uvicorn on a socket bound first, so that port 0 can be told.

:func:`run` binds the address, starts uvicorn (HTTP/1.1, optional TLS) on the intake app,
calls ``ready(url)`` once the server accepts connections, and returns after SIGTERM or SIGINT
once uvicorn has shut down gracefully (requests still running get a few seconds; every byte
ever acknowledged was fsynced before it was acknowledged, so none is lost either way).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn
from starlette.routing import BaseRoute

from ..services.intake_desk import IntakeDesk
from .app import build_app

GRACE_SECONDS = 5
# A connection's receive buffer: enough for a fast link, and a bound on the bytes that can be
# in flight (sent, not yet read) when a link drops (Linux doubles the value for bookkeeping).
RECEIVE_BUFFER = 1024 * 1024


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_ready()


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)  # accepted ones inherit
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket, tls: bool) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if tls else 'http'}://{shown}:{port}"


def run(
    desk: IntakeDesk,
    sock: socket.socket,
    ready: Callable[[str], None],
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
    extra_routes: list[BaseRoute] | None = None,
) -> None:
    """Serve until SIGTERM/SIGINT on the bound ``sock``."""
    config = uvicorn.Config(
        build_app(desk, extra_routes),
        http="h11",
        loop="asyncio",
        lifespan="on",
        ws="none",
        log_config=None,
        access_log=False,
        server_header=False,
        date_header=False,
        timeout_keep_alive=30,
        timeout_graceful_shutdown=GRACE_SECONDS,
        ssl_certfile=str(tls_cert) if tls_cert else None,
        ssl_keyfile=str(tls_key) if tls_key else None,
    )
    url = url_of(sock, tls_cert is not None)
    _Server(config, lambda: ready(url)).run(sockets=[sock])
