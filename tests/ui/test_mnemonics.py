"""No visible text shows an ampersand that was meant as a mnemonic ("&Nama:", "Identitas
_kunci"): a label with a mnemonic has its buddy, a menu entry or button marks a letter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot
from scripted_dialogs import scripted_dialogs

from ui.error_dialog import ErrorDialog
from ui.interop.import_dialog import ExcelImportDialog
from ui.main_window import MainWindow
from ui.profile_dialog import ProfileDialog
from ui.sync.export_dialog import ExportDialog
from ui.sync.identity_dialog import IdentityDialog, TrustDialog
from zi_desktop.i18n import catalog_path, parse_po, set_language
from zi_desktop.services import identity as idsvc
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import EvaluatorProfile

pytestmark = pytest.mark.qt
MNEMONIC = re.compile(r"(?<!&)&(?!&)")  # one ampersand, not an escaped "&&"
MARKS_A_LETTER = re.compile(r"(?<!&)&(?=[^\W_])")


def _problems(root: QWidget) -> list[str]:
    found = []
    for label in root.findChildren(QLabel):
        if MNEMONIC.search(label.text()) and label.buddy() is None:
            found.append(f"label without buddy: {label.text()!r}")
    texts = [b.text() for b in root.findChildren(QAbstractButton)]
    texts += [m.title() for m in root.findChildren(QMenu)]
    texts += [a.text() for a in root.actions()]
    texts += [a.text() for m in root.findChildren(QMenu) for a in m.actions()]
    for text in texts:
        if MNEMONIC.search(text) and not MARKS_A_LETTER.search(text):
            found.append(f"ampersand that marks no letter: {text!r}")
    return found


@pytest.fixture(params=["id", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language("id")


@pytest.fixture(autouse=True)
def _no_popups() -> Iterator[None]:
    with scripted_dialogs():  # a dialog whose work fails reports it: recorded, not shown
        yield


def test_no_screen_shows_a_mnemonic_ampersand(
    qtbot: QtBot, workspace: Workspace, lang: str, tmp_path: Path
) -> None:
    window = MainWindow(workspace)
    window.open_unit("KPP-001")
    folder = tmp_path / "id"
    screens: list[QWidget] = [
        window,
        ProfileDialog(),
        IdentityDialog(workspace, folder),  # the form: no key yet
        TrustDialog(workspace),
        ExportDialog(workspace, "KPP-001", identity_dir=folder),
        ErrorDialog("Pesan", "rincian"),
        ExcelImportDialog(workspace, "KPP-001", tmp_path / "none.xlsx"),
    ]
    idsvc.create_identity(
        EvaluatorProfile("Rina Kartika", "199002022015032004", "anggota"), "kata sandi 1", folder
    )
    screens.append(IdentityDialog(workspace, folder))  # the identity shown
    import ui.ops

    ui.ops.shutdown()  # the workbook dialog's reading has ended
    problems = []
    for screen in screens:
        qtbot.addWidget(screen)
        problems += [f"{type(screen).__name__}: {p}" for p in _problems(screen)]
    assert problems == []


def test_translations_keep_the_mnemonics_of_their_messages() -> None:
    entries = parse_po(catalog_path("id").read_text(encoding="utf-8"))
    wrong = []
    for msgid, msgstr in entries.items():
        forms = [msgstr] if isinstance(msgstr, str) else msgstr
        for text in forms:
            if (
                len(MNEMONIC.findall(text)) != len(MNEMONIC.findall(msgid))
                or MNEMONIC.search(text)
                and not MARKS_A_LETTER.search(text)
            ):
                wrong.append((msgid, text))
    assert wrong == []
