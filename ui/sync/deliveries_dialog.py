"""What was sent of a unit: each package, and whether the coordinator's receipt says it arrived
("terkirim") — with the receipt to check, and unsent packages to send."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.services.delivery import Delivery, deliveries, stored_receipt_view

from ..dialogs import get_service

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex


def result_text(result: str) -> str:
    if result == "imported":
        return _("sent (terkirim): imported by the coordinator")
    if result == "received":
        return _("sent (terkirim): received, import pending")
    return _("not confirmed yet")


class DeliveriesModel(QAbstractTableModel):
    """One row per package sent: sequence, date, file, what the receipt says."""

    def __init__(self, rows: list[Delivery]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        d = self.rows[index.row()]
        return (str(d.sequence), d.created, d.file_name, result_text(d.result))[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("No."), _("Written"), _("File"), _("Coordinator"))[section]


class DeliveriesDialog(QDialog):
    def __init__(self, workspace: Workspace, unit_code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.unit_code = workspace, unit_code
        self.model = DeliveriesModel(deliveries(workspace, unit_code))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button, self.send_button = QPushButton(), QPushButton()
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(self.check_selected)
        self.send_button.clicked.connect(self.send_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        if self.model.rows:
            self.table.selectRow(0)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Packages sent: {unit}").format(unit=self.unit_code))
        self.intro.setText(
            _("A package counts as sent (terkirim) once the coordinator's signed receipt says so.")
        )
        self.check_button.setText(_("Check the receipt"))
        self.send_button.setText(_("Send"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))

    def selected(self) -> Delivery | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def check_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.result:
            return
        try:
            view = stored_receipt_view(self.workspace, chosen.package)
        except UserFacingError as bad:
            get_service().error(self, bad.message, bad.details)
            return
        get_service().info(
            self,
            _("Receipt"),
            _("Valid receipt, signed by coordinator {fingerprint}: {result} at {time}.").format(
                fingerprint=view.coordinator_fingerprint, result=view.result, time=view.time
            ),
        )

    def send_selected(self) -> None:
        from .actions import upload_package_file

        chosen = self.selected()
        if chosen is None:
            return
        path = Path(self.workspace.layout.exports) / chosen.file_name
        upload_package_file(self, self.workspace, path)
