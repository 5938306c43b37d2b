"""The platform files of a build agree with the application: version, icon, desktop entry."""

from __future__ import annotations

import ast
import configparser
import struct
from pathlib import Path

from zi_desktop import __version__
from zi_desktop.paths import app_icon

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == name
    ]


def test_windows_version_info_matches_the_package_version() -> None:
    text = (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")
    tree = ast.parse(text, mode="eval")
    numbers = tuple(int(n) for n in __version__.split(".")) + (0,)
    (fixed,) = calls(tree, "FixedFileInfo")
    for field in ("filevers", "prodvers"):
        (value,) = [k.value for k in fixed.keywords if k.arg == field]
        assert ast.literal_eval(value) == numbers, field
    strings = {
        ast.literal_eval(c.args[0]): ast.literal_eval(c.args[1])
        for c in calls(tree, "StringStruct")
    }
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__


def test_desktop_entry_starts_the_window_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "zi-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "zi-desktop"
    assert section["Icon"] == app_icon().stem
    assert section["Terminal"] == "false"


def test_icons_hold_the_sizes_each_platform_asks_for() -> None:
    png = app_icon().read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (256, 256)
    ico = (PACKAGING / "icons" / "zi-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    sides = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert (reserved, kind) == (0, 1) and {16, 32, 48, 256} <= sides
    icns = (PACKAGING / "icons" / "zi-desktop.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic08" in icns and b"ic09" in icns  # 256 and 512 px
