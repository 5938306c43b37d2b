"""Entry point of the ``zi-desktop`` window.

``zi-desktop [--workspace DIR] [--demo] [--lang id|en] [--unit CODE [--item ID]]
[--screenshot FILE.png [--screenshot-size WxH]]`` opens the given workspace, else the last one
used, else the default one (empty on the first run; ``--demo`` fills a new workspace with the
demo, as ``make run`` does), and shows the main window. The first start asks for the
evaluator's profile before any workspace opens; every workspace opened then records that
person as its evaluator. With ``--screenshot`` it renders the window to a PNG and exits: the
window is ``WxH`` pixels large (1366×768 by default; 1366×728 is that screen without a
40-pixel taskbar), at the scale factor Qt runs with (``QT_SCALE_FACTOR``).

The window shows the unit list first, read with sqlite3 alone (:class:`UnitIndex`), and the
workspace opens in the background meanwhile: the database layer takes most of a second to
import, and the evaluator can already search the list.

An unexpected error anywhere in the run is written to the log file and shown in the error
dialog (:mod:`ui.crash`); with ``--screenshot`` it is only logged and printed.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import dataclasses
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import LANGUAGES, _, get_language, set_language
from zi_desktop.services import app_settings
from zi_desktop.services.app_settings import app_icon
from zi_desktop.services.unit_list import UnitIndex

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from zi_desktop.services.workspace import Workspace
    from zi_desktop.values.views import EvaluatorProfile

    from .main_window import MainWindow
    from .ops import OpHandle

SCREENSHOT_SIZE = (1366, 768)
OPEN_TIMEOUT_MS = 120_000  # opening a workspace in the background: upgrades take long


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="zi-desktop")
    parser.add_argument("--workspace", type=Path, metavar="DIR")
    parser.add_argument("--lang", choices=LANGUAGES)
    parser.add_argument("--demo", action="store_true", help="make a new workspace the demo")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png")
    parser.add_argument("--screenshot-size", type=_size, metavar="WxH", default=SCREENSHOT_SIZE)
    parser.add_argument("--unit", metavar="CODE", help="open this unit's assessment")
    parser.add_argument("--item", metavar="ID", help="with --unit: open this question")
    return parser.parse_args(argv)


def _size(text: str) -> tuple[int, int]:
    width, _x, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError("a size is WIDTHxHEIGHT, e.g. 1280x680")
    return int(width), int(height)


def open_or_create(folder: Path, demo: bool = False) -> Workspace:
    """The workspace in ``folder``; a new one there is empty, or with ``demo`` the demo."""
    from zi_desktop.services.demo import build_demo
    from zi_desktop.services.workspace import Workspace

    if demo and not (folder / "zi.sqlite").exists():
        return build_demo(folder)
    ws: Workspace = Workspace.open(folder)
    return ws


def _choose_folder(args: argparse.Namespace, settings: app_settings.AppSettings) -> Path:
    if args.workspace:
        return Path(args.workspace).expanduser().resolve()
    if settings.last_workspace and Path(settings.last_workspace).is_dir():
        return Path(settings.last_workspace)
    return app_settings.default_workspace()


def _geometry(settings: app_settings.AppSettings) -> bytes:
    try:
        return base64.b64decode(settings.window_geometry, validate=True)
    except (binascii.Error, ValueError):
        return b""


def save_screenshot(window: QWidget, path: Path) -> bool:
    """Render ``window`` to a PNG at ``path``; the file appears complete or not at all."""
    part = path.with_name(path.name + ".part")
    if not window.grab().save(str(part), "PNG"):
        part.unlink(missing_ok=True)
        return False
    os.replace(part, path)
    return True


def ask_first_profile() -> EvaluatorProfile | None:
    """The first start: ask for the evaluator's profile and keep it; None when cancelled."""
    from zi_desktop.services.profile import save_profile

    from .dialogs import get_service

    service = get_service()
    profile = service.ask_profile(None, None)
    while profile is not None:
        try:
            return save_profile(profile)
        except UserFacingError as err:
            service.error(None, err.message, err.details)
            profile = service.ask_profile(None, profile)
    return None


def _identify() -> None:
    """The icon of every window, and the desktop entry (zi-desktop.desktop) Linux matches."""
    from PySide6.QtGui import QGuiApplication, QIcon

    QGuiApplication.setWindowIcon(QIcon(str(app_icon())))
    QGuiApplication.setDesktopFileName("zi-desktop")


