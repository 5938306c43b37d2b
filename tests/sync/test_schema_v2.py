"""Schema version 2: a version 1 workspace upgrades (after a backup) with its data intact, and
the sync table models agree with the frozen ``schema_v2.sql``."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import sqlalchemy
from sqlmodel import SQLModel

from zi_desktop.services.workspace import Workspace
from zi_desktop.storage import database, sync_tables
from zi_desktop.storage.database import schema_version, upgrade

TO_V2 = {0: database._create_v1, 1: database._upgrade_v2}
V1_ROWS = [
    "INSERT INTO instansi (id, code, name) VALUES (1, 'KAB-X', 'Pemerintah Kabupaten “X”')",
    "INSERT INTO unit (id, code, name, instansi_id, address, head, service_type, current_predikat,"
    " target_predikat) VALUES (1, 'U-1', 'Dinas Satu', 1, 'Jl. Ñ', '', '', 'none', 'WBK')",
    "INSERT INTO setting (key, value) VALUES ('evidence_max_bytes', '1000')",
]


def _dump(path: Path, skip: tuple[str, ...] = ()) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if not any(t in line for t in skip)]
    finally:
        conn.close()


def test_version_1_upgrades_to_2_with_a_backup_and_data_intact(tmp_path: Path) -> None:
    path, backups = tmp_path / "zi.sqlite", tmp_path / "backups"
    backups.mkdir()
    upgrade(path, backups, steps={0: database._create_v1})
    conn = sqlite3.connect(path)
    for statement in V1_ROWS:
        conn.execute(statement)
    conn.commit()
    conn.close()
    before = _dump(path)
    assert schema_version(path) == 1
    assert upgrade(path, backups, steps=TO_V2) == 1
    assert schema_version(path) == 2
    (backup,) = backups.iterdir()
    assert schema_version(backup) == 1 and _dump(backup) == before
    new_tables = tuple(f'"{t.name}"' for t in _sync_tables()) + tuple(
        f"TABLE {t.name}" for t in _sync_tables()
    )
    later = ("intake_", "package_receipt")  # schema 3 and later
    after = _dump(path, skip=(*new_tables, "ix_sync_conflict", *later))
    assert after == before  # every version 1 row and table as it was
    conn = sqlite3.connect(path)
    try:
        (device,) = conn.execute("SELECT device_id FROM sync_device").fetchall()
    finally:
        conn.close()
    assert re.fullmatch(r"[0-9a-f]{32}", device[0])
    with Workspace.open(tmp_path, create=False) as ws:
        assert ws.unit_info("U-1").address == "Jl. Ñ"


def test_every_new_workspace_gets_its_own_device_id(tmp_path: Path) -> None:
    ids = set()
    for name in ("a", "b"):
        with Workspace.open(tmp_path / name):
            pass
        conn = sqlite3.connect(tmp_path / name / "zi.sqlite")
        ids.add(conn.execute("SELECT device_id FROM sync_device").fetchone()[0])
        conn.close()
    assert len(ids) == 2


def _sync_tables() -> list[sqlalchemy.Table]:
    return [
        obj.__table__  # type: ignore[attr-defined]
        for obj in vars(sync_tables).values()
        if isinstance(obj, type)
        and issubclass(obj, SQLModel)
        and hasattr(obj, "__table__")
        and obj.__module__ == sync_tables.__name__
    ]


def _describe(path: Path, names: list[str]) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        out: dict[str, object] = {}
        for name in names:
            out[name] = (
                [tuple(r[1:]) for r in conn.execute(f'PRAGMA table_info("{name}")')],
                sorted(
                    (r[2], tuple(c[2] for c in conn.execute(f'PRAGMA index_info("{r[1]}")')))
                    for r in conn.execute(f'PRAGMA index_list("{name}")')
                ),
                sorted(tuple(r[2:5]) for r in conn.execute(f'PRAGMA foreign_key_list("{name}")')),
            )
        return out
    finally:
        conn.close()


def test_sync_table_models_agree_with_frozen_schema_v2(tmp_path: Path) -> None:
    from_sql = tmp_path / "sql.sqlite"
    (tmp_path / "b").mkdir()
    upgrade(from_sql, tmp_path / "b")
    from_models = tmp_path / "models.sqlite"
    engine = sqlalchemy.create_engine(f"sqlite:///{from_models}")
    try:
        SQLModel.metadata.create_all(
            engine,
            tables=[
                t
                for t in SQLModel.metadata.sorted_tables
                if t.name in {"assessment", "unit", "period", "instansi"}
            ]
            + _sync_tables(),
        )
    finally:
        engine.dispose()
    names = sorted(t.name for t in _sync_tables())
    assert len(names) == 10
    assert _describe(from_sql, names) == _describe(from_models, names)
