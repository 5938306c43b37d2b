"""Uploads through a link that fails: every case ends imported with a valid receipt, or with
"network unavailable" and a journal that the next run completes; the bytes that crossed the
link stay within the package, the protocol's own bytes, and what was in flight at each fault."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_proxy import Fault, FaultProxy
from intake_helpers import Server, imported, intake_files
from sync_helpers import People

from zi_desktop.sync.receipt import parse_receipt
from zi_desktop.transfer.journal import journal_path
from zi_desktop.transfer.upload import upload_package
from zi_desktop.transfer.values import NetworkUnavailable
from zi_desktop.transfer.wire import PIECE

PROTOCOL = 64 * 1024  # login, session, frame, commit and the headers of every request
# Per fault: the piece being checked, the proxy's two socket buffers, and the intake's
# receive buffer (zi serve asks for 1 MiB; Linux doubles it).
IN_FLIGHT = PIECE + 2 * 64 * 1024 + 2 * 1024 * 1024
MB = 1_000_000


@pytest.fixture
def proxied(server: Server) -> Iterator[FaultProxy]:
    proxies: list[FaultProxy] = []

    def make(*faults: Fault) -> FaultProxy:
        proxy = FaultProxy(server.port, list(faults))
        proxies.append(proxy)
        return proxy

    yield make  # type: ignore[misc]
    for proxy in proxies:
        proxy.close()


def _run(package: Path, proxy: FaultProxy, people: People, retries: int = 6) -> str:
    try:
        result = upload_package(
            [package], proxy.url, people.dewi.signer, retries=retries, timeout=2.0
        )
    except NetworkUnavailable:
        assert journal_path(package).is_file()
        return "unavailable"
    receipt = parse_receipt(result.receipt_path.read_bytes())
    assert receipt.coordinator == people.koor.key_id and receipt.package == result.package
    return result.status


CASES = {
    "reset": [Fault("reset", 1 * MB), Fault("reset", 3 * MB)],
    "stall": [Fault("stall", 2 * MB, seconds=6)],
    "truncated answer": [Fault("truncate", 2 * MB), Fault("truncate", 4 * MB)],
    "slow drip": [Fault("drip", 1 * MB, seconds=1.5, rate=200_000)],
    "refused": [Fault("refuse", 2 * MB, seconds=2)],
    "corrupted byte": [Fault("corrupt", 2 * MB + 777), Fault("corrupt", 5 * MB)],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_fault_ends_imported_within_the_byte_budget(
    case: str, package: Path, proxied: object, people: People, koor_ws: Path, server: Server
) -> None:
    faults = CASES[case]
    proxy = proxied(*faults)  # type: ignore[operator]
    outcomes = [_run(package, proxy, people)]
    while outcomes[-1] == "unavailable" and len(outcomes) < 4:
        outcomes.append(_run(package, proxy, people))
    assert outcomes[-1] == "imported", outcomes
    assert proxy.fired == [f.kind for f in faults]
    size = package.stat().st_size
    assert proxy.up <= size + PROTOCOL * len(outcomes) + IN_FLIGHT * len(faults), (
        proxy.up,
        size,
    )
    package_hash = parse_receipt(package.with_name(package.name + ".receipt").read_bytes())
    server.stop()
    assert imported(koor_ws, package_hash.package) == 1
    assert intake_files(koor_ws)["blobs"] == []


def test_a_dead_link_is_exit_unavailable_and_the_journal_completes_later(
    package: Path, proxied: object, people: People, server: Server
) -> None:
    proxy = proxied(Fault("refuse", 3 * MB, seconds=8))  # type: ignore[operator]
    assert _run(package, proxy, people, retries=1) == "unavailable"
    journal = journal_path(package).read_text()
    assert '"session"' in journal and '"confirmed"' in journal
    proxy.close()
    healthy = proxied()  # type: ignore[operator]
    assert _run(package, healthy, people) == "imported"
    assert healthy.up < package.stat().st_size - 2 * MB  # the confirmed part was not sent again
    assert not journal_path(package).exists()
