"""Signed sync packages: export and verify 1 GiB of evidence, against ``sha256sum``.

A workspace with one unit holds 1 GiB of generated evidence (four PDF-headed files of
pseudo-random bytes, as scanned documents are: already compressed, so stored in the package,
not deflated). The package is exported through the services (streamed, hashed, CRC'd, fsynced)
and verified (every file streamed and hashed); each is compared with the throughput of the
system ``sha256sum`` over the same package file (targets: export ≥ 50 %, verify ≥ 70 %).
Peak memory is measured in fresh processes running ``zi export`` and ``zi verify`` on the big
workspace and on one with an eighth of the evidence: the difference must stay small (≤ 20 MB),
i.e. memory does not grow with evidence size. ``--quick`` uses 128 MiB (and 16 MiB). Python's
own SHA-256 speed is reported as a second, informational baseline.
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

from zi_desktop.services import identity as idsvc
from zi_desktop.services.sync import export as sync
from zi_desktop.services.sync import importer as sync_import
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import EvaluatorProfile, UnitInfo

from .core import Benchmark, peak_rss_of_subprocess, sha256sum_throughput, temp_dir
from .workspace_gen import LKE, YEAR, pdf_headed_file

ROOT = Path(__file__).resolve().parent.parent
MB = 1e6
GIB = 2**30
PASS = "kata sandi benchmark"
UNIT = "U00001"
FILES = 4


def _people(folder: Path) -> tuple[Path, Path]:
    """(Dewi's identity folder, the coordinator's card)."""
    for who, nip, role in (
        ("dewi", "198703152010122001", "anggota"),
        ("koor", "197001011995031002", "koordinator"),
    ):
        idsvc.create_identity(EvaluatorProfile(who, nip, role), PASS, folder / f"id-{who}")
    idsvc.export_card(folder / "koor.card", PASS, folder / "id-koor")
    idsvc.export_card(folder / "dewi.card", PASS, folder / "id-dewi")
    (folder / "pw").write_text(PASS + "\n", encoding="utf-8")
    return folder / "id-dewi", folder / "koor.card"


def _workspace(folder: Path, total: int) -> Path:
    """A workspace with one unit and ``total`` bytes of evidence in FILES files."""
    ws_folder = folder / f"ws-{total}"
    with Workspace.open(ws_folder) as ws:
        ws.add_instansi("KAB-001", "Pemerintah Kabupaten Contoh")
        ws.add_unit(UnitInfo(UNIT, "Dinas Kesehatan", "KAB-001", "Pemerintah Kabupaten Contoh"))
        ws.start_assessment(UNIT, YEAR, LKE)
        ws.set_setting("evidence_max_bytes", GIB)
    with Workspace.open(ws_folder) as ws:
        for n in range(FILES):
            source = pdf_headed_file(folder / f"bukti-{n}.pdf", total // FILES)
            ws.attach_evidence(UNIT, "tpi", "A.I.1.i.a", source, f"Bukti {n}")
            source.unlink()
    return ws_folder


@functools.cache
def _rates(quick: bool) -> dict[str, float]:
    total = 128 * 2**20 if quick else GIB
    out: dict[str, float] = {}
    with temp_dir() as folder:
        identity, card = _people(folder)
        start = time.perf_counter()
        workspace = _workspace(folder, total)
        print(
            f"  made {total / MB:,.0f} MB of evidence in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
        package = folder / "p.zisync"
        with Workspace.open(workspace) as ws:
            start = time.perf_counter()
            done = sync.export_package(ws, [UNIT], package, PASS, to=card, identity_folder=identity)
            out["export"] = done.size / MB / (time.perf_counter() - start)
        if done.evidence_bytes != total:
            raise RuntimeError(f"exported {done.evidence_bytes} of {total} evidence bytes")
        start = time.perf_counter()
        report = sync_import.verify_package(package, cards=[folder / "dewi.card"])
        out["verify"] = package.stat().st_size / MB / (time.perf_counter() - start)
        if report.evidence_bytes != total:
            raise RuntimeError("verify saw other evidence than was exported")
        out["sha256sum"] = sha256sum_throughput(package)
        out["hashlib"] = _hashlib_rate(package)
        out["size"] = package.stat().st_size / MB
    return out


def _hashlib_rate(path: Path) -> float:
    """MB/s of Python's hashlib SHA-256 (OpenSSL) over ``path`` from the page cache.

    A second baseline: where coreutils ``sha256sum`` does not use the CPU's SHA instructions
    and OpenSSL does, the ratios to ``sha256sum`` flatter the package code.
    """
    import hashlib

    start = time.perf_counter()
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(2**20):
            digest.update(chunk)
    return path.stat().st_size / MB / (time.perf_counter() - start)


def _zi(*args: str) -> list[str]:
    return [sys.executable, "-m", "zi_desktop.cli.main", "--lang", "en", *args]


@functools.cache
def _peaks(quick: bool) -> dict[str, float]:
    """Peak RSS (MB) of ``zi export`` and ``zi verify`` on a big and a small workspace."""
    big = 128 * 2**20 if quick else GIB
    out: dict[str, float] = {}
    with temp_dir() as folder:
        identity, card = _people(folder)
        for label, total in (("big", big), ("small", big // 8)):
            workspace = _workspace(folder, total)
            package = folder / f"{label}.zisync"
            out[f"export-{label}"] = (
                peak_rss_of_subprocess(
                    _zi(
                        "export",
                        "--unit",
                        UNIT,
                        "--to",
                        str(card),
                        "-o",
                        str(package),
                        "--passphrase-file",
                        str(folder / "pw"),
                        "--identity-dir",
                        str(identity),
                        "--workspace",
                        str(workspace),
                    ),
                    cwd=ROOT,
                )
                / MB
            )
            out[f"verify-{label}"] = (
                peak_rss_of_subprocess(
                    _zi("verify", str(package), "--trust", str(folder / "dewi.card")), cwd=ROOT
                )
                / MB
            )
            package.unlink()
    return out


SIZES = "1 GiB; --quick 128 MiB"
BENCHMARKS = [
    Benchmark(f"sync: export {SIZES}", "MB/s", lambda q: _rates(q)["export"]),
    Benchmark(f"sync: verify {SIZES}", "MB/s", lambda q: _rates(q)["verify"]),
    Benchmark("sync: sha256sum same package", "MB/s", lambda q: _rates(q)["sha256sum"]),
    Benchmark("sync: hashlib SHA-256 same package", "MB/s", lambda q: _rates(q)["hashlib"]),
    Benchmark(
        "sync: verify / hashlib speed",
        "ratio",
        lambda q: _rates(q)["verify"] / _rates(q)["hashlib"],
    ),
    Benchmark(
        "sync: export / sha256sum speed",
        "ratio",
        lambda q: _rates(q)["export"] / _rates(q)["sha256sum"],
        0.5,
        ">=",
    ),
    Benchmark(
        "sync: verify / sha256sum speed",
        "ratio",
        lambda q: _rates(q)["verify"] / _rates(q)["sha256sum"],
        0.7,
        ">=",
    ),
    Benchmark(f"sync: export peak RSS, {SIZES}", "MB", lambda q: _peaks(q)["export-big"]),
    Benchmark(f"sync: verify peak RSS, {SIZES}", "MB", lambda q: _peaks(q)["verify-big"]),
    Benchmark(
        "sync: export peak RSS, big − eighth",
        "MB",
        lambda q: _peaks(q)["export-big"] - _peaks(q)["export-small"],
        20.0,
        "<=",
    ),
    Benchmark(
        "sync: verify peak RSS, big − eighth",
        "MB",
        lambda q: _peaks(q)["verify-big"] - _peaks(q)["verify-small"],
        20.0,
        "<=",
    ),
]
