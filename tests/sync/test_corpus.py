"""The hostile-input corpus: every case refused with its reason, nothing changed anywhere.

For each case the whole temp tree (the coordinator's workspace with its database, evidence
store and staging folder, the package, everything else) is hashed before and after the
refused import, and the database is dumped: both must be unchanged.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus import CASES, Case
from sync_helpers import Kit, People, db_dump, kit_of, snapshot
from test_import import export

from zi_desktop.services import identity as idsvc
from zi_desktop.services.sync import importer as sync_import
from zi_desktop.services.workspace import Workspace
from zi_desktop.sync.reasons import PackageRefused, Reason


@pytest.fixture(scope="module")
def good_package(
    people: People, demo_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> bytes:
    folder = tmp_path_factory.mktemp("corpus") / "dewi"
    shutil.copytree(demo_template, folder)
    ws: Workspace = Workspace.open(folder, create=False)
    try:
        path = export(ws, people.dewi, people, folder.parent / "good.zisync", ["KPP-001"]).paths[0]
    finally:
        ws.close()
    return path.read_bytes()


@pytest.fixture(scope="module")
def coordinator_template(people: People, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus-koor") / "koor"
    ws: Workspace = Workspace.open(folder)
    idsvc.trust_card(ws, people.dewi.card)
    ws.close()
    return folder


def _kit(good: bytes, people: People) -> Kit:
    kit = kit_of(good, people.dewi.signer)
    kit.relist()
    return kit


def test_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 40
    assert len({c.reason for c in CASES}) == len(Reason) == 12
    assert len({c.name for c in CASES}) == len(CASES)


def test_the_unbroken_kit_imports(
    good_package: bytes, coordinator_template: Path, people: People, tmp_path: Path
) -> None:
    shutil.copytree(coordinator_template, tmp_path / "koor")
    path = tmp_path / "control.zisync"
    path.write_bytes(_kit(good_package, people).build())
    with Workspace.open(tmp_path / "koor", create=False) as ws:
        result = sync_import.import_package(ws, path, identity_folder=people.koor.folder)
    assert result.taken > 100


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_package_is_refused_and_changes_nothing(
    case: Case, good_package: bytes, coordinator_template: Path, people: People, tmp_path: Path
) -> None:
    shutil.copytree(coordinator_template, tmp_path / "koor")
    ws: Workspace = Workspace.open(tmp_path / "koor", create=False)
    try:
        for step in case.prepare:
            kit = _kit(good_package, people)
            if step == "seq5":
                kit.manifest["sequence"] = 5
            earlier = tmp_path / f"{step}.zisync"
            earlier.write_bytes(kit.build())
            sync_import.import_package(ws, earlier, identity_folder=people.koor.folder)
        path = tmp_path / "hostile.zisync"
        path.write_bytes(case.make(_kit(good_package, people), people.stranger.signer))
        tree, dump = snapshot(tmp_path), db_dump(ws)
        with pytest.raises(PackageRefused) as err:
            sync_import.import_package(
                ws, path, identity_folder=people.koor.folder, limits=case.limits
            )
        assert err.value.reason is case.reason, f"{err.value!s}"
        assert snapshot(tmp_path) == tree
        assert db_dump(ws) == dump
        assert err.value.message  # a sentence for people
        if case.import_only:
            return
        with pytest.raises(PackageRefused) as again:
            sync_import.verify_package(
                path, ws=ws, identity_folder=people.koor.folder, limits=case.limits
            )
        assert again.value.reason is case.reason
    finally:
        ws.close()
