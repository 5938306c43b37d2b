"""Opening a stored evidence file with the program the system uses for its type.

Stored files are named by their SHA-256, without an extension, so a viewer would not know
what they are; and they must never change, or their hash no longer matches. The viewer gets a
read-only copy under the file's own name in a private temporary folder instead.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _

_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')  # not allowed in Windows file names
_folder: Path | None = None


def safe_name(file_name: str, fallback: str) -> str:
    """``file_name`` usable as a file name on every system (never a path)."""
    name = _UNSAFE.sub("_", file_name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return name or fallback


def viewer_copy(stored: Path, file_name: str, sha256: str) -> Path:
    """A read-only copy of ``stored`` named ``file_name``; reused while it is unchanged."""
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="zi-desktop-open-"))  # private: mode 0700
    target = _folder / sha256[:16] / safe_name(file_name, sha256[:16])
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
