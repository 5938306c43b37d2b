"""Joining the parts of a split package (``zi join``): every part checked before anything is
written; see :mod:`zi_desktop.sync.split`."""

from __future__ import annotations

from pathlib import Path

from ...sync.split import JoinFailed as JoinFailed
from ...sync.split import join


def join_parts(parts: list[Path], target: Path) -> int:
    """Write the package the ``parts`` make to ``target``; returns its size.

    Raises :class:`JoinFailed` naming the parts that are missing or damaged.
    """
    return join(parts, target)
