"""Nothing is sent twice: evidence the coordinator holds (from any package) is never sent
again, and offering an imported package again costs only the negotiation."""

from __future__ import annotations

from pathlib import Path

from fault_proxy import FaultProxy
from intake_helpers import Server, attach, export, imported, pdf_file
from sync_helpers import People

from zi_desktop.transfer.upload import upload_package

MB = 1_000_000


def test_a_second_units_package_sends_none_of_the_shared_evidence(
    dewi: object, server: Server, people: People, tmp_path: Path, koor_ws: Path
) -> None:
    shared = pdf_file(tmp_path / "shared.pdf", 3 * MB, "shared")
    attach(dewi, "RSUD-002", [shared])  # type: ignore[arg-type]
    attach(dewi, "KPP-001", [shared])  # type: ignore[arg-type]
    first = export(dewi, ["KPP-001"], tmp_path / "1.zisync", people.koor.card)  # type: ignore[arg-type]
    second = export(dewi, ["RSUD-002"], tmp_path / "2.zisync", people.koor.card)  # type: ignore[arg-type]
    assert upload_package([first], server.url, people.dewi.signer).status == "imported"
    proxy = FaultProxy(server.port)
    try:
        done = upload_package([second], proxy.url, people.dewi.signer)
    finally:
        proxy.close()
    assert done.status == "imported"
    assert done.bytes_skipped >= 3 * MB and done.files_skipped >= 1
    assert done.bytes_sent < 100_000  # the data files and small evidence only
    assert second.stat().st_size > 3 * MB and proxy.up + proxy.down < 100_000
    server.stop()
    assert imported(koor_ws, done.package) == 1


def test_the_same_package_twice_sends_only_the_negotiation_and_gets_the_same_receipt(
    package: Path, server: Server, people: People
) -> None:
    first = upload_package([package], server.url, people.dewi.signer)
    proxy = FaultProxy(server.port)
    try:
        again = upload_package([package], proxy.url, people.dewi.signer)
    finally:
        proxy.close()
    assert (again.status, again.bytes_sent, again.files_sent) == ("imported", 0, 0)
    assert again.receipt == first.receipt  # the same result, the same signed receipt
    assert proxy.up + proxy.down <= 4096
