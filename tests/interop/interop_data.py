"""What the interop tests share: the LKE, the shipped form and the assessed unit.

Kept out of ``conftest.py`` so that test modules can import it when other test folders'
``conftest`` modules are loaded in the same run.
"""

from __future__ import annotations

from pathlib import Path

from zi_desktop.values.views import UnitInfo

TEMPLATE = Path(__file__).resolve().parents[2] / "resources" / "excel" / "lke-zi-template-2021.xlsx"
LKE = "permenpanrb-90-2021"
UNIT = UnitInfo("U-001", "Dinas Satu", "KAB-X", "Pemerintah Kabupaten X")
