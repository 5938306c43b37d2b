"""Opening a stored evidence file with the program the system uses for its type.

Stored files are named by their SHA-256, without an extension, so a viewer would not know
what they are; and they must never change, or their hash no longer matches. The viewer gets a
read-only copy under the file's own name in a private temporary folder instead.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.services.evidence_names import viewing_name

PREFIX = "zi-desktop-open-"
STALE_SECONDS = 24 * 3600  # another window may still be showing a younger copy
_folder: Path | None = None


def viewer_copy(stored: Path, file_name: str, mime: str, sha256: str) -> Path:
    """A read-only copy of ``stored`` under its name made safe for ``mime``; reused if unchanged.

    The name's extension always fits the type the content was found to be
    (:func:`viewing_name`), so the system never runs a program for evidence.
    """
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix=PREFIX))  # private: mode 0700
    target = _folder / sha256[:16] / viewing_name(file_name, mime)
    try:
        if target.is_file() and target.stat().st_size == stored.stat().st_size:
            return target
        target.parent.mkdir(exist_ok=True)
        partial = target.with_name(target.name + ".part")
        shutil.copyfile(stored, partial)
        os.chmod(partial, stat.S_IRUSR)
        if target.exists():
            os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)  # Windows cannot replace read-only
        os.replace(partial, target)
    except OSError as exc:
        raise UserFacingError(
            _("Cannot prepare {name} for viewing: {error}").format(
                name=file_name, error=exc.strerror or exc
            )
        ) from None
    return target


def open_with_system(path: Path) -> bool:
    """Hand ``path`` to the system's viewer; whether one took it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def remove_viewer_copies(now: float | None = None) -> None:
    """Remove this run's viewer copies, and those older runs left behind for a day or more.

    A copy that a viewer still holds open may not be removable (Windows): it is left for the
    next start. Copies are duplicates of stored evidence, so nothing is lost.
    """
    global _folder
    if _folder is not None:
        shutil.rmtree(_folder, ignore_errors=True)
        _folder = None
    limit = (time.time() if now is None else now) - STALE_SECONDS
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            stale = folder.is_dir() and folder.stat().st_mtime < limit
        except OSError:
            continue
        if stale:
            shutil.rmtree(folder, onerror=_make_writable_and_retry)


def _make_writable_and_retry(function: Callable[[str], object], path: str, _exc: object) -> None:
    """The copies are read-only, which stops Windows from deleting them."""
    try:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IXUSR)
        function(path)
    except OSError:
        pass
