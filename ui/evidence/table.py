"""The evidence panel's table of files."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from zi_desktop.values.views import EvidenceView

from .model import EvidenceTableModel

VISIBLE_ROWS = (1, 6)  # the table grows with its files between these, then scrolls


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
