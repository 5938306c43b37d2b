"""The assessment screen: tree, answering by mouse and keyboard, inputs, notes, undo, scores."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ui.checklist.page import AssessmentPage
from ui.checklist.tree_model import LkeTreeModel
from ui.main_window import MainWindow
from zi_desktop.services import checklist
from zi_desktop.services.workspace import Workspace

pytestmark = pytest.mark.qt
UNIT = "RSUD-002"  # no TPI answers in the demo


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> AssessmentPage:
    page = AssessmentPage(workspace)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.open_unit(UNIT)
    return page


def test_tree_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, page: AssessmentPage
) -> None:
    assert page.model is not None
    qtmodeltester.check(page.model)


def test_tree_shows_completion_and_marks_unanswered(page: AssessmentPage) -> None:
    model = page.model
    assert model is not None
    root = model.index(0, 0)
    assert model.data(model.index(0, 1)) == "0/124"
    item = model.index_of("A.I.1.i.a")
    assert model.data(item).startswith("• ")
    assert model.data(root, LkeTreeModel.ID_ROLE) == "A"


def test_answering_by_mouse_saves_and_updates_scores(
    qtbot: QtBot, page: AssessmentPage, workspace: Workspace
) -> None:
    page.go_to("A.I.1.i.b")
    radio = page.question.radios["B"]
    qtbot.waitUntil(lambda: radio.isVisible() and radio.parentWidget().geometry().y() > 0)
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton)
    saved = workspace.open_assessment(UNIT)
    assert saved.value("tpi", "A.I.1.i.b") == "B"
    # sub-area i (weight 0.5) has one answered item worth 0.5 → nilai 0.25
    assert saved.scores["tpi"].nodes["A.I.1.i"] == Fraction(1, 4)
    assert page.scores.scores.data(page.scores.scores.index(0, 3)) == "0,25"  # TPI pemenuhan
    assert page.scores.scores.data(page.scores.scores.index(0, 5)) == "0,25"  # TPI total
    assert page.model is not None
    assert not page.model.data(page.model.index_of("A.I.1.i.b")).startswith("• ")


def test_answering_by_keyboard_and_next_unanswered(
    qtbot: QtBot, page: AssessmentPage, workspace: Workspace
) -> None:
    page.go_to("A.I.1.i.a")
    page.focus_answers()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y)
    assert workspace.open_assessment(UNIT).value("tpi", "A.I.1.i.a") == "Ya"
    page.step(1, unanswered_only=True)  # the next question's answers get the focus
    assert page.current == "A.I.1.i.b"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C)
    assert workspace.open_assessment(UNIT).value("tpi", "A.I.1.i.b") == "C"
    page.step(1)
    assert page.current == "A.I.1.ii.a"
    page.step(-1)
    assert page.current == "A.I.1.i.b"


def test_the_whole_lke_can_be_answered_without_the_mouse(
    qtbot: QtBot, page: AssessmentPage, workspace: Workspace
) -> None:
    order = checklist.question_order(workspace.open_assessment(UNIT).lke)
    page.go_to(order[0])
    page.focus_answers()
    for _ in order:
        info = checklist.question(page.view.lke, page.current)  # type: ignore[union-attr]
        if info.kind == "choice":
            qtbot.keyClick(
                QApplication.focusWidget(),
                Qt.Key.Key_Y if info.options[0].code == "Ya" else Qt.Key.Key_A,
            )
        else:
            for edit in page.question.edits.values():
                edit.edit.setFocus()
                qtbot.keyClicks(edit.edit, "4" if info.kind == "index" else "5")
                qtbot.keyClick(edit.edit, Qt.Key.Key_Return)
            page.tree.setFocus()  # out of the number field, as Ctrl+↓ from there would not
        page.step(1)
    result = workspace.open_assessment(UNIT).scores["tpi"]
    assert result.complete, result.missing
    assert result.verdicts["WBK"].status != "incomplete"


def test_percentage_inputs_show_the_computed_value_and_warnings(
    qtbot: QtBot, page: AssessmentPage, workspace: Workspace
) -> None:
    page.go_to("A.II.1.i.a")
    edits = page.question.edits
    qtbot.waitUntil(lambda: edits["A.II.1.i.a.1"].isVisible())
    for node, text in (("A.II.1.i.a.1", "4"), ("A.II.1.i.a.2", "3")):
        edits[node].edit.setText(text)
        edits[node].commit()
    assert "75,00%" in page.question.computed.text()
    edits["A.II.1.i.a.2"].edit.setText("9")
    edits["A.II.1.i.a.2"].commit()
    assert "100,00%" in page.question.computed.text()
    assert page.question.warning.text()
    edits["A.II.1.i.a.1"].edit.setText("-2")
    edits["A.II.1.i.a.1"].commit()
    assert edits["A.II.1.i.a.1"].error.isVisibleTo(page)
    assert workspace.open_assessment(UNIT).value("tpi", "A.II.1.i.a.1") == 4


def test_notes_autosave_and_undo_restores_the_previous_answer(
    qtbot: QtBot, page: AssessmentPage, workspace: Workspace
) -> None:
    page.go_to("A.I.1.i.b")
    page.question.radios["A"].setChecked(True)
    page.question.radios["C"].setChecked(True)
    page.question.note.setPlainText("Bukti SK belum ditandatangani")
    page.question.flush_note()
    saved = workspace.open_assessment(UNIT)
    assert saved.value("tpi", "A.I.1.i.b") == "C"
    assert saved.answers["tpi"]["A.I.1.i.b"].note == "Bukti SK belum ditandatangani"
    page.undo_stack.undo()  # the note first: it was saved last
    assert workspace.open_assessment(UNIT).answers["tpi"]["A.I.1.i.b"].note == ""
    assert page.question.note.toPlainText() == ""
    page.undo_stack.undo()
    assert workspace.open_assessment(UNIT).value("tpi", "A.I.1.i.b") == "A"
    page.undo_stack.undo()
    assert workspace.open_assessment(UNIT).value("tpi", "A.I.1.i.b") is None
    page.undo_stack.redo()
    assert workspace.open_assessment(UNIT).value("tpi", "A.I.1.i.b") == "A"


def test_score_panel_models_pass_the_model_tester(
    qtmodeltester: ModelTester, page: AssessmentPage
) -> None:
    qtmodeltester.check(page.scores.scores)
    qtmodeltester.check(page.scores.wbk)
    qtmodeltester.check(page.scores.wbbm)
    assert page.scores.wbbm.rowCount() == 13  # WBBM adds the predikat prerequisite


def _texts(model: QAbstractItemModel) -> dict[tuple[int, int], object]:
    return {
        (r, c): model.data(model.index(r, c))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    }


def _recorder(spans: list[tuple[int, int, int, int]]) -> Callable[..., None]:
    def record(top_left: QModelIndex, bottom_right: QModelIndex, _roles: object = ()) -> None:
        spans.append((top_left.row(), bottom_right.row(), top_left.column(), bottom_right.column()))

    return record


def test_score_panel_announces_exactly_the_cells_an_answer_moved(page: AssessmentPage) -> None:
    models = [page.scores.scores, page.scores.wbk, page.scores.wbbm]
    page.answer("A.I.1.i.a", "Ya")  # the pengungkit and total rows now have values
    for value in ("Tidak", "Ya"):
        before = [_texts(m) for m in models]
        spans: list[list[tuple[int, int, int, int]]] = [[] for _ in models]
        for model, recorded in zip(models, spans, strict=True):
            model.dataChanged.connect(_recorder(recorded))
        page.answer("A.I.1.i.a", value)
        for n, model in enumerate(models):
            model.dataChanged.disconnect()
            moved = {cell for cell, text in _texts(model).items() if before[n][cell] != text}
            announced = {
                (r, c)
                for top, bottom, first, last in spans[n]
                for r in range(top, bottom + 1)
                for c in range(first, last + 1)
            }
            assert moved <= announced  # every changed number repaints
            assert {r for r, _c in announced} == {r for r, _c in moved}  # unchanged rows do not
        assert any(spans), "the answer moved some score"


def test_main_window_shortcuts_are_shown_in_tooltips(qtbot: QtBot, workspace: Workspace) -> None:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.open_unit(UNIT, "A.I.2.i.a")
    assert window.assessment.current == "A.I.2.i.a"
    for name in ("next", "previous", "unanswered", "find"):
        action = window.actions_by_name[name]
        assert (
            action.shortcut().toString()
            and action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
            in action.toolTip()
        )
    window.actions_by_name["next"].trigger()
    assert window.assessment.current == "A.I.2.i.b"


@pytest.mark.parametrize("viewer", [True, False])
def test_print_report_writes_the_pdf_in_the_background_and_says_where(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, viewer: bool
) -> None:
    opened: list[str] = []

    def open_url(url: object) -> bool:
        opened.append(url.toLocalFile())  # type: ignore[attr-defined]
        return viewer or Path(opened[-1]).is_dir()  # a file manager is always there

    monkeypatch.setattr("ui.widgets.notice.QDesktopServices.openUrl", open_url)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    window.open_unit("KPP-001")
    with qtbot.waitSignal(window.notice.sig_shown, timeout=60_000):
        window.actions_by_name["report"].trigger()
    assert window.last_report is not None
    path = window.last_report.path
    assert path.read_bytes().startswith(b"%PDF")
    assert opened == [str(path)]
    # The end is said where it stays visible, with or without a viewer, and leads to the file.
    notice = window.notice
    assert notice.isVisible() and str(path) in notice.text.text()
    assert ("PDF" in notice.text.text().split(str(path))[1]) is not viewer  # no viewer: says so
    assert notice.folder_button.isVisible()
    notice.folder_button.click()
    assert opened[-1] == str(path.parent)


def test_wrapped_labels_answer_each_width_for_their_current_text_and_font(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel

    from ui.checklist.question_page import _WrappedLabel

    long_text = "Jika dengan prosedur yang jelas dan mewakili seluruh unsur dalam unit kerja " * 4

    def plain_height(text: str, bold: bool = False) -> int:
        reference = QLabel(text)
        reference.setWordWrap(True)
        font = reference.font()
        font.setBold(bold)
        reference.setFont(font)
        return reference.heightForWidth(200)

    label = _WrappedLabel("Ya")
    qtbot.addWidget(label)
    assert label.heightForWidth(200) == plain_height("Ya")
    label.setText(long_text)  # the same width, a new text: laid out again
    assert label.heightForWidth(200) == plain_height(long_text) > plain_height("Ya")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    assert label.heightForWidth(200) == plain_height(long_text, bold=True)


def test_inputs_of_the_previous_question_leave_the_page_at_once(page: AssessmentPage) -> None:
    from ui.checklist.inputs import CountEdit

    for question in ("A.II.1.i.a", "A.II.1.i.b", "A.I.1.i.b"):  # percentage, again, choice
        page.go_to(question)
        QApplication.processEvents()  # shows new fields; the old ones await deletion
    shown = [e for e in page.question.findChildren(CountEdit) if e.isVisibleTo(page.question)]
    assert shown == []
