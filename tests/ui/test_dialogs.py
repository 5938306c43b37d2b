"""The dialog service and the error dialog: details expander, copy, translated buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QPushButton
from scripted_dialogs import ScriptedDialogService, scripted_dialogs

from ui import dialogs
from ui.dialogs import DialogService, get_service
from ui.error_dialog import ErrorDialog
from zi_desktop.i18n import set_language

pytestmark = pytest.mark.qt


@pytest.fixture
def error_dialog(qtbot) -> ErrorDialog:  # type: ignore[no-untyped-def]
    dialog = ErrorDialog("The disk is full.", "sqlite3.OperationalError: database or disk is full")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_details_are_hidden_until_asked_for(qtbot, error_dialog: ErrorDialog) -> None:  # type: ignore[no-untyped-def]
    assert error_dialog.text.text() == "The disk is full."
    assert not error_dialog.details_view.isVisible()
    assert error_dialog.details_button.text() == "Rincian"
    error_dialog.details_button.click()
    assert error_dialog.details_view.isVisible()
    assert "disk is full" in error_dialog.details_view.toPlainText()
    assert error_dialog.details_button.text() == "Sembunyikan rincian"
    error_dialog.details_button.click()
    assert not error_dialog.details_view.isVisible()


def test_copy_puts_message_and_details_on_the_clipboard(error_dialog: ErrorDialog) -> None:
    QGuiApplication.clipboard().clear()
    error_dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == (
        "The disk is full.\n\nsqlite3.OperationalError: database or disk is full"
    )


def test_buttons_are_translated_and_no_expander_without_details(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ErrorDialog("Only a message.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.details_button.isVisible()
    assert [dialog.close_button.text(), dialog.copy_button.text()] == ["Tutup", "Salin"]
    assert dialog.windowTitle() == "Kesalahan"
    set_language("en")
    try:
        dialog.retranslate_ui()
        assert [dialog.close_button.text(), dialog.copy_button.text()] == ["Close", "Copy"]
    finally:
        set_language("id")


def test_close_button_closes(qtbot, error_dialog: ErrorDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(error_dialog.rejected):
        error_dialog.close_button.click()


@pytest.mark.parametrize("focused", ["close", "details", "copy"])
def test_enter_closes_the_error_dialog_wherever_the_focus_is(qtbot, focused: str) -> None:  # type: ignore[no-untyped-def]
    dialog = ErrorDialog("Pesan", "Traceback …")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.close_button  # where Enter goes first
    # Some platforms put the other buttons first: with the focus on one, Enter still closes.
    button = {
        "close": dialog.close_button,
        "details": dialog.details_button,
        "copy": dialog.copy_button,
    }[focused]
    button.setFocus()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(button, Qt.Key.Key_Return)
    assert dialog.details_view.isHidden()


def _answer_modal(qtbot, answer) -> None:  # type: ignore[no-untyped-def]
    """Answer the next modal dialog from the event loop it runs."""

    def act() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, act)
            return
        answer(modal)

    QTimer.singleShot(0, act)


def test_real_service_confirm_has_indonesian_buttons_and_no_by_default(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[list[str]] = []

    def press_yes(box: QMessageBox) -> None:
        seen.append(sorted(b.text() for b in box.buttons()))
        assert box.defaultButton().text() == "Tidak"
        next(b for b in box.buttons() if b.text() == "Ya").click()

    _answer_modal(qtbot, press_yes)
    assert DialogService().confirm(None, "Hapus", "Hapus berkas?") is True
    assert seen == [["Tidak", "Ya"]]


def test_real_service_error_and_ask_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    def close(dialog: ErrorDialog) -> None:
        assert dialog.text.text() == "Rusak."
        dialog.close_button.click()

    _answer_modal(qtbot, close)
    DialogService().error(None, "Rusak.", "trace")

    def type_and_accept(dialog: QInputDialog) -> None:
        texts = sorted(b.text() for b in dialog.findChildren(QPushButton))
        assert texts == ["Batal", "OK"]
        dialog.setTextValue("Notulen")
        dialog.accept()

    _answer_modal(qtbot, type_and_accept)
    assert DialogService().ask_text(None, "Keterangan", "Keterangan:", "lama") == "Notulen"
    _answer_modal(qtbot, lambda dialog: dialog.reject())
    assert DialogService().ask_text(None, "Keterangan", "Keterangan:") is None


def test_scripted_service_is_installed_and_restored() -> None:
    real = get_service()
    with scripted_dialogs() as service:
        assert dialogs.get_service() is service
        service.answer("confirm", True)
        assert service.confirm(None, "t", "q") is True
        with pytest.raises(AssertionError, match="unexpected confirm"):
            service.confirm(None, "t", "again")
        service.error(None, "m", "d")
        assert [c.kind for c in service.calls] == ["confirm", "confirm", "error"]
        assert isinstance(service, ScriptedDialogService)
    assert get_service() is real
