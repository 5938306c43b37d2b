"""The evaluator's identity: shown when it exists, created here when not; the trust list.

The form starts from the evaluator's profile (:mod:`zi_desktop.services.profile`); the key is
made with the profile as it is then, and that becomes the profile, so the two never disagree.
Creating checks the passphrase as it is typed (both entries equal, long enough for the
services) beside the fields, and seals the key in the background (scrypt takes a moment).
Names from cards (the trusted keys, the pinned coordinator) are shown as plain text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.services import identity as idsvc
from zi_desktop.services.identity import IdentityInfo, KeyInfo
from zi_desktop.services.profile import load_profile
from zi_desktop.values.people import ROLE_LABELS, nip_digits, nip_problem, role_label
from zi_desktop.values.views import EvaluatorProfile

from ..dialogs import get_service
from ..ops import OpHandle, Progress, run_op
from ..styles import ERROR_STYLE, OK_STYLE
from ..widgets.plain_text import PlainLabel
from .common import CARD_SUFFIX, ask_passphrase

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

MIN_PASSPHRASE = 8  # zi_desktop.identity.store.MIN_PASSPHRASE; the service checks it again


def passphrase_problem(first: str, again: str) -> str | None:
    """Why the two entries are not a usable passphrase (``""`` while empty), or ``None``."""
    if not first:
        return ""
    if len(first) < MIN_PASSPHRASE:
        return _("At least {count} characters").format(count=MIN_PASSPHRASE)
    if first != again:
        return _("The two entries differ")
    return None


class IdentityDialog(QDialog):
    """Shows the identity, or a form to create it; exports the card; opens the trust list."""

    def __init__(
        self,
        workspace: Workspace,
        identity_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.identity_dir = workspace, identity_dir
        self.last_op: OpHandle[Any] | None = None
        self.pages = QStackedWidget()
        # -- the identity, when there is one
        self.shown = QWidget()
        self.name_value, self.role_value, self.nip_value = PlainLabel(), PlainLabel(), PlainLabel()
        self.instansi_value = PlainLabel()
        self.fingerprint_value = PlainLabel()
        self.fingerprint_value.setStyleSheet("font-family: monospace; font-size: 14pt")
        for label in (self.name_value, self.nip_value, self.fingerprint_value):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.read_aloud = PlainLabel()
        self.read_aloud.setWordWrap(True)
        self.export_button, self.trust_button = QPushButton(), QPushButton()
        self.shown_labels = [PlainLabel() for _i in range(5)]
        # -- the form, when there is none
        self.form = QWidget()
        self.intro = PlainLabel()
        self.intro.setWordWrap(True)
        self.name, self.nip, self.instansi = QLineEdit(), QLineEdit(), QLineEdit()
        self.nip_message = PlainLabel()
        self.role = QComboBox()
        for code in ROLE_LABELS:
            self.role.addItem("", code)
        self.passphrase, self.passphrase_again = QLineEdit(), QLineEdit()
        for edit in (self.passphrase, self.passphrase_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_message = PlainLabel()
        self.create_button = QPushButton()
        self.form_labels = [PlainLabel() for _i in range(6)]  # mnemonics: each has its buddy
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._layout()
        self.close_buttons.rejected.connect(self.reject)
        self.create_button.clicked.connect(self.create_identity)
        self.export_button.clicked.connect(self.export_card)
        self.trust_button.clicked.connect(self.open_trust_list)
        for edit in (self.name, self.nip, self.passphrase, self.passphrase_again):
            edit.textChanged.connect(self._validate)
        self.identity: IdentityInfo | None = None
        self._prefill(load_profile(identity_dir))
        self.retranslate_ui()
        self.refresh()

    def _layout(self) -> None:
        shown_form = QFormLayout()
        values = (
            self.name_value,
            self.role_value,
            self.nip_value,
            self.instansi_value,
            self.fingerprint_value,
        )
        for label, value in zip(self.shown_labels, values, strict=True):
            shown_form.addRow(label, value)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.trust_button)
        row.addStretch(1)
        shown = QVBoxLayout(self.shown)
        shown.addLayout(shown_form)
        shown.addWidget(self.read_aloud)
        shown.addLayout(row)
        nip_row = QHBoxLayout()
        nip_row.addWidget(self.nip, 1)
        nip_row.addWidget(self.nip_message)
        again_row = QHBoxLayout()
        again_row.addWidget(self.passphrase_again, 1)
        again_row.addWidget(self.passphrase_message)
        form = QFormLayout()
        fields: tuple[QWidget | QHBoxLayout, ...] = (
            self.name,
            nip_row,
            self.role,
            self.instansi,
            self.passphrase,
            again_row,
        )
        buddies = (
            self.name,
            self.nip,
            self.role,
            self.instansi,
            self.passphrase,
            self.passphrase_again,
        )
        for label, field, buddy in zip(self.form_labels, fields, buddies, strict=True):
            form.addRow(label, field)
            label.setBuddy(buddy)  # Alt + the underlined letter goes to the field
        created = QVBoxLayout(self.form)
        created.addWidget(self.intro)
        created.addLayout(form)
        created.addWidget(self.create_button)
        self.pages.addWidget(self.shown)
        self.pages.addWidget(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.close_buttons)
        self.setMinimumWidth(560)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Identity and keys"))
        texts = (_("Name:"), _("Role:"), _("NIP:"), _("Instansi:"), _("Key fingerprint:"))
        for label, text in zip(self.shown_labels, texts, strict=True):
            label.setText(text)
        self.read_aloud.setText(
            _(
                "Read this fingerprint aloud, group by group, to whoever enrols your card, so "
                "that they can check the card really is yours."
            )
        )
        self.export_button.setText(_("Export public card…"))
        self.trust_button.setText(_("Trusted keys…"))
        self.intro.setText(
            _(
                "You have no signing key yet. Packages you send are signed with it, and it "
                "carries your profile below (changing the profile later asks for the "
                "passphrase). The key is sealed under a passphrase: choose one you will "
                "remember, it cannot be recovered."
            )
        )
        form_texts = (
            _("&Name:"),
            _("NI&P:"),
            _("&Role in the TPI team:"),
            _("&Instansi:"),
            _("&Passphrase:"),
            _("Passphrase &again:"),
        )
        for label, text in zip(self.form_labels, form_texts, strict=True):
            label.setText(text)
        for index, code in enumerate(ROLE_LABELS):
            self.role.setItemText(index, role_label(code))
        self.create_button.setText(_("Create my key"))
        close = self.close_buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        self._validate()

    def refresh(self) -> None:
        self.identity = idsvc.current_identity(self.identity_dir)
        if self.identity is None:
            self.pages.setCurrentWidget(self.form)
            return
        info = self.identity
        self.name_value.setText(info.name)
        self.role_value.setText(role_label(info.role))
        self.nip_value.setText(info.nip)
        self.instansi_value.setText(info.instansi or "—")
        self.fingerprint_value.setText(info.fingerprint)
        self.pages.setCurrentWidget(self.shown)

    def _prefill(self, profile: EvaluatorProfile | None) -> None:
        """Start the form from the evaluator's profile."""
        if profile is None:
            return
        self.name.setText(profile.name)
        self.nip.setText(profile.nip)
        self.instansi.setText(profile.instansi)
        self.role.setCurrentIndex(max(self.role.findData(profile.role), 0))

    def _validate(self) -> None:
        problem = nip_problem(self.nip.text())
        self.nip_message.setText("✓" if problem is None else problem)
        self.nip_message.setStyleSheet(OK_STYLE if problem is None else ERROR_STYLE)
        words = passphrase_problem(self.passphrase.text(), self.passphrase_again.text())
        self.passphrase_message.setText("✓" if words is None else words)
        self.passphrase_message.setStyleSheet(OK_STYLE if words is None else ERROR_STYLE)
        self.create_button.setEnabled(self.is_valid())

    def is_valid(self) -> bool:
        return (
            bool(self.name.text().strip())
            and nip_problem(self.nip.text()) is None
            and passphrase_problem(self.passphrase.text(), self.passphrase_again.text()) is None
        )

    def create_identity(self) -> None:
        if not self.is_valid():
            return
        profile = EvaluatorProfile(
            self.name.text().strip(),
            nip_digits(self.nip.text()),
            str(self.role.currentData()),
            self.instansi.text().strip(),
        )
        passphrase, folder = self.passphrase.text(), self.identity_dir
        self.create_button.setEnabled(False)

        def work(progress: Progress) -> IdentityInfo:
            return idsvc.create_identity(profile, passphrase, folder)

        self.last_op = run_op(
            self, work, self._created, self._not_created, title=_("Creating your key…")
        )

    def _created(self, info: object) -> None:
        for edit in (self.passphrase, self.passphrase_again):
            edit.clear()
        if isinstance(info, IdentityInfo):  # the key's profile is the profile now
            made = EvaluatorProfile(info.name, info.nip, info.role, info.instansi)
            if self.workspace.evaluator() != made:
                self.workspace.set_evaluator(made)
        self.refresh()

    def _not_created(self, error: BaseException) -> None:
        self._validate()
        get_service().error(self, str(getattr(error, "message", error)))

    def export_card(self) -> None:
        info = self.identity
        if info is None:
            return
        safe = "".join(c if c.isalnum() else "-" for c in info.name).strip("-") or "card"
        suggested = self.workspace.layout.exports / f"{safe}{CARD_SUFFIX}"
        target = get_service().save_file(
            self, _("Export public card"), suggested, _("Key cards (*.card)")
        )
        if target is None:
            return
        passphrase = ask_passphrase(self, _("Export public card"))
        if passphrase is None:
            return
        folder = self.identity_dir

        def work(progress: Progress) -> KeyInfo:
            return idsvc.export_card(target, passphrase, folder)

        def done(key: KeyInfo) -> None:
            get_service().info(
                self,
                _("Card written"),
                _("Card written: {path}\nKey fingerprint: {fingerprint}").format(
                    path=target, fingerprint=key.fingerprint
                ),
            )

        self.last_op = run_op(self, work, done, title=_("Writing your card…"))

    def open_trust_list(self) -> None:
        TrustDialog(self.workspace, self).exec()


