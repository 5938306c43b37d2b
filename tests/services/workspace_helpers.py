"""Shared by the service tests: a small workspace with one instansi and one assessed unit."""

from __future__ import annotations

from pathlib import Path

from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import UnitInfo

LKE = "permenpanrb-90-2021"
YEAR = 2026
INSTANSI = ("KAB-X", "Pemerintah Kabupaten X")
UNIT = UnitInfo("U-001", "Dinas Satu", INSTANSI[0], INSTANSI[1], target_predikat="WBK")


def make_workspace(folder: Path, actor: str = "tester") -> Workspace:
    """A workspace with one instansi and one unit assessed in 2026 under the base LKE."""
    ws: Workspace = Workspace.open(folder, actor=actor)
    ws.add_instansi(*INSTANSI)
    ws.add_unit(UNIT)
    ws.start_assessment(UNIT.code, YEAR, LKE)
    return ws
