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


def test_an_empty_workspace_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    from scripted_dialogs import scripted_dialogs

    from zi_desktop.i18n import _

    with Workspace.open(tmp_path / "empty") as ws:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        window.show()
        page = window.units
        assert page.body.currentWidget() is page.empty and page.empty.isVisible()
        assert page.empty.receive.text() == _("Receive a package (import)…")
        assert "Excel" in page.empty.excel.text()
        for width in (1366, 800):
            window.resize(width, 600)
            for label in (page.empty.text, page.empty.excel):  # wrapped, never cut short
                qtbot.waitUntil(lambda lb=label: lb.height() >= lb.heightForWidth(lb.width()))
        with scripted_dialogs() as dialogs:
            dialogs.answer("open_files", [])
            page.empty.receive.click()  # the same as Berkas → Terima paket
        assert dialogs.of_kind("open_files")[0].args["title"] == _("Receive a package")
        window.close()


def test_no_unit_matching_the_search_is_not_an_empty_workspace(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = UnitListPage(workspace)
    qtbot.addWidget(page)
    page.search.setText("tidak ada unit seperti ini")
    assert page.model.rowCount() == 0 and page.body.currentWidget() is page.table


def test_the_status_filter_and_column_show_where_each_assessment_stands(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from ui.units.model import status_texts

    page = UnitListPage(workspace)
    qtbot.addWidget(page)
    shown = {
        page.model.row_at(r).code: page.model.data(page.model.index(r, 7))
        for r in range(page.model.rowCount())
    }
    texts = status_texts()
    assert shown == {
        "KPP-001": texts["in_progress"],
        "RSUD-002": texts["not_started"],
        "DUK-003": texts["not_started"],
    }
    page.status.setCurrentIndex(page.status.findData("in_progress"))
    assert [page.model.row_at(r).code for r in range(page.model.rowCount())] == ["KPP-001"]
    page.status.setCurrentIndex(page.status.findData("not_started"))
    assert page.model.rowCount() == 2
