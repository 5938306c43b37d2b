"""Intake test set-up: people with keys, an evaluator with evidence, a coordinator's intake.

``served`` starts ``zi serve`` for a test on the coordinator's workspace (Dewi and Agus
enrolled) and stops it after; the packages are exported through the services.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent
for folder in (_HERE, _HERE.parent / "sync"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from intake_helpers import (  # noqa: E402
    Evaluator,
    Server,
    attach,
    coordinator_workspace,
    evaluator,
    export,
    pdf_file,
)
from sync_helpers import People, make_person  # noqa: E402

from zi_desktop.i18n import get_language, set_language  # noqa: E402
from zi_desktop.services.demo import build_demo  # noqa: E402

MB = 1_000_000


@pytest.fixture(scope="session")
def people(tmp_path_factory: pytest.TempPathFactory) -> People:
    root = tmp_path_factory.mktemp("intake-people")
    return People(
        make_person(root, "dewi", "Dewi Lestari, S.E., Ak.", "198703152010122001", "anggota"),
        make_person(root, "agus", "Agus Pramono, S.H., M.H.", "197905062005011003", "ketua"),
        make_person(root, "koor", "Ir. Hendra Gunawan, M.M.", "197001011995031002", "koordinator"),
        make_person(root, "asing", "Orang Asing", "199001012020011001", "anggota"),
    )


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("intake-demo") / "demo"
    build_demo(folder).close()
    return folder


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = get_language()
    set_language("en")
    try:
        yield
    finally:
        set_language(before)


@pytest.fixture
def dewi(demo_template: Path, tmp_path: Path, people: People) -> Evaluator:
    """Dewi's workspace: the demo, plus 6 MB of scanned evidence on KPP-001."""
    ev = evaluator(demo_template, tmp_path / "dewi-ws", people.dewi, "d" * 32)
    files = [pdf_file(tmp_path / f"scan-{n}.pdf", 2 * MB, f"dewi-{n}") for n in range(3)]
    attach(ev, "KPP-001", files)
    return ev


@pytest.fixture
def package(dewi: Evaluator, people: People, tmp_path: Path) -> Path:
    """Dewi's full package of KPP-001 to the coordinator (about 6 MB)."""
    return export(dewi, ["KPP-001"], tmp_path / "KPP-001.zisync", people.koor.card)


@pytest.fixture
def koor_ws(tmp_path: Path, people: People) -> Path:
    return coordinator_workspace(tmp_path / "koor-ws", [people.dewi.card, people.agus.card])


@pytest.fixture
def served(koor_ws: Path, people: People, tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start ``zi serve`` (extra options allowed); every server started is stopped after."""
    started: list[Server] = []

    def start(*extra: str, workspace: Path | None = None, person: object = None) -> Server:
        server = Server(
            workspace or koor_ws,
            person or people.koor,  # type: ignore[arg-type]
            tmp_path / f"serve-{len(started)}.log",
            *extra,
        )
        started.append(server)
        return server.start()

    try:
        yield start
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def server(served: Callable[..., Server]) -> Server:
    return served()
