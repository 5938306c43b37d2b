"""Report test set-up: the demo workspace with one complete TPI evaluation, rendered once.

* ``KPP-001`` — the demo's half-evaluated unit: an incomplete (draft) report;
* ``RSUD-002`` — completed here: the TPI tier imports the unit's answers, then differs on a
  few items, adds notes, evidence and both surveys: a complete report.

Reports are rendered (``report_helpers.render``) in reportlab's invariant mode with a fixed
date, so they are reproducible. Tests must not change the shared workspace; those that do
build their own.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from report_helpers import COMPLETE_UNIT, DRAFT_UNIT, TPI_CHANGES, Rendered, render

from zi_desktop.i18n import set_language
from zi_desktop.paths import resources_dir
from zi_desktop.services.demo import build_demo
from zi_desktop.services.workspace import Workspace


def _complete_rsud(ws: Workspace, folder: Path) -> None:
    ws.import_answers(COMPLETE_UNIT, "tpi", resources_dir() / "demo" / f"{COMPLETE_UNIT}.json")
    for item, option in TPI_CHANGES.items():
        ws.set_answer(COMPLETE_UNIT, "tpi", item, option)
        ws.set_note(COMPLETE_UNIT, "tpi", item, f"Catatan TPI untuk {item}: bukti belum memadai.")
    source = folder / "berita-acara.txt"
    source.write_text("Berita acara evaluasi TPI.\n", encoding="utf-8")
    ws.attach_evidence(COMPLETE_UNIT, "tpi", "A.I.2.i.a", source, "Berita acara")
    ws.set_survey(
        COMPLETE_UNIT, "IPAK", Fraction("3.65"), 380, "Semester II 2026", "Inspektorat Daerah"
    )
    ws.set_survey(
        COMPLETE_UNIT, "IPKP", Fraction("3.40"), 380, "Semester II 2026", "Inspektorat Daerah"
    )
    for area in range(1, 7):
        ws.set_recommendation(COMPLETE_UNIT, area, f"Rekomendasi area {area}: tingkatkan bukti.")


@pytest.fixture(scope="session")
def report_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace with RSUD-002 completed, built once and closed; copy it to change it."""
    folder = tmp_path_factory.mktemp("report-demo")
    set_language("id")
    with build_demo(folder / "ws") as ws:
        _complete_rsud(ws, folder)
        assert ws.open_assessment(COMPLETE_UNIT).scores["tpi"].complete
    return folder / "ws"


@pytest.fixture(scope="session")
def report_ws(
    report_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    """An open copy of the template shared by the read-only tests."""
    folder = tmp_path_factory.mktemp("report-ws") / "ws"
    shutil.copytree(report_template, folder)
    ws: Workspace = Workspace.open(folder, create=False)
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def ws_copy(report_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    """An open copy of the template that a test may change."""
    shutil.copytree(report_template, tmp_path / "ws")
    ws: Workspace = Workspace.open(tmp_path / "ws", create=False)
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture(autouse=True)
def indonesian() -> Iterator[None]:
    """Every test starts and ends in Indonesian (``zi --lang en`` switches the process)."""
    set_language("id")
    yield
    set_language("id")


@pytest.fixture(scope="session")
def complete(report_ws: Workspace) -> Rendered:
    return render(report_ws, COMPLETE_UNIT)


@pytest.fixture(scope="session")
def draft(report_ws: Workspace) -> Rendered:
    return render(report_ws, DRAFT_UNIT)


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    try:
        yield
    finally:
        set_language("id")
