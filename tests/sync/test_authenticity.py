"""Who really sent a package: forged signatures from weak keys, replay state bound to the
signing key, the signer named from the trusted card, and fingerprints required as written."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from sync_helpers import Kit, People, copy_workspace, db_dump, kit_of, new_device_id, snapshot

from zi_desktop.cli.main import main
from zi_desktop.identity.keys import b64
from zi_desktop.services.sync import conflicts as sync_conflicts
from zi_desktop.services.sync import export as sync
from zi_desktop.services.sync import importer as sync_import
from zi_desktop.services.workspace import Workspace
from zi_desktop.sync.reasons import PackageRefused, Reason

UNITS = ["KPP-001"]
SMALL_ORDER = [
    "0100000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
]


def export(ws: Workspace, who, people: People, target: Path, **kw):  # type: ignore[no-untyped-def]
    return sync.export_package(
        ws, UNITS, target, who.signer, to=people.koor.card, identity_folder=who.folder, **kw
    ).paths[0]


def import_(ws: Workspace, people: People, path: Path):  # type: ignore[no-untyped-def]
    return sync_import.import_package(ws, path, identity_folder=people.koor.folder)


def refused_with(ws: Workspace, people: People, path: Path, root: Path) -> Reason:
    """The reason an import is refused; checks that nothing changed."""
    before, dump = snapshot(root), db_dump(ws)
    with pytest.raises(PackageRefused) as err:
        import_(ws, people, path)
    assert snapshot(root) == before and db_dump(ws) == dump
    return err.value.reason


def cli(ws: Workspace, *args: str) -> int:
    """Run ``zi`` on the workspace (closed first: the command opens it itself)."""
    ws.close()
    return main([*args, "--workspace", str(ws.layout.root)])


def rebuilt(kit: Kit, signature: bytes | None = None) -> bytes:
    """The kit as a package again, every file listed as it is now written."""
    kit.relist()
    return kit.build(signature=signature)


def enrol_raw(ws: Workspace, point: bytes, name: str) -> None:
    """Put a key into the trust store as an older version without the checks would have."""
    conn = sqlite3.connect(ws.layout.database)
    try:
        conn.execute(
            "INSERT INTO trusted_key (key_id, public_key, name, nip, role, instansi, card, "
            "added_at) VALUES (?, ?, ?, '199001012020011001', 'anggota', '', '{}', '')",
            (hashlib.sha256(point).hexdigest(), b64(point), name),
        )
        conn.commit()
    finally:
        conn.close()


# -- 1. forged signatures from small-order keys -------------------------------------------------


@pytest.mark.parametrize("text", SMALL_ORDER)
def test_a_package_forged_with_a_small_order_key_is_refused_even_when_enrolled(
    text: str, evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    point = bytes.fromhex(text)
    enrol_raw(coordinator, point, "Penyusup")
    kit = kit_of(
        export(evaluator, people.dewi, people, tmp_path / "p.zisync").read_bytes(),
        people.dewi.signer,
    )
    kit.manifest["signer"].update(public_key=b64(point), key_id=hashlib.sha256(point).hexdigest())
    forged = tmp_path / "forged.zisync"
    forged.write_bytes(rebuilt(kit, signature=point + bytes(32)))
    assert refused_with(coordinator, people, forged, tmp_path) is Reason.BAD_SIGNATURE
    assert cli(coordinator, "verify", str(forged), "--identity-dir", str(people.koor.folder)) == 1


def test_the_trust_list_marks_a_weak_key_enrolled_by_an_older_version(
    coordinator: Workspace, capsys: pytest.CaptureFixture[str], english: None
) -> None:
    enrol_raw(coordinator, bytes(32), "Penyusup")
    assert cli(coordinator, "trust", "list") == 0
    out = capsys.readouterr().out
    assert "Penyusup" in out and "weak" in out.split("Penyusup", 1)[1].splitlines()[1]


# -- 2. replay state belongs to the key that signed ---------------------------------------------


def test_another_signer_claiming_my_device_cannot_block_my_packages(
    demo_template: Path,
    evaluator: Workspace,
    coordinator: Workspace,
    people: People,
    tmp_path: Path,
) -> None:
    dewi_device = "d" * 32  # the evaluator fixture's device id
    agus_ws = copy_workspace(demo_template, tmp_path / "agus-ws", "a" * 32)
    try:
        new_device_id(agus_ws, dewi_device)  # Agus claims Dewi's device id ...
        kit = kit_of(
            export(agus_ws, people.agus, people, tmp_path / "a.zisync").read_bytes(),
            people.agus.signer,
        )
    finally:
        agus_ws.close()
    kit.manifest["sequence"] = 10**6  # ... and a sequence far ahead of hers
    hostile = tmp_path / "agus-far-ahead.zisync"
    hostile.write_bytes(rebuilt(kit))
    assert not import_(coordinator, people, hostile).already_imported
    # Dewi's genuine first package (and then her next one) still import.
    first = export(evaluator, people.dewi, people, tmp_path / "dewi-1.zisync")
    assert not import_(coordinator, people, first).already_imported
    evaluator.set_answer("KPP-001", "tpi", "A.I.1.i.a", "Tidak")
    second = export(evaluator, people.dewi, people, tmp_path / "dewi-2.zisync", since_last=True)
    result = import_(coordinator, people, second)
    assert not result.already_imported and result.taken >= 1
    # Her own replay protection still holds: her first package again is refused as stale.
    kit = kit_of(first.read_bytes(), people.dewi.signer)
    kit.manifest["package_id"] = "e" * 32  # a different package in an old place of her sequence
    old = tmp_path / "dewi-old.zisync"
    old.write_bytes(rebuilt(kit))
    assert refused_with(coordinator, people, old, tmp_path) is Reason.STALE_SEQUENCE


# -- 3. the signer is shown as its card names it -------------------------------------------------


def test_a_claimed_signer_name_is_never_shown(
    evaluator: Workspace,
    coordinator: Workspace,
    people: People,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    english: None,
) -> None:
    kit = kit_of(
        export(evaluator, people.dewi, people, tmp_path / "p.zisync").read_bytes(),
        people.dewi.signer,
    )
    kit.manifest["signer"]["name"] = "Kepala Inspektorat Palsu"
    claimed = tmp_path / "claimed.zisync"
    claimed.write_bytes(rebuilt(kit))
    report = sync_import.verify_package(claimed, cards=[people.dewi.card])
    assert report.signer.name == people.dewi.name
    result = import_(coordinator, people, claimed)
    assert result.summary.signer.name == people.dewi.name
    (row,) = sync_conflicts.received_packages(coordinator)
    assert row.signer_name == people.dewi.name
    assert cli(coordinator, "packages") == 0
    assert main(["verify", str(claimed), "--trust", str(people.dewi.card)]) == 0
    out = capsys.readouterr().out
    assert "Palsu" not in out and people.dewi.name in out


def test_conflicts_name_the_signer_not_the_name_typed_in_the_answers(
    evaluator: Workspace,
    coordinator: Workspace,
    people: People,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    english: None,
) -> None:
    import_(coordinator, people, export(evaluator, people.dewi, people, tmp_path / "1.zisync"))
    coordinator.set_answer("KPP-001", "tpi", "A.I.1.i.b", "B")
    evaluator.actor = "Orang Lain Yang Diketik"
    evaluator.set_answer("KPP-001", "tpi", "A.I.1.i.b", "C")
    second = export(evaluator, people.dewi, people, tmp_path / "2.zisync", since_last=True)
    assert import_(coordinator, people, second).conflicts >= 1
    views = sync_conflicts.conflicts(coordinator)
    assert views and all(c.incoming_by == people.dewi.name for c in views)
    assert cli(coordinator, "conflicts") == 0
    out = capsys.readouterr().out
    assert "Orang Lain" not in out and people.dewi.name in out


# -- 4. fingerprints as the format requires ------------------------------------------------------


@pytest.mark.parametrize("mode", ["full", "delta"])
def test_a_sync_package_without_a_fingerprint_is_refused(
    mode: str, evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    first = export(evaluator, people.dewi, people, tmp_path / "1.zisync")
    path = first
    if mode == "delta":
        import_(coordinator, people, first)
        evaluator.set_answer("KPP-001", "tpi", "A.I.1.i.a", "Tidak")
        path = export(evaluator, people.dewi, people, tmp_path / "2.zisync", since_last=True)
    kit = kit_of(path.read_bytes(), people.dewi.signer)
    assert kit.manifest["mode"] == mode
    kit.manifest["units"][0]["fingerprint"] = None
    nulled = tmp_path / "null.zisync"
    nulled.write_bytes(rebuilt(kit))
    assert refused_with(coordinator, people, nulled, tmp_path) is Reason.MALFORMED


def test_an_assignment_package_with_a_fingerprint_is_refused(
    evaluator: Workspace, people: People, tmp_path: Path
) -> None:
    path = sync.assign_package(
        evaluator,
        UNITS,
        people.dewi.card,
        tmp_path / "a.zisync",
        people.koor.signer,
        identity_folder=people.koor.folder,
    ).paths[0]
    kit = kit_of(path.read_bytes(), people.koor.signer)
    kit.manifest["units"][0]["fingerprint"] = "0" * 64
    bad = tmp_path / "bad.zisync"
    bad.write_bytes(rebuilt(kit))
    with pytest.raises(PackageRefused) as err:
        sync_import.verify_package(bad, cards=[people.koor.card])
    assert err.value.reason is Reason.MALFORMED
    assert json.loads(json.dumps(str(err.value)))  # the refusal names itself
