"""Reading a unit's workbook: preview and import of a filled LKE in every format, the peak
memory of an import with 10,000 rows of junk below the LKE, and calamine against openpyxl.

Bars (the issue of reading every workbook a unit hands in): the preview of a filled
workbook in ≤ 0.5 s and its import in ≤ 0.7 s, each format; peak memory under 150 MB. The
workbook is the official form filled by ``zi export-excel`` with seeded, realistic answers
and notes in both tiers; the .xls and .ods are LibreOffice's conversions of it (recalculated,
as a unit's office program would have saved them) and the .xlsb is written from its values
by the tests' writer (LibreOffice cannot write .xlsb; see tests/interop/xlsb_writer.py).
"""

from __future__ import annotations

import functools
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

from zi_desktop.interop.reader import ImportPlan
from zi_desktop.lke.loader import load_definition
from zi_desktop.services import interop
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import UnitInfo

from .core import Benchmark, peak_rss_of_subprocess
from .workload import random_answers

LKE = "permenpanrb-90-2021"
UNIT = UnitInfo("BENCH-1", "Dinas Bench", "KAB-BEN", "Pemerintah Kabupaten Bench")
TESTS = Path(__file__).resolve().parents[1] / "tests" / "interop"
FORMATS = ("xlsx", "xls", "xlsb", "ods")
JUNK_ROWS = 10_000
_DIR = Path(__file__).resolve().parent / ".excel-inputs"  # git-ignored with bench results


@functools.cache
def inputs() -> tuple[Path, dict[str, Path], Path]:
    """(workspace, format -> filled workbook, workbook with junk rows), made once a run."""
    if _DIR.exists():
        shutil.rmtree(_DIR)
    _DIR.mkdir()
    folder = _DIR / "ws"
    definition = load_definition(LKE)
    with Workspace.open(folder, actor="bench") as ws:
        ws.add_instansi(UNIT.instansi_code, UNIT.instansi_name)
        ws.add_unit(UNIT)
        ws.start_assessment(UNIT.code, 2026, LKE)
        for seed, tier in enumerate(("unit", "tpi")):
            answers = random_answers(definition, random.Random(seed))
            notes = {i: f"catatan {tier} {i}" for i in list(definition.items)[::3]}
            plan = ImportPlan(Path("-"), LKE, answers=answers, notes=notes)
            interop.apply_excel_import(ws, UNIT.code, tier, plan)
        xlsx = _DIR / "lke.xlsx"
        interop.excel_export(ws, UNIT.code, xlsx)
    files = {"xlsx": xlsx, **_converted(xlsx)}
    return folder, files, _with_junk(xlsx)


def _converted(xlsx: Path) -> dict[str, Path]:
    sys.path.insert(0, str(TESTS))
    from libreoffice import convert  # type: ignore[import-not-found]
    from xlsb_writer import xlsx_to_xlsb  # type: ignore[import-not-found]

    out, profile = _DIR / "converted", _DIR / "profile"
    files = {s: convert([xlsx], s, out, profile)[0] for s in ("xls", "ods")}
    files["xlsb"] = out / "lke.xlsb"
    xlsx_to_xlsb(xlsx, files["xlsb"])
    return files


def _with_junk(xlsx: Path) -> Path:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(xlsx)
    sheet = book["LKE ZI"]
    start = sheet.max_row + 5
    for row in range(start, start + JUNK_ROWS):
        for column in range(1, 17):
            sheet.cell(row, column, f"sampah {row} {column} lorem ipsum dolor sit amet")
    path = _DIR / "junk.xlsx"
    book.save(path)
    return path


def _timed(run: object, repeat: int) -> float:
    assert callable(run)
    run()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def preview_s(fmt: str, quick: bool) -> float:
    folder, files, _junk = inputs()
    with Workspace.open(folder, create=False, actor="bench") as ws:

        def run() -> None:
            preview = interop.excel_import_preview(ws, UNIT.code, "unit", files[fmt])
            if len(preview.plan.answers) != 127 or preview.plan.unmatched:
                raise RuntimeError(f"{fmt}: {len(preview.plan.answers)} answers read")

        return _timed(run, 3 if quick else 11)


def import_s(fmt: str, quick: bool) -> float:
    """Read, then replace the TPI tier (emptied first, untimed), as `zi import-excel` does."""
    folder, files, _junk = inputs()
    empty = ImportPlan(Path("-"), LKE)
    times = []
    with Workspace.open(folder, create=False, actor="bench") as ws:
        for _ in range(3 if quick else 9):
            interop.apply_excel_import(ws, UNIT.code, "tpi", empty)
            start = time.perf_counter()
            plan = interop.plan_excel_import(ws, UNIT.code, "tpi", files[fmt])
            done = interop.apply_excel_import(ws, UNIT.code, "tpi", plan)
            times.append(time.perf_counter() - start)
            if done.answers_set != 127:
                raise RuntimeError(f"{fmt}: {done.answers_set} answers imported")
    return statistics.median(times)


def junk_peak_mb(_quick: bool) -> float:
    folder, _files, junk = inputs()
    command = [
        sys.executable,
        "-m",
        "zi_desktop.cli.main",
        "import-excel",
        str(junk),
        "--workspace",
        str(folder),
        "--unit",
        UNIT.code,
        "--tier",
        "tpn",
        "--yes",
    ]
    return peak_rss_of_subprocess(command) / 1e6


def read_sheet_s(reader: str, quick: bool) -> float:
    """Open the filled .xlsx and read every value of its LKE sheet: the two readers alone."""
    _folder, files, _junk = inputs()
    path = files["xlsx"]

    def calamine() -> None:
        from python_calamine import CalamineWorkbook

        CalamineWorkbook.from_path(path).get_sheet_by_name("LKE ZI").to_python()

    def openpyxl_read_only() -> None:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        list(book["LKE ZI"].iter_rows(values_only=True))
        book.close()

    run = calamine if reader == "calamine" else openpyxl_read_only
    return _timed(run, 5 if quick else 21) * 1000


BENCHMARKS = [
    *(
        Benchmark(f"excel: preview .{f}", "s", functools.partial(preview_s, f), 0.5, "<=")
        for f in FORMATS
    ),
    *(
        Benchmark(f"excel: import .{f}", "s", functools.partial(import_s, f), 0.7, "<=")
        for f in FORMATS
    ),
    Benchmark(
        f"excel: import peak memory, {JUNK_ROWS:,} junk rows", "MB", junk_peak_mb, 150.0, "<="
    ),
    Benchmark(
        "excel: read the LKE sheet, calamine", "ms", functools.partial(read_sheet_s, "calamine")
    ),
    Benchmark(
        "excel: read the LKE sheet, openpyxl read-only",
        "ms",
        functools.partial(read_sheet_s, "openpyxl"),
    ),
]
