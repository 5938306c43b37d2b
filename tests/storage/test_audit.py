"""The audit hash chain: intact after service changes, and every kind of tampering detected."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from zi_desktop.services.workspace import Workspace
from zi_desktop.storage.audit import GENESIS, HEAD_KEY, canonical, event_hash
from zi_desktop.values.views import UnitInfo

CODE = "U-1"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A closed workspace with a dozen audit events from ordinary service calls."""
    root = tmp_path / "ws"
    source = tmp_path / "bukti.txt"
    source.write_text("Notulen rapat\n", encoding="utf-8")
    with Workspace.open(root, actor="Dewi") as ws:
        ws.add_instansi("KAB-X", "Kabupaten X")
        ws.add_unit(UnitInfo(CODE, "Unit Satu", "KAB-X", "Kabupaten X"))
        ws.start_assessment(CODE, 2026, "permenpanrb-90-2021")
        ws.set_answer(CODE, "tpi", "A.I.1.i.a", "Ya")
        ws.set_answer(CODE, "tpi", "A.I.1.i.b", "B")
        ws.set_answer(CODE, "tpi", "A.I.1.i.b", "A")
        ws.set_answer(CODE, "tpi", "A.II.1.i.a.1", 10)
        ws.set_note(CODE, "tpi", "A.I.1.i.a", "Sudah sesuai")
        link = ws.attach_evidence(CODE, "tpi", "A.I.1.i.a", source, "Notulen")
        ws.set_caption(link.id, "Notulen rapat")
        ws.set_status(CODE, "submitted")
        ws.set_recommendation(CODE, 2, "Perbaiki SOP")
        ws.clear_answer(CODE, "tpi", "A.I.1.i.b")
        report = ws.verify_audit()
        assert report.ok and report.events == 13
    return root


def _verify(folder: Path) -> tuple[bool, int, str, int | None]:
    with Workspace.open(folder, create=False) as ws:
        r = ws.verify_audit()
    return r.ok, r.events, r.problem, r.seq


def _sql(folder: Path, *statements: tuple[str, tuple[object, ...]]) -> None:
    conn = sqlite3.connect(folder / "zi.sqlite")
    try:
        with conn:
            for statement, params in statements:
                conn.execute(statement, params)
    finally:
        conn.close()


def _event(folder: Path, seq: int) -> tuple[object, ...]:
    conn = sqlite3.connect(folder / "zi.sqlite")
    try:
        row = conn.execute(
            "SELECT seq, at, actor, entity, old, new, prev_hash, hash FROM audit_event "
            "WHERE seq = ?",
            (seq,),
        ).fetchone()
        assert row is not None
        return tuple(row)
    finally:
        conn.close()


def test_service_changes_make_an_intact_chain(folder: Path) -> None:
    assert _verify(folder) == (True, 13, "", None)
    first = _event(folder, 1)
    assert first[6] == GENESIS
    for seq in range(2, 14):
        assert _event(folder, seq)[6] == _event(folder, seq - 1)[7]
    last = _event(folder, 13)
    assert last[2] == "Dewi" and json.loads(str(last[4])) == "A" and last[5] == "null"


def test_a_change_that_changes_nothing_adds_no_event(folder: Path) -> None:
    with Workspace.open(folder) as ws:
        ws.set_answer(CODE, "tpi", "A.I.1.i.a", "Ya")  # same value
        ws.set_note(CODE, "tpi", "A.I.1.i.a", "Sudah sesuai")
        ws.set_status(CODE, "submitted")
        assert ws.verify_audit().events == 13


def test_edited_event_is_detected(folder: Path) -> None:
    _sql(folder, ("UPDATE audit_event SET new = ? WHERE seq = 5", ('"Tidak"',)))
    assert _verify(folder) == (False, 5, "edited", 5)


def test_edited_actor_or_time_is_detected(folder: Path) -> None:
    _sql(folder, ("UPDATE audit_event SET actor = 'Agus' WHERE seq = 7", ()))
    assert _verify(folder)[2:] == ("edited", 7)


def test_deleted_middle_event_is_detected(folder: Path) -> None:
    _sql(folder, ("DELETE FROM audit_event WHERE seq = 6", ()))
    ok, _events, problem, seq = _verify(folder)
    assert (ok, problem, seq) == (False, "missing_or_inserted", 7)


def test_forged_event_with_a_foreign_sequence_number_is_detected(folder: Path) -> None:
    prev = str(_event(folder, 4)[7])
    at = "2026-01-01T00:00:00.000000+00:00"
    old, new = canonical(None), canonical("Ya")
    entity = f"answer/{CODE}/2026/tpi/A.I.2.i.a"
    forged = event_hash(prev, 100, at, "Dewi", entity, old, new)
    _sql(
        folder,
        (
            "INSERT INTO audit_event VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (100, at, "Dewi", entity, old, new, prev, forged),
        ),
    )
    assert _verify(folder)[0::2] == (False, "missing_or_inserted")
    assert _verify(folder)[3] == 100


