"""Entry point of the ``zi-desktop`` window.

``zi-desktop [--workspace DIR] [--lang id|en] [--screenshot FILE.png]``: opens the workspace
(the default one, made from the demo on first run) and shows the main window; with
``--screenshot`` it renders the window at 1366×768 to a PNG and exits.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import LANGUAGES, _, set_language
from zi_desktop.services.demo import build_demo
from zi_desktop.services.workspace import Workspace
from zi_desktop.storage.location import default_workspace

SCREENSHOT_SIZE = (1366, 768)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="zi-desktop")
    parser.add_argument("--workspace", type=Path, metavar="DIR")
    parser.add_argument("--lang", choices=LANGUAGES)
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png")
    return parser.parse_args(argv)


def open_or_create(folder: Path) -> Workspace:
    """The workspace in ``folder``; a new one there is filled with the demo."""
    if not (folder / "zi.sqlite").exists():
        return build_demo(folder)
    ws: Workspace = Workspace.open(folder)
    return ws


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.lang:
        set_language(args.lang)
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        workspace = open_or_create(args.workspace or default_workspace())
    except UserFacingError as err:
        if args.screenshot:
            print(err.message, file=sys.stderr)
        else:
            QMessageBox.critical(None, _("ZI Desktop"), err.message)
        return 2
    window = MainWindow(workspace)
    window.resize(*SCREENSHOT_SIZE)
    try:
        if args.screenshot:
            window.show()
            app.processEvents()
            ok = window.grab().save(str(args.screenshot))
            return 0 if ok else 1
        window.show()
        return app.exec()
    finally:
        workspace.close()


if __name__ == "__main__":
    raise SystemExit(main())
