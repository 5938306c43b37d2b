"""The files of a package being uploaded, with the bytes the coordinator confirmed of each."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from zi_desktop.formatting import format_size
from zi_desktop.i18n import _
from zi_desktop.transfer.values import FileProgress

Index = QModelIndex | QPersistentModelIndex
COLUMNS = 3


def _name(path: str) -> str:
    folder, _sep, name = path.partition("/")
    return f"{folder}/{name[:12]}…" if folder == "evidence" else path


class UploadFilesModel(QAbstractTableModel):
    """One row per file of the package: name, size, and how much of it arrived."""

    def __init__(self) -> None:
        super().__init__()
        self._files: tuple[FileProgress, ...] = ()

    def show(self, files: tuple[FileProgress, ...]) -> None:
        if len(files) != len(self._files):
            self.beginResetModel()
            self._files = files
            self.endResetModel()
            return
        self._files = files
        if files:
            self.dataChanged.emit(self.index(0, 2), self.index(len(files) - 1, 2))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._files)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        f = self._files[index.row()]
        if index.column() == 0:
            return _name(f.path)
        if index.column() == 1:
            return format_size(f.size)
        if f.confirmed >= f.size:
            return _("arrived")
        return f"{100 * f.confirmed // max(f.size, 1)} %"

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("File"), _("Size"), _("Confirmed"))[section]
