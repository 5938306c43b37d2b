"""Fixtures of the UI tests: a demo workspace per test module, Indonesian by default."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets", reason="the UI tests need PySide6")

from zi_desktop.i18n import set_language
from zi_desktop.services.demo import build_demo
from zi_desktop.services.workspace import Workspace

WAIT_MS = 20_000  # pytest-qt waits 5 s by default; a loaded machine is slower, never wrong
_WAITS = ("waitSignal", "waitSignals", "waitUntil", "waitActive", "waitExposed", "waitCallback")


def _with_timeout(wait: Callable[..., Any], *args: Any, timeout: int = WAIT_MS, **kw: Any) -> Any:
    return wait(*args, timeout=timeout, **kw)


@pytest.fixture
def qtbot(qtbot: Any) -> Any:
    """pytest-qt's ``qtbot`` whose waits give up after 20 s unless a test says otherwise."""
    for name in _WAITS:
        setattr(qtbot, name, functools.partial(_with_timeout, getattr(qtbot, name)))
    return qtbot


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ui") / "demo"
    build_demo(folder).close()
    return folder


@pytest.fixture
def workspace(demo_folder: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A fresh copy of the demo workspace for each test."""
    copy = tmp_path / "ws"
    shutil.copytree(demo_folder, copy)
    ws: Workspace = Workspace.open(copy)
    yield ws
    ws.close()
    set_language("id")


@pytest.fixture(autouse=True)
def _own_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Settings, profile, key, default workspace and log in a folder of the test's own, never
    the user's (``platformdirs`` follows these variables on Linux)."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("ZI_IDENTITY_DIR", raising=False)
    return home


@pytest.fixture(autouse=True)
def _settle_background_work() -> Iterator[None]:
    """After each test: let background operations finish and deleted widgets go, so that no
    worker or half-deleted widget of one test meets the next one."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    from ui import ops

    ops.shutdown()
    app = QCoreApplication.instance()
    if app is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
