"""Splitting a package into numbered parts for poor links or e-mail, and joining them back.

A part is ``ZI-PART/1 `` + canonical JSON header + newline + a slice of the package. The header
names the whole package's SHA-256 and size, the part's number, the number of parts, and the
slice's offset, size and SHA-256 — so a part can be checked alone, and :func:`join` says which
part is missing or damaged before it writes anything.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserFacingError
from ..i18n import _
from ..identity import canonical
from ..inputfile import LIMITS, open_input
from ..storage.durable import atomic_writer, os_error_message
from .limits import DEFAULT

MAGIC = b"ZI-PART/1 "
MAX_HEADER = 4096
MAX_PARTS = 100_000  # a package of the largest size in parts of 1 MB would need 17,180
MAX_PACKAGE = DEFAULT.package_bytes
HEADER_ROOM = 512  # a part's header is shorter than this, so a part stays within its size
CHUNK = 1024 * 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_KEYS = {"package", "package_size", "index", "count", "offset", "size", "sha256"}


@dataclass(frozen=True)
class PartHeader:
    package: str
    package_size: int
    index: int  # 1-based
    count: int
    offset: int
    size: int
    sha256: str


class JoinFailed(UserFacingError):
    """Parts are missing or damaged; ``missing`` and ``damaged`` say which."""

    def __init__(self, message: str, missing: list[int], damaged: list[str]) -> None:
        super().__init__(message)
        self.missing = missing
        self.damaged = damaged


def _slices(path: Path, part_bytes: int) -> Iterator[tuple[int, int]]:
    size = path.stat().st_size
    for offset in range(0, max(size, 1), part_bytes):
        yield offset, min(part_bytes, size - offset)


def _read(path: Path, offset: int, size: int) -> Iterator[bytes]:
    with open_input(path, LIMITS["part"]) as handle:
        handle.seek(offset)
        while size > 0:
            chunk = handle.read(min(CHUNK, size))
            if not chunk:
                raise OSError(f"{path} shrank while it was read")
            size -= len(chunk)
            yield chunk


def part_name(target: Path, index: int, count: int) -> Path:
    return target.with_name(f"{target.name}.{index:0{max(3, len(str(count)))}d}")


def split(package: Path, target: Path, part_bytes: int) -> list[Path]:
    """Write ``package`` as parts ``target.001``, ``target.002``, …; returns their paths."""
    if part_bytes < 2 * HEADER_ROOM:
        raise UserFacingError(_("A part must hold at least 1 KB."))
    if -(-package.stat().st_size // (part_bytes - HEADER_ROOM)) > MAX_PARTS:
        raise UserFacingError(
            _("That would make more than {count} parts; choose larger parts.").format(
                count=MAX_PARTS
            )
        )
    whole, slices = hashlib.sha256(), []
    for offset, size in _slices(package, part_bytes - HEADER_ROOM):
        digest = hashlib.sha256()
        for chunk in _read(package, offset, size):
            digest.update(chunk)
            whole.update(chunk)
        slices.append((offset, size, digest.hexdigest()))
    total = package.stat().st_size
    paths: list[Path] = []
    try:
        for index, (offset, size, sha) in enumerate(slices, 1):
            header = {
                "package": whole.hexdigest(),
                "package_size": total,
                "index": index,
                "count": len(slices),
                "offset": offset,
                "size": size,
                "sha256": sha,
            }
            path = part_name(target, index, len(slices))
            try:
                with atomic_writer(path) as fd:
                    _write_all(fd, MAGIC + canonical.dumps(header) + b"\n")
                    for chunk in _read(package, offset, size):
                        _write_all(fd, chunk)
            except OSError as exc:
                raise os_error_message(exc, path) from exc
            paths.append(path)
    except BaseException:
        for written in paths:  # no half set of parts is left behind
            written.unlink(missing_ok=True)
        raise
    return paths


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def read_header(path: Path) -> tuple[PartHeader, int]:
    """A part's header and where its data starts; ValueError when it is not a valid part.

    The numbers are bounded before anything is allocated for them: at most
    :data:`MAX_PARTS` parts of a package of at most :data:`MAX_PACKAGE` bytes.
    """
    with open_input(path, LIMITS["part"]) as handle:
        head = handle.read(MAX_HEADER)
    end = head.find(b"\n")
    if not head.startswith(MAGIC) or end < 0:
        raise ValueError("not a part of a ZI Desktop package")
    try:
        doc = canonical.loads_canonical(head[len(MAGIC) : end], MAX_HEADER, 1)
    except canonical.JsonRejected as bad:
        raise ValueError(bad.problem) from None
    if not isinstance(doc, dict) or set(doc) != _KEYS:
        raise ValueError("the part header has the wrong fields")
    numbers = [doc[k] for k in ("package_size", "index", "count", "offset", "size")]
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in numbers):
        raise ValueError("the part header's numbers are wrong")
    if not (_HEX64.match(str(doc["package"])) and _HEX64.match(str(doc["sha256"]))):
        raise ValueError("the part header's hashes are wrong")
    header = PartHeader(**doc)
    if header.count > MAX_PARTS or header.package_size > MAX_PACKAGE:
        raise ValueError(
            f"the part header declares {header.count} parts of a package of "
            f"{header.package_size} bytes, more than a package may have"
        )
    if not 1 <= header.index <= header.count or header.offset + header.size > header.package_size:
        raise ValueError("the part header's numbers are wrong")
    return header, end + 1


def _part_ok(path: Path, header: PartHeader, start: int) -> bool:
    with open_input(path, LIMITS["part"]) as handle:
        if os.fstat(handle.fileno()).st_size != start + header.size:
            return False
    digest = hashlib.sha256()
    for chunk in _read(path, start, header.size):
        digest.update(chunk)
    return digest.hexdigest() == header.sha256


def join(parts: list[Path], target: Path) -> int:
    """Check every part and write the whole package to ``target``; returns its size."""
    good: dict[int, tuple[Path, PartHeader, int]] = {}
    damaged: list[str] = []
    package: tuple[str, int, int] | None = None
    for path in parts:
        try:
            header, start = read_header(path)
            ok = _part_ok(path, header, start)
        except UserFacingError as exc:
            damaged.append(
                _("{file} (not readable as a part: {problem})").format(
                    file=path, problem=exc.message
                )
            )
            continue
        except (OSError, ValueError) as exc:
            damaged.append(
                _("{file} (not readable as a part: {problem})").format(file=path, problem=exc)
            )
            continue
        ident = (header.package, header.package_size, header.count)
        if package is not None and ident != package:
            raise UserFacingError(
                _("{file} belongs to another package; give the parts of one package only.").format(
                    file=path
                )
            )
        package = ident
        if ok:
            good.setdefault(header.index, (path, header, start))
        else:
            damaged.append(
                _("{file} (part {index}: content does not match its hash)").format(
                    file=path, index=header.index
                )
            )
    if package is None:
        raise JoinFailed(_("None of the files is a readable part."), [], damaged)
    missing = [i for i in range(1, package[2] + 1) if i not in good]
    if missing:
        text = _("Cannot join: part(s) {missing} of {count} missing or damaged.").format(
            missing=", ".join(map(str, missing)), count=package[2]
        )
        if damaged:
            text += " " + _("Damaged: {files}.").format(files="; ".join(damaged))
        raise JoinFailed(text, missing, damaged)
    whole = hashlib.sha256()
    try:
        with atomic_writer(target) as fd:
            for index in range(1, package[2] + 1):
                path, header, start = good[index]
                for chunk in _read(path, start, header.size):
                    whole.update(chunk)
                    _write_all(fd, chunk)
            if whole.hexdigest() != package[0]:
                raise JoinFailed(
                    _("The joined parts do not match the package's hash; nothing was written."),
                    [],
                    [],
                )
    except OSError as exc:
        raise os_error_message(exc, target) from exc
    return package[1]
