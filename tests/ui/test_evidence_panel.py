"""The evidence panel: list, add by dialog and by drop, caption, remove, refusals, read-only."""

from __future__ import annotations

import stat
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton, QVBoxLayout, QWidget
from scripted_dialogs import ScriptedDialogService, scripted_dialogs
from shiboken6 import delete

import ui.evidence.panel as panel_module
from ui.evidence.model import EvidenceTableModel
from ui.evidence.panel import EvidencePanel
from zi_desktop.formatting import format_size
from zi_desktop.i18n import set_language
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import EvidenceView

pytestmark = pytest.mark.qt
UNIT = "KPP-001"
ITEM = "A.I.1.i.a"  # the demo has evidence in both tiers here
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def evidence(ws: Workspace, tier: str, node_id: str) -> list[EvidenceView]:
    return [e for e in ws.open_assessment(UNIT).evidence if (e.tier, e.node_id) == (tier, node_id)]


@pytest.fixture
def dialogs() -> Iterator[ScriptedDialogService]:
    with scripted_dialogs() as service:
        yield service


@pytest.fixture
def make_panel(qtbot, workspace: Workspace) -> Callable[..., EvidencePanel]:  # type: ignore[no-untyped-def]
    def make(node_id: str = ITEM, tier: str = "tpi", read_only: bool = False) -> EvidencePanel:
        panel = EvidencePanel(workspace)
        qtbot.addWidget(panel)
        panel.show_item(UNIT, tier, node_id, evidence(workspace, tier, node_id), read_only)
        panel.show()
        return panel

    return make


def pdf(tmp_path: Path, name: str = "berita-acara.pdf", extra: bytes = b"") -> Path:
    path = tmp_path / name
    path.write_bytes(PDF + extra)
    return path


def drag_enter(mime: QMimeData) -> QDragEnterEvent:
    """A drag entering at (5, 5) with files from the desktop."""
    with warnings.catch_warnings():  # PySide6 binds only the QPoint overload, deprecated in Qt 6
        warnings.simplefilter("ignore", DeprecationWarning)
        buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        return QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, buttons, modifiers)


def texts(panel: EvidencePanel, column: int = 0) -> list[str]:
    model = panel.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    model = EvidenceTableModel()
    model.set_rows(workspace.open_assessment(UNIT).evidence)
    qtmodeltester.check(model)


def test_rows_show_name_caption_size_type_and_short_hash(make_panel) -> None:  # type: ignore[no-untyped-def]
    panel = make_panel()
    model = panel.model
    (view,) = model.rows()
    row = [model.data(model.index(0, c)) for c in range(5)]
    assert row == ["notulen-rapat.txt", "Notulen", "56 B", "Teks", view.sha256[:12]]
    assert model.data(model.index(0, 4), Qt.ItemDataRole.ToolTipRole) == view.sha256
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Berkas"


def test_sizes_read_the_indonesian_way() -> None:
    assert format_size(512) == "512 B"
    assert format_size(1_258_291) == "1,2 MB"
    assert format_size(1024 * 1024 - 1) == "1,0 MB"
    assert format_size(3 * 2**30) == "3,0 GB"
    assert (
        format_size(
            1_258_291,
        )
        != "1.2 MB"
    )


