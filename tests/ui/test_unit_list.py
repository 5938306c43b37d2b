"""The unit list: model checks, search as you type, filters, sorting, opening a unit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ui.app import main
from ui.main_window import MainWindow
from ui.units.model import UnitTableModel
from ui.units.page import UnitListPage
from zi_desktop.i18n import set_language
from zi_desktop.services.workspace import Workspace

pytestmark = pytest.mark.qt


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester, workspace: Workspace) -> None:
    model = UnitTableModel(workspace.list_units())
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_rows_show_progress_scores_and_missing_tpi_as_dash(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = UnitListPage(workspace)
    qtbot.addWidget(page)
    model = page.model
    rows = {model.data(model.index(r, 0)): r for r in range(model.rowCount())}
    first = rows["Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"]
    assert model.data(model.index(first, 3)).endswith("/127")
    assert "," in model.data(model.index(first, 4))  # Indonesian decimal comma
    rsud = rows["RSUD Sukamaju"]
    assert model.data(model.index(rsud, 3)) == "0/127"
    assert model.data(model.index(rsud, 5)) == "—"


def test_search_as_you_type_and_filters(qtbot: QtBot, workspace: Workspace) -> None:
    page = UnitListPage(workspace)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.search, "rsud")
    assert page.model.rowCount() == 1
    page.search.clear()
    assert page.model.rowCount() == 3
    page.target.setCurrentIndex(page.target.findData("WBBM"))
    assert [page.model.row_at(r).code for r in range(page.model.rowCount())] == ["KPP-001"]


def test_sorting_by_unit_score(qtbot: QtBot, workspace: Workspace) -> None:
    page = UnitListPage(workspace)
    qtbot.addWidget(page)
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    codes = [page.model.row_at(r).code for r in range(page.model.rowCount())]
    assert codes == ["KPP-001", "RSUD-002", "DUK-003"]


def test_activating_a_row_opens_that_unit(qtbot: QtBot, workspace: Workspace) -> None:
    page = UnitListPage(workspace)
    qtbot.addWidget(page)
    index = page.model.index(0, 0)
    with qtbot.waitSignal(page.sig_unit_opened) as blocker:
        page.table.activated.emit(index)
    expected = page.model.row_at(index.row()).code
    assert blocker.args == [expected]


def test_language_switch_retranslates_without_restart(qtbot: QtBot, workspace: Workspace) -> None:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    set_language("en")
    assert window.units.model.headerData(0, Qt.Orientation.Horizontal) == "Unit"
    assert window.units.search.placeholderText().startswith("Search")
    set_language("id")
    assert window.units.search.placeholderText().startswith("Cari")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_screenshot_writes_a_png(demo_folder: Path, tmp_path: Path, lang: str) -> None:
    target = tmp_path / f"units-{lang}.png"
    assert main(["--workspace", str(demo_folder), "--screenshot", str(target), "--lang", lang]) == 0
    assert target.read_bytes().startswith(b"\x89PNG")
    set_language("id")
