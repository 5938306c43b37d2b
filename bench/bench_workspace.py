"""Workspace speed: saving an answer, the unit list of 10,000 units, attaching a big file.

Everything goes through the services (``Workspace``) on a real workspace folder in a temp
directory, with the app's durability settings (WAL, ``synchronous=FULL``, fsynced evidence),
so the timings include the disk. Only the unit-list target (≤ 200 ms to open a workspace and
list 10,000 units) and the memory target (attaching 500 MB needs at most 20 MB more than
attaching 50 MB: the file is streamed, not read whole) are quality bars; the rest inform.
"""

from __future__ import annotations

import functools
import statistics
import sys
import time
from pathlib import Path

from zi_desktop.lke.loader import load_definition
from zi_desktop.lke.model import ItemType
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import UnitInfo

from .core import Benchmark, peak_rss_of_subprocess, sha256sum_throughput, temp_dir
from .workload import write_answers_files
from .workspace_gen import LKE, YEAR, bulk_workspace, pdf_headed_file

ROOT = Path(__file__).resolve().parent.parent
UNIT = "U00001"
MS = 1000.0
MB = 1e6  # as sha256sum_throughput counts
BIG, SMALL = 500 * 2**20, 50 * 2**20
QUICK_BIG, QUICK_SMALL = 50 * 2**20, 10 * 2**20
_ATTACH_CHILD = """
import sys
from pathlib import Path
from zi_desktop.services.workspace import Workspace
folder, node, source = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
with Workspace.open(folder) as ws:
    view = ws.attach_evidence(sys.argv[4], "tpi", node, source)
if view.size != source.stat().st_size:
    sys.exit(f"stored {view.size} bytes of {source.stat().st_size}")
"""


def _one_unit_workspace(folder: Path, max_bytes: int | None = None) -> None:
    """A workspace with one unit and its current assessment (optionally a bigger file limit)."""
    with Workspace.open(folder) as ws:
        ws.add_instansi("KAB-001", "Pemerintah Kabupaten Contoh")
        ws.add_unit(UnitInfo(UNIT, "Dinas Kesehatan", "KAB-001", "Pemerintah Kabupaten Contoh"))
        ws.start_assessment(UNIT, YEAR, LKE)
        if max_bytes is not None:
            ws.set_setting("evidence_max_bytes", max_bytes)  # read when the store is made


def _option_item() -> tuple[str, str, str]:
    """An option item of the LKE and two of its option codes."""
    for item in load_definition(LKE).items.values():
        if item.type not in (ItemType.PERCENT, ItemType.INDEX) and len(item.options) >= 2:
            return item.id, item.options[0].code, item.options[1].code
    raise RuntimeError(f"{LKE} has no option item")


# -- 1. save one answer -------------------------------------------------------------------
@functools.cache
def _save_answer_ms(quick: bool) -> list[float]:
    """Milliseconds of each ``set_answer`` on a fully answered TPI tier, values alternating."""
    node, first, second = _option_item()
    with temp_dir() as folder:
        _one_unit_workspace(folder / "ws")
        (name,) = write_answers_files([load_definition(LKE)], folder, 1, seed=90)
        times: list[float] = []
        with Workspace.open(folder / "ws") as ws:
            ws.import_answers(UNIT, "tpi", folder / name)  # rescoring reads every answer
            calls = 50 if quick else 200
            for n in range(-4, calls):  # four warm-up calls
                start = time.perf_counter()
                result = ws.set_answer(UNIT, "tpi", node, first if n % 2 else second)
                if n >= 0:
                    times.append((time.perf_counter() - start) * MS)
            if result.missing:
                raise RuntimeError(f"the tier should be complete; missing {result.missing[:5]}")
    return times


def save_answer_median(quick: bool) -> float:
    return statistics.median(_save_answer_ms(quick))


def save_answer_p95(quick: bool) -> float:
    return statistics.quantiles(_save_answer_ms(quick), n=20)[18]


