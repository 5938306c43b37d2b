"""Sending a unit: the package's preview (size, contents, fingerprints) before anything is
written, the passphrase, then writing in the background with progress.

The file is named after the unit, the day and the package's sequence number
(``ZI-KPP-001-20261201-3.zisync``), so that two packages of one day never share a name; an
existing file is replaced only when the evaluator says so. Without a pinned coordinator the
dialog asks for the coordinator's card instead of naming a command-line option.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.services.identity import current_identity
from zi_desktop.services.sync.export import FileExists, NoRecipient, export_package, preview_export
from zi_desktop.services.sync.text import package_lines
from zi_desktop.services.sync.values import PackageSummary

from ..dialogs import file_stem, get_service
from ..ops import OpHandle, Progress, run_op
from ..styles import ERROR_STYLE
from ..widgets.plain_text import PlainLabel
from .common import PACKAGE_SUFFIX

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace


def package_file_name(code: str, sequence: int) -> str:
    """``ZI-KPP-001-20261201-3.zisync``: the unit, today, the package's sequence number."""
    return f"ZI-{file_stem(code)}-{date.today():%Y%m%d}-{sequence}{PACKAGE_SUFFIX}"


class ExportDialog(QDialog):
    """Preview, passphrase, write. :attr:`written` is the summary of the package written."""

    def __init__(
        self,
        workspace: Workspace,
        unit_code: str,
        *,
        identity_dir: Path | None = None,
        recipient_card: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.unit_code = workspace, unit_code
        self.identity_dir, self.recipient_card = identity_dir, recipient_card
        self.target = workspace.layout.exports / package_file_name(unit_code, 1)
        self.target_chosen = False  # the default name follows the preview's sequence
        self.preview: PackageSummary | None = None
        self.written: PackageSummary | None = None
        self.upload: object = None  # the upload dialog started after writing, if any
        self.last_op: OpHandle[PackageSummary] | None = None
        self.intro, self.problem, self.target_label = PlainLabel(), PlainLabel(), PlainLabel()
        self.intro.setWordWrap(True)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(220)
        self.since_last = QCheckBox()
        self.recipient_button, self.target_button = QPushButton(), QPushButton()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = PlainLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.write_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._layout()
        self.buttons.accepted.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        self.since_last.toggled.connect(lambda _on: self.refresh())
        self.recipient_button.clicked.connect(self.choose_recipient)
        self.target_button.clicked.connect(self.choose_target)
        self.passphrase.textChanged.connect(lambda _text: self._update_buttons())
        self.retranslate_ui()
        self.refresh()

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.since_last)
        row.addStretch(1)
        row.addWidget(self.recipient_button)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_label, 1)
        target_row.addWidget(self.target_button)
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.problem)
        layout.addLayout(row)
        layout.addLayout(target_row)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Send a package: {unit}").format(unit=self.unit_code))
        self.intro.setText(_("Check what the package will hold before it is signed and written."))
        self.since_last.setText(_("Only what changed since the last package"))
        self.recipient_button.setText(_("Recipient's card…"))
        self.target_button.setText(_("Save as…"))
        self.passphrase_label.setText(_("&Passphrase:"))
        self.write_button.setText(_("Sign and write"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self._show_target()

    def _show_target(self) -> None:
        self.target_label.setText(_("File: {path}").format(path=self.target))

    def refresh(self) -> None:
        """Recompute the preview (nothing is written)."""
        if current_identity(self.identity_dir) is None:  # a window user, not a command
            self.preview = None
            self.details.setPlainText("")
            self.problem.setText(
                _(
                    "You have no signing key yet: create it with File → Identity and keys, "
                    "then send the package."
                )
            )
            self._update_buttons()
            return
        try:
            self.preview = preview_export(
                self.workspace,
                [self.unit_code],
                self.since_last.isChecked(),
                self.recipient_card,
                self.identity_dir,
            )
        except NoRecipient:
            self.preview = None
            self.details.setPlainText("")
            self.problem.setText(
                _(
                    "No coordinator yet: choose your coordinator's key card with “{button}”, "
                    "or receive an assignment package from them first."
                ).format(button=self.recipient_button.text().rstrip("…"))
            )
            self.recipient_button.setDefault(True)
            self.recipient_button.setFocus()
        except UserFacingError as error:
            self.preview = None
            self.details.setPlainText("")
            self.problem.setText(error.message)
        else:
            self.details.setPlainText("\n".join(package_lines(self.preview)))
            self.problem.setText("")
            self.recipient_button.setDefault(False)
            if not self.target_chosen:
                self.target = self.target.with_name(
                    package_file_name(self.unit_code, self.preview.sequence)
                )
                self._show_target()
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.last_op is not None and not self.last_op.is_finished()
        ready = self.preview is not None and bool(self.passphrase.text()) and not busy
        self.write_button.setEnabled(ready)

    def choose_recipient(self) -> None:
        files = get_service().open_files(self, _("Recipient's card"), _("Key cards (*.card)"))
        if files:
            self.recipient_card = files[0]
            self.refresh()

    def choose_target(self) -> None:
        chosen = get_service().save_file(
            self, _("Save the package as"), self.target, _("ZI packages (*.zisync)")
        )
        if chosen is not None:
            self.target, self.target_chosen = chosen, True
            self._show_target()

    def write(self) -> None:
        if self.preview is None or not self.passphrase.text():
            return
        overwrite = self.target.exists()
        if overwrite and not get_service().confirm(
            self,
            _("Send a package"),
            _("{path} exists already. Replace it with this package?").format(path=self.target),
        ):
            return
        self.target.parent.mkdir(parents=True, exist_ok=True)
        ws, codes, target = self.workspace, [self.unit_code], self.target
        passphrase, since_last = self.passphrase.text(), self.since_last.isChecked()
        to, folder = self.recipient_card, self.identity_dir

        def work(progress: Progress) -> PackageSummary:
            return export_package(
                ws,
                codes,
                target,
                passphrase,
                since_last=since_last,
                to=to,
                identity_folder=folder,
                progress=progress.report,
                cancel=progress.cancelled,
                overwrite=overwrite,
            )

        self.last_op = run_op(
            self,
            work,
            self._written,
            self._failed,
            title=_("Writing the package of {unit}…").format(unit=self.unit_code),
        )
        self.last_op.sig_finished.connect(lambda _outcome: self._update_buttons())
        self._update_buttons()

    def _written(self, summary: PackageSummary) -> None:
        from .actions import upload_written

        self.written = summary  # the window says where it went, without a box to close
        if len(summary.paths) == 1:  # sent at once when the coordinator's intake is known
            self.upload = upload_written(
                self.parentWidget(),
                self.workspace,
                summary.paths[0],
                self.passphrase.text(),
                self.identity_dir,
            )
        self.accept()

    def _failed(self, error: BaseException) -> None:
        message = error.message if isinstance(error, UserFacingError) else str(error)
        self.problem.setText(message)
        if not isinstance(error, FileExists):  # said beside the button; nothing to add
            get_service().error(self, message)
