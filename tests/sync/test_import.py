"""Export at the evaluator, verify and import at the coordinator: the whole round, and the
refusals that depend on what the coordinator already received."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import People, copy_workspace, db_dump, snapshot

from zi_desktop.services.sync import conflicts as sync_conflicts
from zi_desktop.services.sync import export as sync
from zi_desktop.services.sync import importer as sync_import
from zi_desktop.services.workspace import Workspace
from zi_desktop.sync.reasons import PackageRefused, Reason
from zi_desktop.values.fingerprint import assessment_fingerprint

UNITS = ["KPP-001", "RSUD-002", "DUK-003"]


def export(ws: Workspace, who, people: People, target: Path, units=UNITS, **kw):  # type: ignore[no-untyped-def]
    return sync.export_package(
        ws, units, target, who.signer, to=people.koor.card, identity_folder=who.folder, **kw
    )


def import_(ws: Workspace, people: People, path: Path):  # type: ignore[no-untyped-def]
    return sync_import.import_package(ws, path, identity_folder=people.koor.folder)


def refused(ws: Workspace, people: People, path: Path, reason: Reason, tmp_path: Path) -> None:
    """The import is refused for ``reason`` and changes no file and no row."""
    before, dump = snapshot(tmp_path), db_dump(ws)
    with pytest.raises(PackageRefused) as err:
        import_(ws, people, path)
    assert err.value.reason is reason, err.value
    assert snapshot(tmp_path) == before
    assert db_dump(ws) == dump


def test_round_trip_reproduces_answers_notes_evidence_scores_and_fingerprint(
    evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    done = export(evaluator, people.dewi, people, tmp_path / "dewi.zisync")
    assert done.paths == (tmp_path / "dewi.zisync",) and done.mode == "full"
    report = sync_import.verify_package(done.paths[0], cards=[people.dewi.card])
    assert report.signer.key_id == people.dewi.key_id and report.trusted_as == "card"
    assert all(u.fingerprint_checked for u in report.units)
    result = import_(coordinator, people, done.paths[0])
    assert not result.already_imported and result.conflicts == 0 and result.taken > 300
    for code in UNITS:
        mine, theirs = evaluator.open_assessment(code), coordinator.open_assessment(code)
        assert assessment_fingerprint(mine) == assessment_fingerprint(theirs)
        assert next(u.fingerprint for u in report.units if u.code == code) == (
            assessment_fingerprint(mine)
        )
        for tier in ("unit", "tpi", "tpn"):
            assert {n: (a.value, a.note, a.updated_by) for n, a in mine.answers[tier].items()} == {
                n: (a.value, a.note, a.updated_by) for n, a in theirs.answers[tier].items()
            }
        assert mine.scores == theirs.scores
        assert mine.recommendations == theirs.recommendations
        assert sorted(
            (e.tier, e.node_id, e.sha256, e.file_name, e.caption, e.size, e.mime)
            for e in mine.evidence
        ) == sorted(
            (e.tier, e.node_id, e.sha256, e.file_name, e.caption, e.size, e.mime)
            for e in theirs.evidence
        )
        for e in theirs.evidence:
            assert coordinator.store.verify(e.sha256)
            assert coordinator.evidence_path(e.sha256).read_bytes() == (
                evaluator.evidence_path(e.sha256).read_bytes()
            )
    assert coordinator.verify_audit().ok
    assert not list(coordinator.store.incoming.iterdir())  # the staging folder is gone


def test_importing_the_same_package_again_changes_nothing(
    evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    path = export(evaluator, people.dewi, people, tmp_path / "p.zisync").paths[0]
    import_(coordinator, people, path)
    before, dump = snapshot(tmp_path), db_dump(coordinator)
    again = import_(coordinator, people, path)
    assert again.already_imported and again.taken == 0
    assert snapshot(tmp_path) == before and db_dump(coordinator) == dump
    assert sync_import.verify_package(
        path, ws=coordinator, identity_folder=people.koor.folder
    ).already_imported


def test_lower_sequence_is_stale_and_a_reused_sequence_is_replayed(
    evaluator: Workspace,
    coordinator: Workspace,
    people: People,
    tmp_path: Path,
    demo_template: Path,
) -> None:
    first = export(evaluator, people.dewi, people, tmp_path / "1.zisync").paths[0]
    evaluator.set_note("KPP-001", "tpi", "A.I.1.i.a", "diperbarui")
    second = export(evaluator, people.dewi, people, tmp_path / "2.zisync").paths[0]
    import_(coordinator, people, second)
    refused(coordinator, people, first, Reason.STALE_SEQUENCE, tmp_path)
    # A restored copy of the workspace, as it was before package 2, exports "package 2" again.
    evaluator.close()
    restored = copy_workspace(demo_template, tmp_path / "restored", "d" * 32)
    try:
        export(restored, people.dewi, people, tmp_path / "r1.zisync")
        restored.set_note("KPP-001", "tpi", "A.I.1.i.a", "versi lain")
        replay = export(restored, people.dewi, people, tmp_path / "r2.zisync").paths[0]
        refused(coordinator, people, replay, Reason.REPLAYED, tmp_path)
        restored.set_note("KPP-001", "tpi", "A.I.1.i.a", "versi ketiga")
        fork = export(restored, people.dewi, people, tmp_path / "r3.zisync").paths[0]
        refused(coordinator, people, fork, Reason.REPLAYED, tmp_path)  # previous hash differs
    finally:
        restored.close()


def test_wrong_recipient_and_unknown_signer(
    evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    to_agus = sync.export_package(
        evaluator,
        ["KPP-001"],
        tmp_path / "agus.zisync",
        people.dewi.signer,
        to=people.agus.card,
        identity_folder=people.dewi.folder,
    ).paths[0]
    refused(coordinator, people, to_agus, Reason.WRONG_RECIPIENT, tmp_path)
    stranger = sync.export_package(
        evaluator,
        ["KPP-001"],
        tmp_path / "asing.zisync",
        people.stranger.signer,
        to=people.koor.card,
        identity_folder=people.stranger.folder,
    ).paths[0]
    refused(coordinator, people, stranger, Reason.UNKNOWN_SIGNER, tmp_path)
    with pytest.raises(PackageRefused) as err:
        sync_import.verify_package(stranger, cards=[people.dewi.card])
    assert err.value.reason is Reason.UNKNOWN_SIGNER


def test_two_evaluators_setting_an_answer_differently_make_a_conflict(
    evaluator: Workspace,
    coordinator: Workspace,
    people: People,
    tmp_path: Path,
    demo_template: Path,
) -> None:
    agus = copy_workspace(demo_template, tmp_path / "agus-ws", "a" * 32)
    try:
        node = "A.I.1.i.a"
        evaluator.set_answer("KPP-001", "tpi", node, "Ya")
        agus.set_answer("KPP-001", "tpi", node, "Tidak")
        agus.set_note("KPP-001", "tpi", node, "Menurut Agus belum ada SK.")
        import_(
            coordinator,
            people,
            export(evaluator, people.dewi, people, tmp_path / "d.zisync", ["KPP-001"]).paths[0],
        )
        result = import_(
            coordinator,
            people,
            export(agus, people.agus, people, tmp_path / "a.zisync", ["KPP-001"]).paths[0],
        )
    finally:
        agus.close()
    assert result.conflicts == 1  # the answer; the note only Agus wrote is simply taken
    view = coordinator.open_assessment("KPP-001")
    assert view.answers["tpi"][node].value == "Ya"  # never silently overwritten
    assert view.answers["tpi"][node].note == "Menurut Agus belum ada SK."
    found = {c.record: c for c in sync_conflicts.conflicts(coordinator, "KPP-001")}
    conflict = found[("answer", "tpi", node)]
    assert conflict.local_value == {"option": "Ya", "number": None}
    assert conflict.incoming_value == {"option": "Tidak", "number": None}
    assert conflict.local_source.replace("-", "").lower() == people.dewi.key_id[:32]
    sync_conflicts.resolve_conflict(coordinator, conflict.id, "incoming")
    assert coordinator.open_assessment("KPP-001").answers["tpi"][node].value == "Tidak"
    assert ("answer", "tpi", node) not in {c.record for c in sync_conflicts.conflicts(coordinator)}
    received = sync_conflicts.received_packages(coordinator, "KPP-001")
    assert [r.signer_name for r in received] == [people.agus.name, people.dewi.name]
    assert coordinator.verify_audit().ok


def test_a_coordinator_edit_is_not_overwritten_by_a_later_package(
    evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    node = "A.I.1.i.a"
    evaluator.set_answer("KPP-001", "tpi", node, "Ya")
    import_(
        coordinator,
        people,
        export(evaluator, people.dewi, people, tmp_path / "1.zisync", ["KPP-001"]).paths[0],
    )
    coordinator.set_answer("KPP-001", "tpi", node, "Tidak")
    evaluator.set_note("KPP-001", "tpi", node, "tanpa perubahan jawaban")
    evaluator.set_answer("KPP-001", "tpi", "A.I.1.ii.a", "Tidak")
    result = import_(
        coordinator,
        people,
        export(evaluator, people.dewi, people, tmp_path / "2.zisync", ["KPP-001"]).paths[0],
    )
    view = coordinator.open_assessment("KPP-001")
    assert view.answers["tpi"][node].value == "Tidak"  # the coordinator's edit stands
    assert view.answers["tpi"][node].note == "tanpa perubahan jawaban"
    assert view.answers["tpi"]["A.I.1.ii.a"].value == "Tidak"  # Dewi's own update flows in
    assert result.conflicts == 0  # Dewi did not change the answer the coordinator edited


def test_an_evaluator_clearing_their_answer_clears_it_at_the_coordinator(
    evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    node = "A.I.1.ii.a"
    evaluator.set_answer("KPP-001", "tpi", node, "Ya")
    import_(
        coordinator,
        people,
        export(evaluator, people.dewi, people, tmp_path / "1.zisync", ["KPP-001"]).paths[0],
    )
    evaluator.clear_answer("KPP-001", "tpi", node)
    evidence = evaluator.open_assessment("KPP-001").evidence
    evaluator.detach_evidence(next(e.id for e in evidence if e.tier == "tpi"))
    import_(
        coordinator,
        people,
        export(
            evaluator, people.dewi, people, tmp_path / "2.zisync", ["KPP-001"], since_last=True
        ).paths[0],
    )
    view = coordinator.open_assessment("KPP-001")
    assert view.answers["tpi"][node].value is None
    assert [e for e in view.evidence if e.tier == "tpi"] == []
    assert assessment_fingerprint(view) == assessment_fingerprint(
        evaluator.open_assessment("KPP-001")
    )


def test_cancelled_export_and_import_leave_nothing_behind(
    evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    from zi_desktop.errors import Cancelled

    before, dump = snapshot(tmp_path), db_dump(evaluator)
    with pytest.raises(Cancelled):
        export(evaluator, people.dewi, people, tmp_path / "x.zisync", cancel=lambda: True)
    assert snapshot(tmp_path) == before and db_dump(evaluator) == dump
    path = export(evaluator, people.dewi, people, tmp_path / "p.zisync").paths[0]
    before, dump = snapshot(tmp_path), db_dump(coordinator)
    with pytest.raises(Cancelled):
        sync_import.import_package(
            coordinator, path, identity_folder=people.koor.folder, cancel=lambda: True
        )
    assert snapshot(tmp_path) == before and db_dump(coordinator) == dump


def test_a_staging_folder_left_by_a_crash_is_removed_on_open(
    coordinator: Workspace, tmp_path: Path
) -> None:
    stage = coordinator.store.incoming / "stage-0123456789abcdef"
    stage.mkdir()
    (stage / ("a" * 64)).write_bytes(b"half an import")
    folder = coordinator.layout.root
    coordinator.close()
    Workspace.open(folder, create=False).close()
    assert not stage.exists()


def test_preview_shows_what_the_export_writes_and_writes_nothing(
    evaluator: Workspace, people: People, tmp_path: Path
) -> None:
    before, dump = snapshot(tmp_path), db_dump(evaluator)
    preview = sync.preview_export(
        evaluator, UNITS, to=people.koor.card, identity_folder=people.dewi.folder
    )
    assert snapshot(tmp_path) == before and db_dump(evaluator) == dump
    done = export(evaluator, people.dewi, people, tmp_path / "p.zisync")
    assert preview.signer.fingerprint == done.signer.fingerprint
    assert preview.recipient.key_id == people.koor.key_id
    assert preview.units == done.units and preview.sequence == done.sequence == 1
    assert (preview.evidence_files, preview.evidence_bytes) == (
        done.evidence_files,
        done.evidence_bytes,
    )
    assert done.size < preview.size  # the estimate does not count compression
