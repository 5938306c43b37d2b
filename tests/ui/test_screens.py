"""Every main screen renders in both languages without a Qt warning (warnings fail tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from zi_desktop.i18n import set_language
from zi_desktop.services import checklist
from zi_desktop.services.workspace import Workspace

pytestmark = pytest.mark.qt
SCREENS = ("units", "question", "percentage", "surveys", "recommendations")


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_renders(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, screen: str, lang: str
) -> None:
    set_language(lang)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    targets = {
        "question": "A.I.1.i.b",
        "percentage": "A.II.5.iii.a",
        "surveys": checklist.SURVEYS,
        "recommendations": checklist.RECOMMENDATIONS,
    }
    if screen != "units":
        window.open_unit("KPP-001", targets[screen])
        assert window.assessment.current == targets[screen]
    image = window.grab()
    assert not image.isNull() and image.width() >= 1366
    target = tmp_path / f"{screen}-{lang}.png"
    assert image.save(str(target))
    assert target.stat().st_size > 10_000
    title = window.windowTitle()
    assert title.startswith("ZI Desktop")
    set_language("id")
