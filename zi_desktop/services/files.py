"""Writing a file the user asked for (an answers file, a report): durably and atomically, so
that a crash leaves either the old file or the whole new one (:mod:`zi_desktop.storage.durable`).
"""

from __future__ import annotations

from pathlib import Path

from ..storage.durable import write_bytes


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (temp file, fsync, atomic rename, folder fsync)."""
    write_bytes(Path(path), data)
