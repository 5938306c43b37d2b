"""The window starts without the heavy libraries it only needs for some actions.

Signing (cryptography), reports (reportlab, python-docx) and Excel (openpyxl) are imported when the
evaluator first uses them, so that start-up stays short. The database layer (SQLAlchemy,
sqlmodel, pydantic) loads in the background while the window shows the unit list: the
window's own modules must not import it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("cryptography", "reportlab", "docx", "openpyxl")
DATABASE_LAYER = ("sqlalchemy", "sqlmodel", "pydantic")

START_WINDOW = """
import json, sys
from ui.app import main
status = main(["--workspace", sys.argv[1], "--screenshot", sys.argv[2]])
print(json.dumps({"status": status, "loaded": sorted({m.split('.')[0] for m in sys.modules})}))
"""


def test_window_starts_without_signing_report_or_excel_libraries(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", START_WINDOW, str(tmp_path / "ws"), str(tmp_path / "shot.png")],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["status"] == 0
    assert (tmp_path / "shot.png").stat().st_size > 0
    assert "PySide6" in result["loaded"]  # the window really started
    assert [m for m in HEAVY if m in result["loaded"]] == []


def test_the_window_and_unit_list_import_without_the_database_layer() -> None:
    script = (
        "import json, sys, ui.app, ui.main_window, ui.units.page, zi_desktop.services.unit_list;"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert "PySide6" in loaded
    assert [m for m in DATABASE_LAYER if m in loaded] == []