class Start:
    """One start of the window on ``folder``, for the evaluator ``profile``.

    With the workspace's unit list readable as it is (no upgrade due, no unit asked for), the
    window shows that list at once and the workspace opens in the background; otherwise it
    opens first. Either way the workspace records ``profile`` as its evaluator before the
    window can change anything in it.
    """

    def __init__(
        self,
        args: argparse.Namespace,
        folder: Path,
        profile: EvaluatorProfile | None = None,
        geometry: bytes = b"",
    ) -> None:
        self.args = args
        self.folder = folder
        self.profile = profile
        self.geometry = geometry
        self.opened: list[Workspace] = []  # closed when the window has gone
        self.failure: UserFacingError | None = None
        self.window: MainWindow | None = None

    def _open(self) -> Workspace:
        workspace = open_or_create(self.folder, self.args.demo)
        self.opened.append(workspace)
        if self.profile is not None and workspace.evaluator() != self.profile:
            workspace.set_evaluator(self.profile)  # whoever works here now, before any change
        return workspace

    def _size_window(self, window: MainWindow) -> None:
        from .window_geometry import place

        if self.args.screenshot:
            ratio = window.devicePixelRatioF()  # the screenshot's pixels are physical ones
            width, height = self.args.screenshot_size
            window.resize(round(width / ratio), round(height / ratio))
        else:
            place(window, self.geometry)

    def run(self, app: QCoreApplication) -> int:
        from .main_window import MainWindow

        index = None if self.args.unit else UnitIndex.peek(self.folder)
        window = None if index is None else self._early_window(index)
        try:
            if window is None:
                window = MainWindow(self._open())
        except UserFacingError as err:
            self._report(None, err)
            return 2
        self.window = window
        self._size_window(window)
        try:
            if self.args.unit:
                window.open_unit(self.args.unit, self.args.item)
        except UserFacingError as err:
            self._report(window, err)
            return 2
        window.show()
        if not self.args.screenshot:
            from .window_geometry import fit

            fit(window)  # its frame is known now: title and status bars stay on the screen
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
        except Exception as exc:  # shown with its details, start-up ends
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
            window,
            lambda _progress: self._open_reporting(),
            window.attach,
            failed,
            cancellable=False,
            quiet=True,
        )

    def _report(self, window: QWidget | None, err: UserFacingError) -> None:
        if self.args.screenshot:
            print(err.message, file=sys.stderr)
        else:
            from .dialogs import get_service

            get_service().error(window, err.message, err.details)


def _settings_after(settings: app_settings.AppSettings, start: Start) -> app_settings.AppSettings:
    """What to remember of this run: the language, the window's geometry, and the workspace
    unless it was the demo (the next plain start must not open it for real work)."""
    from .window_geometry import saved_geometry

    new = dataclasses.replace(settings, language=get_language())
    window = start.window
    if window is not None:
        geometry = base64.b64encode(saved_geometry(window)).decode("ascii")
        new = dataclasses.replace(new, window_geometry=geometry)
        if not window.is_demo:
            new = dataclasses.replace(new, last_workspace=str(start.folder))
    return new


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from .crash import reporting

    # Every unexpected error from here on is logged and, with a user watching, shown.
    with reporting(dialogs=not args.screenshot):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    settings = app_settings.load()
    set_language(args.lang or settings.language)
    from PySide6.QtWidgets import QApplication

    from zi_desktop.services.profile import load_profile

    from . import ops
    from .evidence.opener import remove_viewer_copies
    from .fonts import use_app_font
    from .qt_translations import follow_app_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _identify()
    use_app_font()
    follow_app_language(app)
    profile = load_profile()
    if profile is None and not args.screenshot:
        profile = ask_first_profile()
        if profile is None:  # nothing is recorded without knowing who records it
            return 1
    start = Start(args, _choose_folder(args, settings), profile, _geometry(settings))
    try:
        status = start.run(app)
        if status == 0 and not args.screenshot:
            app_settings.save(_settings_after(settings, start))
        return status
    finally:
        ops.shutdown(timeout_ms=OPEN_TIMEOUT_MS)  # a workspace still opening has opened
        remove_viewer_copies()
        for workspace in start.opened:
            workspace.close()


if __name__ == "__main__":
    raise SystemExit(main())
