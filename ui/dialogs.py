"""The one place the UI asks the user something or tells them something in a popup.

Every message box, file chooser and text prompt goes through :class:`DialogService`, got with
:func:`get_service`; tests install a scripted double with :func:`set_service` and answer the
dialogs without a user (Picard's ``user_dialog_service``). Qt ships no Indonesian catalog for
its own dialogs, so every standard button text is set here from our catalog. Texts are shown
as plain text: they quote names from cards, packages and files (see ``plain_text``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from zi_desktop.i18n import _

from .widgets.plain_text import make_plain

if TYPE_CHECKING:
    from zi_desktop.values.views import EvaluatorProfile


class DialogService:
    """Modal dialogs with translated texts; each method returns the user's answer."""

    def open_files(self, parent: QWidget | None, title: str, name_filter: str) -> list[Path]:
        """Files the user chose (none when cancelled). ``name_filter``: ``"PDF (*.pdf)"``."""
        filters = ";;".join(f for f in (name_filter, _("All files (*)")) if f)
        names, _chosen = QFileDialog.getOpenFileNames(parent, title, "", filters)
        return [Path(name) for name in names]

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        """Where to write a file (``suggested`` offered first), or ``None`` when cancelled."""
        filters = ";;".join(f for f in (name_filter, _("All files (*)")) if f)
        name, _chosen = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
        return Path(name) if name else None

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        """Yes or no; Escape and closing the box mean no, and no is the default."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton(QMessageBox.StandardButton.Yes)
        no = box.addButton(QMessageBox.StandardButton.No)
        yes.setText(_("Yes"))
        no.setText(_("No"))
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        close = box.addButton(QMessageBox.StandardButton.Close)
        close.setText(_("Close"))
        box.setEscapeButton(close)
        box.exec()

    def error(self, parent: QWidget | None, message: str, details: str = "") -> None:
        """Show an error: a short message, the technical details behind an expander."""
        from .error_dialog import ErrorDialog

        ErrorDialog(message, details, parent).exec()

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        """One line of text, or ``None`` when the user cancelled."""
        dialog = QInputDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        make_plain(dialog)  # the label may name a file
        dialog.setTextValue(text)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setOkButtonText(_("OK"))
        dialog.setCancelButtonText(_("Cancel"))
        dialog.resize(max(dialog.sizeHint().width(), 420), dialog.sizeHint().height())
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()

    def ask_profile(
        self, parent: QWidget | None, profile: EvaluatorProfile | None
    ) -> EvaluatorProfile | None:
        """The evaluator's profile as entered (``profile`` filled in first), or ``None``."""
        from .profile_dialog import ProfileDialog

        dialog = ProfileDialog(profile, parent)
        return dialog.profile() if dialog.exec() else None


def file_stem(code: str) -> str:
    """A unit code usable in a file name on every system."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in code).strip(".") or "unit"


_service: DialogService = DialogService()


def get_service() -> DialogService:
    """The dialog service in use (the real one unless a test installed another)."""
    return _service


def set_service(service: DialogService) -> None:
    """Install ``service`` for every later dialog (tests install a scripted one)."""
    global _service
    _service = service
