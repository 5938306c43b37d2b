"""Files dropped on a widget."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The local files in dragged data (a web link is not a file)."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
