"""What the sync screens share: prompts for a save path and a passphrase, texts of a summary.

The two prompts use Qt's own dialogs (a save-file chooser, a masked passphrase box) when the
stock dialog service is installed; when a test installed another service they go through its
``ask_text``, so that a scripted test answers them like every other dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from zi_desktop.i18n import _

from ..dialogs import DialogService, get_service

ERROR_STYLE = "color: #b3261e"
OK_STYLE = "color: #1e7b34"
PACKAGE_SUFFIX = ".zisync"
CARD_SUFFIX = ".card"


def _stock_service() -> bool:
    return type(get_service()) is DialogService


def choose_save_path(
    parent: QWidget | None, title: str, suggested: Path, name_filter: str
) -> Path | None:
    """Where to write a file (``suggested`` offered first), or ``None`` when cancelled."""
    if not _stock_service():
        answer = get_service().ask_text(parent, title, _("File:"), str(suggested))
        return Path(answer) if answer else None
    filters = ";;".join((name_filter, _("All files (*)")))
    name, _chosen = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(name) if name else None


def ask_passphrase(parent: QWidget | None, title: str) -> str | None:
    """The passphrase typed (masked), or ``None`` when cancelled."""
    label = _("Passphrase of your key:")
    if not _stock_service():
        return get_service().ask_text(parent, title, label)
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText(_("OK"))
    dialog.setCancelButtonText(_("Cancel"))
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()
