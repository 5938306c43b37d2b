"""The SQLite engine of a workspace: pragmas, schema version and ordered upgrade steps.

The schema version lives in ``PRAGMA user_version``. Opening an older database first copies it
to ``backups/`` and then runs every upgrade step in one transaction; a database newer than
this app is refused, unchanged.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from ..errors import UserFacingError
from ..i18n import _
from .tables import SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000

# Upgrade steps: UPGRADES[n] takes a database at version n to n + 1, on one connection that
# is inside the upgrade transaction. Version 0 is an empty database.
Step = Callable[[sqlite3.Connection], None]


def _run_sql_file(conn: sqlite3.Connection, name: str) -> None:
    # Statement by statement: executescript() would commit the upgrade transaction.
    text = (Path(__file__).parent / name).read_text(encoding="utf-8")
    for statement in text.split(";"):
        body = "\n".join(
            line for line in statement.splitlines() if not line.lstrip().startswith("--")
        ).strip()
        if body:
            conn.execute(body)


def _create_v1(conn: sqlite3.Connection) -> None:
    _run_sql_file(conn, "schema_v1.sql")


def _upgrade_v2(conn: sqlite3.Connection) -> None:
    """Version 2: signed sync packages (trust, package logs, merge state, a device id)."""
    _run_sql_file(conn, "schema_v2.sql")
    conn.execute(
        "INSERT INTO sync_device (id, device_id, created_at) VALUES (1, ?, ?)",
        (secrets.token_hex(16), datetime.now(UTC).isoformat(timespec="seconds")),
    )


def _upgrade_v3(conn: sqlite3.Connection) -> None:
    """Version 3: replay state and received audit chains keyed by the signing key."""
    _run_sql_file(conn, "schema_v3.sql")


def _upgrade_v4(conn: sqlite3.Connection) -> None:
    """Version 4: uploads (the coordinator's intake sessions, receipts on both sides)."""
    _run_sql_file(conn, "schema_v4.sql")


UPGRADES: dict[int, Step] = {0: _create_v1, 1: _upgrade_v2, 2: _upgrade_v3, 3: _upgrade_v4}


def _pragmas(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def schema_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _backup(path: Path, backups: Path, version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backups / f"zi-schema{version}-{stamp}.sqlite"
    source = sqlite3.connect(path)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    return target


def _has_tables(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        count: int = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return count > 0
    finally:
        conn.close()


def upgrade(path: Path, backups: Path, steps: dict[int, Step] | None = None) -> int:
    """Bring the database at ``path`` to the app's schema version; returns the old version."""
    steps = UPGRADES if steps is None else steps
    target = max(steps) + 1
    try:
        version = schema_version(path)
    except sqlite3.DatabaseError as exc:
        raise UserFacingError(
            _("{path} is not a ZI Desktop database or is damaged: {error}").format(
                path=path, error=exc
            )
        ) from exc
    if version > target:
        raise UserFacingError(
            _(
                "This workspace was written by a newer ZI Desktop (schema {found}, this app "
                "knows up to {known}). Update ZI Desktop to open it; nothing was changed."
            ).format(found=version, known=target)
        )
    if version == target:
        return version
    if version == 0 and _has_tables(path):
        raise UserFacingError(
            _(
                "{path} is an SQLite database of another program, not a ZI Desktop workspace."
            ).format(path=path)
        )
    if version > 0:
        _backup(path, backups, version)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        for v in range(version, target):
            steps[v](conn)
        conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return version


def make_engine(path: Path) -> Engine:
    """An engine whose connections use WAL, synchronous=FULL, foreign keys and a busy timeout."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (SQLAlchemy recipe)
        _pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front (no deadlock on upgrade from read to write);
        # readers begin deferred so that they never wait for a writer under WAL.
        mode = conn.get_execution_options().get("zi_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


assert max(UPGRADES) + 1 == SCHEMA_VERSION
