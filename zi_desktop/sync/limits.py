"""Caps on what a package may hold, checked before and while anything is unpacked."""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True)
class Limits:
    package_bytes: int = 16 * GiB  # the package file
    entries: int = 20_000  # ZIP entries, manifest and signature included
    file_bytes: int = 4 * GiB  # one file, uncompressed
    total_bytes: int = 16 * GiB  # all files, uncompressed
    ratio: int = 200  # uncompressed / compressed size of one deflated entry
    manifest_bytes: int = 4 * MiB
    # One data/*.json file. Parsing JSON takes about five times its size in memory, so 32 MiB
    # keeps an import under 200 MB: room for ~500 fully evaluated assessments, or ~100,000
    # audit events.
    data_bytes: int = 32 * MiB
    json_depth: int = 16
    name_bytes: int = 100  # one entry name


DEFAULT = Limits()
