"""Sending a package to the coordinator's intake, with the progress the coordinator confirmed.

The upload runs in the background (:func:`zi_desktop.transfer.upload.upload_package`); the
dialog shows the confirmed bytes of the package and of each file, lets the user pause and
resume and cap the rate, and ends with the coordinator's receipt (open it, check it). Without
a network it says so: the package and the upload's journal stay, and the upload continues from
where it stopped the next time (also after the app restarts).

Signals:
    sig_finished(str): the upload ended: ``imported``, ``received``, ``refused``,
        ``unavailable``, ``failed`` or ``cancelled``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.formatting import format_size
from zi_desktop.i18n import _
from zi_desktop.services.delivery import read_receipt, record_receipt_data
from zi_desktop.services.identity import Unlock, signer
from zi_desktop.transfer.upload import upload_package
from zi_desktop.transfer.values import (
    NetworkUnavailable,
    UploadControl,
    UploadProgress,
    UploadRefused,
    UploadResult,
)

from ..dialogs import get_service
from ..ops import OpHandle, Progress, run_op
from .upload_model import UploadFilesModel

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

STEPS = 1000


class _Relay(QObject):
    """Carries the upload's progress from its thread to the GUI thread (queued)."""

    sig_progress = Signal(object)


class UploadDialog(QDialog):
    sig_finished = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        package: Path,
        server: str,
        unlock: Unlock,
        *,
        identity_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.package, self.server = workspace, package, server
        self.unlock, self.identity_dir = unlock, identity_dir
        self.control = UploadControl()
        self.upload_result: UploadResult | None = None
        self.outcome = ""
        self.op: OpHandle[UploadResult] | None = None
        self.files = UploadFilesModel()
        self._relay = _Relay()
        self._relay.sig_progress.connect(self._show_progress)
        self.intro, self.status, self.rate_label = QLabel(), QLabel(), QLabel()
        self.intro.setWordWrap(True)
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.table = QTableView()
        self.table.setModel(self.files)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.rate = QSpinBox()
        self.rate.setRange(0, 1_000_000)
        self.rate.setSingleStep(64)
        self.rate.valueChanged.connect(self._set_rate)
        self.rate_label.setBuddy(self.rate)
        self.pause_button, self.retry_button = QPushButton(), QPushButton()
        self.open_button, self.check_button = QPushButton(), QPushButton()
        self.close_button = QPushButton()
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self._pause)
        self.retry_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_receipt)
        self.check_button.clicked.connect(self.check_receipt)
        self.close_button.clicked.connect(self.close)
        self._layout()
        self.retranslate_ui()
        self._set_buttons(running=False)

    def _layout(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(self.rate_label)
        controls.addWidget(self.rate)
        controls.addStretch(1)
        for button in (
            self.pause_button,
            self.retry_button,
            self.open_button,
            self.check_button,
            self.close_button,
        ):
            controls.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(controls)
        self.setMinimumWidth(620)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Send to the coordinator: {file}").format(file=self.package.name))
        self.intro.setText(
            _("Sending {file} to {server}. Only what the coordinator confirmed counts.").format(
                file=self.package.name, server=self.server
            )
        )
        self.rate_label.setText(_("&Rate cap (kbit/s, 0: none):"))
        self.pause_button.setText(_("Resume") if self.pause_button.isChecked() else _("Pause"))
        self.retry_button.setText(_("Try again"))
        self.open_button.setText(_("Open the receipt"))
        self.check_button.setText(_("Check the receipt"))
        self.close_button.setText(_("Close"))

    def _set_buttons(self, running: bool) -> None:
        done = self.upload_result is not None
        self.pause_button.setEnabled(running)
        self.retry_button.setEnabled(not running and not done)
        self.open_button.setEnabled(done)
        self.check_button.setEnabled(done)

    # -- the upload ----------------------------------------------------------------------------
    def start(self) -> None:
        """Start (or start again) the upload in the background."""
        if self.op is not None and not self.op.is_finished():
            return
        self.control.cancelled.clear()
        self.status.setText(_("Connecting…"))
        ws, package, server, control = self.workspace, self.package, self.server, self.control
        unlock, folder, relay = self.unlock, self.identity_dir, self._relay

        def work(progress: Progress) -> UploadResult:
            key = signer(unlock, folder)
            result = upload_package(
                [package], server, key, control=control, report=relay.sig_progress.emit
            )
            record_receipt_data(ws, result.receipt)
            return result

        self.op = run_op(self, work, self._done, self._failed, quiet=True)
        self.op.sig_finished.connect(self._ended)
        self._set_buttons(running=True)

    def _show_progress(self, p: UploadProgress) -> None:
        self.bar.setValue(p.confirmed * STEPS // p.total if p.total else 0)
        self.files.show(p.files)
        texts = {
            "connecting": _("Connecting…"),
            "sending": _("Sending: {done} of {total} confirmed.").format(
                done=format_size(p.confirmed), total=format_size(p.total)
            ),
            "committing": _("All files arrived; the coordinator imports the package…"),
            "waiting": p.note,
            "done": _("Done."),
        }
        self.status.setText(texts.get(p.state, p.note))

    def _done(self, result: UploadResult) -> None:
        self.upload_result = result
        self.outcome = result.status
        self.bar.setValue(STEPS)
        if result.status == "imported":
            text = _("Sent (terkirim): the coordinator imported the package.")
        else:
            text = _("Sent (terkirim): the coordinator received the package; its import waits.")
        self.status.setText(text + " " + _("Receipt: {path}").format(path=result.receipt_path))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, NetworkUnavailable):
            self.outcome = "unavailable"
            self.status.setText(
                _(
                    "No network to the coordinator now. The package is kept and the upload "
                    "continues from where it stopped when you try again (also after a restart)."
                )
            )
        elif isinstance(error, UploadRefused):
            self.outcome = "refused"
            self.status.setText(
                _("Refused ({reason}): {message}").format(reason=error.code, message=error.message)
            )
        else:
            self.outcome = "failed"
            message = error.message if isinstance(error, UserFacingError) else str(error)
            self.status.setText(message)

    def _ended(self, outcome: str) -> None:
        if outcome == "cancelled":
            self.outcome = "cancelled"
        self._set_buttons(running=False)
        self.sig_finished.emit(self.outcome)

    def _pause(self, paused: bool) -> None:
        if paused:
            self.control.paused.set()
            self.status.setText(_("Paused."))
        else:
            self.control.paused.clear()
        self.retranslate_ui()

    def _set_rate(self, kbps: int) -> None:
        self.control.rate_kbps = kbps

    # -- the receipt -----------------------------------------------------------------------------
    def open_receipt(self) -> None:
        if self.upload_result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.upload_result.receipt_path)))

    def check_receipt(self) -> None:
        if self.upload_result is None:
            return
        try:
            view = read_receipt(self.workspace, self.upload_result.receipt_path)
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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.control.cancelled.set()  # the journal keeps what was confirmed
        self.control.paused.clear()
        super().closeEvent(event)
