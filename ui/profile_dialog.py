"""The evaluator profile dialog, asked on the first start and from Berkas → Profil: name,
NIP, role in the TPI team, instansi.

The NIP (Nomor Induk Pegawai) has 18 digits. It is checked as it is typed, with the message
beside the field (no popup), and Save stays disabled until the profile is complete. Spaces
typed to group a NIP the way it is printed (``19800101 200501 1 001``) are ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.values.people import NIP_DIGITS, ROLE_LABELS, nip_digits, nip_problem, role_label
from zi_desktop.values.views import EvaluatorProfile

from .dialogs import get_service
from .styles import ERROR_STYLE, OK_STYLE
from .widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace


class ProfileDialog(QDialog):
    """Asks for the evaluator's profile; :meth:`profile` reads it after ``exec()``."""

    def __init__(
        self, profile: EvaluatorProfile | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.intro = PlainLabel()
        self.intro.setWordWrap(True)
        self.name, self.nip, self.instansi = QLineEdit(), QLineEdit(), QLineEdit()
        self.nip.setMaxLength(NIP_DIGITS + 8)
        self.nip_message = PlainLabel()
        self.nip_message.setMinimumWidth(120)
        self.role = QComboBox()
        for code in ROLE_LABELS:
            self.role.addItem("", code)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.labels = [PlainLabel() for _field in range(4)]
        self._layout()
        if profile is not None:
            self._fill(profile)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.name, self.nip, self.instansi):
            edit.textChanged.connect(self._validate)
        self.retranslate_ui()

    def _layout(self) -> None:
        nip_row = QHBoxLayout()
        nip_row.addWidget(self.nip, 1)
        nip_row.addWidget(self.nip_message)
        form = QFormLayout()
        name_label, nip_label, role_label, instansi_label = self.labels
        form.addRow(name_label, self.name)
        form.addRow(nip_label, nip_row)
        form.addRow(role_label, self.role)
        form.addRow(instansi_label, self.instansi)
        for label, field in zip(
            self.labels, (self.name, self.nip, self.role, self.instansi), strict=True
        ):
            label.setBuddy(field)  # Alt + the underlined letter goes to the field
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _fill(self, profile: EvaluatorProfile) -> None:
        self.name.setText(profile.name)
        self.nip.setText(profile.nip)
        self.instansi.setText(profile.instansi)
        self.role.setCurrentIndex(max(self.role.findData(profile.role), 0))

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(_("Evaluator profile"))
        self.intro.setText(
            _(
                "ZI Desktop records your name with every change you make. Fill in your "
                "profile as it appears on your TPI assignment letter."
            )
        )
        texts = (_("&Name:"), _("NI&P:"), _("&Role in the TPI team:"), _("&Instansi:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.name.setPlaceholderText(_("Full name with degrees"))
        self.nip.setPlaceholderText(_("18 digits"))
        self.instansi.setPlaceholderText(_("e.g. Inspektorat Kabupaten Sukamaju"))
        for index, code in enumerate(ROLE_LABELS):
            self.role.setItemText(index, role_label(code))
        self.save_button.setText(_("Save"))
        self.cancel_button.setText(_("Cancel"))
        self._validate()

    def _validate(self) -> None:
        problem = nip_problem(self.nip.text())
        self.nip_message.setText("✓" if problem is None else problem)
        self.nip_message.setStyleSheet(OK_STYLE if problem is None else ERROR_STYLE)
        self.save_button.setEnabled(self.is_valid())

    def is_valid(self) -> bool:
        return bool(self.name.text().strip()) and nip_problem(self.nip.text()) is None

    def accept(self) -> None:
        if self.is_valid():  # Enter must not get past the disabled Save button
            super().accept()

    def profile(self) -> EvaluatorProfile:
        return EvaluatorProfile(
            name=self.name.text().strip(),
            nip=nip_digits(self.nip.text()),
            role=str(self.role.currentData()),
            instansi=self.instansi.text().strip(),
        )


def edit_profile(parent: QWidget, workspace: Workspace | None) -> EvaluatorProfile | None:
    """Berkas → Profil: change the person's profile (the key's too, with its passphrase) and
    record it as the open workspace's evaluator; the profile saved, or ``None``."""
    from zi_desktop.services import profile as profiles

    from .sync.common import ask_passphrase

    service = get_service()
    current = profiles.load_profile()
    new = service.ask_profile(parent, current)
    passphrase: str | None = None
    while new is not None:
        try:
            profiles.save_profile(new, passphrase=passphrase)
        except profiles.NeedsPassphrase as needs:
            service.info(parent, _("Evaluator profile"), needs.message)
            passphrase = ask_passphrase(parent, _("Evaluator profile"))
            if passphrase is None:
                return None
            continue
        except UserFacingError as err:
            service.error(parent, err.message, err.details)
            new = service.ask_profile(parent, new)
            continue
        if workspace is not None:
            workspace.set_evaluator(new)
        return new
    return None