# -- 2. the unit list -----------------------------------------------------------------------
@functools.cache
def _unit_list_ms(quick: bool) -> tuple[float, float]:
    """Median ms of (open + list every unit, list units matching 'Dinas') on a big workspace."""
    units = 1_000 if quick else 10_000
    with temp_dir() as folder:
        start = time.perf_counter()
        bulk_workspace(folder, units)
        took = time.perf_counter() - start
        print(f"  generated {units:,} units in {took:.1f} s", file=sys.stderr)
        opened: list[float] = []
        for _ in range(3 if quick else 9):
            start = time.perf_counter()
            ws = Workspace.open(folder)
            rows = ws.list_units()
            opened.append((time.perf_counter() - start) * MS)
            ws.close()
            if len(rows) != units:
                raise RuntimeError(f"listed {len(rows)} of {units} units")
        filtered: list[float] = []
        with Workspace.open(folder) as ws:
            for _ in range(5 if quick else 21):
                start = time.perf_counter()
                found = ws.list_units(query="Dinas")
                filtered.append((time.perf_counter() - start) * MS)
            if not 0 < len(found) < units or any("Dinas" not in r.name for r in found):
                raise RuntimeError(f"the 'Dinas' filter found {len(found)} of {units} units")
    return statistics.median(opened), statistics.median(filtered)


# -- 3. attach a big file: throughput -------------------------------------------------------
@functools.cache
def _attach_rates(quick: bool) -> tuple[float, float]:
    """(attach_evidence MB/s, sha256sum MB/s) on the same freshly written file."""
    size = QUICK_BIG if quick else BIG
    node = _option_item()[0]
    with temp_dir() as folder:
        _one_unit_workspace(folder / "ws", max_bytes=2**30)
        source = pdf_headed_file(folder / "big-evidence.pdf", size)
        with Workspace.open(folder / "ws") as ws:  # reopened: the store has the 1 GiB limit
            start = time.perf_counter()
            view = ws.attach_evidence(UNIT, "tpi", node, source)
            seconds = time.perf_counter() - start
        if view.size != size or view.mime != "application/pdf":
            raise RuntimeError(f"stored {view.size} bytes as {view.mime}")
        baseline = sha256sum_throughput(source)
    return size / MB / seconds, baseline


# -- 4. attach a big file: peak memory --------------------------------------------------------
def _attach_peak_mb(folder: Path, size: int) -> float:
    """Peak RSS (MB) of a fresh process that opens a workspace and attaches ``size`` bytes."""
    workspace = folder / f"ws-{size}"
    _one_unit_workspace(workspace, max_bytes=2**30)
    source = pdf_headed_file(folder / f"evidence-{size}.pdf", size)
    try:
        cmd = [sys.executable, "-c", _ATTACH_CHILD, str(workspace), _option_item()[0]]
        return peak_rss_of_subprocess([*cmd, str(source), UNIT], cwd=ROOT) / MB
    finally:
        source.unlink()


@functools.cache
def _attach_peaks(quick: bool) -> tuple[float, float]:
    """Peak MB of attaching (the big file, the small one), each in its own process."""
    big, small = (QUICK_BIG, QUICK_SMALL) if quick else (BIG, SMALL)
    with temp_dir() as folder:
        return _attach_peak_mb(folder, big), _attach_peak_mb(folder, small)


SIZES = "500 MB; --quick 50 MB"
BENCHMARKS = [
    Benchmark("workspace: save one answer, median", "ms", save_answer_median),
    Benchmark("workspace: save one answer, p95", "ms", save_answer_p95),
    Benchmark(
        "workspace: open + list 10,000 units (--quick 1,000)",
        "ms",
        lambda q: _unit_list_ms(q)[0],
        200.0,
        "<=",
    ),
    Benchmark("workspace: filter unit list 'Dinas'", "ms", lambda q: _unit_list_ms(q)[1]),
    Benchmark(f"workspace: attach {SIZES}", "MB/s", lambda q: _attach_rates(q)[0]),
    Benchmark("workspace: sha256sum same file", "MB/s", lambda q: _attach_rates(q)[1]),
    Benchmark(
        "workspace: attach / sha256sum speed",
        "ratio",
        lambda q: _attach_rates(q)[0] / _attach_rates(q)[1],
    ),
    Benchmark(f"workspace: attach peak RSS, {SIZES}", "MB", lambda q: _attach_peaks(q)[0]),
    Benchmark(
        "workspace: attach peak RSS, 50 MB; --quick 10 MB", "MB", lambda q: _attach_peaks(q)[1]
    ),
    Benchmark(
        "workspace: attach peak RSS, big − small file",
        "MB",
        lambda q: _attach_peaks(q)[0] - _attach_peaks(q)[1],
        20.0,
        "<=",
    ),
]
