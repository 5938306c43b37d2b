"""The notice bar: how long work started from the menu says it has ended, without blocking.

A report, a package, a workbook or an import ends with one line at the top of the window —
what was done and where — and the actions that follow from it: open the folder, open the
file. It stays until the evaluator closes it or the next notice replaces it, so the end is
visible however long the work took and whether or not a viewer opened the file.

Signals:
    sig_shown(str): a notice was shown, with its text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from zi_desktop.i18n import _

from ..dialogs import get_service
from .language import follow_language
from .plain_text import PlainLabel

STYLES = {
    "done": "QFrame#notice { background: #e6f4ea; border: 1px solid #9ccfa8; }",
    "problem": "QFrame#notice { background: #fdecea; border: 1px solid #e6a39c; }",
}


def open_folder(path: Path) -> bool:
    """Show the folder (of a file) in the system's file manager; whether one took it."""
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_file(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class NoticeBar(QFrame):
    """One notice at a time: a text, "Open folder" and "Open" for its file, and a close button."""

    sig_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.path: Path | None = None
        self.text = PlainLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # file names are the user's
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button, self.file_button = QPushButton(), QPushButton()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        for button in (self.folder_button, self.file_button, self.close_button):
            layout.addWidget(button)
        self.folder_button.clicked.connect(self.open_folder)
        self.file_button.clicked.connect(self.open_file)
        self.close_button.clicked.connect(self.hide)
        self.hide()
        follow_language(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.folder_button.setText(_("Open folder"))
        self.file_button.setText(_("Open"))
        self.close_button.setToolTip(_("Close this notice"))

    def show_notice(
        self, text: str, path: Path | None = None, *, can_open: bool = True, problem: bool = False
    ) -> None:
        """Show ``text``; with ``path``, the buttons open its folder (and it, if ``can_open``)."""
        self.path = path
        self.text.setText(text)
        self.setStyleSheet(STYLES["problem" if problem else "done"])
        self.folder_button.setVisible(path is not None)
        self.file_button.setVisible(path is not None and can_open and not path.is_dir())
        self.show()
        self.sig_shown.emit(text)

    def open_folder(self) -> None:
        if self.path is not None and not open_folder(self.path):
            get_service().error(
                self, _("No file manager could show {folder}.").format(folder=self.path.parent)
            )

    def open_file(self) -> None:
        if self.path is not None and not open_file(self.path):
            self.show_notice(
                _("No program on this computer could open {file}. It is in {folder}.").format(
                    file=self.path.name, folder=self.path.parent
                ),
                self.path,
                can_open=False,
                problem=True,
            )
