"""Desktop app benchmarks: cold start, switching question, answer → score panel, unit list.

Qt runs offscreen. Cold start is measured from outside: the time from starting a fresh
``zi-desktop --screenshot`` process on the demo workspace until its PNG is on disk. That is an
upper bound of "start to an interactive window", since it also renders and encodes the PNG;
the process's exit is not counted. The window shows the unit list while the workspace opens
in the background; the informational "with a unit's assessment open" measure starts with
``--unit``, which waits for the workspace, and so also tells when a unit can be opened.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

from .core import Benchmark, median_time, temp_dir

ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@cache
def _demo(root: str) -> Path:
    from zi_desktop.services.demo import build_demo

    folder = Path(root) / "demo"
    build_demo(folder).close()
    return folder


def launch_time(command: list[str], shot: Path, env: dict[str, str] | None = None) -> float:
    """Seconds from starting ``command`` until it has written the PNG ``shot`` (the app
    writes it complete, under a temporary name first); then the process is waited for."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    while not shot.exists():
        if process.poll() is not None:
            _, err = process.communicate()
            raise RuntimeError(f"{command[0]} exited {process.returncode}: {err.decode()[-500:]}")
        time.sleep(0.002)
    elapsed = time.perf_counter() - start
    process.communicate(timeout=60)
    return elapsed


def cold_start_of(program: list[str], quick: bool, *extra: str) -> float:
    """Median start-to-rendered-window time of ``program`` on a fresh copy of the demo."""
    with temp_dir() as tmp:
        folder = _demo(str(tmp))
        runs = []
        for n in range(2 if quick else 5):
            shot = tmp / f"shot{n}.png"
            command = [*program, "--workspace", str(folder), *extra, "--screenshot", str(shot)]
            runs.append(launch_time(command, shot))
        shutil.rmtree(folder, ignore_errors=True)
    return statistics.median(runs)


def cold_start(quick: bool, *extra: str) -> float:
    # Bytecode as users have it: compiled once, not recompiled on every start.
    env_free = os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "zi_desktop", "ui"], check=True, cwd=ROOT
        )
        return cold_start_of([sys.executable, "-m", "ui.app"], quick, *extra)
    finally:
        if env_free is not None:
            os.environ["PYTHONDONTWRITEBYTECODE"] = env_free


def cold_start_on_a_unit(quick: bool) -> float:
    """Start with a unit's assessment open: the workspace must be open before the window
    shows, so this is also how long after start a unit opened from the list appears."""
    return cold_start(quick, "--unit", "RSUD-002")


@cache
def _page_timings(quick: bool) -> tuple[float, float]:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from ui.checklist.page import AssessmentPage
    from ui.fonts import use_app_font
    from zi_desktop.services import checklist
    from zi_desktop.services.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    use_app_font()  # as the app does
    with temp_dir() as tmp:
        ws = Workspace.open(_demo(str(tmp)))
        page = AssessmentPage(ws)
        page.resize(1366, 700)
        page.show()
        page.open_unit("RSUD-002")
        order = checklist.question_order(page.view.lke)  # type: ignore[union-attr]
        position = iter(range(10**9))

        def settle() -> None:  # what the event loop does after an event: paint, delete
            app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

        def switch() -> None:
            page.go_to(order[next(position) % len(order)])
            settle()

        values = iter(["A", "B"] * 10**6)
        page.go_to("A.I.1.i.b")  # answering the question on screen, as an evaluator does

        def answer() -> None:
            page.answer("A.I.1.i.b", next(values))
            settle()

        reps = (5, 10) if quick else (15, 20)
        switching = median_time(switch, *reps)
        answering = median_time(answer, *reps)
        page.close()
        ws.close()
    return switching * 1000, answering * 1000


def unit_list(quick: bool) -> float:
    from PySide6.QtWidgets import QApplication

    from ui.fonts import use_app_font
    from ui.units.page import UnitListPage
    from zi_desktop.services.workspace import Workspace

    from .workspace_gen import bulk_workspace

    app = QApplication.instance() or QApplication([])
    use_app_font()  # as the app does
    with temp_dir() as tmp:
        folder = tmp / "big"
        bulk_workspace(folder, 1_000 if quick else 10_000)
        runs = []
        for _ in range(3 if quick else 7):
            start = time.perf_counter()
            ws = Workspace.open(folder)
            page = UnitListPage(ws)
            page.show()
            app.processEvents()
            runs.append(time.perf_counter() - start)
            page.close()
            ws.close()
    return statistics.median(runs) * 1000


BENCHMARKS = [
    Benchmark("ui: cold start to a rendered window (demo)", "s", cold_start, 0.8, "<="),
    Benchmark("ui: cold start with a unit's assessment open (demo)", "s", cold_start_on_a_unit),
    Benchmark("ui: switch question", "ms", lambda q: _page_timings(q)[0], 16, "<="),
    Benchmark(
        "ui: answer → saved and score panel updated", "ms", lambda q: _page_timings(q)[1], 16, "<="
    ),
    Benchmark("ui: open unit list of 10,000 units (--quick 1,000)", "ms", unit_list, 200, "<="),
]
