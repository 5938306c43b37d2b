"""Report speed: the PDF (LHE) of one complete assessment, and ``zi report --all``.

The workspace is built through the services: units with both tiers fully answered (seeded,
realistic answers), TPI notes, surveys, a recommendation and a few evidence files, so the
report has every section at its real size. The bar (docs/report.md) is ≤ 2 s for the report of a
complete assessment, measured as the UI runs it: in process, gather + render + durable write.
"""

from __future__ import annotations

import functools
import os
import random
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

from pypdf import PdfReader

from zi_desktop.lke.loader import load_definition
from zi_desktop.scoring.answers_file import AnswersFile, dump_answers
from zi_desktop.services.report import write_report
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import EvaluatorProfile, UnitInfo

from .core import Benchmark, median_time, temp_dir
from .workload import random_answers

LKE = "permenpanrb-90-2021"
YEAR = 2026
SEED = 90
ALL_UNITS, QUICK_UNITS = 100, 10
INSTANSI = ("KAB-BEN", "Pemerintah Kabupaten Bench")
TEAM = (
    EvaluatorProfile("Dewi Lestari, S.E., Ak.", "198703152010122001", "anggota"),
    EvaluatorProfile("Agus Pramono, S.H., M.H.", "197905062005011003", "ketua"),
    EvaluatorProfile("Ir. Hendra Gunawan, M.M.", "197001011995031002", "dalnis"),
)


def _answers_file(folder: Path, name: str, rng: random.Random) -> Path:
    answers = random_answers(load_definition(LKE), rng)
    path = folder / name
    path.write_text(dump_answers(AnswersFile(LKE, answers, "none")), encoding="utf-8")
    return path


def build_workspace(folder: Path, units: int) -> list[str]:
    """A workspace of ``units`` complete assessments; returns the unit codes."""
    rng = random.Random(SEED)
    files = folder / "files"
    files.mkdir()
    evidence = files / "sk-tim.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% bench evidence\n" + os.urandom(2048))
    codes = []
    with Workspace.open(folder / "ws", actor="bench") as ws:
        ws.add_instansi(*INSTANSI)
        for member in TEAM:
            ws.add_team_member(member)
        items = list(load_definition(LKE).items)
        for n in range(1, units + 1):
            code = f"U{n:03d}"
            ws.add_unit(UnitInfo(code, f"Dinas Contoh Nomor {n}", *INSTANSI, f"Jl. Bench {n}"))
            ws.start_assessment(code, YEAR, LKE)
            for tier in ("unit", "tpi"):
                ws.import_answers(code, tier, _answers_file(files, f"{code}-{tier}.json", rng))
            for item in rng.sample(items[:100], 12):
                ws.set_note(code, "tpi", item, "Bukti dukung belum lengkap untuk seluruh bidang.")
            for kind in ("IPAK", "IPKP"):
                ws.set_survey(code, kind, Fraction(rng.randint(300, 400), 100), 400, "2026", "BPS")
            ws.set_recommendation(
                code, 5, "Perkuat pengendalian gratifikasi dan tindak lanjut WBS."
            )
            if n == 1:
                for item in items[:3]:
                    ws.attach_evidence(code, "tpi", item, evidence, "SK Tim")
            codes.append(code)
    return codes


def full_report_s(quick: bool) -> float:
    with temp_dir() as folder:
        (code,) = build_workspace(folder, 1)
        with Workspace.open(folder / "ws") as ws:
            target = folder / "lhe.pdf"

            def once() -> None:
                written = write_report(ws, code, target)
                if not written.complete or written.pages < 10:
                    raise RuntimeError(f"unexpected report: {written}")

            return median_time(once, 3 if quick else 7, 1)


def _zi() -> str:
    script = Path(sys.executable).with_name("zi")
    if not script.exists():
        raise RuntimeError("the zi command is not installed (run `make venv`)")
    return str(script)


@functools.cache
def _all_seconds(quick: bool) -> tuple[float, int]:
    """Wall time of one ``zi report --all`` process, and the number of reports it wrote."""
    units = QUICK_UNITS if quick else ALL_UNITS
    with temp_dir() as folder:
        start = time.perf_counter()
        build_workspace(folder, units)
        print(
            f"  built {units} complete assessments in {time.perf_counter() - start:.0f} s",
            file=sys.stderr,
        )
        out = folder / "reports"
        cmd = [_zi(), "report", "--workspace", str(folder / "ws"), "--all", "-o", str(out)]
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=False)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"zi report exited {done.returncode}: {done.stderr[-2000:]!r}")
        written = sorted(out.iterdir())
        if len(written) != units or len(PdfReader(written[-1]).pages) < 10:
            raise RuntimeError(f"zi report --all wrote {len(written)} of {units} reports")
    return seconds, units


BENCHMARKS = [
    Benchmark("report: PDF of a complete assessment (in process)", "s", full_report_s, 2.0, "<="),
    Benchmark(
        f"report: zi report --all, {ALL_UNITS} units (--quick {QUICK_UNITS})",
        "s",
        lambda q: _all_seconds(q)[0],
    ),
    Benchmark(
        "report: zi report --all throughput",
        "reports/s",
        lambda q: _all_seconds(q)[1] / _all_seconds(q)[0],
    ),
]
