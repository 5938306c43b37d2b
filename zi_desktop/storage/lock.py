"""One running copy per workspace: an exclusive lock on ``zi.lock`` held while it is open."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from ..errors import UserFacingError
from ..i18n import _

LOCK_NAME = "zi.lock"


class WorkspaceLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._file: IO[bytes] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise UserFacingError(
                _(
                    "The workspace {folder} is open in another running copy of ZI Desktop. "
                    "Close it there first."
                ).format(folder=self.path.parent)
            ) from None
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            _unlock(self._file)
            self._file.close()
            self._file = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