def test_forged_event_spliced_into_the_middle_is_detected(folder: Path) -> None:
    # Make room at seq 5 by renumbering the later events, then insert a well-formed event.
    _sql(folder, ("UPDATE audit_event SET seq = seq + 1000 WHERE seq >= 5", ()))
    _sql(folder, ("UPDATE audit_event SET seq = seq - 999 WHERE seq >= 1005", ()))
    prev = str(_event(folder, 4)[7])
    at = "2026-01-01T00:00:00.000000+00:00"
    entity = f"answer/{CODE}/2026/tpi/A.I.2.i.a"
    old, new = canonical(None), canonical("Ya")
    forged = event_hash(prev, 5, at, "Dewi", entity, old, new)
    _sql(
        folder,
        (
            "INSERT INTO audit_event VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (5, at, "Dewi", entity, old, new, prev, forged),
        ),
    )
    ok, _events, problem, seq = _verify(folder)
    assert (ok, problem, seq) == (False, "broken_link", 6)


def test_forged_event_appended_at_the_end_is_detected(folder: Path) -> None:
    last = _event(folder, 13)
    at = "2026-12-31T00:00:00.000000+00:00"
    entity = f"answer/{CODE}/2026/tpi/B.I.a"
    old, new = canonical(None), canonical("4")
    forged = event_hash(str(last[7]), 14, at, "Dewi", entity, old, new)
    _sql(
        folder,
        (
            "INSERT INTO audit_event VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (14, at, "Dewi", entity, old, new, last[7], forged),
        ),
    )
    ok, events, _problem, _seq = _verify(folder)
    assert not ok and events == 14


def test_forged_event_appended_at_the_end_is_reported_as_inserted(folder: Path) -> None:
    last = _event(folder, 13)
    at = "2026-12-31T00:00:00.000000+00:00"
    entity = f"answer/{CODE}/2026/tpi/B.I.a"
    old, new = canonical(None), canonical("4")
    forged = event_hash(str(last[7]), 14, at, "Dewi", entity, old, new)
    _sql(
        folder,
        (
            "INSERT INTO audit_event VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (14, at, "Dewi", entity, old, new, last[7], forged),
        ),
    )
    assert _verify(folder)[2:] == ("missing_or_inserted", 14)


def test_swapped_events_are_detected(folder: Path) -> None:
    _sql(
        folder,
        ("UPDATE audit_event SET seq = -1 WHERE seq = 8", ()),
        ("UPDATE audit_event SET seq = 8 WHERE seq = 9", ()),
        ("UPDATE audit_event SET seq = 9 WHERE seq = -1", ()),
    )
    ok, _events, problem, seq = _verify(folder)
    assert (ok, problem, seq) == (False, "broken_link", 8)


def test_deleted_last_event_is_detected_through_the_head(folder: Path) -> None:
    _sql(folder, ("DELETE FROM audit_event WHERE seq = 13", ()))
    assert _verify(folder) == (False, 12, "truncated", 13)


def test_deleted_last_events_and_head_rewound_is_not_detected_without_the_head(
    folder: Path,
) -> None:
    # Documents the limit of an unkeyed chain: whoever rewrites the head too is not caught
    # here (sync packages are signed for that). The rewind must be exact to pass.
    last_kept = _event(folder, 11)
    head = canonical({"seq": 11, "hash": last_kept[7]})
    _sql(
        folder,
        ("DELETE FROM audit_event WHERE seq > 11", ()),
        ("UPDATE setting SET value = ? WHERE key = ?", (head, HEAD_KEY)),
    )
    assert _verify(folder) == (True, 11, "", None)
    wrong = canonical({"seq": 12, "hash": last_kept[7]})
    _sql(folder, ("UPDATE setting SET value = ? WHERE key = ?", (wrong, HEAD_KEY)))
    assert _verify(folder)[2] == "truncated"


def test_all_events_deleted_is_detected(folder: Path) -> None:
    _sql(folder, ("DELETE FROM audit_event", ()))
    assert _verify(folder) == (False, 0, "truncated", 13)


def _zi(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ZI_LANG="en")
    return subprocess.run(
        [sys.executable, "-m", "zi_desktop.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_zi_audit_verify_exit_status(folder: Path) -> None:
    intact = _zi("audit", "verify", "--workspace", str(folder))
    assert intact.returncode == 0, intact.stderr
    assert "13" in intact.stdout and "intact" in intact.stdout
    _sql(folder, ("UPDATE audit_event SET old = '\"Tidak\"' WHERE seq = 4", ()))
    broken = _zi("audit", "verify", "--workspace", str(folder))
    assert broken.returncode == 1
    assert "BROKEN" in broken.stderr and "4" in broken.stderr and "edited" in broken.stderr
