"""Start-up: the window shows the unit list while the workspace opens in the background."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from scripted_dialogs import scripted_dialogs

from ui import app as app_module
from ui.app import main
from ui.main_window import ASSESSMENT_ACTIONS, WORKSPACE_ACTIONS, MainWindow
from zi_desktop.i18n import _
from zi_desktop.services.unit_list import UnitIndex
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import UnitInfo


@pytest.fixture
def folder(demo_folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ws"
    shutil.copytree(demo_folder, copy)
    return copy


@pytest.fixture
def early_window(qtbot: QtBot, folder: Path) -> Iterator[MainWindow]:
    index = UnitIndex.peek(folder)
    assert index is not None
    window = MainWindow(index=index)
    qtbot.addWidget(window)
    yield window
    if window.workspace is not None:
        window.workspace.close()


def _enabled(window: MainWindow, names: tuple[str, ...]) -> set[bool]:
    return {window.actions_by_name[name].isEnabled() for name in names}


def test_the_unit_list_shows_before_the_workspace_is_open(
    early_window: MainWindow, folder: Path
) -> None:
    with Workspace.open(folder) as ws:
        expected = [row.code for row in ws.list_units()]
    units = early_window.units
    assert [units.model.row_at(r).code for r in range(units.model.rowCount())] == expected
    units.search.setText("rsud")
    assert 0 < units.model.rowCount() < len(expected)  # search works already
    assert early_window.workspace is None
    assert _enabled(early_window, WORKSPACE_ACTIONS + ASSESSMENT_ACTIONS) == {False}
    assert early_window.actions_by_name["find"].isEnabled()


def test_a_unit_opened_meanwhile_opens_when_the_workspace_is_there(
    early_window: MainWindow, folder: Path
) -> None:
    code = early_window.units.model.row_at(0).code
    early_window.units.table.setFocus()
    early_window.units.table.selectRow(0)
    early_window.units.table.activated.emit(early_window.units.table.currentIndex())
    assert early_window.pages.currentWidget() is early_window.units
    assert early_window.statusBar().currentMessage() == _("Opening the workspace…")
    assert QApplication.overrideCursor() is not None
    early_window.attach(Workspace.open(folder))
    assert early_window.pages.currentWidget() is early_window.assessment
    assert early_window.assessment.code == code
    assert QApplication.overrideCursor() is None
    assert _enabled(early_window, WORKSPACE_ACTIONS + ASSESSMENT_ACTIONS) == {True}
    early_window.assessment.answer("A.I.1.i.a", "Ya")  # and it saves through the workspace
    assert early_window.workspace is not None
    view = early_window.workspace.open_assessment(code)
    assert view.answers["tpi"]["A.I.1.i.a"].value == "Ya"


def test_closing_before_the_workspace_opens_restores_the_cursor(
    early_window: MainWindow,
) -> None:
    early_window.open_unit(early_window.units.model.row_at(0).code)
    early_window.close()
    assert QApplication.overrideCursor() is None


def test_start_opens_the_workspace_and_closes_it_on_exit(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attached: list[Path] = []
    attach = MainWindow.attach

    def recording_attach(window: MainWindow, workspace: Workspace) -> None:
        attached.append(workspace.layout.root)
        attach(window, workspace)

    monkeypatch.setattr(MainWindow, "attach", recording_attach)
    monkeypatch.chdir(folder.parent)  # a folder given relative to where the app starts
    shot = tmp_path / "shot.png"
    assert main(["--workspace", folder.name, "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 0
    assert attached == [folder]  # opened in the background and given to the window
    Workspace.open(folder).close()  # and released at exit
    strategy = QApplication.font().styleStrategy()
    assert strategy & QFont.StyleStrategy.PreferNoShaping  # Latin text skips shaping


def test_start_reports_a_workspace_that_cannot_open(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shot = tmp_path / "shot.png"
    with Workspace.open(folder):  # another copy holds it: the list shows, opening fails
        assert main(["--workspace", str(folder), "--screenshot", str(shot)]) == 2
    message = _(
        "The workspace {folder} is open in another running copy of ZI Desktop. "
        "Close it there first."
    ).format(folder=folder)
    assert message in capsys.readouterr().err
    assert shot.stat().st_size > 0  # the window showed the unit list meanwhile


def test_a_failure_of_any_kind_while_opening_ends_the_start_with_its_message(
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(_folder: Path, _demo: bool = False) -> Workspace:
        raise PermissionError("evidence folder not writable")

    monkeypatch.setattr(app_module, "open_or_create", broken)
    shot = tmp_path / "shot.png"
    assert main(["--workspace", str(folder), "--screenshot", str(shot)]) == 2
    message = _("The workspace {folder} could not be opened: {error}").format(
        folder=folder, error="evidence folder not writable"
    )
    assert message in capsys.readouterr().err


def test_a_unit_that_cannot_open_once_the_workspace_is_there_says_why(
    folder: Path, qtbot: QtBot
) -> None:
    with Workspace.open(folder) as ws:
        code, name = ws.instansi_list()[0]
        ws.add_unit(UnitInfo("BARU-1", "Unit Baru", instansi_code=code, instansi_name=name))
    index = UnitIndex.peek(folder)
    assert index is not None
    window = MainWindow(index=index)
    qtbot.addWidget(window)
    window.open_unit("BARU-1")  # listed, but not assessed yet
    with scripted_dialogs() as dialogs:
        workspace = Workspace.open(folder)
        try:
            window.attach(workspace)
            assert [call.args["message"] for call in dialogs.errors] == [
                _("Unit {code} has no assessment yet.").format(code="BARU-1")
            ]
            assert window.pages.currentWidget() is window.units  # the window stays, usable
            assert QApplication.overrideCursor() is None
            window.open_unit(window.units.model.row_at(0).code)
            assert window.pages.currentWidget() is window.assessment
        finally:
            workspace.close()
