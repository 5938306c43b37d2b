"""Shared by the intake tests: a real ``zi serve`` on loopback, packages with evidence, uploads.

Every server is a subprocess bound to 127.0.0.1 on port 0, started and stopped by the test
that uses it (SIGTERM, then SIGKILL after a bounded wait), so nothing is left running.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sync_helpers import PASSPHRASE, Person, copy_workspace

from zi_desktop.services import identity as idsvc
from zi_desktop.services.sync.export import export_package
from zi_desktop.services.workspace import Workspace

ZI = [sys.executable, "-m", "zi_desktop.cli.main", "--lang", "en"]
START_SECONDS = 30


def pdf_bytes(size: int, seed: str) -> bytes:
    """``size`` bytes that pass for a PDF: a header, then bytes derived from ``seed``."""
    out = bytearray(b"%PDF-1.4\n")
    counter = 0
    while len(out) < size:
        out += hashlib.sha512(f"{seed}/{counter}".encode()).digest() * 64
        counter += 1
    return bytes(out[:size])


def pdf_file(path: Path, size: int, seed: str) -> Path:
    path.write_bytes(pdf_bytes(size, seed))
    return path


class Server:
    """``zi serve`` on a coordinator workspace; :attr:`url` once it listens."""

    def __init__(self, workspace: Path, person: Person, log: Path, *extra: str) -> None:
        self.workspace, self.person, self.log, self.extra = workspace, person, log, extra
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""

    def start(self) -> Server:
        pw = self.log.with_suffix(".pw")
        pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
        cmd = [
            *ZI,
            "serve",
            "--workspace",
            str(self.workspace),
            "--port",
            "0",
            "--identity-dir",
            str(self.person.folder),
            "--passphrase-file",
            str(pw),
            *self.extra,
        ]
        err = open(self.log, "a", encoding="utf-8")  # noqa: SIM115 - handed to the child
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=err, text=True, stdin=subprocess.DEVNULL
        )
        err.close()
        assert self.proc.stdout is not None
        deadline = time.monotonic() + START_SECONDS
        line = ""
        while time.monotonic() < deadline and not line:
            line = self.proc.stdout.readline()
            if not line and self.proc.poll() is not None:
                break
        assert line.startswith("listening on http"), (line, self.log.read_text())
        self.url = line.split(" ", 2)[2].strip()
        return self

    def stop(self) -> int | None:
        """SIGTERM, wait up to 15 s (SIGKILL after); the exit status."""
        if self.proc is None:
            return None
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        if proc.stdout:
            proc.stdout.close()
        return proc.returncode

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            if self.proc.stdout:
                self.proc.stdout.close()
            self.proc = None

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])


@dataclass
class Evaluator:
    """An evaluator's workspace (a demo copy with its own device id) and their person."""

    folder: Path
    person: Person

    def open(self) -> Workspace:
        ws: Workspace = Workspace.open(self.folder, create=False)
        return ws


def evaluator(template: Path, folder: Path, person: Person, device: str) -> Evaluator:
    copy_workspace(template, folder, device).close()
    return Evaluator(folder, person)


def attach(ev: Evaluator, code: str, files: list[Path]) -> None:
    with ev.open() as ws:
        for n, path in enumerate(files):
            ws.attach_evidence(code, "tpi", "A.I.1.i.a", path, f"Bukti {n}")


def export(ev: Evaluator, codes: list[str], target: Path, to: Path, **kw: object) -> Path:
    with ev.open() as ws:
        export_package(
            ws, codes, target, ev.person.signer, to=to, identity_folder=ev.person.folder, **kw
        )  # type: ignore[arg-type]
    return target


def coordinator_workspace(folder: Path, cards: list[Path]) -> Path:
    with Workspace.open(folder) as ws:
        for card in cards:
            idsvc.trust_card(ws, card)
    return folder


def tree_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def intake_files(workspace: Path) -> dict[str, list[str]]:
    root = workspace / "intake"
    return {name: tree_files(root / name) for name in ("uploads", "blobs", "packages")}


def imported(workspace: Path, package: str) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{workspace / 'zi.sqlite'}?mode=ro", uri=True)
    try:
        (count,) = conn.execute(
            "SELECT count(*) FROM package_in WHERE manifest_sha256 = ?", (package,)
        ).fetchone()
        return int(count)
    finally:
        conn.close()


def env_for(person: Person) -> dict[str, str]:
    return dict(
        os.environ, ZI_LANG="en", ZI_IDENTITY_DIR=str(person.folder), PYTHONIOENCODING="utf-8"
    )
