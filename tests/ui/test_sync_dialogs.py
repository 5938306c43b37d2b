"""The sync screens: identity, trust list, export preview and writing, receiving a package."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from scripted_dialogs import ScriptedDialogService, scripted_dialogs

from ui.sync.export_dialog import ExportDialog
from ui.sync.identity_dialog import IdentityDialog, TrustDialog
from ui.sync.import_flow import ImportFlow, import_package_flow, result_text
from zi_desktop.i18n import _
from zi_desktop.services import identity as idsvc
from zi_desktop.services.sync.importer import verify_package
from zi_desktop.services.workspace import Workspace
from zi_desktop.sync.reasons import SENTENCES
from zi_desktop.values.fingerprint import assessment_fingerprint
from zi_desktop.values.views import EvaluatorProfile

pytestmark = pytest.mark.qt
UNIT = "KPP-001"
PASS = "kata sandi rahasia"
EVA_NIP = "198703152010122001"


@pytest.fixture
def dialogs() -> Iterator[ScriptedDialogService]:
    with scripted_dialogs() as service:
        yield service


@pytest.fixture
def eva_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "eva-id"
    profile = EvaluatorProfile("Dewi Lestari, S.E.", EVA_NIP, "anggota", "Inspektorat")
    idsvc.create_identity(profile, PASS, folder)
    idsvc.export_card(tmp_path / "dewi.card", PASS, folder)
    return folder


@pytest.fixture
def koor_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "koor-id"
    profile = EvaluatorProfile("Ir. Hendra Gunawan", "197001011995031002", "koordinator", "")
    idsvc.create_identity(profile, PASS, folder)
    idsvc.export_card(tmp_path / "koor.card", PASS, folder)
    return folder


@pytest.fixture
def coordinator(demo_folder: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A second copy of the demo folder: the coordinator's workspace."""
    copy = tmp_path / "koor-ws"
    shutil.copytree(demo_folder, copy)
    ws: Workspace = Workspace.open(copy)
    yield ws
    ws.close()


