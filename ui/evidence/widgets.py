"""Small building blocks of the evidence panel: its table, its actions, language following."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QMimeData, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget
from shiboken6 import isValid

from zi_desktop.i18n import on_language_changed
from zi_desktop.services.values import EvidenceView

from .model import EvidenceTableModel

VISIBLE_ROWS = (1, 6)  # the table grows with its files between these, then scrolls


class Retranslatable(Protocol):
    """A widget that sets its texts in ``retranslate_ui()``."""

    @property
    def destroyed(self) -> SignalInstance: ...

    def retranslate_ui(self) -> None: ...


def follow_language(widget: Retranslatable) -> None:
    """Re-run ``widget.retranslate_ui()`` on every language change while the widget lives.

    The listener holds the widget weakly and is unregistered when the widget is destroyed, so
    a deleted widget is never called and never kept alive by the listener list.
    """
    ref = weakref.ref(widget)

    def listener(_lang: str) -> None:
        alive = ref()
        if alive is not None and isValid(alive):
            alive.retranslate_ui()

    widget.destroyed.connect(on_language_changed(listener))


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


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The local files in dragged data (a web link is not a file)."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class EvidenceTable(QTableView):
    """The list of files: whole rows, one at a time, never edited in place, compact."""

    def __init__(self, model: EvidenceTableModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def selected(self) -> EvidenceView | None:
        rows = self.selectionModel().selectedRows()
        model = self.model()
        assert isinstance(model, EvidenceTableModel)
        return model.row_at(rows[0].row()) if rows else None

    def fit_height(self) -> None:
        """Tall enough for the files (within :data:`VISIBLE_ROWS`), so pages stay compact."""
        rows = min(max(self.model().rowCount(), VISIBLE_ROWS[0]), VISIBLE_ROWS[1])
        row_height = self.verticalHeader().defaultSectionSize()
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(header + rows * row_height + 2 * self.frameWidth())
