"""A small reader of the Compound File Binary container of .xls workbooks (MS-CFB).

Only what the workbook checks need: the names of the streams, and the bytes of one stream
(the ``Workbook`` stream of BIFF records). Every sector chain is followed at most as many
steps as the file has sectors, so a looping or out-of-range chain is reported as damage
instead of running forever. The file is given whole: its size was checked first.
"""

from __future__ import annotations

import struct
from pathlib import Path

from .limits import damaged

_END_OF_CHAIN = 0xFFFFFFFE
_LAST_REGULAR = 0xFFFFFFFA
_HEADER_DIFAT = 109
_ENTRY = 128


class CompoundFile:
    """The streams of the compound file ``data`` (read from ``path``, size-checked)."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.data = data
        if len(self.data) < 512:
            self._damaged()
        (sector_shift, mini_shift) = struct.unpack_from("<HH", self.data, 0x1E)
        if sector_shift not in (9, 12) or mini_shift != 6:
            self._damaged()
        self.sector_size = 1 << sector_shift
        self.sectors = max((len(self.data) - self.sector_size) // self.sector_size, 0)
        fields = struct.unpack_from("<IIIIIIII", self.data, 0x2C)
        fat_count, first_dir, _tx, self.cutoff, first_mini_fat, _nmini, first_difat = fields[:7]
        self.fat = self._read_fat(fat_count, first_difat)
        self.entries = self._entries(first_dir)
        self.mini_fat = self._table(self._chain_bytes(first_mini_fat)) if self.entries else []

    def stream_names(self) -> set[str]:
        return {name for name, kind, _start, _size in self.entries if kind == 2}

    def stream(self, name: str) -> bytes:
        """The bytes of the first stream called ``name`` (any case)."""
        for entry_name, kind, start, size in self.entries:
            if kind == 2 and entry_name.lower() == name.lower():
                if size < self.cutoff:
                    return self._mini_stream(start, size)
                return self._chain_bytes(start)[:size]
        raise KeyError(name)

    def _damaged(self) -> None:
        raise damaged(self.path, "CFB")

    def _sector(self, number: int) -> bytes:
        if number >= self.sectors:
            self._damaged()
        start = (number + 1) * self.sector_size
        return self.data[start : start + self.sector_size]

    def _table(self, raw: bytes) -> list[int]:
        return list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))

    def _read_fat(self, fat_count: int, first_difat: int) -> list[int]:
        locations = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", self.data, 0x4C))
        sector, steps = first_difat, 0
        while sector <= _LAST_REGULAR and len(locations) < fat_count + _HEADER_DIFAT:
            steps += 1
            if steps > self.sectors:
                self._damaged()
            table = self._table(self._sector(sector))
            locations += table[:-1]
            sector = table[-1]
        wanted = [s for s in locations[:fat_count] if s <= _LAST_REGULAR]
        if len(wanted) > self.sectors:
            self._damaged()
        return self._table(b"".join(self._sector(s) for s in wanted))

    def _chain(self, first: int, table: list[int], limit: int) -> list[int]:
        out: list[int] = []
        sector = first
        while sector <= _LAST_REGULAR:
            if len(out) > limit or sector >= len(table):
                self._damaged()
            out.append(sector)
            sector = table[sector]
        if sector != _END_OF_CHAIN and out:
            self._damaged()
        return out

    def _chain_bytes(self, first: int) -> bytes:
        chain = self._chain(first, self.fat, self.sectors)
        return b"".join(self._sector(s) for s in chain)

    def _entries(self, first_dir: int) -> list[tuple[str, int, int, int]]:
        raw = self._chain_bytes(first_dir)
        out = []
        for at in range(0, len(raw) - _ENTRY + 1, _ENTRY):
            length, kind = struct.unpack_from("<HB", raw, at + 0x40)
            start, size = struct.unpack_from("<IQ", raw, at + 0x74)
            if self.sector_size == 512:
                size &= 0xFFFFFFFF  # version 3 files may leave the high half undefined
            name = raw[at : at + min(length, 64)].decode("utf-16-le", "replace").rstrip("\0")
            out.append((name, kind, start, size))
        if not out or out[0][1] != 5:
            self._damaged()
        return out

    def _mini_stream(self, start: int, size: int) -> bytes:
        _name, _kind, root_start, root_size = self.entries[0]
        container = self._chain_bytes(root_start)[:root_size]
        chain = self._chain(start, self.mini_fat, len(container) // 64)
        data = b"".join(container[s * 64 : s * 64 + 64] for s in chain)
        if len(data) < size:
            self._damaged()
        return data[:size]
