"""The window fits any laptop screen: it opens inside the available area (taskbar excluded),
comes back where it was, never leaves the status bar off screen, and at 1366×768, 1280×720 and
at 125% and 150% scaling its texts wrap and every control can be reached.

Qt's scale factor cannot change inside one process; a screen at 125% or 150% offers the window
that many fewer logical pixels, which is what the sizes below are (1366×768 less a 40-pixel
taskbar, divided by the scale). ``zi-desktop --screenshot-size`` renders the same sizes for a
person to look at (see docs/screenshots)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from ui.app import main
from ui.main_window import MainWindow
from ui.window_geometry import FRAME_GUESS, PREFERRED, first_rect, fit_rect, place, saved_geometry
from zi_desktop.services import checklist
from zi_desktop.services.workspace import Workspace

pytestmark = pytest.mark.qt
TASKBAR = 40
SCREENS = {  # name: the logical size the window can have
    "1366x768": (1366, 768 - TASKBAR),
    "1280x720": (1280, 720 - TASKBAR),
    "1366x768 at 125%": (round(1366 / 1.25), round((768 - TASKBAR) / 1.25)),
    "1366x768 at 150%": (round(1366 / 1.5), round((768 - TASKBAR) / 1.5)),
}
FRAME = QMargins(1, 30, 1, 1)


# -- where the window opens ----------------------------------------------------------------------


@pytest.mark.parametrize("size", list(SCREENS.values()), ids=list(SCREENS))
def test_a_first_start_opens_inside_the_available_area(size: tuple[int, int]) -> None:
    available = QRect(0, 0, *size)  # the taskbar is outside it already
    client = first_rect(available, FRAME)
    framed = client.marginsAdded(FRAME)
    assert available.contains(framed)
    assert client.width() <= PREFERRED.width() and client.height() <= PREFERRED.height()


def test_a_window_saved_on_a_larger_screen_is_brought_back_onto_this_one() -> None:
    available = QRect(0, 0, 1280, 680)
    saved = QRect(700, 400, 1366, 768)  # from a larger monitor, partly off this one
    client = fit_rect(saved, available, FRAME)
    assert available.contains(client.marginsAdded(FRAME))
    bottom_left = QPoint(client.left(), client.bottom())  # the status bar's corner
    assert available.contains(bottom_left)


def test_the_geometry_is_remembered(qtbot: QtBot, workspace: Workspace) -> None:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    wanted = QRect(screen.left() + 40, screen.top() + 60, 500, 400)
    window.setGeometry(wanted)
    saved = saved_geometry(window)
    again = MainWindow(workspace)
    qtbot.addWidget(again)
    place(again, saved)
    assert again.geometry().size() == wanted.size()
    assert screen.contains(again.geometry().marginsAdded(FRAME_GUESS))


# -- what fits at each size ----------------------------------------------------------------------


def _inside(widget: QWidget, outer: QWidget) -> bool:
    top_left = widget.mapTo(outer, QPoint(0, 0))
    return outer.rect().contains(QRect(top_left, widget.size()))


def _reachable(area: QScrollArea, widget: QWidget) -> bool:
    """Whether scrolling ``area`` brings ``widget`` wholly into view (its bottom edge too)."""
    body = area.widget()
    bottom = widget.mapTo(body, QPoint(0, 0)).y() + widget.height()
    bar = area.verticalScrollBar()
    bar.setValue(min(bar.maximum(), max(0, bottom - area.viewport().height())))
    QApplication.processEvents()
    top_left = widget.mapTo(area.viewport(), QPoint(0, 0))
    return area.viewport().rect().contains(QRect(top_left, widget.size()))


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("size", list(SCREENS.values()), ids=list(SCREENS))
def test_every_screen_fits_and_every_control_is_reachable(
    window: MainWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    minimum = window.minimumSizeHint()
    assert minimum.width() <= size[0] and minimum.height() <= size[1]
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    status = window.statusBar()
    assert status.isVisible() and _inside(status, window)
    # the unit list: filters and table inside the window
    units = window.units
    for widget in (units.search, units.instansi, units.status, units.target, units.count):
        assert _inside(widget, window), widget
    assert units.table.height() > 100
    # a long question: texts wrap inside the page, every field can be scrolled to
    window.open_unit("KPP-001", "A.II.5.iii.a")
    page = window.assessment
    QApplication.processEvents()
    question = page.question
    body = question.widget()
    assert body.width() <= question.viewport().width()  # wrapped, not cut at the right
    for label in (question.heading, question.text, question.criteria):
        assert label.wordWrap() and label.width() <= question.viewport().width()
    for widget in (question.note, *question.edits.values(), page.tpi_evidence):
        assert _reachable(question, widget), widget
    # the score panel scrolls to its last line
    scores_area = page.splitter.widget(2)
    assert isinstance(scores_area, QScrollArea)
    assert _reachable(scores_area, page.scores.missing)
    for pane in range(3):
        assert page.splitter.widget(pane).width() > 60
    # the recommendations and the surveys: as wide as their page, every button in reach
    page.go_to(checklist.RECOMMENDATIONS)
    QApplication.processEvents()
    recommendations = page.recommendations
    assert recommendations.widget().width() <= recommendations.viewport().width()
    for area in (1, 6):
        assert _reachable(recommendations, recommendations.boxes[area])
    page.go_to(checklist.SURVEYS)
    QApplication.processEvents()
    surveys = page.survey_area
    assert surveys.widget().width() <= surveys.viewport().width()
    assert _reachable(surveys, page.surveys.forms["IPKP"].choose_report)
    assert _inside(status, window)


@pytest.mark.parametrize("name", ["1280x720", "1366x768 at 150%"])
def test_a_screenshot_is_rendered_at_the_size_asked_for(
    demo_folder: Path, tmp_path: Path, name: str
) -> None:
    width, height = SCREENS[name]
    shot = tmp_path / "shot.png"
    size = f"{width}x{height}"
    assert (
        main(
            ["--workspace", str(demo_folder), "--screenshot", str(shot), "--screenshot-size", size]
        )
        == 0
    )
    png = shot.read_bytes()
    assert struct.unpack(">II", png[16:24]) == (width, height)
