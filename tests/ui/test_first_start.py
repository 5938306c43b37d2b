"""Who is evaluating: the first start asks for the profile before any workspace opens; every
workspace then records that person; the demo is marked and never lends its people; the
profile is edited in Berkas → Profil and the identity dialog starts from it."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from scripted_dialogs import scripted_dialogs

from ui import app as app_module
from ui.app import Start, main, open_or_create
from ui.main_window import MainWindow
from ui.sync.identity_dialog import IdentityDialog
from zi_desktop.i18n import _
from zi_desktop.services import app_settings
from zi_desktop.services import identity as idsvc
from zi_desktop.services.demo import TEAM
from zi_desktop.services.profile import load_profile, save_profile
from zi_desktop.services.report import _team
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import EvaluatorProfile

pytestmark = pytest.mark.qt
RINA = EvaluatorProfile("Rina Kartika, S.H.", "199002022015032004", "anggota", "Inspektorat")
PASS = "kata sandi rahasia"


@pytest.fixture
def demo_copy(demo_folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo"
    shutil.copytree(demo_folder, copy)
    return copy


def _args(folder: Path, *extra: str) -> argparse.Namespace:
    return app_module.parse_args(["--workspace", str(folder), *extra])


def test_the_first_start_asks_for_the_profile_before_any_workspace_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ws"
    started: list[Start] = []

    def run(start: Start, _app: object) -> int:
        started.append(start)
        return 0

    monkeypatch.setattr(Start, "run", run)
    with scripted_dialogs() as dialogs:
        dialogs.answer("ask_profile", RINA)
        assert main(["--workspace", str(folder)]) == 0
    assert dialogs.of_kind("ask_profile")[0].args["profile"] is None  # nothing made up
    assert load_profile() == RINA  # kept for every later start, whatever the workspace
    assert started[0].profile == RINA
    assert not folder.exists()  # asked before the workspace was opened or made


def test_without_a_profile_nothing_opens(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    with scripted_dialogs() as dialogs:
        dialogs.answer("ask_profile", None)
        assert main(["--workspace", str(folder)]) == 1
    assert load_profile() is None and not folder.exists()


def test_a_later_start_does_not_ask_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_profile(RINA)
    monkeypatch.setattr(Start, "run", lambda _start, _app: 0)
    with scripted_dialogs() as dialogs:  # any question would fail the test
        assert main(["--workspace", str(tmp_path / "ws")]) == 0
    assert dialogs.calls == []


def test_the_demo_workspace_records_the_evaluator_not_its_own_people(demo_copy: Path) -> None:
    start = Start(_args(demo_copy), demo_copy, RINA)
    ws = start._open()
    try:
        assert ws.evaluator() == RINA and ws.actor == RINA.name
        ws.set_answer("RSUD-002", "tpi", "A.I.1.i.a", "Ya")
        answer = ws.open_assessment("RSUD-002").answers["tpi"]["A.I.1.i.a"]
        assert answer.updated_by == RINA.name != TEAM[0].name
        assert ws.verify_audit().ok
        with ws.reading() as s:
            from sqlmodel import col, select

            from zi_desktop.storage.tables import AuditEvent

            last = s.exec(select(AuditEvent).order_by(col(AuditEvent.seq).desc())).first()
        assert last is not None and last.actor == RINA.name
    finally:
        ws.close()


def test_a_real_workspace_lists_only_its_evaluator_as_signatory(tmp_path: Path) -> None:
    folder = tmp_path / "real"
    ws = Start(_args(folder), folder, RINA)._open()
    try:
        assert not ws.is_demo() and ws.list_units() == []  # empty, never the demo
        assert [m.name for m in _team(ws)] == [RINA.name]
    finally:
        ws.close()


def test_the_default_workspace_is_empty_and_the_demo_only_when_asked(tmp_path: Path) -> None:
    plain = open_or_create(tmp_path / "plain")
    demo = open_or_create(tmp_path / "demo", demo=True)
    try:
        assert plain.list_units() == [] and not plain.is_demo()
        assert demo.list_units() and demo.is_demo()
    finally:
        plain.close()
        demo.close()
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    assert "zi-desktop --demo --workspace $(DEMO)" in makefile  # make run keeps its demo


def test_the_demo_is_marked_in_the_title_and_the_status_bar(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    demo = MainWindow(workspace)
    qtbot.addWidget(demo)
    demo.show()
    assert "DEMO" in demo.windowTitle()
    assert demo.demo_label.isVisible() and "DEMO" in demo.demo_label.text()
    with Workspace.open(tmp_path / "real") as real_ws:
        real = MainWindow(real_ws)
        qtbot.addWidget(real)
        real.show()
        assert "DEMO" not in real.windowTitle() and not real.demo_label.isVisible()
        real.close()


def test_a_demo_workspace_is_never_remembered_as_the_one_to_open(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    settings = app_settings.AppSettings(last_workspace="/somewhere/real")
    start = Start(_args(workspace.layout.root), workspace.layout.root, RINA)
    start.window = MainWindow(workspace)
    qtbot.addWidget(start.window)
    assert app_module._settings_after(settings, start).last_workspace == "/somewhere/real"
    with Workspace.open(tmp_path / "real") as real_ws:
        start = Start(_args(real_ws.layout.root), real_ws.layout.root, RINA)
        start.window = MainWindow(real_ws)
        qtbot.addWidget(start.window)
        remembered = app_module._settings_after(settings, start)
        assert remembered.last_workspace == str(real_ws.layout.root)
        start.window.close()


def test_the_profile_is_edited_in_the_file_menu_and_recorded_in_the_workspace(
    qtbot: QtBot, workspace: Workspace
) -> None:
    save_profile(RINA)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    assert window.actions_by_name["profile"].isEnabled()
    changed = EvaluatorProfile("Rina Kartika, S.H., M.H.", RINA.nip, "ketua", "Inspektorat")
    with scripted_dialogs() as dialogs:
        dialogs.answer("ask_profile", changed)
        window.actions_by_name["profile"].trigger()
    assert dialogs.of_kind("ask_profile")[0].args["profile"] == RINA  # filled in first
    assert load_profile() == changed
    assert workspace.evaluator() == changed and workspace.actor == changed.name


def test_the_identity_dialog_starts_from_the_profile_and_its_key_keeps_them_equal(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    save_profile(RINA)
    folder = idsvc.current_identity() is None and None  # the default folder, isolated per test
    dialog = IdentityDialog(workspace, folder)
    qtbot.addWidget(dialog)
    assert (dialog.name.text(), dialog.nip.text(), dialog.instansi.text()) == (
        RINA.name,
        RINA.nip,
        RINA.instansi,
    )
    assert dialog.role.currentData() == RINA.role
    for edit in (dialog.passphrase, dialog.passphrase_again):
        edit.setText(PASS)
    dialog.create_identity()
    assert dialog.last_op is not None
    qtbot.waitUntil(dialog.last_op.is_finished)
    made = idsvc.current_identity()
    assert made is not None and made.name == RINA.name
    assert dialog.instansi_value.text() == RINA.instansi
    # Changing the profile now changes the key's: asked for with the passphrase.
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    changed = EvaluatorProfile("Rina K., S.H.", RINA.nip, "ketua", "Inspektorat Kota")
    with scripted_dialogs() as dialogs:
        dialogs.answer("ask_profile", changed)
        dialogs.answer("ask_text", PASS)
        window.actions_by_name["profile"].trigger()
    assert _("Evaluator profile") == dialogs.of_kind("info")[0].args["title"]
    assert load_profile() == changed
    again = idsvc.current_identity()
    assert again is not None and (again.name, again.role, again.instansi) == (
        changed.name,
        changed.role,
        changed.instansi,
    )
