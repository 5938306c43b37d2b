"""The unit list's query, shared by the workspace and by :class:`UnitIndex`.

:class:`UnitIndex` reads the unit list of a workspace with the standard library's ``sqlite3``
alone, without the database layer (SQLAlchemy, sqlmodel and pydantic take most of a second to
import). The window shows the list from it at start-up while the workspace itself opens in the
background; it never writes, takes no lock and is closed once the workspace is open.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from ..errors import UserFacingError
from ..i18n import _
from ..storage.constants import SCHEMA_VERSION
from ..storage.location import Layout
from ..values.views import UnitRow

# A unit's status is where its latest assessment stands, derived, never set by hand (see
# docs/workspace.md): not started (no TPI answer), in progress, complete (every TPI answer),
# sent (a sync package holding it was written after its last change).
STATUSES = ("not_started", "in_progress", "complete", "sent")
LIST_SQL = """
SELECT u.code, u.name, i.name, u.target_predikat,
       CASE
         WHEN a.id IS NULL THEN ''
         WHEN EXISTS (SELECT 1 FROM package_out po, json_each(po.units) j
                      WHERE po.kind = 'sync' AND j.value = u.code
                        AND julianday(po.created) >= julianday(a.updated_at)) THEN 'sent'
         WHEN COALESCE(ct.answered, 0) = 0 THEN 'not_started'
         WHEN ct.answered < ct.required THEN 'in_progress'
         ELSE 'complete'
       END AS unit_status,
       p.year, ct.answered, ct.required, cu.total, ct.total, ct.wbk, ct.wbbm, cu.answered
FROM unit u
JOIN instansi i ON i.id = u.instansi_id
LEFT JOIN assessment a ON a.id = (
    SELECT a2.id FROM assessment a2 JOIN period p2 ON p2.id = a2.period_id
    WHERE a2.unit_id = u.id ORDER BY p2.year DESC LIMIT 1)
LEFT JOIN period p ON p.id = a.period_id
LEFT JOIN score_cache cu ON cu.assessment_id = a.id AND cu.tier = 'unit'
LEFT JOIN score_cache ct ON ct.assessment_id = a.id AND ct.tier = 'tpi'
WHERE (:q = '' OR u.name LIKE :like ESCAPE '\\' OR u.code LIKE :like ESCAPE '\\')
  AND (:instansi = '' OR i.code = :instansi OR i.name = :instansi)
  AND (:status = '' OR unit_status = :status)
  AND (:target = '' OR u.target_predikat = :target)
"""

INSTANSI_SQL = "SELECT code, name FROM instansi ORDER BY name"


class UnitSource(Protocol):
    """What the unit list reads: the open workspace, or a :class:`UnitIndex` before it."""

    def list_units(
        self, query: str = "", instansi: str = "", status: str = "", target: str = ""
    ) -> list[UnitRow]: ...

    def instansi_list(self) -> list[tuple[str, str]]: ...


def list_params(query: str, instansi: str, status: str, target: str) -> dict[str, str]:
    """Parameters of :data:`LIST_SQL`: the search text matches name or code, literally."""
    q = query.strip()
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return {"q": q, "like": like, "instansi": instansi, "status": status, "target": target}


def by_name(row: UnitRow) -> tuple[str, str]:
    """The unit list's order: by name regardless of case, then code."""
    return row.name.casefold(), row.code


def unit_rows(rows: Iterable[Sequence[Any]]) -> list[UnitRow]:
    """The rows of :data:`LIST_SQL` as unit-list lines, by name then code."""
    out = [
        UnitRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4] or "",
            r[5],
            r[6] or 0,
            r[7] or 0,
            r[8] if r[12] else None,
            r[9] if r[6] else None,
            r[10] or "",
            r[11] or "",
        )  # fmt: skip
        for r in rows
    ]
    out.sort(key=by_name)
    return out


@contextmanager
def _readable() -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise UserFacingError(
            _("The unit list cannot be read just now. Wait a moment and try again."),
            details=str(exc),
        ) from exc


class UnitIndex:
    """A read-only view of a workspace's unit list, for the moments before it is open."""

    def __init__(self, root: Path, conn: sqlite3.Connection) -> None:
        self.root = root
        self._conn = conn

    @classmethod
    def peek(cls, folder: Path) -> UnitIndex | None:
        """The index of the workspace in ``folder``; None when there is none yet, when it
        must be upgraded first, or when it cannot be read (opening it will say why)."""
        layout = Layout(Path(folder))
        if not layout.database.is_file():
            return None
        try:
            uri = f"{layout.database.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True)
        except (sqlite3.Error, OSError, ValueError):
            return None
        try:
            conn.execute("PRAGMA busy_timeout = 2000")
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                conn.close()
                return None
            conn.execute("SELECT 1 FROM unit LIMIT 1").fetchall()
        except sqlite3.Error:
            conn.close()
            return None
        return cls(layout.root, conn)

    def list_units(
        self, query: str = "", instansi: str = "", status: str = "", target: str = ""
    ) -> list[UnitRow]:
        params = list_params(query, instansi, status, target)
        with _readable():
            return unit_rows(self._conn.execute(LIST_SQL, params))

    def instansi_list(self) -> list[tuple[str, str]]:
        with _readable():
            return [(code, name) for code, name in self._conn.execute(INSTANSI_SQL)]

    def is_demo(self) -> bool:
        """Whether this is the demo workspace (``Workspace.is_demo``, read with sqlite3)."""
        try:
            row = self._conn.execute("SELECT value FROM setting WHERE key = 'demo'").fetchone()
            return row is not None and json.loads(row[0]) is True
        except (sqlite3.Error, ValueError):
            return False

    def close(self) -> None:
        self._conn.close()