def _wait(qtbot, dialog: IdentityDialog | ExportDialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.last_op is not None
    qtbot.waitUntil(dialog.last_op.is_finished, timeout=15000)


def test_identity_is_created_in_the_dialog_with_inline_checks(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, tmp_path: Path, dialogs: ScriptedDialogService
) -> None:
    folder = tmp_path / "id"
    dialog = IdentityDialog(workspace, folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pages.currentWidget() is dialog.form
    qtbot.keyClicks(dialog.name, "Rina Kartika, S.H.")
    qtbot.keyClicks(dialog.nip, "19800101 200501 1 001")
    dialog.passphrase.setText("pendek")
    assert dialog.passphrase_message.text() == _("At least {count} characters").format(count=8)
    assert not dialog.create_button.isEnabled()
    dialog.passphrase.setText(PASS)
    dialog.passphrase_again.setText(PASS + "x")
    assert dialog.passphrase_message.text() == _("The two entries differ")
    assert not dialog.create_button.isEnabled()
    dialog.passphrase_again.setText(PASS)
    assert dialog.passphrase_message.text() == "✓"
    assert dialog.create_button.isEnabled()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    info = idsvc.current_identity(folder)
    assert info is not None and info.name == "Rina Kartika, S.H."
    assert dialog.pages.currentWidget() is dialog.shown
    assert dialog.fingerprint_value.text() == info.fingerprint
    assert dialog.passphrase.text() == ""
    assert dialogs.errors == []

    card = tmp_path / "rina.card"
    dialogs.answer("save_file", str(card))
    dialogs.answer("ask_text", PASS)
    dialog.export_card()
    _wait(qtbot, dialog)
    assert idsvc.preview_card(card).fingerprint == info.fingerprint
    assert info.fingerprint in dialogs.of_kind("info")[-1].args["text"]


def test_existing_identity_is_shown(qtbot, workspace: Workspace, eva_dir: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = IdentityDialog(workspace, eva_dir)
    qtbot.addWidget(dialog)
    info = idsvc.current_identity(eva_dir)
    assert info is not None
    assert dialog.pages.currentWidget() is dialog.shown
    assert dialog.fingerprint_value.text() == info.fingerprint
    assert dialog.nip_value.text() == EVA_NIP


def test_trust_list_adds_a_card_after_confirmation_and_removes_it(  # type: ignore[no-untyped-def]
    qtbot, coordinator: Workspace, eva_dir: Path, tmp_path: Path, dialogs: ScriptedDialogService
) -> None:
    dialog = TrustDialog(coordinator)
    qtbot.addWidget(dialog)
    card = tmp_path / "dewi.card"
    fingerprint = idsvc.preview_card(card).fingerprint
    dialogs.answer("open_files", [card])
    dialogs.answer("confirm", False)
    assert not dialog.add_card()
    assert fingerprint in dialogs.of_kind("confirm")[-1].args["text"]
    assert dialog.key_ids() == []
    dialogs.answer("open_files", [card])
    dialogs.answer("confirm", True)
    assert dialog.add_card()
    assert [k.fingerprint for k in idsvc.trusted_keys(coordinator)] == [fingerprint]
    assert fingerprint in dialog.keys.item(0).text()
    dialog.keys.setCurrentRow(0)
    dialogs.answer("confirm", True)
    assert dialog.remove_selected()
    assert idsvc.trusted_keys(coordinator) == []
    assert dialog.keys.count() == 0


def _export(qtbot, workspace: Workspace, eva_dir: Path, tmp_path: Path, unit: str = UNIT) -> Path:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(
        workspace, unit, identity_dir=eva_dir, recipient_card=tmp_path / "koor.card"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    before = set(workspace.layout.exports.glob("*.zisync"))
    assert dialog.preview is not None
    expected = assessment_fingerprint(workspace.open_assessment(unit))
    assert dialog.preview.units[0].fingerprint == expected
    assert expected.upper()[:4] in dialog.details.toPlainText()
    assert not dialog.write_button.isEnabled()  # no passphrase yet
    assert set(workspace.layout.exports.glob("*.zisync")) == before  # the preview wrote nothing
    dialog.passphrase.setText(PASS)
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    assert dialog.written is not None
    (path,) = dialog.written.paths
    assert path.parent == workspace.layout.exports
    return path


def test_export_previews_then_writes_a_valid_package(  # type: ignore[no-untyped-def]
    qtbot,
    workspace: Workspace,
    eva_dir: Path,
    koor_dir: Path,
    tmp_path: Path,
    dialogs: ScriptedDialogService,
) -> None:
    path = _export(qtbot, workspace, eva_dir, tmp_path)
    summary = verify_package(path, cards=[tmp_path / "dewi.card"])
    assert summary.units[0].fingerprint == assessment_fingerprint(workspace.open_assessment(UNIT))
    assert dialogs.errors == [] and dialogs.of_kind("info") == []  # the window says where


def test_a_second_package_of_the_day_gets_its_own_name_and_nothing_is_replaced_unasked(  # type: ignore[no-untyped-def]
    qtbot,
    workspace: Workspace,
    eva_dir: Path,
    koor_dir: Path,
    tmp_path: Path,
    dialogs: ScriptedDialogService,
) -> None:
    first = _export(qtbot, workspace, eva_dir, tmp_path)
    workspace.set_answer(UNIT, "tpi", "A.I.1.i.a", "Tidak")
    second = _export(qtbot, workspace, eva_dir, tmp_path)
    assert first.name.endswith("-1.zisync") and second.name.endswith("-2.zisync")
    assert first.is_file() and second.is_file()
    # A file of the chosen name exists: replaced only when the evaluator says so.
    dialog = ExportDialog(
        workspace, UNIT, identity_dir=eva_dir, recipient_card=tmp_path / "koor.card"
    )
    qtbot.addWidget(dialog)
    dialog.target, dialog.target_chosen = first, True
    before = first.read_bytes()
    dialog.passphrase.setText(PASS)
    dialogs.answer("confirm", False)
    dialog.write()
    assert dialog.last_op is None and dialog.written is None
    assert str(first) in dialogs.of_kind("confirm")[-1].args["text"]
    assert first.read_bytes() == before
    dialogs.answer("confirm", True)
    dialog.write()
    _wait(qtbot, dialog)
    assert dialog.written is not None and first.read_bytes() != before


def test_export_wrong_passphrase_is_reported(  # type: ignore[no-untyped-def]
    qtbot,
    workspace: Workspace,
    eva_dir: Path,
    koor_dir: Path,
    tmp_path: Path,
    dialogs: ScriptedDialogService,
) -> None:
    dialog = ExportDialog(
        workspace, UNIT, identity_dir=eva_dir, recipient_card=tmp_path / "koor.card"
    )
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("salah sekali")
    dialog.write()
    _wait(qtbot, dialog)
    assert dialog.written is None
    assert dialogs.errors and dialog.problem.text() == dialogs.errors[-1].args["message"]


def test_export_without_recipient_says_why(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, eva_dir: Path
) -> None:
    dialog = ExportDialog(workspace, UNIT, identity_dir=eva_dir)
    qtbot.addWidget(dialog)
    assert dialog.preview is None and dialog.problem.text()
    # A window user is pointed at the button that chooses the card, not at a command option.
    assert "--to" not in dialog.problem.text()
    assert dialog.recipient_button.text().rstrip("…") in dialog.problem.text()
    assert dialog.recipient_button.isDefault()
    dialog.passphrase.setText(PASS)
    assert not dialog.write_button.isEnabled()


def _receive(qtbot, coordinator: Workspace, path: Path, koor_dir: Path) -> ImportFlow:  # type: ignore[no-untyped-def]
    widget = TrustDialog(coordinator)  # any live parent widget
    qtbot.addWidget(widget)
    flow = import_package_flow(widget, coordinator, path, koor_dir)
    with qtbot.waitSignal(flow.sig_done, timeout=15000):
        pass
    return flow


def test_import_flow_takes_a_package_from_a_trusted_card(  # type: ignore[no-untyped-def]
    qtbot,
    workspace: Workspace,
    coordinator: Workspace,
    eva_dir: Path,
    koor_dir: Path,
    tmp_path: Path,
    dialogs: ScriptedDialogService,
) -> None:
    workspace.set_note(UNIT, "tpi", "A.I.1.i.a", "catatan dari evaluator")
    path = _export(qtbot, workspace, eva_dir, tmp_path)
    idsvc.trust_card(coordinator, tmp_path / "dewi.card")
    dialogs.answer("confirm", True)
    flow = _receive(qtbot, coordinator, path, koor_dir)
    assert flow.outcome == "imported", dialogs.calls
    eva = idsvc.current_identity(eva_dir)
    assert eva is not None and eva.fingerprint in dialogs.of_kind("confirm")[-1].args["text"]
    assert flow.result is not None and flow.result.taken > 0
    assert "catatan dari evaluator" in str(
        coordinator.open_assessment(UNIT).answers["tpi"]["A.I.1.i.a"].note
    )
    report = result_text(flow.result)
    assert eva.name in report
    assert dialogs.errors == []

    again = _receive(qtbot, coordinator, path, koor_dir)  # the same package: nothing changes
    assert again.outcome == "unchanged"


def test_import_flow_refuses_a_tampered_package_with_its_reason(  # type: ignore[no-untyped-def]
    qtbot,
    workspace: Workspace,
    coordinator: Workspace,
    eva_dir: Path,
    koor_dir: Path,
    tmp_path: Path,
    dialogs: ScriptedDialogService,
) -> None:
    path = _export(qtbot, workspace, eva_dir, tmp_path)
    idsvc.trust_card(coordinator, tmp_path / "dewi.card")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "tampered.zisync"
    tampered.write_bytes(bytes(data))
    before = coordinator.open_assessment(UNIT)
    flow = _receive(qtbot, coordinator, tampered, koor_dir)
    assert flow.outcome == "refused"
    (error,) = dialogs.errors
    code = error.args["details"].split(":")[0]
    reason = next(r for r in SENTENCES if r.value == code)
    assert _(SENTENCES[reason]) in error.args["message"]
    assert dialogs.of_kind("confirm") == []  # nothing asked, nothing imported
    assert coordinator.open_assessment(UNIT) == before


def test_import_flow_with_an_untrusted_signer_is_refused(  # type: ignore[no-untyped-def]
    qtbot,
    workspace: Workspace,
    coordinator: Workspace,
    eva_dir: Path,
    koor_dir: Path,
    tmp_path: Path,
    dialogs: ScriptedDialogService,
) -> None:
    path = _export(qtbot, workspace, eva_dir, tmp_path)
    flow = _receive(qtbot, coordinator, path, koor_dir)
    assert flow.outcome == "refused"
    assert dialogs.errors[-1].args["details"].startswith("unknown_signer")


def test_main_window_has_the_sync_menu_entries(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    actions = window.actions_by_name
    assert actions["identity"].text() == "Identitas dan kunci…"
    assert actions["export"].text() == "Kirim paket (ekspor)…"
    assert actions["import"].text() == "Terima paket (impor)…"
    assert not actions["export"].isEnabled()
    window.open_unit(UNIT)
    assert actions["export"].isEnabled()


def test_a_received_package_shows_on_every_open_screen(  # type: ignore[no-untyped-def]
    qtbot,
    workspace: Workspace,
    coordinator: Workspace,
    eva_dir: Path,
    koor_dir: Path,
    tmp_path: Path,
    dialogs: ScriptedDialogService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.main_window import MainWindow

    node, unit = "A.I.1.i.a", "RSUD-002"  # no TPI answer on the coordinator's side yet
    window = MainWindow(coordinator)
    qtbot.addWidget(window)
    window.show()
    window.open_unit(unit, node)
    page = window.assessment
    total_before = page.scores.total.text()
    unit_row = next(r for r in coordinator.list_units() if r.code == unit)
    workspace.set_answer(unit, "tpi", node, "Ya")  # the evaluator's answer, sent
    path = _export(qtbot, workspace, eva_dir, tmp_path, unit)
    idsvc.trust_card(coordinator, tmp_path / "dewi.card")
    monkeypatch.setattr("ui.sync.import_flow.import_package", _with_koor(koor_dir))
    monkeypatch.setattr("ui.sync.import_flow.verify_package", _with_koor(koor_dir, verify=True))
    dialogs.answer("open_files", [path])
    dialogs.answer("confirm", True)
    window.actions_by_name["import"].trigger()
    assert window.last_import is not None
    qtbot.waitUntil(lambda: window.last_import.outcome is not None)  # type: ignore[union-attr]
    assert window.last_import.outcome == "imported", dialogs.calls  # type: ignore[union-attr]
    # the question page, the tree, the score panel and the unit list: all without reopening
    assert page.question.radios["Ya"].isChecked()
    assert page.view is not None and page.view.value("tpi", node) == "Ya"
    assert page.model is not None and not page.model.data(page.model.index_of(node)).startswith("•")
    assert page.scores.total.text() != total_before
    shown = next(
        window.units.model.row_at(r)
        for r in range(window.units.model.rowCount())
        if window.units.model.row_at(r).code == unit
    )
    assert shown.total_tpi != unit_row.total_tpi
    assert window.notice.isVisible() and "Dewi" in window.notice.text.text()


def _with_koor(folder: Path, verify: bool = False):  # type: ignore[no-untyped-def]
    """The import services with the coordinator's identity folder (the window uses the
    default one)."""
    import ui.sync.import_flow as flow

    original = flow.verify_package if verify else flow.import_package

    def call(*args, **kw):  # type: ignore[no-untyped-def]
        kw["identity_folder"] = folder
        return original(*args, **kw)

    return call


def test_export_without_a_key_points_to_the_identity_dialog(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = ExportDialog(workspace, UNIT, identity_dir=tmp_path / "no-key-yet")
    qtbot.addWidget(dialog)
    assert dialog.preview is None
    assert "zi identity" not in dialog.problem.text()
    assert _("Identity and keys…").rstrip("…") in dialog.problem.text()
