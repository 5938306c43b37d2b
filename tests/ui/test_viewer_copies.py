"""Read-only copies made for the system viewer are removed, not left in the temp folder."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.evidence import opener


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(opener, "_folder", None)
    yield tmp_path


@pytest.mark.parametrize(
    ("name", "mime", "shown"),
    [
        ("laporan.hta", "text/plain", "laporan.hta.txt"),
        ("skrip.js", "text/plain", "skrip.js.txt"),
        ("catatan.vbs", "text/csv", "catatan.vbs.csv"),
        ("run.bat", "text/plain", "run.bat.txt"),
        ("go.cmd", "text/plain", "go.cmd.txt"),
        ("pintas.lnk", "application/pdf", "pintas.lnk.pdf"),
        ("layar.scr", "image/png", "layar.scr.png"),
        ("setup.exe", "application/x-ole-storage", "setup.exe.doc"),
        ("halaman.html", "text/plain", "halaman.html.txt"),
        ("foto\u202egpj.exe", "image/jpeg", "foto_gpj.exe.jpg"),
        ("surat.pdf", "application/pdf", "surat.pdf"),
    ],
)
def test_a_copy_never_carries_an_extension_its_content_does_not_have(
    temp_root: Path, name: str, mime: str, shown: str
) -> None:
    stored = temp_root / "cd34"
    stored.write_bytes(b"content")
    assert opener.viewer_copy(stored, name, mime, "cd34" * 16).name == shown


def test_copy_is_read_only_named_and_removed_at_exit(temp_root: Path) -> None:
    stored = temp_root / "ab12"
    stored.write_bytes(b"%PDF-1.4 evidence")
    copy = opener.viewer_copy(stored, "../Laporan: 2026.pdf", "application/pdf", "ab12" * 16)
    assert copy.name == "Laporan_ 2026.pdf"
    assert copy.read_bytes() == b"%PDF-1.4 evidence"
    assert stat.S_IMODE(copy.stat().st_mode) == stat.S_IRUSR  # the viewer cannot change it
    opener.remove_viewer_copies()
    assert not copy.exists()
    assert list(temp_root.glob(opener.PREFIX + "*")) == []
    assert stored.read_bytes() == b"%PDF-1.4 evidence"  # the stored file is untouched


def test_only_stale_copies_of_other_runs_are_removed(temp_root: Path) -> None:
    old, young = temp_root / (opener.PREFIX + "old"), temp_root / (opener.PREFIX + "young")
    for folder in (old, young):
        (folder / "x").mkdir(parents=True)
        (folder / "x" / "a.pdf").write_bytes(b"copy")
        os.chmod(folder / "x" / "a.pdf", 0o400)
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    other = temp_root / "someone-else"
    other.mkdir()
    os.utime(other, (two_days_ago, two_days_ago))
    opener.remove_viewer_copies()
    assert not old.exists()
    assert (young / "x" / "a.pdf").read_bytes() == b"copy"  # another window may show it
    assert other.exists()
