"""Recommendations: the field holds what is saved and printed; a suggestion from the notes is
shown apart, as a suggestion, and becomes a recommendation only when the evaluator uses it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ui.checklist.page import AssessmentPage
from ui.checklist.recommendations_page import suggestion
from zi_desktop.services import checklist
from zi_desktop.services.report import report_data
from zi_desktop.services.workspace import Workspace

pytestmark = pytest.mark.qt
UNIT = "KPP-001"  # TPI notes on questions below full value in area 1, a saved text in area 5


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> AssessmentPage:
    page = AssessmentPage(workspace)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.open_unit(UNIT, checklist.RECOMMENDATIONS)
    return page


def _area_with_suggestion(workspace: Workspace) -> int:
    view = workspace.open_assessment(UNIT)
    return next(a for a in range(1, 7) if suggestion(view, a) and not view.recommendations.get(a))


def test_the_screen_shows_in_each_field_exactly_what_the_report_prints(
    page: AssessmentPage, workspace: Workspace
) -> None:
    data = report_data(workspace, UNIT)
    for area, edit in page.recommendations.edits.items():
        assert edit.toPlainText() == data.view.recommendations.get(area, "")


def test_a_suggestion_is_shown_apart_and_used_only_on_request(
    page: AssessmentPage, workspace: Workspace
) -> None:
    area = _area_with_suggestion(workspace)
    recommendations = page.recommendations
    panel = recommendations.suggestions[area]
    suggested = suggestion(workspace.open_assessment(UNIT), area)
    assert recommendations.edits[area].toPlainText() == ""
    assert panel.isVisible() and panel.text.text() == suggested
    assert workspace.open_assessment(UNIT).recommendations.get(area, "") == ""
    panel.use.click()
    assert recommendations.edits[area].toPlainText() == suggested
    assert workspace.open_assessment(UNIT).recommendations[area] == suggested
    assert not panel.isVisible()
    assert report_data(workspace, UNIT).view.recommendations[area] == suggested


def test_typing_in_an_empty_area_hides_its_suggestion(
    page: AssessmentPage, workspace: Workspace
) -> None:
    area = _area_with_suggestion(workspace)
    recommendations = page.recommendations
    recommendations.edits[area].setPlainText("Perbarui SK tim.")
    assert not recommendations.suggestions[area].isVisible()
    recommendations.flush()
    assert workspace.open_assessment(UNIT).recommendations[area] == "Perbarui SK tim."


def test_a_recommendation_saves_like_a_note_and_never_longer_than_a_report_holds(
    page: AssessmentPage, workspace: Workspace, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication
    from scripted_dialogs import scripted_dialogs

    from ui.checklist import recommendations_page
    from zi_desktop.values.views import MAX_NOTE_CHARS

    assert recommendations_page.SAVE_DELAY_MS == 300
    recommendations = page.recommendations
    edit = recommendations.edits[2]
    edit.setPlainText("Percepat SOP.")
    QApplication.sendEvent(edit, QFocusEvent(QEvent.Type.FocusOut))  # leaving the field
    assert workspace.open_assessment(UNIT).recommendations[2] == "Percepat SOP."
    edit.setPlainText("x" * (MAX_NOTE_CHARS + 1))
    with scripted_dialogs() as dialogs:
        recommendations.flush()
    assert dialogs.calls == [] and recommendations.problems[2].isVisible()  # said beside it
    assert workspace.open_assessment(UNIT).recommendations[2] == "Percepat SOP."
