"""Writing the canonical ZIP layout (:mod:`.zipfmt`), streaming, on a seekable file.

Each entry's local header is written first with its sizes (known beforehand) and patched with
the CRC once the data has streamed through, so memory never grows with a file's size.
Deflate is used only where the compressed size cannot reach the ZIP64 limit, so a header's
length never changes after it is written.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import BinaryIO

from . import zipfmt
from .zipfmt import DEFLATED, STORED, Entry, central_header, end_records, local_header

DEFLATE_MAX = 256 * 1024 * 1024


@dataclass(frozen=True)
class Written:
    sha256: str
    size: int
    method: str  # stored | deflate
    packed_size: int
    packed_sha256: str


def can_deflate(size: int) -> bool:
    return size <= DEFLATE_MAX and size + size // 1000 + 65536 < zipfmt.ZIP64_AT


class ZipWriter:
    def __init__(self, f: BinaryIO) -> None:
        self.f = f
        self.entries: list[Entry] = []
        self.offset = 0

    def add(
        self,
        name: str,
        chunks: Iterable[bytes],
        size: int,
        deflate: bool,
        tick: Callable[[int], None] | None = None,
    ) -> Written:
        """Write one entry of exactly ``size`` bytes from ``chunks``."""
        method = DEFLATED if deflate and can_deflate(size) else STORED
        draft = Entry(name, method, 0, size if method == STORED else 0, size, self.offset)
        header = local_header(draft)
        self.f.write(header)
        content, packed = hashlib.sha256(), hashlib.sha256()
        squeezer = zlib.compressobj(6, zlib.DEFLATED, -15) if method == DEFLATED else None
        crc = written = packed_size = 0
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            written += len(chunk)
            content.update(chunk)
            if squeezer is None:
                out = chunk
            else:
                out = squeezer.compress(chunk)
                packed.update(out)
            packed_size += len(out)
            self.f.write(out)
            if tick is not None:
                tick(len(chunk))
        if squeezer is not None:
            tail = squeezer.flush()
            packed.update(tail)
            packed_size += len(tail)
            self.f.write(tail)
        if written != size:
            raise ValueError(f"{name}: {written} bytes read, {size} expected (changed on disk?)")
        entry = replace(draft, crc=crc, csize=packed_size)
        final = local_header(entry)
        if len(final) != len(header):
            raise AssertionError("a local header changed length")
        self.f.seek(self.offset)
        self.f.write(final)
        self.offset = entry.end
        self.f.seek(self.offset)
        self.entries.append(entry)
        sha = content.hexdigest()
        return Written(
            sha,
            size,
            "stored" if method == STORED else "deflate",
            packed_size,
            sha if method == STORED else packed.hexdigest(),
        )

    def add_bytes(self, name: str, data: bytes, deflate: bool) -> Written:
        return self.add(name, [data], len(data), deflate)

    def close(self) -> None:
        """Write the central directory and the end records."""
        directory = b"".join(central_header(e) for e in self.entries)
        self.f.write(directory)
        self.f.write(end_records(len(self.entries), self.offset, len(directory)))
        self.f.flush()
