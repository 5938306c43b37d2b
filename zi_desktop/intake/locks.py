"""One request at a time per upload; a newcomer interrupts a request that holds it.

A client that lost its connection comes back while the server may still be waiting for the
rest of the old request's body (a stalled link keeps the socket open). As tusd does, the new
request for the same upload cancels the old one — which then keeps what its checks allow and
fsyncs — and takes the upload over once it has let go.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import anyio

from ..services import intake_reasons as why
from ..services.intake_reasons import IntakeRefused

TAKEOVER_SECONDS = 15


@dataclass
class Holder:
    lock: anyio.Lock = field(default_factory=anyio.Lock)
    scope: anyio.CancelScope | None = None  # the body reading of the request holding it
    users: int = 0


class UploadLocks:
    def __init__(self) -> None:
        self._holders: dict[str, Holder] = {}

    @asynccontextmanager
    async def hold(self, upload_id: str) -> AsyncIterator[Holder]:
        holder = self._holders.setdefault(upload_id, Holder())
        holder.users += 1
        try:
            if holder.scope is not None:
                holder.scope.cancel()
            with anyio.move_on_after(TAKEOVER_SECONDS) as waited:
                await holder.lock.acquire()
            if waited.cancelled_caught:
                raise IntakeRefused(why.BUSY, "the upload is in use", retry_after=5)
            try:
                yield holder
            finally:
                holder.scope = None
                holder.lock.release()
        finally:
            holder.users -= 1
            if holder.users == 0:
                self._holders.pop(upload_id, None)
