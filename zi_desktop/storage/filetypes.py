"""Which evidence files are allowed, decided by their content, not their name.

Allowed: PDF, JPEG, PNG, WebP, HEIC/HEIF (only when Pillow can read it here), Office and
OpenDocument files (OOXML, ODF, legacy OLE2), plain text and CSV.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

HEAD_BYTES = 8192
# A ZIP whose central directory is larger than this is no office document; it is refused
# before the directory is read, so that sniffing never holds more than this in memory.
MAX_ZIP_DIRECTORY = 16 * 1024 * 1024
MAX_ZIP_ENTRIES = 100_000
MIMETYPE_BYTES = 100  # the OpenDocument ``mimetype`` member: only its start is read
_EOCD = b"PK\x05\x06"


class UnsupportedType(ValueError):
    """The content is not one of the allowed evidence types."""


def _zip_directory_fits(handle: BinaryIO) -> bool:
    """Whether the end record declares a directory small enough to read (ZIP64 is not)."""
    size = handle.seek(0, 2)
    tail_size = min(size, 22 + 65535)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return False
    count, directory = struct.unpack_from("<HI", tail, at + 10)
    count, directory = int(count), int(directory)
    return count != 0xFFFF and directory < MAX_ZIP_DIRECTORY and count <= MAX_ZIP_ENTRIES


def _zip_type(handle: BinaryIO) -> str | None:
    try:
        if not _zip_directory_fits(handle):
            return None
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # a bounded prefix, never the whole
                    head = member.read(MIMETYPE_BYTES)
                mime = head.decode("ascii", "replace").strip()
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
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, NotImplementedError, ValueError):
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
        return detect_type_of(handle, path)


def detect_type_of(handle: BinaryIO, path: Path) -> str:
    """As :func:`detect_type`, for a file already open (``path`` names it: HEIC, CSV)."""
    handle.seek(0)
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
        found = _zip_type(handle)
        if found:
            return found
        raise UnsupportedType("zip")
    text = _text_type(head, path.name)
    if text:
        return text
    raise UnsupportedType("unknown")


# The extensions a file of each allowed type may carry; the first is the one given to a file
# whose name does not fit its content. None of them is executable on any system.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg", ".jpe"),
    "image/png": (".png",),
    "image/webp": (".webp",),
    "image/heic": (".heic", ".heif"),
    "application/x-ole-storage": (".doc", ".xls", ".ppt", ".msg"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
    "application/vnd.oasis.opendocument.presentation": (".odp",),
    "application/vnd.oasis.opendocument.graphics": (".odg",),
    "text/plain": (".txt",),
    "text/csv": (".csv",),
}
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]')


def name_for(file_name: str, mime: str) -> str:
    """``file_name`` made safe to store and to hand to the system's viewer.

    Only the last path segment is kept, characters no file system allows (and bidirectional
    controls that disguise an extension) become ``_``, and the extension must be one that the
    content's type may carry: ``laporan.hta`` holding plain text becomes ``laporan.hta.txt``,
    so that opening it never runs a program. A type with no known extension gets ``.bin``.
    """
    last = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_NAME.sub("_", last).strip(" .") or "bukti"
    allowed = EXTENSIONS.get(mime) or (
        (".odf",) if mime.startswith("application/vnd.oasis.opendocument.") else (".bin",)
    )
    if Path(name).suffix.lower() in allowed:
        return name
    return name + allowed[0]
