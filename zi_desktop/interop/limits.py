"""The limits a workbook must keep before any of it is parsed, and their messages.

A filled LKE workbook is about 100 KB and one sheet of some 220 rows by 16 columns. The
limits below are hundreds of times that, yet small enough that a hostile file (a "zip bomb",
a sheet declaring cells a million rows apart, a shared-strings part of gigabytes) is refused
before it costs more than a few tens of megabytes. They are documented in
docs/excel-import.md, "Bad files".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserFacingError
from ..i18n import _

MIB = 1024 * 1024
MAX_FILE_BYTES = 64 * MIB  # the workbook file itself
MAX_PARTS = 5000  # entries of a ZIP container
MAX_PART_BYTES = 32 * MIB  # one part, unpacked
MAX_TOTAL_BYTES = 128 * MIB  # all parts, unpacked
MAX_RATIO = 100  # unpacked / packed, for parts (and the whole) above RATIO_FROM bytes
RATIO_FROM = 1 * MIB
MAX_SHEET_CELLS = 2_000_000  # rows × columns spanned by a sheet's cells
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's own grid
MAX_NUMBER_TEXT = 64  # characters of a number written as text


@dataclass
class Extent:
    """How far the cells of each sheet reach (1-based last row and column seen)."""

    sheets: dict[str, tuple[int, int]] = field(default_factory=dict)

    def add(self, sheet: str, row: int, column: int) -> None:
        rows, columns = self.sheets.get(sheet, (0, 0))
        self.sheets[sheet] = (max(rows, row), max(columns, column))

    def check(self, path: Path) -> None:
        for sheet, (rows, columns) in self.sheets.items():
            if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_SHEET_CELLS:
                raise UserFacingError(
                    _(
                        "Sheet {sheet} of {file} spans {rows} rows by {columns} columns; at "
                        "most {limit} cells a sheet are read. Delete the unused rows and "
                        "columns beyond the LKE (or copy the LKE into a new workbook), save "
                        "and import again."
                    ).format(
                        sheet=sheet,
                        file=path,
                        rows=rows,
                        columns=columns,
                        limit=f"{MAX_SHEET_CELLS:,}".replace(",", "."),
                    )
                )


def megabytes(size: int) -> str:
    return f"{size / MIB:.1f}".replace(".", ",")


def file_too_large(path: Path, size: int) -> UserFacingError:
    return UserFacingError(
        _(
            "{file} is {size} MB; at most {limit} MB is read, far more than an LKE workbook "
            "needs. Remove pictures and other sheets, or ask the unit for the LKE alone."
        ).format(file=path, size=megabytes(size), limit=MAX_FILE_BYTES // MIB)
    )


def part_too_large(path: Path, part: str, size: int, limit: int) -> UserFacingError:
    return UserFacingError(
        _(
            "{file} unpacks to {size} MB ({part}); at most {limit} MB is read. It is not an "
            "ordinary workbook: ask the unit to save it again from Excel or LibreOffice."
        ).format(file=path, part=part, size=megabytes(size), limit=limit // MIB)
    )


def too_compressed(path: Path, part: str, ratio: float) -> UserFacingError:
    return UserFacingError(
        _(
            "{file} unpacks to {ratio} times its size ({part}); ordinary workbooks stay under "
            '{limit}. It may be a "zip bomb" and is not read: ask the unit to save it again.'
        ).format(file=path, part=part, ratio=int(ratio), limit=MAX_RATIO)
    )


def entity_declaration(path: Path, part: str) -> UserFacingError:
    return UserFacingError(
        _(
            "{file} declares XML entities ({part}), which office programs never write; it is "
            "not read. Ask the unit to save the workbook again from Excel or LibreOffice."
        ).format(file=path, part=part)
    )


def external_link(path: Path, what: str) -> UserFacingError:
    return UserFacingError(
        _(
            "{file} links to other files or programs ({what}); such links are never followed "
            "and the file is not read. Remove the links (in Excel: Data > Edit Links > Break "
            "Link), save and import again."
        ).format(file=path, what=what)
    )


def fetching_formula(path: Path, what: str) -> UserFacingError:
    return UserFacingError(
        _(
            "{file} has formulas that fetch data from the internet or other programs "
            "({what}); they are never run and the file is not read. Replace those formulas "
            "by their values (Copy, Paste Special > Values), save and import again."
        ).format(file=path, what=what)
    )


def damaged(path: Path, error: str) -> UserFacingError:
    return UserFacingError(
        _(
            "{file} is damaged or not an Excel workbook ({error}). Ask the unit for a new copy."
        ).format(file=path, error=error)
    )
