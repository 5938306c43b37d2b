"""A reference of this machine's speed at the time of the run, to read the other figures by.

Shared and laptop CPUs change speed from minute to minute (other tenants, frequency scaling):
the same code can take half again as long. This measure runs the same pure-Python loop every
time; when it is slow, every time figure of the run is slow with it.
"""

from __future__ import annotations

from .core import Benchmark, median_time

ITERATIONS = 1_000_000


def _loop() -> int:
    total = 0
    for i in range(ITERATIONS):
        total += i * i
    return total


def reference_ms(quick: bool) -> float:
    return median_time(_loop, 3 if quick else 9, 1) * 1000


BENCHMARKS = [
    Benchmark("machine: reference pure-Python loop (1,000,000 steps)", "ms", reference_ms),
]
