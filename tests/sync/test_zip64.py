"""The ZIP64 layout, exercised with the limits lowered (a real one needs packages over 4 GiB):
written, verified, and readable by Python's own ``zipfile`` too."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sync_helpers import People
from test_import import export, import_

from zi_desktop.services.sync import importer as sync_import
from zi_desktop.services.workspace import Workspace
from zi_desktop.sync import zipfmt


def test_zip64_entries_and_end_records_round_trip(
    evaluator: Workspace,
    coordinator: Workspace,
    people: People,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(zipfmt, "ZIP64_AT", 1000)  # sizes and offsets from 1000 bytes on
    monkeypatch.setattr(zipfmt, "ENTRIES64_AT", 3)  # ZIP64 end records from 3 entries on
    path = export(evaluator, people.dewi, people, tmp_path / "z64.zisync").paths[0]
    data = path.read_bytes()
    assert data[-22 - 20 - 56 : -22 - 20 - 52] == b"PK\x06\x06"  # the ZIP64 end record
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert "manifest.json" in archive.namelist()
    report = sync_import.verify_package(path, cards=[people.dewi.card])
    assert all(u.fingerprint_checked for u in report.units)
    assert import_(coordinator, people, path).conflicts == 0
