"""Opening an .xlsx workbook with one clear message for every way it can be unusable."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]

from ..errors import UserFacingError
from ..i18n import _
from ..inputfile import LIMITS, read_input
from .layout import REQUIRED_SHEETS

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def open_workbook(path: Path) -> Any:
    """The workbook at ``path`` with formulas as text (cached values are never used)."""
    head = read_input(path, LIMITS["workbook"])  # a regular file of at most 64 MiB
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTED in head:
            raise UserFacingError(
                _(
                    "{file} is protected with a password. Open it in Excel, remove the "
                    "password (File > Info > Protect Workbook) and save it again."
                ).format(file=path)
            )
        raise UserFacingError(
            _("{file} is an old Excel 97-2003 (.xls) file; save it as .xlsx first.").format(
                file=path
            )
        )
    if not zipfile.is_zipfile(path):
        raise UserFacingError(_("{file} is not an Excel workbook (.xlsx).").format(file=path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            book: Any = load_workbook(path, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any parse failure means a damaged file
        raise UserFacingError(
            _("{file} is damaged or not an Excel workbook ({error}).").format(
                file=path, error=type(exc).__name__
            )
        ) from None
    missing = [name for name in REQUIRED_SHEETS if name not in book.sheetnames]
    if missing:
        raise UserFacingError(
            _(
                "{file} is not an LKE ZI workbook: it has no sheet {missing} (its sheets: {found})."
            ).format(
                file=path,
                missing=", ".join(repr(m) for m in missing),
                found=", ".join(repr(n) for n in book.sheetnames) or "-",
            )
        )
    return book
