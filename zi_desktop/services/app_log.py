"""The window's log file: what went wrong, kept for whoever gives support.

The built program has no console, so the window writes ``zi-desktop.log`` in the log folder
(:func:`~zi_desktop.storage.location.log_dir`): the records of the ``logging`` module
(warnings and errors, among them the traceback of every unexpected error the window shows)
and, through Python's fault handler, the stack of every thread when the process dies hard
(a segmentation fault in Qt, say). At :data:`MAX_BYTES` the file becomes ``zi-desktop.log.1``
and a new one starts; :data:`BACKUPS` old files are kept.

The fault handler writes straight into the open file descriptor of the log, so it is switched
off while the file is rotated and on again for the new file: it never writes to a closed
descriptor that another file may have taken over.
"""

from __future__ import annotations

import faulthandler
import logging
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from ..storage.location import log_dir

LOG_NAME = "zi-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


class LogFile(RotatingFileHandler):
    """The rotating log file at ``path``, with the fault handler writing into it."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
        self.path = path
        self.setFormatter(logging.Formatter(FORMAT))

    def _open(self) -> TextIOWrapper:
        stream = super()._open()  # every file this handler opens, the first and after rotating
        faulthandler.enable(stream, all_threads=True)
        return stream

    def doRollover(self) -> None:
        faulthandler.disable()  # its descriptor is about to close; _open() enables it again
        super().doRollover()

    def close(self) -> None:
        faulthandler.disable()
        super().close()


def open_log(folder: Path | None = None) -> LogFile | None:
    """Start writing the log in ``folder`` (the log folder by default) for every logger;
    ``None`` when the file cannot be written (a read-only home, a full disk): the window
    works without it."""
    try:
        handler = LogFile((folder or log_dir()) / LOG_NAME)
    except OSError:
        return None
    logging.getLogger().addHandler(handler)
    return handler


def close_log(handler: LogFile) -> None:
    """Stop writing the log (and the fault handler) and close the file."""
    logging.getLogger().removeHandler(handler)
    handler.close()