def test_add_by_the_file_dialog(  # type: ignore[no-untyped-def]
    qtbot, make_panel, workspace: Workspace, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    panel = make_panel("A.I.1.i.b")
    assert "Ctrl+Shift+A" in panel.action_add.toolTip()
    dialogs.answer("open_files", [pdf(tmp_path)])
    with qtbot.waitSignal(panel.sig_changed):
        panel.action_add.trigger()
    assert texts(panel) == ["berita-acara.pdf"]
    assert [e.file_name for e in evidence(workspace, "tpi", "A.I.1.i.b")] == ["berita-acara.pdf"]
    assert panel.selected() is not None
    qtbot.waitUntil(lambda: panel.busy is None and panel.action_add.isEnabled())
    assert dialogs.errors == []


def test_add_by_dropping_files_from_the_desktop(  # type: ignore[no-untyped-def]
    qtbot, make_panel, workspace: Workspace, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    panel = make_panel("A.I.1.ii.a")
    files = [pdf(tmp_path, "a.pdf", b"a"), pdf(tmp_path, "b.pdf", b"b")]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    enter = drag_enter(mime)
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(panel.sig_changed):
        QApplication.sendEvent(panel, drop)
    assert drop.isAccepted()
    assert texts(panel) == ["a.pdf", "b.pdf"]
    assert len(evidence(workspace, "tpi", "A.I.1.ii.a")) == 2


@pytest.mark.parametrize(
    "content",
    [b"\x7fELF\x02\x01\x01\x00" + bytes(200), bytes(range(256)) * 8],
    ids=["elf", "random"],
)
def test_rejected_file_shows_the_error_and_attaches_nothing(  # type: ignore[no-untyped-def]
    qtbot,
    make_panel,
    workspace: Workspace,
    dialogs: ScriptedDialogService,
    tmp_path: Path,
    content: bytes,
) -> None:
    panel = make_panel()
    before = evidence(workspace, "tpi", ITEM)
    stored_before = workspace.store.stored()
    bad = tmp_path / "laporan.pdf"
    bad.write_bytes(content)
    with qtbot.assertNotEmitted(panel.sig_changed):
        handle = panel.add_files([bad])
        assert handle is not None and handle.wait(5000)
    (error,) = dialogs.errors
    assert "laporan.pdf" in error.args["message"]
    assert panel.model.rows() == before
    assert evidence(workspace, "tpi", ITEM) == before
    assert workspace.store.stored() == stored_before


def test_a_refused_file_does_not_stop_the_good_ones(  # type: ignore[no-untyped-def]
    qtbot, make_panel, workspace: Workspace, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    panel = make_panel("A.I.1.ii.b")
    bad = tmp_path / "program.exe"
    bad.write_bytes(b"MZ\x90\x00" + bytes(100))
    with qtbot.waitSignal(panel.sig_changed):
        panel.add_files([bad, pdf(tmp_path, "ok.pdf", b"ok")])
    qtbot.waitUntil(lambda: panel.busy is None)
    assert texts(panel) == ["ok.pdf"]
    assert "program.exe" in dialogs.errors[0].args["message"]


def test_caption_is_edited_through_the_dialog_service(  # type: ignore[no-untyped-def]
    qtbot, make_panel, workspace: Workspace, dialogs: ScriptedDialogService
) -> None:
    panel = make_panel()
    panel.view.selectRow(0)
    dialogs.answer("ask_text", None, "  Notulen rapat 8 Januari  ")
    with qtbot.assertNotEmitted(panel.sig_changed):
        panel.action_caption.trigger()  # cancelled: nothing changes
    with qtbot.waitSignal(panel.sig_changed):
        panel.action_caption.trigger()
    assert dialogs.of_kind("ask_text")[-1].args["text"] == "Notulen"
    assert texts(panel, 1) == ["Notulen rapat 8 Januari"]
    assert evidence(workspace, "tpi", ITEM)[0].caption == "Notulen rapat 8 Januari"


def test_remove_asks_first(  # type: ignore[no-untyped-def]
    qtbot, make_panel, workspace: Workspace, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    panel = make_panel("A.I.1.iii.a")
    dialogs.answer("open_files", [pdf(tmp_path, "hapus.pdf", b"hapus")])
    with qtbot.waitSignal(panel.sig_changed):
        panel.action_add.trigger()
    qtbot.waitUntil(lambda: panel.busy is None)
    dialogs.answer("confirm", False, True)
    with qtbot.assertNotEmitted(panel.sig_changed):
        panel.action_remove.trigger()
    assert texts(panel) == ["hapus.pdf"]
    with qtbot.waitSignal(panel.sig_changed):
        panel.action_remove.trigger()
    assert "hapus.pdf" in dialogs.of_kind("confirm")[-1].args["text"]
    assert texts(panel) == [] and evidence(workspace, "tpi", "A.I.1.iii.a") == []
    assert not panel.action_remove.isEnabled()


def test_open_gives_the_viewer_a_named_read_only_copy(  # type: ignore[no-untyped-def]
    qtbot,
    make_panel,
    workspace: Workspace,
    dialogs: ScriptedDialogService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(panel_module, "open_with_system", lambda path: opened.append(path) or True)
    panel = make_panel(tier="unit", read_only=True)
    panel.view.selectRow(0)
    panel.action_open.trigger()
    qtbot.waitUntil(lambda: len(opened) == 1)
    (view,) = panel.model.rows()
    assert opened[0].name == "SK-Tim-ZI-2026.pdf"
    assert opened[0].read_bytes() == workspace.evidence_path(view.sha256).read_bytes()
    assert not opened[0].stat().st_mode & stat.S_IWUSR
    assert dialogs.calls == []


def test_read_only_mode_leaves_only_open(  # type: ignore[no-untyped-def]
    qtbot, make_panel, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    panel = make_panel(tier="unit", read_only=True)
    panel.view.selectRow(0)
    for action in (panel.action_add, panel.action_caption, panel.action_remove):
        assert not action.isVisible() and not action.isEnabled()
    assert panel.action_open.isVisible() and panel.action_open.isEnabled()
    buttons = [b.text() for b in panel.findChildren(QToolButton) if b.isVisible()]
    assert buttons == ["Buka"]
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(panel.view, Qt.Key.Key_A, ctrl_shift)
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert panel.add_files([pdf(tmp_path)]) is None
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "x.pdf"))])
    enter = drag_enter(mime)
    QApplication.sendEvent(panel, enter)
    assert not enter.isAccepted()
    assert dialogs.calls == []  # no key asked for a file, a caption or a removal


def test_keyboard_add_caption_remove_and_open(  # type: ignore[no-untyped-def]
    qtbot,
    workspace: Workspace,
    dialogs: ScriptedDialogService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both tiers' panels on one page, as on the question page: the keys reach the right one."""
    page = QWidget()
    layout = QVBoxLayout(page)
    unit, tpi = EvidencePanel(workspace), EvidencePanel(workspace)
    layout.addWidget(unit)
    layout.addWidget(tpi)
    qtbot.addWidget(page)
    unit.show_item(UNIT, "unit", "A.I.1.iv.c", [], True)
    tpi.show_item(UNIT, "tpi", "A.I.1.iv.c", [], False)
    with qtbot.waitActive(page):
        page.show()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    dialogs.answer("open_files", [pdf(tmp_path, "kunci.pdf", b"kunci")])
    with qtbot.waitSignal(tpi.sig_changed):
        qtbot.keyClick(unit, Qt.Key.Key_A, ctrl_shift)  # works anywhere in the window
    qtbot.waitUntil(lambda: tpi.busy is None)
    tpi.view.setFocus()
    dialogs.answer("ask_text", "Kunci")
    with qtbot.waitSignal(tpi.sig_changed):
        qtbot.keyClick(tpi.view, Qt.Key.Key_F2)
    opened: list[Path] = []
    monkeypatch.setattr(panel_module, "open_with_system", lambda path: opened.append(path) or True)
    qtbot.keyClick(tpi.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [p.name for p in opened] == ["kunci.pdf"])
    dialogs.answer("confirm", True)
    with qtbot.waitSignal(tpi.sig_changed):
        qtbot.keyClick(tpi.view, Qt.Key.Key_Delete)
    assert texts(tpi) == [] and evidence(workspace, "tpi", "A.I.1.iv.c") == []
    assert [c.kind for c in dialogs.calls] == ["open_files", "ask_text", "confirm"]


def _gate_attach(monkeypatch: pytest.MonkeyPatch, workspace: Workspace) -> threading.Event:
    """Hold every attach at its first cancel check until the returned event is set."""
    gate, real = threading.Event(), workspace.attach_evidence

    def gated(*args: Any, cancel: Callable[[], bool], **kwargs: Any) -> EvidenceView:
        return real(*args, cancel=lambda: gate.wait(10) and cancel(), **kwargs)

    monkeypatch.setattr(workspace, "attach_evidence", gated)
    return gate


def test_cancel_while_hashing_attaches_nothing(  # type: ignore[no-untyped-def]
    qtbot,
    make_panel,
    workspace: Workspace,
    dialogs: ScriptedDialogService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = _gate_attach(monkeypatch, workspace)
    panel = make_panel("A.I.1.iii.b")
    big = tmp_path / "rekaman.txt"
    big.write_bytes(b"catatan lapangan\n" * 200_000)  # over 3 MB: several chunks
    with qtbot.assertNotEmitted(panel.sig_changed):
        handle = panel.add_files([big])
        assert handle is not None
        qtbot.waitUntil(lambda: handle.progress_dialog() is not None)
        dialog = handle.progress_dialog()
        assert "1" in dialog.labelText()
        assert not panel.action_add.isEnabled()  # one add at a time
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        gate.set()
        assert handle.wait(5000)
    assert handle.outcome == "cancelled"
    assert dialogs.calls == [] and texts(panel) == []
    assert evidence(workspace, "tpi", "A.I.1.iii.b") == []
    assert list(workspace.layout.evidence.joinpath("incoming").iterdir()) == []
    qtbot.waitUntil(panel.action_add.isEnabled)


def test_moving_to_another_item_while_adding(  # type: ignore[no-untyped-def]
    qtbot,
    make_panel,
    workspace: Workspace,
    dialogs: ScriptedDialogService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = _gate_attach(monkeypatch, workspace)
    panel = make_panel("A.I.1.iv.a")
    handle = panel.add_files([pdf(tmp_path, "late.pdf", b"late")])
    panel.show_item(UNIT, "tpi", "A.I.1.iv.b", [], False)
    with qtbot.waitSignal(panel.sig_changed):
        gate.set()
    assert handle is not None and handle.wait(5000)
    assert texts(panel) == []  # the new item does not get the old item's file
    assert [e.file_name for e in evidence(workspace, "tpi", "A.I.1.iv.a")] == ["late.pdf"]


def test_language_switch_retranslates_and_forgets_deleted_panels(  # type: ignore[no-untyped-def]
    make_panel, workspace: Workspace
) -> None:
    panel = make_panel()
    gone = EvidencePanel(workspace)
    delete(gone)  # its language listener goes with it
    set_language("en")
    assert panel.action_add.text() == "Add…"
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "File"
    assert panel.model.data(panel.model.index(0, 3)) == "Text"
    set_language("id")
    assert panel.action_add.text() == "Tambah…"
