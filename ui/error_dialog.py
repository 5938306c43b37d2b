"""The error dialog: a short message, technical details behind an expander, a copy button.

Shown through :meth:`ui.dialogs.DialogService.error` only (Anki ``errors.py``; calibre
``error_dialog(det_msg=…)``). The message says what went wrong and what to do; the details
(a database message, a traceback) are for whoever gives support and are hidden until asked for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.i18n import _


class ErrorDialog(QDialog):
    """A modal error message; ``details`` may be empty (then there is no expander)."""

    def __init__(self, message: str, details: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = message
        self.details = details
        self.icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        self.icon.setPixmap(icon.pixmap(size, size))
        self.text = QLabel(message)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(360)
        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_view.setMinimumSize(560, 200)  # tracebacks have long lines
        self.details_view.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.details_button = QPushButton()
        self.details_button.setCheckable(True)
        self.copy_button = QPushButton()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.details_button.setVisible(bool(details))  # after addButton(), which shows it
        # Enter closes the dialog wherever the platform puts the buttons and the focus: the
        # other buttons never become the default by having the focus.
        for button in (self.details_button, self.copy_button):
            button.setAutoDefault(False)
        self.close_button.setDefault(True)
        self._layout()
        self.details_button.toggled.connect(self.show_details)
        self.copy_button.clicked.connect(self.copy)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.close_button.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Error"))
        self.close_button.setText(_("Close"))
        self.copy_button.setText(_("Copy"))
        self.copy_button.setToolTip(_("Copy the message and its details to the clipboard"))
        self._set_details_text()

    def _set_details_text(self) -> None:
        shown = not self.details_view.isHidden()
        self.details_button.setText(_("Hide details") if shown else _("Details"))

    def show_details(self, shown: bool) -> None:
        """Expand or collapse the technical details."""
        self.details_view.setVisible(shown)
        self.details_button.setChecked(shown)
        self._set_details_text()
        self.adjustSize()

    def clipboard_text(self) -> str:
        """What :meth:`copy` puts on the clipboard: the message, then the details."""
        return f"{self.message}\n\n{self.details}" if self.details else self.message

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.clipboard_text())
