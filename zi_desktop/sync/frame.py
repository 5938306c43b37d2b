"""The frame of a package: every byte of it except the stored bytes of its listed files.

An upload sends a package in two kinds of pieces: its **frame** — the local headers, the
manifest and its signature, the central directory and the end records, each at its offset —
and its **files**, each the bytes an entry stores (deflated or not), named by their SHA-256
(the manifest's ``packed_sha256``). The receiver writes the frame into a file of the package's
size and can then check the whole structure, the signature, the trust and the sequence with
the ordinary reader before any file arrives; copying each file's bytes into its place gives
back the package byte for byte.

:func:`frame_of` cuts a package into its frame and its :class:`Region` list; :func:`write_frame`
writes a frame; :func:`regions` lists where each file of a verified package goes, and
:func:`check_covers` that a frame and those regions tile the package exactly.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .limits import Limits
from .manifest import MANIFEST, SIGNATURE, Manifest, package_hash, parse
from .reasons import PackageRefused, Reason
from .zipfmt import Entry
from .zipread import read_directory

MAX_EXTENTS = 50_000


@dataclass(frozen=True)
class Region:
    """Where one listed file's stored bytes lie in the package."""

    path: str
    sha256: str  # of the stored bytes (the manifest's packed_sha256)
    size: int  # stored size (packed_size)
    offset: int  # of the first stored byte in the package file
    method: str  # stored | deflate
    content_sha256: str  # of the content (equal to sha256 for a stored file)


@dataclass(frozen=True)
class Frame:
    size: int  # of the whole package file
    extents: tuple[tuple[int, bytes], ...]  # (offset, bytes), ascending, not overlapping

    @property
    def frame_bytes(self) -> int:
        return sum(len(data) for _offset, data in self.extents)

    def to_json(self) -> list[list[Any]]:
        return [[offset, base64.b64encode(data).decode("ascii")] for offset, data in self.extents]


def frame_from_json(size: int, raw: Any, max_bytes: int) -> Frame:
    """A frame as sent over the wire; ``malformed`` or ``too_large`` when it is not one."""
    if not isinstance(raw, list) or len(raw) > MAX_EXTENTS:
        raise PackageRefused(Reason.MALFORMED, "frame: a list of [offset, base64] is expected")
    extents: list[tuple[int, bytes]] = []
    total, end = 0, 0
    for item in raw:
        ok = isinstance(item, list) and len(item) == 2 and isinstance(item[1], str)
        offset = item[0] if ok else None
        if not ok or isinstance(offset, bool) or not isinstance(offset, int) or offset < end:
            raise PackageRefused(Reason.MALFORMED, "frame: extents out of order or overlapping")
        try:
            data = base64.b64decode(item[1].encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise PackageRefused(Reason.MALFORMED, "frame: not valid base64") from None
        total += len(data)
        if total > max_bytes:
            raise PackageRefused(Reason.TOO_LARGE, f"frame of more than {max_bytes} bytes")
        end = offset + len(data)
        if end > size:
            raise PackageRefused(Reason.MALFORMED, "frame: an extent past the package's end")
        extents.append((offset, data))
    return Frame(size, tuple(extents))


def regions(manifest: Manifest, entries: dict[str, Entry]) -> list[Region]:
    """Where every listed file of a package (read and checked by the reader) lies."""
    out = []
    for f in manifest.files:
        e = entries[f.path]
        out.append(
            Region(f.path, f.packed_sha256, f.packed_size, e.data_offset, f.method, f.sha256)
        )
    return sorted(out, key=lambda r: r.offset)


@dataclass(frozen=True)
class Cut:
    """A package cut for upload: its frame, manifest, hash and files' regions."""

    frame: Frame
    manifest: Manifest
    package: str  # the package hash (SHA-256 of the manifest bytes)
    regions: list[Region]


def frame_of(f: BinaryIO, size: int, limits: Limits) -> Cut:
    """Cut the package in ``f`` into its frame and its files' regions.

    Reads the structure and the manifest (not the files, and without checking the signature:
    the receiver does that); raises :class:`PackageRefused` for what is not a package.
    """
    entries = {e.name: e for e in read_directory(f, size, limits)}
    for name in (MANIFEST, SIGNATURE):
        if name not in entries:
            raise PackageRefused(Reason.MISSING_FILE, name)
    m = entries[MANIFEST]
    f.seek(m.data_offset)
    manifest_bytes = f.read(m.csize)
    manifest = parse(manifest_bytes, limits)
    for file in manifest.files:
        if file.path not in entries:
            raise PackageRefused(Reason.MISSING_FILE, file.path)
    found = regions(manifest, entries)
    extents: list[tuple[int, bytes]] = []
    cursor = 0
    for region in [*found, Region("", "", 0, size, "stored", "")]:
        if region.offset > cursor:
            f.seek(cursor)
            extents.append((cursor, f.read(region.offset - cursor)))
        cursor = region.offset + region.size
    return Cut(Frame(size, tuple(extents)), manifest, package_hash(manifest_bytes), found)


def write_frame(path: Path, frame: Frame) -> None:
    """A new file of the package's size holding the frame (the files' bytes not yet there)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.ftruncate(fd, frame.size)
        for offset, data in frame.extents:
            os.lseek(fd, offset, os.SEEK_SET)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def check_covers(frame: Frame, found: list[Region]) -> None:
    """The frame and the files' regions must tile the package exactly (``malformed``)."""
    pieces = sorted(
        [(offset, len(data)) for offset, data in frame.extents]
        + [(r.offset, r.size) for r in found if r.size]
    )
    cursor = 0
    for offset, length in pieces:
        if offset != cursor:
            raise PackageRefused(Reason.MALFORMED, f"frame and files do not tile at {cursor}")
        cursor = offset + length
    if cursor != frame.size:
        raise PackageRefused(Reason.MALFORMED, "frame and files do not reach the package's end")
