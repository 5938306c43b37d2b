"""A read-only look at a workspace database with the standard library's ``sqlite3`` alone.

The window shows the unit list from it at start-up, before the database layer (SQLAlchemy,
sqlmodel, pydantic: most of a second to import) is loaded. It never writes and takes no lock.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from ..values.views import UnitRow
from .constants import SCHEMA_VERSION
from .unit_list_query import INSTANSI_SQL, LIST_SQL, unit_rows

Error = sqlite3.Error  # what every read below may raise


class ReadOnlyDatabase:
    """An open read-only connection to a current workspace database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @classmethod
    def open(cls, path: Path) -> ReadOnlyDatabase | None:
        """The database at ``path`` opened read-only; None when it cannot be read or is not
        at this app's schema version (opening the workspace says why)."""
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        except (sqlite3.Error, OSError, ValueError):
            return None
        try:
            conn.execute("PRAGMA busy_timeout = 2000")
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            if version != SCHEMA_VERSION:
                conn.close()
                return None
            conn.execute("SELECT 1 FROM unit LIMIT 1").fetchall()
        except sqlite3.Error:
            conn.close()
            return None
        return cls(conn)

    def units(self, params: dict[str, str]) -> list[UnitRow]:
        cursor = self._conn.execute(LIST_SQL, params)
        return unit_rows([d[0] for d in cursor.description], cursor)

    def instansi(self) -> list[tuple[str, str]]:
        return [(code, name) for code, name in self._conn.execute(INSTANSI_SQL)]

    def setting(self, key: str, default: Any = None) -> Any:
        """A workspace setting's value (stored as JSON); ``default`` when unset or unreadable."""
        try:
            row = self._conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
            return default if row is None else json.loads(row[0])
        except (sqlite3.Error, ValueError):
            return default

    def close(self) -> None:
        self._conn.close()
