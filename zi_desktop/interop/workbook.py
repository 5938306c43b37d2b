"""Opening a workbook of any format a unit hands in, with one message for every way it can
be unusable, and reading a sheet's cells as values.

Formats: .xlsx and .xlsm, .xlsb, .xls and .ods, told by their content (``formats``), read by
calamine (python-calamine; docs/excel-import.md compares it with openpyxl). The file is read
into memory once, bounded in size, checked part by part (``zipscan``, ``biff_scan``) and only
then given to the reader, so that what was checked is what is read. Cells come back as the
values the office program saved: a formula is never calculated, and nothing is fetched.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UserFacingError
from ..i18n import _
from ..inputfile import read_input
from . import limits
from .formats import Format, sniff

COLUMNS = 16  # A…P: everything the LKE sheet has
MAX_ROWS = 5000  # rows read of a sheet: far beyond the ~220 of the form

Row = tuple[Any, ...]


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: bool


class Workbook:
    """An opened workbook: its format, its worksheets, and the cells of any of them."""

    def __init__(self, path: Path, fmt: Format, book: Any, sheets: list[SheetInfo]) -> None:
        self.path, self.format, self._book, self.sheets = path, fmt, book, sheets

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def rows(self, name: str) -> dict[int, Row]:
        """Row number (1-based) -> the values of columns A…P, for rows with any value."""
        try:
            values = self._book.get_sheet_by_name(name).to_python(
                skip_empty_area=False, nrows=MAX_ROWS
            )
        except Exception as exc:  # noqa: BLE001 - calamine's errors: a damaged sheet
            raise limits.damaged(self.path, f"{name}: {type(exc).__name__}") from None
        out: dict[int, Row] = {}
        for number, row in enumerate(values, start=1):
            cells = tuple(None if v == "" else v for v in row[:COLUMNS])
            if any(v is not None for v in cells):
                out[number] = cells + (None,) * (COLUMNS - len(cells))
        return out


def read_file(path: Path) -> bytes:
    """The bytes of a regular file of at most ``limits.MAX_FILE_BYTES``, or UserFacingError."""
    return read_input(path, limits.MAX_FILE_BYTES)


def open_workbook(path: Path) -> Workbook:
    """The workbook at ``path``, checked against the limits before it is parsed."""
    data = read_file(path)
    fmt = sniff(path, data)
    if fmt is Format.XLS:
        from .biff_scan import scan_xls

        scan_xls(path, data)
    else:
        from .zipscan import scan_zip

        scan_zip(path, data, fmt)
    from python_calamine import (
        CalamineWorkbook,
        PasswordError,
        SheetTypeEnum,
        SheetVisibleEnum,
    )

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [
            SheetInfo(m.name, m.visible == SheetVisibleEnum.Visible)
            for m in book.sheets_metadata
            if m.typ == SheetTypeEnum.WorkSheet
        ]
    except PasswordError:
        raise UserFacingError(
            _(
                "{file} is protected with a password. Open it in Excel, remove the "
                "password (File > Info > Protect Workbook) and save it again."
            ).format(file=path)
        ) from None
    except Exception as exc:  # noqa: BLE001 - any parse failure means a damaged file
        raise limits.damaged(path, type(exc).__name__) from None
    return Workbook(path, fmt, book, sheets)
