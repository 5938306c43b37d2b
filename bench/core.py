"""The benchmark definition and the measuring helpers shared by the ``bench_*`` modules.

A benchmark module exposes ``BENCHMARKS: list[Benchmark]``. Each benchmark's ``measure``
callable takes ``quick`` (fewer repetitions, for a smoke test) and returns one number in the
benchmark's ``unit``; ``python -m bench`` compares it with ``target`` using ``comparison``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Comparison = Literal["<=", ">="]


@dataclass(frozen=True)
class Benchmark:
    """One measure: ``run(quick)`` returns the value; no target means informational."""

    name: str
    unit: str
    run: Callable[[bool], float]
    target: float | None = None
    comparison: Comparison | None = None

    def __post_init__(self) -> None:
        if (self.target is None) != (self.comparison is None):
            raise ValueError(f"{self.name}: give both a target and a comparison, or neither")

    def passed(self, value: float) -> bool | None:
        """Whether ``value`` meets the target; None for an informational measure."""
        if self.target is None:
            return None
        return value <= self.target if self.comparison == "<=" else value >= self.target


def median_time(fn: Callable[[], object], repeat: int, number: int) -> float:
    """Median seconds per call of ``fn`` over ``repeat`` rounds of ``number`` calls each.

    One untimed round runs first so that caches, lazy imports and the like are warm.
    """
    if repeat < 1 or number < 1:
        raise ValueError("repeat and number must be at least 1")
    for _ in range(number):
        fn()
    rounds: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - start) / number)
    return statistics.median(rounds)


_RSS_PROBE = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""


def peak_rss_of_subprocess(cmd: Sequence[str], cwd: Path | None = None) -> int:
    """Peak resident memory, in bytes, of running ``cmd`` (and its waited-for children).

    ``cmd`` runs under a fresh Python probe process, so children this process started
    earlier cannot inflate the reading. Raises CalledProcessError if ``cmd`` fails.
    """
    probe = [sys.executable, "-c", _RSS_PROBE, *cmd]
    done = subprocess.run(probe, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, list(cmd), stderr=done.stderr)
    maxrss = int(done.stdout.split()[-1])
    return maxrss if sys.platform == "darwin" else maxrss * 1024  # Linux reports KiB


def sha256sum_throughput(path: Path, repeat: int = 3) -> float:
    """MB/s (10^6 bytes) of the system ``sha256sum`` over ``path``: a disk/CPU baseline.

    The file is read once first so that every timed run reads from the page cache, like a
    benchmark that has just written the same bytes. Returns the median of ``repeat`` runs.
    """
    size = path.stat().st_size
    path.read_bytes()
    times: list[float] = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        subprocess.run(["sha256sum", str(path)], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return size / 1e6 / statistics.median(times)


@contextmanager
def temp_dir(prefix: str = "zi-bench-") -> Iterator[Path]:
    """A fresh directory, removed with everything in it on exit."""
    with tempfile.TemporaryDirectory(prefix=prefix) as name:
        yield Path(name)


def machine_info() -> dict[str, object]:
    """What the results were measured on."""
    return {
        "python": sys.version.split()[0],
        "implementation": sys.implementation.name,
        "platform": sys.platform,
        "cpu_count": os.cpu_count(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


__all__ = [
    "Benchmark",
    "Comparison",
    "machine_info",
    "median_time",
    "peak_rss_of_subprocess",
    "sha256sum_throughput",
    "temp_dir",
]
