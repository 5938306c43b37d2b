"""Entry point of the ``zi-desktop`` window.

``zi-desktop [--workspace DIR] [--lang id|en] [--unit CODE [--item ID]] [--screenshot FILE.png]``
opens the given workspace, else the last one used, else the default one (made from the demo
on first run), and shows the main window. A workspace without an evaluator profile asks for
one first. With ``--screenshot`` it renders the window at 1366×768 to a PNG and exits.

The window shows the unit list first, read with sqlite3 alone (:class:`UnitIndex`), and the
workspace opens in the background meanwhile: the database layer takes most of a second to
import, and the evaluator can already search the list.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import LANGUAGES, _, get_language, set_language
from zi_desktop.paths import app_icon
from zi_desktop.services import app_settings
from zi_desktop.services.unit_list import UnitIndex

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from zi_desktop.services.workspace import Workspace

    from .main_window import MainWindow
    from .ops import OpHandle

SCREENSHOT_SIZE = (1366, 768)
OPEN_TIMEOUT_MS = 120_000  # opening a workspace in the background: upgrades take long


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
    from zi_desktop.services.demo import build_demo
    from zi_desktop.services.workspace import Workspace

    if not (folder / "zi.sqlite").exists():
        return build_demo(folder)
    ws: Workspace = Workspace.open(folder)
    return ws


def _choose_folder(args: argparse.Namespace, settings: app_settings.AppSettings) -> Path:
    if args.workspace:
        return Path(args.workspace).expanduser().resolve()
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


class Start:
    """One start of the window on ``folder``.

    With the workspace's unit list readable as it is (no upgrade due, a profile set, no unit
    asked for), the window shows that list at once and the workspace opens in the background;
    otherwise it opens first (asking for the evaluator profile on a first run).
    """

    def __init__(self, args: argparse.Namespace, folder: Path) -> None:
        self.args = args
        self.folder = folder
        self.opened: list[Workspace] = []  # closed when the window has gone
        self.failure: UserFacingError | None = None

    def _open(self) -> Workspace:
        workspace = open_or_create(self.folder)
        self.opened.append(workspace)
        return workspace

    def run(self, app: QCoreApplication) -> int:
        from .main_window import MainWindow

        index = None if self.args.unit else UnitIndex.peek(self.folder)
        if index is not None and not index.has_evaluator() and not self.args.screenshot:
            index.close()  # the first run asks for the profile, on the open workspace
            index = None
        window = None if index is None else self._early_window(index)
        try:
            if window is None:
                workspace = self._open()
                if workspace.evaluator() is None and not self.args.screenshot:
                    _ask_profile(workspace)
                window = MainWindow(workspace)
        except UserFacingError as err:
            self._report(None, err)
            return 2
        window.resize(*SCREENSHOT_SIZE)
        try:
            if self.args.unit:
                window.open_unit(self.args.unit, self.args.item)
        except UserFacingError as err:
            self._report(window, err)
            return 2
        window.show()
        app.processEvents()  # the first frame, before opening the workspace competes with it
        handle = None if window.workspace is not None else self._open_in_background(window)
        if not self.args.screenshot:
            status = app.exec()
            return 2 if self.failure is not None else status
        if not save_screenshot(window, self.args.screenshot):
            return 1
        if handle is not None and not handle.wait(OPEN_TIMEOUT_MS):
            print("the workspace did not open in time", file=sys.stderr)
            return 2
        return 2 if self.failure is not None else 0

    @staticmethod
    def _early_window(index: UnitIndex) -> MainWindow | None:
        """The window on the unit index; None when the index cannot be read after all (the
        workspace then opens first, and says what is wrong)."""
        from .main_window import MainWindow

        try:
            return MainWindow(index=index)
        except UserFacingError:
            index.close()
            return None

    def _open_reporting(self) -> Workspace:
        """Open the workspace; any failure becomes a message for the evaluator."""
        try:
            return self._open()
        except UserFacingError:
            raise
        except Exception as exc:  # noqa: BLE001 - shown with its details, start-up ends
            raise UserFacingError(
                _("The workspace {folder} could not be opened: {error}").format(
                    folder=self.folder, error=exc
                ),
                details=traceback.format_exc(),
            ) from exc

    def _open_in_background(self, window: MainWindow) -> OpHandle[Workspace]:
        from .ops import run_op

        def failed(err: BaseException) -> None:
            assert isinstance(err, UserFacingError)
            self.failure = err
            self._report(window, err)
            window.close()

        return run_op(
            window, lambda _progress: self._open_reporting(), window.attach, failed,
            cancellable=False, quiet=True,
        )  # fmt: skip

    def _report(self, window: QWidget | None, err: UserFacingError) -> None:
        if self.args.screenshot:
            print(err.message, file=sys.stderr)
        else:
            from .dialogs import get_service

            get_service().error(window, err.message, err.details)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    settings = app_settings.load()
    set_language(args.lang or settings.language)
    from PySide6.QtWidgets import QApplication

    from . import ops
    from .evidence.opener import remove_viewer_copies
    from .fonts import use_app_font

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _identify()
    use_app_font()
    start = Start(args, _choose_folder(args, settings))
    try:
        status = start.run(app)
        if status == 0 and not args.screenshot:
            new = dataclasses.replace(
                settings, last_workspace=str(start.folder), language=get_language()
            )
            app_settings.save(new)
        return status
    finally:
        ops.shutdown(timeout_ms=OPEN_TIMEOUT_MS)  # a workspace still opening has opened
        remove_viewer_copies()
        for workspace in start.opened:
            workspace.close()


if __name__ == "__main__":
    raise SystemExit(main())
