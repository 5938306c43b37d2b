"""Schema version 4: a version 3 workspace upgrades with its data intact, and the upload
table models agree with the frozen ``schema_v4.sql``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy
from sqlmodel import SQLModel

from zi_desktop.storage import database, intake_tables
from zi_desktop.storage.database import schema_version, upgrade


def _tables() -> list[sqlalchemy.Table]:
    return [
        obj.__table__  # type: ignore[attr-defined]
        for obj in vars(intake_tables).values()
        if isinstance(obj, type)
        and issubclass(obj, SQLModel)
        and hasattr(obj, "__table__")
        and obj.__module__ == intake_tables.__name__
    ]


def _describe(path: Path, names: list[str]) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        return {
            name: (
                [tuple(r[1:]) for r in conn.execute(f'PRAGMA table_info("{name}")')],
                sorted(r[2] for r in conn.execute(f'PRAGMA index_list("{name}")')),
                sorted(tuple(r[2:5]) for r in conn.execute(f'PRAGMA foreign_key_list("{name}")')),
            )
            for name in names
        }
    finally:
        conn.close()


def test_upload_table_models_agree_with_frozen_schema_v4(tmp_path: Path) -> None:
    from_sql = tmp_path / "sql.sqlite"
    (tmp_path / "b").mkdir()
    upgrade(from_sql, tmp_path / "b")
    from_models = tmp_path / "models.sqlite"
    engine = sqlalchemy.create_engine(f"sqlite:///{from_models}")
    try:
        SQLModel.metadata.create_all(engine, tables=_tables())
    finally:
        engine.dispose()
    names = sorted(t.name for t in _tables())
    assert len(names) == 5
    assert _describe(from_sql, names) == _describe(from_models, names)


def test_version_3_upgrades_to_4_with_its_rows_intact(tmp_path: Path) -> None:
    path, backups = tmp_path / "zi.sqlite", tmp_path / "backups"
    backups.mkdir()
    upgrade(
        path,
        backups,
        steps={0: database._create_v1, 1: database._upgrade_v2, 2: database._upgrade_v3},
    )
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO setting (key, value) VALUES ('intake_url', '\"http://x\"')")
    conn.commit()
    (device,) = conn.execute("SELECT device_id FROM sync_device").fetchone()
    conn.close()
    assert schema_version(path) == 3
    assert upgrade(path, backups) == 3
    assert schema_version(path) >= 4
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT device_id FROM sync_device").fetchone() == (device,)
        assert conn.execute("SELECT count(*) FROM intake_session").fetchone() == (0,)
    finally:
        conn.close()
    assert [p.name.startswith("zi-schema3-") for p in backups.iterdir()] == [True]
