"""Unexpected errors outside the background operations reach the error dialog and the log."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QPushButton, QWidget
from scripted_dialogs import ScriptedDialogService, scripted_dialogs

from ui import app, crash
from ui import dialogs as dialog_module
from zi_desktop.services.app_log import LOG_NAME
from zi_desktop.storage.location import log_dir

pytestmark = [pytest.mark.qt, pytest.mark.qt_no_exception_capture]


@pytest.fixture
def dialogs() -> Iterator[ScriptedDialogService]:
    with scripted_dialogs() as service:
        yield service


@pytest.fixture
def button(qtbot: Any) -> QPushButton:
    """A button whose slot has a bug."""
    widget = QPushButton("Hitung")
    qtbot.addWidget(widget)

    def recount() -> None:
        raise ZeroDivisionError("no items to count")

    widget.clicked.connect(recount)
    return widget


def log_text(folder: Path) -> str:
    return (folder / LOG_NAME).read_text(encoding="utf-8")


def test_an_exception_in_a_slot_reaches_the_dialog_and_the_log(
    qtbot: Any, button: QPushButton, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    with crash.reporting(folder=tmp_path):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(dialogs.errors) == 1)
    [error] = dialogs.errors
    assert "tak terduga" in error.args["message"]  # Indonesian: "something unexpected"
    details = error.args["details"]
    assert "ZeroDivisionError: no items to count" in details
    assert "in recount" in details  # the traceback, for support
    assert details.endswith(f"Berkas log: {tmp_path / LOG_NAME}")
    logged = log_text(tmp_path)
    assert "ERROR ui.crash [MainThread] unexpected error:" in logged
    assert "Traceback" in logged and "ZeroDivisionError: no items to count" in logged


def test_an_exception_in_a_slot_run_by_the_event_loop_is_shown(
    qtbot: Any, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    def refresh() -> None:
        raise KeyError("KPP-001")

    with crash.reporting(folder=tmp_path):
        QTimer.singleShot(0, refresh)
        qtbot.waitUntil(lambda: len(dialogs.errors) == 1)
    assert "KeyError: 'KPP-001'" in dialogs.errors[0].args["details"]
    assert "KeyError: 'KPP-001'" in log_text(tmp_path)


class ThreadNoting(ScriptedDialogService):
    """Notes the thread each error dialog is shown on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []

    def error(self, parent: QWidget | None, message: str, details: str = "") -> None:
        self.threads.append(threading.current_thread())
        super().error(parent, message, details)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_exception_in_a_thread_is_shown_on_the_gui_thread(qtbot: Any, tmp_path: Path) -> None:
    def index_files() -> None:
        raise OSError("the evidence folder went away")

    previous, noting = dialog_module.get_service(), ThreadNoting()
    dialog_module.set_service(noting)
    try:
        with crash.reporting(folder=tmp_path):
            worker = threading.Thread(target=index_files, name="indexer")
            worker.start()
            worker.join()
            qtbot.waitUntil(lambda: len(noting.errors) == 1)
    finally:
        dialog_module.set_service(previous)
    assert noting.threads == [threading.main_thread()]
    assert "OSError: the evidence folder went away" in noting.errors[0].args["details"]
    assert "ERROR ui.crash [indexer] unexpected error:" in log_text(tmp_path)


def test_the_same_bug_is_shown_once_and_logged_each_time(
    qtbot: Any, button: QPushButton, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    with crash.reporting(folder=tmp_path):
        for _ in range(3):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        QCoreApplication.sendPostedEvents()  # all three reports reach the GUI thread's loop
    assert len(dialogs.errors) == 1
    assert log_text(tmp_path).count("ZeroDivisionError: no items to count") == 3


def test_without_dialogs_a_bug_is_only_logged(
    qtbot: Any, button: QPushButton, dialogs: ScriptedDialogService, tmp_path: Path
) -> None:
    with crash.reporting(dialogs=False, folder=tmp_path):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialogs.calls == []
    assert "ZeroDivisionError: no items to count" in log_text(tmp_path)


def test_the_hooks_before_come_back_after_the_run(tmp_path: Path) -> None:
    before = sys.excepthook, threading.excepthook
    with crash.reporting(dialogs=False, folder=tmp_path) as reporter:
        assert sys.excepthook == reporter.excepthook
        assert threading.excepthook == reporter.thread_excepthook
    assert (sys.excepthook, threading.excepthook) == before


def test_the_window_logs_and_shows_an_error_that_ends_its_run(
    monkeypatch: pytest.MonkeyPatch, dialogs: ScriptedDialogService, _own_settings: Path
) -> None:
    def broken_start(args: object) -> int:
        raise RuntimeError("the window could not be built")

    monkeypatch.setattr(app, "_run", broken_start)
    with pytest.raises(RuntimeError):
        app.main(["--workspace", str(_own_settings / "ws")])
    assert "RuntimeError: the window could not be built" in dialogs.errors[0].args["details"]
    log = log_dir() / LOG_NAME  # the platform's log folder (here in the test's own home)
    assert log.is_relative_to(_own_settings)
    assert "RuntimeError: the window could not be built" in log.read_text(encoding="utf-8")
