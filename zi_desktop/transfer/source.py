"""The package to upload: one file, or the parts of a split package joined first.

:func:`open_source` reads the package's structure and manifest and cuts it into its frame and
its files (:mod:`zi_desktop.sync.frame`). Parts are checked and joined (``zi join``'s code)
into a temp file beside them, removed when the upload ends.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserFacingError
from ..i18n import _
from ..inputfile import LIMITS, open_input
from ..storage.durable import temp_path
from ..sync import split
from ..sync.frame import Cut, frame_of
from ..sync.limits import DEFAULT
from ..sync.reasons import PackageRefused


@dataclass
class Source:
    path: Path  # the package file read (the joined temp file for parts)
    named: Path  # the package as the user named it (its first part for parts)
    cut: Cut
    joined: bool  # path is a temp file, removed by close()

    def close(self) -> None:
        if self.joined:
            self.path.unlink(missing_ok=True)


def _is_part(path: Path) -> bool:
    try:
        split.read_header(path)
    except (OSError, ValueError):
        return False
    return True


def open_source(paths: list[Path]) -> Source:
    """The package of ``paths`` (one package file, or all parts of one)."""
    if not paths:
        raise UserFacingError(_("Name the package file to upload."))
    named = Path(paths[0])
    joined = len(paths) > 1 or _is_part(named)
    path = temp_path(named.parent) if joined else named
    try:
        if joined:
            split.join([Path(p) for p in paths], path)
        with open_input(path, LIMITS["package"]) as handle:  # a regular file, never a pipe
            cut = frame_of(handle, os.fstat(handle.fileno()).st_size, DEFAULT)
    except PackageRefused as bad:
        if joined:
            path.unlink(missing_ok=True)
        raise UserFacingError(
            _("{path} is not a valid package ({reason}): {message}").format(
                path=named, reason=bad.reason.value, message=bad.message
            )
        ) from None
    except OSError as exc:
        if joined:
            path.unlink(missing_ok=True)
        raise UserFacingError(
            _("Cannot read {path}: {error}").format(path=named, error=exc.strerror or exc)
        ) from None
    except BaseException:
        if joined:
            path.unlink(missing_ok=True)
        raise
    return Source(path, named, cut, joined)
