"""Where a workspace lives and what its folder holds.

A workspace is a folder with ``zi.sqlite``, ``evidence/``, ``backups/`` and ``exports/``. By
default it is in the platform's user data folder; ``--workspace DIR`` chooses another; in
portable mode (a file named ``portable`` beside the executable, or beside the ``zi_desktop``
package when run from source) it is the ``workspace`` folder next to that file, with the
settings in ``settings`` and the log in ``logs`` beside it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from ..errors import UserFacingError
from ..i18n import _

APP_NAME = "ZI Desktop"
PORTABLE_MARKER = "portable"


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "zi.sqlite"

    @property
    def evidence(self) -> Path:
        return self.root / "evidence"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    def create(self) -> None:
        for folder in (self.root, self.evidence, self.backups, self.exports):
            folder.mkdir(parents=True, exist_ok=True)

    def check_no_links(self) -> None:
        """Refuse a workspace whose folders (or database) are symbolic links.

        Every write goes to these folders; a link would send evidence, backups or exports
        outside the workspace (or let another program's files be overwritten).
        """
        inner = [self.database, self.evidence, self.backups, self.exports]
        inner.append(self.evidence / "incoming")
        if self.evidence.is_dir() and not self.evidence.is_symlink():
            inner += [p for p in self.evidence.iterdir() if len(p.name) == 2]
        for path in inner:
            if path.is_symlink():
                raise UserFacingError(
                    _(
                        "{path} is a symbolic link. A workspace's folders must be real folders "
                        "inside it, so that nothing is written elsewhere; replace the link by "
                        "the folder it points to, then open the workspace again."
                    ).format(path=path)
                )

    def check_writable(self) -> None:
        probe = self.root / f".write-test-{os.getpid()}"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError:
            raise UserFacingError(
                _(
                    "The workspace folder {folder} is read-only. Copy it to a folder you can "
                    "write to, or open it from there."
                ).format(folder=self.root)
            ) from None


def portable_base() -> Path | None:
    """The folder holding the ``portable`` marker, if portable mode is on."""
    candidates = []
    if getattr(sys, "frozen", False):
        candidates.append(Path(sys.executable).resolve().parent)
    candidates.append(Path(__file__).resolve().parent.parent.parent)
    for base in candidates:
        if (base / PORTABLE_MARKER).is_file():
            return base
    return None


def default_workspace() -> Path:
    base = portable_base()
    if base is not None:
        return base / "workspace"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "workspace"


def settings_dir() -> Path:
    """Per-user application settings (last workspace, language), portable-aware."""
    base = portable_base()
    if base is not None:
        return base / "settings"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """The window's log file folder, portable-aware (``logs`` beside ``settings``)."""
    base = portable_base()
    if base is not None:
        return base / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
