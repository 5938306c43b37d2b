"""The unit list's query: every unit with its latest assessment's year, progress, score
summaries and derived status, filtered and searched in SQL.

The query's columns are named exactly as the fields of
:class:`~zi_desktop.values.views.UnitRow`, in the same order, so its rows become unit-list
lines without reading any column by position (:func:`unit_rows` checks the names). The same
text runs on the workspace's connection and on the read-only ``sqlite3`` connection of the
start-up index (:mod:`.readonly`).

A unit's status is where its latest assessment stands, derived, never set by hand (see
docs/workspace.md): not started (no TPI answer), in progress, complete (every TPI answer),
sent (a sync package holding it was written after its last change).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..values.views import UnitRow

STATUSES = ("not_started", "in_progress", "complete", "sent")
LIST_SQL = """
SELECT code, name, instansi, target_predikat, status, year, answered_tpi, required,
       total_unit, total_tpi, verdict_wbk, verdict_wbbm
FROM (
  SELECT u.code AS code, u.name AS name, i.name AS instansi,
         u.target_predikat AS target_predikat,
         CASE
           WHEN a.id IS NULL THEN ''
           WHEN EXISTS (SELECT 1 FROM package_out po, json_each(po.units) j
                        WHERE po.kind = 'sync' AND j.value = u.code
                          AND julianday(po.created) >= julianday(a.updated_at)) THEN 'sent'
           WHEN COALESCE(ct.answered, 0) = 0 THEN 'not_started'
           WHEN ct.answered < ct.required THEN 'in_progress'
           ELSE 'complete'
         END AS status,
         p.year AS year,
         COALESCE(ct.answered, 0) AS answered_tpi,
         COALESCE(ct.required, 0) AS required,
         CASE WHEN cu.answered THEN cu.total END AS total_unit,
         CASE WHEN ct.answered THEN ct.total END AS total_tpi,
         COALESCE(ct.wbk, '') AS verdict_wbk,
         COALESCE(ct.wbbm, '') AS verdict_wbbm
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
    AND (:target = '' OR u.target_predikat = :target)
)
WHERE (:status = '' OR status = :status)
"""
INSTANSI_SQL = "SELECT code, name FROM instansi ORDER BY name"


def list_params(query: str, instansi: str, status: str, target: str) -> dict[str, str]:
    """Parameters of :data:`LIST_SQL`: the search text matches name or code, literally."""
    q = query.strip()
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return {"q": q, "like": like, "instansi": instansi, "status": status, "target": target}


def unit_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[UnitRow]:
    """The rows of :data:`LIST_SQL` (whose ``columns`` the cursor names) as unit-list lines."""
    if tuple(columns) != UnitRow._fields:
        raise RuntimeError(f"the unit list query's columns {columns} are not UnitRow's fields")
    return [UnitRow._make(r) for r in rows]
