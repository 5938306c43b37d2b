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


def test_copy_is_read_only_named_and_removed_at_exit(temp_root: Path) -> None:
    stored = temp_root / "ab12"
    stored.write_bytes(b"%PDF-1.4 evidence")
    copy = opener.viewer_copy(stored, "../Laporan: 2026.pdf", "ab12" * 16)
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
