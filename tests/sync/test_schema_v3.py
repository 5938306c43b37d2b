"""Schema version 3: what was received is keyed by the signing key; a version 2 workspace
upgrades with every received package and audit event kept, each event under its signer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zi_desktop.storage import database
from zi_desktop.storage.database import schema_version, upgrade

TO_V2 = {0: database._create_v1, 1: database._upgrade_v2}
TO_V3 = {**TO_V2, 2: database._upgrade_v3}
KEY_A, KEY_B, DEVICE = "a" * 64, "b" * 64, "d" * 32


def _package_row(n: int, signer: str, sequence: int) -> tuple[object, ...]:
    ids = (f"{n:064x}", f"{n:032x}", "sync", "full", DEVICE, signer, f"Nama {n}", sequence)
    return (*ids, "0" * 64, "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", '["U-1"]', "{}")


def _v2_workspace(tmp_path: Path) -> Path:
    path = tmp_path / "zi.sqlite"
    (tmp_path / "backups").mkdir()
    upgrade(path, tmp_path / "backups", steps=TO_V2)
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO package_in (manifest_sha256, package_id, kind, mode, device_id, signer, "
        "signer_name, sequence, previous, created, imported_at, units, summary) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_package_row(1, KEY_A, 1), _package_row(2, KEY_A, 2)],
    )
    conn.executemany(
        "INSERT INTO remote_audit_event (device_id, seq, at, actor, entity, old, new, prev_hash, "
        "hash, package_id) VALUES (?, ?, 't', 'x', 'e', 'null', 'null', ?, ?, ?)",
        [
            (DEVICE, 1, "0" * 64, "1" * 64, f"{1:032x}"),
            (DEVICE, 2, "1" * 64, "2" * 64, f"{2:032x}"),
        ],
    )
    conn.commit()
    conn.close()
    return path


def test_version_2_upgrades_to_3_keeping_every_row_under_its_signer(tmp_path: Path) -> None:
    path = _v2_workspace(tmp_path)
    assert upgrade(path, tmp_path / "backups", steps=TO_V3) == 2
    assert schema_version(path) == 3
    (backup,) = (tmp_path / "backups").iterdir()
    assert schema_version(backup) == 2
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT signer, sequence, signer_name FROM package_in ORDER BY id")
        assert rows.fetchall() == [(KEY_A, 1, "Nama 1"), (KEY_A, 2, "Nama 2")]
        events = conn.execute("SELECT signer, device_id, seq, hash FROM remote_audit_event")
        assert sorted(events.fetchall()) == [
            (KEY_A, DEVICE, 1, "1" * 64),
            (KEY_A, DEVICE, 2, "2" * 64),
        ]
        # Another signer may now use the same device id and sequence ...
        conn.execute(
            "INSERT INTO package_in (manifest_sha256, package_id, kind, mode, device_id, signer, "
            "signer_name, sequence, previous, created, imported_at, units, summary) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _package_row(3, KEY_B, 2),
        )
        # ... but one signer never twice.
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO package_in (manifest_sha256, package_id, kind, mode, device_id, "
                "signer, signer_name, sequence, previous, created, imported_at, units, summary) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _package_row(4, KEY_A, 2),
            )
    finally:
        conn.close()
