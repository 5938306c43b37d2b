"""Checking a ZIP workbook (.xlsx, .xlsm, .xlsb, .ods) part by part before it is parsed.

Every part is unpacked once, in pieces, and thrown away: its declared and real sizes and its
packing ratio are bounded (``limits``), an XML part may declare no DTD or entity, and the
sheets are scanned for how far their cells reach (a sheet reaching far is refused before the
reader allocates its grid), for links to other files and for formulas that fetch data.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from . import limits
from .formats import Format
from .formulas import binary_mark, fetching_function
from .ods_scan import OdsScan
from .xlsb_scan import scan_xlsb_sheet

_CHUNK = 1 << 20
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_SHEET_PARTS = re.compile(r"xl/(worksheets|macrosheets|dialogsheets)/[^/]+\.(xml|bin)")
_XML_PARTS = (".xml", ".rels", ".vml")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,4})([0-9]{1,8})\"")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,8})\"")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]*)")


def scan_zip(path: Path, data: bytes, fmt: Format) -> None:
    """Refuse the workbook ``data`` (of ``path``) unless every part keeps the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_sizes(path, infos)
            extent = limits.Extent()
            for info in infos:
                _scan_part(path, fmt, archive, info, extent)
            extent.check(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise limits.damaged(path, type(exc).__name__) from None
    except RuntimeError as exc:  # an encrypted ZIP entry
        raise limits.damaged(path, str(exc)[:60]) from None


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > limits.MAX_PARTS:
        raise limits.damaged(path, f"{len(infos)} parts")
    total = packed = 0
    for info in infos:
        if info.file_size > limits.MAX_PART_BYTES:
            raise limits.part_too_large(path, info.filename, info.file_size, limits.MAX_PART_BYTES)
        _check_ratio(path, info.filename, info.file_size, info.compress_size)
        total += info.file_size
        packed += info.compress_size
    if total > limits.MAX_TOTAL_BYTES:
        raise limits.part_too_large(path, "*", total, limits.MAX_TOTAL_BYTES)
    _check_ratio(path, "*", total, packed)


def _check_ratio(path: Path, part: str, size: int, packed: int) -> None:
    if size > limits.RATIO_FROM and size > limits.MAX_RATIO * max(packed, 1):
        raise limits.too_compressed(path, part, size / max(packed, 1))


def _pieces(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The unpacked bytes of a part in pieces; never more than its declared size."""
    with archive.open(info) as stream:  # stops at the declared size, checks the CRC
        while piece := stream.read(_CHUNK):
            yield piece


def _scan_part(
    path: Path,
    fmt: Format,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    extent: limits.Extent,
) -> None:
    name = info.filename
    lower = name.lower()
    if lower.startswith("xl/externallinks/"):
        raise limits.external_link(path, name)
    if fmt is Format.ODS and name == "content.xml":
        scan = OdsScan(path)
        for piece in _pieces(archive, info):
            scan.feed(piece)
        scan.close(extent)
        return
    if _SHEET_PARTS.fullmatch(lower) and lower.endswith(".bin"):
        data = b"".join(_pieces(archive, info))
        scan_xlsb_sheet(path, name, data, extent)
        return
    is_sheet = _SHEET_PARTS.fullmatch(lower) is not None
    check_xml = lower.endswith(_XML_PARTS)
    if lower.endswith(".bin"):
        _scan_binary(path, name, archive, info)
        return
    carry = b""
    for piece in _pieces(archive, info):
        data = carry + piece
        if check_xml and any(d in data for d in _DECLARATIONS):
            raise limits.entity_declaration(path, name)
        if not is_sheet:
            carry = data[-16:]
            continue
        cut = data.rfind(b"<")
        cut = len(data) if cut < 0 else cut
        _scan_sheet_xml(path, name, data[:cut], extent)
        carry = data[cut:]
    if is_sheet and carry:
        _scan_sheet_xml(path, name, carry, extent)


def _scan_sheet_xml(path: Path, part: str, data: bytes, extent: limits.Extent) -> None:
    refs = _CELL_REF.findall(data)
    unreferenced = len(_CELL_TAG.findall(data)) - len(refs)
    rows = [int(r) for r in _ROW_REF.findall(data)]
    rows_unreferenced = len(_ROW_TAG.findall(data)) - len(rows)
    last_row = max([int(r) for _c, r in refs] + rows + [0]) + rows_unreferenced
    columns = {c for c, _r in refs}
    last_column = max((_column_number(c) for c in columns), default=0) + unreferenced
    extent.add(part, last_row, last_column)
    for formula in _FORMULA.findall(data):
        found = fetching_function(formula.decode("utf-8", "replace"), xml_escaped=True)
        if found:
            raise limits.fetching_formula(path, f"{found}, {part}")


def _scan_binary(path: Path, name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Other binary parts (xlsb workbook, strings): sizes only, and no fetching function."""
    carry = b""
    for piece in _pieces(archive, info):
        data = carry + piece
        found = binary_mark(data)
        if found:
            raise limits.fetching_formula(path, f"{found}, {name}")
        carry = data[-64:]


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
