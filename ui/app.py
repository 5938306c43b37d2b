"""Entry point of the ``zi-desktop`` window.

``zi-desktop [--workspace DIR] [--lang id|en] [--unit CODE [--item ID]] [--screenshot FILE.png]``
opens the given workspace, else the last one used, else the default one (made from the demo
on first run), and shows the main window. A workspace without an evaluator profile asks for
one first. With ``--screenshot`` it renders the window at 1366×768 to a PNG and exits.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import LANGUAGES, get_language, set_language
from zi_desktop.paths import app_icon
from zi_desktop.services import app_settings
from zi_desktop.services.demo import build_demo
from zi_desktop.services.workspace import Workspace

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SCREENSHOT_SIZE = (1366, 768)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="zi-desktop")
    parser.add_argument("--workspace", type=Path, metavar="DIR")
    parser.add_argument("--lang", choices=LANGUAGES)
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png")
    parser.add_argument("--unit", metavar="CODE", help="open this unit's assessment")
    parser.add_argument("--item", metavar="ID", help="with --unit: open this question")
    return parser.parse_args(argv)


def open_or_create(folder: Path) -> Workspace:
    """The workspace in ``folder``; a new one there is filled with the demo."""
    if not (folder / "zi.sqlite").exists():
        return build_demo(folder)
    ws: Workspace = Workspace.open(folder)
    return ws


def _choose_folder(args: argparse.Namespace, settings: app_settings.AppSettings) -> Path:
    if args.workspace:
        return Path(args.workspace)
    if settings.last_workspace and Path(settings.last_workspace).is_dir():
        return Path(settings.last_workspace)
    return app_settings.default_workspace()


def save_screenshot(window: QWidget, path: Path) -> bool:
    """Render ``window`` to a PNG at ``path``; the file appears complete or not at all."""
    part = path.with_name(path.name + ".part")
    if not window.grab().save(str(part), "PNG"):
        part.unlink(missing_ok=True)
        return False
    os.replace(part, path)
    return True


def _ask_profile(workspace: Workspace) -> None:
    from .profile_dialog import ProfileDialog

    dialog = ProfileDialog()
    if dialog.exec():
        workspace.set_evaluator(dialog.profile())


def _identify() -> None:
    """The icon of every window, and the desktop entry (zi-desktop.desktop) Linux matches."""
    from PySide6.QtGui import QGuiApplication, QIcon

    QGuiApplication.setWindowIcon(QIcon(str(app_icon())))
    QGuiApplication.setDesktopFileName("zi-desktop")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    settings = app_settings.load()
    set_language(args.lang or settings.language)
    from PySide6.QtWidgets import QApplication

    from . import ops
    from .dialogs import get_service
    from .evidence.opener import remove_viewer_copies
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _identify()
    folder = _choose_folder(args, settings)
    try:
        workspace = open_or_create(folder)
    except UserFacingError as err:
        if args.screenshot:
            print(err.message, file=sys.stderr)
        else:
            get_service().error(None, err.message, err.details)
        return 2
    try:
        if workspace.evaluator() is None and not args.screenshot:
            _ask_profile(workspace)
        window = MainWindow(workspace)
        window.resize(*SCREENSHOT_SIZE)
        if args.unit:
            window.open_unit(args.unit, args.item)
        window.show()
        if args.screenshot:
            app.processEvents()
            return 0 if save_screenshot(window, args.screenshot) else 1
        status = app.exec()
        if not args.screenshot:
            new = dataclasses.replace(
                settings, last_workspace=str(workspace.layout.root), language=get_language()
            )
            app_settings.save(new)
        return status
    except UserFacingError as err:
        print(err.message, file=sys.stderr)
        if not args.screenshot:
            get_service().error(None, err.message, err.details)
        return 2
    finally:
        ops.shutdown()
        remove_viewer_copies()
        workspace.close()


if __name__ == "__main__":
    raise SystemExit(main())
