"""The build leaves out the Qt modules, plugins and translations the application never uses."""

from __future__ import annotations

import ast
from pathlib import Path

import contents
import pytest

ROOT = Path(__file__).resolve().parents[2]


def qt_modules_imported() -> dict[str, str]:
    """Each ``PySide6.<module>`` the code imports, with one file that imports it."""
    found: dict[str, str] = {}
    for folder in ("zi_desktop", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                for name in names:
                    parts = name.split(".")
                    if parts[0] == "PySide6" and len(parts) > 1 and parts[1].startswith("Qt"):
                        found.setdefault(parts[1], str(path.relative_to(ROOT)))
    return found


def test_the_code_imports_only_the_qt_modules_the_build_keeps() -> None:
    imported = qt_modules_imported()
    assert set(imported) == set(contents.QT_MODULES), imported


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "resources/demo/KPP-001.json",
    ],
)
def test_kept(dest: str) -> None:
    assert contents.keep_qt_file(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6\\plugins\\imageformats\\qjpeg.dll",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\translations\\qtbase_de.qm",
    ],
)
def test_left_out(dest: str) -> None:
    assert not contents.keep_qt_file(dest)