class TrustDialog(QDialog):
    """The keys this workspace trusts: enrol a card (after comparing its fingerprint), remove."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.intro, self.coordinator = PlainLabel(), PlainLabel()  # a name from a package
        self.intro.setWordWrap(True)
        self.keys = QListWidget()
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.keys)
        layout.addWidget(self.coordinator)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_card)
        self.remove_button.clicked.connect(self.remove_selected)
        self.keys.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Trusted keys"))
        self.intro.setText(
            _("Packages are imported only from the evaluators whose cards are enrolled here.")
        )
        self.add_button.setText(_("Add a card…"))
        self.remove_button.setText(_("Remove"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))

    def refresh(self) -> None:
        self.keys.clear()
        for key in idsvc.trusted_keys(self.workspace):
            item = QListWidgetItem(f"{key.fingerprint}   {key.name} ({key.role}, NIP {key.nip})")
            item.setData(Qt.ItemDataRole.UserRole, key.key_id)
            self.keys.addItem(item)
        pinned = idsvc.coordinator_key(self.workspace)
        self.coordinator.setText(
            ""
            if pinned is None
            else _("Coordinator (pinned): {fingerprint}  {name}").format(
                fingerprint=pinned.fingerprint, name=pinned.name
            )
        )
        self._update_buttons()

    def key_ids(self) -> list[str]:
        return [
            str(self.keys.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.keys.count())
        ]

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.keys.currentRow() >= 0)

    def add_card(self) -> bool:
        """Ask for a card, show its fingerprint, enrol it once confirmed; whether it was."""
        service = get_service()
        files = service.open_files(self, _("Add a card"), _("Key cards (*.card)"))
        if not files:
            return False
        try:
            info = idsvc.preview_card(files[0])
        except UserFacingError as error:
            service.error(self, error.message, error.details)
            return False
        question = _(
            "{name} ({role}, NIP {nip})\n\nKey fingerprint:\n{fingerprint}\n\nDoes this "
            "fingerprint match the one the evaluator reads to you?"
        ).format(name=info.name, role=info.role, nip=info.nip, fingerprint=info.fingerprint)
        if not service.confirm(self, _("Add a card"), question):
            return False
        _info, new = idsvc.trust_card(self.workspace, files[0])
        self.refresh()
        service.info(
            self,
            _("Add a card"),
            _("Enrolled.") if new else _("Already enrolled; card details refreshed."),
        )
        return True

    def remove_selected(self) -> bool:
        item = self.keys.currentItem()
        if item is None:
            return False
        question = _("Remove this key? Packages it signs will be refused.\n\n{key}").format(
            key=item.text()
        )
        if not get_service().confirm(self, _("Remove"), question):
            return False
        idsvc.untrust(self.workspace, str(item.data(Qt.ItemDataRole.UserRole)))
        self.refresh()
        return True
