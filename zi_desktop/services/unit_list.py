"""The unit list as the window reads it: its order, and a :class:`UnitIndex` before the
workspace is open.

:class:`UnitIndex` reads the unit list of a workspace with the standard library's ``sqlite3``
alone, without the database layer (SQLAlchemy, sqlmodel and pydantic take most of a second to
import). The window shows the list from it at start-up while the workspace itself opens in the
background; it never writes, takes no lock and is closed once the workspace is open.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from ..errors import UserFacingError
from ..i18n import _
from ..storage.location import Layout
from ..storage.readonly import Error as ReadError
from ..storage.readonly import ReadOnlyDatabase
from ..storage.unit_list_query import STATUSES as STATUSES  # the status filter's values
from ..storage.unit_list_query import list_params
from ..values.views import UnitRow


class UnitSource(Protocol):
    """What the unit list reads: the open workspace, or a :class:`UnitIndex` before it."""

    def list_units(
        self, query: str = "", instansi: str = "", status: str = "", target: str = ""
    ) -> list[UnitRow]: ...

    def instansi_list(self) -> list[tuple[str, str]]: ...


def by_name(row: UnitRow) -> tuple[str, str]:
    """The unit list's order: by name regardless of case, then code."""
    return row.name.casefold(), row.code


def sorted_rows(rows: list[UnitRow]) -> list[UnitRow]:
    """Unit-list lines in the list's order (:func:`by_name`)."""
    rows.sort(key=by_name)
    return rows


@contextmanager
def _readable() -> Iterator[None]:
    try:
        yield
    except ReadError as exc:
        raise UserFacingError(
            _("The unit list cannot be read just now. Wait a moment and try again."),
            details=str(exc),
        ) from exc


class UnitIndex:
    """A read-only view of a workspace's unit list, for the moments before it is open."""

    def __init__(self, root: Path, db: ReadOnlyDatabase) -> None:
        self.root = root
        self._db = db

    @classmethod
    def peek(cls, folder: Path) -> UnitIndex | None:
        """The index of the workspace in ``folder``; None when there is none yet, when it
        must be upgraded first, or when it cannot be read (opening it will say why)."""
        layout = Layout(Path(folder))
        if not layout.database.is_file():
            return None
        db = ReadOnlyDatabase.open(layout.database)
        return None if db is None else cls(layout.root, db)

    def list_units(
        self, query: str = "", instansi: str = "", status: str = "", target: str = ""
    ) -> list[UnitRow]:
        with _readable():
            return sorted_rows(self._db.units(list_params(query, instansi, status, target)))

    def instansi_list(self) -> list[tuple[str, str]]:
        with _readable():
            return self._db.instansi()

    def is_demo(self) -> bool:
        """Whether this is the demo workspace (``Workspace.is_demo``, read with sqlite3)."""
        return self._db.setting("demo", False) is True

    def close(self) -> None:
        self._db.close()
