"""What the sync screens share: the passphrase prompt and file suffixes.

The passphrase prompt is Qt's masked input box when the stock dialog service is installed;
when a test installed another service it goes through its ``ask_text``, so that a scripted
test answers it like every other dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from zi_desktop.i18n import _

from ..dialogs import DialogService, get_service
from ..widgets.plain_text import make_plain

PACKAGE_SUFFIX = ".zisync"
CARD_SUFFIX = ".card"


def _stock_service() -> bool:
    return type(get_service()) is DialogService


def ask_passphrase(parent: QWidget | None, title: str) -> str | None:
    """The passphrase typed (masked), or ``None`` when cancelled."""
    label = _("Passphrase of your key:")
    if not _stock_service():
        return get_service().ask_text(parent, title, label)
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    make_plain(dialog)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText(_("OK"))
    dialog.setCancelButtonText(_("Cancel"))
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()
