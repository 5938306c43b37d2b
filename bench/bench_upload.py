"""Uploads to the coordinator's intake (``zi upload`` → ``zi serve``) on loopback.

One unit with 100 MB of scanned evidence (four files of pseudo-random bytes behind a PDF
header; ``--quick``: 16 MB) is exported as a package. Measured:

* **throughput**: the resumable upload's file phase (from the first byte sent to the last one
  confirmed, every piece checked and fsynced) against a plain HTTP PUT of the same bytes to the
  same server (streamed to a file, fsynced once): ratio of speeds, target ≥ 80 %; the best of
  three rounds (one with ``--quick``), each on a fresh coordinator;
* **bytes on the wire with three drops**: everything that crossed a proxy (both ways) that
  resets the connection after 25 %, 50 % and 75 % of the package, over the package's size;
  target ≤ 1.05;
* **re-upload**: everything that crossed the proxy when the same package is uploaded again
  after it was imported; target ≤ 4 KB;
* **memory**: peak RSS of ``zi upload`` and of ``zi serve`` for the package and for one an
  eighth its size; the difference must stay small (≤ 20 MB): memory does not grow with size.

The server runs in its own process (``bench/intake_server.py``: the intake plus the PUT
route); the clients run in this process, except for the memory measures.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from zi_desktop.services import identity as idsvc
from zi_desktop.services.sync import export as sync
from zi_desktop.services.workspace import Workspace
from zi_desktop.transfer.upload import upload_package
from zi_desktop.values.views import EvaluatorProfile, UnitInfo

from .core import Benchmark, peak_rss_of_subprocess, temp_dir
from .workspace_gen import LKE, YEAR, pdf_headed_file

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "intake"))
from fault_proxy import Fault, FaultProxy  # noqa: E402

MB = 1e6
PASS = "kata sandi benchmark"
UNIT = "U00001"
FILES = 4


def _people(folder: Path) -> None:
    for who, nip, role in (
        ("dewi", "198703152010122001", "anggota"),
        ("koor", "197001011995031002", "koordinator"),
    ):
        idsvc.create_identity(EvaluatorProfile(who, nip, role), PASS, folder / f"id-{who}")
        idsvc.export_card(folder / f"{who}.card", PASS, folder / f"id-{who}")
    (folder / "pw").write_text(PASS + "\n", encoding="utf-8")


def _package(folder: Path, total: int) -> Path:
    ws_folder = folder / f"dewi-{total}"
    with Workspace.open(ws_folder) as ws:
        ws.add_instansi("KAB-001", "Pemerintah Kabupaten Contoh")
        ws.add_unit(UnitInfo(UNIT, "Dinas Kesehatan", "KAB-001", "Pemerintah Kabupaten Contoh"))
        ws.start_assessment(UNIT, YEAR, LKE)
        for n in range(FILES):
            source = pdf_headed_file(folder / f"bukti-{n}.pdf", total // FILES)
            ws.attach_evidence(UNIT, "tpi", "A.I.1.i.a", source, f"Bukti {n}")
            source.unlink()
        target = folder / f"p-{total}.zisync"
        sync.export_package(
            ws, [UNIT], target, PASS, to=folder / "koor.card", identity_folder=folder / "id-dewi"
        )
    return target


def _coordinator(folder: Path, name: str) -> Path:
    ws_folder = folder / name
    with Workspace.open(ws_folder) as ws:
        idsvc.trust_card(ws, folder / "dewi.card")
    return ws_folder


class _Server:
    def __init__(self, folder: Path, workspace: Path, module: str = "bench.intake_server"):
        cmd = [
            sys.executable,
            "-m",
            module,
            "--workspace",
            str(workspace),
            "--identity-dir",
            str(folder / "id-koor"),
            "--passphrase-file",
            str(folder / "pw"),
        ]
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True, stderr=subprocess.DEVNULL
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"the intake did not start: {line!r}")
        self.url = line.split()[-1]
        self.port = int(self.url.rsplit(":", 1)[1])

    def peak_rss(self) -> int:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
        return int(line.split()[1]) * 1024

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def _key(folder: Path):  # type: ignore[no-untyped-def]
    return idsvc.signer(PASS, folder / "id-dewi")


def _put_seconds(url: str, package: Path) -> float:
    def chunks():  # type: ignore[no-untyped-def]
        with open(package, "rb") as handle:
            while chunk := handle.read(1 << 20):
                yield chunk

    start = time.perf_counter()
    answer = httpx.put(
        f"{url}/bench/put",
        content=chunks(),
        timeout=120,
        headers={"Content-Length": str(package.stat().st_size)},
    )
    elapsed = time.perf_counter() - start
    if answer.status_code != 204 or int(answer.headers["x-received"]) != package.stat().st_size:
        raise RuntimeError(f"the plain PUT failed: {answer.status_code}")
    return elapsed


def _upload_seconds(url: str, package: Path, folder: Path) -> tuple[float, int]:
    marks: dict[str, float] = {}

    def report(progress) -> None:  # type: ignore[no-untyped-def]
        marks.setdefault(progress.state, time.perf_counter())

    result = upload_package([package], url, _key(folder), report=report)
    if result.status != "imported":
        raise RuntimeError(f"upload ended {result.status}")
    return marks["committing"] - marks["sending"], result.bytes_sent


@functools.cache
def _measures(quick: bool) -> dict[str, float]:
    total = 16_000_000 if quick else 100_000_000
    out: dict[str, float] = {}
    with temp_dir() as folder:
        _people(folder)
        package = _package(folder, total)
        size = package.stat().st_size
        ratios = []
        for round_ in range(1 if quick else 3):
            server = _Server(folder, _coordinator(folder, f"koor-{round_}"))
            try:
                put = _put_seconds(server.url, package)
                upload, sent = _upload_seconds(server.url, package, folder)
            finally:
                server.stop()
            if sent < size - 1_000_000:
                raise RuntimeError(f"only {sent} of {size} bytes were sent")
            ratios.append(put / upload)
            out["put"], out["upload"] = size / MB / put, size / MB / upload
        out["ratio"] = max(ratios) * 100
        server = _Server(folder, _coordinator(folder, "koor-drops"))
        try:
            drops = [Fault("reset", size * q // 4) for q in (1, 2, 3)]
            proxy = FaultProxy(server.port, drops)
            try:
                upload_package([package], proxy.url, _key(folder), retries=8)
                if proxy.fired != ["reset"] * 3:
                    raise RuntimeError(f"drops fired: {proxy.fired}")
                out["drops"] = (proxy.up + proxy.down) / size
            finally:
                proxy.close()
            again = FaultProxy(server.port)
            try:
                upload_package([package], again.url, _key(folder))
                out["again"] = again.up + again.down
            finally:
                again.close()
        finally:
            server.stop()
    return out


@functools.cache
def _peaks(quick: bool) -> dict[str, float]:
    big = 16_000_000 if quick else 100_000_000
    out: dict[str, float] = {}
    with temp_dir() as folder:
        _people(folder)
        for label, total in (("big", big), ("small", big // 8)):
            package = _package(folder, total)
            server = _Server(folder, _coordinator(folder, f"koor-{label}"))
            try:
                cmd = [
                    sys.executable,
                    "-m",
                    "zi_desktop.cli.main",
                    "upload",
                    str(package),
                    "--server",
                    server.url,
                    "--identity-dir",
                    str(folder / "id-dewi"),
                    "--passphrase-file",
                    str(folder / "pw"),
                    "--workspace",
                    str(folder / f"dewi-{total}"),
                ]
                out[f"client-{label}"] = peak_rss_of_subprocess(cmd, cwd=ROOT) / MB
                out[f"server-{label}"] = server.peak_rss() / MB
            finally:
                server.stop()
            shutil.rmtree(folder / f"dewi-{total}", ignore_errors=True)
            os.unlink(package)
    return out


SIZE = "100 MB; --quick 16 MB"
BENCHMARKS = [
    Benchmark(f"upload: plain PUT, {SIZE}", "MB/s", lambda q: _measures(q)["put"]),
    Benchmark(f"upload: resumable upload, {SIZE}", "MB/s", lambda q: _measures(q)["upload"]),
    Benchmark("upload: speed vs plain PUT", "%", lambda q: _measures(q)["ratio"], 80.0, ">="),
    Benchmark(
        "upload: wire bytes / package, three drops",
        "ratio",
        lambda q: _measures(q)["drops"],
        1.05,
        "<=",
    ),
    Benchmark(
        "upload: re-upload of an imported package",
        "bytes",
        lambda q: _measures(q)["again"],
        4096.0,
        "<=",
    ),
    Benchmark(f"upload: client peak RSS, {SIZE}", "MB", lambda q: _peaks(q)["client-big"]),
    Benchmark(f"upload: server peak RSS, {SIZE}", "MB", lambda q: _peaks(q)["server-big"]),
    Benchmark(
        "upload: client peak RSS, big − eighth",
        "MB",
        lambda q: _peaks(q)["client-big"] - _peaks(q)["client-small"],
        20.0,
        "<=",
    ),
    Benchmark(
        "upload: server peak RSS, big − eighth",
        "MB",
        lambda q: _peaks(q)["server-big"] - _peaks(q)["server-small"],
        20.0,
        "<=",
    ),
]
