"""Which kind of workbook a file is, told by its content, never by its name.

Units hand in what their office software saved: Excel 2007 and newer (.xlsx, .xlsm), binary
Excel (.xlsb), old Excel 97-2003 (.xls) and OpenDocument (.ods). Files saved under a
spreadsheet's name that are something else (a web page or a CSV text saved as ``.xls``, a
password-protected workbook, any other ZIP) are told apart here, each with its own message.
"""

from __future__ import annotations

import codecs
import enum
import io
import zipfile
from pathlib import Path

from ..errors import UserFacingError
from ..i18n import _
from .limits import damaged

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_HTML_MARKS = (b"<html", b"<!doctype html", b"<table", b"<?xml", b"<head", b"<body", b"<meta")


class Format(enum.Enum):
    XLSX = "xlsx"  # also .xlsm: the same container
    XLSB = "xlsb"
    XLS = "xls"
    ODS = "ods"


def sniff(path: Path, data: bytes) -> Format:
    """The format of ``data``, the content of the file at ``path``, or UserFacingError."""
    if data.startswith(OLE_MAGIC):
        return _ole_format(path, data)
    if data.startswith(ZIP_MAGIC):
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise damaged(path, "ZIP")  # cut short, most often
        return _zip_format(path, data)
    raise UserFacingError(_not_a_workbook(path, data[:4096]))


def _ole_format(path: Path, data: bytes) -> Format:
    from .cfb import CompoundFile

    # Excel keeps a password-protected .xlsx as an "EncryptedPackage" stream of a compound file
    if _ENCRYPTED in data or "EncryptionInfo" in CompoundFile(path, data).stream_names():
        raise UserFacingError(
            _(
                "{file} is protected with a password. Open it in Excel, remove the "
                "password (File > Info > Protect Workbook) and save it again."
            ).format(file=path)
        )
    names = CompoundFile(path, data).stream_names()
    if "Workbook" in names or "Book" in names:
        return Format.XLS
    raise UserFacingError(
        _(
            "{file} is an Office file but not a workbook (perhaps a Word document). "
            "Choose the unit's LKE workbook."
        ).format(file=path)
    )


def _zip_format(path: Path, data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100 and archive.read(info).strip() == _ODS_MIMETYPE:
                    return Format.ODS
            if "xl/workbook.xml" in names:
                return Format.XLSX
            if "xl/workbook.bin" in names:
                return Format.XLSB
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        raise damaged(path, "BadZipFile") from None
    raise UserFacingError(
        _(
            "{file} is a ZIP archive but not a workbook (.xlsx, .xlsm, .xlsb or .ods). "
            "Choose the unit's LKE workbook."
        ).format(file=path)
    )


def _not_a_workbook(path: Path, head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(_HTML_MARKS):
        return _(
            "{file} is a web page (HTML) saved under a workbook's name, not a workbook. "
            "Open it in Excel or LibreOffice and save it as .xlsx, or ask the unit for the "
            "workbook itself."
        ).format(file=path)
    if head and _looks_like_text(head):
        return _(
            "{file} is a text file (such as CSV), not an Excel workbook (.xlsx, .xls, .xlsb "
            "or .ods). Ask the unit for the workbook itself."
        ).format(file=path)
    return _(
        "{file} is not an Excel workbook (.xlsx, .xls, .xlsb or .ods). "
        "Choose the unit's LKE workbook."
    ).format(file=path)


def _looks_like_text(head: bytes) -> bool:
    for encoding in ("utf-8", "utf-16"):
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return all(c.isprintable() or c in "\t\r\n\ufeff" for c in text)
    return False
