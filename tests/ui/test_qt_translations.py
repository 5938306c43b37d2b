"""Qt's own dialogs and buttons follow the app's language (Qt ships no Indonesian catalog)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from ui.qt_translations import follow_app_language
from zi_desktop.i18n import set_language

pytestmark = pytest.mark.qt
Buttons = QDialogButtonBox.StandardButton


@pytest.fixture(autouse=True)
def installed() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    follow_app_language(app)  # as the app's start does
    yield
    set_language("id")


def _buttons() -> dict[str, str]:
    box = QDialogButtonBox(Buttons.Save | Buttons.Cancel | Buttons.Close | Buttons.Yes)
    return {b.text().replace("&", ""): b.text() for b in box.buttons()}


def test_standard_buttons_and_the_file_dialog_speak_indonesian(qtbot: QtBot) -> None:
    set_language("id")
    texts = set(_buttons())
    assert {"Simpan", "Batal", "Tutup", "Ya"} <= texts
    dialog = QFileDialog(None, "Pilih")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    buttons = {button.text() for button in dialog.findChildren(QPushButton)}
    english = {"&Look in:", "File &name:", "Files of &type:", "&Open", "Cancel"}
    assert not (labels | buttons) & english
    assert QLocale().language() == QLocale.Language.Indonesian


def test_a_text_fields_menu_speaks_indonesian(qtbot: QtBot) -> None:
    set_language("id")
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = {a.text().replace("&", "") for a in menu.actions() if a.text()}
    assert not texts & {"Undo", "Redo", "Cut", "Copy", "Paste", "Delete", "Select All"}
    menu.deleteLater()


def test_english_keeps_qts_own_texts(qtbot: QtBot) -> None:
    set_language("en")
    assert {"Save", "Cancel", "Close", "Yes"} <= set(_buttons())
    assert QLocale().language() == QLocale.Language.English
