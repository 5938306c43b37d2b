"""Table model of one item's evidence files (data dukung), fed from :class:`EvidenceView`.

Columns: file name, caption, size (``1,2 MB``), type, short hash (12 hex digits; the full
SHA-256 is in the tooltip). ``VIEW_ROLE`` gives the row's :class:`EvidenceView`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from zi_desktop.formatting import format_date, format_number, format_size
from zi_desktop.i18n import N_, _, ngettext
from zi_desktop.values.views import EvidenceView

from ..widgets.plain_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
SHORT_HASH = 12
COLUMNS = 5
_OOXML = "application/vnd.openxmlformats-officedocument."
_TYPE_NAMES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "image/heic": "HEIC",
    "text/csv": "CSV",
    "text/plain": N_("Text"),
    "application/x-ole-storage": N_("Office (old format)"),
    _OOXML + "wordprocessingml.document": "Word",
    _OOXML + "spreadsheetml.sheet": "Excel",
    _OOXML + "presentationml.presentation": "PowerPoint",
}


def type_name(mime: str) -> str:
    """A short, familiar name for an allowed evidence type."""
    if mime.startswith("application/vnd.oasis.opendocument."):
        return "OpenDocument"
    return _(_TYPE_NAMES[mime]) if mime in _TYPE_NAMES else mime


class EvidenceTableModel(QAbstractTableModel):
    """The evidence files of one item and tier, in the order they were added."""

    VIEW_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EvidenceView] = []

    # -- changing the rows -------------------------------------------------------------------
    def set_rows(self, rows: Sequence[EvidenceView]) -> bool:
        """Show ``rows``; whether the model was reset (most items have no evidence: moving
        between two of them resets nothing)."""
        if not rows and not self._rows:
            return False
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        return True

    def append(self, view: EvidenceView) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(view)
        self.endInsertRows()
        return row

    def replace(self, view: EvidenceView) -> None:
        row = self.row_of(view.id)
        if row >= 0:
            self._rows[row] = view
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMNS - 1))

    def remove(self, evidence_id: int) -> None:
        row = self.row_of(evidence_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def retranslate(self) -> None:
        """Headers, sizes and type names follow the language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMNS - 1))

    # -- reading -----------------------------------------------------------------------------
    def rows(self) -> list[EvidenceView]:
        return list(self._rows)

    def row_at(self, row: int) -> EvidenceView:
        return self._rows[row]

    def row_of(self, evidence_id: int) -> int:
        return next((r for r, v in enumerate(self._rows) if v.id == evidence_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = [_("File"), _("Caption"), _("Size"), _("Type"), _("Hash")]
        return headers[section] if 0 <= section < COLUMNS else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        view, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(view, column)
        if role == Qt.ItemDataRole.ToolTipRole:  # names and captions from packages: as text
            return plain_tooltip(self._tooltip(view, column))
        if role == self.VIEW_ROLE:
            return view
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(view: EvidenceView, column: int) -> str:
        if column == 0:
            return view.file_name
        if column == 1:
            return view.caption
        if column == 2:
            return format_size(view.size)
        if column == 3:
            return type_name(view.mime)
        return view.sha256[:SHORT_HASH]

    @staticmethod
    def _tooltip(view: EvidenceView, column: int) -> str:
        if column == 0:
            return _("Added by {who} on {date}").format(
                who=view.added_by or "—", date=format_date(view.added_at)
            )
        if column == 2:
            count = format_number(view.size, 0)
            return ngettext("{count} byte", "{count} bytes", view.size).format(count=count)
        if column == 3:
            return view.mime
        if column == 4:
            return view.sha256
        return view.caption
