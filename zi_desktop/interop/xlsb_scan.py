"""Scanning the sheet parts of a binary workbook (.xlsb, MS-XLSB) before they are read.

A sheet part is a sequence of records: a record type (one or two bytes of seven bits) and a
size (one to four bytes of seven bits), then the record's data. Rows start with a row header
(``BrtRowHdr``, whose data begins with the row number); cell records (``BrtCellBlank`` …
``BrtFmlaError``, ``BrtCellRString``) begin with their column. The scan follows the records
to see how far the cells reach; a record running past the end of the part is damage.
"""

from __future__ import annotations

import struct
from pathlib import Path

from . import limits
from .formulas import binary_mark

ROW_HEADER = 0
CELLS = frozenset(range(1, 12)) | {62}  # BrtCellBlank … BrtFmlaError, BrtCellRString


def scan_xlsb_sheet(path: Path, part: str, data: bytes, extent: limits.Extent) -> None:
    """Add how far the cells of sheet ``part`` reach to ``extent``; refuse damage."""
    found = binary_mark(data)
    if found:
        raise limits.fetching_formula(path, f"{found}, {part}")
    at, end = 0, len(data)
    row = last_row = last_column = 0
    try:
        while at < end:
            kind = data[at]
            at += 1
            if kind & 0x80:
                kind = (kind & 0x7F) | (data[at] & 0x7F) << 7
                at += 1
            size = shift = 0
            for _ in range(4):
                byte = data[at]
                at += 1
                size |= (byte & 0x7F) << shift
                shift += 7
                if not byte & 0x80:
                    break
            if at + size > end:
                raise IndexError
            if kind == ROW_HEADER and size >= 4:
                row = struct.unpack_from("<I", data, at)[0] + 1
                if row > limits.MAX_ROWS:
                    raise IndexError
            elif kind in CELLS and size >= 4:
                column = struct.unpack_from("<I", data, at)[0] + 1
                last_row, last_column = max(last_row, row), max(last_column, column)
            at += size
    except (IndexError, struct.error):
        raise limits.damaged(path, part) from None
    extent.add(part, last_row, last_column)
