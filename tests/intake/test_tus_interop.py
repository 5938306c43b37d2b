"""The tus reference client for Python (tuspy) resumes an upload against the blob endpoint."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from intake_helpers import Server, imported
from sync_helpers import People
from tusclient.client import TusClient
from tusclient.uploader import Uploader

from zi_desktop.sync.frame import frame_of
from zi_desktop.sync.limits import DEFAULT
from zi_desktop.transfer.wire import Wire


class Sha256Uploader(Uploader):
    """tuspy with the checksum extension, in the algorithm the intake takes."""

    CHECKSUM_ALGORITHM_PAIR = ("sha256", hashlib.sha256)


def test_tuspy_uploads_and_resumes_every_file_then_the_package_imports(
    package: Path, server: Server, people: People, koor_ws: Path
) -> None:
    with open(package, "rb") as handle:
        cut = frame_of(handle, package.stat().st_size, DEFAULT)
    wire = Wire(server.url, 10)
    wire.login(people.dewi.signer)
    session = wire.offer(cut.package, cut.frame)
    client = TusClient(
        f"{server.url}/zi-intake/1/blobs", headers={"Authorization": f"Bearer {wire.token}"}
    )
    data = package.read_bytes()
    regions = {r.sha256: r for r in cut.regions}
    resumed = 0
    for need in session["needed"]:
        region = regions[need["sha256"]]
        blob = data[region.offset : region.offset + region.size]
        meta = {"session": session["session"], "sha256": region.sha256}
        first = Sha256Uploader(
            file_stream=io.BytesIO(blob),
            client=client,
            metadata=meta,
            chunk_size=256 * 1024,
            upload_checksum=True,
        )
        half = len(blob) // 2
        if half:
            first.upload(stop_at=half)  # the link drops here
        else:
            first.upload()
            continue
        again = Sha256Uploader(
            file_stream=io.BytesIO(blob),
            client=client,
            url=first.url,
            chunk_size=256 * 1024,
            upload_checksum=True,
        )
        assert again.offset >= half  # learnt from the intake with HEAD
        resumed += 1
        again.upload()
        assert again.offset == len(blob)
    assert resumed >= 3
    done = wire.commit(session["session"])
    wire.close()
    assert done["status"] == "imported" and done["receipt"]
    server.stop()
    assert imported(koor_ws, cut.package) == 1


def test_options_announce_the_tus_subset(server: Server) -> None:
    import httpx

    answer = httpx.options(f"{server.url}/zi-intake/1/blobs")
    assert answer.status_code == 204
    assert answer.headers["tus-version"] == "1.0.0"
    assert answer.headers["tus-extension"] == "creation,expiration,termination,checksum"
    assert answer.headers["tus-checksum-algorithm"] == "sha256"
