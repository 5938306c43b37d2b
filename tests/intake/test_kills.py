"""Kills: the client killed at random moments (≥ 30 times) and run again until done; the
intake killed mid-upload and restarted — it reports the fsynced bytes, none acknowledged lost.

The client runs in a forked child (the real upload code in a real process, killed with
SIGKILL), so that thirty runs do not pay thirty interpreter start-ups.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import threading
import time
from pathlib import Path

import pytest
from fault_proxy import FaultProxy
from intake_helpers import Server, imported, intake_files
from sync_helpers import People

from zi_desktop.sync.receipt import parse_receipt
from zi_desktop.transfer.journal import journal_path
from zi_desktop.transfer.upload import upload_package
from zi_desktop.transfer.values import NetworkUnavailable, UploadControl
from zi_desktop.transfer.wire import PIECE, Wire

KILLS = 30
RATE_KBPS = 3_000  # 375 kB/s: thirty short runs cannot send the whole 6 MB package


def _child(package: Path, url: str, people: People, out: Path, rate: int) -> None:
    result = upload_package(
        [package], url, people.dewi.signer, timeout=5, control=UploadControl(rate_kbps=rate)
    )
    out.write_text(json.dumps({"status": result.status}))
    os._exit(0)


@pytest.mark.slow
def test_the_client_killed_thirty_times_finishes_the_upload(
    package: Path, server: Server, people: People, koor_ws: Path, tmp_path: Path
) -> None:
    fork = multiprocessing.get_context("fork")
    proxy = FaultProxy(server.port)
    chance = random.Random(20261204)
    out = tmp_path / "result.json"
    kills = runs = 0
    try:
        while not out.exists() and runs < KILLS + 10:
            runs += 1
            rate = RATE_KBPS if kills < KILLS else 0  # the last run at full speed
            child = fork.Process(target=_child, args=(package, proxy.url, people, out, rate))
            child.start()
            if kills < KILLS:
                child.join(chance.uniform(0.05, 0.6))
                if child.is_alive():
                    child.kill()
                    kills += 1
            child.join(60)
            assert not child.is_alive()
        size = package.stat().st_size
        assert kills >= KILLS and out.exists()
        assert json.loads(out.read_text())["status"] == "imported"
        # each kill may lose the piece being checked and what was in the buffers
        assert proxy.up <= size + runs * 64 * 1024 + kills * (PIECE + (128 + 2048) * 1024)
    finally:
        proxy.close()
    receipt = parse_receipt(package.with_name(package.name + ".receipt").read_bytes())
    assert receipt.result == "imported" and not journal_path(package).exists()
    server.stop()
    assert imported(koor_ws, receipt.package) == 1
    assert intake_files(koor_ws) == {"uploads": [], "blobs": [], "packages": []}


def _uploads(koor_ws: Path) -> dict[str, int]:
    folder = koor_ws / "intake" / "uploads"
    return {p.name: p.stat().st_size for p in folder.iterdir()} if folder.is_dir() else {}


def test_the_intake_killed_mid_upload_loses_no_acknowledged_byte(
    package: Path, served: object, people: People, koor_ws: Path
) -> None:
    server: Server = served()  # type: ignore[operator]
    control = UploadControl(rate_kbps=20_000)
    failed: list[BaseException] = []

    def run() -> None:
        try:
            upload_package(
                [package], server.url, people.dewi.signer, retries=1, timeout=3, control=control
            )
        except NetworkUnavailable as down:
            failed.append(down)

    thread = threading.Thread(target=run)
    thread.start()
    journal = journal_path(package)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # wait until the intake confirmed a few MB
        confirmed = json.loads(journal.read_text())["confirmed"] if journal.exists() else {}
        if sum(confirmed.values()) > 2_000_000:
            break
        time.sleep(0.05)
    server.kill()
    thread.join(60)
    assert not thread.is_alive() and failed, "the client gave up: the network was gone"
    acknowledged = json.loads(journal.read_text())
    on_disk = _uploads(koor_ws)
    restarted: Server = served()  # type: ignore[operator]
    wire = Wire(restarted.url, 10)
    try:
        wire.login(people.dewi.signer)
        for sha, path in acknowledged["uploads"].items():
            offset = wire.head(path)
            upload_id = path.rsplit("/", 1)[1]
            assert offset >= acknowledged["confirmed"].get(sha, 0)  # nothing acknowledged lost
            if upload_id in on_disk:  # a file still being uploaded: its fsynced bytes
                assert offset == on_disk[upload_id] == _uploads(koor_ws)[upload_id]
    finally:
        wire.close()
    done = upload_package([package], restarted.url, people.dewi.signer)
    assert done.status == "imported" and done.bytes_skipped >= 2_000_000
