"""Nothing acknowledged is lost: a writer killed with SIGKILL at random moments, 100+ times.

``durability_child.py`` changes answers and attaches evidence in a loop and prints a line
for every change only after the service call returned. The test kills it at a random moment,
then checks, on the same workspace whose state accumulates over the rounds, that every
acknowledged change is in the database, every evidence link points to a complete file that
hashes to its name, the database and the audit chain are intact and no temp file is taken for
a stored one. Children are started ahead of their round (they wait on stdin before opening
the workspace) so that Python start-up does not dominate the run time.

Also: a disk that fills up while evidence is copied leaves no trace.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import deque
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

import pytest
from sqlmodel import select
from workspace_helpers import LKE, UNIT, make_workspace

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.lke.loader import load_definition
from zi_desktop.lke.model import ItemType
from zi_desktop.services.workspace import Workspace
from zi_desktop.storage import evidence as evidence_module
from zi_desktop.storage.durable import TEMP_SUFFIX
from zi_desktop.storage.evidence import EvidenceStore
from zi_desktop.storage.tables import Evidence, StoredFile

CHILD = Path(__file__).resolve().parent / "durability_child.py"
ROUNDS = int(os.environ.get("ZI_DURABILITY_ROUNDS", "100"))
SEED = int(os.environ.get("ZI_DURABILITY_SEED", "20261124"))
AHEAD = 2  # children started ahead of their round
HEX64 = re.compile(r"^[0-9a-f]{64}$")
DEFINITION = load_definition(LKE)
DISK_FULL = "The disk is full while writing {path}. Free some space and try again."
IO_ERROR = "The disk reported an input/output error at {path}. Check the disk or USB stick."

REPO_ROOT = Path(__file__).resolve().parents[2]


class Child:
    """One writer process and the lines it has acknowledged so far."""

    def __init__(self, folder: Path, scratch: Path, seed: int, log: Path) -> None:
        self.seed = seed
        self.log = log
        self._stderr: IO[bytes] = open(log, "wb")  # noqa: SIM115 - closed in kill()
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(folder), str(scratch), str(seed)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            # the child runs the same checkout as this test, whatever the venv points at
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if not line.endswith("\n"):
                break  # a line cut by the kill was never acknowledged
            if line == "READY\n":
                self.ready.set()
            else:
                self.lines.append(line.rstrip("\n"))
        self.ready.set()

    def go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self._reader.join(30)
        if self.proc.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                self.proc.stdin.close()
        self._stderr.close()

    def errors(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]


def _expected(node: str, text: str) -> object:
    if text == "-":
        return None
    if node in DEFINITION.inputs:
        return int(text)
    if DEFINITION.items[node].type is ItemType.INDEX:
        return Fraction(Decimal(text))
    return text


def _acknowledged(lines: list[str]) -> tuple[dict[str, object], dict[int, str]]:
    answers: dict[str, object] = {}
    links: dict[int, str] = {}
    for line in lines:
        kind, first, second = line.split(" ", 2)
        if kind == "ANS":
            assert first not in answers, f"node {first} written twice in one run"
            answers[first] = _expected(first, second)
        elif kind == "EVD":
            links[int(first)] = second
        else:
            raise AssertionError(f"unexpected line from the child: {line!r}")
    return answers, links


class Tally:
    def __init__(self) -> None:
        self.answers = 0
        self.links = 0
        self.part_files = 0
        self.events = 0


def _check(folder: Path, answers: dict[str, object], links: dict[int, str], tally: Tally) -> None:
    """Everything acknowledged is there, and nothing is damaged or half-written."""
    conn = sqlite3.connect(folder / "zi.sqlite")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    store = EvidenceStore(folder / "evidence")
    listed = store.stored()
    assert all(HEX64.match(name) for name in listed)
    assert not any(name.endswith(TEMP_SUFFIX) for name in listed)
    tally.part_files += sum(1 for p in store.incoming.iterdir() if p.name.endswith(TEMP_SUFFIX))

    with Workspace.open(folder, create=False, actor="verifier") as ws:
        assert not any(p.name.endswith(TEMP_SUFFIX) for p in ws.store.incoming.iterdir())
        view = ws.open_assessment(UNIT.code)
        for node, value in answers.items():
            assert view.value("tpi", node) == value, node
        present = {e.id: e for e in view.evidence}
        for link_id, sha in links.items():
            assert link_id in present, f"acknowledged evidence link {link_id} is missing"
            assert present[link_id].sha256 == sha
        stored = ws.store.stored()
        with ws.reading() as s:
            rows = [(e.id, e.sha256) for e in s.exec(select(Evidence))]
            files = {f.sha256: f.size for f in s.exec(select(StoredFile))}
        for link_id, sha in rows:
            assert sha in stored and sha in files, f"link {link_id} points to a missing file"
        for sha, size in files.items():
            path = ws.store.path_of(sha)
            assert path.stat().st_size == size and ws.store.verify(sha), sha
        report = ws.verify_audit()
        assert report.ok, report
        assert report.events >= tally.events + len(links)
        tally.events = report.events
        (row,) = ws.list_units()
        assert row.answered_tpi == 127 - len(view.scores["tpi"].missing)
    tally.answers += len(answers)
    tally.links += len(links)


@pytest.mark.slow
def test_acknowledged_changes_survive_sigkill(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    make_workspace(folder).close()
    rng = random.Random(SEED)
    logs = tmp_path / "logs"
    logs.mkdir()
    started = time.monotonic()
    serial = iter(range(10**6))

    def spawn() -> Child:
        n = next(serial)
        seed = SEED + n
        return Child(folder, tmp_path / "scratch" / str(n), seed, logs / f"child-{n}.log")

    pool: deque[Child] = deque(spawn() for _ in range(AHEAD))
    tally = Tally()
    try:
        round_no = 0
        # A busy machine gets less done before each kill: run more rounds (up to three times
        # as many) until the kills have hit enough work, rather than checking too little.
        while round_no < ROUNDS or (not _enough(tally) and round_no < 3 * ROUNDS):
            round_no += 1
            child = pool.popleft()
            pool.append(spawn())
            child.go()
            assert child.ready.wait(120), f"round {round_no}: child not ready"
            assert child.proc.poll() is None, f"child died: {child.errors()}"
            time.sleep(rng.uniform(0.02, 0.4))
            alive = child.proc.poll() is None
            child.kill()
            assert alive, f"round {round_no}: child failed on its own:\n{child.errors()}"
            answers, links = _acknowledged(child.lines)
            try:
                _check(folder, answers, links, tally)
            except AssertionError as exc:
                raise AssertionError(f"round {round_no} (child seed {child.seed}): {exc}") from exc
    finally:
        for waiting in pool:
            waiting.kill()
    elapsed = time.monotonic() - started
    print(
        f"\n{round_no} kills in {elapsed:.1f} s: {tally.answers} acknowledged answers, "
        f"{tally.links} acknowledged evidence links, {tally.events} audit events, "
        f"{tally.part_files} temp files left by a kill"
    )
    assert _enough(tally), f"too little work: {tally.answers} answers, {tally.links} links"


def _enough(tally: Tally) -> bool:
    return tally.answers > ROUNDS and tally.links > ROUNDS // 4


# -- a full disk while evidence is copied ------------------------------------------------


def _failing_open(error: int) -> Any:
    real_open = open

    class Failing:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, block: bytes) -> int:
            self.handle.write(block[:100])
            raise OSError(error, os.strerror(error))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

    def fake_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(path, mode, *args, **kwargs)
        return Failing(handle) if "x" in mode or "w" in mode else handle

    return fake_open


def _failing(error: int) -> Any:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(error, os.strerror(error))

    return fail


@pytest.mark.parametrize(
    ("where", "error", "template"),
    [
        ("write", errno.ENOSPC, DISK_FULL),
        ("fsync", errno.ENOSPC, DISK_FULL),
        ("replace", errno.ENOSPC, DISK_FULL),
        ("write", errno.EIO, IO_ERROR),
    ],
    ids=["write-enospc", "fsync-enospc", "replace-enospc", "write-eio"],
)
def test_disk_full_during_attach_leaves_no_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: int, template: str
) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4\n" + os.urandom(20_000).hex().encode() + b"\n%%EOF\n")
    with make_workspace(tmp_path / "ws") as ws:
        ws.set_answer(UNIT.code, "tpi", "A.I.1.i.a", "Ya")
        events = ws.verify_audit().events
        if where == "write":
            monkeypatch.setattr(evidence_module, "open", _failing_open(error), raising=False)
        else:
            monkeypatch.setattr(evidence_module.os, where, _failing(error))
        with pytest.raises(UserFacingError) as err:
            ws.attach_evidence(UNIT.code, "tpi", "A.I.1.i.a", source, "Pindaian")
        monkeypatch.undo()
        assert err.value.message == _(template).format(path=ws.store.root)
        assert ws.open_assessment(UNIT.code).evidence == ()
        with ws.reading() as s:
            assert s.exec(select(Evidence)).all() == []
            assert s.exec(select(StoredFile)).all() == []
        assert ws.store.stored() == set()
        assert list(ws.store.incoming.iterdir()) == []
        assert not any(p.name.endswith(TEMP_SUFFIX) for p in ws.store.root.rglob("*"))
        report = ws.verify_audit()
        assert report.ok and report.events == events
        link = ws.attach_evidence(UNIT.code, "tpi", "A.I.1.i.a", source)  # space freed
        assert ws.store.verify(link.sha256)
