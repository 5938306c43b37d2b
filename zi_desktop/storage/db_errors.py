"""What kind of database failure an exception is, decided by the engine's error code.

SQLite reports a result code with every error (``sqlite3.Error.sqlite_errorcode``); its low
byte is the primary code (https://www.sqlite.org/rescode.html). Message texts change between
versions and languages, codes do not. An error whose code is not listed here is a bug, not a
problem of the environment.
"""

from __future__ import annotations

import sqlite3
from enum import Enum


class Failure(Enum):
    """Environment problems a person can act on."""

    BUSY = "busy"  # another connection holds the lock
    FULL = "full"  # the disk (or the database's size limit) is full
    READ_ONLY = "read_only"  # the file or its folder cannot be written
    DAMAGED = "damaged"  # the file is not a database, or is corrupt
    IO = "io"  # the disk reported an input/output error
    CANNOT_OPEN = "cannot_open"  # the file cannot be opened at all


# Primary result codes (sqlite3.h): SQLITE_BUSY 5, SQLITE_LOCKED 6, SQLITE_READONLY 8,
# SQLITE_IOERR 10, SQLITE_CORRUPT 11, SQLITE_FULL 13, SQLITE_CANTOPEN 14, SQLITE_NOTADB 26.
_SQLITE = {
    5: Failure.BUSY,
    6: Failure.BUSY,
    8: Failure.READ_ONLY,
    10: Failure.IO,
    11: Failure.DAMAGED,
    13: Failure.FULL,
    14: Failure.CANNOT_OPEN,
    26: Failure.DAMAGED,
}


def failure_of(exc: BaseException) -> Failure | None:
    """The environment problem ``exc`` reports (the driver's own exception, or a wrapper whose
    ``orig`` is one), or None when it is none of them."""
    original = getattr(exc, "orig", exc)
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        return None if code is None else _SQLITE.get(code & 0xFF)
    return None
