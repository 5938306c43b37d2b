"""Scanning the records of an old Excel 97-2003 workbook (.xls, BIFF8) before it is read.

The ``Workbook`` stream is a sequence of records (type and size, two bytes each). Each sheet
is a substream from a ``BOF`` record to its ``EOF``; its cell records begin with the row and
the column of the cell (``MULRK`` and ``MULBLANK`` end with their last column). The scan sees
how far every sheet's cells reach, refuses links to other workbooks or programs (a
``SUPBOOK`` that is neither the workbook itself nor an add-in), and the names of functions
that fetch data.
"""

from __future__ import annotations

import struct
from pathlib import Path

from . import limits
from .cfb import CompoundFile
from .formulas import binary_mark

BOF, EOF, SUPBOOK = 0x0809, 0x000A, 0x01AE
CELLS = frozenset({0x0006, 0x0203, 0x027E, 0x0201, 0x0205, 0x00FD, 0x0204, 0x00D6})
SPANS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: first column … last column
_SELF, _ADD_IN = 0x0401, 0x3A01


def scan_xls(path: Path, data: bytes) -> None:
    """Refuse the .xls ``data`` (of ``path``) unless its sheets keep the limits and link nowhere."""
    container = CompoundFile(path, data)
    names = container.stream_names()
    stream = container.stream("Workbook" if "Workbook" in names else "Book")
    found = binary_mark(stream)
    if found:
        raise limits.fetching_formula(path, found)
    extent = limits.Extent()
    sheet, depth, at, end = 0, 0, 0, len(stream)
    while at + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, at)
        data = stream[at + 4 : at + 4 + size]
        at += 4 + size
        if kind == BOF:
            depth += 1
            sheet += depth == 1
        elif kind == EOF:
            depth = max(depth - 1, 0)
        elif kind == SUPBOOK and len(data) >= 4:
            if struct.unpack_from("<H", data, 2)[0] not in (_SELF, _ADD_IN):
                raise limits.external_link(path, "SUPBOOK")
        elif kind in CELLS and len(data) >= 4:
            row, column = struct.unpack_from("<HH", data)
            extent.add(str(sheet - 1), row + 1, column + 1)
        elif kind in SPANS and len(data) >= 6:
            row = struct.unpack_from("<H", data)[0]
            extent.add(str(sheet - 1), row + 1, struct.unpack_from("<H", data, size - 2)[0] + 1)
    extent.check(path)
