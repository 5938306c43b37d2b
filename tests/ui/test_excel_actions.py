"""The workbook entries of the main window: import a unit's LKE Excel workbook after its
preview (into the chosen tier, nothing written before confirming), export the official
workbook and the PortalRB file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from scripted_dialogs import ScriptedDialogService, scripted_dialogs

from ui.interop.import_dialog import ExcelImportDialog
from ui.main_window import MainWindow
from zi_desktop.services import interop
from zi_desktop.services.workspace import Workspace

pytestmark = pytest.mark.qt
SOURCE, TARGET = "KPP-001", "RSUD-002"


@pytest.fixture
def dialogs() -> Iterator[ScriptedDialogService]:
    with scripted_dialogs() as service:
        yield service


@pytest.fixture
def window(qtbot, workspace: Workspace) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.open_unit(TARGET)
    return window


def _wait(qtbot, dialog: ExcelImportDialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.last_op is not None
    qtbot.waitUntil(dialog.last_op.is_finished, timeout=30000)


def _values(ws: Workspace, code: str, tier: str) -> dict[str, object]:
    answers = ws.open_assessment(code).answers[tier]
    return {node: a.value for node, a in answers.items() if a.value is not None}


def test_export_actions_write_the_workbook_and_the_portalrb_file(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    book, portal = tmp_path / "out" / "lke.xlsx", tmp_path / "out" / "portal.json"
    dialogs.answer("save_file", str(book), str(portal))
    window.actions_by_name["excel_export"].trigger()
    qtbot.waitUntil(lambda: len(dialogs.of_kind("info")) == 1, timeout=30000)
    window.actions_by_name["portalrb_export"].trigger()
    qtbot.waitUntil(lambda: len(dialogs.of_kind("info")) == 2, timeout=30000)
    assert dialogs.errors == []
    suggested = dialogs.of_kind("save_file")[0].args["suggested"]
    assert suggested.parent == window.workspace.layout.exports and TARGET in suggested.name
    assert "LKE ZI" in openpyxl.load_workbook(book, read_only=True).sheetnames
    document = json.loads(portal.read_text(encoding="utf-8"))
    assert len(document["soal"]) == 127
    assert str(book) in dialogs.of_kind("info")[0].args["text"]


def test_import_previews_then_replaces_the_chosen_tier(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    ws = window.workspace
    book = tmp_path / "kpp.xlsx"
    interop.excel_export(ws, SOURCE, book)  # KPP-001's TPI answers are on sheet LKE ZI TPI
    wanted = _values(ws, SOURCE, "tpi")
    before = _values(ws, TARGET, "tpi")
    dialog = ExcelImportDialog(ws, TARGET, book)
    qtbot.addWidget(dialog)
    _wait(qtbot, dialog)
    assert dialog.chosen_tier() == "unit"
    dialog.tier.setCurrentIndex(dialog.tier.findData("tpi"))
    _wait(qtbot, dialog)
    preview = dialog.details.toPlainText()
    assert "A.I.1.i.a" in preview and dialog.import_button.isEnabled()
    assert _values(ws, TARGET, "tpi") == before  # the preview wrote nothing
    dialog.import_button.click()
    _wait(qtbot, dialog)
    assert dialog.changes is not None and dialog.changes.answers_set > 0
    assert _values(ws, TARGET, "tpi") == wanted
    assert dialogs.errors == []


def test_a_file_that_is_no_workbook_is_refused_and_nothing_changes(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    ws = window.workspace
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    before = {tier: _values(ws, TARGET, tier) for tier in ("unit", "tpi")}
    dialog = ExcelImportDialog(ws, TARGET, bad)
    qtbot.addWidget(dialog)
    _wait(qtbot, dialog)
    assert dialog.problem.text() and not dialog.import_button.isEnabled()
    assert dialogs.errors[-1].args["message"] == dialog.problem.text()
    dialog.reject()
    assert dialog.changes is None
    assert {tier: _values(ws, TARGET, tier) for tier in ("unit", "tpi")} == before


def test_workbook_entries_are_only_enabled_with_a_unit_open(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    names = ("excel_import", "excel_export", "portalrb_export")
    assert not any(window.actions_by_name[n].isEnabled() for n in names)
    window.open_unit(TARGET)
    assert all(window.actions_by_name[n].isEnabled() for n in names)
    assert window.actions_by_name["excel_import"].shortcut().toString() == "Ctrl+Shift+I"


def test_several_lke_sheets_are_offered_and_the_chosen_one_is_read(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    ws = window.workspace
    book = tmp_path / "kpp.xlsx"
    interop.excel_export(ws, SOURCE, book)
    workbook = openpyxl.load_workbook(book)
    copy = workbook.copy_worksheet(workbook["LKE ZI"])
    copy.title = "LKE 2024"
    copy["K8"] = "Tidak" if workbook["LKE ZI"]["K8"].value != "Tidak" else "Ya"
    workbook.save(book)
    dialog = ExcelImportDialog(ws, TARGET, book)
    qtbot.addWidget(dialog)
    _wait(qtbot, dialog)
    assert not dialog.sheet.isHidden()
    listed = [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())]
    assert listed == ["LKE ZI", "LKE ZI TPI", "LKE 2024"]
    assert dialog.problem.text()  # several fit the unit tier: the user is told to check
    dialog.sheet.setCurrentIndex(2)
    dialog.sheet.activated.emit(2)
    _wait(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.plan.sheet == "LKE 2024"
    assert dialog.preview.plan.answers["A.I.1.i.a"] == copy["K8"].value
    assert dialog.sheet.currentText() == "LKE 2024"
