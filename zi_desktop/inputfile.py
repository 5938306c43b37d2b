"""Opening a file a person or another program hands in: a regular file, size-checked first.

Every input — answers files, key cards, passphrase files, package parts, packages, workbooks,
evidence — is opened through :func:`open_input`, which

* opens without waiting (``O_NONBLOCK``), so a FIFO named as input never hangs the program;
* looks at what was opened (``fstat`` of the open descriptor, so nothing can be swapped in
  between the check and the read) and refuses anything but a regular file: a folder, a
  device such as ``/dev/zero``, a pipe or a socket;
* refuses a file larger than the limit for its kind *before* reading a byte (the limits are
  in :data:`LIMITS` and documented where each format is);
* with ``follow_links=False``, refuses a symbolic link (``O_NOFOLLOW`` where the platform has
  it, and a check of the path before opening where it has not).

:func:`read_input` also reads at most the limit, so a file that grows while it is read still
cannot take more memory than its limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import UserFacingError
from .formatting import format_size
from .i18n import _

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB

# The largest input of each kind (documented in docs/: answers-format.md, identity.md,
# package-format.md, excel-import.md, workspace.md).
LIMITS = {
    "answers": 16 * MiB,  # a zi-answers/1 or PortalRB file
    "card": 16 * KiB,  # a zi-card/1 key card
    "passphrase": 4 * KiB,  # a passphrase file (its first line is the passphrase)
    "part-header": 4 * KiB,  # the header of one part of a split package
    "part": 16 * GiB + 4 * KiB,  # one part of a split package
    "package": 16 * GiB,  # a sync or assignment package
    "identity": 64 * KiB,  # the sealed key file
}

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)


class NotAFile(UserFacingError):
    """The input is not a regular file (or is a link where links are refused)."""


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("not a regular file")


def _cannot_read(path: Path, exc: OSError) -> UserFacingError:
    return UserFacingError(
        _("Cannot read {path}: {error}").format(path=path, error=exc.strerror or exc)
    )


def _refuse_link(path: Path) -> None:
    if path.is_symlink():
        raise NotAFile(
            _(
                "{path} is a symbolic link; it is refused so that nothing outside the file you "
                "chose is read. Choose the file itself."
            ).format(path=path)
        )


def open_input(path: Path, limit: int, follow_links: bool = True) -> BinaryIO:
    """``path`` opened for reading, checked to be a regular file of at most ``limit`` bytes."""
    path = Path(path)
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | _NOCTTY
    if not follow_links:
        _refuse_link(path)
        flags |= _NOFOLLOW
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UserFacingError(_("File not found: {path}").format(path=path)) from None
    except OSError as exc:
        if not follow_links and path.is_symlink():
            _refuse_link(path)
        raise _cannot_read(path, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(
                _("{path} is {kind}, not a file. Give the path of the file itself.").format(
                    path=path, kind=_kind_of(info.st_mode)
                )
            )
        if info.st_size > limit:
            raise UserFacingError(
                _("{path} is {size}; this kind of file is at most {limit}.").format(
                    path=path, size=format_size(info.st_size), limit=format_size(limit)
                )
            )
        if _NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(path: Path, limit: int) -> bytes:
    """The whole content of a regular file of at most ``limit`` bytes (never more in memory)."""
    try:
        with open_input(path, limit) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _cannot_read(Path(path), exc) from None
    if len(data) > limit:
        raise UserFacingError(
            _("{path} grew past {limit} while it was read.").format(
                path=path, limit=format_size(limit)
            )
        )
    return data
