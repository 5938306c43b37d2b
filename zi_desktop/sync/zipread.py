"""Reading a package's ZIP structure with our own checks, never trusting ``zipfile``.

:func:`read_directory` parses the end records and the central directory, refuses unsafe names
(paths, links, clashing names), encrypted entries, unknown compression, and any header that is
not byte-for-byte canonical (:mod:`.zipfmt`), and checks that the entries lie end to end from
offset 0 to the directory — so no bytes are hidden, shared or overlapping. :func:`read_entry`
streams one entry's data, counting what it inflates against the declared size and checking
the CRC, so a lying header can never make it read or write more than was declared.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from .limits import Limits
from .reasons import PackageRefused, Reason
from .zipfmt import (
    CENTRAL_FIXED,
    CENTRAL_SIG,
    DEFLATED,
    END64_SIG,
    END64_SIZE,
    END_SIG,
    END_SIZE,
    LOCATOR_SIG,
    LOCATOR_SIZE,
    MAX16,
    MAX32,
    STORED,
    Entry,
    central_header,
    end_records,
    local_header,
    unpack_central,
    unpack_end,
    unpack_end64,
    unpack_locator,
)

CHUNK = 1024 * 1024
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
Sink = Callable[[bytes], object]


def _malformed(detail: str) -> PackageRefused:
    return PackageRefused(Reason.MALFORMED, detail)


def check_name(raw: bytes) -> str:
    """The entry name as text, or ``unsafe_path`` when it could escape or clash on any OS."""
    try:
        name = raw.decode("ascii")
    except UnicodeDecodeError:
        raise PackageRefused(Reason.UNSAFE_PATH, f"non-ASCII name {raw!r}") from None
    unsafe = (
        not name
        or name.startswith("/")
        or any(ord(c) < 0x20 or c in '\\:*?"<>|\x7f' for c in name)
        or any(p in ("", ".", "..") or p[-1] in ". " or _RESERVED.match(p) for p in name.split("/"))
    )
    if unsafe:
        raise PackageRefused(Reason.UNSAFE_PATH, f"entry name {name!r}")
    return name


def _zip64_values(extra: bytes, count: int) -> list[int]:
    if len(extra) < 4 or int.from_bytes(extra[:2], "little") != 1:
        raise _malformed("ZIP64 extra field missing")
    if len(extra) < 4 + 8 * count:
        raise _malformed("ZIP64 extra field cut short")
    return [int.from_bytes(extra[4 + 8 * i : 12 + 8 * i], "little") for i in range(count)]


def _parse_central(cd: bytes, count: int, limits: Limits) -> list[Entry]:
    entries, pos = [], 0
    for _ in range(count):
        if pos + CENTRAL_FIXED > len(cd):
            raise _malformed("central directory cut short")
        fields = unpack_central(cd[pos : pos + CENTRAL_FIXED])
        sig, flags, method, crc, csize, usize = fields[0], *fields[3:5], *fields[7:10]
        nlen, xlen, clen, attributes, offset = *fields[10:13], fields[15], fields[16]
        if sig != CENTRAL_SIG:
            raise _malformed("central directory entry signature")
        if nlen > limits.name_bytes:
            raise PackageRefused(Reason.UNSAFE_PATH, f"a name of {nlen} bytes")
        start = pos + CENTRAL_FIXED
        name = check_name(cd[start : start + nlen])
        if (attributes >> 16) & 0o170000 == 0o120000:
            raise PackageRefused(Reason.UNSAFE_PATH, f"{name} is a symbolic link")
        if flags & 0x2041:
            raise _malformed(f"{name} is encrypted")
        if method not in (STORED, DEFLATED):
            raise PackageRefused(Reason.UNSUPPORTED_VERSION, f"{name}: compression {method}")
        if MAX32 in (csize, usize, offset):
            usize, csize, offset = _zip64_values(cd[start + nlen : start + nlen + xlen], 3)
        entry = Entry(name, method, crc, csize, usize, offset)
        record_end = start + nlen + xlen + clen
        if central_header(entry) != cd[pos:record_end]:
            raise _malformed(f"{name}: central header not in canonical form")
        if method == STORED and csize != usize:
            raise _malformed(f"{name}: stored sizes differ")
        entries.append(entry)
        pos = record_end
    if pos != len(cd):
        raise _malformed("bytes after the central directory entries")
    return entries


def _directory_bounds(f: BinaryIO, size: int) -> tuple[int, int, int]:
    """(entry count, directory offset, directory size) from the end records."""
    if size < END_SIZE:
        raise _malformed("too short to be a package")
    f.seek(size - END_SIZE)
    sig, _d, _cd, _n1, count, cd_size, cd_offset, _c = unpack_end(f.read(END_SIZE))
    if sig != END_SIG:
        raise _malformed("no end record at the very end (cut short, or data after it)")
    if count == MAX16 or MAX32 in (cd_size, cd_offset):
        if size < END_SIZE + LOCATOR_SIZE + END64_SIZE:
            raise _malformed("ZIP64 end records missing")
        f.seek(size - END_SIZE - LOCATOR_SIZE - END64_SIZE)
        end64 = unpack_end64(f.read(END64_SIZE))
        locator = unpack_locator(f.read(LOCATOR_SIZE))
        if end64[0] != END64_SIG or locator[0] != LOCATOR_SIG:
            raise _malformed("ZIP64 end records missing")
        count, cd_size, cd_offset = end64[7], end64[8], end64[9]
    if cd_offset + cd_size > size:
        raise _malformed("central directory outside the file")
    tail = end_records(count, cd_offset, cd_size)
    f.seek(cd_offset + cd_size)
    if size - cd_offset - cd_size != len(tail) or f.read(len(tail)) != tail:
        raise _malformed("end records not in canonical form")
    return count, cd_offset, cd_size


def read_directory(f: BinaryIO, size: int, limits: Limits) -> list[Entry]:
    """Every entry of the archive, checked as described in the module docstring."""
    if size > limits.package_bytes:
        raise PackageRefused(Reason.TOO_LARGE, f"package of {size} bytes")
    count, cd_offset, cd_size = _directory_bounds(f, size)
    if count > limits.entries:
        raise PackageRefused(Reason.TOO_LARGE, f"{count} entries")
    if cd_size > count * (CENTRAL_FIXED + limits.name_bytes + 28):
        raise _malformed("central directory larger than its entries")
    f.seek(cd_offset)
    entries = _parse_central(f.read(cd_size), count, limits)
    seen: set[str] = set()
    for e in entries:
        folded = e.name.casefold()
        if folded in seen:
            raise PackageRefused(Reason.UNSAFE_PATH, f"{e.name} appears twice (or clashes)")
        seen.add(folded)
    _check_layout(f, entries, cd_offset)
    _check_sizes(entries, limits)
    return entries


def _check_layout(f: BinaryIO, entries: list[Entry], cd_offset: int) -> None:
    expected = 0
    for e in entries:
        if e.offset != expected:
            problem = "overlaps the one before" if e.offset < expected else "leaves a gap"
            raise _malformed(f"{e.name} {problem}")
        header = local_header(e)
        f.seek(e.offset)
        if f.read(len(header)) != header:
            raise _malformed(f"{e.name}: local header differs from the central directory")
        expected = e.end
    if expected != cd_offset:
        raise _malformed("bytes between the last entry and the central directory")


def _check_sizes(entries: list[Entry], limits: Limits) -> None:
    total = 0
    for e in entries:
        if e.usize > limits.file_bytes:
            raise PackageRefused(Reason.TOO_LARGE, f"{e.name}: {e.usize} bytes")
        if e.method == DEFLATED and e.usize > CHUNK and e.usize > e.csize * limits.ratio:
            raise PackageRefused(Reason.TOO_LARGE, f"{e.name}: compression ratio")
        total += e.usize
    if total > limits.total_bytes:
        raise PackageRefused(Reason.TOO_LARGE, f"{total} bytes in all")


@dataclass(frozen=True)
class EntryDigest:
    sha256: str  # of the uncompressed content
    packed_sha256: str  # of the stored bytes (equal to sha256 for stored entries)


def read_entry(
    f: BinaryIO, e: Entry, sink: Sink | None = None, tick: Callable[[int], None] | None = None
) -> EntryDigest:
    """Stream one entry, calling ``sink`` with its content; checks size, CRC and the stream."""
    f.seek(e.data_offset)
    content = hashlib.sha256()
    packed = hashlib.sha256() if e.method == DEFLATED else content
    inflater = zlib.decompressobj(-15) if e.method == DEFLATED else None
    state = [0, 0]  # bytes out, crc

    def emit(piece: bytes) -> None:
        state[0] += len(piece)
        if state[0] > e.usize:
            raise PackageRefused(Reason.HASH_MISMATCH, f"{e.name}: more data than declared")
        state[1] = zlib.crc32(piece, state[1])
        content.update(piece)
        if sink is not None:
            sink(piece)

    remaining = e.csize
    while remaining:
        chunk = f.read(min(CHUNK, remaining))
        if not chunk:
            raise _malformed(f"{e.name}: cut short")
        remaining -= len(chunk)
        if tick is not None:
            tick(len(chunk))
        if inflater is None:
            emit(chunk)
            continue
        packed.update(chunk)
        _inflate(inflater, chunk, emit, e.name)
    if inflater is not None:
        if not inflater.eof:
            raise PackageRefused(Reason.HASH_MISMATCH, f"{e.name}: compressed data cut short")
        emit(inflater.flush())
    if state[0] != e.usize or state[1] != e.crc:
        raise PackageRefused(Reason.HASH_MISMATCH, f"{e.name}: size or CRC differs")
    return EntryDigest(content.hexdigest(), packed.hexdigest())


def _inflate(inflater: zlib._Decompress, chunk: bytes, emit: Sink, name: str) -> None:
    buffer = chunk
    try:
        while buffer:
            if inflater.eof:
                raise PackageRefused(Reason.HASH_MISMATCH, f"{name}: data after the stream")
            emit(inflater.decompress(buffer, CHUNK))
            buffer = inflater.unconsumed_tail
        while not inflater.eof and (piece := inflater.decompress(b"", CHUNK)):
            emit(piece)
    except zlib.error as exc:
        raise PackageRefused(Reason.HASH_MISMATCH, f"{name}: {exc}") from None
    if inflater.unused_data:
        raise PackageRefused(Reason.HASH_MISMATCH, f"{name}: data after the stream")
