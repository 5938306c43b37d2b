"""Assignment packages from the coordinator: pinned on first use, other keys refused after."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import People, db_dump, snapshot

from zi_desktop.services import identity as idsvc
from zi_desktop.services.sync import export as sync
from zi_desktop.services.sync import importer as sync_import
from zi_desktop.services.sync.importer import NeedsPin
from zi_desktop.services.workspace import Workspace
from zi_desktop.sync.reasons import PackageRefused, Reason


def assign(ws: Workspace, who, people: People, target: Path):  # type: ignore[no-untyped-def]
    return sync.assign_package(
        ws, ["KPP-001"], people.dewi.card, target, who.signer, identity_folder=who.folder
    )


def test_first_assignment_pins_the_coordinator_key(
    evaluator: Workspace, people: People, tmp_path: Path
) -> None:
    # The coordinator's workspace is the demo; Dewi starts with an empty one.
    fresh: Workspace = Workspace.open(tmp_path / "kosong")
    try:
        package = assign(evaluator, people.koor, people, tmp_path / "a.zisync").paths[0]
        report = sync_import.verify_package(package, ws=fresh, identity_folder=people.dewi.folder)
        assert report.trusted_as == "first-use" and report.kind == "assignment"
        before, dump = snapshot(tmp_path), db_dump(fresh)
        with pytest.raises(NeedsPin) as err:
            sync_import.import_package(fresh, package, identity_folder=people.dewi.folder)
        assert err.value.signer.fingerprint == report.signer.fingerprint
        assert snapshot(tmp_path) == before and db_dump(fresh) == dump
        result = sync_import.import_package(
            fresh,
            package,
            accept_key=report.signer.fingerprint,
            identity_folder=people.dewi.folder,
        )
        assert result.pinned
        pinned = idsvc.coordinator_key(fresh)
        assert pinned is not None and pinned.key_id == people.koor.key_id
        mine, theirs = fresh.open_assessment("KPP-001"), evaluator.open_assessment("KPP-001")
        assert {n: a.value for n, a in mine.answers["unit"].items()} == {
            n: a.value for n, a in theirs.answers["unit"].items()
        }
        assert mine.answers["tpi"] == {}  # the coordinator's own evaluation does not travel
        assert {e.sha256 for e in mine.evidence} == {
            e.sha256 for e in theirs.evidence if e.tier == "unit"
        }
        assert fresh.unit_info("KPP-001") == evaluator.unit_info("KPP-001")
        # Another key, even an honest one, is refused from now on.
        impostor = assign(evaluator, people.agus, people, tmp_path / "b.zisync").paths[0]
        before, dump = snapshot(tmp_path), db_dump(fresh)
        with pytest.raises(PackageRefused) as refusal:
            sync_import.import_package(
                fresh, impostor, accept_key=people.agus.key_id, identity_folder=people.dewi.folder
            )
        assert refusal.value.reason is Reason.UNKNOWN_SIGNER
        assert snapshot(tmp_path) == before and db_dump(fresh) == dump
        # And the evaluator's sync packages now go to the pinned coordinator by default.
        fresh.set_answer("KPP-001", "tpi", "A.I.1.i.a", "Ya")
        out = sync.export_package(
            fresh,
            ["KPP-001"],
            tmp_path / "s.zisync",
            people.dewi.signer,
            identity_folder=people.dewi.folder,
        )
        assert out.recipient.key_id == people.koor.key_id
    finally:
        fresh.close()


def test_a_wrong_confirmation_pins_nothing(
    evaluator: Workspace, people: People, tmp_path: Path
) -> None:
    fresh: Workspace = Workspace.open(tmp_path / "kosong")
    try:
        package = assign(evaluator, people.koor, people, tmp_path / "a.zisync").paths[0]
        with pytest.raises(NeedsPin):
            sync_import.import_package(
                fresh, package, accept_key=people.agus.key_id, identity_folder=people.dewi.folder
            )
        assert idsvc.coordinator_key(fresh) is None
    finally:
        fresh.close()
