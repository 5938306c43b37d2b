"""Service test set-up: a small workspace, a copy of the demo workspace, English messages."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from zi_desktop.i18n import get_language, set_language
from zi_desktop.services.demo import build_demo
from zi_desktop.services.workspace import Workspace

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from workspace_helpers import make_workspace  # noqa: E402


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = make_workspace(tmp_path / "ws")
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once per session and closed; tests work on copies."""
    folder = tmp_path_factory.mktemp("demo-template") / "demo"
    build_demo(folder).close()
    return folder


@pytest.fixture
def demo_ws(demo_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)
    workspace: Workspace = Workspace.open(folder, create=False)
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English for the duration of one test (the suite default is Indonesian)."""
    before = get_language()
    set_language("en")
    try:
        yield
    finally:
        set_language(before)
