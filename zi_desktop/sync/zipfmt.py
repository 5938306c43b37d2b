"""The canonical ZIP layout of a package: every header byte is determined by the entries.

The writer produces exactly these bytes and the reader rebuilds them and compares, so a
package has a single valid encoding: there is no byte a tamperer could change that the check
would not see. Per entry: no flags, method 0 (stored) or 8 (deflate), the time 1980-01-01
00:00, made by Unix / version 2.0, external attributes of a regular file 0644, no comment. An
entry whose size, compressed size or offset reaches 0xFFFFFFFF is a ZIP64 entry (version 4.5,
all three fields 0xFFFFFFFF in the central header with the real values in the ZIP64 extra;
both sizes in the local header's). The archive ends with the end record, preceded by the
ZIP64 end record and locator when the entry count reaches 0xFFFF or the directory's size or
offset reaches 0xFFFFFFFF.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

LOCAL_SIG = 0x04034B50
CENTRAL_SIG = 0x02014B50
END_SIG = 0x06054B50
END64_SIG = 0x06064B50
LOCATOR_SIG = 0x07064B50
STORED, DEFLATED = 0, 8
DOS_TIME, DOS_DATE = 0, 0x21  # 1980-01-01 00:00
FILE_ATTRIBUTES = 0o100644 << 16
UNIX = 3
MAX16, MAX32 = 0xFFFF, 0xFFFFFFFF
ZIP64_AT = MAX32  # sizes and offsets from here on need ZIP64 (tests lower it)
ENTRIES64_AT = MAX16
LOCAL_FIXED, CENTRAL_FIXED, END_SIZE, END64_SIZE, LOCATOR_SIZE = 30, 46, 22, 56, 20
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_END64 = struct.Struct("<IQHHIIQQQQ")
_LOCATOR = struct.Struct("<IIQI")


@dataclass(frozen=True)
class Entry:
    name: str
    method: int
    crc: int
    csize: int  # compressed (stored) size
    usize: int  # uncompressed size
    offset: int  # of the local header

    @property
    def zip64(self) -> bool:
        return max(self.csize, self.usize, self.offset) >= ZIP64_AT

    @property
    def version(self) -> int:
        return 45 if self.zip64 else 20

    @property
    def data_offset(self) -> int:
        return self.offset + len(local_header(self))

    @property
    def end(self) -> int:
        return self.data_offset + self.csize


def local_header(e: Entry) -> bytes:
    name = e.name.encode("ascii")
    if e.zip64:
        extra = struct.pack("<HHQQ", 1, 16, e.usize, e.csize)
        sizes = (MAX32, MAX32)
    else:
        extra, sizes = b"", (e.csize, e.usize)
    head = _LOCAL.pack(
        LOCAL_SIG, e.version, 0, e.method, DOS_TIME, DOS_DATE, e.crc, *sizes, len(name), len(extra)
    )
    return head + name + extra


def central_header(e: Entry) -> bytes:
    name = e.name.encode("ascii")
    if e.zip64:
        extra = struct.pack("<HHQQQ", 1, 24, e.usize, e.csize, e.offset)
        csize, usize, offset = MAX32, MAX32, MAX32
    else:
        extra, csize, usize, offset = b"", e.csize, e.usize, e.offset
    head = _CENTRAL.pack(
        CENTRAL_SIG,
        (UNIX << 8) | e.version,
        e.version,
        0,
        e.method,
        DOS_TIME,
        DOS_DATE,
        e.crc,
        csize,
        usize,
        len(name),
        len(extra),
        0,
        0,
        0,
        FILE_ATTRIBUTES,
        offset,
    )
    return head + name + extra


def needs_end64(count: int, cd_offset: int, cd_size: int) -> bool:
    return count >= ENTRIES64_AT or max(cd_offset, cd_size) >= ZIP64_AT


def end_records(count: int, cd_offset: int, cd_size: int) -> bytes:
    """The end of the archive: (ZIP64 end record and locator,) end record."""
    if not needs_end64(count, cd_offset, cd_size):
        return _END.pack(END_SIG, 0, 0, count, count, cd_size, cd_offset, 0)
    end64_offset = cd_offset + cd_size
    end64 = _END64.pack(
        END64_SIG, END64_SIZE - 12, (UNIX << 8) | 45, 45, 0, 0, count, count, cd_size, cd_offset
    )
    locator = _LOCATOR.pack(LOCATOR_SIG, 0, end64_offset, 1)
    end = _END.pack(END_SIG, 0, 0, MAX16, MAX16, MAX32, MAX32, 0)
    return end64 + locator + end


def unpack_end(data: bytes) -> tuple[int, int, int, int, int, int, int, int]:
    fields: tuple[int, int, int, int, int, int, int, int] = _END.unpack(data)
    return fields


def unpack_end64(data: bytes) -> tuple[int, ...]:
    return tuple(_END64.unpack(data))


def unpack_locator(data: bytes) -> tuple[int, ...]:
    return tuple(_LOCATOR.unpack(data))


def unpack_central(data: bytes) -> tuple[int, ...]:
    return tuple(_CENTRAL.unpack(data))
