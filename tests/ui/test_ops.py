"""Background operations: results on the GUI thread, errors shown once, cancel, progress."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton, QWidget
from scripted_dialogs import ScriptedDialogService, scripted_dialogs

from ui.ops import STEPS, Progress, run_op, shutdown
from zi_desktop.errors import Cancelled, UserFacingError

pytestmark = pytest.mark.qt


@pytest.fixture
def dialogs() -> Iterator[ScriptedDialogService]:
    with scripted_dialogs() as service:
        yield service


@pytest.fixture
def parent(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_result_reaches_the_gui_thread_and_no_dialog_for_quick_work(
    qtbot, parent: QWidget, dialogs: ScriptedDialogService
) -> None:  # type: ignore[no-untyped-def]
    threads: list[int] = []
    results: list[tuple[int, int]] = []

    def work(progress: Progress) -> int:
        threads.append(threading.get_ident())
        return 42

    handle = run_op(parent, work, lambda value: results.append((value, threading.get_ident())))
    with qtbot.waitSignal(handle.sig_finished) as finished:
        pass
    assert finished.args == ["succeeded"]
    assert results == [(42, threading.get_ident())]
    assert threads and threads[0] != threading.get_ident()
    assert handle.progress_dialog() is None
    assert dialogs.calls == []


def test_user_facing_error_goes_to_the_error_dialog(
    parent: QWidget, dialogs: ScriptedDialogService
) -> None:
    def work(progress: Progress) -> None:
        raise UserFacingError("The disk is full.", details="SQLITE_FULL")

    successes: list[object] = []
    handle = run_op(parent, work, successes.append)
    assert handle.wait(5000)
    assert handle.outcome == "failed"
    assert successes == []
    assert [c.args for c in dialogs.errors] == [
        {"message": "The disk is full.", "details": "SQLITE_FULL"}
    ]


def test_on_failure_replaces_the_error_dialog(
    parent: QWidget, dialogs: ScriptedDialogService
) -> None:
    failures: list[BaseException] = []

    def work(progress: Progress) -> None:
        raise UserFacingError("Refused.")

    assert run_op(parent, work, lambda _r: None, on_failure=failures.append).wait(5000)
    assert [str(f) for f in failures] == ["Refused."]
    assert dialogs.calls == []


def test_unexpected_error_is_shown_with_its_traceback(
    parent: QWidget, dialogs: ScriptedDialogService
) -> None:
    def work(progress: Progress) -> float:
        return 1 / 0

    assert run_op(parent, work, lambda _r: None, on_failure=lambda _e: None).wait(5000)
    (error,) = dialogs.errors
    assert "unexpected" in error.args["message"].lower() or "tak terduga" in error.args["message"]
    assert "ZeroDivisionError" in error.args["details"]
    assert "Traceback" in error.args["details"]


def test_a_bug_in_the_success_handler_is_shown_too(
    parent: QWidget, dialogs: ScriptedDialogService
) -> None:
    def broken(_result: object) -> None:
        raise KeyError("oops")

    handle = run_op(parent, lambda p: 1, broken)
    assert handle.wait(5000)
    assert "KeyError" in dialogs.errors[0].args["details"]


def test_cancelled_is_never_shown(parent: QWidget, dialogs: ScriptedDialogService) -> None:
    def work(progress: Progress) -> None:
        raise Cancelled()

    successes: list[object] = []
    handle = run_op(parent, work, successes.append)
    assert handle.wait(5000)
    assert handle.outcome == "cancelled"
    assert successes == [] and dialogs.calls == []


def test_slow_work_shows_progress_and_the_window_stays_responsive(
    qtbot, parent: QWidget, dialogs: ScriptedDialogService
) -> None:  # type: ignore[no-untyped-def]
    reported, release = threading.Event(), threading.Event()

    def work(progress: Progress) -> str:
        progress.report(50, 100)
        reported.set()
        release.wait(10)
        return "done"

    handle = run_op(parent, work, lambda _r: None, title="Hashing evidence")
    qtbot.waitUntil(lambda: handle.progress_dialog() is not None)
    dialog = handle.progress_dialog()
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.value() == STEPS // 2)
    assert dialog.labelText() == "Hashing evidence"
    assert dialog.findChild(QPushButton).text() == "Batal"
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))  # the GUI thread still runs its events
    qtbot.waitUntil(lambda: ticks == [1])
    assert not handle.is_finished()
    release.set()
    assert handle.wait(5000)
    assert handle.progress_dialog() is None or not dialog.isVisible()
    assert dialogs.calls == []


def test_cancel_button_of_the_progress_dialog_stops_the_work(
    qtbot, parent: QWidget, dialogs: ScriptedDialogService
) -> None:  # type: ignore[no-untyped-def]
    stopped_early = threading.Event()
    successes: list[object] = []

    def work(progress: Progress) -> None:
        for step in range(1_000_000):
            if progress.cancelled():
                stopped_early.set()
                raise Cancelled()
            progress.report(step, 1_000_000)
            threading.Event().wait(0.001)  # a chunk of real work

    handle = run_op(parent, work, successes.append, title="Long work")
    qtbot.waitUntil(lambda: handle.progress_dialog() is not None)
    dialog = handle.progress_dialog()
    assert dialog is not None
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(handle.sig_finished, timeout=5000) as finished:
        pass
    assert finished.args == ["cancelled"]
    assert stopped_early.is_set()
    assert successes == [] and dialogs.calls == []


def test_not_cancellable_work_has_no_cancel_button(
    qtbot, parent: QWidget, dialogs: ScriptedDialogService
) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    handle = run_op(parent, lambda p: release.wait(10), lambda _r: None, cancellable=False)
    qtbot.waitUntil(lambda: handle.progress_dialog() is not None)
    assert handle.progress_dialog().findChild(QPushButton) is None  # type: ignore[union-attr]
    handle.cancel()
    assert not handle.progress.cancelled()
    release.set()
    assert handle.wait(5000) and handle.outcome == "succeeded"


def test_handlers_are_skipped_when_the_parent_is_gone(
    qtbot, dialogs: ScriptedDialogService
) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    widget = QWidget()
    successes: list[object] = []
    handle = run_op(widget, lambda p: release.wait(10), successes.append)
    with qtbot.waitSignal(widget.destroyed):
        widget.deleteLater()
    release.set()
    assert handle.wait(5000)
    assert handle.outcome == "succeeded"
    assert successes == [] and dialogs.calls == []


def test_shutdown_cancels_running_work_and_waits_for_it(
    parent: QWidget, dialogs: ScriptedDialogService
) -> None:
    started, stopped = threading.Event(), threading.Event()

    def work(progress: Progress) -> None:
        started.set()
        while not progress.cancelled():
            threading.Event().wait(0.001)
        stopped.set()
        raise Cancelled()

    handle = run_op(parent, work, lambda _r: None)
    assert started.wait(5)
    assert shutdown(5000)
    assert stopped.is_set()
    assert handle.wait(5000) and handle.outcome == "cancelled"
    assert dialogs.calls == []


def test_operations_whose_handle_nobody_keeps_finish_safely(
    qtbot, parent: QWidget, dialogs: ScriptedDialogService
) -> None:  # type: ignore[no-untyped-def]
    # The last reference to a handle must not go while Qt still runs its slot: that deleted
    # the handle and its emitter under Qt's feet and crashed the interpreter now and then.
    results: list[int] = []
    for n in range(40):
        run_op(parent, lambda _progress, n=n: n, results.append)  # the handle is dropped
        gc.collect()
    qtbot.waitUntil(lambda: len(results) == 40)
    for _ in range(5):
        gc.collect()
        qtbot.wait(10)
    assert sorted(results) == list(range(40))
    assert dialogs.calls == []
