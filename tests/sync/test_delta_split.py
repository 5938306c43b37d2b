"""Delta packages (only what changed, evidence the receiver has left out) and split/join."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import People, snapshot
from test_import import export, import_

from zi_desktop.errors import UserFacingError
from zi_desktop.services.sync import importer as sync_import
from zi_desktop.services.workspace import Workspace
from zi_desktop.sync import split
from zi_desktop.sync.split import JoinFailed
from zi_desktop.values.fingerprint import assessment_fingerprint

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


def test_delta_after_one_change_is_small_and_imports(
    evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    full = export(evaluator, people.dewi, people, tmp_path / "full.zisync")
    import_(coordinator, people, full.paths[0])
    evaluator.set_answer("KPP-001", "tpi", "A.I.1.i.a", "Tidak")
    d = export(evaluator, people.dewi, people, tmp_path / "d.zisync", since_last=True)
    assert d.mode == "delta" and d.base == full.sequence and d.sequence == full.sequence + 1
    assert d.size <= 20_000, d.size
    assert d.evidence_files == 0
    result = import_(coordinator, people, d.paths[0])
    assert result.taken == 1 and result.conflicts == 0
    for code in ("KPP-001", "RSUD-002", "DUK-003"):
        assert assessment_fingerprint(coordinator.open_assessment(code)) == (
            assessment_fingerprint(evaluator.open_assessment(code))
        )


def test_delta_leaves_out_evidence_the_receiver_has(
    evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    import_(
        coordinator, people, export(evaluator, people.dewi, people, tmp_path / "1.zisync").paths[0]
    )
    known = evaluator.open_assessment("KPP-001").evidence[0]
    fresh = tmp_path / "foto-ruang.pdf"
    fresh.write_bytes(PDF)
    evaluator.attach_evidence("KPP-001", "tpi", "A.I.2.i.a", evaluator.evidence_path(known.sha256))
    evaluator.attach_evidence("KPP-001", "tpi", "A.I.2.ii.a", fresh, "baru")
    d = export(evaluator, people.dewi, people, tmp_path / "2.zisync", since_last=True)
    assert (d.evidence_files, d.evidence_omitted) == (1, 1)
    import_(coordinator, people, d.paths[0])
    view = coordinator.open_assessment("KPP-001")
    assert {e.node_id for e in view.evidence if e.tier == "tpi"} >= {"A.I.2.i.a", "A.I.2.ii.a"}
    assert assessment_fingerprint(view) == assessment_fingerprint(
        evaluator.open_assessment("KPP-001")
    )


def test_delta_whose_base_was_not_imported_is_refused(
    evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path, english: None
) -> None:
    export(
        evaluator, people.dewi, people, tmp_path / "lost.zisync"
    )  # never reaches the coordinator
    evaluator.set_note("KPP-001", "tpi", "A.I.1.i.a", "perubahan")
    d = export(evaluator, people.dewi, people, tmp_path / "d.zisync", since_last=True).paths[0]
    before = snapshot(tmp_path)
    with pytest.raises(UserFacingError, match="not imported"):
        import_(coordinator, people, d)
    assert snapshot(tmp_path) == before


def test_split_and_join_rebuild_the_package(
    evaluator: Workspace, coordinator: Workspace, people: People, tmp_path: Path
) -> None:
    big = tmp_path / "laporan.pdf"
    big.write_bytes(PDF * 100)  # about 1 MB, stored (already compressed media)
    evaluator.attach_evidence("KPP-001", "tpi", "A.I.2.i.a", big)
    done = export(evaluator, people.dewi, people, tmp_path / "p.zisync", split_mb=1)
    assert len(done.paths) == 2 and all(p.stat().st_size <= 1_000_000 for p in done.paths)
    assert not (tmp_path / "p.zisync").exists()
    joined = tmp_path / "joined.zisync"
    split.join(list(reversed(done.paths)), joined)  # any order
    assert sync_import.verify_package(joined, cards=[people.dewi.card]).package_hash == (
        done.package_hash
    )
    import_(coordinator, people, joined)


def _parts(tmp_path: Path, count: int, fill: bytes = b"") -> list[Path]:
    package = tmp_path / "p.bin"
    package.write_bytes(fill + bytes(range(256)) * 40 * count)
    return split.split(package, tmp_path / "p.zisync", 10_752)


def test_join_names_the_missing_part(tmp_path: Path) -> None:
    parts = _parts(tmp_path, 4)
    assert len(parts) == 4
    with pytest.raises(JoinFailed) as err:
        split.join([parts[0], parts[1], parts[3]], tmp_path / "out")
    assert err.value.missing == [3] and "3" in err.value.message
    assert not (tmp_path / "out").exists()


def test_join_names_the_damaged_part(tmp_path: Path) -> None:
    parts = _parts(tmp_path, 3)
    data = bytearray(parts[1].read_bytes())
    data[-100] ^= 0x01
    parts[1].write_bytes(bytes(data))
    with pytest.raises(JoinFailed) as err:
        split.join(parts, tmp_path / "out")
    assert err.value.missing == [2]
    assert str(parts[1]) in err.value.damaged[0]
    assert not (tmp_path / "out").exists()


def test_join_refuses_a_part_with_a_damaged_header_and_parts_of_two_packages(
    tmp_path: Path, english: None
) -> None:
    parts = _parts(tmp_path, 2)
    data = bytearray(parts[0].read_bytes())
    data[20] ^= 0x20
    parts[0].write_bytes(bytes(data))
    with pytest.raises(JoinFailed) as err:
        split.join(parts, tmp_path / "out")
    assert err.value.missing == [1]
    other = tmp_path / "other"
    other.mkdir()
    with pytest.raises(UserFacingError, match="another package"):
        split.join([parts[1], *_parts(other, 2, b"lain")], tmp_path / "out")
