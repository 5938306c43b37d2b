"""Twenty devices upload at once, sharing evidence: every package imported once, each shared
file stored once, every receipt valid."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from intake_helpers import Server, attach, coordinator_workspace, evaluator, export, pdf_file
from sync_helpers import Person, make_person

from zi_desktop.sync.receipt import parse_receipt
from zi_desktop.transfer.upload import upload_package
from zi_desktop.transfer.values import UploadResult

DEVICES = 20
MB = 1_000_000


@pytest.fixture(scope="module")
def devices(tmp_path_factory: pytest.TempPathFactory) -> list[Person]:
    root = tmp_path_factory.mktemp("devices")
    return [
        make_person(root, f"d{n}", f"Evaluator {n}", f"1990010120200110{n:02d}", "anggota")
        for n in range(DEVICES)
    ]


@pytest.mark.slow
def test_twenty_devices_at_once(
    devices: list[Person], demo_template: Path, people: object, served: object, tmp_path: Path
) -> None:
    koor = people.koor  # type: ignore[attr-defined]
    shared = [pdf_file(tmp_path / f"shared-{n}.pdf", MB, f"shared-{n}") for n in range(2)]
    packages = []
    for n, person in enumerate(devices):
        ev = evaluator(demo_template, tmp_path / f"ws-{n}", person, f"{n:032x}")
        own = pdf_file(tmp_path / f"own-{n}.pdf", 200_000, f"own-{n}")
        attach(ev, "KPP-001", [*shared, own])
        packages.append(export(ev, ["KPP-001"], tmp_path / f"p{n}.zisync", koor.card))
    workspace = coordinator_workspace(tmp_path / "hub", [p.card for p in devices])
    server: Server = served(workspace=workspace)  # type: ignore[operator]
    results: dict[int, UploadResult] = {}
    errors: list[BaseException] = []

    def device(n: int) -> None:
        try:
            results[n] = upload_package(
                [packages[n]], server.url, devices[n].signer, timeout=60, retries=10
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=device, args=(n,)) for n in range(DEVICES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not errors and len(results) == DEVICES
    for n, result in results.items():
        receipt = parse_receipt(result.receipt)
        assert receipt.coordinator == koor.key_id and receipt.signer == devices[n].key_id
        assert receipt.result == "imported" and receipt.package == result.package
    server.stop()
    conn = sqlite3.connect(workspace / "zi.sqlite")
    try:
        hashes = [r[0] for r in conn.execute("SELECT manifest_sha256 FROM package_in")]
        stored = [r[0] for r in conn.execute("SELECT sha256 FROM stored_file")]
    finally:
        conn.close()
    assert sorted(hashes) == sorted(r.package for r in results.values())  # each once
    assert len(stored) == len(set(stored))
    evidence = [p.name for p in (workspace / "evidence").rglob("*") if len(p.name) == 64]
    assert len(evidence) == len(set(evidence)) == len(stored)
    assert not list((workspace / "intake" / "blobs").rglob("*/*"))
