"""The report use case: writing durably, progress and cancel, dates, every unit, layering."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_helpers import COMPLETE_UNIT, DATE, DRAFT_UNIT
from sqlmodel import select

from zi_desktop.errors import Cancelled, UserFacingError
from zi_desktop.services.report import (
    default_report_path,
    last_tpi_change,
    report_data,
    report_file_name,
    write_all_reports,
    write_report,
)
from zi_desktop.services.workspace import Workspace
from zi_desktop.storage.tables import Assessment
from zi_desktop.values.views import UnitInfo


def test_write_report_writes_the_whole_file_and_nothing_else(
    report_ws: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "lhe.pdf"
    target.write_bytes(b"an older report")
    written = write_report(report_ws, COMPLETE_UNIT, target, date=DATE, invariant=True)
    assert written.path == target and written.complete and written.year == 2026
    assert len(PdfReader(target).pages) == written.pages
    assert [p.name for p in tmp_path.iterdir()] == ["lhe.pdf"]  # no temp file left
    again = tmp_path / "again.pdf"
    write_report(report_ws, COMPLETE_UNIT, again, date=DATE, invariant=True)
    assert again.read_bytes() == target.read_bytes()


def test_progress_rises_to_the_total(report_ws: Workspace, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    write_report(
        report_ws,
        DRAFT_UNIT,
        tmp_path / "r.pdf",
        date=DATE,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert len(calls) > 10
    done = [d for d, _t in calls]
    assert done == sorted(done) and calls[-1][0] == calls[-1][1]
    assert len({t for _d, t in calls}) == 1


def test_cancel_stops_and_writes_nothing(report_ws: Workspace, tmp_path: Path) -> None:
    checks = iter(range(1000))

    def cancel() -> bool:
        return next(checks) >= 5

    with pytest.raises(Cancelled):
        write_report(report_ws, DRAFT_UNIT, tmp_path / "r.pdf", date=DATE, cancel=cancel)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(Cancelled):
        write_report(report_ws, DRAFT_UNIT, tmp_path / "r.pdf", cancel=lambda: True)


def test_bad_requests_are_refused(report_ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="tpn"):
        report_data(report_ws, DRAFT_UNIT, tier="tpn")
    with pytest.raises(UserFacingError, match="NOPE"):
        write_report(report_ws, "NOPE", tmp_path / "r.pdf")
    with pytest.raises(UserFacingError, match="missing"):
        write_report(report_ws, DRAFT_UNIT, tmp_path / "missing" / "r.pdf")


def test_unit_tier_report_evaluates_the_self_assessment(report_ws: Workspace) -> None:
    data = report_data(report_ws, DRAFT_UNIT, tier="unit", date=DATE)
    assert data.result is data.view.scores["unit"] and data.complete  # the unit tier is full


def test_evaluation_date_defaults_to_the_last_tpi_change(report_ws: Workspace) -> None:
    view = report_ws.open_assessment(DRAFT_UNIT)
    last = max(a.updated_at for a in view.answers["tpi"].values())
    expected = last.replace(tzinfo=dt.UTC).astimezone().date()
    assert last_tpi_change(view) == expected
    assert report_data(report_ws, DRAFT_UNIT).evaluation_date == expected
    untouched = report_ws.open_assessment("DUK-003")  # the TPI has not started there
    assert last_tpi_change(untouched) is None
    assert report_data(report_ws, "DUK-003").evaluation_date == dt.date.today()


def test_a_stored_evaluation_date_wins(ws_copy: Workspace) -> None:
    with ws_copy.transaction() as s:
        for row in s.exec(select(Assessment)):
            row.evaluation_date = "2026-10-05"
            s.add(row)
    assert report_data(ws_copy, DRAFT_UNIT).evaluation_date == dt.date(2026, 10, 5)
    assert report_data(ws_copy, DRAFT_UNIT, date=DATE).evaluation_date == DATE


def test_place_comes_from_the_caller_or_the_workspace(ws_copy: Workspace) -> None:
    assert report_data(ws_copy, DRAFT_UNIT).place == ""
    ws_copy.set_setting("report_place", "Kota Sukamaju")
    assert report_data(ws_copy, DRAFT_UNIT).place == "Kota Sukamaju"
    assert report_data(ws_copy, DRAFT_UNIT, place="Bandung").place == "Bandung"


def test_all_reports_one_file_per_unit(ws_copy: Workspace, tmp_path: Path) -> None:
    instansi = ("KAB-SKM", "Pemerintah Kabupaten Sukamaju")
    ws_copy.add_unit(UnitInfo("NEW/4", "Unit Baru", *instansi))  # no assessment: skipped
    for code in ("X/1", "X_1"):  # the same safe file name
        ws_copy.add_unit(UnitInfo(code, f"Unit {code}", *instansi))
        ws_copy.start_assessment(code, 2026, "permenpanrb-90-2021")
    progress: list[tuple[int, int]] = []
    done = write_all_reports(
        ws_copy,
        tmp_path / "out",
        date=DATE,
        invariant=True,
        progress=lambda d, t: progress.append((d, t)),
    )
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "LHE-DUK-003-2026.pdf",
        "LHE-KPP-001-2026.pdf",
        "LHE-RSUD-002-2026.pdf",
        "LHE-X_1-2-2026.pdf",
        "LHE-X_1-2026.pdf",
    ]
    assert [w.unit for w in done.written] == ["DUK-003", "KPP-001", "RSUD-002", "X/1", "X_1"]
    assert [code for code, _reason in done.skipped] == ["NEW/4"]
    assert progress[0] == (0, 6) and progress[-1] == (6, 6)
    assert [w.complete for w in done.written] == [False, False, True, False, False]


def test_file_names_are_safe() -> None:
    assert report_file_name("KPP-001", 2026) == "LHE-KPP-001-2026.pdf"
    assert report_file_name("../a b:c", 2026) == "LHE-_a_b_c-2026.pdf"
    assert report_file_name("..", 2026) == "LHE-unit-2026.pdf"


def test_default_path_is_in_exports(report_ws: Workspace) -> None:
    path = default_report_path(report_ws, DRAFT_UNIT)
    assert path == report_ws.layout.exports / "LHE-KPP-001-2026.pdf"


LAYERING = """
import sys
import zi_desktop.reports
from zi_desktop.reports import render_report
bad = sorted(m for m in sys.modules
             if m.split('.')[0] in ('sqlmodel', 'sqlalchemy', 'PySide6')
             or m.startswith('zi_desktop.storage') or m == 'zi_desktop.services.workspace')
print(bad)
"""


def test_reports_package_reads_no_database_and_no_qt() -> None:
    out = subprocess.run(
        [sys.executable, "-c", LAYERING], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_write_report_from_a_worker_thread(report_ws: Workspace, tmp_path: Path) -> None:
    """As the app's "Cetak laporan" runs it: in a worker thread, with progress."""
    results: list[object] = []
    seen: list[int] = []

    def work() -> None:
        try:
            results.append(
                write_report(
                    report_ws, DRAFT_UNIT, tmp_path / "r.pdf", progress=lambda d, t: seen.append(d)
                )
            )
        except Exception as exc:  # noqa: BLE001 - handed to the test thread
            results.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert len(results) == 1 and not isinstance(results[0], Exception), results
    assert (tmp_path / "r.pdf").exists() and seen
