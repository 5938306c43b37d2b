"""Actions with shortcuts that work in one widget or in the whole window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def make_action(
    parent: QWidget,
    slot: Callable[[], None],
    key: str | QKeySequence.StandardKey | None = None,
    window_wide: bool = False,
) -> QAction:
    """An action of ``parent``; its shortcut works in the whole window or only in ``parent``."""
    action = QAction(parent)
    if key is not None:
        action.setShortcut(QKeySequence(key))
    action.setShortcutContext(
        Qt.ShortcutContext.WindowShortcut
        if window_wide
        else Qt.ShortcutContext.WidgetWithChildrenShortcut
    )
    action.triggered.connect(slot)
    parent.addAction(action)
    return action
