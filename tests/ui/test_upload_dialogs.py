"""Sending to the coordinator from the app: a real ``zi serve`` on loopback, the progress the
coordinator confirmed, the receipt, "terkirim" on the unit, and no network said plainly."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from scripted_dialogs import ScriptedDialogService, scripted_dialogs

from ui.sync.deliveries_dialog import DeliveriesDialog
from ui.sync.export_dialog import ExportDialog
from ui.sync.upload_dialog import UploadDialog
from zi_desktop.i18n import _
from zi_desktop.services import delivery
from zi_desktop.services import identity as idsvc
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import EvaluatorProfile

_INTAKE = Path(__file__).resolve().parent.parent / "intake"
for folder in (_INTAKE, _INTAKE.parent / "sync"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from intake_helpers import Server, coordinator_workspace  # noqa: E402
from sync_helpers import PASSPHRASE, Person  # noqa: E402

pytestmark = pytest.mark.qt
UNIT = "KPP-001"


@pytest.fixture
def dialogs() -> Iterator[ScriptedDialogService]:
    with scripted_dialogs() as service:
        yield service


def _person(root: Path, tag: str, nip: str, role: str) -> Person:
    folder = root / f"id-{tag}"
    idsvc.create_identity(EvaluatorProfile(tag, nip, role), PASSPHRASE, folder)
    idsvc.export_card(root / f"{tag}.card", PASSPHRASE, folder)
    return Person(tag, folder, root / f"{tag}.card", idsvc.signer(PASSPHRASE, folder))


@pytest.fixture
def intake(tmp_path: Path) -> Iterator[tuple[Server, Person, Person]]:
    dewi = _person(tmp_path, "dewi", "198703152010122001", "anggota")
    koor = _person(tmp_path, "koor", "197001011995031002", "koordinator")
    hub = coordinator_workspace(tmp_path / "hub", [dewi.card])
    server = Server(hub, koor, tmp_path / "serve.log").start()
    try:
        yield server, dewi, koor
    finally:
        server.stop()


@pytest.fixture
def evaluator(demo_folder: Path, tmp_path: Path) -> Iterator[Workspace]:
    copy = tmp_path / "eva-ws"
    shutil.copytree(demo_folder, copy)
    ws: Workspace = Workspace.open(copy)
    yield ws
    ws.close()


def test_send_uploads_with_confirmed_progress_and_the_unit_shows_terkirim(  # type: ignore[no-untyped-def]
    qtbot,
    evaluator: Workspace,
    intake: tuple[Server, Person, Person],
    dialogs: ScriptedDialogService,
    qtmodeltester,
) -> None:
    server, dewi, koor = intake
    delivery.set_intake_address(evaluator, server.url)
    export = ExportDialog(evaluator, UNIT, identity_dir=dewi.folder, recipient_card=koor.card)
    qtbot.addWidget(export)
    export.passphrase.setText(PASSPHRASE)
    export.write()
    assert export.last_op is not None
    qtbot.waitUntil(export.last_op.is_finished, timeout=20000)
    upload = export.upload
    assert isinstance(upload, UploadDialog)
    qtbot.addWidget(upload)
    qtbot.waitUntil(lambda: upload.outcome != "", timeout=60000)
    assert upload.outcome == "imported", upload.status.text()
    assert upload.upload_result is not None and upload.upload_result.receipt_path.is_file()
    assert upload.bar.value() == upload.bar.maximum()
    assert upload.files.rowCount() >= 3
    qtmodeltester.check(upload.files)
    upload.check_receipt()
    shown = dialogs.of_kind("info")[-1].args["text"]
    assert shown.startswith(
        _("Valid receipt, signed by coordinator {fingerprint}: {result} at {time}.").split("{")[0]
    )
    assert koor.signer.key_id[:4].upper() in shown
    sent = DeliveriesDialog(evaluator, UNIT)
    qtbot.addWidget(sent)
    qtmodeltester.check(sent.model)
    assert sent.model.rows[0].result == "imported"
    assert sent.model.data(sent.model.index(0, 3)) == _(
        "sent (terkirim): imported by the coordinator"
    )


def test_without_a_network_the_package_is_kept_for_later(  # type: ignore[no-untyped-def]
    qtbot, evaluator: Workspace, intake: tuple[Server, Person, Person], tmp_path: Path
) -> None:
    server, dewi, koor = intake
    from zi_desktop.services.sync.export import export_package

    package = evaluator.layout.exports / "p.zisync"
    export_package(
        evaluator, [UNIT], package, dewi.signer, to=koor.card, identity_folder=dewi.folder
    )
    dead = f"http://127.0.0.1:{server.port}"
    server.stop()
    dialog = UploadDialog(evaluator, package, dead, dewi.signer)
    dialog.control.rate_kbps = 0
    qtbot.addWidget(dialog)
    from zi_desktop.transfer import pacing

    pacing.BACKOFF_CAP = 0.2  # this test's patience, not the app's
    try:
        with qtbot.waitSignal(dialog.sig_finished, timeout=60000) as finished:
            dialog.start()
    finally:
        pacing.BACKOFF_CAP = 30.0
    assert finished.args == ["unavailable"]
    assert dialog.status.text() == _(
        "No network to the coordinator now. The package is kept and the upload "
        "continues from where it stopped when you try again (also after a restart)."
    )
    assert package.is_file()
    assert dialog.retry_button.isEnabled()
