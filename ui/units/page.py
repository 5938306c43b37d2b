"""The unit list page: search as you type, filters, sorting; opening a unit.

Signals:
    sig_unit_opened(str): the code of the unit the user asked to open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.i18n import _, ngettext

from .model import UnitTableModel, verdict_texts

if TYPE_CHECKING:
    from zi_desktop.services.unit_list import UnitSource


class UnitListPage(QWidget):
    sig_unit_opened = Signal(str)

    def __init__(self, source: UnitSource) -> None:
        super().__init__()
        self.source = source
        self.model = UnitTableModel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.instansi = QComboBox()
        self.status = QComboBox()
        self.target = QComboBox()
        self.table = QTableView()
        self.table.setModel(self.model)  # the model sorts itself: a proxy is too slow at 10,000
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.count = QLabel()
        self._labels = [QLabel(), QLabel(), QLabel()]
        self._layout()
        self.search.textChanged.connect(self.refresh)
        for combo in (self.instansi, self.status, self.target):
            combo.currentIndexChanged.connect(self.refresh)
        self.table.activated.connect(self._open)
        self.retranslate_ui()
        self.refresh()
        self._size_columns()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for label, combo in zip(
            self._labels, (self.instansi, self.status, self.target), strict=True
        ):
            filters.addWidget(label)
            filters.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.count)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.search.setPlaceholderText(_("Search unit name or code…"))
        self._labels[0].setText(_("Instansi:"))
        self._labels[1].setText(_("Status:"))
        self._labels[2].setText(_("Target:"))
        self._fill(self.instansi, [("", _("All"))] + self.source.instansi_list())
        self._fill(
            self.status,
            [("", _("All")), ("draft", _("Draft")), ("submitted", _("Submitted")),
             ("reviewed", _("Reviewed"))],
        )  # fmt: skip
        self._fill(self.target, [("", _("All")), ("WBK", "WBK"), ("WBBM", "WBBM")])
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)
        self.model.layoutChanged.emit()
        self._update_count()

    @staticmethod
    def _fill(combo: QComboBox, entries: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for key, text in entries:
            combo.addItem(text, key)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def _size_columns(self) -> None:
        """Column widths from the texts a column can hold (instansi names, verdicts, numbers),
        measured once; asking the view to size to contents reads thousands of cells."""
        metrics = self.table.fontMetrics()
        samples = [
            [],
            [self.instansi.itemText(i) for i in range(1, self.instansi.count())],  # filled
            ["WBBM"],
            ["000/000"],
            ["00,00"],
            ["00,00"],
            verdict_texts(),
        ]
        headers = self.model.headers()
        for column in range(1, len(samples)):
            texts = [headers[column], *samples[column]]
            width = max(metrics.horizontalAdvance(t) for t in texts)
            self.table.setColumnWidth(column, min(width + 24, 320))

    def set_source(self, source: UnitSource) -> None:
        """Read the list from ``source`` from now on (the workspace, once it is open)."""
        self.source = source
        self.refresh()

    def refresh(self) -> None:
        rows = self.source.list_units(
            query=self.search.text(),
            instansi=self.instansi.currentData() or "",
            status=self.status.currentData() or "",
            target=self.target.currentData() or "",
        )
        self.model.set_rows(rows)
        self._update_count()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count.setText(ngettext("{count} unit", "{count} units", count).format(count=count))

    def _open(self, index: object) -> None:
        self.sig_unit_opened.emit(self.model.row_at(index.row()).code)  # type: ignore[attr-defined]

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
