"""Sync test set-up: people with keys (made once), the demo workspace, English messages."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from zi_desktop.i18n import get_language, set_language
from zi_desktop.services import identity as idsvc
from zi_desktop.services.demo import build_demo
from zi_desktop.services.workspace import Workspace

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from sync_helpers import People, copy_workspace, make_person  # noqa: E402


@pytest.fixture(scope="session")
def people(tmp_path_factory: pytest.TempPathFactory) -> People:
    root = tmp_path_factory.mktemp("people")
    return People(
        make_person(root, "dewi", "Dewi Lestari, S.E., Ak.", "198703152010122001", "anggota"),
        make_person(root, "agus", "Agus Pramono, S.H., M.H.", "197905062005011003", "ketua"),
        make_person(root, "koor", "Ir. Hendra Gunawan, M.M.", "197001011995031002", "koordinator"),
        make_person(root, "asing", "Orang Asing", "199001012020011001", "anggota"),
    )


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sync-demo") / "demo"
    build_demo(folder).close()
    return folder


@pytest.fixture
def evaluator(demo_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    """Dewi's workspace: the demo (three units, evidence, half a TPI evaluation)."""
    ws = copy_workspace(demo_template, tmp_path / "dewi-ws", "d" * 32)
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def coordinator(tmp_path: Path, people: People) -> Iterator[Workspace]:
    """The coordinator's empty workspace, with Dewi's and Agus's cards enrolled."""
    ws: Workspace = Workspace.open(tmp_path / "koor-ws")
    idsvc.trust_card(ws, people.dewi.card)
    idsvc.trust_card(ws, people.agus.card)
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def english() -> Iterator[None]:
    before = get_language()
    set_language("en")
    try:
        yield
    finally:
        set_language(before)
