"""Unexpected errors outside the background operations: shown, and kept in the log file.

The built program has no console, so a bug in a slot, an event handler or a thread of our own
would vanish. :func:`reporting` installs ``sys.excepthook`` and ``threading.excepthook`` for
one run of the window: each unexpected exception is written to the log file
(:mod:`zi_desktop.services.app_log`) at once, and shown in the error dialog with its traceback
and where the log is (:func:`show_bug`, through :meth:`ui.dialogs.DialogService.error`) from
the GUI thread's event loop; then the hook installed before runs as well (from a terminal it
prints the traceback). Background operations show their bugs with :func:`show_bug` too
(:mod:`ui.ops`), and their log records go to the same file.

The same bug (the same exception type raised from the same lines) is shown once per run and
logged every time: an error in a paint handler would otherwise bring the dialog back each time
the window repaints after it closed.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from zi_desktop.i18n import _
from zi_desktop.services.app_log import close_log, open_log

from .dialogs import get_service

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadHook = Callable[[threading.ExceptHookArgs], object]
BugKey = tuple[str, tuple[tuple[str, int | None], ...]]
log = logging.getLogger(__name__)
_log_path: Path | None = None  # the log file of the run under way, named in the dialog


def show_bug(parent: QWidget | None, trace: str) -> None:
    """The error dialog for a bug: an apology, then the traceback and where the log is."""
    details = trace.rstrip()
    if _log_path is not None:
        details += "\n\n" + _("Log file: {path}").format(path=_log_path)
    get_service().error(
        parent,
        _(
            "Something unexpected went wrong. Your saved work is safe. Please copy the "
            "details and send them to your support contact."
        ),
        details,
    )


class _Relay(QObject):
    """Lives on the GUI thread; errors reach the dialog through its queued signal, so the
    dialog opens from the event loop, not inside the handler (a paint event, say) that failed
    or on the thread that failed."""

    sig_error = Signal(object)


class CrashReporter:
    """Logs every exception the hooks hand it, and shows it unless ``dialogs`` is False."""

    def __init__(self, dialogs: bool = True) -> None:
        self.dialogs = dialogs
        self.previous_hook: ExceptHook = sys.excepthook
        self.previous_thread_hook: ThreadHook = threading.excepthook
        self._shown: set[BugKey] = set()
        self._showing = False
        self._relay = _Relay()
        self._relay.sig_error.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if not issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a terminal is no bug
            self.report(exc)
        self.previous_hook(kind, exc, tb)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            self.report(args.exc_value)
        self.previous_thread_hook(args)

    def report(self, exc: BaseException, at_once: bool = False) -> None:
        """Log ``exc`` with its traceback, then show it from the GUI thread's event loop, or
        ``at_once`` (on the GUI thread, with no event loop left to run it)."""
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc)).rstrip())
        if not self.dialogs or not isinstance(QApplication.instance(), QApplication):
            return  # no window to show it in: the log has it
        if at_once and threading.current_thread() is threading.main_thread():
            self._show(exc)
        else:
            self._relay.sig_error.emit(exc)

    def _show(self, exc: BaseException) -> None:
        key = _bug_key(exc)
        if self._showing or key in self._shown:
            return
        self._shown.add(key)
        self._showing = True  # a bug while the dialog is open is logged, not stacked on it
        try:
            parent = QApplication.activeModalWidget() or QApplication.activeWindow()
            show_bug(parent, "".join(traceback.format_exception(exc)))
        except Exception:  # the dialog itself failed: the log keeps both
            log.exception("the error dialog could not be shown")
        finally:
            self._showing = False


def _bug_key(exc: BaseException) -> BugKey:
    """What makes two exceptions the same bug: their type and the lines they came through."""
    frames = traceback.extract_tb(exc.__traceback__)
    return type(exc).__qualname__, tuple((frame.filename, frame.lineno) for frame in frames)


@contextmanager
def reporting(dialogs: bool = True, folder: Path | None = None) -> Iterator[CrashReporter]:
    """Log, and show unless ``dialogs`` is False, every unexpected exception while the block
    runs, an exception leaving the block included (which then goes on). The log is written in
    ``folder``, by default the log folder (``storage.location.log_dir``)."""
    global _log_path
    log_file = open_log(folder)
    reporter = CrashReporter(dialogs)
    previous_path = _log_path
    _log_path = None if log_file is None else log_file.path
    sys.excepthook, threading.excepthook = reporter.excepthook, reporter.thread_excepthook
    try:
        yield reporter
    except Exception as exc:
        reporter.report(exc, at_once=True)  # the run is over: nothing else would show it
        raise
    finally:
        sys.excepthook, threading.excepthook = reporter.previous_hook, reporter.previous_thread_hook
        _log_path = previous_path
        if log_file is not None:
            close_log(log_file)
