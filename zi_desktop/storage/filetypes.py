"""Which evidence files are allowed, decided by their content, not their name.

Allowed: PDF, JPEG, PNG, WebP, HEIC/HEIF (only when Pillow can read it here), Office and
OpenDocument files (OOXML, ODF, legacy OLE2), plain text and CSV.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

HEAD_BYTES = 8192


class UnsupportedType(ValueError):
    """The content is not one of the allowed evidence types."""


def _zip_type(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mime = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mime.startswith("application/vnd.oasis.opendocument."):
                    return mime
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                if any(n.startswith("xl/") for n in names):
                    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                if any(n.startswith("ppt/") for n in names):
                    return (
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
                    )
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def _heif_readable(path: Path) -> bool:
    try:
        from PIL import Image

        with Image.open(path) as image:
            image.verify()
        return True
    except Exception:  # noqa: BLE001 - any failure means Pillow cannot read it here
        return False


def _text_type(head: bytes, name: str) -> str | None:
    if b"\x00" in head:
        return None
    sample = head
    for cut in range(4):  # the head may end inside a multi-byte character
        try:
            sample.decode("utf-8") if cut == 0 else sample[:-cut].decode("utf-8")
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    return "text/csv" if name.lower().endswith(".csv") else "text/plain"


def detect_type(path: Path) -> str:
    """The MIME type of an allowed file; raises :class:`UnsupportedType` otherwise."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heif"):
        if _heif_readable(path):
            return "image/heic"
        raise UnsupportedType("heic")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/x-ole-storage"  # legacy .doc/.xls/.ppt
    if head.startswith(b"PK\x03\x04"):
        found = _zip_type(path)
        if found:
            return found
        raise UnsupportedType("zip")
    text = _text_type(head, path.name)
    if text:
        return text
    raise UnsupportedType("unknown")
