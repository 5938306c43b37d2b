"""Refusals come before any file's byte is accepted, each with one reason code; a file whose
bytes do not match its name is refused and never stored."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import httpx
import pytest
from intake_helpers import Server, export, intake_files
from sync_helpers import People, kit_of

from zi_desktop.sync.frame import frame_of
from zi_desktop.sync.limits import DEFAULT
from zi_desktop.transfer.wire import PIECE, Refusal, Retry, Wire


def _cut(path: Path):  # type: ignore[no-untyped-def]
    with open(path, "rb") as handle:
        return frame_of(handle, path.stat().st_size, DEFAULT)


def _offer(server: Server, people: People, path: Path, who: str = "dewi") -> dict[str, object]:
    wire = Wire(server.url, 10)
    try:
        wire.login(getattr(people, who).signer)
        cut = _cut(path)
        return wire.offer(cut.package, cut.frame)
    finally:
        wire.close()


def _refused(server: Server, people: People, path: Path, who: str = "dewi") -> str:
    with pytest.raises(Refusal) as refusal:
        _offer(server, people, path, who)
    return refusal.value.code


def _nothing_kept(server: Server, koor_ws: Path) -> None:
    server.stop()
    assert intake_files(koor_ws) == {"uploads": [], "blobs": [], "packages": []}
    import sqlite3

    conn = sqlite3.connect(koor_ws / "zi.sqlite")
    try:
        assert conn.execute("SELECT count(*) FROM intake_session").fetchone() == (0,)
    finally:
        conn.close()


def test_login_needs_an_enrolled_key_and_a_fresh_signed_nonce(
    server: Server, people: People
) -> None:
    wire = Wire(server.url, 10)
    try:
        with pytest.raises(Refusal) as stranger:
            wire.login(people.stranger.signer)
        assert stranger.value.code == "unauthorized"
        assert wire.login(people.dewi.signer) == people.koor.key_id
        http = httpx.Client(base_url=server.url)
        challenge = http.post("/zi-intake/1/auth/challenge", json={"key_id": people.dewi.key_id})
        nonce = challenge.json()["nonce"]
        forged = base64.b64encode(bytes(64)).decode()
        bad = http.post(
            "/zi-intake/1/auth/token",
            json={"key_id": people.dewi.key_id, "nonce": nonce, "signature": forged},
        )
        assert bad.status_code == 401 and bad.headers["zi-reason"] == "unauthorized"
        again = http.post(
            "/zi-intake/1/auth/token",
            json={"key_id": people.dewi.key_id, "nonce": nonce, "signature": forged},
        )
        assert again.headers["zi-reason"] == "bad_nonce"  # a nonce is good for one try
        no_token = http.post("/zi-intake/1/sessions", json={})
        assert no_token.status_code == 401 and no_token.headers["zi-reason"] == "unauthorized"
        http.close()
    finally:
        wire.close()


def test_untrusted_signer(
    dewi: object, server: Server, people: People, tmp_path: Path, koor_ws: Path
) -> None:
    from dataclasses import replace

    strange = replace(dewi, person=people.stranger)  # type: ignore[type-var]
    path = export(strange, ["RSUD-002"], tmp_path / "s.zisync", people.koor.card)
    assert _refused(server, people, path) == "unknown_signer"
    _nothing_kept(server, koor_ws)


def test_wrong_recipient(
    dewi: object, server: Server, people: People, tmp_path: Path, koor_ws: Path
) -> None:
    path = export(dewi, ["RSUD-002"], tmp_path / "w.zisync", people.agus.card)  # type: ignore[arg-type]
    assert _refused(server, people, path) == "wrong_recipient"
    _nothing_kept(server, koor_ws)


def test_tampered_manifest(package: Path, server: Server, people: People, koor_ws: Path) -> None:
    data = package.read_bytes()
    at = data.index(b'"created":"') + len(b'"created":"')
    changed = b"1" if data[at : at + 1] != b"1" else b"2"  # another year, same length
    tampered = package.with_name("tampered.zisync")
    tampered.write_bytes(data[:at] + changed + data[at + 1 :])
    assert _refused(server, people, tampered) == "bad_signature"
    _nothing_kept(server, koor_ws)


def test_oversize(package: Path, served: object, people: People, koor_ws: Path) -> None:
    server = served("--max-package-mb", "1")  # type: ignore[operator]
    assert _refused(server, people, package) == "too_large"
    _nothing_kept(server, koor_ws)


def test_replayed_and_stale_sequences(
    dewi: object, server: Server, people: People, tmp_path: Path
) -> None:
    from zi_desktop.transfer.upload import upload_package

    first = export(dewi, ["RSUD-002"], tmp_path / "1.zisync", people.koor.card)  # type: ignore[arg-type]
    second = export(dewi, ["DUK-003"], tmp_path / "2.zisync", people.koor.card)  # type: ignore[arg-type]
    assert upload_package([second], server.url, people.dewi.signer).status == "imported"
    assert _refused(server, people, first) == "stale_sequence"
    kit = kit_of(second.read_bytes(), people.dewi.signer)
    kit.manifest["package_id"] = "f" * 32  # another package in the same place of the sequence
    fork = tmp_path / "fork.zisync"
    fork.write_bytes(kit.build())
    assert _refused(server, people, fork) == "replayed"


def test_the_session_limit_per_key_answers_429_with_retry_after(
    dewi: object, served: object, people: People, tmp_path: Path
) -> None:
    server = served("--sessions-per-device", "1")  # type: ignore[operator]
    one = export(dewi, ["RSUD-002"], tmp_path / "1.zisync", people.koor.card)  # type: ignore[arg-type]
    two = export(dewi, ["DUK-003"], tmp_path / "2.zisync", people.koor.card)  # type: ignore[arg-type]
    assert _offer(server, people, one)["status"] == "open"
    with pytest.raises(Retry) as busy:
        _offer(server, people, two)
    assert busy.value.retry_after is not None and busy.value.retry_after > 0


def _upload_bytes(
    server: Server, people: People, package: Path, data: bytes, pieces: str
) -> httpx.Response:
    doc = _offer(server, people, package)
    needed = max(doc["needed"], key=lambda n: n["size"])  # type: ignore[index]
    wire = Wire(server.url, 10)
    wire.login(people.dewi.signer)
    try:
        path, offset = wire.create(str(doc["session"]), needed["sha256"], needed["size"])
        assert len(data) == needed["size"] and offset == 0
        headers = {
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
            "Authorization": f"Bearer {wire.token}",
            "Zi-Pieces": pieces,
        }
        return httpx.patch(server.url + path, content=data, headers=headers, timeout=30)
    finally:
        wire.close()


def _pieces(data: bytes) -> str:
    digests = [
        base64.b64encode(hashlib.sha256(data[i : i + PIECE]).digest()).decode()
        for i in range(0, len(data), PIECE)
    ]
    return f"sha256 {PIECE} {','.join(digests)}"


def test_a_file_whose_bytes_do_not_match_its_name_is_never_stored(
    package: Path, server: Server, people: People, koor_ws: Path
) -> None:
    cut = _cut(package)
    biggest = max(cut.regions, key=lambda r: r.size)
    wrong = bytes(biggest.size)  # the right length, the wrong bytes: every piece checks out
    answer = _upload_bytes(server, people, package, wrong, _pieces(wrong))
    assert answer.status_code == 460 and answer.headers["zi-reason"] == "hash_mismatch"
    files = intake_files(koor_ws)
    assert files["blobs"] == [] and files["uploads"] == []


def test_a_damaged_piece_is_refused_and_the_offset_stays(
    package: Path, server: Server, people: People
) -> None:
    cut = _cut(package)
    biggest = max(cut.regions, key=lambda r: r.size)
    with open(package, "rb") as handle:
        handle.seek(biggest.offset)
        good = handle.read(biggest.size)
    damaged = bytearray(good)
    damaged[PIECE + 5] ^= 0x01
    answer = _upload_bytes(server, people, package, bytes(damaged), _pieces(good))
    print(answer.status_code, dict(answer.headers), len(damaged), biggest.size)
    assert answer.status_code == 460 and answer.headers["zi-reason"] == "checksum_mismatch"
    assert answer.headers["upload-offset"] == str(PIECE)  # the piece before it stays
