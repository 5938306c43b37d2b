"""Linux: check that a build carries every shared library it links to.

A library the build needs must be inside the build folder, or be one PyInstaller leaves to
the system on purpose (the C library, the graphics stack, Wayland's client libraries: see
``PyInstaller.depend.dylib``). A library that ``ldd`` finds only on the build machine, or not
at all, would be missing on a bare machine: usually the build machine lacks a package (for
Qt's X11 platform plugin: ``libxcb-icccm4``, ``libxcb-keysyms1``, ``libxcb-cursor0`` ...).

``python packaging/linked_libraries.py [dist/zi-desktop]`` prints the problems (exit 1).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ELF_MAGIC = b"\x7fELF"


def elf_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == ELF_MAGIC:
                    yield path


def linked(path: Path, library_path: Path) -> Iterator[tuple[str, str | None]]:
    """(name, resolved path or None) of each library ``path`` needs, as ``ldd`` resolves it."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(library_path))
    out = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True).stdout
    for line in out.splitlines():
        name, arrow, target = line.strip().partition(" => ")
        if arrow:
            yield name, None if target.startswith("not found") else target.split(" (")[0]


def problems(build: Path) -> list[str]:
    """Each library that a file of ``build`` needs and that a bare machine may lack."""
    from PyInstaller.depend.dylib import include_library

    internal = (build / "_internal").resolve()
    found: dict[str, set[str]] = {}
    for path in elf_files(build):
        for name, target in linked(path, internal):
            inside = target is not None and Path(target).resolve().is_relative_to(internal)
            if not inside and include_library(name):
                where = "not found" if target is None else f"only on this machine ({target})"
                found.setdefault(f"{name}: {where}", set()).add(path.name)
    return [f"{problem}, needed by {', '.join(sorted(users))}" for problem, users in found.items()]


def main(argv: list[str]) -> int:
    build = Path(argv[0] if argv else "dist/zi-desktop")
    report = problems(build)
    for line in report:
        print(line)
    return 1 if report else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
