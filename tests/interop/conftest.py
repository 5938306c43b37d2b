"""Interop test set-up: a workspace with one assessed unit, English messages, the form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from interop_data import LKE, UNIT

from zi_desktop.i18n import get_language, set_language
from zi_desktop.lke.loader import load_definition
from zi_desktop.lke.model import Definition
from zi_desktop.services.workspace import Workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = get_language()
    set_language("en")
    try:
        yield
    finally:
        set_language(before)


@pytest.fixture
def definition() -> Definition:
    return load_definition(LKE)


@pytest.fixture
def ws_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    ws: Workspace = Workspace.open(folder, actor="tester")
    try:
        ws.add_instansi(UNIT.instansi_code, UNIT.instansi_name)
        ws.add_unit(UNIT)
        ws.start_assessment(UNIT.code, 2026, LKE)
    finally:
        ws.close()
    return folder


@pytest.fixture
def ws(ws_folder: Path) -> Iterator[Workspace]:
    workspace: Workspace = Workspace.open(ws_folder, create=False, actor="tester")
    try:
        yield workspace
    finally:
        workspace.close()
