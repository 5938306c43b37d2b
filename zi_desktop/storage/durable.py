"""Durable file writes: temp file in the same folder, fsync, atomic rename, directory fsync.

A reader sees either the old file or the whole new one, and a write that returned survives
a crash or power cut. OS errors are turned into user-facing messages with advice.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UserFacingError
from ..i18n import _

TEMP_SUFFIX = ".part"


def fsync_dir(folder: Path) -> None:
    """Make a rename or create in ``folder`` durable (a no-op where the OS cannot)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_path(folder: Path) -> Path:
    return folder / f".{secrets.token_hex(8)}{TEMP_SUFFIX}"


def os_error_message(exc: OSError, path: Path) -> UserFacingError:
    """A user-facing error for an OS failure, with advice for the known environment causes."""
    if exc.errno == errno.ENOSPC:
        text = _("The disk is full while writing {path}. Free some space and try again.")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        text = _("No permission to write {path}. Choose a folder you can write to.")
    elif exc.errno == errno.EIO:
        text = _("The disk reported an input/output error at {path}. Check the disk or USB stick.")
    else:
        text = _("Could not write {path}: {error}")
    return UserFacingError(text.format(path=path, error=exc.strerror or exc), details=repr(exc))


@contextmanager
def atomic_writer(target: Path) -> Iterator[int]:
    """Yield a file descriptor; on success the data replaces ``target`` durably."""
    tmp = temp_path(target.parent)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        yield fd
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically and durably."""
    try:
        with atomic_writer(target) as fd:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
    except OSError as exc:
        raise os_error_message(exc, target) from exc
