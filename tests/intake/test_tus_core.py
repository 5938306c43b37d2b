"""The tus request shapes one by one: offsets, termination, expiration, and clean-up."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from intake_helpers import Server, intake_files
from sync_helpers import People

from zi_desktop.sync.frame import frame_of
from zi_desktop.sync.limits import DEFAULT
from zi_desktop.transfer.wire import Gone, Wire


def _open(server: Server, people: People, package: Path) -> tuple[Wire, dict[str, object], bytes]:
    with open(package, "rb") as handle:
        cut = frame_of(handle, package.stat().st_size, DEFAULT)
    wire = Wire(server.url, 10)
    wire.login(people.dewi.signer)
    doc = wire.offer(cut.package, cut.frame)
    need = max(doc["needed"], key=lambda n: n["size"])  # type: ignore[index]
    region = next(r for r in cut.regions if r.sha256 == need["sha256"])
    blob = package.read_bytes()[region.offset : region.offset + region.size]
    return wire, {"session": doc["session"], **need}, blob


def test_offsets_conflicts_and_termination(package: Path, server: Server, people: People) -> None:
    wire, need, blob = _open(server, people, package)
    path, offset = wire.create(str(need["session"]), str(need["sha256"]), len(blob))
    assert offset == 0
    assert wire.patch_bytes(path, 0, blob[:300_000]) == 300_000
    assert wire.head(path) == 300_000
    headers = {
        "Tus-Resumable": "1.0.0",
        "Upload-Offset": "0",
        "Authorization": f"Bearer {wire.token}",
        "Content-Type": "application/offset+octet-stream",
    }
    stale = httpx.patch(server.url + path, content=b"x", headers=headers)
    assert stale.status_code == 409 and stale.headers["upload-offset"] == "300000"
    assert "upload-expires" in stale.headers
    gone = httpx.delete(
        server.url + path,
        headers={"Tus-Resumable": "1.0.0", "Authorization": f"Bearer {wire.token}"},
    )
    assert gone.status_code == 204
    with pytest.raises(Gone):
        wire.head(path)
    wire.close()


def test_unfinished_uploads_expire_and_are_cleaned_up(
    package: Path, served: object, people: People, koor_ws: Path
) -> None:
    server: Server = served("--expire-hours", "0.0005")  # type: ignore[operator]
    wire, need, blob = _open(server, people, package)
    path, _offset = wire.create(str(need["session"]), str(need["sha256"]), len(blob))
    wire.patch_bytes(path, 0, blob[:100_000])
    assert intake_files(koor_ws)["uploads"]
    time.sleep(3.5)  # expiry times are kept to the second
    with pytest.raises(Gone):  # 410 Gone
        wire.head(path)
    wire.close()
    server.stop()
    restarted: Server = served()  # type: ignore[operator]
    restarted.stop()  # a start sweeps what expired
    assert intake_files(koor_ws) == {"uploads": [], "blobs": [], "packages": []}
