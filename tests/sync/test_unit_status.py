"""A unit's status comes from its assessment: not started, in progress, complete, sent — and
a change after sending makes it in progress (or complete) again. The unit list filters on it."""

from __future__ import annotations

from pathlib import Path

from sync_helpers import People

from zi_desktop.services.sync import export as sync
from zi_desktop.services.unit_list import STATUSES, UnitIndex
from zi_desktop.services.workspace import Workspace


def _status(ws: Workspace) -> dict[str, str]:
    return {r.code: r.status for r in ws.list_units()}


def _fill_all(ws: Workspace, code: str) -> None:
    view = ws.open_assessment(code)
    definition = ws.definition(view.lke)
    for node in definition.answer_ids():
        item = definition.items.get(node)
        if item is None:
            ws.set_answer(code, "tpi", node, 1)
        elif item.options:
            ws.set_answer(code, "tpi", node, item.options[0].code)
        else:
            ws.set_answer(code, "tpi", node, 3)


def test_status_follows_the_assessment_and_the_packages_sent(
    evaluator: Workspace, people: People, tmp_path: Path
) -> None:
    ws = evaluator
    assert _status(ws) == {
        "KPP-001": "in_progress",
        "RSUD-002": "not_started",
        "DUK-003": "not_started",
    }
    _fill_all(ws, "DUK-003")
    assert _status(ws)["DUK-003"] == "complete"
    sync.export_package(
        ws,
        ["KPP-001"],
        tmp_path / "p1.zisync",
        people.dewi.signer,
        to=people.koor.card,
        identity_folder=people.dewi.folder,
    )
    assert _status(ws)["KPP-001"] == "sent"
    assert {r.code for r in ws.list_units(status="sent")} == {"KPP-001"}
    assert {r.code for r in ws.list_units(status="not_started")} == {"RSUD-002"}
    ws.set_answer("KPP-001", "tpi", "A.I.1.i.a", "Tidak")  # changed after sending
    assert _status(ws)["KPP-001"] == "in_progress"
    assert set(_status(ws).values()) <= set(STATUSES)
    index = UnitIndex.peek(ws.layout.root)  # the start-up list agrees
    assert index is not None
    try:
        assert {r.code: r.status for r in index.list_units()} == _status(ws)
        assert [r.code for r in index.list_units(status="complete")] == ["DUK-003"]
    finally:
        index.close()
