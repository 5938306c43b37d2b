"""Benchmarks of the built package (``dist/zi-desktop/``): cold start, folder size, build time.

Cold start is measured as in ``bench_ui`` (``launch_time``): from starting a fresh
``zi-desktop --screenshot`` process on the demo workspace (made with the built ``zi demo``),
Qt offscreen, until its PNG is on disk; median of 5 runs (2 with ``--quick``). Compare it with
"ui: cold start", the same from source in the same run.

When ``dist/zi-desktop/`` has no ``zi-desktop`` program, the first measure builds it with
``make build`` (``make package`` without its smoke test, about two minutes), and
the build time is reported as one more measure.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

from .bench_ui import launch_time
from .core import Benchmark, temp_dir

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "dist" / "zi-desktop"
EXE = ".exe" if sys.platform == "win32" else ""
WINDOW = BUILD / f"zi-desktop{EXE}"
MUST_BUILD = not WINDOW.is_file()


@cache
def build_seconds() -> float:
    """Build the package if it is missing; seconds taken (0 when it was already built)."""
    if WINDOW.is_file():
        return 0.0
    start = time.perf_counter()
    subprocess.run(["make", "build"], cwd=ROOT, check=True, capture_output=True)
    if not WINDOW.is_file():
        raise RuntimeError(f"PyInstaller finished without writing {WINDOW}")
    return time.perf_counter() - start


def cold_start(quick: bool) -> float:
    build_seconds()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with temp_dir() as tmp:
        demo = tmp / "demo"
        zi = [BUILD / f"zi{EXE}", "demo", "--workspace", demo]
        subprocess.run(zi, env=env, check=True, capture_output=True)
        runs = []
        for n in range(2 if quick else 5):
            shot = tmp / f"shot{n}.png"
            runs.append(
                launch_time(
                    [str(WINDOW), "--workspace", str(demo), "--screenshot", str(shot)], shot, env
                )
            )
            if shot.stat().st_size == 0:
                raise RuntimeError(f"{WINDOW} wrote an empty screenshot")
    return statistics.median(runs)


def folder_mb(quick: bool) -> float:
    build_seconds()
    files = (p for p in BUILD.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


BENCHMARKS = [
    Benchmark(
        "package: cold start of the built app to a rendered window (demo)",
        "s",
        cold_start,
        0.8,
        "<=",
    ),
    Benchmark("package: size of dist/zi-desktop/", "MB", folder_mb),
]
if MUST_BUILD:
    BENCHMARKS.append(Benchmark("package: build time", "s", lambda quick: build_seconds()))
