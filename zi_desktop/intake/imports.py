"""Imports in the background: one at a time, each session once, pending ones tried again.

A commit schedules the import of its session and waits a while for it; the import goes on
even when the client stopped waiting (it then holds a "received" receipt). After every import
that succeeds, and when the intake starts, sessions still waiting (a delta whose base arrived
meanwhile, a workspace that was busy) are tried again.
"""

from __future__ import annotations

import logging

import anyio
from anyio import to_thread
from anyio.abc import TaskGroup

from ..services.intake_commit import import_received, pending_sessions
from ..services.intake_desk import IntakeDesk

log = logging.getLogger("zi.intake")


class Importer:
    def __init__(self, desk: IntakeDesk, group: TaskGroup) -> None:
        self.desk, self.group = desk, group
        self._running: dict[str, anyio.Event] = {}

    def schedule(self, session_id: str) -> anyio.Event:
        """Start importing (unless already under way); the event is set when it ended."""
        if session_id not in self._running:
            self._running[session_id] = anyio.Event()
            self.group.start_soon(self._run, session_id)
        return self._running[session_id]

    async def _run(self, session_id: str) -> None:
        try:
            view = await to_thread.run_sync(import_received, self.desk, session_id)
            log.info("package %s: %s %s", view.package[:16], view.status, view.reason or "")
            if view.status == "imported":
                await self.retry_pending(exclude=session_id)
        except Exception:
            log.exception("import of session %s failed", session_id)
        finally:
            self._running.pop(session_id).set()

    async def retry_pending(self, exclude: str = "") -> None:
        for other in await to_thread.run_sync(pending_sessions, self.desk):
            if other != exclude and other not in self._running:
                self.schedule(other)
