"""What the screen shows is what is saved: undo shows what it brought back, typed text never
becomes an answer, a changed answer is announced, questions open at their top, notes are saved
at every pause and whenever the evaluator leaves them, and never longer than a report holds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from scripted_dialogs import scripted_dialogs

from ui.checklist import question_page
from ui.main_window import MainWindow
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import MAX_NOTE_CHARS

pytestmark = pytest.mark.qt
UNIT = "RSUD-002"  # no TPI answers in the demo
YES_NO = "A.I.1.i.a"  # Ya / Tidak
ABC = "A.I.1.i.b"  # A / B / C
COUNTS = "A.II.1.i.a"  # a percentage question with two counts


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.open_unit(UNIT, YES_NO)
    yield window
    window.close()


def _saved(workspace: Workspace, node: str) -> object:
    return workspace.open_assessment(UNIT).value("tpi", node)


# -- undo and redo show what they saved ----------------------------------------------------------


def test_undo_and_redo_update_the_question_on_screen(
    window: MainWindow, workspace: Workspace
) -> None:
    page = window.assessment
    page.go_to(ABC)
    page.question.radios["A"].click()
    page.question.radios["C"].click()
    window.assessment.tree.setFocus()  # outside any text field: the menu undoes answers
    window.actions_by_name["undo"].trigger()
    assert _saved(workspace, ABC) == "A"
    assert page.question.radios["A"].isChecked() and not page.question.radios["C"].isChecked()
    window.actions_by_name["redo"].trigger()
    assert page.question.radios["C"].isChecked()
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    assert _saved(workspace, ABC) is None
    assert not any(r.isChecked() for r in page.question.radios.values())


def test_undo_of_a_count_shows_the_count_it_brought_back(
    window: MainWindow, workspace: Workspace
) -> None:
    page = window.assessment
    page.go_to(COUNTS)
    edit = page.question.edits[f"{COUNTS}.1"]
    for text in ("4", "6"):
        edit.edit.setText(text)
        edit.commit()
    page.tree.setFocus()
    window.actions_by_name["undo"].trigger()
    assert _saved(workspace, f"{COUNTS}.1") == 4
    assert page.question.edits[f"{COUNTS}.1"].edit.text() == "4"


def test_undo_of_a_note_shows_the_note_it_brought_back(
    window: MainWindow, workspace: Workspace
) -> None:
    page = window.assessment
    page.question.note.setPlainText("SK belum ditandatangani")
    page.question.flush_note()
    page.tree.setFocus()
    window.actions_by_name["undo"].trigger()
    assert workspace.open_assessment(UNIT).answers["tpi"][YES_NO].note == ""
    assert page.question.note.toPlainText() == ""


def test_the_edit_menu_names_what_it_will_undo(window: MainWindow, qtbot: QtBot) -> None:
    page = window.assessment
    undo = window.actions_by_name["undo"]
    page.question.radios["Ya"].click()
    page.question.radios["Tidak"].click()
    page.tree.setFocus()
    assert YES_NO in undo.text() and "Ya" in undo.text() and "Tidak" in undo.text()
    # Inside a text field, Ctrl+Z is the field's: the menu says so and undoes the typing.
    page.search.setFocus()
    qtbot.keyClicks(page.search, "LHKPN")
    assert YES_NO not in undo.text() and undo.isEnabled()
    undo.trigger()
    assert page.search.text() == ""
    assert page.question.radios["Tidak"].isChecked()  # the answer was not undone


# -- typing never answers ------------------------------------------------------------------------


def test_clicking_an_option_then_typing_never_changes_the_answer(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    page = window.assessment
    page.question.note.setFocus()
    qtbot.mouseClick(page.question.radios["Ya"], Qt.MouseButton.LeftButton)
    assert _saved(workspace, YES_NO) == "Ya"
    typing = QApplication.focusWidget()
    assert typing is page.question.note  # the click did not take the focus from the note
    qtbot.keyClicks(typing, "catatan tambahan")
    assert _saved(workspace, YES_NO) == "Ya"
    assert page.question.note.toPlainText() == "catatan tambahan"


def test_letters_on_the_tree_or_search_are_not_answers(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    page = window.assessment
    page.tree.setFocus()
    qtbot.keyClicks(page.tree, "yt")
    page.search.setFocus()
    qtbot.keyClicks(page.search, "tahun")
    assert _saved(workspace, YES_NO) is None


def test_answer_keys_work_while_the_answers_have_the_focus_and_say_what_changed(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    page = window.assessment
    page.focus_answers()
    assert page.question.answers_focused()
    messages: list[str] = []
    page.sig_status.connect(messages.append)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T)
    assert _saved(workspace, YES_NO) == "Tidak"
    assert messages[-1] == f"{YES_NO}: Ya → Tidak"
    assert window.statusBar().currentMessage() == messages[-1]
    assert page.question.is_flashing(YES_NO)  # the changed row is highlighted for a moment
    qtbot.waitUntil(lambda: not page.question.is_flashing(YES_NO))


def test_moving_to_the_next_question_by_keyboard_focuses_its_answers(window: MainWindow) -> None:
    page = window.assessment
    page.tree.setFocus()
    window.actions_by_name["next"].trigger()
    assert page.current == ABC and page.question.answers_focused()
    page.question.note.setFocus()  # typing a note: the focus stays in the note
    window.actions_by_name["next"].trigger()
    assert QApplication.focusWidget() is page.question.note


# -- questions open at their top -----------------------------------------------------------------


def test_a_question_opens_scrolled_to_its_id_and_heading(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1000, 500)  # a short window: long questions scroll
    page = window.assessment
    page.go_to("A.II.5.iii.a")
    bar = page.question.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    page.go_to("A.II.5.iii.b")
    assert bar.value() == 0
    heading = page.question.heading
    top = heading.mapTo(page.question.viewport(), heading.rect().topLeft()).y()
    assert 0 <= top < page.question.viewport().height()
    assert heading.text().startswith("A.II.5.iii.b")


# -- notes ---------------------------------------------------------------------------------------


def test_a_note_is_saved_after_a_pause_of_300_ms(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    assert question_page.NOTE_DELAY_MS == 300
    page = window.assessment
    page.question.note.setFocus()
    qtbot.keyClicks(page.question.note, "jeda")
    assert page.question._note_timer.interval() == 300 and page.question._note_timer.isActive()
    qtbot.waitUntil(lambda: workspace.open_assessment(UNIT).answers["tpi"].get(YES_NO) is not None)
    assert workspace.open_assessment(UNIT).answers["tpi"][YES_NO].note == "jeda"


def test_a_note_is_saved_when_its_field_loses_the_focus(
    window: MainWindow, workspace: Workspace
) -> None:
    page = window.assessment
    page.question.note.setPlainText("keluar dari kolom")
    assert page.question._note_timer.isActive()
    QApplication.sendEvent(page.question.note, QFocusEvent(QEvent.Type.FocusOut))
    assert workspace.open_assessment(UNIT).answers["tpi"][YES_NO].note == "keluar dari kolom"


def test_a_note_is_saved_when_the_evaluator_switches_to_another_app(
    window: MainWindow, workspace: Workspace
) -> None:
    page = window.assessment
    page.question.note.setPlainText("pindah aplikasi")
    window._app_state_changed(Qt.ApplicationState.ApplicationInactive)
    assert workspace.open_assessment(UNIT).answers["tpi"][YES_NO].note == "pindah aplikasi"


def test_a_note_is_saved_when_the_window_closes(window: MainWindow, workspace: Workspace) -> None:
    window.assessment.question.note.setPlainText("menutup jendela")
    window.close()
    assert workspace.open_assessment(UNIT).answers["tpi"][YES_NO].note == "menutup jendela"


def test_a_note_longer_than_a_report_holds_is_refused_beside_the_field(
    window: MainWindow, workspace: Workspace
) -> None:
    page = window.assessment
    page.question.note.setPlainText("kurang")
    page.question.flush_note()
    page.question.note.setPlainText("x" * (MAX_NOTE_CHARS + 1))
    with scripted_dialogs() as dialogs:
        page.question.flush_note()
    assert dialogs.calls == []  # said inline, no popup
    assert page.question.note_problem.isVisible()
    assert workspace.open_assessment(UNIT).answers["tpi"][YES_NO].note == "kurang"
    page.question.note.setPlainText("x" * MAX_NOTE_CHARS)  # exactly the limit is kept
    page.question.flush_note()
    assert not page.question.note_problem.isVisible()
    assert len(workspace.open_assessment(UNIT).answers["tpi"][YES_NO].note) == MAX_NOTE_CHARS


def test_the_services_refuse_an_overlong_note_or_recommendation(workspace: Workspace) -> None:
    from zi_desktop.errors import UserFacingError

    with pytest.raises(UserFacingError):
        workspace.set_note(UNIT, "tpi", YES_NO, "x" * (MAX_NOTE_CHARS + 1))
    with pytest.raises(UserFacingError):
        workspace.set_recommendation(UNIT, 1, "x" * (MAX_NOTE_CHARS + 1))
    assert workspace.open_assessment(UNIT).answers["tpi"] == {}
