"""Files and paths that would carry data out of, or into, a workspace unseen: links attached as
evidence, workspace folders that are links, evidence named to run when opened, sniffing that
reads whole archive members, and exports that fail half-way."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from zi_desktop.errors import UserFacingError
from zi_desktop.services import identity as idsvc
from zi_desktop.services.demo import build_demo
from zi_desktop.services.sync import export as sync
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import EvaluatorProfile

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="links and /proc as on Linux")
PASSPHRASE = "kata sandi rahasia"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace: Workspace = build_demo(tmp_path / "ws")
    yield workspace
    workspace.close()


def _stored(ws: Workspace) -> set[str]:
    return ws.store.stored()


# -- 11. links are never attached ---------------------------------------------------------------


@pytest.mark.parametrize("target", ["key file", "system file", "link to a link", "dangling"])
def test_a_symbolic_link_is_never_attached(ws: Workspace, tmp_path: Path, target: str) -> None:
    secret = tmp_path / "identity.json"
    secret.write_text('{"sealed": "a private key file"}', encoding="utf-8")
    link = tmp_path / "bukti.txt"
    if target == "key file":
        link.symlink_to(secret)
    elif target == "system file":
        link.symlink_to("/etc/hostname" if Path("/etc/hostname").exists() else "/etc/passwd")
    elif target == "link to a link":
        middle = tmp_path / "middle.txt"
        middle.symlink_to(secret)
        link.symlink_to(middle)
    else:
        link.symlink_to(tmp_path / "gone.txt")
    before = _stored(ws)
    evidence_before = len(ws.open_assessment("KPP-001").evidence)
    with pytest.raises(
        UserFacingError, match="symbolic link|tautan simbolik|File not found|tidak ditemukan"
    ):
        ws.attach_evidence("KPP-001", "tpi", "A.I.1.i.a", link)
    assert _stored(ws) == before
    assert len(ws.open_assessment("KPP-001").evidence) == evidence_before


def test_the_file_itself_is_still_attached(ws: Workspace, tmp_path: Path) -> None:
    real = tmp_path / "notulen.txt"
    real.write_text("Notulen rapat tim ZI.", encoding="utf-8")
    view = ws.attach_evidence("KPP-001", "tpi", "A.I.1.i.a", real)
    assert view.file_name == "notulen.txt"


# -- 12. a workspace's folders are never links --------------------------------------------------


@pytest.mark.parametrize("inner", ["evidence", "backups", "exports", "evidence/incoming", "fan"])
def test_a_workspace_whose_folder_is_a_link_is_refused(tmp_path: Path, inner: str) -> None:
    folder = tmp_path / "ws"
    build_demo(folder).close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if inner == "fan":
        inner = "evidence/" + next(
            p.name for p in (folder / "evidence").iterdir() if len(p.name) == 2
        )
    path = folder / inner
    if path.exists():
        os.rename(path, elsewhere / "moved")
    path.symlink_to(elsewhere)
    with pytest.raises(UserFacingError, match="symbolic link|tautan simbolik"):
        Workspace.open(folder, create=False)
    assert list(elsewhere.iterdir()) in ([], [elsewhere / "moved"])  # nothing written there


# -- 13. evidence is stored and opened under a name its content allows --------------------------


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        ("laporan.hta", b"<script>alert(1)</script>", "laporan.hta.txt"),
        ("jalankan.bat", b"del /q *.*\r\n", "jalankan.bat.txt"),
        ("skrip.js", b"WScript.Echo(1)", "skrip.js.txt"),
        ("makro.vbs", b"MsgBox 1", "makro.vbs.txt"),
        ("halaman.html", b"<html><script>x()</script></html>", "halaman.html.txt"),
        ("gambar.exe", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "gambar.exe.png"),
        ("data.csv", b"a;b\n1;2\n", "data.csv"),
        ("surat.pdf", b"%PDF-1.4\n%%EOF\n", "surat.pdf"),
    ],
)
def test_evidence_is_stored_under_an_extension_its_content_has(
    ws: Workspace, tmp_path: Path, name: str, content: bytes, stored: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    view = ws.attach_evidence("KPP-001", "tpi", "A.I.1.i.a", source)
    assert view.file_name == stored
    links = [e for e in ws.open_assessment("KPP-001").evidence if e.sha256 == view.sha256]
    assert links and all(e.file_name == stored for e in links)


# -- 9. sniffing an OpenDocument file reads a bounded prefix of its mimetype --------------------

# The peak resident memory of this process's own image (VmHWM): unlike ru_maxrss it does not
# carry over the parent's size from before exec.
SNIFF = """
import re, sys
from pathlib import Path
from zi_desktop.storage.filetypes import detect_type
print(detect_type(Path(sys.argv[1])))
status = Path("/proc/self/status").read_text()
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
"""


def test_sniffing_reads_a_bounded_prefix_of_an_archive_member(tmp_path: Path) -> None:
    path = tmp_path / "besar.odt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:  # noqa: SIM117
        with archive.open("mimetype", "w") as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            for _ in range(300):
                member.write(b" " * (1 << 20))  # 300 MB inflated, a few hundred KB packed
    assert path.stat().st_size < 2 << 20
    done = subprocess.run(
        [sys.executable, "-c", SNIFF, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    mime, peak_mb = done.stdout.split()
    assert mime == "application/vnd.oasis.opendocument.text"
    assert int(peak_mb) < 100


# -- 16. an export that did not produce its file changes nothing --------------------------------


@pytest.fixture
def people(tmp_path: Path) -> tuple[Path, Path]:
    """Dewi's identity folder and the coordinator's card."""
    dewi, koor = tmp_path / "id-dewi", tmp_path / "id-koor"
    idsvc.create_identity(
        EvaluatorProfile("Dewi Lestari", "198703152010122001", "anggota"), PASSPHRASE, dewi
    )
    idsvc.create_identity(
        EvaluatorProfile("Hendra Gunawan", "197001011995031002", "koordinator"), PASSPHRASE, koor
    )
    card = tmp_path / "koor.card"
    idsvc.export_card(card, PASSPHRASE, koor)
    return dewi, card


def _sequences(ws: Workspace) -> list[int]:
    conn = sqlite3.connect(ws.layout.database)
    try:
        return [r[0] for r in conn.execute("SELECT sequence FROM package_out ORDER BY sequence")]
    finally:
        conn.close()


def _export(ws: Workspace, people: tuple[Path, Path], target: Path, **kw: object):  # type: ignore[no-untyped-def]
    dewi, card = people
    return sync.export_package(
        ws, ["KPP-001"], target, PASSPHRASE, to=card, identity_folder=dewi, **kw
    )


def test_an_export_to_a_folder_takes_no_sequence(
    ws: Workspace, people: tuple[Path, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "a-folder.zisync"
    folder.mkdir()
    with pytest.raises(UserFacingError, match="folder"):
        _export(ws, people, folder)
    assert _sequences(ws) == []
    done = _export(ws, people, tmp_path / "p.zisync", since_last=True)
    assert done.sequence == 1 and done.mode == "full"
    assert _sequences(ws) == [1]


@pytest.mark.parametrize("split_mb", [None, 1])
def test_an_export_failing_as_it_is_put_in_place_takes_no_sequence(
    ws: Workspace,
    people: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    split_mb: int | None,
) -> None:
    out = tmp_path / "out"
    out.mkdir()

    def fail(*_args: object, **_kw: object) -> None:
        raise OSError(28, "No space left on device")

    if split_mb is None:
        monkeypatch.setattr(sync.os, "replace", fail)
    else:
        real_write_all = sync.split._write_all
        calls = []

        def write_then_fail(fd: int, data: bytes) -> None:
            calls.append(1)
            if len(calls) > 1:  # the first part's header is written, its data is not
                fail()
            real_write_all(fd, data)

        monkeypatch.setattr(sync.split, "_write_all", write_then_fail)
    with pytest.raises(UserFacingError):
        _export(ws, people, out / "p.zisync", split_mb=split_mb)
    assert _sequences(ws) == []
    assert list(out.iterdir()) == []  # no package, no part, no temp file
    monkeypatch.undo()
    assert _export(ws, people, out / "p.zisync").sequence == 1


def test_a_split_failing_half_way_leaves_no_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "p.zisync"
    package.write_bytes(os.urandom(10_000))
    parts = tmp_path / "parts"
    parts.mkdir()
    written: list[Path] = []
    real_part_name = sync.split.part_name

    def count_then_fail(target: Path, index: int, count: int) -> Path:
        if index == 4:
            raise OSError(28, "No space left on device")
        written.append(real_part_name(target, index, count))
        return written[-1]

    monkeypatch.setattr(sync.split, "part_name", count_then_fail)
    with pytest.raises(OSError):
        sync.split.split(package, parts / "p.zisync", 2048)
    assert len(written) == 3  # three parts were complete before the failure ...
    assert list(parts.iterdir()) == []  # ... and are gone with it
