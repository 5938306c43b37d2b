"""Table model of the unit list, fed from :class:`zi_desktop.values.views.UnitRow`."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from zi_desktop.formatting import format_number
from zi_desktop.i18n import _
from zi_desktop.services.unit_list import by_name
from zi_desktop.values.views import UnitRow

from ..widgets.plain_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
COLUMNS = 8


def verdict_text(row: UnitRow) -> str:
    """The best predikat the TPI's answers reach, or why there is none yet."""
    if row.verdict_wbbm == "eligible":
        return _("Menuju WBBM")
    if row.verdict_wbk == "eligible":
        return _("Menuju WBK")
    if row.verdict_wbk == "not_eligible":
        return _("Not eligible")
    return _("Not decided yet")


def verdict_texts() -> list[str]:
    """Every text the verdict column can show (to size the column)."""
    return [_("Menuju WBBM"), _("Menuju WBK"), _("Not eligible"), _("Not decided yet")]


def status_texts() -> dict[str, str]:
    """The unit statuses (``services.unit_list.STATUSES``) as the list shows them."""
    return {
        "not_started": _("Not started"),
        "in_progress": _("In progress"),
        "complete": _("Complete"),
        "sent": _("Sent"),
    }


class UnitTableModel(QAbstractTableModel):
    """Columns: unit, instansi, target, progress, nilai unit, nilai TPI, verdict, status.

    ``Qt.UserRole`` gives sortable raw values (numbers as floats, progress as a ratio).
    """

    SORT_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, rows: list[UnitRow] | None = None) -> None:
        super().__init__()
        self._rows: list[UnitRow] = list(rows or [])
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)

    def headers(self) -> list[str]:
        return [
            _("Unit"),
            _("Instansi"),
            _("Target"),
            _("Progress (TPI)"),
            _("Nilai unit"),
            _("Nilai TPI"),
            _("Verdict (TPI)"),
            _("Status"),
        ]

    def set_rows(self, rows: list[UnitRow]) -> None:
        """Show ``rows``, which come sorted by name (as the services list them)."""
        self.beginResetModel()
        self._rows = rows
        if self._sort != (0, Qt.SortOrder.AscendingOrder):
            self._apply_sort()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python by each row's raw value (one key per row, not per comparison)."""
        if (column, order) == self._sort:
            return  # the view asks again when sorting is switched on and when rows arrive
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        key = by_name if column == 0 else (lambda row: self._sort_key(row, column))
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def row_at(self, row: int) -> UnitRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section] if 0 <= section < COLUMNS else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return plain_tooltip(row.code)  # a code from a package: never rich text
        return None

    def _display(self, row: UnitRow, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return row.instansi
        if column == 2:
            return row.target_predikat
        if column == 3:
            return f"{row.answered_tpi}/{row.required}"
        if column in (4, 5):
            value = row.nilai_unit if column == 4 else row.nilai_tpi
            return "—" if value is None else format_number(value)
        if column == 7:
            return status_texts().get(row.status, "—")
        return verdict_text(row)

    def _sort_key(self, row: UnitRow, column: int) -> Any:
        if column == 3:
            return row.answered_tpi / row.required if row.required else 0.0
        if column in (4, 5):
            value: Fraction | None = row.nilai_unit if column == 4 else row.nilai_tpi
            return -1.0 if value is None else float(value)
        return self._display(row, column).casefold()
