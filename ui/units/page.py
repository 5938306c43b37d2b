"""The unit list page: search as you type, filters, sorting; opening a unit.

A workspace without any unit says what to do instead of showing an empty table: units come
from the coordinator's assignment package, and a unit's workbook is imported once it is there.

Signals:
    sig_unit_opened(str): the code of the unit the user asked to open.
    sig_receive(): the user asked to receive a package (from the empty workspace's page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.i18n import _, ngettext

from ..widgets.plain_text import PlainLabel
from .model import UnitTableModel, status_texts, verdict_texts

if TYPE_CHECKING:
    from zi_desktop.services.unit_list import UnitSource


class _EmptyWorkspace(QWidget):
    """What an evaluator does first in an empty workspace."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = PlainLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.text = PlainLabel()
        self.text.setWordWrap(True)
        self.receive = QPushButton()
        self.excel = PlainLabel()
        self.excel.setWordWrap(True)
        column = QWidget()  # a readable width, centred; wrapped texts take all of it
        column.setMaximumWidth(640)
        inner = QVBoxLayout(column)
        for label in (self.heading, self.text, self.excel):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(self.heading)
        inner.addWidget(self.text)
        inner.addSpacing(8)
        inner.addWidget(self.receive, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addSpacing(8)
        inner.addWidget(self.excel)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def retranslate_ui(self) -> None:
        self.heading.setText(_("No units in this workspace yet"))
        self.text.setText(
            _(
                "Units come from your coordinator: receive the assignment package they sent "
                "you (a .zisync file) and the units appear here."
            )
        )
        self.receive.setText(_("Receive a package (import)…"))
        self.excel.setText(
            _(
                "Has the unit given you its filled LKE Excel workbook? Open the unit once it is "
                "here, then import the workbook: File → Import from an LKE Excel workbook "
                "(Ctrl+Shift+I)."
            )
        )


class UnitListPage(QWidget):
    sig_unit_opened = Signal(str)
    sig_receive = Signal()

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
        self.count = PlainLabel()
        self._labels = [PlainLabel(), PlainLabel(), PlainLabel()]
        self.empty = _EmptyWorkspace()
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        self.empty.receive.clicked.connect(self.sig_receive)
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
        layout.addWidget(self.body, 1)
        layout.addWidget(self.count)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.search.setPlaceholderText(_("Search unit name or code…"))
        self._labels[0].setText(_("Instansi:"))
        self._labels[1].setText(_("Status:"))
        self._labels[2].setText(_("Target:"))
        self._fill(self.instansi, [("", _("All"))] + self.source.instansi_list())
        self._fill(self.status, [("", _("All")), *status_texts().items()])
        self._fill(self.target, [("", _("All")), ("WBK", "WBK"), ("WBBM", "WBBM")])
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self.empty.retranslate_ui()
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
            list(status_texts().values()),
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
        empty = not rows and self._no_units()
        self.body.setCurrentWidget(self.empty if empty else self.table)

    def _no_units(self) -> bool:
        """Whether the workspace has no unit at all (not just none that the filters let by)."""
        filtered = self.search.text().strip() or any(
            combo.currentData() for combo in (self.instansi, self.status, self.target)
        )
        return not filtered or not self.source.list_units()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count.setText(ngettext("{count} unit", "{count} units", count).format(count=count))

    def _open(self, index: QModelIndex) -> None:
        self.sig_unit_opened.emit(self.model.row_at(index.row()).code)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
