"""The unit index: the unit list read with sqlite3 alone, before the workspace is open."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from zi_desktop.services.unit_list import UnitIndex
from zi_desktop.services.workspace import Workspace

FILTERS = [
    {},
    {"query": "rsud"},
    {"query": "  %"},
    {"query": "_"},
    {"status": "draft"},
    {"status": "reviewed"},
    {"target": "WBBM"},
    {"target": "WBK", "query": "a"},
]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_index_lists_what_the_open_workspace_lists(demo_ws: Workspace, filters: dict) -> None:
    index = UnitIndex.peek(demo_ws.layout.root)  # read while the workspace holds its lock
    assert index is not None
    try:
        assert index.list_units(**filters) == demo_ws.list_units(**filters)
        assert index.instansi_list() == demo_ws.instansi_list()
        for code, name in demo_ws.instansi_list():
            expected = demo_ws.list_units(instansi=code)
            assert index.list_units(instansi=code) == expected
            assert index.list_units(instansi=name) == expected
    finally:
        index.close()


def test_index_shows_answers_saved_by_the_workspace(demo_ws: Workspace) -> None:
    index = UnitIndex.peek(demo_ws.layout.root)
    assert index is not None
    before = index.list_units()
    row = next(r for r in before if r.answered_tpi == 0)
    demo_ws.set_answer(row.code, "tpi", "A.I.1.i.a", "Ya")
    after = index.list_units()
    assert after == demo_ws.list_units()
    assert [r.answered_tpi for r in after if r.code == row.code] == [1]
    index.close()


def test_index_knows_whether_the_workspace_is_the_demo(demo_template: Path, tmp_path: Path) -> None:
    index = UnitIndex.peek(demo_template)
    assert index is not None
    with Workspace.open(tmp_path / "fresh") as fresh:
        assert not fresh.is_demo()
        empty = UnitIndex.peek(fresh.layout.root)
        assert empty is not None and not empty.is_demo() and empty.list_units() == []
        empty.close()
    assert index.is_demo()
    index.close()


def test_reading_the_index_changes_nothing(demo_template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)
    before = {p.name: _sha(p) for p in folder.rglob("*") if p.is_file()}
    index = UnitIndex.peek(folder)
    assert index is not None
    index.list_units("a", status="draft")
    index.instansi_list()
    after = {p.name: _sha(p) for p in folder.rglob("*") if p.is_file()}
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) <= {"zi.sqlite-wal", "zi.sqlite-shm"}  # SQLite's own
    Workspace.open(folder).close()  # the index holds no lock
    index.close()


def test_no_index_without_a_current_database(demo_template: Path, tmp_path: Path) -> None:
    assert UnitIndex.peek(tmp_path / "missing") is None
    (tmp_path / "garbage").mkdir()
    (tmp_path / "garbage" / "zi.sqlite").write_bytes(b"not a database at all" * 100)
    assert UnitIndex.peek(tmp_path / "garbage") is None
    old = tmp_path / "old"
    shutil.copytree(demo_template, old)
    with sqlite3.connect(old / "zi.sqlite") as conn:
        conn.execute("PRAGMA user_version = 1")  # due for an upgrade: the workspace opens first
    conn.close()
    assert UnitIndex.peek(old) is None
