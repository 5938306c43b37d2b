"""Pacing an upload: a rate cap, and backoff with jitter between attempts."""

from __future__ import annotations

import random
import time

from ..errors import Cancelled
from .values import UploadControl

BACKOFF_FIRST = 0.5  # seconds
BACKOFF_CAP = 30.0


class Pacer:
    """Spaces out sent bytes so that they never exceed the control's rate cap."""

    def __init__(self, control: UploadControl) -> None:
        self.control = control
        self._start = time.monotonic()
        self._sent = 0
        self._rate = 0

    def wait_for(self, count: int) -> None:
        """Sleep until ``count`` more bytes may go; honours pause and cancel."""
        self.hold()
        rate = self.control.rate_kbps * 1000 // 8  # bytes per second
        if rate != self._rate:
            self._rate, self._start, self._sent = rate, time.monotonic(), 0
        if rate <= 0:
            return
        self._sent += count
        ahead = self._sent / rate - (time.monotonic() - self._start)
        if ahead > 0:
            self.sleep(ahead)

    def hold(self) -> None:
        """Return at once unless paused; while paused, wait (cancel still stops it)."""
        while self.control.paused.is_set():
            self.sleep(0.1)
            self._start, self._sent = time.monotonic(), 0

    def sleep(self, seconds: float) -> None:
        if self.control.cancelled.wait(seconds):
            raise Cancelled()


def backoff(failures: int, retry_after: float | None = None) -> float:
    """Seconds to wait before attempt ``failures + 1``: full jitter, exponential, capped."""
    ceiling = min(BACKOFF_CAP, BACKOFF_FIRST * 2 ** max(0, failures - 1))
    delay = random.uniform(0, ceiling)  # jitter, not a secret
    return max(delay, retry_after or 0.0)
