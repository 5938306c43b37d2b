"""Background operations: long work off the GUI thread, with progress, cancel and errors.

``run_op(parent, work, on_success)`` runs ``work(progress)`` on a :class:`QThreadPool` thread
and hands its result to ``on_success`` on the GUI thread (Anki ``QueryOp``/``CollectionOp``).
``work`` must never touch widgets: it talks to the services and reports through
:class:`Progress`, whose calls cross to the GUI thread as queued signals, so the window never
freezes. A progress dialog appears only when the work takes longer than :data:`SHOW_DELAY_MS`.

How an exception raised by ``work`` ends:

* :class:`~zi_desktop.errors.Cancelled` — quietly; the user asked for it;
* :class:`~zi_desktop.errors.UserFacingError` — ``on_failure(error)`` when given, otherwise the
  error dialog with the error's message and details;
* anything else is a bug — logged, and the error dialog says so and carries the traceback in
  its details (:func:`ui.crash.show_bug`).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from functools import partial
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from zi_desktop.errors import Cancelled, UserFacingError
from zi_desktop.i18n import _

from .crash import show_bug
from .dialogs import get_service
from .widgets.plain_text import PlainLabel

T = TypeVar("T")
SHOW_DELAY_MS = 300
STEPS = 1000  # the dialog's range: totals in bytes do not fit a C int
# QProgressDialog shows itself (and spins a nested event loop in setValue) once its minimum
# duration has passed; we show it ourselves, so that duration must never pass.
_NEVER_MS = 2**31 - 1
log = logging.getLogger(__name__)
_running: set[OpHandle[Any]] = set()  # keeps each handle alive until its work has reported


class _Emitter(QObject):
    """Lives on the GUI thread; the worker emits through it, so every slot runs queued."""

    sig_progress = Signal(object, object)
    sig_succeeded = Signal(object)
    sig_failed = Signal(object, str)


class Progress:
    """Given to the work function: report how far it got, ask whether the user cancelled."""

    def __init__(self, emitter: _Emitter) -> None:
        self._emitter = emitter
        self._cancel = threading.Event()
        self._last: tuple[int, int] | None = None

    def report(self, done: int, total: int) -> None:
        """``done`` of ``total`` units of work (``total`` 0 when unknown); cheap to call often."""
        step = (min(done, total) * STEPS // total if total > 0 else 0, total)
        if step != self._last:  # one signal per visible step, not per chunk
            self._last = step
            self._emitter.sig_progress.emit(done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Job(QRunnable, Generic[T]):
    def __init__(
        self, work: Callable[[Progress], T], progress: Progress, emitter: _Emitter
    ) -> None:
        super().__init__()
        self.work, self.progress, self.emitter = work, progress, emitter

    def run(self) -> None:
        try:
            try:
                result = self.work(self.progress)
            except BaseException as exc:  # noqa: BLE001 - every failure goes to the GUI thread
                self.emitter.sig_failed.emit(exc, traceback.format_exc())
            else:
                self.emitter.sig_succeeded.emit(result)
        except RuntimeError:  # the application quit while the work ran: nobody to tell
            log.warning("a background operation finished after the application quit")


class OpHandle(QObject, Generic[T]):
    """A running operation, as returned by :func:`run_op`.

    Signals:
        sig_finished(str): emitted once, after the handlers ran, with :attr:`outcome`:
            ``"succeeded"``, ``"failed"`` or ``"cancelled"``.
    """

    sig_finished = Signal(str)

    def __init__(
        self,
        parent: QWidget | None,
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None,
        title: str,
        cancellable: bool,
        quiet: bool = False,
    ) -> None:
        super().__init__()
        self._parent, self._title, self._cancellable = parent, title, cancellable
        self._quiet = quiet
        self._on_success, self._on_failure = on_success, on_failure
        self.outcome: str | None = None
        self._emitter = _Emitter()
        self.progress = Progress(self._emitter)
        self._latest = (0, 0)
        self._dialog: QProgressDialog | None = None
        self._timer = QTimer(self, singleShot=True, interval=SHOW_DELAY_MS)
        self._timer.timeout.connect(self._show_dialog)
        self._emitter.sig_progress.connect(self._on_progress)
        self._emitter.sig_succeeded.connect(self._on_succeeded)
        self._emitter.sig_failed.connect(self._on_failed)

    def start(self, work: Callable[[Progress], T]) -> None:
        _running.add(self)
        if not self._quiet:
            self._timer.start()
        QThreadPool.globalInstance().start(_Job(work, self.progress, self._emitter))

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next :meth:`Progress.cancelled` check."""
        if self._cancellable:
            self.progress.cancel()

    def is_finished(self) -> bool:
        return self.outcome is not None

    def progress_dialog(self) -> QProgressDialog | None:
        """The progress dialog, once the work has run long enough to show one."""
        return self._dialog if self._dialog is not None and isValid(self._dialog) else None

    def wait(self, timeout_ms: int = 5000) -> bool:
        """Run the event loop until the operation has finished; whether it did in time."""
        if self.outcome is None:
            loop = QEventLoop()
            timer = QTimer(singleShot=True, interval=timeout_ms)
            timer.timeout.connect(loop.quit)
            self.sig_finished.connect(loop.quit)
            timer.start()
            loop.exec()
            timer.stop()
            self.sig_finished.disconnect(loop.quit)
        return self.outcome is not None

    # -- on the GUI thread -------------------------------------------------------------------
    def _widget(self) -> QWidget | None:
        return self._parent if self._parent is not None and isValid(self._parent) else None

    @Slot()
    def _show_dialog(self) -> None:
        if self.outcome is not None:
            return
        dialog = QProgressDialog(self._widget())
        dialog.setLabel(PlainLabel())  # the title may name a unit or a file
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(_NEVER_MS)
        dialog.setMinimumWidth(380)
        dialog.setWindowTitle(self._title or _("ZI Desktop"))
        dialog.setLabelText(self._title or _("Working…"))
        if self._cancellable:
            dialog.setCancelButtonText(_("Cancel"))
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        self._dialog = dialog
        self._on_progress(*self._latest)
        dialog.show()

    @Slot(object, object)
    def _on_progress(self, done: int, total: int) -> None:
        self._latest = (done, total)
        dialog = self.progress_dialog()
        if dialog is None or self.progress.cancelled():
            return
        if total > 0:
            dialog.setRange(0, STEPS)
            dialog.setValue(min(done, total) * STEPS // total)
        else:
            dialog.setRange(0, 0)  # busy indicator

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self._finish("succeeded", lambda: self._on_success(result))

    @Slot(object, str)
    def _on_failed(self, exc: BaseException, trace: str) -> None:
        if isinstance(exc, Cancelled):
            self._finish("cancelled", lambda: None)
        else:
            self._finish("failed", lambda: self._report(exc, trace))

    def _finish(self, outcome: str, handler: Callable[[], None]) -> None:
        self._timer.stop()
        dialog = self.progress_dialog()
        if dialog is not None:
            dialog.hide()  # not close(): closing a progress dialog emits canceled()
            dialog.deleteLater()
        self._dialog = None
        self.outcome = outcome
        try:
            if self._parent is None or self._widget() is not None:  # its screen may be gone
                handler()
        except Exception as exc:  # noqa: BLE001 - a handler's bug is shown like the work's
            self._report(exc, traceback.format_exc())
        finally:
            self.sig_finished.emit(outcome)
            # Let go of the handle only once control is back in the event loop: dropping the
            # last reference here would delete it (and its emitter) inside the slot Qt is
            # still running, which crashes the interpreter when nobody else keeps the handle.
            QTimer.singleShot(0, partial(_running.discard, self))

    def _report(self, exc: BaseException, trace: str) -> None:
        if isinstance(exc, UserFacingError):
            if self._on_failure is not None:
                self._on_failure(exc)
            else:
                get_service().error(self._widget(), exc.message, exc.details)
            return
        log.error("unexpected error in a background operation:\n%s", trace)
        show_bug(self._widget(), trace)


def run_op(
    parent: QWidget,
    work: Callable[[Progress], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None] | None = None,
    title: str = "",
    cancellable: bool = True,
    quiet: bool = False,
) -> OpHandle[T]:
    """Run ``work(progress)`` in the background, then ``on_success(result)`` on the GUI thread.

    ``title`` labels the progress dialog; ``quiet`` work never shows one (the caller shows
    its progress in place). ``on_failure`` receives a
    :class:`~zi_desktop.errors.UserFacingError` instead of the error dialog; bugs are always
    shown. The handlers are skipped when ``parent`` has been deleted meanwhile.
    """
    handle: OpHandle[T] = OpHandle(parent, on_success, on_failure, title, cancellable, quiet)
    handle.start(work)
    return handle


def shutdown(timeout_ms: int = 5000) -> bool:
    """Cancel every running operation and wait for the workers (before closing the workspace).

    Returns whether all workers stopped in time.
    """
    for handle in list(_running):
        handle.progress.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
