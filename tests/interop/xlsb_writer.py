"""Writing a binary workbook (.xlsb) for the tests, from the values of an .xlsx.

LibreOffice reads .xlsb but cannot write it (7.4: "no export filter"), and no maintained
Python library writes it; Excel, which can, is not part of the tests' tools. So the tests make
their .xlsb inputs with this writer, from the published format (MS-XLSB, Open Specifications):
the package parts of Office Open XML with binary parts instead of XML ones, each part a
sequence of records (record type and size as 7-bit varints, then the data):

* ``xl/workbook.bin``: BrtBeginBook, BrtBeginBundleShs, one BrtBundleSh per sheet (state,
  tab id, relationship id, name), BrtEndBundleShs, BrtEndBook;
* ``xl/worksheets/sheetN.bin``: BrtBeginSheet, BrtWsDim, BrtBeginSheetData, per row a
  BrtRowHdr and its cells (BrtCellSt for text, BrtCellReal for numbers, BrtCellBool),
  BrtEndSheetData, BrtEndSheet.

Only values are written (no styles, no formulas): a formula of the source is left out, as a
formula saved without its value reads as blank anyway. What the tests check with it is that
the same content gives the same import whatever the format; that calamine reads files Excel
writes is calamine's own test suite's concern.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]

BEGIN_BOOK, END_BOOK, BEGIN_BUNDLE, END_BUNDLE, BUNDLE_SHEET = 131, 132, 143, 144, 156
BEGIN_SHEET, END_SHEET, SHEET_DIM, BEGIN_DATA, END_DATA = 129, 130, 148, 145, 146
ROW_HEADER, CELL_BOOL, CELL_REAL, CELL_TEXT = 0, 4, 5, 6

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="bin" '
    'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    "{overrides}</Types>"
)
_SHEET_TYPE = "application/vnd.ms-excel.worksheet"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def record(kind: int, data: bytes = b"") -> bytes:
    head = bytes([kind]) if kind < 0x80 else bytes([kind & 0x7F | 0x80, kind >> 7])
    size, out = len(data), bytearray()
    while True:
        out.append(size & 0x7F | (0x80 if size > 0x7F else 0))
        size >>= 7
        if not size:
            break
    return head + bytes(out) + data


def wide(text: str) -> bytes:
    encoded = text.encode("utf-16-le")
    return struct.pack("<I", len(encoded) // 2) + encoded


def _cell(column: int, value: Any) -> bytes:
    head = struct.pack("<II", column, 0)  # column, style 0
    if isinstance(value, bool):
        return record(CELL_BOOL, head + bytes([value]))
    if isinstance(value, (int, float)):
        return record(CELL_REAL, head + struct.pack("<d", float(value)))
    return record(CELL_TEXT, head + wide(str(value)))


def sheet_part(rows: dict[int, dict[int, Any]]) -> bytes:
    """A sheet of ``rows`` (0-based row -> 0-based column -> value)."""
    last_row = max(rows, default=0)
    last_column = max((c for r in rows.values() for c in r), default=0)
    dimension = struct.pack("<IIII", 0, last_row, 0, last_column)
    out = [record(BEGIN_SHEET), record(SHEET_DIM, dimension), record(BEGIN_DATA)]
    for row in sorted(rows):
        header = struct.pack("<IIH", row, 0, 300) + bytes(3) + bytes(4)  # row, style, height
        out.append(record(ROW_HEADER, header))
        out.extend(_cell(c, v) for c, v in sorted(rows[row].items()))
    out += [record(END_DATA), record(END_SHEET)]
    return b"".join(out)


def write_xlsb(sheets: list[tuple[str, bool, dict[int, dict[int, Any]]]], path: Path) -> None:
    """Write ``sheets`` (name, visible, rows) as a binary workbook at ``path``."""
    book = [record(BEGIN_BOOK), record(BEGIN_BUNDLE)]
    rels, overrides = [], []
    for n, (name, visible, _rows) in enumerate(sheets, start=1):
        state = struct.pack("<II", 0 if visible else 1, n)
        book.append(record(BUNDLE_SHEET, state + wide(f"rId{n}") + wide(name)))
        rels.append(
            f'<Relationship Id="rId{n}" Type="{_RELS}/worksheet" Target="worksheets/sheet{n}.bin"/>'
        )
        overrides.append(
            f'<Override PartName="/xl/worksheets/sheet{n}.bin" ContentType="{_SHEET_TYPE}"/>'
        )
    book += [record(END_BUNDLE), record(END_BOOK)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(overrides="".join(overrides)))
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
            f'xmlns="{_PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{_RELS}/officeDocument" Target="xl/workbook.bin"/>'
            "</Relationships>",
        )
        archive.writestr("xl/workbook.bin", b"".join(book))
        archive.writestr(
            "xl/_rels/workbook.bin.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<Relationships xmlns="{_PACKAGE_RELS}">{"".join(rels)}'
            "</Relationships>",
        )
        for n, (_name, _visible, rows) in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{n}.bin", sheet_part(rows))


def xlsx_to_xlsb(source: Path, target: Path) -> None:
    """The values of every sheet of ``source`` (formulas left out) as an .xlsb ``target``."""
    book = load_workbook(source)
    sheets = []
    for sheet in book.worksheets:
        rows: dict[int, dict[int, Any]] = {}
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or cell.data_type == "f":
                    continue
                rows.setdefault(cell.row - 1, {})[cell.column - 1] = value
        sheets.append((sheet.title, sheet.sheet_state == "visible", rows))
    write_xlsb(sheets, target)
