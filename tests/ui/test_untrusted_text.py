"""Names from cards, packages and evidence are shown as text, never as rich text: a signer
called ``<b>…</b><img …>`` appears with its angle brackets, in every dialog and widget."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ui.dialogs import DialogService
from ui.main_window import MainWindow
from ui.sync.export_dialog import ExportDialog
from ui.sync.identity_dialog import IdentityDialog, TrustDialog
from ui.widgets.notice import NoticeBar
from ui.widgets.plain_text import plain_tooltip
from zi_desktop.services import identity as idsvc
from zi_desktop.services.workspace import Workspace
from zi_desktop.storage import trust_store
from zi_desktop.values.views import EvaluatorProfile, UnitInfo

pytestmark = pytest.mark.qt
HOSTILE = '<b>Kepala</b><img src="x.png"> & <a href="http://x">Tim</a>'
PASS = "kata sandi rahasia"


def _rich_labels(root: QWidget) -> list[str]:
    """Labels showing hostile text that Qt would render as rich text."""
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if "<b>Kepala" in label.text() and label.textFormat() != Qt.TextFormat.PlainText
    ]


@pytest.fixture
def card(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile-id"
    profile = EvaluatorProfile(HOSTILE, "199002022015032004", "anggota", HOSTILE)
    idsvc.create_identity(profile, PASS, folder)
    path = tmp_path / "hostile.card"
    idsvc.export_card(path, PASS, folder)
    return path


@pytest.fixture
def hostile(workspace: Workspace, card: Path, tmp_path: Path) -> Workspace:
    """A workspace whose names came from a hostile card and package."""
    idsvc.trust_card(workspace, card)
    info = idsvc.preview_card(card)
    with workspace.transaction() as s:
        trust_store.pin(s, info.key_id, "A" * 43 + "=", HOSTILE)
    code, name = workspace.instansi_list()[0]
    workspace.add_unit(UnitInfo("<i>X-1</i>", HOSTILE, code, name))
    workspace.start_assessment("<i>X-1</i>", 2026, "permenpanrb-90-2021")
    evidence = tmp_path / "<b>Kepala<img src=x>.pdf"  # a file name holds no slash
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    workspace.attach_evidence("<i>X-1</i>", "tpi", "A.I.1.i.a", evidence, HOSTILE)
    return workspace


class _Inspecting(DialogService):
    """The real message boxes and prompts, inspected and answered from a timer."""

    def __init__(self) -> None:
        self.formats: list[Qt.TextFormat] = []

    def _answer(self, answer: str) -> None:
        def act() -> None:
            modal = QApplication.activeModalWidget()
            if modal is None:
                QTimer.singleShot(10, act)
                return
            if isinstance(modal, QMessageBox):
                self.formats.append(modal.textFormat())
            for label in modal.findChildren(QLabel):
                if "<b>Kepala" in label.text():
                    self.formats.append(label.textFormat())
            if isinstance(modal, QInputDialog):
                modal.reject()
            else:
                modal.done(0)

        QTimer.singleShot(0, act)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self._answer("no")
        return super().confirm(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self._answer("close")
        super().info(parent, title, text)

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        self._answer("cancel")
        return super().ask_text(parent, title, label, text)


@pytest.fixture
def inspecting() -> Iterator[_Inspecting]:
    from ui import dialogs

    previous = dialogs.get_service()
    service = _Inspecting()
    dialogs.set_service(service)
    yield service
    dialogs.set_service(previous)


def test_message_boxes_and_prompts_show_names_as_text(
    qtbot: QtBot, inspecting: _Inspecting
) -> None:
    inspecting.confirm(None, "Kartu", f"{HOSTILE}\n\nSidik kunci: ABCD")
    inspecting.info(None, "Kartu", HOSTILE)
    inspecting.ask_text(None, "Keterangan", f"Keterangan {HOSTILE}:")
    assert inspecting.formats and set(inspecting.formats) == {Qt.TextFormat.PlainText}


def test_the_trust_list_and_the_pinned_coordinator_show_names_as_text(
    qtbot: QtBot, hostile: Workspace
) -> None:
    dialog = TrustDialog(hostile)
    qtbot.addWidget(dialog)
    assert HOSTILE in dialog.coordinator.text()
    assert any(HOSTILE in dialog.keys.item(n).text() for n in range(dialog.keys.count()))
    assert _rich_labels(dialog) == []


def test_an_identity_with_such_a_name_is_shown_as_text(
    qtbot: QtBot, hostile: Workspace, tmp_path: Path
) -> None:
    dialog = IdentityDialog(hostile, tmp_path / "hostile-id")
    qtbot.addWidget(dialog)
    assert dialog.name_value.text() == HOSTILE and dialog.instansi_value.text() == HOSTILE
    assert _rich_labels(dialog) == []


def test_units_evidence_and_notices_show_names_as_text(
    qtbot: QtBot, hostile: Workspace, tmp_path: Path
) -> None:
    window = MainWindow(hostile)
    qtbot.addWidget(window)
    window.show()
    model = window.units.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).code == "<i>X-1</i>")
    tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == plain_tooltip("<i>X-1</i>") and "&lt;i&gt;" in tip
    window.open_unit("<i>X-1</i>", "A.I.1.i.a")
    panel = window.assessment.tpi_evidence
    evidence = panel.model
    for column in range(evidence.columnCount()):
        text = evidence.data(evidence.index(0, column), Qt.ItemDataRole.ToolTipRole)
        assert text is None or "<b>Kepala" not in text.replace("<qt>", "")
    window.notice.show_notice(f"{HOSTILE} written", tmp_path / "x.pdf")
    assert _rich_labels(window) == []
    assert isinstance(window.notice, NoticeBar)
    assert window.notice.text.text().startswith(HOSTILE)
    # the export dialog names the unit and the signer's package as plain text too
    dialog = ExportDialog(hostile, "<i>X-1</i>", identity_dir=tmp_path / "hostile-id")
    qtbot.addWidget(dialog)
    assert _rich_labels(dialog) == []
